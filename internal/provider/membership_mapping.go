package provider

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The memberships' mapping: the five membership resources are one resource
// (resource_membership.go) over this table. Each holds all the roles that
// one user or team (the owner) has of one kind: in groups, in connections,
// or a team's users. Their shapes are the official provider's, so that HCL
// and state move unchanged: the owner's id, and one block per target with
// its id and role.
//
// A resource is authoritative over its owner's memberships of its kind: a
// role given outside Terraform shows in the plan, to be removed. An apply
// removes only what its plan showed: a create adds the planned roles and
// leaves any others, which the next plan shows.

// membershipSpec describes one kind of membership resource.
type membershipSpec struct {
	typeSuffix string // "_user_group_membership"
	kind       fivetran.MembershipKind
	ownerAttr  string // "user_id" or "team_id"
	ownerWhat  string // "user" or "team"
	block      string // "group", "connector" or "user"
	targetAttr string // "group_id", "connector_id" or "user_id"
	targetWhat string // "group", "connection" or "user"
}

var membershipSpecs = []membershipSpec{
	{typeSuffix: "_user_group_membership", kind: fivetran.UserGroups, ownerAttr: "user_id", ownerWhat: "user",
		block: "group", targetAttr: "group_id", targetWhat: "group"},
	{typeSuffix: "_user_connector_membership", kind: fivetran.UserConnections, ownerAttr: "user_id", ownerWhat: "user",
		block: "connector", targetAttr: "connector_id", targetWhat: "connection"},
	{typeSuffix: "_team_user_membership", kind: fivetran.TeamUsers, ownerAttr: "team_id", ownerWhat: "team",
		block: "user", targetAttr: "user_id", targetWhat: "user"},
	{typeSuffix: "_team_group_membership", kind: fivetran.TeamGroups, ownerAttr: "team_id", ownerWhat: "team",
		block: "group", targetAttr: "group_id", targetWhat: "group"},
	{typeSuffix: "_team_connector_membership", kind: fivetran.TeamConnections, ownerAttr: "team_id", ownerWhat: "team",
		block: "connector", targetAttr: "connector_id", targetWhat: "connection"},
}

// roleIn is one membership as the configuration writes it: a target and
// the role in it.
type roleIn struct{ target, role string }

func (s membershipSpec) elemType() types.ObjectType {
	return types.ObjectType{AttrTypes: map[string]attr.Type{s.targetAttr: types.StringType, "role": types.StringType}}
}

// rolesOf reads the block's set from st (a plan or a state). Elements not
// yet known are skipped.
func (s membershipSpec) rolesOf(ctx context.Context, st interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, diags *diag.Diagnostics) []roleIn {
	var set types.Set
	diags.Append(st.GetAttribute(ctx, path.Root(s.block), &set)...)
	var out []roleIn
	for _, e := range set.Elements() {
		o, ok := e.(types.Object)
		if !ok || o.IsUnknown() {
			continue
		}
		a := o.Attributes()
		t, _ := a[s.targetAttr].(types.String)
		r, _ := a["role"].(types.String)
		out = append(out, roleIn{target: t.ValueString(), role: r.ValueString()})
	}
	return out
}

// setOf is the block's set holding rs, ordered by target.
func (s membershipSpec) setOf(rs []roleIn) types.Set {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b roleIn) int { return cmp.Compare(a.target, b.target) })
	vs := make([]attr.Value, len(rs))
	for i, r := range rs {
		vs[i] = types.ObjectValueMust(s.elemType().AttrTypes, map[string]attr.Value{
			s.targetAttr: types.StringValue(r.target), "role": types.StringValue(r.role)})
	}
	return types.SetValueMust(s.elemType(), vs)
}

// fromAPI is what the listed memberships read as.
func fromAPIMemberships(ms []fivetran.Membership) []roleIn {
	out := make([]roleIn, len(ms))
	for i, m := range ms {
		out[i] = roleIn{target: m.TargetID(), role: m.Role}
	}
	return out
}

// setState writes the owner and its roles into st.
func (s membershipSpec) setState(ctx context.Context, st *tfsdk.State, owner string, rs []roleIn, diags *diag.Diagnostics) {
	diags.Append(st.SetAttribute(ctx, path.Root("id"), owner)...)
	diags.Append(st.SetAttribute(ctx, path.Root(s.ownerAttr), owner)...)
	diags.Append(st.SetAttribute(ctx, path.Root(s.block), s.setOf(rs))...)
}

// membershipChanges is what takes the memberships from prior to plan: the
// roles to add, to change and to remove (targets).
func membershipChanges(prior, plan []roleIn) (add, change []roleIn, remove []string) {
	had := map[string]string{}
	for _, r := range prior {
		had[r.target] = r.role
	}
	want := map[string]bool{}
	for _, r := range plan {
		want[r.target] = true
		switch role, ok := had[r.target]; {
		case !ok:
			add = append(add, r)
		case role != r.role:
			change = append(change, r)
		}
	}
	for _, r := range prior {
		if !want[r.target] {
			remove = append(remove, r.target)
		}
	}
	return add, change, remove
}

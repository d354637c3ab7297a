package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                   = (*membershipResource)(nil)
	_ resource.ResourceWithConfigure      = (*membershipResource)(nil)
	_ resource.ResourceWithImportState    = (*membershipResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*membershipResource)(nil)
	_ resource.ResourceWithValidateConfig = (*membershipResource)(nil)
	_ resource.ResourceWithUpgradeState   = (*membershipResource)(nil)
	_ resource.ResourceWithMoveState      = (*membershipResource)(nil)
)

// membershipResources are the five membership resources, one per spec
// (membership_mapping.go).
func membershipResources() []func() resource.Resource {
	out := make([]func() resource.Resource, len(membershipSpecs))
	for i := range membershipSpecs {
		s := membershipSpecs[i]
		out[i] = func() resource.Resource { return &membershipResource{spec: s} }
	}
	return out
}

type membershipResource struct {
	spec membershipSpec
	data *providerData
}

func (r *membershipResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.spec.typeSuffix
}

func (r *membershipResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	s := r.spec
	scope := roleScopeWords[s.kind.Scope]
	resp.Schema = schema.Schema{
		Version: membershipSchemaVersion,
		MarkdownDescription: fmt.Sprintf("The roles of one %[1]s in %[2]ss: one `%[3]s` block per %[2]s, with %[4]s. Authoritative: a "+
			"role the %[1]s is given in another %[2]s outside Terraform shows in the plan, to be removed. A create adds the roles written "+
			"(a %[2]s the %[1]s has a role in already gets the written one) and leaves any other, which the next plan shows. Roles are "+
			"checked at plan against the account's roles. The official provider's resource of this name moves here, to a new address "+
			"or the same one, with its blocks.", s.ownerWhat, s.targetWhat, s.block, scope),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s's id, as `%s`.", s.ownerWhat, s.ownerAttr),
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			s.ownerAttr: schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s whose roles these are, usually `fivetran_%s.<name>.id`. A change replaces the resource.",
					s.ownerWhat, s.ownerWhat),
				Required:      true,
				Validators:    []validator.String{idValidator{what: s.ownerWhat}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
		},
		Blocks: map[string]schema.Block{
			s.block: schema.SetNestedBlock{
				MarkdownDescription: fmt.Sprintf("One %s and the %s's role in it. None: the %s has no role in any %s.", s.targetWhat, s.ownerWhat,
					s.ownerWhat, s.targetWhat),
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					s.targetAttr: schema.StringAttribute{
						MarkdownDescription: fmt.Sprintf("The %s's id.", s.targetWhat),
						Required:            true,
						Validators:          []validator.String{idValidator{what: s.targetWhat}},
					},
					"role": schema.StringAttribute{
						MarkdownDescription: fmt.Sprintf("The role, %s (the `fivetran_roles` data source with `scope = \"%s\"` lists them). "+
							"Checked at plan against the account's roles. Changed in place.", scope, s.kind.Scope),
						Required: true,
					},
				}},
			},
		},
	}
}

func (r *membershipResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig refuses two blocks for one target: a membership holds one
// role.
func (r *membershipResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	seen := map[string]bool{}
	for _, rl := range r.spec.rolesOf(ctx, req.Config, &resp.Diagnostics) {
		if rl.target == "" {
			continue // unknown until apply
		}
		if seen[rl.target] {
			resp.Diagnostics.AddAttributeError(path.Root(r.spec.block), "Two roles in one "+r.spec.targetWhat,
				fmt.Sprintf("Two %s blocks name %s %q: a %s holds one role in a %s. Keep one block for it.", r.spec.block, r.spec.targetWhat,
					rl.target, r.spec.ownerWhat, r.spec.targetWhat))
		}
		seen[rl.target] = true
	}
}

// ModifyPlan checks each role that the plan adds or changes against the
// account's roles.
func (r *membershipResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil || req.Plan.Raw.IsNull() {
		return
	}
	var prior []roleIn
	if !req.State.Raw.IsNull() {
		prior = r.spec.rolesOf(ctx, req.State, &resp.Diagnostics)
	}
	add, change, _ := membershipChanges(prior, r.spec.rolesOf(ctx, req.Plan, &resp.Diagnostics))
	checked := map[string]bool{}
	for _, rl := range append(add, change...) {
		if rl.role == "" || checked[rl.role] {
			continue
		}
		checked[rl.role] = true
		r.data.checkRole(r.data.logContext(ctx), rl.role, path.Root(r.spec.block), r.spec.kind.Scope, &resp.Diagnostics)
	}
}

func (r *membershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var owner types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(r.spec.ownerAttr), &owner)...)
	plan := r.spec.rolesOf(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// What the owner has already (a group's creator is its member, a role
	// given in the dashboard) is changed to the planned role rather than
	// added a second time; roles the plan does not name are left, and the
	// next plan shows them.
	current, err := r.data.client.ListMemberships(ctx, r.spec.kind, owner.ValueString())
	if err != nil {
		r.ownerError(ctx, "list the memberships of", owner.ValueString(), err, &resp.Diagnostics)
		return
	}
	have := fromAPIMemberships(current)
	add, change, _ := membershipChanges(have, plan)
	done := r.apply(ctx, owner.ValueString(), add, change, nil, &resp.Diagnostics)
	// The state is what was made, also when a later request failed: the
	// planned targets the owner had already, with each add and role change
	// that succeeded.
	var before []roleIn
	for _, h := range have {
		if slices.ContainsFunc(plan, func(p roleIn) bool { return p.target == h.target }) {
			before = append(before, h)
		}
	}
	r.spec.setState(ctx, &resp.State, owner.ValueString(), done(before), &resp.Diagnostics)
	r.setOwnerIdentity(ctx, resp.Identity, owner.ValueString(), &resp.Diagnostics)
}

func (r *membershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var owner types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(r.spec.ownerAttr), &owner)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultReadTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ms, err := r.data.client.ListMemberships(ctx, r.spec.kind, owner.ValueString())
	if err != nil {
		if r.ownerGone(ctx, err) {
			tflog.Debug(ctx, "The owner of memberships is gone from Fivetran; removing them from state",
				map[string]any{r.spec.ownerAttr: owner.ValueString()})
			resp.State.RemoveResource(ctx)
			r.setOwnerIdentity(ctx, resp.Identity, owner.ValueString(), &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read the memberships of", r.spec.ownerWhat, owner.ValueString(), err)
		return
	}
	r.spec.setState(ctx, &resp.State, owner.ValueString(), fromAPIMemberships(ms), &resp.Diagnostics)
	r.setOwnerIdentity(ctx, resp.Identity, owner.ValueString(), &resp.Diagnostics)
}

func (r *membershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var owner types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(r.spec.ownerAttr), &owner)...)
	prior := r.spec.rolesOf(ctx, req.State, &resp.Diagnostics)
	plan := r.spec.rolesOf(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	add, change, remove := membershipChanges(prior, plan)
	done := r.apply(ctx, owner.ValueString(), add, change, remove, &resp.Diagnostics)
	r.spec.setState(ctx, &resp.State, owner.ValueString(), done(prior), &resp.Diagnostics)
	r.setOwnerIdentity(ctx, resp.Identity, owner.ValueString(), &resp.Diagnostics)
}

func (r *membershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var owner types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(r.spec.ownerAttr), &owner)...)
	prior := r.spec.rolesOf(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	remove := make([]string, len(prior))
	for i, p := range prior {
		remove[i] = p.target
	}
	r.apply(ctx, owner.ValueString(), nil, nil, remove, &resp.Diagnostics)
}

// apply sends the adds, role changes and removals, and returns what the
// memberships are after them, from what they were before: each request
// that succeeded is applied to it.
func (r *membershipResource) apply(ctx context.Context, owner string, add, change []roleIn, remove []string,
	diags *diag.Diagnostics) (done func(before []roleIn) []roleIn) {
	k := r.spec.kind
	ok := map[string]*roleIn{} // target → its role now; nil: removed
	for _, target := range remove {
		err := r.data.client.RemoveMembership(ctx, k, owner, target)
		if err != nil && !r.membershipGone(ctx, owner, target, err) {
			r.targetError(ctx, "remove", owner, target, err, diags)
			continue
		}
		ok[target] = nil
	}
	for _, rl := range change {
		if err := r.data.client.UpdateMembership(ctx, k, owner, rl.target, rl.role); err != nil {
			r.targetError(ctx, "change the role of", owner, rl.target, err, diags)
			continue
		}
		ok[rl.target] = &rl
	}
	for _, rl := range add {
		_, err := createReconciled(ctx, r.data.createAttempts(),
			func() (struct{}, error) {
				return struct{}{}, r.data.client.AddMembership(ctx, k, owner, rl.target, rl.role)
			},
			func() (struct{}, bool, error) {
				ms, err := r.data.client.ListMemberships(ctx, k, owner)
				for _, m := range ms {
					if m.TargetID() == rl.target && m.Role == rl.role {
						return struct{}{}, true, err
					}
				}
				return struct{}{}, false, err
			})
		if fivetran.IsConflict(err) {
			// Given in the meantime: set the planned role.
			err = r.data.client.UpdateMembership(ctx, k, owner, rl.target, rl.role)
		}
		if err != nil {
			r.targetError(ctx, "add", owner, rl.target, err, diags)
			continue
		}
		ok[rl.target] = &rl
	}
	return func(before []roleIn) []roleIn {
		var out []roleIn
		for _, b := range before {
			if now, touched := ok[b.target]; touched {
				if now != nil {
					out = append(out, *now)
				}
				delete(ok, b.target)
				continue
			}
			out = append(out, b)
		}
		for _, now := range ok {
			if now != nil {
				out = append(out, *now)
			}
		}
		return out
	}
}

// targetError reports a failed request about one target: at the block,
// saying whether the owner or the target is unknown.
func (r *membershipResource) targetError(ctx context.Context, verb, owner, target string, err error, diags *diag.Diagnostics) {
	s := r.spec
	at := path.Root(s.block)
	switch {
	case fivetran.IsNotFoundKind(err, s.kind.TargetKind) && s.kind.TargetKind != fivetran.KindUser:
		diags.AddAttributeError(at, "Unknown "+s.targetWhat,
			fmt.Sprintf("Fivetran has no %s %q, or the API key cannot see it: reference a fivetran_%s resource's id. %s", s.targetWhat, target,
				map[string]string{"group": "group", "connection": "connection"}[s.targetWhat], explainError(err)))
	case r.ownerGone(ctx, err):
		diags.AddAttributeError(path.Root(s.ownerAttr), "Unknown "+s.ownerWhat,
			fmt.Sprintf("Fivetran has no %s %q: reference a fivetran_%s resource's id. %s", s.ownerWhat, owner, s.ownerWhat, explainError(err)))
	default:
		addAPIError(diags, verb+" the membership of", s.ownerWhat, owner, fmt.Errorf("in %s %q: %w", s.targetWhat, target, err))
	}
}

// ownerError reports a failed request about the owner.
func (r *membershipResource) ownerError(ctx context.Context, verb, owner string, err error, diags *diag.Diagnostics) {
	if r.ownerGone(ctx, err) {
		diags.AddAttributeError(path.Root(r.spec.ownerAttr), "Unknown "+r.spec.ownerWhat,
			fmt.Sprintf("Fivetran has no %s %q: reference a fivetran_%s resource's id. %s", r.spec.ownerWhat, owner, r.spec.ownerWhat, explainError(err)))
		return
	}
	addAPIError(diags, verb, r.spec.ownerWhat, owner, err)
}

// membershipGone reports whether err, answered to a request about one
// membership, proves it gone: a missing membership is the plain NotFound,
// which an unknown route answers too, so it counts once the owner's list
// answers without it, or the owner is gone.
func (r *membershipResource) membershipGone(ctx context.Context, owner, target string, err error) bool {
	var apiErr *fivetran.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return false
	}
	ms, lerr := r.data.client.ListMemberships(ctx, r.spec.kind, owner)
	if lerr != nil {
		return r.ownerGone(ctx, lerr)
	}
	return !slices.ContainsFunc(ms, func(m fivetran.Membership) bool { return m.TargetID() == target })
}

// ownerGone reports whether err proves the owner gone: a team's own
// NotFound does; a user's plain NotFound once the list of users confirms it.
func (r *membershipResource) ownerGone(ctx context.Context, err error) bool {
	if r.spec.kind.OwnerKind == fivetran.KindUser {
		return r.data.userGone(ctx, err)
	}
	return fivetran.IsNotFoundKind(err, fivetran.KindTeam)
}

// ImportState imports the memberships of one owner, by its id.
func (r *membershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importOwner(ctx, req, resp, "fivetran"+r.spec.typeSuffix, r.spec.ownerAttr, r.spec.ownerWhat)
}

// membershipSchemaVersion starts at 1 because 0 is the official provider's
// resource of the same type name (see proxyAgentSchemaVersion).
const membershipSchemaVersion = 1

// defaultTimeouts and defaultReadTimeouts are the operation limits of the
// resources without a timeouts attribute.
func defaultTimeouts(_ context.Context, def time.Duration) (time.Duration, diag.Diagnostics) {
	return def, nil
}
func defaultReadTimeouts(_ context.Context, _ time.Duration) (time.Duration, diag.Diagnostics) {
	return defaultReadTimeout, nil
}

// movedMemberships is what a membership resource takes from an official
// state: the owner and, per block, the target and role (created_at, which
// the official blocks carry, is not kept).
type movedMemberships struct {
	spec  membershipSpec
	owner string
	roles []roleIn
}

func (m movedMemberships) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m.spec.setState(ctx, st, m.owner, m.roles, diags)
	(&membershipResource{spec: m.spec}).setOwnerIdentity(ctx, identity, m.owner, diags)
}

// officialMemberships reads an official membership state of spec's kind.
func (s membershipSpec) officialMemberships(raw []byte) (movedMemberships, error) {
	owner, pairs, err := officialOwnedSet(raw, s.ownerAttr, s.block, s.targetAttr, "role")
	if err != nil {
		return movedMemberships{}, err
	}
	m := movedMemberships{spec: s, owner: owner}
	for _, p := range pairs {
		m.roles = append(m.roles, roleIn{target: p[0], role: p[1]})
	}
	return m, nil
}

// UpgradeState takes version 0, the official provider's state, as a move
// from it does.
func (r *membershipResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran"+r.spec.typeSuffix, r.spec.officialMemberships, "")
}

// MoveState takes the official provider's resource of the same type name.
func (r *membershipResource) MoveState(context.Context) []resource.StateMover {
	return moveFromOfficial("fivetran"+r.spec.typeSuffix, r.spec.officialMemberships)
}

package provider

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// List resources (Terraform 1.14 and later): `list` blocks in .tfquery.hcl
// files find the groups, destinations and connections of the account, and
// `terraform query -generate-config-out=FILE` writes an import block (by
// identity) and a resource block for each. A result holds what an import by
// id would read: every non-secret config key, the defaults of the settings
// Fivetran does not store, and no secret (Fivetran never returns them).

var (
	_ provider.ProviderWithListResources = (*fivetranProvider)(nil)
	_ list.ListResourceWithConfigure     = (*groupList)(nil)
	_ list.ListResourceWithConfigure     = (*destinationList)(nil)
	_ list.ListResourceWithConfigure     = (*connectionList)(nil)
	_ list.ListResourceWithConfigure     = (*proxyAgentList)(nil)
	_ list.ListResourceWithConfigure     = (*privateLinkList)(nil)
	_ list.ListResourceWithConfigure     = (*hybridAgentList)(nil)
	_ list.ListResourceWithConfigure     = (*webhookList)(nil)
	_ list.ListResourceWithConfigure     = (*userList)(nil)
	_ list.ListResourceWithConfigure     = (*teamList)(nil)
	_ list.ListResourceWithConfigure     = (*externalLoggingList)(nil)
)

func (p *fivetranProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		func() list.ListResource { return &groupList{} },
		func() list.ListResource { return &destinationList{} },
		func() list.ListResource { return &connectionList{} },
		func() list.ListResource { return &proxyAgentList{} },
		func() list.ListResource { return &privateLinkList{} },
		func() list.ListResource { return &hybridAgentList{} },
		func() list.ListResource { return &webhookList{} },
		func() list.ListResource { return &userList{} },
		func() list.ListResource { return &teamList{} },
		func() list.ListResource { return &externalLoggingList{} },
	}
}

// namePattern is the `name` filter: a glob in which `*` stands for any run
// of characters (also none) and `?` for exactly one; everything else matches
// itself, case-sensitively, and the whole name must match. A glob, not a
// regular expression, because names are plain words and dots
// (`app_db`, `files.orders`) in which a regular expression's `.` would
// match too much.
type namePattern struct {
	re      *regexp.Regexp
	literal string // the name itself when the pattern has no wildcard
}

func compileNamePattern(v types.String) *namePattern {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	glob := v.ValueString()
	var b strings.Builder
	b.WriteString(`^`)
	wild := false
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteString(`.*`)
			wild = true
		case '?':
			b.WriteString(`.`)
			wild = true
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	p := &namePattern{re: regexp.MustCompile(b.String())}
	if !wild {
		p.literal = glob
	}
	return p
}

func (p *namePattern) matches(name string) bool { return p == nil || p.re.MatchString(name) }

const namePatternDescription = "In the glob, `*` stands for any characters (also none), `?` for exactly one, " +
	"anything else for itself (case-sensitive); the whole name must match, so `analytics` matches only that name and `analytics*` every name that starts with it."

func groupIDFilter(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Only " + what + " of this group (its id).",
		Optional:            true,
		Validators:          []validator.String{idValidator{what: "group"}},
	}
}

func serviceFilter(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Only " + what + " of this type, such as `" + map[string]string{"destinations": "snowflake", "connections": "postgres"}[what] + "`.",
		Optional:            true,
		Validators:          []validator.String{serviceIDValidator{}},
	}
}

// listStream turns found objects into results lazily, up to Terraform's
// limit, so that an object read in full for include_resource is read only
// when Terraform wants it.
func listStream[T any](ctx context.Context, req list.ListRequest, found []T, fill func(T, *list.ListResult)) func(func(list.ListResult) bool) {
	return func(push func(list.ListResult) bool) {
		for i, o := range found {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			fill(o, &result)
			if !push(result) {
				return
			}
		}
	}
}

// listFailed ends a list with diags (an error).
func listFailed(stream *list.ListResultsStream, diags diag.Diagnostics) {
	stream.Results = list.ListResultsStreamDiagnostics(diags)
}

// listSetup reads the list block's config into filter and checks that the
// provider is configured.
func listSetup(ctx context.Context, data *providerData, req list.ListRequest, filter any, stream *list.ListResultsStream) bool {
	var diags diag.Diagnostics
	diags.Append(req.Config.Get(ctx, filter)...)
	if data == nil {
		diags.AddError("Provider not configured", "The fivetran provider was not configured, so there is no account to list.")
	}
	if diags.HasError() {
		listFailed(stream, diags)
		return false
	}
	return true
}

// nullTimeouts is the timeouts attribute of a listed resource: not set.
func nullTimeouts(ctx context.Context, req list.ListRequest, diags *diag.Diagnostics) timeouts.Value {
	t, d := req.ResourceSchema.TypeAtPath(ctx, path.Root("timeouts"))
	diags.Append(d...)
	ot, ok := t.(interface{ AttributeTypes() map[string]attr.Type }) // timeouts.Type
	if !ok {
		diags.AddError("Unexpected timeouts type", fmt.Sprintf("The resource's timeouts attribute has type %T; please report this to the provider's developers.", t))
		return timeouts.Value{}
	}
	return timeouts.Value{Object: types.ObjectNull(ot.AttributeTypes())}
}

// listFilter is the group_id, service and name filters of the destination
// and connection lists, with one rule for both: group_id is an id, compared
// exactly; service is a type id, compared ignoring case (ids are lower case,
// and the filter's validator refuses any other, so an answer in another case
// is still the same type); name is a whole-name glob (namePattern). A
// destination goes by its group (destinationGroupID): its group's id, and
// its group's name, since a destination has none of its own.
type listFilter struct {
	GroupID types.String `tfsdk:"group_id"`
	Service types.String `tfsdk:"service"`
	Name    types.String `tfsdk:"name"`
}

// keeps reports whether an object of this group, service and name passes
// the filter (name compiled from f.Name).
func (f listFilter) keeps(name *namePattern, groupID, service, objectName string) bool {
	return (f.GroupID.IsNull() || groupID == f.GroupID.ValueString()) &&
		(f.Service.IsNull() || strings.EqualFold(service, f.Service.ValueString())) &&
		name.matches(objectName)
}

// listed is one result of a list before it is read in full: its id and the
// name Terraform shows for it.
type listed struct{ id, displayName string }

// destinationListing filters the destinations and orders them by their
// group's name, then id, each shown as "<group name> (<service>)".
func destinationListing(dests []fivetran.Destination, groups []fivetran.Group, f listFilter) []listed {
	groupName := map[string]string{}
	for _, g := range groups {
		groupName[g.ID] = g.Name
	}
	name := compileNamePattern(f.Name)
	dests = slices.DeleteFunc(slices.Clone(dests), func(d fivetran.Destination) bool {
		return !f.keeps(name, destinationGroupID(&d), d.Service, groupName[destinationGroupID(&d)])
	})
	slices.SortFunc(dests, func(a, b fivetran.Destination) int {
		ga, gb := destinationGroupID(&a), destinationGroupID(&b)
		return cmp.Or(strings.Compare(groupName[ga], groupName[gb]), strings.Compare(ga, gb), strings.Compare(a.ID, b.ID))
	})
	out := make([]listed, len(dests))
	for i, d := range dests {
		gid := destinationGroupID(&d)
		out[i] = listed{id: d.ID, displayName: fmt.Sprintf("%s (%s)", cmp.Or(groupName[gid], gid), d.Service)}
	}
	return out
}

// connectionListing filters the connections and orders them by group id,
// name, then id, each shown as "<name> (<service>, group <group id>)".
func connectionListing(conns []fivetran.Connection, f listFilter) []listed {
	name := compileNamePattern(f.Name)
	conns = slices.DeleteFunc(slices.Clone(conns), func(c fivetran.Connection) bool {
		return !f.keeps(name, c.GroupID, c.Service, c.Schema)
	})
	slices.SortFunc(conns, func(a, b fivetran.Connection) int {
		return cmp.Or(strings.Compare(a.GroupID, b.GroupID), strings.Compare(a.Schema, b.Schema), strings.Compare(a.ID, b.ID))
	})
	out := make([]listed, len(conns))
	for i, c := range conns {
		out[i] = listed{id: c.ID, displayName: fmt.Sprintf("%s (%s, group %s)", c.Schema, c.Service, c.GroupID)}
	}
	return out
}

// listedResult is a full result: the object read by id and converted as an
// import reads it (the object's <object>Imported), so that the generated
// blocks plan the same way as an import. The warning an import gives about
// secrets left out is not repeated for every listed object: the import of
// the generated blocks gives it.
func listedResult[T any](ctx context.Context, result *list.ListResult, imported func(*diag.Diagnostics) (T, bool)) {
	var d diag.Diagnostics
	m, ok := imported(&d)
	result.Diagnostics.Append(d.Errors()...)
	if ok && !d.HasError() {
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	}
}

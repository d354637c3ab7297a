package provider

import (
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
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
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
)

func (p *fivetranProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		func() list.ListResource { return &groupList{} },
		func() list.ListResource { return &destinationList{} },
		func() list.ListResource { return &connectionList{} },
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

// --- fivetran_group ---

type groupList struct{ data *providerData }

type groupListFilter struct {
	Name types.String `tfsdk:"name"`
}

func (l *groupList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (l *groupList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *groupList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's groups for `terraform query` (Terraform 1.14 and later), by name. " +
			"With `-generate-config-out` each becomes a `fivetran_group` resource block with an import block by identity.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{MarkdownDescription: "Only groups whose name matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *groupList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f groupListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	groups, err := l.data.client.ListGroups(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "groups", "", err)
		listFailed(stream, diags)
		return
	}
	name := compileNamePattern(f.Name)
	groups = slices.DeleteFunc(groups, func(g fivetran.Group) bool { return !name.matches(g.Name) })
	slices.SortFunc(groups, func(a, b fivetran.Group) int { return strings.Compare(a.Name+"\x00"+a.ID, b.Name+"\x00"+b.ID) })
	stream.Results = listStream(ctx, req, groups, func(g fivetran.Group, result *list.ListResult) {
		result.DisplayName = g.Name
		setIdentity(ctx, result.Identity, types.StringValue(g.ID), &result.Diagnostics)
		if req.IncludeResource {
			m := groupModel{Timeouts: nullTimeouts(ctx, req, &result.Diagnostics)}
			m.fromAPI(&g)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

// --- fivetran_destination ---

type destinationList struct{ data *providerData }

type destinationListFilter struct {
	GroupID types.String `tfsdk:"group_id"`
	Service types.String `tfsdk:"service"`
	Name    types.String `tfsdk:"name"`
}

func (l *destinationList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_destination"
}

func (l *destinationList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *destinationList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's destinations for `terraform query` (Terraform 1.14 and later), by group, type and group name. " +
			"With `-generate-config-out` each becomes a `fivetran_destination` resource block, with every setting Fivetran returns except secrets, " +
			"and an import block by identity.",
		Attributes: map[string]schema.Attribute{
			"group_id": groupIDFilter("the destination"),
			"service":  serviceFilter("destinations"),
			"name":     schema.StringAttribute{MarkdownDescription: "Only destinations whose group's name matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *destinationList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f destinationListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	var diags diag.Diagnostics
	groups, err := l.data.client.ListGroups(ctx)
	if err != nil {
		addAPIError(&diags, "list", "groups", "", err)
		listFailed(stream, diags)
		return
	}
	dests, err := l.data.client.ListDestinations(ctx)
	if err != nil {
		addAPIError(&diags, "list", "destinations", "", err)
		listFailed(stream, diags)
		return
	}
	groupName := map[string]string{}
	for _, g := range groups {
		groupName[g.ID] = g.Name
	}
	name := compileNamePattern(f.Name)
	dests = slices.DeleteFunc(dests, func(d fivetran.Destination) bool {
		gid := firstNonEmpty(d.GroupID, d.ID)
		return (!f.GroupID.IsNull() && gid != f.GroupID.ValueString()) ||
			(!f.Service.IsNull() && !strings.EqualFold(d.Service, f.Service.ValueString())) ||
			!name.matches(groupName[gid])
	})
	slices.SortFunc(dests, func(a, b fivetran.Destination) int {
		return strings.Compare(groupName[a.ID]+"\x00"+a.ID, groupName[b.ID]+"\x00"+b.ID)
	})
	stream.Results = listStream(ctx, req, dests, func(d fivetran.Destination, result *list.ListResult) {
		result.DisplayName = fmt.Sprintf("%s (%s)", firstNonEmpty(groupName[d.ID], d.ID), d.Service)
		setIdentity(ctx, result.Identity, types.StringValue(d.ID), &result.Diagnostics)
		if !req.IncludeResource {
			return
		}
		full, err := l.data.client.GetDestination(ctx, d.ID) // list items may leave config out
		if err != nil {
			addAPIError(&result.Diagnostics, "read", "destination", d.ID, err)
			return
		}
		m := destinationModel{Timeouts: nullTimeouts(ctx, req, &result.Diagnostics)}
		m.fromAPI(full)
		m.Config = importedConfig(ctx, full.Config, nil, configproj.Options{}, fmt.Sprintf("destination %q", d.ID), &result.Diagnostics)
		m.RunSetupTests, m.TrustCertificates, m.TrustFingerprints = types.BoolValue(true), types.BoolValue(false), types.BoolValue(false)
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	})
}

// --- fivetran_connection ---

type connectionList struct{ data *providerData }

type connectionListFilter struct {
	GroupID types.String `tfsdk:"group_id"`
	Service types.String `tfsdk:"service"`
	Name    types.String `tfsdk:"name"`
}

func (l *connectionList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (l *connectionList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *connectionList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's connections for `terraform query` (Terraform 1.14 and later), by group, connector type and name. " +
			"With `-generate-config-out` each becomes a `fivetran_connection` resource block, with every config key Fivetran returns except secrets " +
			"(add those, from sensitive variables or `config_wo`, before applying), and an import block by identity.",
		Attributes: map[string]schema.Attribute{
			"group_id": groupIDFilter("connections"),
			"service":  serviceFilter("connections"),
			"name": schema.StringAttribute{MarkdownDescription: "Only connections whose name (`fivetran_connection.name`: the destination schema, " +
				"such as `app_db` or `files.orders`) matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *connectionList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f connectionListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	name := compileNamePattern(f.Name)
	opts := fivetran.ListConnectionsOptions{GroupID: f.GroupID.ValueString()}
	if name != nil {
		opts.Schema = name.literal // Fivetran filters by exact name only
	}
	conns, err := l.data.client.ListConnections(ctx, opts)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "connections", "", err)
		listFailed(stream, diags)
		return
	}
	conns = slices.DeleteFunc(conns, func(c fivetran.Connection) bool {
		return (!f.GroupID.IsNull() && c.GroupID != f.GroupID.ValueString()) ||
			(!f.Service.IsNull() && c.Service != f.Service.ValueString()) ||
			!name.matches(c.Schema)
	})
	slices.SortFunc(conns, func(a, b fivetran.Connection) int {
		return strings.Compare(a.GroupID+"\x00"+a.Schema+"\x00"+a.ID, b.GroupID+"\x00"+b.Schema+"\x00"+b.ID)
	})
	res := &connectionResource{data: l.data}
	stream.Results = listStream(ctx, req, conns, func(c fivetran.Connection, result *list.ListResult) {
		result.DisplayName = fmt.Sprintf("%s (%s, group %s)", c.Schema, c.Service, c.GroupID)
		setIdentity(ctx, result.Identity, types.StringValue(c.ID), &result.Diagnostics)
		if !req.IncludeResource {
			return
		}
		full, err := l.data.client.GetConnection(ctx, c.ID) // list items may leave config out
		if err != nil {
			addAPIError(&result.Diagnostics, "read", "connection", c.ID, err)
			return
		}
		m := connectionModel{Timeouts: nullTimeouts(ctx, req, &result.Diagnostics)}
		m.fromAPI(full)
		m.Config = importedConfig(ctx, full.Config, schemaConfigKeys, res.projectionOptions(ctx, full.Service),
			fmt.Sprintf("connection %q", c.ID), &result.Diagnostics)
		m.RunSetupTests, m.TrustCertificates, m.TrustFingerprints = types.BoolValue(true), types.BoolValue(false), types.BoolValue(false)
		m.Auth = types.DynamicNull()
		m.ConnectCardConfig = types.ObjectNull(map[string]attr.Type{"redirect_uri": types.StringType, "hide_setup_guide": types.BoolType})
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	})
}

// importedConfig is config as an import reads it. The warning an import
// gives about secrets left out is not repeated for every listed object: the
// import of the generated blocks gives it.
func importedConfig(ctx context.Context, api map[string]any, drop []string, opts configproj.Options, what string, diags *diag.Diagnostics) types.Dynamic {
	var d diag.Diagnostics
	v := readConfig(ctx, types.DynamicNull(), api, true, drop, opts, what, &d)
	diags.Append(d.Errors()...)
	return v
}

package provider

import (
	"context"
	"fmt"
	"regexp"
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

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
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

// importedConfig is config as an import reads it. The warning an import
// gives about secrets left out is not repeated for every listed object: the
// import of the generated blocks gives it.
func importedConfig(ctx context.Context, api map[string]any, drop []string, opts configproj.Options, what string, diags *diag.Diagnostics) types.Dynamic {
	var d diag.Diagnostics
	v := readConfig(ctx, types.DynamicNull(), api, true, drop, opts, what, &d)
	diags.Append(d.Errors()...)
	return v
}

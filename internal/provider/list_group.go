package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The fivetran_group list resource; what a result holds is groupImported
// (group_mapping.go).

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
			m := groupImported(&g, nullTimeouts(ctx, req, &result.Diagnostics))
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

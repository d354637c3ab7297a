package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The fivetran_private_link list resource; what a result holds is
// privateLinkImported (private_link_mapping.go).

type privateLinkList struct{ data *providerData }

type privateLinkListFilter struct {
	Name types.String `tfsdk:"name"`
}

func (l *privateLinkList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_private_link"
}

func (l *privateLinkList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *privateLinkList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's private links for `terraform query` (Terraform 1.14 and later), by name. " +
			"With `-generate-config-out` each becomes a `fivetran_private_link` resource block with an import block by identity.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{MarkdownDescription: "Only links whose name matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *privateLinkList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f privateLinkListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	links, err := l.data.client.ListPrivateLinks(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "private links", "", err)
		listFailed(stream, diags)
		return
	}
	name := compileNamePattern(f.Name)
	links = slices.DeleteFunc(links, func(p fivetran.PrivateLink) bool { return !name.matches(p.Name) })
	sortPrivateLinks(links)
	stream.Results = listStream(ctx, req, links, func(p fivetran.PrivateLink, result *list.ListResult) {
		result.DisplayName = p.Name
		setIdentity(ctx, result.Identity, types.StringValue(p.ID), &result.Diagnostics)
		if !req.IncludeResource {
			return
		}
		if p.Config == nil {
			// A generated block needs the config, which a list item may
			// lack: one GET for it.
			full, err := l.data.client.GetPrivateLink(ctx, p.ID)
			if err != nil {
				addAPIError(&result.Diagnostics, "read", "private link", p.ID, err)
				return
			}
			p = *full
		}
		m := privateLinkImported(&p, nullTimeouts(ctx, req, &result.Diagnostics))
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	})
}

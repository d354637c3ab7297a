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

// The fivetran_proxy_agent list resource; what a result holds is
// proxyAgentImported (proxy_agent_mapping.go): no secrets, which Fivetran
// never shows again.

type proxyAgentList struct{ data *providerData }

type proxyAgentListFilter struct {
	DisplayName types.String `tfsdk:"display_name"`
}

func (l *proxyAgentList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxy_agent"
}

func (l *proxyAgentList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *proxyAgentList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's proxy agents for `terraform query` (Terraform 1.14 and later), by name. " +
			"With `-generate-config-out` each becomes a `fivetran_proxy_agent` resource block with an import block by identity; " +
			"an imported agent's secrets are not known until `secrets_version` is set.",
		Attributes: map[string]schema.Attribute{
			"display_name": schema.StringAttribute{MarkdownDescription: "Only agents whose name matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *proxyAgentList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f proxyAgentListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	agents, err := l.data.client.ListProxyAgents(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "proxy agents", "", err)
		listFailed(stream, diags)
		return
	}
	name := compileNamePattern(f.DisplayName)
	agents = slices.DeleteFunc(agents, func(a fivetran.ProxyAgent) bool { return !name.matches(a.DisplayName) })
	sortProxyAgents(agents)
	stream.Results = listStream(ctx, req, agents, func(a fivetran.ProxyAgent, result *list.ListResult) {
		result.DisplayName = a.DisplayName
		setIdentity(ctx, result.Identity, types.StringValue(a.ID), &result.Diagnostics)
		if req.IncludeResource {
			m := proxyAgentImported(&a, nullTimeouts(ctx, req, &result.Diagnostics))
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

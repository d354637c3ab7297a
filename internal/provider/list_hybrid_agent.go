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

// The fivetran_hybrid_deployment_agent list resource; what a result holds
// is hybridAgentImported (hybrid_agent_mapping.go): no credentials, which
// Fivetran never shows again.

type hybridAgentList struct{ data *providerData }

type hybridAgentListFilter struct {
	GroupID     types.String `tfsdk:"group_id"`
	DisplayName types.String `tfsdk:"display_name"`
}

func (l *hybridAgentList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hybrid_deployment_agent"
}

func (l *hybridAgentList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *hybridAgentList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's hybrid deployment agents for `terraform query` (Terraform 1.14 and later), by group and name. " +
			"With `-generate-config-out` each becomes a `fivetran_hybrid_deployment_agent` resource block with an import block by identity; " +
			"an imported agent's credentials are not known until `secrets_version` is set.",
		Attributes: map[string]schema.Attribute{
			"group_id":     schema.StringAttribute{MarkdownDescription: "Only the agents of this group.", Optional: true},
			"display_name": schema.StringAttribute{MarkdownDescription: "Only agents whose name matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *hybridAgentList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f hybridAgentListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	agents, err := l.data.client.ListHybridAgents(ctx, f.GroupID.ValueString())
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "hybrid deployment agents", "", err)
		listFailed(stream, diags)
		return
	}
	name := compileNamePattern(f.DisplayName)
	agents = slices.DeleteFunc(agents, func(a fivetran.HybridAgent) bool { return !name.matches(a.DisplayName) })
	sortHybridAgents(agents)
	stream.Results = listStream(ctx, req, agents, func(a fivetran.HybridAgent, result *list.ListResult) {
		result.DisplayName = a.DisplayName
		setIdentity(ctx, result.Identity, types.StringValue(a.ID), &result.Diagnostics)
		if req.IncludeResource {
			m := hybridAgentImported(&a, nullTimeouts(ctx, req, &result.Diagnostics))
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

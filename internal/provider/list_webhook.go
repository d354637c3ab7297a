package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The fivetran_webhook list resource; what a result holds is
// webhookImported (webhook_mapping.go): no secret, which Fivetran never
// shows.

type webhookList struct{ data *providerData }

type webhookListFilter struct {
	GroupID types.String `tfsdk:"group_id"`
}

func (l *webhookList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (l *webhookList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *webhookList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's webhooks for `terraform query` (Terraform 1.14 and later), all or one group's. " +
			"With `-generate-config-out` each becomes a `fivetran_webhook` resource block with an import block by identity; " +
			"the secret is not known (Fivetran never shows it): add it to the block, and the next apply sends it.",
		Attributes: map[string]schema.Attribute{
			"group_id": schema.StringAttribute{MarkdownDescription: "Only the webhooks of this group.", Optional: true},
		},
	}
}

func (l *webhookList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f webhookListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	hooks, err := l.data.client.ListWebhooks(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "webhooks", "", err)
		listFailed(stream, diags)
		return
	}
	hooks = webhooksOfGroup(hooks, f.GroupID.ValueString())
	stream.Results = listStream(ctx, req, hooks, func(w fivetran.Webhook, result *list.ListResult) {
		result.DisplayName = w.URL
		setIdentity(ctx, result.Identity, types.StringValue(w.ID), &result.Diagnostics)
		if req.IncludeResource {
			m := webhookImported(&w, nullTimeouts(ctx, req, &result.Diagnostics))
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

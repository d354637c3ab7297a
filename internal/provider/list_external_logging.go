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

// The fivetran_external_logging list resource; what a result holds is
// externalLoggingImported (external_logging_mapping.go) of the log
// service's GET, since the list carries no config: no secret, which
// Fivetran never shows.

type externalLoggingList struct{ data *providerData }

func (l *externalLoggingList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_external_logging"
}

func (l *externalLoggingList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *externalLoggingList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's log services for `terraform query` (Terraform 1.14 and later). With " +
			"`-generate-config-out` each becomes a `fivetran_external_logging` resource block with an import block by identity; " +
			"secret settings are not known (Fivetran never shows them): add them, and the next apply sends them.",
	}
}

func (l *externalLoggingList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f noListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	logs, err := l.data.client.ListExternalLogging(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "log services", "", err)
		listFailed(stream, diags)
		return
	}
	sortExternalLogs(logs)
	stream.Results = listStream(ctx, req, logs, func(x fivetran.ExternalLogging, result *list.ListResult) {
		result.DisplayName = x.ID + " (" + x.Service + ")"
		setIdentity(ctx, result.Identity, types.StringValue(x.ID), &result.Diagnostics)
		if req.IncludeResource {
			// The list carries no config: the resource is read by its GET.
			full, err := l.data.client.GetExternalLogging(ctx, x.ID)
			if err != nil {
				addAPIError(&result.Diagnostics, "read", "log service", x.ID, err)
				return
			}
			m := externalLoggingImported(ctx, full, nullTimeouts(ctx, req, &result.Diagnostics), &result.Diagnostics)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

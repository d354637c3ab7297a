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

type connectionList struct{ data *providerData }

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
	var f listFilter
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
	stream.Results = listStream(ctx, req, connectionListing(conns, f), func(o listed, result *list.ListResult) {
		result.DisplayName = o.displayName
		setIdentity(ctx, result.Identity, types.StringValue(o.id), &result.Diagnostics)
		if !req.IncludeResource {
			return
		}
		listedResult(ctx, result, func(diags *diag.Diagnostics) (connectionModel, bool) {
			full, err := l.data.client.GetConnection(ctx, o.id) // list items may leave config out
			if err != nil {
				addAPIError(diags, "read", "connection", o.id, err)
				return connectionModel{}, false
			}
			return connectionImported(ctx, full, l.data.projectionOptions(ctx, full.Service), nullTimeouts(ctx, req, diags), diags), true
		})
	})
}

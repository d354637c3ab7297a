package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// fivetran_connection_schema_reload (Terraform >= 1.14): POST
// /connections/{id}/schemas/reload.

var _ action.ActionWithConfigure = (*connectionSchemaReloadAction)(nil)

// NewConnectionSchemaReloadAction returns the fivetran_connection_schema_reload action.
func NewConnectionSchemaReloadAction() action.Action { return &connectionSchemaReloadAction{} }

type connectionSchemaReloadAction struct{ actionBase }

type connectionSchemaReloadModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	ExcludeMode  types.String `tfsdk:"exclude_mode"`
}

func (a *connectionSchemaReloadAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_schema_reload"
}

func (a *connectionSchemaReloadAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Makes Fivetran re-read the structure of a connection's source (schemas, tables, columns), " +
			"so that new tables appear in its schema config (Fivetran's `POST /v1/connections/{id}/schemas/reload`). " +
			"Needs Terraform 1.14 or later. On a large source this can take minutes; the action waits for Fivetran's answer.",
		Attributes: map[string]schema.Attribute{
			"connection_id": connectionIDAttribute("reload the schema of"),
			"exclude_mode": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "`PRESERVE` (Fivetran's default) keeps whether each schema and table syncs; `EXCLUDE` " +
					"excludes every schema and table of the connection from syncs, those that synced before included (system " +
					"tables excepted), and leaves column choices alone: on an existing connection it stops everything until " +
					"schemas and tables are included again (with `fivetran_connection_schema`, the next apply includes the ones " +
					"it names as `\"included\"`).",
				Validators: []validator.String{stringvalidator.OneOf("PRESERVE", "EXCLUDE")},
			},
		},
	}
}

func (a *connectionSchemaReloadAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m connectionSchemaReloadModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !a.configured(&resp.Diagnostics) {
		return
	}
	id := m.ConnectionID.ValueString()
	cfg, err := a.data.client.ReloadConnectionSchema(ctx, id, m.ExcludeMode.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "reload the schema of", "connection", id, err)
		return
	}
	schemas, tables := 0, 0
	if cfg != nil {
		for _, s := range cfg.Schemas {
			schemas++
			if s != nil {
				tables += len(s.Tables)
			}
		}
	}
	progressFunc(resp)(fmt.Sprintf("Connection %s: schema reloaded, %d schema(s) and %d table(s) known.", id, schemas, tables))
}

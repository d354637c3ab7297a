package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// fivetran_connection_resync (Terraform >= 1.14): a historical re-sync of the
// whole connection (POST /connections/{id}/resync) or of chosen tables (POST
// /connections/{id}/schemas/tables/resync), optionally waiting until it ends.

var _ action.ActionWithConfigure = (*connectionResyncAction)(nil)

// NewConnectionResyncAction returns the fivetran_connection_resync action.
func NewConnectionResyncAction() action.Action { return &connectionResyncAction{} }

type connectionResyncAction struct{ actionBase }

type connectionResyncModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	Tables       types.Map    `tfsdk:"tables"`
	Wait         types.Bool   `tfsdk:"wait"`
	Timeout      types.String `tfsdk:"timeout"`
}

func (a *connectionResyncAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_resync"
}

func (a *connectionResyncAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"connection_id": connectionIDAttribute("re-sync"),
		"tables": schema.MapAttribute{
			Optional:    true,
			ElementType: types.ListType{ElemType: types.StringType},
			MarkdownDescription: "Re-sync only these tables: source schema name → table names, for example " +
				"`{ public = [\"orders\", \"users\"] }`. Every list must name at least one table. Without it the whole " +
				"connection is re-synced. Table-level re-sync is offered by database connectors (PostgreSQL, MySQL, " +
				"Oracle, ...); Fivetran refuses it for others.",
			Validators: []validator.Map{
				mapvalidator.SizeAtLeast(1),
				mapvalidator.ValueListsAre(listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(notBlankValidator{})),
			},
		},
	}
	maps.Copy(attrs, waitAttributes("re-sync"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "Starts a historical re-sync: Fivetran reloads all data of the connection, or of the chosen " +
			"`tables`, from scratch. Needs Terraform 1.14 or later. Fivetran refuses it (409) while a sync it cannot finish " +
			"first is running. A paused connection keeps the re-sync for when it is unpaused (so `wait` fails at once there).",
		Attributes: attrs,
	}
}

func (a *connectionResyncAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m connectionResyncModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !a.configured(&resp.Diagnostics) {
		return
	}
	var tables map[string][]string
	if !m.Tables.IsNull() {
		resp.Diagnostics.Append(m.Tables.ElementsAs(ctx, &tables, false)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	id := m.ConnectionID.ValueString()
	c := a.data.client
	conn, err := c.GetConnection(ctx, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "connection", id, err)
		return
	}
	wait := m.Wait.ValueBool()
	if conn.Paused && wait {
		resp.Diagnostics.AddAttributeError(path.Root("wait"), "Connection is paused",
			fmt.Sprintf("Connection %q is paused: Fivetran keeps a re-sync for when the connection is unpaused, so waiting "+
				"for it would only run out of time. Unpause the connection first, or set wait = false.", id))
		return
	}
	mark := markOf(conn)
	what := "re-sync"
	if tables == nil {
		err = c.ResyncConnection(ctx, id, nil)
	} else {
		what = "table re-sync"
		err = c.ResyncTables(ctx, id, tables)
	}
	switch {
	case fivetran.IsConflictAfterLostAnswer(err):
		// The first request reached Fivetran but its answer was lost; the
		// repeat met a running sync, most likely the re-sync it started.
		resp.Diagnostics.AddWarning("Re-sync most likely started by the first request",
			fmt.Sprintf("Connection %q: Fivetran's answer to the re-sync request was lost, and the request sent again was refused "+
				"because a sync is running, which is most likely the re-sync the first request started. Check the connection's "+
				"sync in Fivetran if it matters.", id))
	case err != nil:
		addAPIError(&resp.Diagnostics, "start a re-sync of", "connection", id, err)
		return
	}
	progress := progressFunc(resp)
	if tables == nil {
		progress(fmt.Sprintf("Connection %s: historical re-sync of the whole connection triggered.", id))
	} else {
		progress(fmt.Sprintf("Connection %s: re-sync triggered for the tables of %d schema(s): %v.", id, len(tables), slices.Sorted(maps.Keys(tables))))
	}
	if conn.Paused {
		resp.Diagnostics.AddWarning("Re-sync deferred",
			fmt.Sprintf("Connection %q is paused: Fivetran runs the re-sync when it is unpaused.", id))
		return
	}
	if !wait {
		return
	}
	waitForSync(ctx, c, id, what, mark, waitTimeout(m.Timeout), progress, &resp.Diagnostics)
}

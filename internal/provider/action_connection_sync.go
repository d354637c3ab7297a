package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// fivetran_connection_sync (Terraform >= 1.14): POST /connections/{id}/sync,
// optionally waiting until the sync ends.

var _ action.ActionWithConfigure = (*connectionSyncAction)(nil)

// NewConnectionSyncAction returns the fivetran_connection_sync action.
func NewConnectionSyncAction() action.Action { return &connectionSyncAction{} }

type connectionSyncAction struct{ actionBase }

type connectionSyncModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	Force        types.Bool   `tfsdk:"force"`
	Wait         types.Bool   `tfsdk:"wait"`
	Timeout      types.String `tfsdk:"timeout"`
}

func (a *connectionSyncAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_sync"
}

func (a *connectionSyncAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"connection_id": connectionIDAttribute("sync"),
		"force": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Stop a sync that is running and start again. Default `false`: when the connection is already " +
				"syncing, Fivetran starts no new sync (and `wait` waits for the running one).",
		},
	}
	maps.Copy(attrs, waitAttributes("sync"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "Triggers a sync of a connection now, without waiting for its schedule (Fivetran's " +
			"`POST /v1/connections/{id}/sync`), and optionally waits until it finishes. Needs Terraform 1.14 or later. " +
			"A paused connection does not sync: the action fails and says so.",
		Attributes: attrs,
	}
}

func (a *connectionSyncAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m connectionSyncModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !a.configured(&resp.Diagnostics) {
		return
	}
	id := m.ConnectionID.ValueString()
	c := a.data.client
	conn, err := c.GetConnection(ctx, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "connection", id, err)
		return
	}
	if conn.Paused {
		resp.Diagnostics.AddAttributeError(path.Root("connection_id"), "Connection is paused",
			fmt.Sprintf("Connection %q is paused, and Fivetran does not sync a paused connection. Unpause it first "+
				"(paused = false on its fivetran_connection), then run the action again.", id))
		return
	}
	mark := markOf(conn)
	if err := c.SyncConnection(ctx, id, m.Force.ValueBool()); err != nil {
		addAPIError(&resp.Diagnostics, "trigger a sync of", "connection", id, err)
		return
	}
	progress := progressFunc(resp)
	progress(fmt.Sprintf("Connection %s: sync triggered.", id))
	if !m.Wait.ValueBool() {
		return
	}
	waitForSync(ctx, c, id, "sync", mark, waitTimeout(m.Timeout), progress, &resp.Diagnostics)
}

// progressFunc adapts an InvokeResponse's SendProgress to a plain callback.
func progressFunc(resp *action.InvokeResponse) func(string) {
	return func(msg string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
}

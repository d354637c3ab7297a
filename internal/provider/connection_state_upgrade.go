package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ resource.ResourceWithUpgradeState = (*connectionResource)(nil)

// connectionSchemaVersion is fivetran_connection's schema version.
//
//   - 0: the first, with connected_by, created_at, connect_card_token,
//     status and sync_state.
//   - 1: never written by this provider. It is the official provider's
//     fivetran_connection, which a user may meet by switching the provider
//     of a resource without moving it. A state whose version equals the
//     current one is decoded by the framework without any upgrader (unknown
//     attributes ignored), so the current version must not be 1: an
//     official state would pass as ours.
//   - 2: the four attributes of version 0 removed; they are in the
//     fivetran_connection data source. Every instance stored them, and two
//     of them change on every sync (DESIGN.md, "State size").
//   - 3: sync_state removed too (it is in the data sources). Fivetran moves
//     it on its own with every sync, so a connection that synced since the
//     last refresh could not be confirmed by its group's list (DESIGN.md,
//     "Bulk reads").
//   - 4: destination_schema a map of the keys the user writes, instead of
//     an object of four keys, three of them null for any connector type
//     (DESIGN.md, "State size").
const connectionSchemaVersion = 4

// connectionRemovedInV2 are the attributes version 0 had and version 2 has not.
var connectionRemovedInV2 = []string{"connected_by", "created_at", "connect_card_token", "status"}

// connectionRemovedInV3 are the attributes version 2 had and version 3 has not.
var connectionRemovedInV3 = []string{"sync_state"}

func (r *connectionResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {StateUpgrader: upgradeConnectionState(0, slices.Concat(connectionRemovedInV2, connectionRemovedInV3))},
		1: {StateUpgrader: refuseOfficialConnectionState},
		2: {StateUpgrader: upgradeConnectionState(2, connectionRemovedInV3)},
		3: {StateUpgrader: upgradeConnectionState(3, nil)},
	}
}

// destinationSchemaAsMap turns version 3's destination_schema object into
// version 4's map: the same keys, without the null ones.
func destinationSchemaAsMap(raw json.RawMessage) (json.RawMessage, error) {
	var obj map[string]*string
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, fmt.Errorf("destination_schema is not an object of strings")
	}
	if obj == nil {
		return raw, nil // null stays null
	}
	for k, v := range obj {
		if v == nil {
			delete(obj, k)
		}
	}
	return json.Marshal(obj)
}

// upgradeConnectionState upgrades a state of the given version (0, 2 or
// 3) by dropping the attributes the current version no longer has
// (removed), turning destination_schema into a map, and keeping everything
// else as stored: each older version is the current one plus those. The raw
// JSON is read, not a frozen copy of the old schema, so that the only thing
// the upgrader states about an old version is the difference.
func upgradeConnectionState(version int, removed []string) func(context.Context, resource.UpgradeStateRequest, *resource.UpgradeStateResponse) {
	return func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
		if req.RawState == nil || req.RawState.JSON == nil {
			resp.Diagnostics.AddError("Unable to upgrade fivetran_connection state",
				fmt.Sprintf("Terraform sent the state of schema version %d in a form this provider does not read (no JSON). Remove it with `terraform state rm` and import the connection by its id.", version))
			return
		}
		var attrs map[string]json.RawMessage
		if err := json.Unmarshal(req.RawState.JSON, &attrs); err != nil {
			resp.Diagnostics.AddError("Unable to upgrade fivetran_connection state",
				fmt.Sprintf("The stored state of schema version %d is not a JSON object: %s. Remove it with `terraform state rm` and import the connection by its id.", version, err))
			return
		}
		for _, k := range removed {
			delete(attrs, k)
		}
		var err error
		if ds, ok := attrs["destination_schema"]; ok {
			attrs["destination_schema"], err = destinationSchemaAsMap(ds)
		}
		var upgraded []byte
		if err == nil {
			upgraded, err = json.Marshal(attrs)
		}
		if err == nil {
			resp.State.Raw, err = (&tfprotov6.RawState{JSON: upgraded}).UnmarshalWithOpts(resp.State.Schema.Type().TerraformType(ctx),
				tfprotov6.UnmarshalOpts{ValueFromJSONOpts: tftypes.ValueFromJSONOpts{}})
		}
		if err != nil {
			// The error names attributes, never their values.
			resp.Diagnostics.AddError("Unable to upgrade fivetran_connection state",
				fmt.Sprintf("The stored state of schema version %d does not have the shape this provider wrote: %s. Remove it with `terraform state rm` and import the connection by its id.", version, err))
		}
	}
}

// refuseOfficialConnectionState answers a state of version 1, which only
// the official provider writes: reading it as ours would lose its settings
// (its attributes differ), and a new state would plan a second connection.
func refuseOfficialConnectionState(_ context.Context, _ resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	resp.Diagnostics.AddError("State written by the official Fivetran provider",
		"This fivetran_connection state has schema version 1, which is the official provider's fivetran_connection; this provider never wrote it. "+
			"Switching a resource's provider without moving it is not supported. Keep the official provider configured under a second local name, "+
			"and move the resource to a new address with a `moved` block, as the guide \"Migrating from the official provider\" shows.")
}

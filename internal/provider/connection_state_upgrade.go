package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ resource.ResourceWithUpgradeState = (*connectionResource)(nil)

// connectionSchemaVersion is fivetran_connection's schema version.
//
//   - 0: the first, with connected_by, created_at, connect_card_token and
//     status.
//   - 1: never written by this provider. It is the official provider's
//     fivetran_connection, which a user may meet by switching the provider
//     of a resource without moving it. A state whose version equals the
//     current one is decoded by the framework without any upgrader (unknown
//     attributes ignored), so the current version must not be 1: an
//     official state would pass as ours.
//   - 2: the four attributes of version 0 removed; they are in the
//     fivetran_connection data source. Every instance stored them, and two
//     of them change on every sync (DESIGN.md, "State size").
const connectionSchemaVersion = 2

// connectionRemovedInV2 are the attributes version 0 had and version 2 has not.
var connectionRemovedInV2 = []string{"connected_by", "created_at", "connect_card_token", "status"}

func (r *connectionResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {StateUpgrader: upgradeConnectionStateV0},
		1: {StateUpgrader: refuseOfficialConnectionState},
	}
}

// upgradeConnectionStateV0 drops the attributes version 2 no longer has and
// keeps everything else as stored: version 0 is version 2 plus those four.
// The raw JSON is read, not a frozen copy of the old schema, so that the
// only thing this function states about version 0 is the difference.
func upgradeConnectionStateV0(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	if req.RawState == nil || req.RawState.JSON == nil {
		resp.Diagnostics.AddError("Unable to upgrade fivetran_connection state",
			"Terraform sent the state of schema version 0 in a form this provider does not read (no JSON). Remove it with `terraform state rm` and import the connection by its id.")
		return
	}
	var attrs map[string]json.RawMessage
	if err := json.Unmarshal(req.RawState.JSON, &attrs); err != nil {
		resp.Diagnostics.AddError("Unable to upgrade fivetran_connection state",
			fmt.Sprintf("The stored state of schema version 0 is not a JSON object: %s. Remove it with `terraform state rm` and import the connection by its id.", err))
		return
	}
	for _, k := range connectionRemovedInV2 {
		delete(attrs, k)
	}
	upgraded, err := json.Marshal(attrs)
	if err == nil {
		resp.State.Raw, err = (&tfprotov6.RawState{JSON: upgraded}).UnmarshalWithOpts(resp.State.Schema.Type().TerraformType(ctx),
			tfprotov6.UnmarshalOpts{ValueFromJSONOpts: tftypes.ValueFromJSONOpts{}})
	}
	if err != nil {
		// The error names attributes, never their values.
		resp.Diagnostics.AddError("Unable to upgrade fivetran_connection state",
			fmt.Sprintf("The stored state of schema version 0 does not have the shape this provider wrote: %s. Remove it with `terraform state rm` and import the connection by its id.", err))
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

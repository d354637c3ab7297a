package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestAccConnection_status: the connection data source shows Fivetran's
// status, and the resource keeps none of it in state (a sync would change
// the state of every connection at the next refresh). A sync that fails
// outside Terraform shows in the data source at the next plan, which plans
// no change, and a check block can watch it. Runs on every Terraform
// version (1.5+).
func TestAccConnection_status(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.SetSyncDuration(0)
	config := func(freq int) string {
		return actionsPipeline(em, fmt.Sprintf("  sync_frequency = %d", freq), `
data "fivetran_connection" "gh" {
  id = fivetran_connection.gh.id
}

check "gh_healthy" {
  assert {
    condition     = length(data.fivetran_connection.gh.status.tasks) == 0
    error_message = "Fivetran asks for action on connection ${fivetran_connection.gh.id}: ${join("; ", data.fivetran_connection.gh.status.tasks[*].message)}"
  }
}
`)
	}
	var id string
	failSync := func() {
		em.FailSyncs(id, emulator.SyncFailure{Code: "reconnect", Message: "Reconnect the GitHub source", Details: "token revoked"})
		if err := testClient(t, em).SyncConnection(context.Background(), id, false); err != nil {
			t.Fatal(err)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: config(360),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error {
						id = s.RootModule().Resources["fivetran_connection.gh"].Primary.ID
						return nil
					},
					resource.TestCheckNoResourceAttr("fivetran_connection.gh", "status.%"),
					resource.TestCheckNoResourceAttr("fivetran_connection.gh", "created_at"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.is_historical_sync", "true"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.update_state", "on_schedule"),
					resource.TestCheckNoResourceAttr("data.fivetran_connection.gh", "status.succeeded_at"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.#", "0"),
					resource.TestCheckResourceAttrSet("data.fivetran_connection.gh", "created_at"),
				),
			},
			{
				// The data source reads the failed sync: no change is planned.
				PreConfig: failSync,
				Config:    config(360),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrSet("data.fivetran_connection.gh", "status.failed_at"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.update_state", "delayed"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.#", "1"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.0.code", "reconnect"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.0.message", "Reconnect the GitHub source"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.0.details", "token revoked"),
				),
			},
			{
				// An update of the connection plans nothing for the status.
				Config: config(60),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("fivetran_connection.gh", plancheck.ResourceActionUpdate),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("fivetran_connection.gh", "sync_frequency", "60"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.0.code", "reconnect"),
				),
			},
		},
	})
}

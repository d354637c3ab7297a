package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestAccConnection_status: the connection resource and data source show
// Fivetran's status. A sync that fails outside Terraform shows at the next
// refresh (failed_at, the task saying why) without a planned change, and a
// check block can watch it; an update plans status as its prior value, not
// "(known after apply)". Runs on every Terraform version (1.5+).
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
    condition     = length(fivetran_connection.gh.status.tasks) == 0
    error_message = "Fivetran asks for action on connection ${fivetran_connection.gh.id}: ${join("; ", fivetran_connection.gh.status.tasks[*].message)}"
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
	status := tfjsonpath.New("status")
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
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.is_historical_sync", "true"),
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.update_state", "on_schedule"),
					resource.TestCheckNoResourceAttr("fivetran_connection.gh", "status.succeeded_at"),
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.tasks.#", "0"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.#", "0"),
				),
			},
			{
				// The refresh reads the failed sync: no change is planned.
				PreConfig: failSync,
				Config:    config(360),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrSet("fivetran_connection.gh", "status.failed_at"),
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.update_state", "delayed"),
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.tasks.#", "1"),
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.tasks.0.code", "reconnect"),
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.tasks.0.message", "Reconnect the GitHub source"),
					resource.TestCheckResourceAttr("fivetran_connection.gh", "status.tasks.0.details", "token revoked"),
					resource.TestCheckResourceAttrPair("data.fivetran_connection.gh", "status.failed_at", "fivetran_connection.gh", "status.failed_at"),
					resource.TestCheckResourceAttr("data.fivetran_connection.gh", "status.tasks.0.code", "reconnect"),
				),
			},
			{
				// An update plans status as known (its prior value).
				Config: config(60),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("fivetran_connection.gh", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("fivetran_connection.gh", status.AtMapKey("failed_at"), knownvalue.NotNull()),
						plancheck.ExpectKnownValue("fivetran_connection.gh", status.AtMapKey("tasks"), knownvalue.ListSizeExact(1)),
					},
				},
				Check: resource.TestCheckResourceAttr("fivetran_connection.gh", "sync_frequency", "60"),
			},
		},
	})
}

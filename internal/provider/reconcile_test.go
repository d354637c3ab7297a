package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestAccCreate_lostAnswersAreReconciled: every create's answer is lost once
// after Fivetran committed it (the connection drops), and every create fails
// once with a 500 before committing. One apply still succeeds, the emulator
// holds exactly one of each object (no duplicates, nothing missing), and the
// next plan is empty.
func TestAccCreate_lostAnswersAreReconciled(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	for _, route := range []string{"/v1/groups", "/v1/destinations", "/v1/connections"} {
		em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", route)
	}
	cfg := providerConfig(em) + baseConfig + `
resource "fivetran_connection" "gh" {
  group_id = fivetran_destination.main.group_id
  service  = "github"
  destination_schema = { name = "github" }
  config = { sync_mode = "AllRepositories" }
}

resource "fivetran_group" "second" {
  name = "second"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					// The second group's POST fails with a 500 before the write.
					em.InjectNext(emulator.Fault500, 1, "POST", "/v1/groups")
				},
				Config: cfg,
				Check: func(*terraform.State) error {
					if g, d, c := len(em.Groups()), len(em.Destinations()), len(em.Connections()); g != 2 || d != 1 || c != 1 {
						return fmt.Errorf("the emulator holds %d groups, %d destinations, %d connections; want 2, 1, 1", g, d, c)
					}
					var faults int
					for _, r := range em.Requests() {
						if r.Fault != "" {
							faults++
						}
					}
					if faults < 4 {
						return fmt.Errorf("only %d faults were injected: the test proves nothing", faults)
					}
					return nil
				},
			},
			{Config: cfg, PlanOnly: true},
		},
	})
}

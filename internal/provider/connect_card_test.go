package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccConnection_connectCard: an OAuth connection created with a Connect
// Card exposes the card's link; while it waits for its owner (setup
// incomplete) the plan is empty, and once the owner completes the card
// nothing in Terraform changes.
func TestAccConnection_connectCard(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + baseConfig + `
resource "fivetran_connection" "sf" {
  group_id           = fivetran_destination.main.group_id
  service            = "salesforce"
  destination_schema = { name = "salesforce" }
  run_setup_tests    = false
  connect_card_config = {
    redirect_uri     = "https://example.com/fivetran-done"
    hide_setup_guide = true
  }
}

output "card" {
  value     = fivetran_connection.sf.connect_card_uri
  sensitive = true
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_connection.sf", tfjsonpath.New("setup_state"), knownvalue.StringExact("incomplete")),
					statecheck.ExpectKnownValue("fivetran_connection.sf", tfjsonpath.New("connect_card_uri"), knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
					statecheck.ExpectKnownOutputValue("card", knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
				},
			},
			{Config: cfg, PlanOnly: true},
			{
				// The owner completes the card in Fivetran.
				PreConfig: func() {
					for _, c := range em.Connections() {
						status, _ := c["status"].(map[string]any)
						status["setup_state"] = "connected"
						if err := em.Patch("connection", jsonAs[string](t, c["id"]), map[string]any{"status": status}); err != nil {
							panic(fmt.Sprint(err))
						}
					}
				},
				Config:   cfg,
				PlanOnly: true,
			},
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources["fivetran_connection.sf"].Primary.Attributes["setup_state"]; got != "connected" {
						return fmt.Errorf("setup_state is %q after the owner completed the card", got)
					}
					return nil
				},
			},
		},
	})
}

package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const cardRoute = "POST /v1/connections/{id}/connect-card"

// connectCardConfig is a Salesforce connection waiting for its owner and,
// when redirect is not empty, a fivetran_connect_card for it.
func connectCardConfig(redirect string) string {
	cfg := `
resource "fivetran_connection" "sf" {
  group_id           = fivetran_destination.main.group_id
  service            = "salesforce"
  destination_schema = { name = "salesforce" }
  run_setup_tests    = false
}
`
	if redirect != "" {
		cfg += fmt.Sprintf(`
resource "fivetran_connect_card" "owner" {
  connection_id    = fivetran_connection.sf.id
  redirect_uri     = %q
  hide_setup_guide = true
}
`, redirect)
	}
	return cfg
}

// TestAccConnectCard_lifecycle: a card for an existing connection exposes
// its link and (sensitive) token; a refresh is one GET of the connection and
// plans nothing; a new redirect_uri makes a new card and leaves the
// connection alone; once the owner completes the card, the connection reads
// connected and nothing is planned; destroying a card makes no API call;
// and a card whose connection was deleted out of band is planned again.
func TestAccConnectCard_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	p := providerConfig(em) + baseConfig
	card := "fivetran_connect_card.owner"
	var connID, token string
	state := func(s *terraform.State, addr, attr string) string {
		return s.RootModule().Resources[addr].Primary.Attributes[attr]
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: p + connectCardConfig("https://example.com/done"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(card, tfjsonpath.New("uri"),
						knownvalue.StringRegexp(regexp.MustCompile(`^https://fivetran\.com/connect-card/setup\?.*auth=`))),
					statecheck.ExpectKnownValue(card, tfjsonpath.New("token"), knownvalue.StringRegexp(regexp.MustCompile(`^ey`))),
					statecheck.ExpectSensitiveValue(card, tfjsonpath.New("token")),
					statecheck.ExpectKnownValue(card, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z_]+/[0-9a-f]{8}$`))),
					statecheck.ExpectKnownValue("fivetran_connection.sf", tfjsonpath.New("setup_state"), knownvalue.StringExact("incomplete")),
				},
				Check: func(s *terraform.State) error {
					connID, token = state(s, "fivetran_connection.sf", "id"), state(s, card, "token")
					if got := state(s, card, "connection_id"); got != connID {
						return fmt.Errorf("connection_id %q, want %q", got, connID)
					}
					u, err := url.Parse(state(s, card, "uri"))
					if err != nil {
						return fmt.Errorf("uri: %w", err)
					}
					if q := u.Query(); q.Get("auth") != token || q.Get("redirect_uri") != "https://example.com/done" || q.Get("hide_setup_guide") != "true" {
						return fmt.Errorf("uri %q does not carry the token and the card's settings", u)
					}
					if n := em.Counts()[cardRoute]; n != 1 {
						return fmt.Errorf("%d connect-card calls, want 1", n)
					}
					return nil
				},
			},
			{
				// A refresh cannot read the card back: it costs one GET of the
				// connection and plans nothing.
				PreConfig: em.ResetRequests,
				Config:    p + connectCardConfig("https://example.com/done"),
				PlanOnly:  true,
			},
			{
				PreConfig: func() {
					if n := em.Counts()[cardRoute]; n != 0 {
						t.Errorf("a refresh made %d connect-card calls", n)
					}
				},
				Config: p + connectCardConfig("https://example.com/welcome-back"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(card, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction("fivetran_connection.sf", plancheck.ResourceActionNoop),
					},
				},
				Check: func(s *terraform.State) error {
					if state(s, card, "token") == token {
						return fmt.Errorf("a new redirect_uri kept the old card")
					}
					if state(s, "fivetran_connection.sf", "id") != connID {
						return fmt.Errorf("a new card replaced the connection")
					}
					token = state(s, card, "token")
					return nil
				},
			},
			{
				// The owner completes the card: nothing to plan.
				PreConfig: func() {
					if err := em.CompleteConnectCard(connID); err != nil {
						t.Fatal(err)
					}
				},
				Config:   p + connectCardConfig("https://example.com/welcome-back"),
				PlanOnly: true,
			},
			{
				Config: p + connectCardConfig("https://example.com/welcome-back"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_connection.sf", tfjsonpath.New("setup_state"), knownvalue.StringExact("connected")),
				},
				Check: func(s *terraform.State) error {
					if state(s, card, "token") != token {
						return fmt.Errorf("the card changed after its owner completed it")
					}
					return nil
				},
			},
			{
				// Destroying the card only forgets it: no request but reads.
				PreConfig: em.ResetRequests,
				Config:    p + connectCardConfig(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(card, plancheck.ResourceActionDestroy)},
				},
				Check: func(_ *terraform.State) error {
					for _, r := range em.Requests() {
						if r.Method != "GET" {
							return fmt.Errorf("destroying the card sent %s", r.Route)
						}
					}
					return nil
				},
			},
			{
				Config: p + connectCardConfig("https://example.com/done"),
			},
			{
				// The connection is deleted out of band: the card is gone with it.
				PreConfig: func() {
					if err := em.Delete("connection", connID); err != nil {
						t.Fatal(err)
					}
				},
				Config: p + connectCardConfig("https://example.com/done"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("fivetran_connection.sf", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(card, plancheck.ResourceActionCreate),
					},
				},
				Check: func(s *terraform.State) error {
					if id := state(s, "fivetran_connection.sf", "id"); id == connID || state(s, card, "connection_id") != id {
						return fmt.Errorf("the card is for %q, the new connection is %q (old %q)", state(s, card, "connection_id"), id, connID)
					}
					em.ResetRequests()
					return nil
				},
			},
		},
	})
	// The final destroy forgot the card without a call.
	if n := em.Counts()[cardRoute]; n != 0 {
		t.Errorf("destroy made %d connect-card calls", n)
	}
}

// TestAccConnectCard_missingConnection: a card for a connection that does
// not exist fails with Fivetran's answer.
func TestAccConnectCard_missingConnection(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(em) + `
resource "fivetran_connect_card" "owner" {
  connection_id = "no_such_connection"
  redirect_uri  = "https://example.com/done"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Unable to create Connect Card.*NotFound`),
			},
			{
				Config: providerConfig(em) + `
resource "fivetran_connect_card" "owner" {
  connection_id = "some_connection"
  redirect_uri  = "example.com/done"
}
`,
				ExpectError: regexp.MustCompile(`redirect_uri`),
				PlanOnly:    true,
			},
		},
	})
}

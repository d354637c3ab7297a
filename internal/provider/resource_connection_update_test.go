package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// bodyLog keeps the JSON body of every request the emulator received, for
// tests that check what an update sent (the request log has routes only).
type bodyLog struct {
	mu   sync.Mutex
	list []sentBody
}

type sentBody struct {
	method, path string
	body         map[string]any
}

func startEmulatorLogged(t *testing.T) (*emulator.Running, *bodyLog) {
	t.Helper()
	log := &bodyLog{}
	em := startEmulatorWith(t, emulator.Options{Seed: 42, Observe: func(x emulator.Exchange) {
		var b map[string]any
		_ = json.Unmarshal(x.RequestBody, &b)
		log.mu.Lock()
		log.list = append(log.list, sentBody{method: x.Method, path: x.Path, body: b})
		log.mu.Unlock()
	}})
	return em, log
}

// bodies returns the bodies of the requests with this method whose path
// starts with prefix, in order.
func (l *bodyLog) bodies(method, prefix string) []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, s := range l.list {
		if s.method == method && strings.HasPrefix(s.path, prefix) {
			out = append(out, s.body)
		}
	}
	return out
}

func (l *bodyLog) reset() {
	l.mu.Lock()
	l.list = nil
	l.mu.Unlock()
}

// onePatch checks that exactly one PATCH went to prefix and that its body
// holds exactly want (JSON-compared).
func (l *bodyLog) onePatch(prefix string, want map[string]any) error {
	got := l.bodies("PATCH", prefix)
	if len(got) != 1 {
		return fmt.Errorf("expected one PATCH %s..., got %d: %v", prefix, len(got), got)
	}
	g, _ := json.Marshal(got[0])
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		// Keys only: a body may hold secrets.
		return fmt.Errorf("the PATCH sent other keys or values: got keys %v, want %v", keyPaths(got[0], ""), keyPaths(want, ""))
	}
	return nil
}

// keyPaths lists the key paths of a JSON object (config.host, paused), sorted.
func keyPaths(m map[string]any, prefix string) []string {
	var out []string
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			out = append(out, keyPaths(sub, prefix+k+".")...)
			continue
		}
		out = append(out, prefix+k)
	}
	sort.Strings(out)
	return out
}

// expectPriorValue checks the value an attribute had before the planned
// change (the refreshed state), at a path of object keys, for example
// {"config", "host"}. plancheck.ExpectKnownValue sees only the planned value.
func expectPriorValue(addr string, keys []string, want any) plancheck.PlanCheck {
	return priorValueCheck{addr: addr, keys: keys, want: want}
}

type priorValueCheck struct {
	addr string
	keys []string
	want any
}

func (c priorValueCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr || rc.Change == nil {
			continue
		}
		v := rc.Change.Before
		for _, k := range c.keys {
			m, ok := v.(map[string]any)
			if !ok {
				resp.Error = fmt.Errorf("%s: no prior value at %s", c.addr, strings.Join(c.keys, "."))
				return
			}
			v = m[k]
		}
		if !reflect.DeepEqual(v, c.want) {
			resp.Error = fmt.Errorf("%s: prior value at %s is %v, want %v", c.addr, strings.Join(c.keys, "."), v, c.want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
}

// TestAccConnection_leaveDailySchedule: going from a
// daily sync at a set hour back to an hourly one clears daily_sync_time with
// JSON null (Fivetran refuses ""), and the next apply is not stuck.
func TestAccConnection_leaveDailySchedule(t *testing.T) {
	accPreCheck(t)
	em, log := startEmulatorLogged(t)
	cfg := func(schedule string) string {
		return providerConfig(em) + baseConfig + `
resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  run_setup_tests    = false
` + schedule + `
}
`
	}
	daily := cfg("  sync_frequency = 1440\n  daily_sync_time = \"05:00\"")
	hourly := cfg("  sync_frequency = 60")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: daily},
			{
				PreConfig: log.reset,
				Config:    hourly,
				Check: func(s *terraform.State) error {
					c, _ := em.Get("connection", connID(s, "fivetran_connection.gh"))
					if fmt.Sprint(c["sync_frequency"]) != "60" || c["daily_sync_time"] != nil {
						return fmt.Errorf("Fivetran holds sync_frequency %v, daily_sync_time %v", c["sync_frequency"], c["daily_sync_time"])
					}
					return log.onePatch("/v1/connections/", map[string]any{"daily_sync_time": nil, "sync_frequency": 60})
				},
			},
			{Config: hourly, PlanOnly: true},
			// Back to daily: the old hour was cleared, not merely hidden.
			{Config: cfg("  sync_frequency = 1440"), Check: func(s *terraform.State) error {
				c, _ := em.Get("connection", connID(s, "fivetran_connection.gh"))
				if c["daily_sync_time"] != nil {
					return fmt.Errorf("daily_sync_time came back as %v", c["daily_sync_time"])
				}
				return nil
			}},
			{Config: daily},
			// Removing daily_sync_time while staying daily clears it too.
			{
				PreConfig: log.reset,
				Config:    cfg("  sync_frequency = 1440"),
				Check: func(*terraform.State) error {
					return log.onePatch("/v1/connections/", map[string]any{"daily_sync_time": nil})
				},
			},
			{Config: cfg("  sync_frequency = 1440"), PlanOnly: true},
		},
	})
}

// TestAccNetworkingIDsCleared: removing private_link_id or
// proxy_agent_id (going back to networking_method = "Directly") sends JSON
// null, for destinations and connections; "" is refused by Fivetran.
func TestAccNetworkingIDsCleared(t *testing.T) {
	accPreCheck(t)
	em, log := startEmulatorLogged(t)
	cfg := func(destNet, connNet string) string {
		return providerConfig(em) + `
resource "fivetran_proxy_agent" "office" {
  display_name = "office"
  region       = "GCP_US_EAST4"
}

resource "fivetran_private_link" "warehouse" {
  name    = "warehouse"
  region  = "AWS_US_EAST_1"
  service = "SNOWFLAKE_AWS"
  config = {
    account_url = "acme.privatelink.snowflakecomputing.com"
    vpce_id     = "vpce-0a1b2c3d"
  }
}

resource "fivetran_group" "main" {
  name = "sources"
}

resource "fivetran_destination" "main" {
  group_id = fivetran_group.main.id
  service  = "postgres_warehouse"
  config = {
    host = "warehouse.example.com"
    port = 5432
  }
  run_setup_tests = false
` + destNet + `
}

resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  run_setup_tests    = false
` + connNet + `
}
`
	}
	private := cfg("  networking_method = \"PrivateLink\"\n  private_link_id = fivetran_private_link.warehouse.id",
		"  networking_method = \"ProxyAgent\"\n  proxy_agent_id = fivetran_proxy_agent.office.id")
	direct := cfg("  networking_method = \"Directly\"", "  networking_method = \"Directly\"")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: private},
			{
				PreConfig: log.reset,
				Config:    direct,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("fivetran_destination.main", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("fivetran_connection.gh", plancheck.ResourceActionUpdate),
				}},
				Check: func(s *terraform.State) error {
					d, _ := em.Get("destination", s.RootModule().Resources["fivetran_destination.main"].Primary.ID)
					c, _ := em.Get("connection", connID(s, "fivetran_connection.gh"))
					if d["private_link_id"] != nil || c["proxy_agent_id"] != nil {
						return fmt.Errorf("Fivetran still holds private_link_id %v, proxy_agent_id %v", d["private_link_id"], c["proxy_agent_id"])
					}
					if err := log.onePatch("/v1/destinations/", map[string]any{"networking_method": "Directly", "private_link_id": nil}); err != nil {
						return err
					}
					return log.onePatch("/v1/connections/", map[string]any{"networking_method": "Directly", "proxy_agent_id": nil})
				},
			},
			{Config: direct, PlanOnly: true},
		},
	})
}

// TestAccConnection_plannedStates: setup_state is planned as known wherever
// the update cannot change it (tests run only for config, auth and
// networking changes), and a connection created without connect_card_config
// plans its card as null instead of "(sensitive value)".
func TestAccConnection_plannedStates(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(freq, host string, paused bool) string {
		return providerConfig(em) + baseConfig + fmt.Sprintf(`
resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  sync_frequency     = %s
  paused             = %t
  config             = { host = %q }
}
`, freq, paused, host)
	}
	const addr = "fivetran_connection.pg"
	known := func(attr string, v knownvalue.Check) plancheck.PlanCheck {
		return plancheck.ExpectKnownValue(addr, tfjsonpath.New(attr), v)
	}
	unknown := func(attr string) plancheck.PlanCheck { return plancheck.ExpectUnknownValue(addr, tfjsonpath.New(attr)) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg("360", "db.example.com", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					known("connect_card_uri", knownvalue.Null()),
					unknown("setup_state"),
				}},
			},
			{
				// A schedule change runs no setup tests and does not pause.
				Config: cfg("60", "db.example.com", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					known("setup_state", knownvalue.StringExact("connected")),
					known("connect_card_uri", knownvalue.Null()),
				}},
			},
			{
				// A config change runs the setup tests: setup_state may change.
				Config: cfg("60", "db2.example.com", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					unknown("setup_state"),
				}},
			},
			{
				// Pausing runs no setup tests.
				Config: cfg("60", "db2.example.com", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					known("setup_state", knownvalue.StringExact("connected")),
				}},
			},
			{Config: cfg("60", "db2.example.com", true), PlanOnly: true},
		},
	})
}

// TestAccConnection_writeOnlyVersionRunsSetupTests (Terraform 1.11+): a new
// config_wo_version or auth_wo_version alone sends the write-only values,
// and with them Fivetran runs the setup tests; so the plan shows
// setup_state as known after apply, and the state takes what the tests
// say. Here the new secret fails the tests, and the error says that a fix
// in config_wo needs a new config_wo_version too.
func TestAccConnection_writeOnlyVersionRunsSetupTests(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(password string, configVersion, authVersion int) string {
		return providerConfig(em) + baseConfig + fmt.Sprintf(`
resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config             = { host = "db.example.com", port = 5432, user = "fivetran" }
  config_wo          = { password = %q }
  config_wo_version  = %d
}

resource "fivetran_connection" "ads" {
  group_id           = fivetran_destination.main.group_id
  service            = "google_ads"
  destination_schema = { name = "google_ads" }
  config             = { customer_id = "123-456-7890" }
  auth_wo            = { refresh_token = "token-1" }
  auth_wo_version    = %d
}
`, password, configVersion, authVersion)
	}
	unknownSetupState := func(addr string) plancheck.PlanCheck {
		return plancheck.ExpectUnknownValue(addr, tfjsonpath.New("setup_state"))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: cfg("first-pw", 1, 1)},
			{
				Config: cfg("first-pw", 1, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("fivetran_connection.ads", plancheck.ResourceActionUpdate),
					unknownSetupState("fivetran_connection.ads"),
				}},
			},
			{
				Config: cfg("emulator:fail-setup-tests", 2, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionUpdate),
					unknownSetupState("fivetran_connection.pg"),
				}},
				ExpectError: regexp.MustCompile(`(?s)setup tests failed.*config_wo_version`),
			},
		},
	})
}

// TestAccConnection_connectCardKept: a Connect Card made
// later for the same connection (fivetran_connect_card) does not move the
// connection's connect_card_uri: the connection keeps the card it was
// created with, and the plan after apply is empty. Both links carry the
// card's bearer token, so they are sensitive like the token.
func TestAccConnection_connectCardKept(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	conn := providerConfig(em) + baseConfig + `
resource "fivetran_connection" "sf" {
  group_id           = fivetran_destination.main.group_id
  service            = "salesforce"
  destination_schema = { name = "salesforce" }
  run_setup_tests    = false
  connect_card_config = {
    redirect_uri = "https://example.com/first"
  }
}
`
	withCard := conn + `
resource "fivetran_connect_card" "later" {
  connection_id = fivetran_connection.sf.id
  redirect_uri  = "https://example.com/later"
}
`
	var first string
	attr := func(s *terraform.State, addr, name string) string {
		return s.RootModule().Resources[addr].Primary.Attributes[name]
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: conn,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue("fivetran_connection.sf", tfjsonpath.New("connect_card_uri")),
				},
				Check: func(s *terraform.State) error {
					first = attr(s, "fivetran_connection.sf", "connect_card_uri")
					if !strings.Contains(first, "first") {
						return fmt.Errorf("connect_card_uri %q is not the creation card's", first)
					}
					return nil
				},
			},
			{
				Config: withCard,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue("fivetran_connect_card.later", tfjsonpath.New("uri")),
				},
				Check: func(s *terraform.State) error {
					if got := attr(s, "fivetran_connect_card.later", "uri"); got == first || !strings.Contains(got, "later") {
						return fmt.Errorf("the later card's uri %q is not a new card", got)
					}
					return nil
				},
			},
			{Config: withCard, PlanOnly: true},
			{
				Config: withCard,
				Check: func(s *terraform.State) error {
					if got := attr(s, "fivetran_connection.sf", "connect_card_uri"); got != first {
						return fmt.Errorf("connect_card_uri moved to %q", got)
					}
					return nil
				},
			},
		},
	})
}

// TestAccConnection_createBeforeDestroy: a replacement
// with create_before_destroy fails on Fivetran's 409 for the duplicate
// name. The error must say why (a connection's name is unique in its group,
// so its replacement cannot exist beside it) and what to do, not advise
// importing the connection being replaced. Nothing is created or lost.
func TestAccConnection_createBeforeDestroy(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(card string) string {
		return providerConfig(em) + baseConfig + `
resource "fivetran_connection" "sf" {
  group_id           = fivetran_destination.main.group_id
  service            = "salesforce"
  destination_schema = { name = "salesforce" }
  run_setup_tests    = false
` + card + `
  lifecycle {
    create_before_destroy = true
  }
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: cfg("")},
			{
				// connect_card_config is create-only: adding it replaces the connection.
				Config: cfg(`  connect_card_config = { redirect_uri = "https://example.com/done" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("fivetran_connection.sf", plancheck.ResourceActionCreateBeforeDestroy),
				}},
				ExpectError: wrapRe(`(?s)Connection name already used in its group.*named "salesforce" \(id "[a-z]+_[a-z]+", created .*` +
					`create_before_destroy = true.*cannot be created before its old self is destroyed.*create_before_destroy = false`),
			},
			{
				// The old connection is untouched and nothing extra was made.
				Config: cfg(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("fivetran_connection.sf", plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error {
					if n := len(em.Connections()); n != 1 {
						return fmt.Errorf("the emulator holds %d connections, want 1", n)
					}
					return nil
				},
			},
		},
	})
	if conns := em.Connections(); len(conns) != 0 {
		t.Errorf("connections left after destroy: %d", len(conns))
	}
}

// TestAccConnection_setupTestsFailOnUpdate: setup tests
// that fail on an update are an error that says what happened (Fivetran
// applied the change; the connection is not tainted), and the failure does
// not settle: the next plan shows the connection as needing its tests run
// again, and that apply runs them (POST .../test, no PATCH). Once they pass,
// the plan is empty.
func TestAccConnection_setupTestsFailOnUpdate(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(host string) string {
		return providerConfig(em) + baseConfig + fmt.Sprintf(`
resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config             = { host = %q }
}
`, host)
	}
	const addr = "fivetran_connection.pg"
	optOut := strings.Replace(cfg("emulator:fail-setup-tests"), `prefix = "app" }`, "prefix = \"app\" }\n  run_setup_tests = false", 1)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg("db.example.com"),
				Check: func(s *terraform.State) error {
					id = connID(s, addr)
					return nil
				},
			},
			{
				PreConfig: func() { em.FailSetupTests(id, "Connecting to the database", "Connection refused") },
				Config:    cfg("db2.example.com"),
				ExpectError: wrapRe(`(?s)Connection setup tests failed.*Fivetran applied the update.*` +
					`"Connecting to the database" FAILED: Connection refused.*not tainted.*runs the setup tests again`),
			},
			{
				// The failure did not settle: the plan shows the repair.
				PreConfig: em.ResetRequests,
				Config:    cfg("db2.example.com"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("setup_state")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("setup_state"), knownvalue.StringExact("connected")),
				},
				Check: func(*terraform.State) error {
					counts := em.Counts()
					if counts["POST /v1/connections/{id}/test"] != 1 || counts["PATCH /v1/connections/{id}"] != 0 {
						return fmt.Errorf("expected one setup-test run and no PATCH, got %v", counts)
					}
					c, _ := em.Get("connection", id)
					if host := jsonAs[map[string]any](t, c["config"])["host"]; host != "db2.example.com" {
						return fmt.Errorf("Fivetran holds host %v", host)
					}
					return nil
				},
			},
			{Config: cfg("db2.example.com"), PlanOnly: true},
			// Tests that keep failing fail every apply, each time with one
			// test run and no PATCH, until run_setup_tests is turned off.
			{
				Config:      cfg("emulator:fail-setup-tests"),
				ExpectError: wrapRe(`(?s)Fivetran applied the update to connection.*not tainted`),
			},
			{
				PreConfig: em.ResetRequests,
				Config:    cfg("emulator:fail-setup-tests"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ExpectError: wrapRe(`(?s)Fivetran applied the update to connection.*FAILED`),
			},
			{
				PreConfig: em.ResetRequests,
				Config:    optOut,
				Check: func(*terraform.State) error {
					// The refresh reads the connection from its group's list:
					// the group's destination is in the same state.
					return expectCounts(em, map[string]int{"GET /v1/connections": 1, "GET /v1/destinations/{id}": 1, "GET /v1/groups/{id}": 1})
				},
			},
			{Config: optOut, PlanOnly: true},
		},
	})
}

// TestAccDestination_setupTestsFailOnUpdate: as for
// connections, a destination whose setup tests fail on an update is not
// tainted; the error says so, every plan runs the tests again (one POST
// .../test, no PATCH) until they pass or run_setup_tests is turned off.
func TestAccDestination_setupTestsFailOnUpdate(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(host, extra string) string {
		return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_group" "main" {
  name = "failing"
}

resource "fivetran_destination" "main" {
  group_id = fivetran_group.main.id
  service  = "postgres_warehouse"
  config = {
    host = %q
    port = 5432
  }
  %s
}
`, host, extra)
	}
	const addr = "fivetran_destination.main"
	failing := cfg("emulator:fail-setup-tests", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: cfg("db.example.com", "")},
			{
				Config: failing,
				ExpectError: wrapRe(`(?s)Destination setup tests failed.*Fivetran applied the update to destination.*` +
					`"Validating credentials" FAILED.*not tainted.*runs the setup tests again`),
			},
			{
				PreConfig: em.ResetRequests,
				Config:    failing,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("setup_status")),
				}},
				ExpectError: wrapRe(`(?s)Fivetran applied the update to destination.*FAILED`),
			},
			{
				PreConfig: func() {
					counts := em.Counts()
					if counts["POST /v1/destinations/{id}/test"] != 1 || counts["PATCH /v1/destinations/{id}"] != 0 {
						t.Errorf("the re-run: expected one setup-test run and no PATCH, got %v", counts)
					}
				},
				Config: cfg("emulator:fail-setup-tests", "run_setup_tests = false"),
			},
			{Config: cfg("emulator:fail-setup-tests", "run_setup_tests = false"), PlanOnly: true},
			{
				// Fixed and tested again: connected, and the plan is empty.
				Config: cfg("db.example.com", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("setup_status"), knownvalue.StringExact("connected")),
				},
			},
			{Config: cfg("db.example.com", ""), PlanOnly: true},
		},
	})
}

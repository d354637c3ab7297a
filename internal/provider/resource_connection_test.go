package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// baseConfig declares a group and its destination; connections reference
// the destination, as the docs tell users to.
const baseConfig = `
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
}
`

func postgresConnection(schemaPrefix, host, frequency, password string) string {
	return fmt.Sprintf(`
variable "pg_password" {
  type      = string
  sensitive = true
  default   = %q
}

resource "fivetran_connection" "pg" {
  group_id = fivetran_destination.main.group_id
  service  = "postgres"
  destination_schema = {
    prefix = %q
  }
  sync_frequency = %s
  config = {
    host          = %q
    port          = "5432"
    database      = "app"
    user          = "fivetran"
    password      = var.pg_password
    update_method = "XMIN"
  }
}
`, password, schemaPrefix, frequency, host)
}

func connID(s *terraform.State, addr string) string { return s.RootModule().Resources[addr].Primary.ID }

// TestAccConnection_lifecycle: create → import → in-place update (one PATCH
// with only what changed) → replacement on a destination_schema change →
// empty plan → destroy. Along the way: "5432" vs 5432 and enum case do not
// diff (config rule 2), the masked password does not diff, and the name is
// known at plan time.
func TestAccConnection_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	p := providerConfig(em) + baseConfig
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: p + postgresConnection("app_db", "db.example.com", "360", "pw-one"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("name"), knownvalue.StringExact("app_db")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("setup_state"), knownvalue.StringExact("connected")),
					statecheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("config").AtMapKey("port"), knownvalue.StringExact("5432")),
				},
				Check: func(s *terraform.State) error {
					id = connID(s, "fivetran_connection.pg")
					c, _ := em.Get("connection", id)
					if jsonAs[map[string]any](t, c["config"])["password"] != "pw-one" {
						return fmt.Errorf("the emulator did not receive the password")
					}
					if n := em.Counts()["POST /v1/connections"]; n != 1 {
						return fmt.Errorf("expected one POST /v1/connections, got %d", n)
					}
					return nil
				},
			},
			{
				ResourceName:            "fivetran_connection.pg",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "config"},
			},
			{
				PreConfig: func() { em.ResetRequests() },
				Config:    p + postgresConnection("app_db", "db2.example.com", "60", "pw-one"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if connID(s, "fivetran_connection.pg") != id {
						return fmt.Errorf("the update replaced the connection")
					}
					counts := em.Counts()
					if counts["PATCH /v1/connections/{id}"] != 1 || counts["POST /v1/connections"] != 0 || counts["DELETE /v1/connections/{id}"] != 0 {
						return fmt.Errorf("expected exactly one PATCH and no POST or DELETE, got %v", counts)
					}
					c, _ := em.Get("connection", id)
					if c["sync_frequency"] != float64(60) && fmt.Sprint(c["sync_frequency"]) != "60" {
						return fmt.Errorf("sync_frequency is %v", c["sync_frequency"])
					}
					if jsonAs[map[string]any](t, c["config"])["host"] != "db2.example.com" {
						return fmt.Errorf("host is %v", jsonAs[map[string]any](t, c["config"])["host"])
					}
					return nil
				},
			},
			{
				Config: p + postgresConnection("app_db_v2", "db2.example.com", "60", "pw-one"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
			{
				Config:   p + postgresConnection("app_db_v2", "db2.example.com", "60", "pw-one"),
				PlanOnly: true,
			},
		},
	})
}

// TestAccConnection_destinationSchemaMap: destination_schema holds only the
// keys written, so the state carries no null key for the ones a connector
// type does not take; a key written as null (as a conditional may give) is
// an update that sends nothing, not a replacement, and it is kept through
// refreshes; a written key reads back by reference; a changed value still
// replaces the connection.
func TestAccConnection_destinationSchemaMap(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(ds string) string {
		return providerConfig(em) + baseConfig + `
resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = ` + ds + `
  run_setup_tests    = false
}

output "schema_name" {
  value = fivetran_connection.gh.destination_schema.name
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg(`{ name = "github" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_connection.gh", tfjsonpath.New("destination_schema"),
						knownvalue.MapExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("github")})),
					statecheck.ExpectKnownOutputValue("schema_name", knownvalue.StringExact("github")),
				},
			},
			{
				// Fivetran cannot tell table = null from no table: the update
				// stores it and sends nothing, and nothing is replaced.
				PreConfig: func() { em.ResetRequests() },
				Config:    cfg(`{ name = "github", table = null }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.gh", plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					for route, n := range em.Counts() {
						if !strings.HasPrefix(route, "GET ") && n > 0 {
							return fmt.Errorf("%d × %s: a destination_schema key written as null sent something", n, route)
						}
					}
					return nil
				},
			},
			{
				// The refresh keeps table = null while Fivetran has no table:
				// without it, every plan would replace the connection.
				Config:   cfg(`{ name = "github", table = null }`),
				PlanOnly: true,
			},
			{
				Config: cfg(`{ name = "github_v2", table = null }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.gh", plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// TestAccConnection_driftAndSecrets: a non-secret key changed in Fivetran
// shows as exactly that update (config rule 4: a change made in Fivetran must
// not go unseen); a connection deleted in Fivetran is planned for creation; a
// rotated secret is sent although Fivetran shows it only masked (config rule 3).
func TestAccConnection_driftAndSecrets(t *testing.T) {
	accPreCheck(t)
	em, log := startEmulatorLogged(t)
	p := providerConfig(em) + baseConfig
	cfg := p + postgresConnection("drift_db", "db.example.com", "360", "pw-one")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// Fivetran answering with another form of the same values
				// (a number for "5432", lower-case enum) and extra keys is not drift.
				Check: func(s *terraform.State) error {
					return em.Patch("connection", connID(s, "fivetran_connection.pg"),
						map[string]any{"config": map[string]any{"port": 5432, "update_method": "xmin", "server_default": true}})
				},
			},
			{
				Config:   cfg,
				PlanOnly: true,
			},
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					return em.Patch("connection", connID(s, "fivetran_connection.pg"),
						map[string]any{"config": map[string]any{"host": "changed-in-ui.example.com", "replica_note": "unmanaged"}})
				},
				ExpectNonEmptyPlan: true,
			},
			{
				// The plan shows exactly the drift: from the value Fivetran
				// holds (the refreshed prior value) back to the configured one,
				// and the PATCH carries only that key.
				PreConfig: log.reset,
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionUpdate),
						expectPriorValue("fivetran_connection.pg", []string{"config", "host"}, "changed-in-ui.example.com"),
						plancheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("config").AtMapKey("host"), knownvalue.StringExact("db.example.com")),
						plancheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("config").AtMapKey("port"), knownvalue.StringExact("5432")),
					},
				},
				Check: func(s *terraform.State) error {
					c, _ := em.Get("connection", connID(s, "fivetran_connection.pg"))
					cfg := jsonAs[map[string]any](t, c["config"])
					if cfg["host"] != "db.example.com" {
						return fmt.Errorf("host was not restored: %v", cfg["host"])
					}
					if cfg["replica_note"] != "unmanaged" {
						return fmt.Errorf("an unmanaged key was touched: %v", cfg["replica_note"])
					}
					// Only the drifted key; the setup-test flags go with any
					// config change (run_setup_tests defaults to true).
					return log.onePatch("/v1/connections/", map[string]any{
						"config":          map[string]any{"host": "db.example.com"},
						"run_setup_tests": true, "trust_certificates": false, "trust_fingerprints": false,
					})
				},
			},
			{
				PreConfig: func() { em.ResetRequests() },
				Config:    p + postgresConnection("drift_db", "db.example.com", "360", "pw-rotated"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					c, _ := em.Get("connection", connID(s, "fivetran_connection.pg"))
					if got := jsonAs[map[string]any](t, c["config"])["password"]; got != "pw-rotated" {
						return fmt.Errorf("the rotated password was not sent: %v", got)
					}
					return em.Delete("connection", connID(s, "fivetran_connection.pg"))
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: p + postgresConnection("drift_db", "db.example.com", "360", "pw-rotated"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccConnection_authNeverRead: auth is sent, never read back (Fivetran
// never returns it), never shown, and a change is sent.
func TestAccConnection_authNeverRead(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(token string) string {
		return providerConfig(em) + baseConfig + fmt.Sprintf(`
resource "fivetran_connection" "ads" {
  group_id = fivetran_destination.main.group_id
  service  = "google_ads"
  destination_schema = { name = "google_ads" }
  config = {
    customer_id = "123-456-7890"
  }
  auth = {
    client_access = {
      client_id     = "my-client"
      client_secret = "client-secret-value"
    }
    refresh_token = %q
  }
}
`, token)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: cfg("refresh-one")},
			{Config: cfg("refresh-one"), PlanOnly: true},
			{
				Config: cfg("refresh-two"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.ads", plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					c, _ := em.Get("connection", connID(s, "fivetran_connection.ads"))
					if _, shown := c["auth"]; shown {
						return fmt.Errorf("the API showed auth")
					}
					auth, _ := em.ConnectionAuth(connID(s, "fivetran_connection.ads"))
					if auth == nil || auth["refresh_token"] != "refresh-two" {
						return fmt.Errorf("the new refresh token was not sent: %v", auth)
					}
					return nil
				},
			},
		},
	})
}

// TestAccConnection_noDestination: a connection in a group without a
// destination fails with an error that says which reference to write.
func TestAccConnection_noDestination(t *testing.T) {
	accPreCheck(t)
	// The live API accepts a connection in a group without a destination
	// (API.md, "Connections"); this is the error path for an API that refuses it.
	em := startEmulatorWith(t, emulator.Options{Seed: 42, RequireDestination: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + `
resource "fivetran_group" "main" {
  name = "no_destination"
}

resource "fivetran_connection" "gh" {
  group_id = fivetran_group.main.id
  service  = "github"
  destination_schema = { name = "github" }
  run_setup_tests = false
}
`,
			ExpectError: wrapRe(`(?s)has no destination yet.*group_id = fivetran_destination.<name>.group_id`),
		}},
	})
	if n := len(em.Connections()); n != 0 {
		t.Errorf("a connection was left behind: %d", n)
	}
}

// TestAccPipeline: a group, its destination and three connections using the
// schema, schema+table and prefix formats apply, plan empty and destroy, with
// the minimum of API calls.
func TestAccPipeline(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + baseConfig + `
resource "fivetran_connection" "github" {
  group_id = fivetran_destination.main.group_id
  service  = "github"
  destination_schema = { name = "github" }
  config = {
    auth_mode = "PersonalAccessToken"
    pats      = ["ghp_secret_one"]
    sync_mode = "AllRepositories"
  }
}

resource "fivetran_connection" "sheet" {
  group_id = fivetran_destination.main.group_id
  service  = "google_sheets"
  destination_schema = {
    name  = "sheets"
    table = "budget"
  }
  config = {
    sheet_id    = "1AbC"
    named_range = "budget_range"
    auth_type   = "ServiceAccount"
  }
}

resource "fivetran_connection" "pg" {
  group_id = fivetran_destination.main.group_id
  service  = "postgres"
  destination_schema = { prefix = "app" }
  sync_frequency  = 1440
  daily_sync_time = "03:00"
  config = {
    host     = "db.example.com"
    port     = 5432
    user     = "fivetran"
    password = "pg-secret"
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy: func(st *terraform.State) error {
			if err := checkAllDestroyed(t, em)(st); err != nil {
				return err
			}
			// Delete: one DELETE per resource, none repeated; but the
			// destination's, which is repeated only while Fivetran answers 409
			// because the deleted connections still hold the group (the live
			// profile's DeleteDelay).
			got := em.Counts()
			for route, want := range map[string]int{"DELETE /v1/connections/{id}": 3, "DELETE /v1/groups/{id}": 1} {
				if got[route] != want {
					return fmt.Errorf("%s: %d calls, want %d", route, got[route], want)
				}
			}
			var statuses []int
			for _, r := range em.Requests() {
				if r.Route == "DELETE /v1/destinations/{id}" {
					statuses = append(statuses, r.Status)
				}
			}
			for i, st := range statuses {
				if last := i == len(statuses)-1; (last && st != http.StatusOK) || (!last && st != http.StatusConflict) {
					return fmt.Errorf("DELETE /v1/destinations/{id} answered %v: want 409s while connections go away, then one 200", statuses)
				}
			}
			if len(statuses) == 0 {
				return fmt.Errorf("no DELETE /v1/destinations/{id}")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_connection.sheet", tfjsonpath.New("name"), knownvalue.StringExact("sheets.budget")),
					statecheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("name"), knownvalue.StringExact("app")),
					statecheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("daily_sync_time"), knownvalue.StringExact("03:00")),
				},
				Check: func(*terraform.State) error {
					// The list of groups is the duplicate guard's look-up for the
					// new group, once at plan and once at apply's plan of it; the
					// destination and connections of a group created in the same
					// apply need none (duplicates.go).
					return expectCounts(em, map[string]int{
						"GET /v1/groups":  2,
						"POST /v1/groups": 1, "POST /v1/destinations": 1, "POST /v1/connections": 3,
						"GET /v1/metadata/connector-types/{id}": 3,
					})
				},
			},
			{
				PreConfig: func() { em.ResetRequests() },
				Config:    cfg,
				PlanOnly:  true,
				Check:     nil,
			},
			{
				PreConfig:    func() { em.ResetRequests() },
				RefreshState: true,
				Check: func(*terraform.State) error {
					// Refresh: one GET per group and destination; the three
					// connections confirmed by one list of the group, fetched by
					// the first of them since the group's destination is in the
					// state (bulk_reads.go); no metadata calls for unchanged
					// connections beyond one per service.
					return expectCounts(em, map[string]int{
						"GET /v1/groups/{id}": 1, "GET /v1/destinations/{id}": 1, "GET /v1/connections": 1,
					})
				},
			},
		},
	})
}

// expectCounts compares the emulator's request counts with want; routes not
// in want must not have been called, except metadata reads (cached per
// service per provider process, which plugin-testing restarts per command).
func expectCounts(em *emulator.Running, want map[string]int) error {
	got := em.Counts()
	var diffs []string
	for route, n := range want {
		if got[route] != n && (!strings.Contains(route, "metadata") || got[route] > n) {
			diffs = append(diffs, fmt.Sprintf("%s: got %d, want %d", route, got[route], n))
		}
	}
	for route, n := range got {
		if _, ok := want[route]; !ok && !strings.Contains(route, "metadata") {
			diffs = append(diffs, fmt.Sprintf("%s: got %d, want none", route, n))
		}
	}
	if len(diffs) > 0 {
		return fmt.Errorf("API calls differ: %s", strings.Join(diffs, "; "))
	}
	return nil
}

// wrapRe compiles a pattern in which each space also matches the line breaks
// Terraform inserts when it wraps a diagnostic.
func wrapRe(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// TestAccConnection_setupTestsFail: as for destinations, a failed setup test
// is an error quoting the test, and the connection stays in state (tainted),
// so the next apply replaces it instead of orphaning it.
func TestAccConnection_setupTestsFail(t *testing.T) {
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg("emulator:fail-setup-tests"),
				ExpectError: wrapRe(`(?s)Connection setup tests failed.*Fivetran created connection.*"Validating credentials" FAILED: Authentication failed.*` +
					`marked tainted: the next apply destroys it and creates it again`),
			},
			{
				Config: cfg("db.example.com"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if n := len(em.Connections()); n != 1 {
						return fmt.Errorf("the emulator holds %d connections, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

func adsConnection(timeframe, customer string) string {
	return fmt.Sprintf(`
resource "fivetran_connection" "ads" {
  group_id           = fivetran_destination.main.group_id
  service            = "google_ads"
  destination_schema = { name = "ads" }
  config = {
    customer_id      = %q
    timeframe_months = %q
  }
}
`, customer, timeframe)
}

// TestAccConnection_immutableConfigReplaces: a config key the connector
// metadata marks immutable (google_ads timeframe_months; Fivetran answers a
// PATCH changing it with 400 "cannot be changed") plans a replacement, not an
// in-place update that fails at apply; other keys still update in place.
func TestAccConnection_immutableConfigReplaces(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	p := providerConfig(em) + baseConfig
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: p + adsConnection("TWELVE", "123-456-7890"),
				Check: func(s *terraform.State) error {
					first = connID(s, "fivetran_connection.ads")
					return nil
				},
			},
			{
				Config: p + adsConnection("TWELVE", "999-456-7890"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.ads", plancheck.ResourceActionUpdate)},
				},
			},
			{
				Config: p + adsConnection("ALL_TIME", "999-456-7890"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_connection.ads", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					id := connID(s, "fivetran_connection.ads")
					if id == first {
						return fmt.Errorf("the connection was not replaced (id %s)", id)
					}
					if _, gone := em.Get("connection", first); gone {
						return fmt.Errorf("the old connection %s still exists", first)
					}
					c, _ := em.Get("connection", id)
					if tf := jsonAs[map[string]any](t, c["config"])["timeframe_months"]; tf != "ALL_TIME" {
						return fmt.Errorf("the new connection has timeframe_months %v", tf)
					}
					if n := em.Counts()["PATCH /v1/connections/{id}"]; n != 1 {
						return fmt.Errorf("want the one PATCH of customer_id, got %d", n)
					}
					return nil
				},
			},
		},
	})
}

func pgIgnoring(ignore, database string) string {
	return fmt.Sprintf(`
resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    host     = "db.example.com"
    database = %q
  }
  lifecycle {
    ignore_changes = [%s]
  }
}
`, database, ignore)
}

// TestAccConnection_ignoreChangesOneConfigKey pins what the config guide
// says about ignore_changes on one config key, in Terraform itself:
// `config.host` ignores that key only, while `config["host"]` ignores all
// of config, even a change written in HCL.
func TestAccConnection_ignoreChangesOneConfigKey(t *testing.T) {
	accPreCheck(t)
	drift := func(em *emulator.Running) func(*terraform.State) error {
		return func(s *terraform.State) error {
			return em.Patch("connection", connID(s, "fivetran_connection.pg"),
				map[string]any{"config": map[string]any{"host": "ui.example.com", "database": "ui_db"}})
		}
	}
	t.Run("attribute syntax", func(t *testing.T) {
		em := startEmulator(t)
		p := providerConfig(em) + baseConfig
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			CheckDestroy:             checkAllDestroyed(t, em),
			Steps: []resource.TestStep{
				{Config: p + pgIgnoring("config.host", "app"), Check: drift(em), ExpectNonEmptyPlan: true},
				{
					Config: p + pgIgnoring("config.host", "app"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("config").AtMapKey("host"), knownvalue.StringExact("ui.example.com")),
						plancheck.ExpectKnownValue("fivetran_connection.pg", tfjsonpath.New("config").AtMapKey("database"), knownvalue.StringExact("app")),
					}},
				},
			},
		})
	})
	t.Run("index syntax", func(t *testing.T) {
		em := startEmulator(t)
		p := providerConfig(em) + baseConfig
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			CheckDestroy:             checkAllDestroyed(t, em),
			Steps: []resource.TestStep{
				{Config: p + pgIgnoring(`config["host"]`, "app"), Check: drift(em)},
				// Neither the drift of database nor a new database in HCL
				// plans anything: all of config is ignored.
				{Config: p + pgIgnoring(`config["host"]`, "other"), PlanOnly: true},
			},
		})
	})
}

// TestAccConnection_serverDefaults: Fivetran fills config keys the client
// never sent (itunes_connect timeframe_months "TWELVE" and app_sync_mode
// "AllApps"). They are not managed (config rule 1 in DESIGN.md): the state
// holds only the configured keys and the plan after apply is empty. An
// import shows them (rule 7), and the generated HCL plans empty.
func TestAccConnection_serverDefaults(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	addr := "fivetran_connection.apple"
	apple := func(extra string) string {
		return providerConfig(em) + baseConfig + `
resource "fivetran_connection" "apple" {
  group_id           = fivetran_destination.main.group_id
  service            = "itunes_connect"
  destination_schema = { name = "apple" }
  config             = { username = "me@example.com", password = "apple-secret"` + extra + ` }
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: apple(""),
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources[addr].Primary.ID
				c, _ := em.Get("connection", id)
				for k, want := range map[string]string{"timeframe_months": "TWELVE", "app_sync_mode": "AllApps"} {
					if got := jsonAs[map[string]any](t, c["config"])[k]; got != want {
						return fmt.Errorf("the emulator did not fill %s: %v (the test proves nothing)", k, got)
					}
				}
				return nil
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"username": knownvalue.StringExact("me@example.com"), "password": knownvalue.StringExact("apple-secret"),
				})),
			},
		}, {
			// Writing the filled-in value down later is an in-place update
			// that Fivetran accepts (the value does not change), not a
			// replacement, and the plan after it is empty.
			Config: apple(`, timeframe_months = "TWELVE"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			}},
		}},
	})

	// Import: the defaults are real settings of the connection and appear in
	// the generated configuration, which then plans empty.
	g := em.CreateGroup("adopted")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "snowflake", "time_zone_offset": "0",
		"config": map[string]any{"host": "acme.snowflakecomputing.com", "database": "RAW"}}); err != nil {
		t.Fatal(err)
	}
	c, err := em.CreateConnection(map[string]any{"group_id": gid, "service": "itunes_connect", "run_setup_tests": false,
		"config": map[string]any{"schema": "apple", "username": "me@example.com", "password": "apple-secret"}})
	if err != nil {
		t.Fatal(err)
	}
	r := newTFRunner(t)
	r.write("main.tf", requiredProviders+providerConfig(em)+fmt.Sprintf("import {\n  to = fivetran_connection.apple\n  id = %q\n}\n", c["id"]))
	r.must("plan", "-input=false", "-generate-config-out=generated.tf")
	gen := r.read("generated.tf")
	if !regexp.MustCompile(`app_sync_mode\s*=\s*"AllApps"`).MatchString(gen) {
		t.Fatalf("the generated configuration does not show the server default:\n%s", gen)
	}
	r.write("generated.tf", strings.Replace(gen, "config = {", "config = {\n    password = \"apple-secret\"", 1))
	r.must("apply", "-input=false", "-auto-approve")
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after importing is not empty (exit %d):\n%s", code, out)
	}
}

// TestAccConnection_immutableConfigPlanSaysWhy: the plan that replaces a
// connection because an immutable config key changed says so, naming the
// key, on the key.
func TestAccConnection_immutableConfigPlanSaysWhy(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+baseConfig+adsConnection("TWELVE", "123-456-7890"))
	r.must("apply", "-input=false", "-auto-approve")
	r.write("main.tf", requiredProviders+baseConfig+adsConnection("ALL_TIME", "123-456-7890"))
	out := r.must("plan", "-input=false")
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"fivetran_connection.ads must be replaced",
		"Warning: Config change forces replacement",
		`timeframe_months = "ALL_TIME"`,
		`Fivetran sets config key "timeframe_months" of connector type "google_ads" only when a connection is created`,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan lacks %q:\n%s", want, out)
		}
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

// TestAccConnection_slowSetupTestsAreNoLostAnswer: Fivetran takes longer to
// run a create's setup tests than request_timeout allows one attempt. The
// create still gets its answer (the operation's timeout bounds it): no
// "outcome unknown", so no look-up to reconcile it, one POST each, and the
// setup tests' warnings are reported.
func TestAccConnection_slowSetupTestsAreNoLostAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, SetupTestDelay: 1500 * time.Millisecond})
	cfg := strings.Replace(providerConfig(em), "max_retries = 2", "max_retries = 2\n  request_timeout = \"1s\"", 1) + baseConfig + `
resource "fivetran_connection" "gh" {
  group_id = fivetran_destination.main.group_id
  service  = "github"
  destination_schema = { name = "github" }
  config = { sync_mode = "AllRepositories" }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(*terraform.State) error {
				counts := em.Counts()
				for _, route := range []string{"POST /v1/destinations", "POST /v1/connections"} {
					if counts[route] != 1 {
						return fmt.Errorf("%s: %d calls, want 1", route, counts[route])
					}
				}
				// A reconciliation lists the group's connections by name; the one
				// list of the group's connections is the duplicate guard's, at
				// the apply's own plan of the create (the group id is known by then).
				if n := counts["GET /v1/connections"]; n != 0 {
					return fmt.Errorf("GET /v1/connections: %d calls: a slow create was taken for a lost answer and reconciled", n)
				}
				if n := counts["GET /v1/groups/{id}/connections"]; n > 1 {
					return fmt.Errorf("GET /v1/groups/{id}/connections: %d calls, want at most the duplicate guard's one", n)
				}
				for _, r := range em.Requests() {
					if r.Method == http.MethodPost && r.Status != http.StatusCreated {
						return fmt.Errorf("%s %s answered %d", r.Method, r.Path, r.Status)
					}
				}
				return nil
			},
		}},
	})
}

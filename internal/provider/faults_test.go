package provider

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// faultPipeline declares groups × (group, destination) and 3 connections per
// group of three connector types (schema, schema+table and prefix formats).
func faultPipeline(em *emulator.Running, groups int) string {
	var b strings.Builder
	b.WriteString(strings.Replace(providerConfig(em), "max_retries = 2", "max_retries = 8\n  request_timeout = \"5s\"", 1))
	fmt.Fprintf(&b, `
locals {
  groups = [for i in range(%d) : format("team_%%02d", i)]
}

resource "fivetran_group" "g" {
  count = length(local.groups)
  name  = local.groups[count.index]
}

resource "fivetran_destination" "d" {
  count    = length(local.groups)
  group_id = fivetran_group.g[count.index].id
  service  = "postgres_warehouse"
  config = {
    host     = "${local.groups[count.index]}.warehouse.example.com"
    port     = 5432
    password = "dw-secret"
  }
}

resource "fivetran_connection" "gh" {
  count              = length(local.groups)
  group_id           = fivetran_destination.d[count.index].group_id
  service            = "github"
  destination_schema = { name = "github_${local.groups[count.index]}" }
  config             = { sync_mode = "AllRepositories" }
}

resource "fivetran_connection" "sheet" {
  count              = length(local.groups)
  group_id           = fivetran_destination.d[count.index].group_id
  service            = "google_sheets"
  destination_schema = { name = "sheets", table = local.groups[count.index] }
  config             = { sheet_id = "sheet-${local.groups[count.index]}", named_range = "data" }
}

resource "fivetran_connection" "pg" {
  count              = length(local.groups)
  group_id           = fivetran_destination.d[count.index].group_id
  service            = "postgres"
  destination_schema = { prefix = "pg_${local.groups[count.index]}" }
  sync_frequency     = 60
  config = {
    host     = "${local.groups[count.index]}.db.example.com"
    port     = 5432
    password = "pg-secret"
  }
}
`, groups)
	return b.String()
}

var faultsInjected, faultRuns atomic.Int64

// TestAccFaults_convergeWithoutDuplicates: 10 groups, 10 destinations and 30
// connections through an emulator that faults on about a fifth of requests
// (429 with Retry-After, 500/502/503/504 with JSON and HTML bodies, latency,
// POSTs whose write commits but whose answer is lost, and writes that commit
// before a 502 or 504 answers), each kind checked in the request log as
// actually injected, under the live profile (lists lag, slow setup tests,
// delayed deletes, pages of 3). For each seed one
// apply succeeds, the next plan is empty, the emulator holds exactly the
// declared objects, and destroy leaves it empty.
func TestAccFaults_convergeWithoutDuplicates(t *testing.T) {
	accPreCheck(t)
	t.Cleanup(func() {
		t.Logf("fault runs: %d seeds, %d faults injected in all", faultRuns.Load(), faultsInjected.Load())
	})
	for _, seed := range []int64{1, 7, 42} {
		t.Run(fmt.Sprintf("seed_%d", seed), func(t *testing.T) {
			t.Parallel()
			em := startEmulatorWith(t, emulator.Options{Seed: seed})
			kinds := []string{emulator.Fault429, emulator.Fault500, emulator.Fault502, emulator.Fault503,
				emulator.Fault500HTML, emulator.Fault502HTML, emulator.Fault503HTML,
				emulator.Fault504, emulator.FaultDropAfterCommit, emulator.Fault502AfterCommit, emulator.Fault504AfterCommit,
				emulator.FaultLatency}
			em.SetFaults(emulator.Faults{
				Rate:       0.2,
				Kinds:      kinds,
				Latency:    2 * time.Millisecond,
				RetryAfter: 1,
			})
			// On top of the random faults, each kind at least once for sure
			// (on creates, which the run makes 50 of), and an answer lost on
			// each create route, so that the per-kind check below is not left
			// to the order of concurrent requests.
			for _, k := range kinds {
				if k != emulator.FaultDropAfterCommit {
					em.InjectNext(k, 1, "POST", "")
				}
			}
			for _, route := range []string{"/v1/groups", "/v1/destinations", "/v1/connections"} {
				em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", route)
			}
			cfg := faultPipeline(em, 10)
			perKind := map[string]int{}
			countFaults := func() int {
				n := 0
				for _, r := range em.Requests() {
					if r.Fault != "" {
						perKind[r.Fault]++
						n++
					}
				}
				return n
			}
			var injected int
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy: func(s *terraform.State) error {
					injected += countFaults()
					if g, d, c := len(em.Groups()), len(em.Destinations()), len(em.Connections()); g+d+c != 0 {
						return fmt.Errorf("after destroy the emulator still holds %d groups, %d destinations, %d connections", g, d, c)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						Config: cfg,
						Check: func(*terraform.State) error {
							return checkExactPipeline(em, 10)
						},
					},
					{
						// The next plan is empty (faults still on: refresh survives them too).
						Config:   cfg,
						PlanOnly: true,
					},
				},
			})
			faultsInjected.Add(int64(injected))
			faultRuns.Add(1)
			if injected < 20 {
				t.Errorf("only %d faults were injected with seed %d: the run proves little", injected, seed)
			}
			for _, k := range kinds {
				if perKind[k] == 0 {
					t.Errorf("seed %d: no %q fault was injected (injected per kind: %v)", seed, k, perKind)
				}
			}
			if lost := perKind[emulator.FaultDropAfterCommit]; lost < 3 {
				t.Errorf("seed %d: %d answers were lost, want at least one per create route", seed, lost)
			}
			t.Logf("seed %d: %d requests logged, %d faults injected over the run: %v", seed, len(em.Requests()), injected, perKind)
		})
	}
}

// checkExactPipeline: exactly the declared objects, no duplicate, none missing.
func checkExactPipeline(em *emulator.Running, groups int) error {
	var names []string
	for _, g := range em.Groups() {
		name, ok := g["name"].(string)
		if !ok {
			return fmt.Errorf("group %v has name %#v, want a string", g["id"], g["name"])
		}
		names = append(names, name)
	}
	sort.Strings(names)
	var want []string
	for i := 0; i < groups; i++ {
		want = append(want, fmt.Sprintf("team_%02d", i))
	}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		return fmt.Errorf("groups are %v, want %v", names, want)
	}
	if d := len(em.Destinations()); d != groups {
		return fmt.Errorf("%d destinations, want %d", d, groups)
	}
	seen := map[string]bool{}
	for _, c := range em.Connections() {
		gid, okGroup := c["group_id"].(string)
		schema, okSchema := c["schema"].(string)
		if !okGroup || !okSchema {
			return fmt.Errorf("connection %v has group_id %#v and schema %#v, want strings", c["id"], c["group_id"], c["schema"])
		}
		key := gid + "/" + schema
		if seen[key] {
			return fmt.Errorf("duplicate connection %s", key)
		}
		seen[key] = true
	}
	if len(seen) != 3*groups {
		return fmt.Errorf("%d connections, want %d", len(seen), 3*groups)
	}
	return nil
}

// TestAccFaults_schemaReloadRetried: the schema reload that a new
// connection's schema config needs is a POST that Fivetran may receive
// twice, so a 503, a gateway error after the reload was done, and a lost
// answer are each retried, and the first apply succeeds. Before, the first
// of them failed the apply with "no answer came back ... import it".
func TestAccFaults_schemaReloadRetried(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 3, SchemaDiscoveryDelay: -1}) // discovered only on reload
	const reload = "POST /v1/connections/{id}/schemas/reload"
	for _, kind := range []string{emulator.Fault503, emulator.Fault502AfterCommit, emulator.FaultDropAfterCommit} {
		em.InjectNext(kind, 1, "POST", reload)
	}
	cfg := strings.Replace(providerConfig(em), "max_retries = 2", "max_retries = 3", 1) + `
resource "fivetran_group" "g" {
  name = "reload_faults"
}

resource "fivetran_destination" "d" {
  group_id = fivetran_group.g.id
  service  = "postgres_warehouse"
  config   = { host = "warehouse.example.com", port = 5432 }
}

resource "fivetran_connection" "app" {
  group_id           = fivetran_destination.d.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  run_setup_tests    = false
  config = {
    host     = "db.example.com"
    port     = "5432"
    database = "app"
    user     = "fivetran"
  }
}

resource "fivetran_connection_schema" "app" {
  connection_id = fivetran_connection.app.id
  tables        = { "public.orders" = "excluded" }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(*terraform.State) error {
				faulted, answered := map[string]int{}, 0
				for _, r := range em.Requests() {
					switch {
					case r.Route != reload:
					case r.Fault != "":
						faulted[r.Fault]++
					default:
						answered++
					}
				}
				if len(faulted) != 3 || answered != 1 {
					return fmt.Errorf("reloads: faulted %v and %d answered, want each of the 3 faults once, then 1 answered", faulted, answered)
				}
				conns := em.Connections()
				if len(conns) != 1 {
					return fmt.Errorf("%d connections", len(conns))
				}
				id, _ := conns[0]["id"].(string)
				sc, _ := em.SchemaConfig(id)
				if at(sc, "public", "orders")["enabled"] != false {
					return fmt.Errorf("the choice was not applied: %v", at(sc, "public", "orders"))
				}
				return nil
			},
		}},
	})
}

// TestAccFaults_actionsRetried: the sync and re-sync POSTs are safe to
// repeat, so a 503 and a gateway error after the sync had started are
// retried, and the sync action succeeds. The re-sync's first request starts
// the re-sync but its answer is lost (502 after the commit); the repeat meets
// 409 (a sync is running): the action says the first request most likely
// started it, with a warning, and waits for it to end. Before, each of these
// faults failed the action.
func TestAccFaults_actionsRetried(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	// Longer than the client's first waits between attempts (1 s, then 2 s),
	// so that the repeated re-sync meets the one its first request started.
	em.SetSyncDuration(4 * time.Second)
	const syncRoute, resyncRoute = "POST /v1/connections/{id}/sync", "POST /v1/connections/{id}/resync"
	em.InjectNext(emulator.Fault503, 1, "POST", syncRoute)
	em.InjectNext(emulator.Fault502AfterCommit, 1, "POST", syncRoute)
	em.InjectNext(emulator.Fault502AfterCommit, 1, "POST", resyncRoute)
	triggers := `
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.fivetran_connection_sync.s, action.fivetran_connection_resync.r]
    }
  }
`
	actions := `
action "fivetran_connection_sync" "s" {
  config {
    connection_id = fivetran_connection.gh.id
    wait          = true
    timeout       = "1m"
  }
}

action "fivetran_connection_resync" "r" {
  config {
    connection_id = fivetran_connection.gh.id
    wait          = true
    timeout       = "1m"
  }
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: actionsPipeline(em, triggers, actions),
			Check: func(*terraform.State) error {
				var syncs, resyncs []int
				for _, r := range em.Requests() {
					switch r.Route {
					case syncRoute:
						syncs = append(syncs, r.Status)
					case resyncRoute:
						resyncs = append(resyncs, r.Status)
					}
				}
				if fmt.Sprint(syncs) != "[503 502 200]" || fmt.Sprint(resyncs) != "[502 409]" {
					return fmt.Errorf("sync answered %v (want 503, 502 after the commit, 200), re-sync %v (want 502 after the commit, 409)", syncs, resyncs)
				}
				return nil
			},
		}},
	})
}

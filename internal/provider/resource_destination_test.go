package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

func destinationConfig(region, host, service string) string {
	return fmt.Sprintf(`
variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2-destination"
}

resource "fivetran_group" "main" {
  name = "warehouse"
}

resource "fivetran_destination" "main" {
  group_id         = fivetran_group.main.id
  service          = %q
  region           = %q
  time_zone_offset = "+1"
  config = {
    host     = %q
    port     = 5432
    database = "analytics"
    user     = "fivetran"
    password = var.db_password
  }
}
`, service, region, host)
}

// TestAccDestination_lifecycle: create with setup tests, import, in-place
// update (region and one config key: a PATCH carrying only that), replacement
// when the service changes, an empty plan, destroy.
func TestAccDestination_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	p := providerConfig(em)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: p + destinationConfig("GCP_US_EAST4", "db.example.com", "postgres_warehouse"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_destination.main", tfjsonpath.New("setup_status"), knownvalue.StringExact("connected")),
					statecheck.ExpectKnownValue("fivetran_destination.main", tfjsonpath.New("config").AtMapKey("port"), knownvalue.Int64Exact(5432)),
					statecheck.ExpectKnownValue("fivetran_destination.main", tfjsonpath.New("config").AtMapKey("password"), knownvalue.StringExact("hunter2-destination")),
					statecheck.CompareValuePairs("fivetran_destination.main", tfjsonpath.New("id"), "fivetran_group.main", tfjsonpath.New("id"), compareEqual{}),
				},
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources["fivetran_destination.main"].Primary.ID
					d, _ := em.Get("destination", id)
					cfg := jsonAs[map[string]any](t, d["config"])
					if cfg["password"] != "hunter2-destination" {
						return fmt.Errorf("the emulator did not receive the password")
					}
					return nil
				},
			},
			{
				ResourceName:      "fivetran_destination.main",
				ImportState:       true,
				ImportStateVerify: true,
				// config holds every non-secret key after an import (the secret
				// cannot be read back); the write-only flags take their defaults.
				ImportStateVerifyIgnore: []string{"timeouts", "config"},
			},
			{
				PreConfig: func() { em.ResetRequests() },
				Config:    p + destinationConfig("AWS_EU_CENTRAL_1", "db2.example.com", "postgres_warehouse"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_destination.main", plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources["fivetran_destination.main"].Primary.ID; got != id {
						return fmt.Errorf("update replaced the destination")
					}
					if n := em.Counts()["PATCH /v1/destinations/{id}"]; n != 1 {
						return fmt.Errorf("expected one PATCH, got %d", n)
					}
					d, _ := em.Get("destination", id)
					if d["region"] != "AWS_EU_CENTRAL_1" || jsonAs[map[string]any](t, d["config"])["host"] != "db2.example.com" {
						return fmt.Errorf("the emulator holds %v", d)
					}
					return nil
				},
			},
			{
				Config: p + destinationConfig("AWS_EU_CENTRAL_1", "db2.example.com", "snowflake"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_destination.main", plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
			{
				Config:   p + destinationConfig("AWS_EU_CENTRAL_1", "db2.example.com", "snowflake"),
				PlanOnly: true,
			},
		},
	})
}

// TestAccDestination_setupTestsFail: a failed setup test is an error that
// quotes the test; the destination stays in state (tainted), not orphaned.
func TestAccDestination_setupTestsFail(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + `
resource "fivetran_group" "main" {
  name = "failing"
}

resource "fivetran_destination" "main" {
  group_id = fivetran_group.main.id
  service  = "postgres_warehouse"
  config = {
    host     = "emulator:fail-setup-tests"
    port     = 5432
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)setup tests failed.*"Validating credentials" FAILED: Authentication failed`),
			},
			{
				// The destination is in state, tainted: once fixed, the next
				// apply replaces it (nothing was orphaned in between).
				Config: strings.Replace(cfg, "emulator:fail-setup-tests", "db.example.com", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_destination.main", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if n := len(em.Destinations()); n != 1 {
						return fmt.Errorf("the emulator holds %d destinations, want 1", n)
					}
					return nil
				},
			},
		},
	})
	if n := len(em.Destinations()); n != 0 {
		t.Errorf("after destroy the emulator still holds %d destinations", n)
	}
}

// TestAccDestination_deleteNamesConnectionsInTheWay: while the group has a
// connection that this run does not delete, the destroy fails and names it
// (a bare 409 would leave the user to find it); once it is
// gone, the destroy succeeds.
func TestAccDestination_deleteNamesConnectionsInTheWay(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + `
resource "fivetran_group" "main" {
  name = "busy"
}

resource "fivetran_destination" "main" {
  group_id = fivetran_group.main.id
  service  = "postgres_warehouse"
  run_setup_tests = false
  timeouts = {
    delete = "2s"
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					gid := s.RootModule().Resources["fivetran_group.main"].Primary.ID
					_, err := em.CreateConnection(map[string]any{"group_id": gid, "service": "fivetran_log",
						"config": map[string]any{"schema": "fivetran_metadata"}})
					if err != nil {
						_, err = em.CreateConnection(map[string]any{"group_id": gid, "service": "github",
							"config": map[string]any{"schema": "fivetran_metadata"}})
					}
					return err
				},
			},
			{
				Config:      cfg,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)cannot be deleted while its group has connections.*fivetran_metadata`),
			},
			{
				// Remove the blocker out of band: the destroy then succeeds.
				PreConfig: func() {
					for _, c := range em.Connections() {
						_ = em.Delete("connection", jsonAs[string](t, c["id"]))
					}
				},
				Config:  cfg,
				Destroy: true,
			},
		},
	})
}

type compareEqual struct{}

func (compareEqual) CompareValues(values ...any) error {
	if len(values) == 2 && values[0] == values[1] {
		return nil
	}
	return fmt.Errorf("values differ: %v", values)
}

// TestAccDestination_deleteFailsFastOnUnmanagedConnection: a connection
// Terraform does not manage (made by Fivetran itself or in the UI) keeps the
// group busy. Destroy fails within seconds, not at the 20-minute delete
// timeout, naming the connection and what to do about it.
func TestAccDestination_deleteFailsFastOnUnmanagedConnection(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + `
resource "fivetran_group" "main" {
  name = "busy_default_timeout"
}

resource "fivetran_destination" "main" {
  group_id        = fivetran_group.main.id
  service         = "postgres_warehouse"
  run_setup_tests = false
}
`
	var connID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					gid := s.RootModule().Resources["fivetran_group.main"].Primary.ID
					c, err := em.CreateConnection(map[string]any{"group_id": gid, "service": "github",
						"config": map[string]any{"schema": "made_in_the_ui"}})
					if err == nil {
						connID, _ = c["id"].(string)
					}
					return err
				},
			},
			{
				Config:  cfg,
				Destroy: true,
				ExpectError: wrapRe(`(?s)cannot be deleted while its group has connections, and these are not being deleted by this run: ` +
					`github "made_in_the_ui" \(id [a-z_]+\).*terraform import fivetran_connection.*terraform state rm`),
			},
			{
				PreConfig: func() { _ = em.Delete("connection", connID) },
				Config:    cfg,
				Destroy:   true,
			},
		},
	})
}

// TestAccDestination_deleteWaitsForConnectionsOfThisRun: a connection whose
// group_id references the group (not the destination) is destroyed at the
// same time as the destination. While its delete is still under way, the
// destination's delete gets 409 and must wait for it rather than give up.
// The emulator holds the connection's DELETE until the destination has been
// refused several times (more than the polls it waits on connections nobody
// deletes).
func TestAccDestination_deleteWaitsForConnectionsOfThisRun(t *testing.T) {
	accPreCheck(t)
	opts := emulator.Options{Seed: 42, APIKey: testAPIKey, APISecret: testAPISecret}
	e, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var refusals atomic.Int32
	release := make(chan struct{})
	var releaseOnce sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, "/v1/connections/"):
			select {
			case <-release:
			case <-time.After(20 * time.Second):
			}
		case r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, "/v1/destinations/"):
			sw := &statusRecorder{ResponseWriter: w}
			e.ServeHTTP(sw, r)
			if sw.status == http.StatusConflict && refusals.Add(1) == destinationDeleteStall+3 {
				releaseOnce.Do(func() { close(release) })
			}
			return
		}
		e.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	em := &emulator.Running{Emulator: e, URL: srv.URL + "/v1", Server: srv}
	base := providerConfig(em) + `
resource "fivetran_group" "main" {
  name = "shared_teardown"
}

resource "fivetran_destination" "main" {
  group_id        = fivetran_group.main.id
  service         = "postgres_warehouse"
  run_setup_tests = false
}
`
	withConn := base + `
resource "fivetran_connection" "gh" {
  group_id           = fivetran_group.main.id
  service            = "github"
  destination_schema = { name = "github" }
  run_setup_tests    = false
  config             = { sync_mode = "AllRepositories" }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: base},
			{Config: withConn},
			{Config: withConn, Destroy: true},
		},
	})
	if n := refusals.Load(); n <= destinationDeleteStall+1 {
		t.Errorf("the destination was refused %d times: the connection's delete was not held long enough to prove the wait", n)
	}
	if n := len(e.Destinations()) + len(e.Connections()) + len(e.Groups()); n != 0 {
		t.Errorf("after destroy the emulator holds %d objects", n)
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// TestDeleteWait: the wait goes on while every connection left is going
// away or their number shrinks, and gives up after destinationDeleteStall
// polls without progress.
func TestDeleteWait(t *testing.T) {
	conns := func(ids ...string) []fivetran.Connection {
		out := make([]fivetran.Connection, 0, len(ids))
		for _, id := range ids {
			out = append(out, fivetran.Connection{ID: id})
		}
		return out
	}
	ours := func(id string) bool { return strings.HasPrefix(id, "ours") }

	w := deleteWait{}
	for i := 1; i <= destinationDeleteStall; i++ {
		if _, stuck := w.next(nil, ours); stuck {
			t.Fatalf("a 409 with no connection listed gave up at poll %d", i)
		}
	}
	if _, stuck := w.next(nil, ours); !stuck {
		t.Fatal("a 409 with no connection listed must not be waited on forever")
	}

	w = deleteWait{}
	for i := 0; i < 10; i++ {
		if b, stuck := w.next(conns("ours1", "ours2"), ours); stuck || len(b) != 0 {
			t.Fatalf("poll %d: connections going away must be waited for (blockers %v, stuck %v)", i, b, stuck)
		}
	}
	w = deleteWait{}
	for i := 1; i <= destinationDeleteStall; i++ {
		if _, stuck := w.next(conns("ours1", "ui1"), ours); stuck {
			t.Fatalf("gave up at poll %d, before %d polls without progress", i, destinationDeleteStall)
		}
	}
	b, stuck := w.next(conns("ui1"), ours)
	if !stuck || len(b) != 1 || b[0].ID != "ui1" {
		t.Fatalf("want to give up on ui1 after %d polls without progress, got %v %v", destinationDeleteStall, b, stuck)
	}

	w = deleteWait{}
	left := []string{"a", "b", "c", "d", "e", "f"}
	for len(left) > 1 {
		if _, stuck := w.next(conns(left...), ours); stuck {
			t.Fatalf("gave up while the connections were shrinking (%d left)", len(left))
		}
		left = left[1:]
	}
}

// TestAccDestination_platformConnectionBlocksDestroy: Fivetran made a
// connection of its own (fivetran_log) in the new destination's group.
// Terraform does not manage it, so destroying the destination cannot finish:
// the destroy fails with an error naming that connection, and the group and
// destination stay in state. Once the connection is removed in Fivetran, the
// next destroy completes.
func TestAccDestination_platformConnectionBlocksDestroy(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, PlatformConnection: true})
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+`
resource "fivetran_group" "main" {
  name = "sources"
}

resource "fivetran_destination" "main" {
  group_id = fivetran_group.main.id
  service  = "postgres_warehouse"
  config   = { host = "warehouse.example.com" }
  timeouts = { delete = "2s" }
}
`)
	r.must("apply", "-input=false", "-auto-approve")
	var platform map[string]any
	for _, c := range em.Connections() {
		if c["service"] == "fivetran_log" {
			platform = c
		}
	}
	if platform == nil {
		t.Fatal("the emulator made no platform connection: the test proves nothing")
	}
	pid := jsonAs[string](t, platform["id"])
	out, code := r.run("destroy", "-input=false", "-auto-approve")
	if code == 0 {
		t.Fatalf("destroy succeeded although a connection Terraform does not manage is in the group:\n%s", out)
	}
	if !strings.Contains(out, pid) || !strings.Contains(out, "fivetran_log") {
		t.Errorf("the destroy error does not name the connection in the way (%s, fivetran_log):\n%s", pid, out)
	}
	// Parsed, not matched as text: OpenTofu writes the state file without indentation.
	if state := stateResources(t, r); !strings.Contains(state, "fivetran_destination.main=") || !strings.Contains(state, "fivetran_group.main=") {
		t.Errorf("the destination or group left the state although both still exist: %s", state)
	}
	if err := em.Delete("connection", pid); err != nil {
		t.Fatal(err)
	}
	r.must("destroy", "-input=false", "-auto-approve")
	if g, d := len(em.Groups()), len(em.Destinations()); g+d != 0 {
		t.Fatalf("after destroy the emulator holds %d groups and %d destinations", g, d)
	}
}

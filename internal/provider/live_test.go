package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestAccSetupTests_warningAndSkipped: setup tests that pass with WARNING
// give a warning naming the test (the apply succeeds and nothing is
// tainted); SKIPPED ones say nothing.
func TestAccSetupTests_warningAndSkipped(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, SetupTestStatuses: []string{"SKIPPED", "WARNING"}})
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+baseConfig+`
resource "fivetran_connection" "gh" {
  group_id = fivetran_destination.main.group_id
  service  = "github"
  destination_schema = { name = "github" }
  config = { sync_mode = "AllRepositories" }
}
`)
	apply := r.must("apply", "-input=false", "-auto-approve")
	for _, want := range []string{
		"Warning: Destination setup tests passed with warnings", `"Database Connection": The test passed with a warning`,
		"Warning: Connection setup tests passed with warnings", `"Validating credentials": The test passed with a warning`,
	} {
		if !strings.Contains(apply, want) {
			t.Errorf("the apply output lacks %q:\n%s", want, apply)
		}
	}
	for _, skipped := range []string{`"Host Connection"`, `"Connecting to API"`} {
		if strings.Contains(apply, skipped) {
			t.Errorf("a SKIPPED test (%s) is reported:\n%s", skipped, apply)
		}
	}
	if strings.Contains(apply, "Error") || strings.Contains(r.must("plan", "-input=false", "-detailed-exitcode"), "tainted") {
		t.Errorf("a warning became an error or a taint:\n%s", apply)
	}
	r.must("destroy", "-input=false", "-auto-approve")
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
				for _, route := range []string{"GET /v1/connections", "GET /v1/groups/{id}/connections"} {
					if counts[route] != 0 {
						return fmt.Errorf("%s: %d calls: a slow create was taken for a lost answer and reconciled", route, counts[route])
					}
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

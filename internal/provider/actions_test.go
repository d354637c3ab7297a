package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// Actions need Terraform 1.14: these tests skip on older versions (make test
// runs 1.5.7) and run under make test-latest.

func init() {
	// The emulator's syncs take what each test sets; poll it often.
	syncPollInterval = 20 * time.Millisecond
}

func actionsPipeline(em *emulator.Running, connExtra, actions string) string {
	return providerConfig(em) + `
resource "fivetran_group" "main" {
  name = "actions"
}

resource "fivetran_destination" "main" {
  group_id         = fivetran_group.main.id
  service          = "postgres_warehouse"
  time_zone_offset = "0"
  config = {
    host = "warehouse.internal"
    port = 5432
  }
}

resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  run_setup_tests    = false
` + connExtra + `
}
` + actions
}

const syncTriggeredByCreate = `
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.fivetran_connection_sync.after_change]
    }
  }
`

const syncAction = `
action "fivetran_connection_sync" "after_change" {
  config {
    connection_id = fivetran_connection.gh.id
    wait          = true
    timeout       = "1m"
  }
}
`

// TestAccAction_syncTriggeredByCreate: a connection whose lifecycle runs
// fivetran_connection_sync after create and after update. The apply creates
// the connection, triggers one sync and waits for it: the emulator has
// recorded its success before the step's checks run. Changing the
// connection syncs again. The refresh after each apply picks up the new
// succeeded_at without a planned change.
func TestAccAction_syncTriggeredByCreate(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.SetSyncDuration(150 * time.Millisecond)
	syncs := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := em.Counts()["POST /v1/connections/{id}/sync"]; got != want {
				return fmt.Errorf("syncs triggered: %d, want %d", got, want)
			}
			return nil
		}
	}
	succeeded := func(s *terraform.State) error {
		rs := s.RootModule().Resources["fivetran_connection.gh"]
		c, found := em.Get("connection", rs.Primary.ID)
		if !found {
			return fmt.Errorf("connection %s not in the emulator", rs.Primary.ID)
		}
		st, _ := c["status"].(map[string]any)
		if c["succeeded_at"] == nil || st["sync_state"] != "scheduled" {
			return fmt.Errorf("the action did not wait for the sync: succeeded_at %v, status %v", c["succeeded_at"], st)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: actionsPipeline(em, syncTriggeredByCreate, syncAction),
				Check:  resource.ComposeAggregateTestCheckFunc(syncs(1), succeeded),
			},
			{
				Config: actionsPipeline(em, `  sync_frequency = 60`+syncTriggeredByCreate, syncAction),
				Check:  resource.ComposeAggregateTestCheckFunc(syncs(2), succeeded),
			},
		},
	})
}

// TestAccAction_invokeFailingSync: `terraform apply -invoke` of
// fivetran_connection_sync with wait on a connection whose syncs fail. The
// apply fails, and the error names what failed: Fivetran's task (code,
// message, details) and warning. A paused connection is refused before any
// sync is requested.
func TestAccAction_invokeFailingSync(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	r := newTFRunner(t)
	em := startEmulator(t)
	em.SetSyncDuration(0)
	r.env = append(r.env, emulatorEnv(em.URL)...)
	cfg := requiredProviders + `
resource "fivetran_group" "main" {
  name = "invoke"
}

resource "fivetran_destination" "main" {
  group_id         = fivetran_group.main.id
  service          = "postgres_warehouse"
  time_zone_offset = "0"
  config = {
    host = "warehouse.internal"
    port = 5432
  }
}

resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  run_setup_tests    = false
  paused             = %s
}

action "fivetran_connection_sync" "now" {
  config {
    connection_id = fivetran_connection.gh.id
    wait          = true
  }
}

action "fivetran_connection_test" "check" {
  config {
    id = fivetran_connection.gh.id
  }
}

action "fivetran_connection_resync" "tables" {
  config {
    connection_id = fivetran_connection.gh.id
    tables        = { public = ["users", "orders"] }
    wait          = true
  }
}

action "fivetran_connection_schema_reload" "gh" {
  config {
    connection_id = fivetran_connection.gh.id
  }
}

action "fivetran_destination_test" "main" {
  config {
    id = fivetran_destination.main.id
  }
}

output "id" {
  value = fivetran_connection.gh.id
}
`
	r.write("main.tf", fmt.Sprintf(cfg, "false"))
	r.must("apply", "-input=false", "-auto-approve")
	cid := strings.TrimSpace(r.must("output", "-raw", "id"))

	// A sync that succeeds.
	out := r.must("apply", "-input=false", "-auto-approve", "-invoke=action.fivetran_connection_sync.now")
	t.Logf("terraform apply -invoke:\n%s", out)
	if !strings.Contains(out, "sync triggered") || !strings.Contains(out, "the sync finished at") {
		t.Errorf("progress messages missing:\n%s", out)
	}

	// A sync that fails.
	em.FailSyncs(cid, emulator.SyncFailure{Code: "reconnect_source", Message: "Reconnect the GitHub source",
		Details: "The access token was revoked", Warning: true})
	out, code := r.run("apply", "-input=false", "-auto-approve", "-invoke=action.fivetran_connection_sync.now")
	t.Logf("terraform apply -invoke of a failing sync:\n%s", out)
	if code == 0 {
		t.Fatalf("a failed sync should fail the apply:\n%s", out)
	}
	for _, want := range []string{"The sync failed", cid, "reconnect_source: Reconnect the GitHub source (The access token was revoked)", "Warnings:"} {
		if !strings.Contains(out, want) {
			t.Errorf("the error does not say %q:\n%s", want, out)
		}
	}

	// Setup tests that fail are an error quoting them.
	em.FailSetupTests(cid, "Connecting to GitHub", "Bad credentials")
	out, code = r.run("apply", "-input=false", "-auto-approve", "-invoke=action.fivetran_connection_test.check")
	if code == 0 || !strings.Contains(out, `"Connecting to GitHub" FAILED: Bad credentials`) {
		t.Errorf("failed setup tests: exit %d\n%s", code, out)
	}

	// A table re-sync (waited for), a schema reload and destination tests.
	em.ClearSyncFailure(cid)
	out = r.must("apply", "-input=false", "-auto-approve", "-invoke=action.fivetran_connection_resync.tables")
	if !strings.Contains(out, "re-sync triggered for the tables of 1 schema(s): [public]") || !strings.Contains(out, "the table re-sync finished at") {
		t.Errorf("table re-sync:\n%s", out)
	}
	if n := em.Counts()["POST /v1/connections/{id}/schemas/tables/resync"]; n != 1 {
		t.Errorf("table re-sync requests: %d", n)
	}
	out = r.must("apply", "-input=false", "-auto-approve", "-invoke=action.fivetran_connection_schema_reload.gh")
	if !strings.Contains(out, "schema reloaded") {
		t.Errorf("schema reload:\n%s", out)
	}
	out = r.must("apply", "-input=false", "-auto-approve", "-invoke=action.fivetran_destination_test.main")
	if !strings.Contains(out, "setup test(s) run, setup_state connected") {
		t.Errorf("destination tests:\n%s", out)
	}

	// Paused: refused before a sync is requested.
	r.write("main.tf", fmt.Sprintf(cfg, "true"))
	r.must("apply", "-input=false", "-auto-approve")
	before := em.Counts()["POST /v1/connections/{id}/sync"]
	out, code = r.run("apply", "-input=false", "-auto-approve", "-invoke=action.fivetran_connection_sync.now")
	if code == 0 || !strings.Contains(out, "Connection is paused") {
		t.Errorf("a paused connection: exit %d\n%s", code, out)
	}
	if after := em.Counts()["POST /v1/connections/{id}/sync"]; after != before {
		t.Errorf("a sync was requested for a paused connection")
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

// TestDocsActionSnippets: the guide "Syncs and status" shows its action
// blocks in ```hcl fences (TestDocsTemplateSnippets validates ```terraform
// fences with the Terraform of make test, 1.5.7, which has no actions).
// Here they are put together, with the destination they refer to, and are
// `terraform fmt` clean and validate on Terraform 1.14.
func TestDocsActionSnippets(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	r := newTFRunner(t)
	b, err := os.ReadFile(filepath.Join(docsRepoRoot(t), "templates", "guides", "syncs-and-status.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	var snippets []string
	for _, m := range regexp.MustCompile("(?s)```hcl\n(.*?)```").FindAllStringSubmatch(string(b), -1) {
		if strings.Contains(m[1], "action \"") {
			snippets = append(snippets, m[1])
		}
	}
	if len(snippets) < 2 {
		t.Fatalf("found %d hcl snippets with action blocks in the guide", len(snippets))
	}
	for i, s := range snippets {
		name := fmt.Sprintf("snippet%d.tf", i+1)
		r.write(name, s)
		if out, code := r.run("fmt", "-check", "-diff", name); code != 0 {
			t.Errorf("snippet %d is not `terraform fmt` clean:\n%s\n\n%s", i+1, out, s)
		}
	}
	r.write("zz_stubs.tf", requiredProviders+`
variable "orders_password" {
  type      = string
  sensitive = true
}

resource "fivetran_group" "main" {
  name = "main"
}

resource "fivetran_destination" "warehouse" {
  group_id         = fivetran_group.main.id
  service          = "postgres_warehouse"
  time_zone_offset = "0"
}
`)
	if out, code := r.run("validate"); code != 0 {
		t.Fatalf("the guide's action snippets do not validate:\n%s", out)
	}
}

package provider

import (
	"strings"
	"testing"

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

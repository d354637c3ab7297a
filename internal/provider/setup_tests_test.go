package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestUpdateRunsSetupTests: the one rule for whether an update runs the
// setup tests, which the plan modifiers and Update share. For connections,
// a new config_wo_version or auth_wo_version alone runs them (it sends the
// write-only values), as a config, auth or networking change does; a
// schedule change does not.
func TestUpdateRunsSetupTests(t *testing.T) {
	prior := connectionTested{Config: types.DynamicNull(), Auth: types.DynamicNull(),
		ConfigWOVersion: types.Int64Value(1), AuthWOVersion: types.Int64Value(1),
		NetworkingMethod: types.StringValue("Directly"), PrivateLinkID: types.StringNull(), ProxyAgentID: types.StringNull(),
		HybridDeploymentAgentID: types.StringNull()}
	configWO, authWO, network := prior, prior, prior
	configWO.ConfigWOVersion = types.Int64Value(2)
	authWO.AuthWOVersion = types.Int64Value(2)
	network.NetworkingMethod = types.StringValue("SshTunnel")
	on, off := types.BoolValue(true), types.BoolValue(false)
	cases := []struct {
		name         string
		run          types.Bool
		failedBefore bool
		plan         connectionTested
		want         bool
	}{
		{"nothing tested changed", on, false, prior, false},
		{"config_wo_version changed", on, false, configWO, true},
		{"auth_wo_version changed", on, false, authWO, true},
		{"networking changed", on, false, network, true},
		{"run_setup_tests not known yet", types.BoolUnknown(), false, configWO, true},
		{"run_setup_tests = false", off, false, configWO, false},
		{"failed on the last update", on, true, prior, true},
		{"failed, but run_setup_tests = false", off, true, prior, false},
	}
	for _, c := range cases {
		if got := updateRunsSetupTests(c.run, c.failedBefore, connectionTestedChange(c.plan, prior)); got != c.want {
			t.Errorf("%s: updateRunsSetupTests = %v, want %v", c.name, got, c.want)
		}
	}

	d := destinationModel{Region: types.StringValue("GCP_US_EAST4"), TimeZoneOffset: types.StringValue("0"),
		DaylightSavingTimeEnabled: types.BoolValue(false), NetworkingMethod: types.StringValue("Directly"),
		Config: types.DynamicNull(), ConfigWOVersion: types.Int64Value(1), RunSetupTests: on}
	flags, version := d, d
	flags.TrustCertificates = types.BoolValue(true)
	version.ConfigWOVersion = types.Int64Value(2)
	if destinationTestedChange(flags, d) {
		t.Error("destination: a change of trust_certificates alone is sent nowhere, so it runs no tests")
	}
	if !destinationTestedChange(version, d) {
		t.Error("destination: a new config_wo_version sends config_wo, so it runs the tests")
	}
}

// TestSetupTestsActionDescriptions: the destination's setup-test action
// speaks of the destination's certificate, the connection's of the source's.
func TestSetupTestsActionDescriptions(t *testing.T) {
	for object, want := range map[string]string{"connection": "source's", "destination": "destination's"} {
		got := setupTestsActionSchema(object, "").Attributes["trust_certificates"].GetMarkdownDescription()
		if !strings.Contains(got, want) || (object == "destination" && strings.Contains(got, "source")) {
			t.Errorf("%s: trust_certificates says %q, want the %s certificate", object, got, want)
		}
	}
}

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

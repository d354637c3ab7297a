package provider

// Setup tests: Fivetran's checks that an object's settings work, which
// creates run and updates run when asked. This file holds what connections
// and destinations share: whether an update runs them
// (updateRunsSetupTests, with each object's mapping saying which changes the
// tests check), what a failure leaves in private state, and how results
// become diagnostics.

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// setupTestsFailedKey marks, in private state, an object whose setup tests
// failed on its last update. Terraform taints only on create, so without it
// the next plan would be empty while the tests still fail.
const setupTestsFailedKey = "setup_tests_failed"

// privateGetter is the GetKey half of the framework's private state, as
// plan modifiers and resource requests hold it.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// setupTestsFailed reports whether the last update's setup tests failed.
func setupTestsFailed(ctx context.Context, p privateGetter) (bool, diag.Diagnostics) {
	if p == nil {
		return false, nil
	}
	v, diags := p.GetKey(ctx, setupTestsFailedKey)
	return len(v) > 0, diags
}

// privateSetter is the SetKey half of the framework's private state.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// recordSetupTests records in private state whether an update's setup
// tests failed, so that the next plan runs them again (or not).
func recordSetupTests(ctx context.Context, p privateSetter, failed bool) diag.Diagnostics {
	if failed {
		return p.SetKey(ctx, setupTestsFailedKey, []byte(`true`))
	}
	return p.SetKey(ctx, setupTestsFailedKey, nil)
}

// updateRunsSetupTests is the one answer to "does this update run the setup
// tests?", for connections and destinations alike. The plan asks it (a yes
// plans setup_state or setup_status as known after apply) and so does
// Update (a yes asks Fivetran for the tests: run_setup_tests in the PATCH,
// or the object's test call when nothing else is sent), with the same
// inputs: run_setup_tests as planned (unknown counts as on), whether they
// failed on the last update, and whether the update changes a setting the
// tests check (each object's mapping decides that: connectionTestedChange,
// destinationTestedChange). So a plan never keeps a state known that the
// apply then moves, nor shows tests the apply does not run.
func updateRunsSetupTests(run types.Bool, failedBefore, testedChange bool) bool {
	if !run.IsUnknown() && !run.ValueBool() {
		return false
	}
	return failedBefore || testedChange
}

// planSetupTests answers updateRunsSetupTests for the plan modifier of
// setup_state or setup_status, given testedChange (the object's rule applied
// to the plan and the prior state). When the tests run again because they
// failed on the last update, a warning says why the plan shows an update.
func planSetupTests(ctx context.Context, req planmodifier.StringRequest, object string, testedChange bool, diags *diag.Diagnostics) bool {
	if req.State.Raw.IsNull() {
		return false
	}
	failed, d := setupTestsFailed(ctx, req.Private)
	diags.Append(d...)
	var run types.Bool
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("run_setup_tests"), &run)...)
	if diags.HasError() || !updateRunsSetupTests(run, failed, testedChange) {
		return false
	}
	if failed {
		diags.AddAttributeWarning(req.Path, "Setup tests to run again",
			fmt.Sprintf("The setup tests of this %s failed on its last update. This plan runs them again (%s is known after apply); "+
				"set run_setup_tests = false to stop running them.", object, req.Path.String()))
	}
	return true
}

// failedSetupTests returns one line per setup test that did not pass.
func failedSetupTests(tests []fivetran.SetupTest) []string {
	var out []string
	for _, t := range tests {
		switch strings.ToUpper(t.Status) {
		case "FAILED", "JOB_FAILED":
			line := fmt.Sprintf("%q %s", t.Title, strings.ToUpper(t.Status))
			if t.Message != "" {
				line += ": " + t.Message
			}
			out = append(out, line)
		}
	}
	return out
}

// addSetupTestWarnings reports the setup tests that passed with WARNING, as a
// warning quoting each test's title and message: the object works, but
// Fivetran flags something to look at. SKIPPED tests (they do not apply to the
// configuration) say nothing; FAILED ones are addSetupTestError's.
func addSetupTestWarnings(diags *diag.Diagnostics, object, id string, tests []fivetran.SetupTest) {
	var warned []string
	for _, t := range tests {
		if strings.EqualFold(t.Status, "WARNING") {
			line := fmt.Sprintf("%q", t.Title)
			if t.Message != "" {
				line += ": " + t.Message
			}
			warned = append(warned, line)
		}
	}
	if len(warned) > 0 {
		diags.AddWarning(fmt.Sprintf("%s setup tests passed with warnings", capitalize(object)),
			fmt.Sprintf("Fivetran created or updated %s %q and its setup tests passed, with warnings:\n  - %s\n\n"+
				"The %s works; check these in Fivetran.", object, id, strings.Join(warned, "\n  - "), object))
	}
}

// addSetupTestError reports failed setup tests after a create. The object
// exists in Fivetran and stays in Terraform's state; Terraform marks an
// object whose create failed as tainted, so the next apply replaces it.
// Nothing is orphaned.
func addSetupTestError(diags *diag.Diagnostics, object, id string, failed []string) {
	diags.AddError(
		fmt.Sprintf("%s setup tests failed", capitalize(object)),
		fmt.Sprintf("Fivetran created %s %q, but its setup tests failed:\n  - %s\n\n"+
			"Terraform keeps the %s in its state, marked tainted: the next apply destroys it and creates it again. "+
			"Fix the configuration and apply again, or set run_setup_tests = false to skip the tests.",
			object, id, strings.Join(failed, "\n  - "), object))
}

// addUpdateSetupTestError reports failed setup tests after an update.
// Fivetran has applied the change, and Terraform taints nothing on an
// update: the state holds the new settings and records the failure
// (setupTestsFailedKey), so every plan shows the object as needing its
// setup tests run again until they pass (see DESIGN.md, "What a failed
// update leaves in state").
//
// writeOnly names the object's write-only attributes that hold values
// (config_wo, auth_wo): a fix made there reaches Fivetran only with a new
// version number, since Terraform cannot tell that a value it never stores
// has changed, and the message says so.
func addUpdateSetupTestError(diags *diag.Diagnostics, object, id string, failed []string, writeOnly ...writeOnlyPair) {
	fix := "Fix the cause (the configuration or the source) and apply"
	if len(writeOnly) > 0 {
		var parts []string
		for _, p := range writeOnly {
			parts = append(parts, fmt.Sprintf("change a value in %s, also change %s", p.writeOnly, p.version))
		}
		fix += " (to " + strings.Join(parts, "; to ") + ": write-only values are sent again only when their version changes)"
	}
	diags.AddError(
		fmt.Sprintf("%s setup tests failed", capitalize(object)),
		fmt.Sprintf("Fivetran applied the update to %s %q, but its setup tests failed:\n  - %s\n\n"+
			"The %s keeps the new settings, in Fivetran and in the Terraform state; it is not tainted or replaced. "+
			"Until its setup tests pass, every plan shows it with an update that runs the setup tests again. "+
			"%s, or set run_setup_tests = false to stop running them.",
			object, id, strings.Join(failed, "\n  - "), object, fix))
}

// stateUnlessUpdateMoves plans a state Fivetran reports (setup_state) as
// its prior value on an update that cannot move it, so that plans show it
// only where it may change. moves reports, conservatively, whether the
// update may move it; Update keeps a known planned value (the next refresh
// reports what Fivetran says later).
type stateUnlessUpdateMoves struct {
	moves func(context.Context, planmodifier.StringRequest) (bool, diag.Diagnostics)
}

func (stateUnlessUpdateMoves) Description(context.Context) string {
	return "Keeps the prior value on updates that cannot change it."
}

func (m stateUnlessUpdateMoves) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m stateUnlessUpdateMoves) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.StateValue.IsNull() {
		return // create, or nothing to keep
	}
	moves, diags := m.moves(ctx, req)
	resp.Diagnostics.Append(diags...)
	switch {
	case diags.HasError():
	case moves:
		resp.PlanValue = types.StringUnknown() // also when nothing else changed (a re-run of failed setup tests)
	case resp.PlanValue.IsUnknown():
		resp.PlanValue = req.StateValue
	}
}

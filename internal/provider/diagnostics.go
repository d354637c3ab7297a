package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// This file is the one place for the wording of API failures, so that every
// resource says "Unable to <verb> <object>" and ends with Fivetran's own code
// and message.

// addAPIError appends an error diagnostic for a failed API call.
func addAPIError(diags *diag.Diagnostics, verb, object, id string, err error) {
	summary := fmt.Sprintf("Unable to %s %s", verb, object)
	var b strings.Builder
	if id != "" {
		fmt.Fprintf(&b, "%s %q: ", capitalize(object), id)
	}
	b.WriteString(explainError(err))
	diags.AddError(summary, b.String())
}

// explainError turns a client error into a sentence for a human.
func explainError(err error) string {
	var apiErr *fivetran.APIError
	var unknown *fivetran.OutcomeUnknownError
	switch {
	case errors.As(err, &unknown):
		what := "no answer came back"
		if errors.Is(err, context.DeadlineExceeded) {
			what = "the operation timed out (see the resource's timeouts and the provider's request_timeout) before an answer came back"
		}
		return "the request was sent but " + what + ", so Fivetran may or may not have acted on it. " +
			"Check in Fivetran before trying again: if the object exists, import it (terraform import) instead of creating it again. Cause: " +
			unknown.Err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "the operation timed out (see the resource's timeouts and the provider's request_timeout): " + err.Error()
	case fivetran.IsUnauthorized(err):
		return "Fivetran refused the credentials (check api_key and api_secret, or FIVETRAN_APIKEY and FIVETRAN_APISECRET): " + err.Error()
	case errors.As(err, &apiErr):
		code := apiErr.Code
		if code == "" {
			code = fmt.Sprintf("HTTP %d", apiErr.StatusCode)
		}
		return fmt.Sprintf("Fivetran answered %s: %s", code, apiErr.Message)
	default:
		return err.Error()
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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

// addSetupTestDiagnostics reports the setup tests of a create, an update or a
// test run: FAILED and JOB_FAILED make an error (addSetupTestError); WARNING
// makes a warning quoting the test's title and message, since the object works
// but Fivetran flags something to look at; PASSED and SKIPPED say nothing (a
// test that does not apply to the configuration is no problem).
func addSetupTestDiagnostics(diags *diag.Diagnostics, object, id string, tests []fivetran.SetupTest) {
	if failed := failedSetupTests(tests); len(failed) > 0 {
		addSetupTestError(diags, object, id, failed)
	}
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

// addSetupTestError reports failed setup tests. The object exists in Fivetran
// and stays in Terraform's state (tainted), so nothing is orphaned.
func addSetupTestError(diags *diag.Diagnostics, object, id string, failed []string) {
	diags.AddError(
		fmt.Sprintf("%s setup tests failed", capitalize(object)),
		fmt.Sprintf("Fivetran created or updated %s %q, but its setup tests failed:\n  - %s\n\n"+
			"The %s is kept in the Terraform state and marked tainted: fix the configuration and apply again, "+
			"or set run_setup_tests = false to skip the tests.",
			object, id, strings.Join(failed, "\n  - "), object))
}

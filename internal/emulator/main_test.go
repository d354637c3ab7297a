package emulator_test

import (
	"os"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/conformance"
)

// TestMain reports how many exchanges the tests that attach conformance
// checking validated, or why none were (see conformance.Report).
func TestMain(m *testing.M) {
	code := m.Run()
	conformance.Report()
	os.Exit(code)
}

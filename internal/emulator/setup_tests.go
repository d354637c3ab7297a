package emulator

import (
	"net/http"
	"time"
)

// setupTestStatuses are the results the emulator can give a passing test.
var setupTestStatuses = []string{"PASSED", "WARNING", "SKIPPED"}

// setupTestStatus is the result of the i-th passing setup test.
func (e *Emulator) setupTestStatus(i int) string {
	if s := e.opts.SetupTestStatuses; len(s) > 0 {
		return s[i%len(s)]
	}
	return "PASSED"
}

// runsSetupTests reports whether a response carries setup-test results:
// Fivetran answers such a request only once the tests are done.
func runsSetupTests(resp *response) bool {
	m, _ := resp.data.(map[string]any)
	_, found := m["setup_tests"]
	return found && resp.status < 300
}

// slowWork waits SetupTestDelay (or until the client gives up).
func (e *Emulator) slowWork(r *http.Request, resp *response) {
	if e.opts.SetupTestDelay <= 0 || !runsSetupTests(resp) {
		return
	}
	t := time.NewTimer(e.opts.SetupTestDelay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

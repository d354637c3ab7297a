package conformance

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// maxListed is how many violations a failing test lists.
const maxListed = 20

// Recorder validates exchanges as they are observed and keeps the results.
// It is safe for concurrent use.
type Recorder struct {
	v          *Validator
	mu         sync.Mutex
	checked    int
	skipped    int
	violations []Violation
	excused    map[string]int
}

// Recorder returns a new, empty Recorder.
func (v *Validator) Recorder() *Recorder { return &Recorder{v: v} }

// Observe validates x; it has the signature of emulator.Options.Observe.
func (r *Recorder) Observe(x emulator.Exchange) {
	c, skipped := r.v.check(x)
	r.mu.Lock()
	defer r.mu.Unlock()
	if skipped {
		r.skipped++
		countObserved(0, 0, 1)
		return
	}
	r.checked++
	countObserved(1, len(c.excused), 0)
	r.violations = append(r.violations, c.vs...)
	for _, why := range c.excused {
		if r.excused == nil {
			r.excused = map[string]int{}
		}
		r.excused[why]++
	}
}

// Checked is the number of exchanges validated so far.
func (r *Recorder) Checked() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.checked
}

// Skipped is the number of exchanges skipped (injected faults, 401s on
// routes the spec does not know).
func (r *Recorder) Skipped() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.skipped
}

// Violations returns a copy of the violations found so far.
func (r *Recorder) Violations() []Violation {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Violation(nil), r.violations...)
}

// Excused counts the known spec conflicts excused so far, by reason.
func (r *Recorder) Excused() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]int, len(r.excused))
	for k, n := range r.excused {
		out[k] = n
	}
	return out
}

// Report renders the first maxListed violations and the total, or "" when
// there are none.
func (r *Recorder) Report() string {
	vs := r.Violations()
	if len(vs) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d OpenAPI conformance violation(s) in %d exchange(s) (spec %s):", len(vs), r.Checked(), r.v.path)
	for i, v := range vs {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  ... and %d more", len(vs)-maxListed)
			break
		}
		b.WriteString("\n  " + v.String())
	}
	return b.String()
}

// Observer returns a function for emulator.Options.Observe that validates
// every exchange, and registers a cleanup that fails t (t.Errorf) listing
// the first violations and their count. The emulator must be closed before
// that cleanup runs (register its Close with t.Cleanup after calling
// Observer), or late exchanges may be missed.
func (v *Validator) Observer(t testing.TB) func(emulator.Exchange) {
	t.Helper()
	r := v.Recorder()
	t.Cleanup(func() {
		if rep := r.Report(); rep != "" {
			t.Errorf("%s", rep)
			return
		}
		t.Logf("OpenAPI conformance: %d exchange(s) validated, %d skipped, 0 violations", r.Checked(), r.Skipped())
	})
	return r.Observe
}

// Attach makes the emulator started with opts validate its traffic against
// the spec (see Observer), chaining any Observe already set. When the spec
// is absent it logs once that conformance checking is skipped and counts the
// test as unchecked (Report says so at the end); when the spec cannot be
// loaded the test fails.
func Attach(t testing.TB, opts *emulator.Options) {
	t.Helper()
	path, present := SpecLocation()
	if !present {
		countUnchecked()
		t.Logf("OpenAPI conformance checking skipped: the spec is absent at %s (set %s or provide ../shared/fivetran-api/openapi.json)", path, SpecEnv)
		return
	}
	v, err := Load(path)
	if err != nil {
		t.Errorf("OpenAPI conformance: %v", err)
		return
	}
	obs := v.Observer(t)
	if prev := opts.Observe; prev != nil {
		opts.Observe = func(x emulator.Exchange) { prev(x); obs(x) }
		return
	}
	opts.Observe = obs
}

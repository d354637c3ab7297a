package conformance

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"sync"
)

// TallyEnv names a file to which Report appends the test binary's counts,
// one line per binary. `make test` sets it and turns the lines into one
// summary line at the end of its output (scripts/conformance-summary.sh):
// go test shows nothing a passing package prints, so without it a run whose
// spec was absent would look just like one that validated everything.
const TallyEnv = "FIVETRAN_CONFORMANCE_TALLY"

// totals counts, over every Recorder of the test binary, what was validated,
// and how many tests would have validated their exchanges but found no spec.
var totals struct {
	sync.Mutex
	validated, excused, skipped, unchecked int
}

func countObserved(validated, excused, skipped int) {
	totals.Lock()
	defer totals.Unlock()
	totals.validated += validated
	totals.excused += excused
	totals.skipped += skipped
}

func countUnchecked() {
	totals.Lock()
	defer totals.Unlock()
	totals.unchecked++
}

// Tally is the test binary's count of exchanges so far.
type Tally struct {
	Validated int // exchanges validated against the spec
	Excused   int // known spec/live differences excused in them
	Skipped   int // exchanges not validated (injected faults, 401s before routing)
	Unchecked int // tests that found no spec and validated nothing
	Spec      string
	Present   bool // whether the spec is at Spec
}

// CurrentTally returns the counts so far and where the spec is looked for.
func CurrentTally() Tally {
	totals.Lock()
	t := Tally{Validated: totals.validated, Excused: totals.excused, Skipped: totals.skipped, Unchecked: totals.unchecked}
	totals.Unlock()
	t.Spec, t.Present = SpecLocation()
	return t
}

// Line renders the tally as scripts/conformance-summary.sh reads it: counts
// as key=value, the spec's path last (it may hold spaces).
func (t Tally) Line() string {
	return fmt.Sprintf("validated=%d excused=%d skipped=%d unchecked=%d present=%t spec=%s",
		t.Validated, t.Excused, t.Skipped, t.Unchecked, t.Present, t.Spec)
}

// String says in words what was checked, or why nothing was.
func (t Tally) String() string {
	switch {
	case t.Validated > 0:
		return fmt.Sprintf("OpenAPI conformance: %d exchange(s) validated against %s (%d known spec/live difference(s) excused, %d injected fault(s) skipped)",
			t.Validated, t.Spec, t.Excused, t.Skipped)
	case !t.Present:
		return fmt.Sprintf("OpenAPI conformance NOT CHECKED: 0 exchanges validated, the spec is absent at %s (set %s to Fivetran's openapi.json); %d test(s) ran unchecked",
			cmp.Or(t.Spec, "(no module root)"), SpecEnv, t.Unchecked)
	default:
		return "OpenAPI conformance: 0 exchanges validated: no test that records exchanges ran"
	}
}

// Report prints the test binary's tally on stdout (go test shows it with -v
// or when the package fails) and appends its Line to the file $TallyEnv
// names, if any. Call it from TestMain after m.Run in every package whose
// tests validate exchanges.
func Report() {
	if err := report(os.Stdout, os.Getenv(TallyEnv), CurrentTally()); err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
	}
}

func report(w io.Writer, file string, t Tally) error {
	fmt.Fprintln(w, t.String())
	if file == "" {
		return nil
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600) //nolint:gosec // G304: the path is make test's own temporary file
	if err != nil {
		return fmt.Errorf("writing the tally: %w", err)
	}
	_, err = fmt.Fprintln(f, t.Line())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing the tally: %w", err)
	}
	return nil
}

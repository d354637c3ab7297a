package conformance

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestTallyCounts: Attach without the spec counts an unchecked test, and a
// Recorder's exchanges count as validated, for Report's line at the end.
func TestTallyCounts(t *testing.T) {
	before := CurrentTally()
	t.Run("absent spec", func(t *testing.T) {
		t.Setenv(SpecEnv, "/no/such/openapi.json")
		var opts emulator.Options
		Attach(&fakeTB{TB: t}, &opts)
		if got := CurrentTally().Unchecked - before.Unchecked; got != 1 {
			t.Errorf("Attach without the spec counted %d unchecked test(s), want 1", got)
		}
		if tl := CurrentTally(); tl.Present || tl.Spec != "/no/such/openapi.json" {
			t.Errorf("tally spec %q present %v, want the absent path", tl.Spec, tl.Present)
		}
	})

	v := validatorOrSkip(t)
	r := v.Recorder()
	emu := startEmulator(t, r, nil)
	c := newClient(t, emu.URL)
	must(c.CreateGroup(t.Context(), "tallied"))(t)
	emu.Close()
	if got := CurrentTally().Validated - before.Validated; got != r.Checked() || got == 0 {
		t.Errorf("validated %d exchange(s) in the tally, the recorder checked %d", got, r.Checked())
	}
}

// TestReport: the line for people names the count or the missing spec, and
// the tally file gets one machine line per call, which
// scripts/conformance-summary.sh sums into make test's last line.
func TestReport(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tally")
	checked := Tally{Validated: 40, Excused: 7, Skipped: 2, Spec: "/s p/openapi.json", Present: true}
	absent := Tally{Unchecked: 3, Spec: "/nowhere/openapi.json"}
	var out bytes.Buffer
	for _, tl := range []Tally{checked, checked, absent} {
		if err := report(&out, file, tl); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 ||
		!strings.Contains(lines[0], "40 exchange(s) validated against /s p/openapi.json") ||
		!strings.Contains(lines[2], "NOT CHECKED") || !strings.Contains(lines[2], "absent at /nowhere/openapi.json") {
		t.Fatalf("printed:\n%s", out.String())
	}

	summary := func(lines ...Tally) string {
		t.Helper()
		f := filepath.Join(t.TempDir(), "tally")
		var b strings.Builder
		for _, tl := range lines {
			b.WriteString(tl.Line() + "\n")
		}
		if err := os.WriteFile(f, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := exec.CommandContext(t.Context(), "bash", "../../scripts/conformance-summary.sh", f).CombinedOutput() //nolint:gosec // G204: the project's own script
		if err != nil {
			t.Fatalf("conformance-summary.sh: %v: %s", err, got)
		}
		if n := strings.Count(string(got), "\n"); n != 1 {
			t.Fatalf("conformance-summary.sh printed %d lines, want one: %s", n, got)
		}
		return string(got)
	}
	if got := summary(checked, checked); !strings.Contains(got, "80 exchanges validated against /s p/openapi.json in 2 test binaries (14 known") {
		t.Errorf("summary with the spec: %s", got)
	}
	if got := summary(absent, absent); !strings.Contains(got, "NOT CHECKED: 0 exchanges validated, because the spec is absent at /nowhere/openapi.json") ||
		!strings.Contains(got, "6 tests ran without it") {
		t.Errorf("summary without the spec: %s", got)
	}
	if got := summary(Tally{Spec: "/s/openapi.json", Present: true}); !strings.Contains(got, "0 exchanges validated: no test that records exchanges ran") {
		t.Errorf("summary with nothing recorded: %s", got)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(); got == "" {
		t.Error("no summary for an empty tally")
	}
	if n := strings.Count(string(b), "\n"); n != 3 {
		t.Errorf("tally file holds %d lines, want 3", n)
	}
}

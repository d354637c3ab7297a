package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// fakeBench is a finished main run at N = 4 with made-up measurements: the
// report is written from it without running Terraform.
func fakeBench(wallScale float64) *bench {
	b := &bench{
		ns: []int{4}, latencies: []time.Duration{0}, tfVersion: "Terraform v0.0.0",
		started: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), loadStart: "0.10 0.20 0.30",
		schemaSize: map[string]int{"fivetran": 40000, "floor": 700, "shape": 18000},
		logsOff:    map[string]*cmdResult{},
	}
	for i, kind := range []string{"floor", "shape", "fivetran"} {
		sc := &scenario{Kind: kind, N: 4, Resources: 6, Steps: map[step]*cmdResult{}, StateSize: int64(1000 * (i + 1)), PerConnB: 100, Load: "0.1 0.2 0.3"}
		for j, st := range steps {
			r := &cmdResult{
				Wall: time.Duration(wallScale * float64(i+1) * float64(j+1) * float64(time.Second)), CPU: time.Duration(i+1) * time.Second,
				TotalCPU: 3 * time.Second, PeakKB: int64(10240 * (i + 1)), TFPeakKB: 20480, Load: "0.1 0.2 0.3", Completed: true,
			}
			if kind == "fivetran" {
				r.Requests = []emulator.RequestRecord{{Method: "GET", Path: "/v1/groups/g", Route: "GET /v1/groups/{id}", Status: 200}}
			}
			sc.Steps[st] = r
		}
		b.scenarios = append(b.scenarios, sc)
	}
	return b
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func mustSection(t *testing.T, s string, m [2]string) string {
	t.Helper()
	sec, ok := section(s, m[0], m[1])
	if !ok {
		t.Fatalf("no section %s … %s", m[0], m[1])
	}
	return sec
}

// The hand-written Method and Notes sections, and the sections the -gogc and
// -schema modes write, survive a rewrite of BENCHMARKS.md byte for byte and
// in their places, while every generated figure is replaced.
func TestWriteMarkdownKeepsHandWrittenSections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	sections := [][2]string{{methodBegin, methodEnd}, {notesBegin, notesEnd}, {gogcBegin, gogcEnd}, {schemaBegin, schemaEnd}}
	hand := map[string]string{
		methodBegin: "## Method\n\nHow it is measured, by hand: *kept*.\n",
		notesBegin:  "## Notes\n\nAnalysis by hand.\n\n### A subsection\n\n- a list\n",
		gogcBegin:   "## Garbage collector setting (GOGC) of the provider\n\n| GOGC | wall s |\n|---|---:|\n| 100 | 9.99 |\n",
		schemaBegin: "## Schema config\n\n| T | wall s |\n|---:|---:|\n| 20 | 8.88 |\n",
	}
	first := fakeBench(1).report(time.Minute).markdown
	// The old file: an earlier run whose kept sections were edited since.
	old := first
	for _, m := range sections {
		old = strings.Replace(old, mustSection(t, old, m), handSection(m[0], m[1], hand[m[0]]), 1)
	}
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}

	next := fakeBench(3).report(time.Minute).markdown // slower: every wall figure differs
	if err := writeMarkdown(path, next); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	for _, m := range sections {
		if sec, want := mustSection(t, got, m), handSection(m[0], m[1], hand[m[0]]); sec != want {
			t.Errorf("section %s after the rewrite:\n%s\nwant:\n%s", m[0], sec, want)
		}
	}
	if !strings.Contains(got, "| 4 | plan (no change) | 6.00 |") || strings.Contains(got, "| 4 | plan (no change) | 2.00 |") {
		t.Errorf("the time table was not rewritten from the new figures:\n%s", got)
	}
	// Method right after the run's header table, the notes and the other
	// modes' sections after the budgets, before the profile.
	order := []string{"| total run time |", methodBegin, "## Time (seconds", "## Budgets", notesBegin, gogcBegin, schemaBegin}
	last := -1
	for _, s := range order {
		i := strings.Index(got, s)
		if i <= last {
			t.Fatalf("%q is at %d, want after %d (order %q)", s, i, last, order)
		}
		last = i
	}

	// A second rewrite changes nothing but the figures.
	if err := writeMarkdown(path, next); err != nil {
		t.Fatal(err)
	}
	if again := readFile(t, path); again != got {
		t.Error("a second rewrite with the same figures changed the file")
	}
}

// A file without the kept sections (a fresh clone's first run) gets each one
// with its placeholder.
func TestWriteMarkdownNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := writeMarkdown(path, fakeBench(1).report(time.Minute).markdown); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	for m, placeholder := range map[[2]string]string{
		{methodBegin, methodEnd}: methodPlaceholder, {notesBegin, notesEnd}: notesPlaceholder,
		{gogcBegin, gogcEnd}: gogcPlaceholder, {schemaBegin, schemaEnd}: schemaPlaceholder,
	} {
		if sec := mustSection(t, got, m); sec != handSection(m[0], m[1], placeholder) {
			t.Errorf("section %s: %q", m[0], sec)
		}
	}
}

// The method is written once, by hand, in BENCHMARKS.md: the generator does
// not write any line of it again. Each line of the method that is prose
// (more than a few words) must be absent from a generated report.
func TestReportWritesNoMethodProse(t *testing.T) {
	method := mustSection(t, readFile(t, "../BENCHMARKS.md"), [2]string{methodBegin, methodEnd})
	report := fakeBench(1).report(time.Minute).markdown
	checked := 0
	for _, line := range strings.Split(method, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- "))
		if len(strings.Fields(line)) < 6 {
			continue
		}
		checked++
		if strings.Contains(report, line) {
			t.Errorf("the generated report repeats the method's %q", line)
		}
	}
	if checked < 20 {
		t.Fatalf("only %d prose lines in BENCHMARKS.md's method section", checked)
	}
}

// The hand-written method states the benchmark's settings: it must change
// when they do.
func TestMethodStatesTheSettings(t *testing.T) {
	method := mustSection(t, readFile(t, "../BENCHMARKS.md"), [2]string{methodBegin, methodEnd})
	for _, want := range []string{
		fmt.Sprintf("`-parallelism=%d`", parallelism),
		fmt.Sprintf("per %d connections", connsPerGroup),
		fmt.Sprintf("of %d columns", schemaColumns),
		fmt.Sprintf("managing %d tables and %d columns", schemaManagedTables, schemaManagedTables*schemaManagedColumns),
		fmt.Sprintf("runs %d times", pairedPlans),
		fmt.Sprintf("over %d groups", scaleGroups),
		fmt.Sprintf("in states of %d connections", stateConns),
		fmt.Sprintf("allowing %d creates", createLimit),
		fmt.Sprintf("budget is %d per hour", requestBudget),
		fmt.Sprintf("until %d requests of the budget are left", defaultBudgetLeft),
		fmt.Sprintf("and at 0 ms for N = %s only", thousands(zeroChangeMaxN)),
	} {
		if !strings.Contains(strings.Join(strings.Fields(method), " "), want) {
			t.Errorf("BENCHMARKS.md's method does not say %q", want)
		}
	}
}

// A run over the repository's own BENCHMARKS.md keeps its Method, Notes,
// GC and schema-config sections as they are.
func TestWriteMarkdownOverTheRepositoryFile(t *testing.T) {
	old := readFile(t, "../BENCHMARKS.md")
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeMarkdown(path, fakeBench(1).report(time.Minute).markdown); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	for _, m := range [][2]string{{methodBegin, methodEnd}, {notesBegin, notesEnd}, {gogcBegin, gogcEnd}, {schemaBegin, schemaEnd}} {
		if mustSection(t, got, m) != mustSection(t, old, m) {
			t.Errorf("section %s changed", m[0])
		}
	}
}

// TestCheckRefresh: a refresh may read by GET or by list, at most once per
// resource in all; more reads, a route outside the refresh's and a repeated
// request each fail it, and the writes are counted exactly.
func TestCheckRefresh(t *testing.T) {
	req := func(route, path, query string) emulator.RequestRecord {
		return emulator.RequestRecord{Method: "GET", Route: route, Path: path, Query: query}
	}
	// Two groups of two connections: six resources.
	bulk := []emulator.RequestRecord{
		req("GET /v1/groups/{id}", "/v1/groups/g1", ""), req("GET /v1/groups", "/v1/groups", ""),
		req("GET /v1/destinations/{id}", "/v1/destinations/g1", ""), req("GET /v1/destinations/{id}", "/v1/destinations/g2", ""),
		req("GET /v1/connections", "/v1/connections", "group_id=g1"), req("GET /v1/connections", "/v1/connections", "group_id=g2"),
	}
	if ok, txt := checkRefresh(bulk, 6, nil, 3); !ok || !strings.Contains(txt, "6 refresh reads for 6 resources") {
		t.Fatalf("a refresh by lists: %v, %s", ok, txt)
	}
	byGet := append(bulk[:4:4], req("GET /v1/connections/{id}", "/v1/connections/c1", ""), req("GET /v1/connections/{id}", "/v1/connections/c2", ""),
		req("GET /v1/connections/{id}", "/v1/connections/c3", ""))
	if ok, txt := checkRefresh(byGet, 6, nil, 3); ok || !strings.Contains(txt, "refresh reads: 7, want at most 6") {
		t.Fatalf("seven reads for six resources: %v, %s", ok, txt)
	}
	if ok, txt := checkRefresh(append(bulk[:5:5], bulk[4]), 6, nil, 3); ok || !strings.Contains(txt, "repeated") {
		t.Fatalf("a list fetched twice: %v, %s", ok, txt)
	}
	other := append(slices.Clone(bulk), req("GET /v1/users", "/v1/users", ""))
	if ok, txt := checkRefresh(other, 7, nil, 3); ok || !strings.Contains(txt, "GET /v1/users: 1, want 0") {
		t.Fatalf("a route outside the refresh: %v, %s", ok, txt)
	}
	patch := append(slices.Clone(bulk), emulator.RequestRecord{Method: "PATCH", Route: "PATCH /v1/connections/{id}", Path: "/v1/connections/c1"})
	if ok, txt := checkRefresh(patch, 6, map[string]int{"PATCH /v1/connections/{id}": 1}, 3); !ok {
		t.Fatalf("a refresh and its one PATCH: %s", txt)
	}
	if ok, _ := checkRefresh(bulk, 6, map[string]int{"PATCH /v1/connections/{id}": 1}, 3); ok {
		t.Fatal("a missing PATCH passed")
	}
}

// The latency check takes the median of the back-to-back pairs, whatever the
// single plans of the two scenarios say, and falls back to them without pairs.
func TestExtraPlanTime(t *testing.T) {
	plan := func(s float64, calls int) *cmdResult {
		return &cmdResult{Wall: time.Duration(s * float64(time.Second)), Completed: true, Requests: make([]emulator.RequestRecord, calls)}
	}
	base := &scenario{Steps: map[step]*cmdResult{stepPlan: plan(5, 20)}}
	lat := &scenario{Steps: map[step]*cmdResult{stepPlan: plan(7, 22)}}
	extra, how, calls, ok := extraPlanTime(base, lat)
	if !ok || extra != 2*time.Second || calls != 22 || !strings.Contains(how, "scenarios apart") {
		t.Errorf("without pairs: %v, %q, %d calls, %v; want the single plans' 2s and 22 calls", extra, how, calls, ok)
	}
	lat.Pairs = []planPair{{Zero: plan(6, 20), Lat: plan(6.5, 22)}, {Zero: plan(5, 20), Lat: plan(4, 21)}, {Zero: plan(5, 20), Lat: plan(5.25, 22)}}
	extra, how, calls, ok = extraPlanTime(base, lat)
	if !ok || extra != 250*time.Millisecond || calls != 22 || !strings.Contains(how, "median of 3 back-to-back pairs") {
		t.Errorf("with pairs: %v, %q, %d calls, %v; want the median 0.25s and 22 calls", extra, how, calls, ok)
	}
	if _, _, _, ok := extraPlanTime(base, nil); ok {
		t.Error("no latency scenario: want no figure")
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// blocks splits a configuration into its top-level blocks, sorted.
func blocks(config string) []string {
	var out []string
	for _, b := range strings.Split(config, "\n\n") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	slices.Sort(out)
	return out
}

// The split apply runs one configuration per group: together they must be
// exactly the configuration the merged state is planned with, or the plan of
// the merged state would not be a no-change plan.
func TestScaleConfigIsTheSumOfItsGroups(t *testing.T) {
	for _, kind := range []string{"fivetran", "floor"} {
		const n, groups = 200, 50
		all := blocks(scaleConfig(kind, n, groups, 1, groups, false))
		header := blocks(scaleConfig(kind, n, groups, 1, 0, false))
		var parts []string
		for g := 1; g <= groups; g++ {
			part := blocks(scaleConfig(kind, n, groups, g, g, false))
			for _, h := range header {
				i := slices.Index(part, h)
				if i < 0 {
					t.Fatalf("%s: group %d's configuration lacks the header block %q", kind, g, h)
				}
				part = slices.Delete(part, i, i+1)
			}
			if len(part) != 2+n/groups {
				t.Errorf("%s: group %d has %d blocks, want a group, a destination and %d connections", kind, g, len(part), n/groups)
			}
			parts = append(parts, part...)
		}
		parts = append(parts, header...)
		slices.Sort(parts)
		if !slices.Equal(parts, all) {
			t.Errorf("%s: the groups' configurations are not the whole configuration", kind)
		}
	}
}

// With as many connections per group as the main benchmark's, the scale
// configuration is the main benchmark's configuration, block for block: the
// two modes measure the same resources.
func TestScaleConfigIsTheMainConfig(t *testing.T) {
	n := 3 * connsPerGroup
	for kind, main := range map[string]func(int, bool) string{"fivetran": fivetranConfig, "floor": floorConfig} {
		for _, changed := range []bool{false, true} {
			if got, want := blocks(scaleConfig(kind, n, 3, 1, 3, changed)), blocks(main(n, changed)); !slices.Equal(got, want) {
				t.Errorf("%s (changed %v): the scale configuration differs from the main benchmark's", kind, changed)
			}
		}
	}
}

func TestMergeStates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.tfstate", `{"version":4,"terraform_version":"1.5.7","serial":7,"lineage":"L1","outputs":{},"resources":[{"mode":"managed","type":"fivetran_group","name":"g01","instances":[{"attributes":{"id":"x"}}]}],"check_results":null}`)
	b := write("b.tfstate", `{"version":4,"terraform_version":"1.5.7","serial":3,"lineage":"L2","outputs":{},"resources":[{"mode":"managed","type":"fivetran_group","name":"g02","instances":[{"attributes":{"id":"y"}}]},{"mode":"managed","type":"fivetran_connection","name":"c0001","instances":[]}]}`)
	dst := filepath.Join(dir, "terraform.tfstate")
	if err := mergeStates(dst, []string{a, b}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Version   int    `json:"version"`
		Lineage   string `json:"lineage"`
		Serial    int    `json:"serial"`
		Resources []struct {
			Type, Name string
		} `json:"resources"`
	}
	data := readFile(t, dst)
	if err := json.Unmarshal([]byte(data), &got); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range got.Resources {
		names = append(names, r.Type+"."+r.Name)
	}
	if got.Version != 4 || got.Lineage != "L1" || got.Serial != 1 ||
		!slices.Equal(names, []string{"fivetran_group.g01", "fivetran_group.g02", "fivetran_connection.c0001"}) {
		t.Errorf("merged state: version %d, lineage %q, serial %d, resources %v", got.Version, got.Lineage, got.Serial, names)
	}
	if !strings.Contains(data, "\n  \"lineage\": \"L1\"") {
		t.Errorf("the merged state is not indented as Terraform writes it:\n%s", data)
	}
	if err := mergeStates(dst, []string{a, filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing state merged without error")
	}
}

func TestDuplicates(t *testing.T) {
	conns := []map[string]any{
		{"id": "a", "group_id": "g1", "schema": "pg_0000"},
		{"id": "b", "group_id": "g1", "schema": "github_0001"},
		{"id": "c", "group_id": "g2", "schema": "pg_0000"}, // another group: not a duplicate
		{"id": "d", "group_id": "g1", "schema": "pg_0000"}, // a second pg_0000 in g1
		{"id": "e", "group_id": "g1", "schema": "pg_0000"}, // and a third
	}
	if got := duplicates(conns); got != 2 {
		t.Errorf("duplicates = %d, want 2", got)
	}
	if got := duplicates(conns[:3]); got != 0 {
		t.Errorf("duplicates of distinct connections = %d, want 0", got)
	}
}

func TestShows429(t *testing.T) {
	plan := "  # fivetran_connection.c0429 will be created\n  + resource \"fivetran_connection\" \"c0429\" {\n      + name = \"pg_0429\"\n"
	for out, want := range map[string]bool{
		"Apply complete! Resources: 1040 added, 0 changed, 0 destroyed.":                                        false,
		plan + "Apply complete! Resources: 1040 added, 0 changed, 0 destroyed.":                                 false,
		plan + "\nError: execution halted\n":                                                                    false,
		plan + "\nError: creating the connection\n\n  with fivetran_connection.c0429,\n\nFivetran answered 429": true,
		plan + "\nWarning: the API said: Too Many Requests, retried":                                            true,
		"Error: code TooManyRequests":                                                                           true,
	} {
		if got := shows429(out); got != want {
			t.Errorf("shows429(%q) = %v, want %v", out, got, want)
		}
	}
	if got := usageWaited("2026-12-07T03:20:00.000Z [INFO]  provider.terraform-provider-fivetran: Fivetran API usage: 212 requests, 0 answered 429, 1m2.5s waited for the rate budget; by route: …\n" +
		"2026-12-07T03:20:01.000Z [INFO]  provider.terraform-provider-fivetran: Fivetran API usage: 3 requests, 1 answered 429, 500ms waited for the rate budget\n"); got != 63*time.Second {
		t.Errorf("usageWaited = %s, want 1m3s", got)
	}
	if got := errorCount("Error: one\n\nError: two\nWarning: three\n2026-12-07T03:20:00.000Z [ERROR] Error: in the log"); got != 2 {
		t.Errorf("errorCount = %d, want 2", got)
	}
}

// fakeScale is a finished scale run with made-up figures: the no-change plan
// of N = 5000 uses requests requests and takes latencyRatio times its time at
// 0 ms at 100 ms.
func fakeScale(requests int, latencyRatio float64) *scaleResult {
	lat := 100 * time.Millisecond
	r := &scaleResult{Latency: lat, SplitAbov: 1000, Started: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), Commit: "abc1234",
		LoadStart: "1.00 1.00 1.00", LoadEnd: "2.00 2.00 2.00", Machine: "2 CPUs", TF: "Terraform v0.0.0", Total: 20 * time.Minute,
		NoConfig: "the emulator has no switch for lists without config"}
	m := func(st step, l time.Duration, wall float64, reqs int, load string) *scaleMeasure {
		return &scaleMeasure{Step: st, Latency: l, Commands: 1, Wall: time.Duration(wall * float64(time.Second)), Requests: reqs,
			Routes: map[string]int{"GET /v1/connections": reqs}, Load: load}
	}
	floor := &scaleScenario{Kind: "floor", N: 5000, Split: true, States: 50, StateSize: 5000 * 600, Measures: []*scaleMeasure{
		m(stepApply, 0, 100, 0, "3.01 3.02 3.03"), m(stepPlan, 0, 20, 0, "3.11 3.12 3.13"),
		m(stepPlanChange, 0, 21, 0, "3.21 3.22 3.23"), m(stepDestroy, 0, 110, 0, "3.31 3.32 3.33"),
	}}
	floor.Measures[0].Commands, floor.Measures[0].LoadEnd = 50, "3.09 3.09 3.09"
	ft := &scaleScenario{Kind: "fivetran", N: 5000, Split: true, States: 50, StateSize: 5000 * 1900, PerConnB: 1100, Measures: []*scaleMeasure{
		m(stepApply, lat, 300, 5100, "4.01 4.02 4.03"),
		m(stepPlan, 0, 40, requests, "4.11 4.12 4.13"), m(stepPlan, lat, 40*latencyRatio, requests, "4.21 4.22 4.23"),
		m(stepPlanChange, 0, 41, requests+1, "4.31 4.32 4.33"), m(stepPlanChange, lat, 42, requests+1, "4.41 4.42 4.43"),
		m(stepDestroy, lat, 200, 5150, "4.51 4.52 4.53"),
	}}
	ft.Measures[0].Commands, ft.Measures[0].LoadEnd = 50, "4.09 4.09 4.09"
	r.Scenarios = []*scaleScenario{floor, ft}
	r.Creates = &createsRun{N: 1000, Window: 6 * time.Second, Latency: lat, Wall: 310 * time.Second, Requests: 1300, Creates: 1000,
		Status429: 90, InAPI: 1000, Load: "5.01 5.02 5.03"}
	r.Budget = &budgetRun{N: 100, Window: time.Minute, Latency: lat, Spent: 450, Left: 50,
		Limited: m(stepPlan, lat, 12, 104, "6.01 6.02 6.03"), Free: m(stepPlan, lat, 3, 104, "6.11 6.12 6.13")}
	return r
}

func targetByName(t *testing.T, r *scaleResult, prefix string) budget {
	t.Helper()
	for _, x := range append(scaleTargets(r), createsTargets(r)...) {
		if strings.HasPrefix(x.name, prefix) {
			return x
		}
	}
	t.Fatalf("no target %q in %v", prefix, append(scaleTargets(r), createsTargets(r)...))
	return budget{}
}

// Each target passes at its limit and fails just beyond it.
func TestScaleTargets(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*scaleResult)
		target string
		pass   bool
	}{
		{"200 requests", func(*scaleResult) {}, "Requests:", true},
		{"201 requests", func(r *scaleResult) { r.Scenarios[1].Measures[2].Requests = 201 }, "Requests:", false},
		{"1.5× at 100 ms", func(*scaleResult) {}, "Time:", true},
		{"1.51× at 100 ms", func(r *scaleResult) { r.Scenarios[1].Measures[2].Wall = 60400 * time.Millisecond }, "Time:", false},
		{"1900 B per connection", func(*scaleResult) {}, "Size: state", true},
		{"2048 B per connection", func(r *scaleResult) { r.Scenarios[1].StateSize = 5000 * 2048 }, "Size: state", false},
		{"1100 B instance", func(*scaleResult) {}, "Size: compact", true},
		{"1200 B instance", func(r *scaleResult) { r.Scenarios[1].PerConnB = 1200 }, "Size: compact", false},
		{"creates clean", func(*scaleResult) {}, "Creates:", true},
		{"a duplicate", func(r *scaleResult) { r.Creates.Dups, r.Creates.InAPI = 1, 1001 }, "Creates:", false},
		{"one missing", func(r *scaleResult) { r.Creates.InAPI = 999 }, "Creates:", false},
		{"429 shown", func(r *scaleResult) { r.Creates.Shown429 = true }, "Creates:", false},
		{"an error", func(r *scaleResult) { r.Creates.Errors, r.Creates.ExitCode = 1, 1 }, "Creates:", false},
		{"budget plan succeeds", func(*scaleResult) {}, "Budget:", true},
		{"budget plan fails", func(r *scaleResult) { r.Budget.Limited.Failed = "exit code 1, want 0" }, "Budget:", false},
		{"budget plan shows a 429", func(r *scaleResult) { r.Budget.Shown429 = true }, "Budget:", false},
		{"budget apply failed", func(r *scaleResult) { r.Budget.Limited = nil }, "Budget:", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := fakeScale(200, 1.5)
			c.mutate(r)
			if got := targetByName(t, r, c.target); got.pass != c.pass {
				t.Errorf("%s: pass = %v, want %v (%s)", c.target, got.pass, c.pass, got.text)
			}
		})
	}
	// A failed plan has no figure: no target is claimed from it.
	r := fakeScale(10, 1)
	r.Scenarios[1].Measures[2].Failed = "exit code 1"
	for _, x := range scaleTargets(r) {
		if strings.HasPrefix(x.name, "Requests:") || strings.HasPrefix(x.name, "Time:") {
			t.Errorf("a target from a failed plan: %s — %s", x.name, x.text)
		}
	}
}

// Every figure of the scale section has the load average beside it, split
// steps say how they were split, and what was not measured says why.
func TestScaleMarkdown(t *testing.T) {
	md := scaleMarkdown(fakeScale(150, 1.2))
	for _, want := range []string{
		"| 5000 | apply, 50 states of 100 | 100.00 | – | – | 300.00 | 5100 | – | 3.00× | 3.01 3.02 3.03 → 3.09 3.09 3.09; –; 4.01 4.02 4.03 → 4.09 4.09 4.09 |",
		"| 5000 | plan (no change) | 20.00 | 40.00 | 150 | 48.00 | 150 | 1.20× | 2.40× | 3.11 3.12 3.13; 4.11 4.12 4.13; 4.21 4.22 4.23 |",
		"| 5000 | plan (1 change) | 21.00 | 41.00 | 151 | 42.00 | 151 |",
		"| 5000 | destroy, 50 states of 100 |",
		"Lists without config: not measured (the emulator has no switch for lists without config).",
		"| 5000 | 9500000 | 1900 | 1100 | 600 |",
		"| 100 | 450 | 50 | 12.00 | 104 | 0 | 0.0 | no | 3.00 | 6.01 6.02 6.03; 6.11 6.12 6.13 |",
		"- **PASS** Requests: no-change plan ≤ 200 requests — N=5000, 100 ms: 150 requests (load 4.21 4.22 4.23)",
		"at commit abc1234",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the scale section lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "create limit") {
		t.Errorf("the scale section holds the apply under the create limit, which has a section of its own:\n%s", md)
	}
	creates := createsMarkdown(fakeScale(150, 1.2))
	for _, want := range []string{
		"| 1000 | 310.00 | 0 | 1300 | 1000 | 90 | 0.0 | 1000 | 0 | 0 | no | 5.01 5.02 5.03 |",
		"- **PASS** Creates: 1000 new connections under 20 creates per 6s",
	} {
		if !strings.Contains(creates, want) {
			t.Errorf("the create-limit section lacks %q:\n%s", want, creates)
		}
	}
}

// The main benchmark keeps the scale sections of BENCHMARKS.md as the scale
// mode wrote them.
func TestWriteMarkdownKeepsTheScaleSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := writeMarkdown(path, fakeBench(1).report(time.Minute).markdown); err != nil {
		t.Fatal(err)
	}
	for m, placeholder := range map[[2]string]string{{scaleBegin, scaleEnd}: scalePlaceholder, {createsBegin, createsEnd}: createsPlaceholder} {
		if got := mustSection(t, readFile(t, path), m); got != handSection(m[0], m[1], placeholder) {
			t.Errorf("a fresh file's section %s: %q", m[0], got)
		}
	}
	scale, creates := scaleMarkdown(fakeScale(150, 1.2)), createsMarkdown(fakeScale(150, 1.2))
	if err := replaceSection(path, scaleBegin, scaleEnd, scale); err != nil {
		t.Fatal(err)
	}
	if err := replaceSection(path, createsBegin, createsEnd, creates); err != nil {
		t.Fatal(err)
	}
	if err := writeMarkdown(path, fakeBench(2).report(time.Minute).markdown); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	if sec := mustSection(t, got, [2]string{scaleBegin, scaleEnd}); sec != handSection(scaleBegin, scaleEnd, scale) {
		t.Errorf("the main benchmark did not keep the scale section:\n%s", sec)
	}
	if sec := mustSection(t, got, [2]string{createsBegin, createsEnd}); sec != handSection(createsBegin, createsEnd, creates) {
		t.Errorf("the main benchmark did not keep the create-limit section:\n%s", sec)
	}
}

// The plan with config_refresh = "on_change" replaces the provider block of
// the scale configuration: it must be there, once.
func TestScaleConfigHasOneProviderBlock(t *testing.T) {
	config := scaleConfig("fivetran", 100, 50, 1, 50, false)
	if n := strings.Count(config, `provider "fivetran" {}`); n != 1 {
		t.Fatalf("the configuration has %d empty provider blocks, want 1", n)
	}
	if got := strings.Replace(config, `provider "fivetran" {}`, onChangeProvider, 1); !strings.Contains(got, "config_refresh = \"on_change\"") {
		t.Error("the on_change provider block is not written")
	}
}

func TestGroupsPerState(t *testing.T) {
	for n, want := range map[int]int{5000: 1, 1000: 5, 2500: 2, 100: 50, 50: 100} {
		if got := groupsPerState(n); got != want {
			t.Errorf("groupsPerState(%d) = %d, want %d", n, got, want)
		}
	}
}

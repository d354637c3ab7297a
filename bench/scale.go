package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The scale mode (-scale): thousands of connections against an API that
// answers slowly and counts requests. For each N of -scale-n (default 1000
// and 5000) over scaleGroups groups (one destination each), with
// -parallelism=10:
//
//   - the floor (floor_items, the same graph): apply, no-change plan, plan
//     after one change, destroy;
//   - the Fivetran provider: apply at the scale latency (100 ms per request),
//     then on that state the no-change plan at 0 ms and at the scale latency,
//     the same with the connection lists carrying no config (listconfig.go;
//     up to noConfigMaxN), the one-change plan at the scale latency (and at
//     0 ms up to zeroChangeMaxN), and destroy at the scale latency.
//
// Apply and destroy run in states of stateConns connections (whole groups:
// one at 5,000, five at 1,000), one Terraform command each, figures summed
// (-scale-split-above N keeps one state up to N), and the plans run on those
// states merged into one:
// Terraform writes the whole state file after every resource it changes, so
// one apply of N resources costs Terraform alone a time that grows with the
// square of N. The apply under the create limit is one state of 1,000.
//
// Two more runs: an apply of -creates-n new connections under the emulator's
// limit of 20 creates per -creates-window (0 errors, 0 duplicates, no 429 in
// Terraform's output, how many 429s the emulator answered), and a no-change
// plan of -budget-n connections with the emulator's budget of 500 requests
// per -budget-window, of which other tools (the benchmark itself, listing
// groups) leave only -budget-left to the plan: it must succeed. The section
// goes into BENCHMARKS.md between scaleBegin and scaleEnd; a normal run keeps
// it.

const (
	scaleBegin, scaleEnd     = "<!-- scale -->", "<!-- /scale -->"
	createsBegin, createsEnd = "<!-- scale-creates -->", "<!-- /scale-creates -->"
)

const (
	scaleGroups = 50
	// The targets.
	targetPlanRequests = 200 // no-change plan: 1 % of a paid account's hourly budget
	targetLatencyRatio = 1.5 // no-change plan at the scale latency ÷ at 0 ms
	// The emulator's limits in the two extra runs.
	createLimit   = 20  // creates per minute (Fivetran: about 20 connections a minute)
	requestBudget = 500 // requests per hour (a trial account)
	// zeroChangeMaxN is the largest N whose one-change plan also runs at
	// 0 ms: above it the plan's time at 0 ms is the no-change plan's, and a
	// plan of 5,000 costs minutes of the mode's budget.
	zeroChangeMaxN = 1000
	// noConfigMaxN is the largest N planned with lists without config: those
	// plans cost a request per connection and minutes of the mode's budget
	// at 5,000, and what they cost grows with N.
	noConfigMaxN = 1000
	// floorDestroyMaxN is the largest N whose floor is destroyed: the floor
	// calls no API, so its destroy is Terraform's cost alone, about its
	// apply's, and at 5,000 it costs minutes of the mode's budget.
	floorDestroyMaxN = 1000
	// defaultBudgetLeft is what other tools leave of the budget to the plan.
	defaultBudgetLeft = 150
)

// thousands writes n with a comma between thousands ("5,000"), as the
// Method does.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// stateConns is how many connections a state of a split apply holds (about;
// whole groups).
const stateConns = 100

// groupsPerState is how many groups one state of a split apply of n
// connections holds: stateConns connections' worth, at least one group.
func groupsPerState(n int) int { return max(1, stateConns*scaleGroups/n) }

// Steps of the scale mode beyond the main benchmark's.
const (
	stepPlanNoConfig         step = "plan (no change), lists without config"
	stepPlanNoConfigOnChange step = "plan (no change), lists without config, `config_refresh = \"on_change\"`"
)

// onChangeProvider is the provider block of the plan with
// config_refresh = "on_change".
const onChangeProvider = "provider \"fivetran\" {\n  config_refresh = \"on_change\"\n}"

// scaleMeasure is one step of a scale scenario: one Terraform command, or
// one per group for a split apply or destroy (figures summed).
type scaleMeasure struct {
	Step      step
	Latency   time.Duration
	Commands  int
	Wall      time.Duration
	Requests  int
	Routes    map[string]int
	Status429 int
	Load      string // load average (1, 5, 15 min) when the step started
	LoadEnd   string // … and when it ended, for split steps
	Summary   string
	Failed    string
	// Waited is what the provider's usage lines (TF_LOG=INFO) say its
	// processes waited for the rate budget, summed.
	Waited time.Duration
}

type scaleScenario struct {
	Kind      string // "floor" or "fivetran"
	N         int
	Split     bool
	States    int // states of the apply and the destroy
	Measures  []*scaleMeasure
	StateSize int64
	PerConnB  float64
	Wall      time.Duration
}

func (s *scaleScenario) get(st step, lat time.Duration) *scaleMeasure {
	if s == nil {
		return nil
	}
	for _, m := range s.Measures {
		if m.Step == st && (s.Kind == "floor" || m.Latency == lat) && m.Failed == "" {
			return m
		}
	}
	return nil
}

// createsRun is the apply under the create limit.
type createsRun struct {
	N         int
	Window    time.Duration
	Latency   time.Duration
	Wall      time.Duration
	ExitCode  int
	Requests  int
	Creates   int // creates (groups, destinations, connections) answered 2xx
	Status429 int // 429s the emulator answered
	InAPI     int // connections in the emulator after the apply
	Dups      int // connections beyond the first with the same group and schema
	Errors    int // "Error:" diagnostics in Terraform's output
	Shown429  bool
	Load      string
	Failed    string
	Waited    time.Duration // what the provider's usage lines say it waited for the budget
	start     time.Time
}

// budgetRun is the plan under the request budget.
type budgetRun struct {
	N        int
	Window   time.Duration
	Latency  time.Duration
	Free     *scaleMeasure // the same plan without a budget, just before
	Limited  *scaleMeasure
	ExitCode int
	Shown429 bool
	Spent    int // requests other tools made just before the plan
	Left     int // … leaving this many of the budget
}

type scaleResult struct {
	Latency   time.Duration
	SplitAbov int
	Scenarios []*scaleScenario
	Creates   *createsRun
	Budget    *budgetRun
	NoConfig  string // why lists without config were not measured ("" when they were)
	Commit    string
	Started   time.Time
	Total     time.Duration
	LoadStart string
	LoadEnd   string
	Machine   string
	TF        string
	Args      string
}

// listsWithoutConfig switches the emulator's list answers to items without
// config (true) and back; nil while the emulator has no such switch.
var listsWithoutConfig func(em *emulator.Running, on bool)

type scaleOptions struct {
	ns            []int
	latency       time.Duration
	splitAbove    int
	createsN      int
	createsWindow time.Duration
	budgetN       int
	budgetWindow  time.Duration
	budgetLeft    int
	runs          map[string]bool // "main", "creates", "budget"
	args          string
}

func (b *bench) runScale(o scaleOptions, mdPath string) {
	res := &scaleResult{Latency: o.latency, SplitAbov: o.splitAbove, Started: b.started, LoadStart: loadAvg(), Machine: machine(), TF: b.tfVersion, Args: o.args}
	if out, err := exec.CommandContext(context.Background(), "git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		res.Commit = strings.TrimSpace(string(out))
	}
	if listsWithoutConfig == nil {
		res.NoConfig = "the emulator has no switch for lists without config"
	}
	if o.runs["main"] {
		for _, n := range o.ns {
			split := n > o.splitAbove
			res.Scenarios = append(res.Scenarios, b.scaleScenario("floor", n, split, o.latency))
			res.Scenarios = append(res.Scenarios, b.scaleScenario("fivetran", n, split, o.latency))
		}
	}
	if o.runs["budget"] {
		res.Budget = b.scaleBudget(o.budgetN, o.budgetLeft, o.budgetWindow, o.latency)
	}
	res.Total, res.LoadEnd = time.Since(b.started), loadAvg()
	if o.runs["main"] || o.runs["budget"] {
		md := scaleMarkdown(res)
		fmt.Print("\n" + md)
		if mdPath != "" {
			if err := replaceSection(mdPath, scaleBegin, scaleEnd, md); err != nil {
				fatal(err)
			}
			fmt.Printf("\nwrote the scale section of %s\n", mdPath)
		}
	}
	// The apply under the create limit last, in a section of its own: at
	// Fivetran's own pace it takes most of an hour, so it may run alone.
	if o.runs["creates"] {
		res.Creates = b.scaleCreates(o.createsN, o.createsWindow, o.latency)
		res.Total, res.LoadEnd = time.Since(b.started), loadAvg()
		md := createsMarkdown(res)
		fmt.Print("\n" + md)
		if mdPath != "" {
			if err := replaceSection(mdPath, createsBegin, createsEnd, md); err != nil {
				fatal(err)
			}
			fmt.Printf("\nwrote the create-limit section of %s\n", mdPath)
		}
	}
}

// clearEmulator removes every object from the emulator out of band (the runs
// that do not destroy what they made).
func (b *bench) clearEmulator() {
	for kind, list := range map[string]func() []map[string]any{"connection": b.em.Connections, "destination": b.em.Destinations, "group": b.em.Groups} {
		for _, o := range list() {
			if id, ok := o["id"].(string); ok {
				_ = b.em.Delete(kind, id)
			}
		}
	}
}

// scaleStep runs one step in each of dirs in turn and sums the figures.
func (b *bench) scaleStep(sc *scaleScenario, st step, lat time.Duration, want int, dirs []string, label string, args ...string) *scaleMeasure {
	return b.scaleStepEnv(sc, st, lat, want, dirs, label, nil, args...)
}

// scaleStepEnv is scaleStep with more environment for Terraform; with
// TF_LOG=INFO the provider's usage lines are read from its log.
func (b *bench) scaleStepEnv(sc *scaleScenario, st step, lat time.Duration, want int, dirs []string, label string, env []string, args ...string) *scaleMeasure {
	m := &scaleMeasure{Step: st, Latency: lat, Load: loadAvg(), Routes: map[string]int{}}
	b.em.SetFaults(emulator.Faults{Latency: lat})
	defer b.em.SetFaults(emulator.Faults{})
	for i, dir := range dirs {
		l := label
		if len(dirs) > 1 {
			l = fmt.Sprintf("%s-g%02d", label, i+1)
		}
		r := b.tf(dir, l, "main", env, args...)
		r.check(st, want)
		m.Waited += usageWaited(readLog(r.LogPath))
		m.Commands++
		m.Wall += r.Wall
		m.Requests += len(r.Requests)
		for _, q := range r.Requests {
			m.Routes[q.Route]++
			if q.Status == 429 {
				m.Status429++
			}
		}
		m.Summary = r.Summary
		if r.Failed != "" {
			m.Failed = r.Failed
			b.fail(&scenario{Kind: sc.Kind, N: sc.N, Latency: lat}, string(st), r)
			break
		}
	}
	if len(dirs) > 1 {
		m.LoadEnd = loadAvg()
	}
	fmt.Printf("  %-40s %-6s %8.2fs  %6d requests (%d × 429), %d commands, load %s  %s\n", st, lat, m.Wall.Seconds(), m.Requests, m.Status429, m.Commands, m.Load, m.Summary)
	sc.Measures = append(sc.Measures, m)
	return m
}

func (b *bench) scaleScenario(kind string, n int, split bool, lat time.Duration) *scaleScenario {
	t0 := time.Now()
	sc := &scaleScenario{Kind: kind, N: n, Split: split, States: 1}
	name := fmt.Sprintf("scale-%s-%d", kind, n)
	dir := filepath.Join(b.work, name)
	_ = os.RemoveAll(dir)
	write := func(d string, from, to int, changed bool) {
		if err := os.MkdirAll(d, 0o755); err != nil {
			fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "main.tf"), []byte(scaleConfig(kind, n, scaleGroups, from, to, changed)), 0o644); err != nil {
			fatal(err)
		}
	}
	write(dir, 1, scaleGroups, false)
	applyDirs := []string{dir}
	per := groupsPerState(n)
	if split {
		applyDirs = nil
		for g := 1; g <= scaleGroups; g += per {
			d := filepath.Join(dir, "split", fmt.Sprintf("g%02d", g))
			write(d, g, min(g+per-1, scaleGroups), false)
			applyDirs = append(applyDirs, d)
		}
		sc.States = len(applyDirs)
	}
	applyLat := lat
	if kind == "floor" {
		applyLat = 0
	}
	fmt.Printf("\n== scale %s: %d connections over %d groups (split %v), load %s\n", kind, n, scaleGroups, split, loadAvg())
	common := []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)}
	applyArgs := append([]string{"apply", "-auto-approve"}, common...)
	planArgs := append([]string{"plan", "-detailed-exitcode"}, common...)
	destroyArgs := append([]string{"destroy", "-auto-approve"}, common...)

	apply := b.scaleStep(sc, stepApply, applyLat, 0, applyDirs, name+"-apply", applyArgs...)
	if apply.Failed == "" && split {
		var states []string
		for _, d := range applyDirs {
			states = append(states, filepath.Join(d, "terraform.tfstate"))
		}
		if err := mergeStates(filepath.Join(dir, "terraform.tfstate"), states); err != nil {
			apply.Failed = err.Error()
			b.failures = append(b.failures, fmt.Sprintf("%s: merging the groups' states: %v", name, err))
		}
	}
	if apply.Failed == "" {
		tmp := &scenario{Kind: kind, N: n}
		b.measureState(tmp, dir)
		sc.StateSize, sc.PerConnB = tmp.StateSize, tmp.PerConnB
		lats := []time.Duration{0}
		if kind == "fivetran" {
			lats = []time.Duration{0, lat}
		}
		for _, l := range lats {
			b.scaleStep(sc, stepPlan, l, 0, []string{dir}, fmt.Sprintf("%s-plan-%s", name, l), planArgs...)
		}
		if kind == "fivetran" && listsWithoutConfig != nil && n <= noConfigMaxN {
			listsWithoutConfig(b.em, true)
			b.scaleStep(sc, stepPlanNoConfig, lat, 0, []string{dir}, fmt.Sprintf("%s-plan-noconfig-%s", name, lat), planArgs...)
			config := scaleConfig(kind, n, scaleGroups, 1, scaleGroups, false)
			onChange := strings.Replace(config, `provider "fivetran" {}`, onChangeProvider, 1)
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(onChange), 0o644); err != nil {
				fatal(err)
			}
			b.scaleStep(sc, stepPlanNoConfigOnChange, lat, 0, []string{dir}, fmt.Sprintf("%s-plan-noconfig-onchange-%s", name, lat), planArgs...)
			listsWithoutConfig(b.em, false)
		}
		write(dir, 1, scaleGroups, true)
		for _, l := range lats {
			if l == 0 && kind == "fivetran" && n > zeroChangeMaxN {
				continue
			}
			b.scaleStep(sc, stepPlanChange, l, 2, []string{dir}, fmt.Sprintf("%s-plan-change-%s", name, l), planArgs...)
		}
	}
	// Destroy what was applied: the plans wrote no state, so the groups'
	// own states are still those of the objects. The floor has nothing to
	// destroy but its state, which costs Terraform what its apply did.
	if kind == "fivetran" || n <= floorDestroyMaxN {
		b.scaleStep(sc, stepDestroy, applyLat, 0, applyDirs, name+"-destroy", destroyArgs...)
	}
	if kind == "fivetran" {
		if left := len(b.em.Connections()) + len(b.em.Groups()); left > 0 {
			b.failures = append(b.failures, fmt.Sprintf("%s: %d groups and connections left in the emulator after destroy", name, left))
			b.clearEmulator()
		}
	}
	sc.Wall = time.Since(t0)
	if !b.keep {
		_ = os.RemoveAll(dir)
	}
	return sc
}

// mergeStates writes to dst one state holding the resources of every state
// in srcs (their addresses are distinct: each holds one group's part of the
// same configuration), with the first one's lineage, written as Terraform
// writes a state file (indented by two spaces).
func mergeStates(dst string, srcs []string) error {
	var merged map[string]any
	var resources []any
	for _, p := range srcs {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var st map[string]any
		if err := json.Unmarshal(data, &st); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		rs, _ := st["resources"].([]any)
		resources = append(resources, rs...)
		if merged == nil {
			merged = st
		}
	}
	if merged == nil {
		return fmt.Errorf("no state to merge")
	}
	merged["resources"] = resources
	merged["serial"] = 1
	data, err := json.MarshalIndent(merged, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(dst, append(data, '\n'), 0o644)
}

// duplicates counts connections beyond the first with the same group and
// destination schema: what a create retried after Fivetran made the
// connection would leave.
func duplicates(conns []map[string]any) int {
	seen := map[string]bool{}
	n := 0
	for _, c := range conns {
		group, _ := c["group_id"].(string)
		schema, _ := c["schema"].(string)
		k := group + "\x00" + schema
		if seen[k] {
			n++
		}
		seen[k] = true
	}
	return n
}

// shows429 reports whether Terraform's output shows the user a rate-limit
// answer: a 429 or "too many requests" in the diagnostics Terraform prints
// after the run (from the first "Error:" or "Warning:" on; the plan above
// them names resources such as c0429).
func shows429(output string) bool {
	output = withoutLogLines(output)
	i := len(output)
	for _, h := range []string{"Error: ", "Warning: "} {
		if j := strings.Index(output, h); j >= 0 {
			i = min(i, j)
		}
	}
	return rateLimitWords.MatchString(output[i:])
}

var rateLimitWords = regexp.MustCompile(`(?i)\b429\b|too\s*many\s*requests`)

// usageWaited sums what the provider's usage lines in a Terraform log
// (TF_LOG=INFO) say its processes waited for the rate budget.
func usageWaited(log string) time.Duration {
	var total time.Duration
	for _, m := range usageWait.FindAllStringSubmatch(log, -1) {
		if d, err := time.ParseDuration(m[1]); err == nil {
			total += d
		}
	}
	return total
}

var usageWait = regexp.MustCompile(`Fivetran API usage: \d+ requests, \d+ answered 429, (\S+) waited for the rate budget`)

// errorCount counts Terraform's error diagnostics in its output.
func errorCount(output string) int {
	return strings.Count(withoutLogLines(output), "Error: ")
}

// withoutLogLines drops the lines of Terraform's log (TF_LOG, on stderr
// beside the diagnostics), which the user does not see as output.
func withoutLogLines(output string) string {
	return logLine.ReplaceAllString(output, "")
}

var logLine = regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\n]*\n?`)

func readLog(path string) string {
	data, _ := os.ReadFile(path)
	return string(data)
}

func (b *bench) scaleCreates(n int, window, lat time.Duration) *createsRun {
	defer b.freshEmulator()()
	run := &createsRun{N: n, Window: window, Latency: lat, Load: loadAvg(), start: time.Now()}
	name := fmt.Sprintf("scale-creates-%d", n)
	dir := filepath.Join(b.work, name)
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal(err)
	}
	// The main benchmark's shape: a group and a destination per 50
	// connections, all created in the same apply and counted by the limit.
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fivetranConfig(n, false)), 0o644); err != nil {
		fatal(err)
	}
	fmt.Printf("\n== scale: apply of %d connections, at most %d creates per %s, latency %s, load %s\n", n, createLimit, window, lat, run.Load)
	b.em.SetFaults(emulator.Faults{Latency: lat})
	b.em.SetCreateLimit(createLimit, window)
	done := make(chan struct{})
	go func() { // progress, for a run that takes most of an hour
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fmt.Printf("  … %s: %d groups, %d destinations, %d connections in the emulator\n", time.Since(run.start).Round(time.Second),
					len(b.em.Groups()), len(b.em.Destinations()), len(b.em.Connections()))
			}
		}
	}()
	r := b.tf(dir, name+"-apply", "main", []string{"TF_LOG=INFO"}, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism))
	close(done)
	run.Waited = usageWaited(readLog(r.LogPath))
	b.em.SetCreateLimit(0, 0)
	b.em.SetFaults(emulator.Faults{})
	out := readLog(r.LogPath)
	run.Wall, run.ExitCode, run.Requests = r.Wall, r.ExitCode, len(r.Requests)
	for _, q := range r.Requests {
		if q.Status == 429 {
			run.Status429++
		}
		if strings.HasPrefix(q.Route, "POST /v1/") && !strings.Contains(q.Route, "{") && q.Status/100 == 2 {
			run.Creates++
		}
	}
	conns := b.em.Connections()
	run.InAPI, run.Dups, run.Errors, run.Shown429 = len(conns), duplicates(conns), errorCount(out), shows429(out)
	if r.ExitCode != 0 {
		run.Failed = fmt.Sprintf("exit code %d (%s)", r.ExitCode, r.LogPath)
		b.failures = append(b.failures, name+": "+run.Failed)
	}
	fmt.Printf("  apply %.2fs, exit %d, %d requests, %d creates, %d × 429 answered; %d connections in the emulator, %d duplicates, %d errors, 429 shown: %v\n",
		run.Wall.Seconds(), run.ExitCode, run.Requests, run.Creates, run.Status429, run.InAPI, run.Dups, run.Errors, run.Shown429)
	// Not measured: what it made goes out of band (a destroy of one state of
	// 1,000 connections costs Terraform minutes).
	b.clearEmulator()
	if !b.keep {
		_ = os.RemoveAll(dir)
	}
	return run
}

// freshEmulator serves the following commands from an emulator of their
// own, until the returned function restores the benchmark's: its budget
// and create limit count every request made in their window, the earlier
// runs' included.
func (b *bench) freshEmulator() func() {
	em, err := startEmulator(emulator.Options{APIKey: apiKey, APISecret: apiSecret, Seed: 2})
	if err != nil {
		fatal(err)
	}
	prev := b.em
	b.em = em
	return func() {
		em.Close()
		b.em = prev
	}
}

func (b *bench) scaleBudget(n, left int, window, lat time.Duration) *budgetRun {
	defer b.freshEmulator()()
	run := &budgetRun{N: n, Window: window, Latency: lat}
	name := fmt.Sprintf("scale-budget-%d", n)
	dir := filepath.Join(b.work, name)
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal(err)
	}
	// A trial account's size: the main benchmark's shape (a group and a
	// destination per 50 connections).
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fivetranConfig(n, false)), 0o644); err != nil {
		fatal(err)
	}
	fmt.Printf("\n== scale: plan of %d connections with a budget of %d requests per %s, other tools leaving %d of it, latency %s, load %s\n",
		n, requestBudget, window, left, lat, loadAvg())
	sc := &scaleScenario{Kind: "fivetran", N: n}
	common := []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)}
	apply := b.scaleStep(sc, stepApply, lat, 0, []string{dir}, name+"-apply", append([]string{"apply", "-auto-approve"}, common...)...)
	if apply.Failed == "" {
		b.em.SetRequestBudget(requestBudget, window)
		if left >= 0 {
			run.Spent, run.Left = b.spendBudget(left), left
		}
		run.Limited = b.scaleStepEnv(sc, stepPlan, lat, 0, []string{dir}, name+"-plan", []string{"TF_LOG=INFO"}, append([]string{"plan", "-detailed-exitcode"}, common...)...)
		run.Shown429 = shows429(readLog(filepath.Join(b.out, "logs", name+"-plan.log")))
		b.em.SetRequestBudget(0, 0)
		run.Free = b.scaleStep(sc, stepPlan, lat, 0, []string{dir}, name+"-plan-free", append([]string{"plan", "-detailed-exitcode"}, common...)...)
	}
	b.em.SetRequestBudget(0, 0)
	b.clearEmulator()
	if !b.keep {
		_ = os.RemoveAll(dir)
	}
	return run
}

// spendBudget makes requests to the emulator as another tool would (an
// Airflow or dbt sensor listing groups) until the budget has at most left
// requests remaining, and returns how many it made.
func (b *bench) spendBudget(left int) int {
	client := &http.Client{Timeout: 10 * time.Second}
	for n := 1; n <= requestBudget; n++ {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, b.em.URL+"/groups?limit=1", nil)
		if err != nil {
			fatal(err)
		}
		req.SetBasicAuth(apiKey, apiSecret)
		resp, err := client.Do(req)
		if err != nil {
			fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		remaining, err := strconv.Atoi(resp.Header.Get("X-Rate-Limit-Remaining"))
		if err != nil || resp.StatusCode != http.StatusOK || remaining <= left {
			return n
		}
	}
	return requestBudget
}

// scaleTargets checks the targets against the figures.
func scaleTargets(r *scaleResult) []budget {
	var out []budget
	add := func(pass bool, name, format string, args ...any) {
		out = append(out, budget{pass: pass, name: name, text: fmt.Sprintf(format, args...)})
	}
	for _, sc := range r.Scenarios {
		if sc.Kind != "fivetran" {
			continue
		}
		p0, p := sc.get(stepPlan, 0), sc.get(stepPlan, r.Latency)
		if p != nil {
			add(p.Requests <= targetPlanRequests, fmt.Sprintf("Requests: no-change plan ≤ %d requests", targetPlanRequests),
				"N=%d, %s: %d requests (load %s)", sc.N, ms(r.Latency), p.Requests, p.Load)
		}
		if p0 != nil && p != nil && p0.Wall > 0 {
			q := p.Wall.Seconds() / p0.Wall.Seconds()
			add(q <= targetLatencyRatio, fmt.Sprintf("Time: no-change plan at %s ≤ %.1f× the same at 0 ms", ms(r.Latency), targetLatencyRatio),
				"N=%d: %.2fs vs %.2fs = %.2f× (load %s; %s)", sc.N, p.Wall.Seconds(), p0.Wall.Seconds(), q, p.Load, p0.Load)
		}
		if sc.StateSize > 0 {
			per := float64(sc.StateSize) / float64(sc.N)
			add(per < budgetStateBytes, "Size: state < 2 KB per connection",
				"N=%d: %.0f B per connection (state file %d B, groups and destinations included)", sc.N, per, sc.StateSize)
		}
		if sc.PerConnB > 0 {
			add(sc.PerConnB < budgetInstanceBytes, fmt.Sprintf("Size: compact connection instance < %.1f KB", float64(budgetInstanceBytes)/1000),
				"N=%d: %.0f B", sc.N, sc.PerConnB)
		}
	}
	if bu := r.Budget; bu != nil {
		if bu.Limited == nil {
			add(false, fmt.Sprintf("Budget: plan of %d connections within %d requests per %s succeeds", bu.N, requestBudget, bu.Window), "the apply before it failed")
		} else {
			ok := bu.Limited.Failed == "" && !bu.Shown429
			add(ok, fmt.Sprintf("Budget: plan of %d connections within %d requests per %s succeeds", bu.N, requestBudget, bu.Window),
				"%s; %.2fs, %d requests (%d × 429 answered), 429 in Terraform's output: %s", orOK(bu.Limited.Failed), bu.Limited.Wall.Seconds(),
				bu.Limited.Requests, bu.Limited.Status429, yesNo(bu.Shown429))
		}
	}
	return out
}

// createsTargets checks the apply under the create limit.
func createsTargets(r *scaleResult) []budget {
	var out []budget
	add := func(pass bool, name, format string, args ...any) {
		out = append(out, budget{pass: pass, name: name, text: fmt.Sprintf(format, args...)})
	}
	if c := r.Creates; c != nil {
		ok := c.ExitCode == 0 && c.Errors == 0 && c.Dups == 0 && c.InAPI == c.N && !c.Shown429
		add(ok, fmt.Sprintf("Creates: %d new connections under %d creates per %s: 0 errors, 0 duplicates, no 429 shown", c.N, createLimit, c.Window),
			"exit %d, %d errors, %d connections in the emulator for %d in the configuration, %d duplicates, 429 in Terraform's output: %s; the emulator answered %d × 429",
			c.ExitCode, c.Errors, c.InAPI, c.N, c.Dups, yesNo(c.Shown429), c.Status429)
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orOK(failed string) string {
	if failed == "" {
		return "exit 0"
	}
	return failed
}

func scaleSecs(m *scaleMeasure) string {
	if m == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", m.Wall.Seconds())
}

func scaleReqs(m *scaleMeasure) string {
	if m == nil {
		return "–"
	}
	return fmt.Sprint(m.Requests)
}

func scaleLoad(m *scaleMeasure) string {
	if m == nil {
		return "–"
	}
	if m.LoadEnd != "" {
		return m.Load + " → " + m.LoadEnd
	}
	return m.Load
}

func routesOf(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	slices.SortStableFunc(keys, func(a, b string) int { return m[b] - m[a] })
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("`%s` %d", k, m[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func (r *scaleResult) find(kind string, n int) *scaleScenario {
	for _, s := range r.Scenarios {
		if s.Kind == kind && s.N == n {
			return s
		}
	}
	return nil
}

// createsMarkdown is the create-limit section of BENCHMARKS.md.
func createsMarkdown(r *scaleResult) string {
	var md strings.Builder
	fmt.Fprintf(&md, "## Thousands of connections: an apply under the create limit\n\n")
	fmt.Fprintf(&md, "Generated by `go run ./bench -terraform .tools/bin/terraform -scale%s` on %s at commit %s (%s; %s; %s in all; "+
		"load average %s at start, %s at end). How it is measured: \"Method\" above.\n",
		r.Args, r.Started.UTC().Format("2006-01-02 15:04 MST"), cmp.Or(r.Commit, "?"), r.Machine, r.TF, r.Total.Round(time.Second), r.LoadStart, r.LoadEnd)
	if c := r.Creates; c != nil {
		fmt.Fprintf(&md, "\n### %d connections, at most %d creates per %s, %s latency\n\n", c.N, createLimit, c.Window, ms(c.Latency))
		fmt.Fprintf(&md, "| connections | wall s | exit | requests | creates | 429 answered | waited for the budget s | connections in the emulator | duplicates | errors | 429 shown | load at start |\n")
		fmt.Fprintf(&md, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
		fmt.Fprintf(&md, "| %d | %.2f | %d | %d | %d | %d | %.1f | %d | %d | %d | %s | %s |\n", c.N, c.Wall.Seconds(), c.ExitCode, c.Requests, c.Creates,
			c.Status429, c.Waited.Seconds(), c.InAPI, c.Dups, c.Errors, yesNo(c.Shown429), c.Load)
	}
	fmt.Fprintf(&md, "\n### Targets\n\n")
	for _, t := range createsTargets(r) {
		fmt.Fprintf(&md, "- **%s** %s — %s\n", verdict(t.pass), t.name, t.text)
	}
	return md.String()
}

// scaleMarkdown is the scale section of BENCHMARKS.md.
func scaleMarkdown(r *scaleResult) string {
	var md strings.Builder
	fmt.Fprintf(&md, "## Thousands of connections (scale)\n\n")
	fmt.Fprintf(&md, "Generated by `go run ./bench -terraform .tools/bin/terraform -scale%s` on %s at commit %s (%s; %s; %s in all; "+
		"load average %s at start, %s at end). How it is measured: \"Method\" above.\n",
		r.Args, r.Started.UTC().Format("2006-01-02 15:04 MST"), cmp.Or(r.Commit, "?"), r.Machine, r.TF, r.Total.Round(time.Second), r.LoadStart, r.LoadEnd)
	var ns []int
	for _, s := range r.Scenarios {
		if !slices.Contains(ns, s.N) {
			ns = append(ns, s.N)
		}
	}
	lat := ms(r.Latency)
	if len(ns) > 0 {
		fmt.Fprintf(&md, "\n### Wall time (s) and API requests, %d groups, `-parallelism=%d`\n\n", scaleGroups, parallelism)
		fmt.Fprintf(&md, "| N | step | floor s | fivetran 0 ms s | requests | fivetran %s s | requests | %s ÷ 0 ms | %s ÷ floor | load at start (floor; 0 ms; %s) |\n", lat, lat, lat, lat)
		fmt.Fprintf(&md, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
		for _, n := range ns {
			f, ft := r.find("floor", n), r.find("fivetran", n)
			for _, st := range []step{stepApply, stepPlan, stepPlanNoConfig, stepPlanNoConfigOnChange, stepPlanChange, stepDestroy} {
				fm, m0, m := f.get(st, 0), ft.get(st, 0), ft.get(st, r.Latency)
				if fm == nil && m0 == nil && m == nil {
					continue
				}
				label := string(st)
				if (st == stepApply || st == stepDestroy) && ft != nil && ft.Split {
					label += fmt.Sprintf(", %d states of %d", ft.States, n/ft.States)
				}
				vs0, vsFloor := "–", "–"
				if m != nil && m0 != nil {
					vs0 = ratio(m.Wall.Seconds(), m0.Wall.Seconds())
				}
				if m != nil && fm != nil {
					vsFloor = ratio(m.Wall.Seconds(), fm.Wall.Seconds())
				}
				fmt.Fprintf(&md, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s; %s; %s |\n", n, label, scaleSecs(fm), scaleSecs(m0), scaleReqs(m0),
					scaleSecs(m), scaleReqs(m), vs0, vsFloor, scaleLoad(fm), scaleLoad(m0), scaleLoad(m))
			}
		}
		if r.NoConfig != "" {
			fmt.Fprintf(&md, "\nLists without config: not measured (%s).\n", r.NoConfig)
		}
		fmt.Fprintf(&md, "\n### Requests by route\n\n| N | step | latency | requests | 429 | by route |\n|---:|---|---|---:|---:|---|\n")
		for _, n := range ns {
			ft := r.find("fivetran", n)
			if ft == nil {
				continue
			}
			for _, m := range ft.Measures {
				fmt.Fprintf(&md, "| %d | %s | %s | %d | %d | %s |\n", n, m.Step, ms(m.Latency), m.Requests, m.Status429, routesOf(m.Routes))
			}
		}
		fmt.Fprintf(&md, "\n### State\n\n| N | state file B | B per connection | compact connection instance B | floor: B per item |\n|---:|---:|---:|---:|---:|\n")
		for _, n := range ns {
			ft, f := r.find("fivetran", n), r.find("floor", n)
			if ft == nil || ft.StateSize == 0 {
				continue
			}
			floorPer := "–"
			if f != nil && f.StateSize > 0 {
				floorPer = fmt.Sprintf("%.0f", float64(f.StateSize)/float64(n))
			}
			fmt.Fprintf(&md, "| %d | %d | %.0f | %.0f | %s |\n", n, ft.StateSize, float64(ft.StateSize)/float64(n), ft.PerConnB, floorPer)
		}
	}
	if bu := r.Budget; bu != nil {
		fmt.Fprintf(&md, "\n### Plan within a request budget (%d requests per %s, %s latency)\n\n", requestBudget, bu.Window, ms(bu.Latency))
		fmt.Fprintf(&md, "| connections | requests of other tools just before | budget left to the plan | plan s | requests | 429 answered | waited for the budget s | 429 shown | the same plan without a budget s | load at start (budget; none) |\n")
		fmt.Fprintf(&md, "|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n")
		status, waited := "–", "–"
		if bu.Limited != nil {
			status, waited = fmt.Sprint(bu.Limited.Status429), fmt.Sprintf("%.1f", bu.Limited.Waited.Seconds())
		}
		fmt.Fprintf(&md, "| %d | %d | %d | %s | %s | %s | %s | %s | %s | %s; %s |\n", bu.N, bu.Spent, bu.Left, scaleSecs(bu.Limited), scaleReqs(bu.Limited), status,
			waited, yesNo(bu.Shown429), scaleSecs(bu.Free), scaleLoad(bu.Limited), scaleLoad(bu.Free))
	}
	fmt.Fprintf(&md, "\n### Targets\n\n")
	for _, t := range scaleTargets(r) {
		fmt.Fprintf(&md, "- **%s** %s — %s\n", verdict(t.pass), t.name, t.text)
	}
	return md.String()
}

// scaleArgs is the flags of this run that are not the scale mode's defaults,
// as the report's command line shows them.
func scaleArgs() string {
	var args []string
	flag.Visit(func(f *flag.Flag) {
		if strings.HasPrefix(f.Name, "scale-") || strings.HasPrefix(f.Name, "creates-") || strings.HasPrefix(f.Name, "budget-") {
			args = append(args, fmt.Sprintf("-%s %s", f.Name, f.Value))
		}
	})
	if len(args) == 0 {
		return ""
	}
	return " " + strings.Join(args, " ")
}

// ms writes a latency in milliseconds ("0 ms", "100 ms").
func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

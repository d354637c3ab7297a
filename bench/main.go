// Command bench is `make bench`: it generates configurations of N connections
// (with their groups and destinations), runs the real Terraform against the
// in-process Fivetran emulator, with 0 ms and with 50 ms of latency per
// request, and beside it Terraform's floor (the same number of resources of a
// trivial in-repo provider, bench/floorprovider, no API). For every N it
// measures apply, a no-change plan (with refresh), a plan after one config
// change (and its apply), destroy, the API calls of each by route, the
// provider processes' peak memory and CPU, state bytes per connection and the
// size of `terraform providers schema -json`; it checks the budgets, profiles
// the provider during the largest no-change plan, and writes BENCHMARKS.md.
//
// Budgets are reported (PASS/FAIL), not enforced: the exit status is non-zero
// only when a Terraform command fails or a plan is not what it must be.
//
// Beside the floor runs the same-shape floor (bench/floorprovider built with
// -X main.flavour=shape: fivetran_connection's own schema, no code), so the
// report splits each figure into the framework's share and ours. Two more
// modes write their own sections of BENCHMARKS.md, which a normal run keeps:
// -gogc (gogc.go) and -schema (schemabench.go). The benchmark writes figures
// and tables only: how each is measured is BENCHMARKS.md's Method section,
// written by hand and kept, like the Notes, by every run (report.go, kept).
//
//	go run ./bench -terraform .tools/bin/terraform           # N = 100, 500, 1000
//	BENCH_N=100 go run ./bench -terraform .tools/bin/terraform # a quick run
//	go run ./bench -terraform .tools/bin/terraform -gogc 100,200,300,400,default -n 1000
//	go run ./bench -terraform .tools/bin/terraform -schema    # 200 connections, 20 and 200 tables
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

const (
	apiKey      = "bench_key"
	apiSecret   = "bench_secret"
	parallelism = 10
)

type step string

const (
	stepApply       step = "apply"
	stepPlan        step = "plan (no change)"
	stepPlanChange  step = "plan (1 change)"
	stepApplyChange step = "apply (1 change)"
	stepDestroy     step = "destroy"
)

var steps = []step{stepApply, stepPlan, stepPlanChange, stepApplyChange, stepDestroy}

// cmdResult is one Terraform command.
type cmdResult struct {
	Wall     time.Duration
	ExitCode int
	PeakKB   int64         // largest VmHWM of the provider processes
	CPU      time.Duration // provider processes' user+system CPU
	Procs    int           // provider processes seen
	TFPeakKB int64         // Terraform's own VmHWM
	TotalCPU time.Duration // Terraform and every process it waited for (its providers)
	// SelfCPU is the benchmark's own process during the command: the
	// emulator answering the requests (and the process watcher), on the
	// same cores as Terraform and the providers.
	SelfCPU   time.Duration
	Requests  []emulator.RequestRecord
	Summary   string // Terraform's "Plan: ..." / "Apply complete! ..." line
	LogPath   string
	Load      string // load average (1, 5, 15 min) when the command started
	Failed    string // why the step failed, "" when it did not
	Completed bool
}

// check marks the result of step st failed unless Terraform exited with
// want and, for the one-change plan, planned exactly one change.
func (res *cmdResult) check(st step, want int) {
	switch {
	case res.Failed != "":
	case res.ExitCode != want:
		res.Failed = fmt.Sprintf("exit code %d, want %d (%s)", res.ExitCode, want, res.Summary)
	case st == stepPlanChange && !strings.HasPrefix(res.Summary, "Plan: 0 to add, 1 to change, 0 to destroy."):
		res.Failed = fmt.Sprintf("want exactly one change, got %q", res.Summary)
	}
	res.Completed = res.Failed == ""
}

// scenario is one provider (fivetran, floor or the same-shape floor) at one N and one latency.
type scenario struct {
	Kind      string // "fivetran", "floor" or "shape"
	N         int
	Resources int
	Latency   time.Duration
	Steps     map[step]*cmdResult
	StateSize int64   // terraform.tfstate bytes after apply
	PerConnB  float64 // mean compact JSON bytes of one connection (floor: one item) instance in state
	Wall      time.Duration
	Load      string // load average when the scenario started
	// Pairs: in a scenario at a latency, no-change plans on its state at
	// 0 ms and at the latency, back to back (latencyPairs pairs, the order
	// alternating), so that what the latency adds is measured apart from
	// the machine's drift between scenarios run minutes apart.
	Pairs []planPair
}

// planPair is one no-change plan at 0 ms and one at the scenario's latency,
// run one right after the other on the same state.
type planPair struct {
	Zero, Lat *cmdResult
}

// latencyPairs is how many pairs a scenario at a latency runs.
const latencyPairs = 3

type bench struct {
	root, out, work string
	terraform       string
	tfVersion       string
	bins            map[string]string // "fivetran", "floor", "prof" -> binary
	rc              map[string]string // "main", "prof" -> CLI config file
	em              *emulator.Running
	ns              []int
	latencies       []time.Duration
	applyChange     bool
	keep            bool
	failures        []string

	scenarios  []*scenario
	schemaSize map[string]int
	profile    *profileResult
	logsOff    map[string]*cmdResult // kind -> no-change plan at the largest N with provider-side logging off
	// schemaProfileTables is the table count whose no-change plan the
	// schema-config mode profiles (its largest).
	schemaProfileTables int
	floorAlone          string // the floor's directory of the schema configs alone, for paired plans
	started             time.Time
	loadStart           string
	scaleOnly           bool // the scale mode: builds only the provider and the floor
}

func main() {
	log.SetFlags(0)
	b := &bench{bins: map[string]string{}, rc: map[string]string{}, schemaSize: map[string]int{}, logsOff: map[string]*cmdResult{}, started: time.Now()}
	var nList, latList, mdPath string
	flag.StringVar(&b.terraform, "terraform", "terraform", "the Terraform binary")
	flag.StringVar(&nList, "n", envOr("BENCH_N", "100,500,1000"), "numbers of connections, comma-separated (env BENCH_N)")
	flag.StringVar(&latList, "latency", envOr("BENCH_LATENCY", "0ms,50ms"), "emulator latencies per request (env BENCH_LATENCY)")
	flag.StringVar(&b.out, "out", ".tools/bench", "where working directories, logs and profiles go")
	flag.StringVar(&mdPath, "md", "BENCHMARKS.md", "the report to write (\"\" for none)")
	flag.BoolVar(&b.applyChange, "apply-change", true, "also apply the one-change plan (checks one write; the profiled plan runs after it)")
	flag.BoolVar(&b.keep, "keep", false, "keep each scenario's working directory (configuration and state)")
	var gogcList string
	var gogcReps int
	flag.StringVar(&gogcList, "gogc", "", "GC mode: only the no-change plan at the largest N, once per provider GOGC value per rep, e.g. 100,200,300,400,default (see gogc.go)")
	flag.IntVar(&gogcReps, "gogc-reps", 3, "GC mode: repetitions per GOGC value")
	var schemaMode bool
	var schemaN int
	var schemaTables string
	flag.BoolVar(&schemaMode, "schema", false, "schema-config mode: the schema-config benchmark (see schemabench.go)")
	flag.IntVar(&schemaN, "schema-n", 200, "schema-config mode: connections")
	flag.StringVar(&schemaTables, "schema-tables", "20,200", "schema-config mode: tables per connection in the synthetic source, comma-separated")
	var scaleMode bool
	var scaleN, scaleRuns string
	so := scaleOptions{}
	flag.BoolVar(&scaleMode, "scale", false, "scale mode: thousands of connections at a latency, a create limit and a request budget (see scale.go)")
	flag.StringVar(&scaleN, "scale-n", "1000,5000", "scale mode: numbers of connections (multiples of 50), comma-separated")
	flag.DurationVar(&so.latency, "scale-latency", 100*time.Millisecond, "scale mode: emulator latency per request")
	flag.IntVar(&so.splitAbove, "scale-split-above", 0, "scale mode: above this N, apply and destroy run once per group, on a state of its own")
	flag.IntVar(&so.createsN, "creates-n", 1000, "scale mode: connections of the apply under the create limit")
	flag.DurationVar(&so.createsWindow, "creates-window", time.Minute, "scale mode: the create limit's window (20 connection creates per window)")
	flag.IntVar(&so.budgetN, "budget-n", 100, "scale mode: connections of the plan under the request budget")
	flag.DurationVar(&so.budgetWindow, "budget-window", time.Hour, "scale mode: the request budget's window (500 requests per window)")
	flag.IntVar(&so.budgetLeft, "budget-left", defaultBudgetLeft, "scale mode: requests of the budget other tools leave to the plan, spending the rest just before it (-1: none)")
	flag.StringVar(&scaleRuns, "scale-runs", "main,creates,budget", "scale mode: which runs, comma-separated (main, creates, budget)")
	flag.Parse()

	for _, s := range strings.Split(nList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			log.Fatalf("bench: bad N %q", s)
		}
		b.ns = append(b.ns, n)
	}
	for _, s := range strings.Split(latList, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			log.Fatalf("bench: bad latency %q", s)
		}
		b.latencies = append(b.latencies, d)
	}
	b.scaleOnly = scaleMode
	if err := b.setup(); err != nil {
		log.Fatalf("bench: %v", err)
	}
	defer b.em.Close()

	if gogcList != "" {
		var values []string
		for _, v := range strings.Split(gogcList, ",") {
			v = strings.TrimSpace(v)
			if _, err := strconv.Atoi(v); err != nil && v != "default" && v != "off" {
				log.Fatalf("bench: bad GOGC value %q", v)
			}
			values = append(values, v)
		}
		b.runGOGC(values, max(1, gogcReps), mdPath)
		return
	}
	if scaleMode {
		so.runs = map[string]bool{}
		for _, r := range strings.Split(scaleRuns, ",") {
			so.runs[strings.TrimSpace(r)] = true
		}
		for _, s := range strings.Split(scaleN, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < scaleGroups || n%scaleGroups != 0 {
				log.Fatalf("bench: bad scale N %q (a multiple of %d)", s, scaleGroups)
			}
			so.ns = append(so.ns, n)
		}
		so.args = scaleArgs()
		b.runScale(so, mdPath)
		if len(b.failures) > 0 {
			fmt.Println("\nFAILED steps:")
			for _, f := range b.failures {
				fmt.Println("  " + f)
			}
			os.Exit(1)
		}
		return
	}
	if schemaMode {
		var tables []int
		for _, s := range strings.Split(schemaTables, ",") {
			t, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || t < 1 {
				log.Fatalf("bench: bad table count %q", s)
			}
			tables = append(tables, t)
		}
		b.runSchema(schemaN, tables, mdPath)
		if len(b.failures) > 0 {
			fmt.Println("\nFAILED steps:")
			for _, f := range b.failures {
				fmt.Println("  " + f)
			}
			os.Exit(1)
		}
		return
	}
	maxN := slicesMax(b.ns)
	for _, n := range b.ns {
		b.run(&scenario{Kind: "floor", N: n}, n == maxN)
		b.run(&scenario{Kind: "shape", N: n}, n == maxN)
		for _, lat := range b.latencies {
			b.run(&scenario{Kind: "fivetran", N: n, Latency: lat}, n == maxN && lat == 0)
		}
	}
	total := time.Since(b.started)
	report := b.report(total)
	fmt.Println()
	fmt.Print(report.console)
	if mdPath != "" {
		if err := writeMarkdown(mdPath, report.markdown); err != nil {
			log.Fatalf("bench: %v", err)
		}
		fmt.Printf("\nwrote %s (total %s)\n", mdPath, total.Round(time.Second))
	}
	if len(b.failures) > 0 {
		fmt.Println("\nFAILED steps:")
		for _, f := range b.failures {
			fmt.Println("  " + f)
		}
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func slicesMax(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func (b *bench) setup() error {
	var err error
	if b.root, err = os.Getwd(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(b.root, "go.mod")); err != nil {
		return fmt.Errorf("run from the repository root: %w", err)
	}
	if b.terraform, err = exec.LookPath(b.terraform); err != nil {
		return err
	}
	if b.terraform, err = filepath.Abs(b.terraform); err != nil {
		return err
	}
	if b.out, err = filepath.Abs(b.out); err != nil {
		return err
	}
	_ = os.RemoveAll(b.out)
	b.work = filepath.Join(b.out, "work")
	for _, d := range []string{"bin/fivetran", "bin/floor", "bin/shape", "bin/prof", "work", "logs", "profile"} {
		if err := os.MkdirAll(filepath.Join(b.out, d), 0o755); err != nil {
			return err
		}
	}
	// The provider is built exactly as `make build` builds it (the
	// repository's main.go); the profiling build is only used for the one
	// profiled plan, never for a measured figure.
	builds := []struct{ name, dir, pkg, bin string }{
		{"fivetran", "bin/fivetran", ".", "terraform-provider-fivetran"},
		{"floor", "bin/floor", "./bench/floorprovider", "terraform-provider-floor"},
		{"shape", "bin/shape", "./bench/floorprovider", "terraform-provider-floorshape"},
		{"prof", "bin/prof", "./bench/profprovider", "terraform-provider-fivetran"},
	}
	for _, bl := range builds {
		if b.scaleOnly && (bl.name == "shape" || bl.name == "prof") {
			continue // the scale mode runs neither
		}
		bin := filepath.Join(b.out, bl.dir, bl.bin)
		args := []string{"build", "-o", bin}
		switch bl.name {
		case "fivetran":
			args = append(args, "-trimpath", "-ldflags", "-s -w -X main.version=bench")
		case "shape":
			args = append(args, "-ldflags", "-X main.flavour=shape")
		}
		fmt.Printf("building %s (%s)\n", bl.name, bl.pkg)
		cmd := exec.CommandContext(context.Background(), "go", append(args, bl.pkg)...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = b.root, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", bl.pkg, err)
		}
		b.bins[bl.name] = bin
	}
	for name, fivetranDir := range map[string]string{"main": "bin/fivetran", "prof": "bin/prof"} {
		p := filepath.Join(b.out, "terraformrc-"+name)
		rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"openpipes/fivetran\" = %q\n    \"openpipes/floor\" = %q\n    \"openpipes/floorshape\" = %q\n  }\n  direct {}\n}\n",
			filepath.Join(b.out, fivetranDir), filepath.Join(b.out, "bin/floor"), filepath.Join(b.out, "bin/shape"))
		if err := os.WriteFile(p, []byte(rc), 0o644); err != nil {
			return err
		}
		b.rc[name] = p
	}
	out, err := exec.CommandContext(context.Background(), b.terraform, "version").Output()
	if err != nil {
		return fmt.Errorf("terraform version: %w", err)
	}
	b.tfVersion = strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)[0]
	b.em, err = startEmulator(emulator.Options{APIKey: apiKey, APISecret: apiSecret, Seed: 1})
	if err != nil {
		return err
	}
	b.loadStart = loadAvg()
	fmt.Printf("%s; emulator at %s; N = %v; latencies %v; load %s\n", b.tfVersion, b.em.URL, b.ns, b.latencies, b.loadStart)
	return nil
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func (b *bench) env(rc string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "FIVETRAN_") || k == "CHECKPOINT_DISABLE" || k == "BENCH_PROFILE_DIR" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+b.rc[rc],
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"FIVETRAN_APIKEY="+apiKey,
		"FIVETRAN_APISECRET="+apiSecret,
		"FIVETRAN_API_URL="+b.em.URL,
		"TF_VAR_warehouse_password=bench-warehouse-secret",
		"TF_VAR_pg_password=bench-pg-secret",
		"TF_VAR_github_pat=ghp_benchbenchbenchbench",
		"TF_VAR_secret=bench-floor-secret",
	)
}

// logsOffEnv turns terraform-plugin-log's SDK, framework, protocol and
// provider loggers off in the provider process.
var logsOffEnv = []string{"TF_LOG_SDK=off", "TF_LOG_SDK_FRAMEWORK=off", "TF_LOG_SDK_PROTO=off", "TF_LOG_PROVIDER=off"}

// tf runs one Terraform command in dir and measures it.
func (b *bench) tf(dir, label, rc string, extraEnv []string, args ...string) *cmdResult {
	res := &cmdResult{LogPath: filepath.Join(b.out, "logs", label+".log"), Load: loadAvg()}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(context.Background(), b.terraform, args...)
	cmd.Dir = dir
	cmd.Env = append(b.env(rc), extraEnv...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	w := newProcWatch([]string{b.bins["fivetran"], b.bins["floor"], b.bins["shape"], b.bins["prof"]})
	b.em.ResetRequests()
	self0 := selfCPU()
	t0 := time.Now()
	err := cmd.Start()
	if err == nil {
		w.start(cmd.Process.Pid)
		err = cmd.Wait()
		res.Wall = time.Since(t0)
		res.PeakKB, res.CPU, res.Procs, res.TFPeakKB = w.finish()
	}
	res.SelfCPU = selfCPU() - self0
	res.Requests = b.em.Requests()
	if cmd.ProcessState != nil {
		res.TotalCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	res.ExitCode = cmd.ProcessState.ExitCode()
	if err != nil && res.ExitCode < 0 {
		res.Failed = err.Error()
	}
	_ = os.WriteFile(res.LogPath, append(append(stdout.Bytes(), "\n--- stderr ---\n"...), stderr.Bytes()...), 0o644)
	for _, line := range strings.Split(stdout.String(), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "Plan: ") || strings.HasPrefix(line, "No changes.") ||
			strings.HasPrefix(line, "Apply complete!") || strings.HasPrefix(line, "Destroy complete!") {
			res.Summary = line
		}
	}
	return res
}

func (b *bench) fail(sc *scenario, what string, res *cmdResult) {
	msg := fmt.Sprintf("%s N=%d latency=%s %s: %s (exit %d; log %s)", sc.Kind, sc.N, sc.Latency, what, res.Failed, res.ExitCode, res.LogPath)
	b.failures = append(b.failures, msg)
	fmt.Println("  FAIL " + msg)
	if data, err := os.ReadFile(res.LogPath); err == nil {
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		for _, l := range lines[max(0, len(lines)-25):] {
			fmt.Println("    | " + l)
		}
	}
}

// run measures one scenario: apply, no-change plan, (profiled plan), plan
// after one change, its apply, destroy.
func (b *bench) run(sc *scenario, profile bool) {
	t0 := time.Now()
	sc.Steps = map[step]*cmdResult{}
	sc.Resources = sc.N + 2*groupsFor(sc.N)
	name := fmt.Sprintf("%s-%d-%s", sc.Kind, sc.N, sc.Latency)
	dir := filepath.Join(b.work, name)
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	gen := map[string]func(int, bool) string{"fivetran": fivetranConfig, "floor": floorConfig, "shape": shapeConfig}[sc.Kind]
	write := func(changed bool) {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(gen(sc.N, changed)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write(false)
	b.em.SetFaults(emulator.Faults{Latency: sc.Latency})
	defer b.em.SetFaults(emulator.Faults{})
	sc.Load = loadAvg()
	fmt.Printf("\n== %s: %d connections (%d resources), latency %s, load %s\n", sc.Kind, sc.N, sc.Resources, sc.Latency, sc.Load)

	if _, done := b.schemaSize[sc.Kind]; !done {
		res := b.tf(dir, name+"-schema", "main", nil, "providers", "schema", "-json")
		out, _ := os.ReadFile(res.LogPath)
		schema, _, _ := bytes.Cut(out, []byte("\n--- stderr ---\n"))
		if res.ExitCode != 0 || !json.Valid(bytes.TrimSpace(schema)) {
			res.Failed = "providers schema -json failed"
			b.fail(sc, "schema", res)
		} else {
			b.schemaSize[sc.Kind] = len(bytes.TrimSpace(schema))
			fmt.Printf("  providers schema -json: %d bytes\n", b.schemaSize[sc.Kind])
		}
	}

	do := func(st step, label string, want int, args ...string) *cmdResult {
		res := b.tf(dir, name+"-"+label, "main", nil, args...)
		sc.Steps[st] = res
		res.check(st, want)
		fmt.Printf("  %-17s %7.2fs  provider peak %6.1f MB, cpu %5.2fs, %d procs; terraform peak %6.1f MB, cpu %5.2fs; %5d API calls  %s\n",
			st, res.Wall.Seconds(), float64(res.PeakKB)/1024, res.CPU.Seconds(), res.Procs, float64(res.TFPeakKB)/1024,
			(res.TotalCPU - res.CPU).Seconds(), len(res.Requests), res.Summary)
		if res.Failed != "" {
			b.fail(sc, string(st), res)
		}
		return res
	}
	common := []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)}
	apply := do(stepApply, "apply", 0, append([]string{"apply", "-auto-approve"}, common...)...)
	if apply.Completed {
		b.measureState(sc, dir)
		do(stepPlan, "plan", 0, append([]string{"plan", "-detailed-exitcode"}, common...)...)
		if sc.Kind == "fivetran" && sc.Latency > 0 {
			b.planPairs(sc, dir, name, common)
		}
		if profile {
			// Diagnostic, not a measured figure: the same plan with the
			// provider's SDK and provider loggers off (by default
			// terraform-plugin-log formats every TRACE line and Terraform
			// discards them unless TF_LOG is set).
			res := b.tf(dir, name+"-plan-logs-off", "main", logsOffEnv, append([]string{"plan", "-detailed-exitcode"}, common...)...)
			if res.ExitCode == 0 {
				res.Completed = true
				b.logsOff[sc.Kind] = res
			}
			fmt.Printf("  %-17s %7.2fs  provider cpu %5.2fs, terraform cpu %5.2fs (diagnostic: provider logging off)\n", "plan, logs off",
				res.Wall.Seconds(), res.CPU.Seconds(), (res.TotalCPU - res.CPU).Seconds())
		}
		write(true)
		plan := do(stepPlanChange, "plan-change", 2, append([]string{"plan", "-detailed-exitcode"}, common...)...)
		if b.applyChange && plan.Completed {
			do(stepApplyChange, "apply-change", 0, append([]string{"apply", "-auto-approve"}, common...)...)
		}
		if ac := sc.Steps[stepApplyChange]; profile && sc.Kind == "fivetran" && ac != nil && ac.Completed {
			// After the measured steps (a no-change plan again once the
			// change is applied): the profiling providers' exit, writing
			// their profiles, slowed the plan measured next.
			b.profilePlan(sc, dir, common)
		}
	}
	do(stepDestroy, "destroy", 0, append([]string{"destroy", "-auto-approve"}, common...)...)
	if sc.Kind == "fivetran" {
		if left := len(b.em.Connections()) + len(b.em.Groups()); left > 0 {
			b.failures = append(b.failures, fmt.Sprintf("%s: %d groups and connections left in the emulator after destroy", name, left))
		}
	}
	sc.Wall = time.Since(t0)
	b.scenarios = append(b.scenarios, sc)
	if !b.keep {
		_ = os.RemoveAll(dir) // the state of 1000 connections is a few MB; logs stay in out/logs
	}
}

// planPairs runs a latency scenario's pairs of no-change plans (scenario.Pairs).
func (b *bench) planPairs(sc *scenario, dir, name string, common []string) {
	defer b.em.SetFaults(emulator.Faults{Latency: sc.Latency})
	for i := range latencyPairs {
		order := []time.Duration{0, sc.Latency}
		if i%2 == 1 {
			order = []time.Duration{sc.Latency, 0}
		}
		var p planPair
		for _, lat := range order {
			b.em.SetFaults(emulator.Faults{Latency: lat})
			res := b.tf(dir, fmt.Sprintf("%s-plan-pair%d-%s", name, i+1, lat), "main", nil, append([]string{"plan", "-detailed-exitcode"}, common...)...)
			res.check(stepPlan, 0)
			if res.Failed != "" {
				b.fail(sc, fmt.Sprintf("plan pair %d at %s", i+1, lat), res)
				return
			}
			if lat == 0 {
				p.Zero = res
			} else {
				p.Lat = res
			}
		}
		sc.Pairs = append(sc.Pairs, p)
		fmt.Printf("  %-17s %7.2fs at 0 ms, %7.2fs at %s (%+.2fs); provider cpu %5.2fs, %5.2fs\n", fmt.Sprintf("plan pair %d", i+1),
			p.Zero.Wall.Seconds(), p.Lat.Wall.Seconds(), sc.Latency, (p.Lat.Wall - p.Zero.Wall).Seconds(), p.Zero.CPU.Seconds(), p.Lat.CPU.Seconds())
	}
}

// measureState records the state file's size and the mean compact size of
// one connection (or floor_item of kind != group/destination) instance: the
// element of the resource's "instances" as Terraform writes it, compacted.
// The resource's own wrapper (mode, type, name, provider) is not counted: it
// is shared by all instances of a resource with count or for_each, and the
// state file's size per connection counts it anyway.
func (b *bench) measureState(sc *scenario, dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		return
	}
	sc.StateSize = int64(len(data))
	var st struct {
		Resources []struct {
			Type      string            `json:"type"`
			Name      string            `json:"name"`
			Instances []json.RawMessage `json:"instances"`
		} `json:"resources"`
	}
	if json.Unmarshal(data, &st) != nil {
		return
	}
	var total, count int
	for _, r := range st.Resources {
		if (sc.Kind == "fivetran" && r.Type != "fivetran_connection") || (sc.Kind == "shape" && r.Type != "floorshape_connection") ||
			(sc.Kind == "floor" && !strings.HasPrefix(r.Name, "c")) {
			continue
		}
		for _, in := range r.Instances {
			var buf bytes.Buffer
			if json.Compact(&buf, in) == nil {
				total += buf.Len()
				count++
			}
		}
	}
	if count > 0 {
		sc.PerConnB = float64(total) / float64(count)
	}
}

// routeCounts groups requests by route pattern.
func routeCounts(reqs []emulator.RequestRecord) map[string]int {
	m := map[string]int{}
	for _, r := range reqs {
		m[r.Route]++
	}
	return m
}

// repeats counts requests identical to an earlier one (method, path, query).
func repeats(reqs []emulator.RequestRecord) (n int, examples []string) {
	seen := map[string]int{}
	for _, r := range reqs {
		if r.Method == "POST" && !strings.Contains(r.Route, "{") {
			continue // creates share a path; their count is checked exactly instead
		}
		k := r.Method + " " + r.Path
		if r.Query != "" {
			k += "?" + r.Query
		}
		seen[k]++
		if seen[k] == 2 {
			examples = append(examples, k)
		}
		if seen[k] > 1 {
			n++
		}
	}
	sort.Strings(examples)
	return n, examples
}

// selfCPU is this process's user and system CPU so far (0 if unknown).
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

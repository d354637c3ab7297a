package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// Budgets the benchmark checks and reports (its exit status ignores them).
const (
	budgetPlanRatio  = 1.5
	budgetStateBytes = 2048
	// budgetInstanceBytes is one connection instance in state, compacted.
	budgetInstanceBytes = 1200
	budgetSchemaBytes   = 50 * 1024
	budgetMemMB         = 100
	// latencyTolerance is the slack on the 50 ms plan's extra time over
	// calls x latency / parallelism (scheduling on a loaded 2-core machine).
	latencyTolerance = 1.10
	chainDepth       = 4
)

type budget struct {
	pass       bool
	name, text string
}

type rendered struct{ console, markdown string }

func (b *bench) find(kind string, n int, lat time.Duration) *scenario {
	for _, s := range b.scenarios {
		if s.Kind == kind && s.N == n && (kind == "floor" || kind == "shape" || s.Latency == lat) {
			return s
		}
	}
	return nil
}

// extraPlanTime is what a latency adds to the no-change plan: the median of
// the latency scenario's back-to-back pairs when it has them (each pair on
// one state, a second apart), else the difference between the two
// scenarios' single plans, run minutes apart. how says which, with the
// figures; calls is the requests of a plan at the latency.
func extraPlanTime(base, s *scenario) (extra time.Duration, how string, calls int, ok bool) {
	if s == nil {
		return 0, "", 0, false
	}
	if len(s.Pairs) > 0 {
		var diffs []time.Duration
		var texts []string
		for _, p := range s.Pairs {
			diffs = append(diffs, p.Lat.Wall-p.Zero.Wall)
			texts = append(texts, fmt.Sprintf("%.2f − %.2f", p.Lat.Wall.Seconds(), p.Zero.Wall.Seconds()))
			calls = max(calls, len(p.Lat.Requests))
		}
		slices.Sort(diffs)
		extra = diffs[len(diffs)/2]
		return extra, fmt.Sprintf("median of %d back-to-back pairs of plans at the latency and at 0 ms (%s s)",
			len(diffs), strings.Join(texts, ", ")), calls, true
	}
	r0, r := base.get(stepPlan), s.get(stepPlan)
	if r0 == nil || r == nil {
		return 0, "", 0, false
	}
	return r.Wall - r0.Wall, fmt.Sprintf("plan %.2fs − %.2fs at 0 ms, scenarios apart", r.Wall.Seconds(), r0.Wall.Seconds()), len(r.Requests), true
}

func (s *scenario) get(st step) *cmdResult {
	if s == nil {
		return nil
	}
	r := s.Steps[st]
	if r == nil || !r.Completed {
		return nil
	}
	return r
}

func secs(r *cmdResult) string {
	if r == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", r.Wall.Seconds())
}

func ratio(a, b float64) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func mb(kb int64) string {
	if kb <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", float64(kb)/1024)
}

func isMetadata(route string) bool { return strings.HasPrefix(route, "GET /v1/metadata/") }

func byRoute(reqs []emulator.RequestRecord) string {
	c := routeCounts(reqs)
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c[keys[i]] != c[keys[j]] {
			return c[keys[i]] > c[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("`%s` %d", k, c[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// checkCalls compares the calls of one step with what the budget allows:
// want maps a route to its exact count; metadata GETs up to maxMeta are
// allowed; anything else fails.
func checkCalls(reqs []emulator.RequestRecord, want map[string]int, maxMeta int) (bool, string) {
	c := routeCounts(reqs)
	var problems []string
	for route, n := range want {
		if c[route] != n {
			problems = append(problems, fmt.Sprintf("%s: %d, want %d", route, c[route], n))
		}
	}
	meta := 0
	for route, n := range c {
		if _, ok := want[route]; ok {
			continue
		}
		if isMetadata(route) {
			meta += n
			continue
		}
		problems = append(problems, fmt.Sprintf("%s: %d, want 0", route, n))
	}
	if meta > maxMeta {
		problems = append(problems, fmt.Sprintf("metadata GETs: %d, want at most %d", meta, maxMeta))
	}
	if rep, ex := repeats(reqs); rep > 0 {
		if len(ex) > 3 {
			ex = append(ex[:3], "…")
		}
		problems = append(problems, fmt.Sprintf("%d repeated calls (%s)", rep, strings.Join(ex, ", ")))
	}
	sort.Strings(problems)
	if len(problems) == 0 {
		return true, fmt.Sprintf("%d calls (%d metadata)", len(reqs), meta)
	}
	return false, strings.Join(problems, "; ")
}

// refreshReads are the routes a refresh reads with: each kind's GET by id,
// and its list, which answers for many (bulk reads).
var refreshReads = []string{"GET /v1/groups/{id}", "GET /v1/groups", "GET /v1/destinations/{id}", "GET /v1/destinations",
	"GET /v1/connections/{id}", "GET /v1/connections"}

// checkRefresh is checkCalls for a step that refreshes resources objects
// and then makes the writes in writes: its reads, GETs and lists together,
// are at most one per resource.
func checkRefresh(reqs []emulator.RequestRecord, resources int, writes map[string]int, maxMeta int) (bool, string) {
	c := routeCounts(reqs)
	want := map[string]int{}
	maps.Copy(want, writes)
	reads := 0
	for _, r := range refreshReads {
		if c[r] > 0 {
			want[r] = c[r]
			reads += c[r]
		}
	}
	ok, txt := checkCalls(reqs, want, maxMeta)
	if reads > resources {
		problem := fmt.Sprintf("refresh reads: %d, want at most %d (one per resource)", reads, resources)
		if ok {
			return false, problem
		}
		return false, problem + "; " + txt
	}
	if ok {
		txt = fmt.Sprintf("%s; %d refresh reads for %d resources", txt, reads, resources)
	}
	return ok, txt
}

func (b *bench) budgets() []budget {
	var out []budget
	add := func(pass bool, name, format string, args ...any) {
		out = append(out, budget{pass: pass, name: name, text: fmt.Sprintf(format, args...)})
	}
	maxN := slicesMax(b.ns)
	for _, n := range b.ns {
		g := groupsFor(n)
		for _, lat := range b.latencies {
			s := b.find("fivetran", n, lat)
			if s == nil {
				continue
			}
			at := fmt.Sprintf("N=%d, %s", n, lat)
			resources := 2*g + n
			const refreshBudget = "API: refresh ≤ one read per resource (GETs and lists; + ≤ 1 metadata GET per service), no repeats"
			if r := s.get(stepPlan); r != nil {
				ok, txt := checkRefresh(r.Requests, resources, nil, len(services))
				add(ok, refreshBudget, "%s, no-change plan: %s", at, txt)
			}
			if r := s.get(stepPlanChange); r != nil {
				ok, txt := checkRefresh(r.Requests, resources, nil, len(services))
				add(ok, refreshBudget, "%s, plan after one change: %s", at, txt)
			}
			if r := s.get(stepApply); r != nil {
				ok, txt := checkCalls(r.Requests, map[string]int{"POST /v1/groups": g, "POST /v1/destinations": g, "POST /v1/connections": n}, len(services))
				add(ok, "API: apply = one write per resource, no repeats", "%s, apply: %s", at, txt)
			}
			if r := s.get(stepApplyChange); r != nil {
				ok, txt := checkRefresh(r.Requests, resources, map[string]int{"PATCH /v1/connections/{id}": 1}, len(services))
				add(ok, "API: apply = one write per resource, no repeats", "%s, apply of one change (refresh + 1 PATCH): %s", at, txt)
			}
			if r := s.get(stepDestroy); r != nil {
				ok, txt := checkRefresh(r.Requests, resources,
					map[string]int{"DELETE /v1/groups/{id}": g, "DELETE /v1/destinations/{id}": g, "DELETE /v1/connections/{id}": n}, len(services))
				add(ok, "API: destroy = refresh + one DELETE per resource, no repeats", "%s, destroy: %s", at, txt)
			}
		}
	}
	floor := b.find("floor", maxN, 0)
	if s := b.find("fivetran", maxN, 0); s != nil {
		r, f := s.get(stepPlan), floor.get(stepPlan)
		if r != nil && f != nil {
			q := r.Wall.Seconds() / f.Wall.Seconds()
			add(q <= budgetPlanRatio, "Time: no-change plan at 0 ms ≤ 1.5× the floor",
				"N=%d: %.2fs vs floor %.2fs = %.2f× (budget %.1f×)", maxN, r.Wall.Seconds(), f.Wall.Seconds(), q, budgetPlanRatio)
		}
	}
	for _, n := range b.ns {
		base := b.find("fivetran", n, 0)
		for _, lat := range b.latencies {
			if lat == 0 {
				continue
			}
			s := b.find("fivetran", n, lat)
			if extra, how, calls, ok := extraPlanTime(base, s); ok {
				// What parallelism allows: the calls spread over 10 workers, plus
				// the dependency chain no worker can overlap (group GET →
				// destination GET → connection GET → its service's metadata GET).
				ideal := time.Duration(calls)*lat/parallelism + chainDepth*lat
				add(extra <= time.Duration(float64(ideal)*latencyTolerance), "Time: extra plan time at latency ≤ what parallelism (10) allows",
					"N=%d, %s: %s = %.2fs extra; allowed %d calls × %s / %d + %d × %s (dependency chain) = %.2fs (%.2f× of it; tolerance %.2f×)",
					n, lat, how, extra.Seconds(), calls, lat, parallelism, chainDepth, lat, ideal.Seconds(),
					extra.Seconds()/ideal.Seconds(), latencyTolerance)
			}
		}
	}
	for _, n := range b.ns {
		if s := b.find("fivetran", n, 0); s != nil && s.StateSize > 0 {
			per := float64(s.StateSize) / float64(n)
			add(per < budgetStateBytes, "Size: state < 2 KB per connection",
				"N=%d: %.0f B per connection (state file %d B / %d connections, groups and destinations included)", n, per, s.StateSize, n)
			add(s.PerConnB < budgetInstanceBytes, "Size: one connection instance < 1.2 KB (compact JSON)",
				"N=%d: %.0f B (mean of the connections' instances in terraform.tfstate, compacted)", n, s.PerConnB)
		}
	}
	if sz, ok := b.schemaSize["fivetran"]; ok {
		add(sz < budgetSchemaBytes, "Size: provider schema < 50 KB", "terraform providers schema -json: %d B (%.1f KB)", sz, float64(sz)/1024)
	}
	for _, lat := range b.latencies {
		if s := b.find("fivetran", maxN, lat); s != nil {
			var peak int64
			var at step
			for _, st := range steps {
				if r := s.get(st); r != nil && r.PeakKB > peak {
					peak, at = r.PeakKB, st
				}
			}
			if peak > 0 {
				add(float64(peak)/1024 < budgetMemMB, "Memory: provider < 100 MB",
					"N=%d, %s: peak RSS %.1f MB (in %s)", maxN, lat, float64(peak)/1024, at)
			}
		}
	}
	return out
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

func (b *bench) report(total time.Duration) rendered {
	var md, con strings.Builder
	buds := b.budgets()
	for _, x := range buds {
		fmt.Fprintf(&con, "%s  %s — %s\n", verdict(x.pass), x.name, x.text)
	}

	goVersion := runtime.Version()
	if out, err := exec.CommandContext(context.Background(), "go", "env", "GOVERSION").Output(); err == nil {
		goVersion = strings.TrimSpace(string(out))
	}
	lats := make([]string, len(b.latencies))
	for i, l := range b.latencies {
		lats[i] = l.String()
	}
	ns := make([]string, len(b.ns))
	for i, n := range b.ns {
		ns[i] = fmt.Sprint(n)
	}

	fmt.Fprintf(&md, "<!-- Generated by `make bench` (bench/). Edit only the Method and Notes sections: the benchmark keeps them. -->\n")
	fmt.Fprintf(&md, "# Benchmarks\n\n")
	fmt.Fprintf(&md, "| | |\n|---|---|\n")
	fmt.Fprintf(&md, "| date | %s |\n", b.started.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&md, "| machine | %s |\n", machine())
	fmt.Fprintf(&md, "| software | %s, %s, %s/%s |\n", b.tfVersion, goVersion, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&md, "| command | `make bench` (N = %s, latency %s) |\n", strings.Join(ns, ", "), strings.Join(lats, " and "))
	fmt.Fprintf(&md, "| settings | `-parallelism=%d`; one group and one destination per %d connections |\n", parallelism, connsPerGroup)
	fmt.Fprintf(&md, "| total run time | %s (load average %s at start, %s at end) |\n\n", total.Round(time.Second), b.loadStart, loadAvg())
	md.WriteString(handSection(methodBegin, methodEnd, methodPlaceholder) + "\n\n")

	// Times.
	fmt.Fprintf(&md, "## Time (seconds of wall time) and ratio to the floor\n\n")
	header := "| N | step | floor |"
	sep := "|---:|---|---:|"
	for _, l := range b.latencies {
		header += fmt.Sprintf(" fivetran %s | ratio |", l)
		sep += "---:|---:|"
	}
	fmt.Fprintf(&md, "%s\n%s\n", header, sep)
	for _, n := range b.ns {
		f := b.find("floor", n, 0)
		for _, st := range steps {
			fr := f.get(st)
			row := fmt.Sprintf("| %d | %s | %s |", n, st, secs(fr))
			for _, l := range b.latencies {
				r := b.find("fivetran", n, l).get(st)
				var a, c float64
				if r != nil {
					a = r.Wall.Seconds()
				}
				if fr != nil {
					c = fr.Wall.Seconds()
				}
				row += fmt.Sprintf(" %s | %s |", secs(r), ratio(a, c))
			}
			fmt.Fprintln(&md, row)
		}
	}

	fmt.Fprintf(&md, "\nLoad average (1, 5, 15 min) when each scenario started, and its wall time: ")
	var loads []string
	for _, s := range b.scenarios {
		lat := ""
		if s.Kind == "fivetran" {
			lat = " " + s.Latency.String()
		}
		loads = append(loads, fmt.Sprintf("%s %d%s: %s (%s)", s.Kind, s.N, lat, s.Load, s.Wall.Round(time.Second)))
	}
	fmt.Fprintf(&md, "%s.\n", strings.Join(loads, "; "))

	// Memory and CPU.
	fmt.Fprintf(&md, "\n## Provider memory (peak RSS, MB) and CPU (seconds), ratio to the floor\n\n")
	header, sep = "| N | step | floor MB | floor CPU |", "|---:|---|---:|---:|"
	for _, l := range b.latencies {
		header += fmt.Sprintf(" MB %s | ratio | CPU %s | ratio |", l, l)
		sep += "---:|---:|---:|---:|"
	}
	header += " Terraform MB (floor / fivetran 0 ms) |"
	sep += "---:|"
	fmt.Fprintf(&md, "%s\n%s\n", header, sep)
	for _, n := range b.ns {
		f := b.find("floor", n, 0)
		for _, st := range steps {
			fr := f.get(st)
			var fkb int64
			var fcpu float64
			if fr != nil {
				fkb, fcpu = fr.PeakKB, fr.CPU.Seconds()
			}
			row := fmt.Sprintf("| %d | %s | %s | %s |", n, st, mb(fkb), cpuStr(fr))
			for _, l := range b.latencies {
				r := b.find("fivetran", n, l).get(st)
				var kb int64
				var cpu float64
				if r != nil {
					kb, cpu = r.PeakKB, r.CPU.Seconds()
				}
				row += fmt.Sprintf(" %s | %s | %s | %s |", mb(kb), ratio(float64(kb), float64(fkb)), cpuStr(r), ratio(cpu, fcpu))
			}
			tf0 := int64(0)
			if r := b.find("fivetran", n, 0).get(st); r != nil {
				tf0 = r.TFPeakKB
			}
			var ftf int64
			if fr != nil {
				ftf = fr.TFPeakKB
			}
			row += fmt.Sprintf(" %s / %s |", mb(ftf), mb(tf0))
			fmt.Fprintln(&md, row)
		}
	}

	b.shapeTable(&md)

	// Where the plan's time goes.
	maxN := slicesMax(b.ns)
	fmt.Fprintf(&md, "\n## Where the no-change plan's time goes (N = %d, 0 ms)\n\n", maxN)
	fmt.Fprintf(&md, "\"logs off\": `%s` in the environment.\n\n", strings.Join(logsOffEnv, " "))
	fmt.Fprintf(&md, "| run | wall s | provider CPU s | Terraform CPU s |\n|---|---:|---:|---:|\n")
	row := func(label string, r *cmdResult) {
		if r != nil {
			fmt.Fprintf(&md, "| %s | %.2f | %.2f | %.2f |\n", label, r.Wall.Seconds(), r.CPU.Seconds(), (r.TotalCPU - r.CPU).Seconds())
		}
	}
	row("floor", b.find("floor", maxN, 0).get(stepPlan))
	row("floor, logs off", b.logsOff["floor"])
	row("same-shape floor", b.find("shape", maxN, 0).get(stepPlan))
	row("same-shape floor, logs off", b.logsOff["shape"])
	row("fivetran", b.find("fivetran", maxN, 0).get(stepPlan))
	row("fivetran, logs off", b.logsOff["fivetran"])

	// Sizes.
	fmt.Fprintf(&md, "\n## State and schema size\n\n")
	fmt.Fprintf(&md, "| N | state file, fivetran | per connection | floor state file | per floor_item | ratio | one connection instance (compact JSON) | one floor_item instance | one floorshape_connection instance |\n")
	fmt.Fprintf(&md, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, n := range b.ns {
		s, f := b.find("fivetran", n, 0), b.find("floor", n, 0)
		if s == nil || f == nil {
			continue
		}
		per := float64(s.StateSize) / float64(n)
		fper := float64(f.StateSize) / float64(f.Resources)
		shapeB := "–"
		if sh := b.find("shape", n, 0); sh != nil && sh.PerConnB > 0 {
			shapeB = fmt.Sprintf("%.0f B", sh.PerConnB)
		}
		fmt.Fprintf(&md, "| %d | %d B | %.0f B | %d B | %.0f B | %s | %.0f B | %.0f B | %s |\n", n, s.StateSize, per, f.StateSize, fper, ratio(per, fper), s.PerConnB, f.PerConnB, shapeB)
	}
	fmt.Fprintf(&md, "\n`terraform providers schema -json`: fivetran %d B (%.1f KB), floor %d B: %s.\n",
		b.schemaSize["fivetran"], float64(b.schemaSize["fivetran"])/1024, b.schemaSize["floor"],
		ratio(float64(b.schemaSize["fivetran"]), float64(b.schemaSize["floor"])))

	// API calls.
	fmt.Fprintf(&md, "\n## API calls by route\n\n")
	fmt.Fprintf(&md, "| N | latency | step | calls | by route |\n|---:|---|---|---:|---|\n")
	for _, n := range b.ns {
		var first map[step]string
		for i, l := range b.latencies {
			s := b.find("fivetran", n, l)
			if s == nil {
				continue
			}
			this := map[step]string{}
			for _, st := range steps {
				r := s.get(st)
				if r == nil {
					continue
				}
				routes := byRoute(r.Requests)
				this[st] = routes
				if i > 0 && first != nil && first[st] == routes {
					routes = "same as at " + b.latencies[0].String()
				}
				fmt.Fprintf(&md, "| %d | %s | %s | %d | %s |\n", n, l, st, len(r.Requests), routes)
			}
			if i == 0 {
				first = this
			}
		}
	}

	// Budgets.
	fmt.Fprintf(&md, "\n## Budgets\n\n")
	for _, x := range buds {
		fmt.Fprintf(&md, "- **%s** %s — %s\n", verdict(x.pass), x.name, x.text)
	}

	// The hand-written notes and the sections the other modes write go
	// after the summary tables and budgets, before the profile.
	md.WriteString("\n" + handSection(notesBegin, notesEnd, notesPlaceholder) + "\n")
	md.WriteString("\n" + handSection(gogcBegin, gogcEnd, gogcPlaceholder) + "\n")
	md.WriteString("\n" + handSection(schemaBegin, schemaEnd, schemaPlaceholder) + "\n")
	md.WriteString("\n" + handSection(scaleBegin, scaleEnd, scalePlaceholder) + "\n")
	md.WriteString("\n" + handSection(createsBegin, createsEnd, createsPlaceholder) + "\n")

	// Profile.
	if p := b.profile; p != nil {
		fmt.Fprintf(&md, "\n## Profile: no-change plan of %d connections, 0 ms\n\n", p.N)
		fmt.Fprintf(&md, "%d provider processes profiled, their profiles merged. CPU samples: %s. "+
			"The plan took %.2fs with the profiling build. Our code (`%s`, with everything it calls): %s. Profiles are in `%s`.\n\n",
			p.Files, p.CPUTotal, p.Wall.Seconds(), oursRegex, p.CPUShare, relPath(b.root, p.Dir))
		fmt.Fprintf(&md, "### CPU, flat (top 25)\n\n```\n%s\n```\n\n", p.CPUTop)
		fmt.Fprintf(&md, "### CPU, cumulative (top 30)\n\n```\n%s\n```\n\n", p.CPUCum)
		fmt.Fprintf(&md, "### CPU, cumulative, only stacks through our packages\n\n```\n%s\n```\n\n", p.CPUOurs)
		if p.MemTop != "" {
			fmt.Fprintf(&md, "### Allocations (alloc_space), flat (top 20)\n\n```\n%s\n```\n\n", p.MemTop)
			fmt.Fprintf(&md, "### Allocations, cumulative, only stacks through our packages (%s)\n\n```\n%s\n```\n", p.MemShare, p.MemOurs)
		}
	}
	if len(b.failures) > 0 {
		fmt.Fprintf(&md, "\n## Failed steps\n\n")
		for _, f := range b.failures {
			fmt.Fprintf(&md, "- %s\n", f)
		}
	}
	return rendered{console: con.String(), markdown: md.String()}
}

func cpuStr(r *cmdResult) string {
	if r == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", r.CPU.Seconds())
}

func relPath(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return r
	}
	return p
}

func machine() string {
	cpu := "?"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := "?"
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				var kb int64
				if _, err := fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb); err == nil {
					mem = fmt.Sprintf("%.1f GB", float64(kb)/1024/1024)
				}
			}
		}
	}
	kernel := "?"
	if out, err := exec.CommandContext(context.Background(), "uname", "-sr").Output(); err == nil {
		kernel = strings.TrimSpace(string(out))
	}
	return fmt.Sprintf("%d CPUs (%s), %s RAM, %s", runtime.NumCPU(), cpu, mem, kernel)
}

// The sections of BENCHMARKS.md that a run of the benchmark does not write:
// the Method and Notes sections, which people write, and the sections of the
// other modes (-gogc, -schema, -scale), which those modes write. The report holds
// each between its markers, with a placeholder that writeMarkdown replaces by
// the section the file already has.
const (
	methodBegin, methodEnd = "<!-- method -->", "<!-- /method -->"
	notesBegin, notesEnd   = "<!-- notes -->", "<!-- /notes -->"
)

const (
	methodPlaceholder  = "## Method\n\n(How each figure is measured, written by hand; `make bench` keeps this section.)"
	notesPlaceholder   = "## Notes\n\n(Hand-written analysis goes here; `make bench` keeps this section.)"
	gogcPlaceholder    = "## Garbage collector setting (GOGC) of the provider\n\n(Not measured yet: `go run ./bench -terraform .tools/bin/terraform -gogc 100,200,300,400,default -n 1000`.)"
	schemaPlaceholder  = "## Schema config\n\n(Not measured yet: `go run ./bench -terraform .tools/bin/terraform -schema`.)"
	scalePlaceholder   = "## Thousands of connections (scale)\n\n(Not measured yet: `make bench-scale`.)"
	createsPlaceholder = "## Thousands of connections: an apply under the create limit\n\n(Not measured yet: `make bench-creates`.)"
)

// kept lists the marker pairs of those sections.
var kept = [][2]string{{methodBegin, methodEnd}, {notesBegin, notesEnd}, {gogcBegin, gogcEnd}, {schemaBegin, schemaEnd}, {scaleBegin, scaleEnd}, {createsBegin, createsEnd}}

// handSection is a kept section with its markers.
func handSection(begin, end, content string) string {
	return begin + "\n" + strings.TrimRight(content, "\n") + "\n" + end
}

// section returns the section of s between begin and end, markers included.
func section(s, begin, end string) (string, bool) {
	i := strings.Index(s, begin)
	if i < 0 {
		return "", false
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return "", false
	}
	return s[i : i+j+len(end)], true
}

// keepSections returns generated with each kept section replaced by the same
// section of old, where old has it.
func keepSections(generated, old string) string {
	for _, m := range kept {
		fresh, ok := section(generated, m[0], m[1])
		if !ok {
			continue
		}
		if prev, ok := section(old, m[0], m[1]); ok {
			generated = strings.Replace(generated, fresh, prev, 1)
		}
	}
	return generated
}

// writeMarkdown writes the report to path, keeping the kept sections of the
// file it replaces.
func writeMarkdown(path, generated string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.WriteFile(path, []byte(keepSections(generated, string(old))), 0o644)
}

// shapeTable writes the same-shape floor's figures beside the floor's and the
// Fivetran provider's at 0 ms: what of each step is the framework's price of
// fivetran_connection's shape, and what is ours.
func (b *bench) shapeTable(md *strings.Builder) {
	fmt.Fprintf(md, "\n## The framework's share: the same-shape floor (0 ms)\n\n")
	fmt.Fprintf(md, "| N | step | floor s | same-shape s | fivetran s | fivetran ÷ same-shape | same-shape ÷ floor | floor CPU | same-shape CPU | fivetran CPU | ours CPU | framework share | same-shape MB | fivetran MB | load at start (floor; same-shape; fivetran) |\n")
	fmt.Fprintf(md, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, n := range b.ns {
		f, sh, ft := b.find("floor", n, 0), b.find("shape", n, 0), b.find("fivetran", n, 0)
		if sh == nil {
			continue
		}
		for _, st := range steps {
			fr, sr, r := f.get(st), sh.get(st), ft.get(st)
			wall := func(r *cmdResult) float64 {
				if r == nil {
					return 0
				}
				return r.Wall.Seconds()
			}
			cpu := func(r *cmdResult) float64 {
				if r == nil {
					return 0
				}
				return r.CPU.Seconds()
			}
			peak := func(r *cmdResult) int64 {
				if r == nil {
					return 0
				}
				return r.PeakKB
			}
			ours, share := "–", "–"
			if sr != nil && r != nil {
				ours = fmt.Sprintf("%.2f", cpu(r)-cpu(sr))
				if cpu(r) > 0 {
					share = fmt.Sprintf("%.0f %%", 100*cpu(sr)/cpu(r))
				}
			}
			load := func(r *cmdResult) string {
				if r == nil {
					return "–"
				}
				return r.Load
			}
			fmt.Fprintf(md, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s; %s; %s |\n", n, st,
				secs(fr), secs(sr), secs(r), ratio(wall(r), wall(sr)), ratio(wall(sr), wall(fr)),
				cpuStr(fr), cpuStr(sr), cpuStr(r), ours, share, mb(peak(sr)), mb(peak(r)), load(fr), load(sr), load(r))
		}
	}
	if sz, ok := b.schemaSize["shape"]; ok {
		fmt.Fprintf(md, "\n`terraform providers schema -json` of the same-shape floor: %d B.\n", sz)
	}
}

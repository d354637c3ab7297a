package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The schema-config benchmark (-schema): N connections (default 200), each
// with a synthetic source of T tables (for each T of -schema-tables, default
// 20 and 200) of 20 columns in the emulator, and one schema-config resource
// per connection managing 20 tables and 40 columns. Steps: apply (the
// connections and their schema configs), a no-change plan, a plan after one
// column's choice changes (exactly one change) and its apply. Beside it, in
// the same run, the floor with the same number of resources and the same
// graph (group → destination → connection → schema config). The section goes
// into BENCHMARKS.md between schemaBegin and schemaEnd; a normal run keeps it.
//
// Budgets: one schema GET per connection per refresh, state under
// 20 KB per connection, no growth of the no-change plan with the number of
// unmanaged tables, the no-change plan within 3× the floor.

const schemaBegin, schemaEnd = "<!-- schema -->", "<!-- /schema -->"

const (
	schemaColumns        = 20 // columns per table in the synthetic source
	schemaManagedTables  = 20 // tables each configuration manages
	schemaManagedColumns = 2  // columns it manages in each managed table: 40 in all
	schemaPlanRatio      = 3.0
	schemaStateBytes     = 20 * 1024
	// schemaGrowthTolerance is how much slower the no-change plan may be
	// with the most tables than with the fewest before it counts as growth
	// (noise on a shared 2-core machine).
	schemaGrowthTolerance = 1.25
)

type schemaRun struct {
	Tables int                 // per connection in the source (0: the floor; -1: the same-shape floor, schema configs alone only)
	Steps  map[step]*cmdResult // the pipeline: groups, destinations, connections and schema configs
	Only   map[step]*cmdResult // the schema configs alone (schemaOnly)
	// Pairs is every completed pair of no-change plans of the schema
	// configs alone (ours, the floor's run just before it, so that both see
	// the same machine), sorted by wall-time ratio; Only[stepPlan] and
	// pairedFloor() are the pair with the median ratio.
	Pairs     [][2]*cmdResult
	StateSize int64
	PerInst   float64 // mean compact JSON bytes of one schema-config instance
	Load      string
	Wall      time.Duration
}

// pairedFloor is the floor's run of the median pair (nil without pairs).
func (r *schemaRun) pairedFloor() *cmdResult {
	if len(r.Pairs) == 0 {
		return nil
	}
	return r.Pairs[middle(len(r.Pairs))][1]
}

// schemaChoicesFor is what connection i's configuration manages in a source
// of tables tables: schemaManagedTables tables spread over the source, in
// each the columns 1 (hashed) and 2 (blocked); column 0 is left alone (the
// synthetic source may make it a primary key). changed unblocks column 2 of
// the first table of connection 0.
func schemaChoicesFor(i, tables int, changed bool) schemaChoices {
	var c schemaChoices
	step := max(1, tables/schemaManagedTables)
	for k := 0; k < schemaManagedTables && k*step < tables; k++ {
		t := managedTable{Schema: 0, Table: k * step, Enabled: true, Columns: []managedColumn{
			{Column: 1, Enabled: true, Hashed: true},
			{Column: 2, Enabled: changed && i == 0 && k == 0},
		}}
		c.Tables = append(c.Tables, t)
	}
	return c
}

func (b *bench) schemaConfig(n, tables int, changed bool) string {
	var sb strings.Builder
	sb.WriteString(`terraform {
  required_providers {
    fivetran = { source = "openpipes/fivetran" }
  }
}

provider "fivetran" {}

variable "warehouse_password" {
  type      = string
  sensitive = true
}
`)
	sb.WriteString(connectionVariables)
	full := fivetranConfig(n, false)
	// The groups, destinations and connections exactly as in the main
	// benchmark, without its header.
	if i := strings.Index(full, "\nresource "); i >= 0 {
		sb.WriteString(full[i:])
	}
	for i := 0; i < n; i++ {
		sb.WriteString("\n")
		sb.WriteString(schemaPlug.Block(i, fmt.Sprintf("fivetran_connection.c%04d.id", i), schemaChoicesFor(i, tables, changed)))
	}
	return sb.String()
}

// schemaFloorConfig: the same graph of floor_items (groups, destinations,
// connections, and one item per connection depending on it).
func schemaFloorConfig(n int, changed bool) string {
	var sb strings.Builder
	sb.WriteString(floorConfig(n, false))
	for i := 0; i < n; i++ {
		v := "blocked"
		if changed && i == 0 {
			v = "enabled"
		}
		fmt.Fprintf(&sb, `
resource "floor_item" "s%04d" {
  name   = "schema_%04d"
  parent = floor_item.c%04d.id
  kind   = "schema"
  value  = %q
}
`, i, i, i, v)
	}
	return sb.String()
}

// schemaOnlyConfig is the schema configs alone: one block per connection,
// whose connection_id is the literal id of a connection the pipeline created
// (ids[i]), of resource type typ (fivetran_connection_schema, or
// floorshape_connection_schema for the same-shape floor). baseline are the
// choices after the pipeline's applied change; changed re-blocks the column
// that change unblocked (connection 0), so the one change is a real one.
func schemaOnlyConfig(typ string, ids []string, tables int, changed bool) string {
	var sb strings.Builder
	provider := "fivetran"
	if strings.HasPrefix(typ, "floorshape_") {
		provider = "floorshape"
	}
	fmt.Fprintf(&sb, "terraform {\n  required_providers {\n    %s = { source = \"openpipes/%s\" }\n  }\n}\n\nprovider %q {}\n", provider, provider, provider)
	for i, id := range ids {
		block := schemaPlug.Block(i, fmt.Sprintf("%q", id), schemaChoicesFor(i, tables, !changed))
		sb.WriteString("\n")
		sb.WriteString(strings.Replace(block, `resource "`+schemaPlug.ResourceType+`"`, `resource "`+typ+`"`, 1))
	}
	return sb.String()
}

// schemaOnlyFloorConfig: N floor_items with no graph, one per schema config.
func schemaOnlyFloorConfig(n int, changed bool) string {
	var sb strings.Builder
	sb.WriteString("terraform {\n  required_providers {\n    floor = { source = \"openpipes/floor\" }\n  }\n}\n")
	for i := 0; i < n; i++ {
		v := "blocked"
		if !changed && i == 0 {
			v = "enabled"
		}
		fmt.Fprintf(&sb, "\nresource \"floor_item\" \"s%04d\" {\n  name  = \"schema_%04d\"\n  kind  = \"schema\"\n  value = %q\n}\n", i, i, v)
	}
	return sb.String()
}

// connectionIDs reads the ids of fivetran_connection.c0000… from a state file.
func connectionIDs(dir string, n int) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		return nil, err
	}
	var st struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Attributes struct {
					ID string `json:"id"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, err
	}
	ids := make([]string, n)
	for _, r := range st.Resources {
		var i int
		if r.Type != "fivetran_connection" || len(r.Instances) != 1 {
			continue
		}
		if _, err := fmt.Sscanf(r.Name, "c%04d", &i); err == nil && i < n {
			ids[i] = r.Instances[0].Attributes.ID
		}
	}
	for i, id := range ids {
		if id == "" {
			return nil, fmt.Errorf("no id for fivetran_connection.c%04d in the state", i)
		}
	}
	return ids, nil
}

// stepFloorInTurns is the floor's no-change plan run in turns with another
// configuration's (schemaOnly with a pair).
const stepFloorInTurns step = "floor plan, in turns"

// stepPlanSchemaOnChange is the pipeline's no-change plan with the provider
// setting schema_refresh = "on_change": no schema config is read.
const stepPlanSchemaOnChange step = "plan (no change), schema_refresh = \"on_change\""

// pairedPlans is how many times the no-change plan of the schema configs
// alone runs, each right after the floor's (schemaOnly with a pair). Odd, so
// that the median is one of the pairs.
const pairedPlans = 5

// schemaOnly runs the schema configs alone in the directory name (left in
// place when keep, for a later pairing), writing config(changed): apply, the
// no-change plan twice, the one-change plan and its apply. With pair (the
// floor's directory of the schema configs alone, already applied), the
// no-change plan runs pairedPlans times instead, each right after the
// floor's no-change plan in pair (a ratio of two runs a minute apart is
// noise on a shared machine; of adjacent runs, much less): every completed
// pair is returned, sorted by ratio, and ours of the median pair is the
// no-change plan kept. Without a pair, of each plan the run with the least
// provider CPU is kept.
func (b *bench) schemaOnly(name string, config func(changed bool) string, pair string, keep, profile bool) (map[step]*cmdResult, [][2]*cmdResult) {
	steps := map[step]*cmdResult{}
	var pairs [][2]*cmdResult
	dir := filepath.Join(b.work, name)
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal(err)
	}
	if !b.keep && !keep {
		defer func() { _ = os.RemoveAll(dir) }()
	}
	write := func(changed bool) {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(changed)), 0o644); err != nil {
			fatal(err)
		}
	}
	write(false)
	fmt.Printf("\n== %s (schema configs alone), load %s\n", name, loadAvg())
	common := []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)}
	sc := &scenario{Kind: name}
	do := func(st step, want int, args ...string) *cmdResult {
		res := b.runSchemaStep(sc, dir, name, st, want, args...)
		steps[st] = res
		return res
	}
	if do(stepApply, 0, append([]string{"apply", "-auto-approve"}, common...)...).Completed {
		plan := append([]string{"plan", "-detailed-exitcode"}, common...)
		runs := 2
		if pair != "" {
			runs = pairedPlans
		}
		var best *cmdResult
		for i := 0; i < runs; i++ {
			if pair != "" {
				f := b.runSchemaStep(sc, pair, name, stepFloorInTurns, 0, plan...)
				if o := do(stepPlan, 0, plan...); o.Completed && f.Completed {
					pairs = append(pairs, [2]*cmdResult{o, f})
				}
				continue
			}
			best = leastCPU(best, do(stepPlan, 0, plan...))
		}
		if pair != "" {
			if pairs = byRatio(pairs); len(pairs) > 0 {
				best = pairs[middle(len(pairs))][0]
			}
		}
		if best != nil {
			steps[stepPlan] = best
		}
		write(true)
		if do(stepPlanChange, 2, append([]string{"plan", "-detailed-exitcode"}, common...)...).Completed {
			do(stepApplyChange, 0, append([]string{"apply", "-auto-approve"}, common...)...)
		}
		if profile {
			// Diagnostic, not a measured figure: a no-change plan with the
			// profiling build, summarised in the section. Last, because the
			// profiling providers' exit (writing their profiles) made the
			// plan measured right after them cost a quarter more CPU.
			b.profilePlan(sc, dir, common)
		}
	}
	return steps, pairs
}

// middle is the index of the median of n sorted values (the lower middle
// one of an even count).
func middle(n int) int { return (n - 1) / 2 }

// pairRatio is a pair's (ours, floor) ratio of wall time (cpu false) or of
// provider CPU (cpu true).
func pairRatio(p [2]*cmdResult, cpu bool) float64 {
	if cpu {
		return p[0].CPU.Seconds() / p[1].CPU.Seconds()
	}
	return p[0].Wall.Seconds() / p[1].Wall.Seconds()
}

// byRatio is pairs sorted by wall-time ratio: the median pair is the middle
// one (the lower middle one of an even count).
func byRatio(pairs [][2]*cmdResult) [][2]*cmdResult {
	sorted := slices.Clone(pairs)
	slices.SortStableFunc(sorted, func(a, b [2]*cmdResult) int { return cmp.Compare(pairRatio(a, false), pairRatio(b, false)) })
	return sorted
}

// medianRatio is the median of the pairs' wall-time (cpu false) or
// provider-CPU (cpu true) ratios, each sorted on its own; 0 for no pairs.
func medianRatio(pairs [][2]*cmdResult, cpu bool) float64 {
	if len(pairs) == 0 {
		return 0
	}
	q := make([]float64, len(pairs))
	for i, p := range pairs {
		q[i] = pairRatio(p, cpu)
	}
	slices.Sort(q)
	return q[middle(len(q))]
}

// leastCPU is whichever completed run used less provider CPU (a when b is
// nil).
func leastCPU(a, b *cmdResult) *cmdResult {
	if a == nil || (b != nil && b.Completed && (!a.Completed || b.CPU < a.CPU)) {
		return b
	}
	return a
}

// runSchemaStep runs one Terraform command of a schema-config scenario and
// checks its exit code (and, for the one-change plan, that it plans exactly
// one change).
func (b *bench) runSchemaStep(sc *scenario, dir, name string, st step, want int, args ...string) *cmdResult {
	res := b.tf(dir, name+"-"+strings.ReplaceAll(string(st), " ", "-"), "main", nil, args...)
	res.check(st, want)
	fmt.Printf("  %-17s %7.2fs  provider peak %6.1f MB, cpu %5.2fs; terraform cpu %5.2fs; bench cpu %5.2fs; %5d API calls  %s\n",
		st, res.Wall.Seconds(), float64(res.PeakKB)/1024, res.CPU.Seconds(), (res.TotalCPU - res.CPU).Seconds(), res.SelfCPU.Seconds(), len(res.Requests), res.Summary)
	if res.Failed != "" {
		b.fail(sc, string(st), res)
	}
	return res
}

func (b *bench) runSchema(n int, tableCounts []int, mdPath string) {
	b.schemaProfileTables = slicesMax(tableCounts)
	if schemaPlug == nil {
		msg := "The schema-config benchmark is not yet runnable: the schema-config resource and the emulator's synthetic source " +
			"are not plugged in (see bench/schema_plug.go)."
		fmt.Println(msg)
		if mdPath != "" {
			if err := replaceSection(mdPath, schemaBegin, schemaEnd, "## Schema config\n\n"+msg+"\n"); err != nil {
				fatal(err)
			}
		}
		return
	}
	t0 := time.Now()
	var runs []*schemaRun
	floor := b.schemaScenario(n, 0)
	// The same-shape floor: the schema configs alone as
	// floorshape_connection_schema (the resource's own schema, no code, no
	// API; connection ids are only strings to it).
	shape := &schemaRun{Tables: -1, Load: loadAvg()}
	fake := make([]string, n)
	for i := range fake {
		fake[i] = fmt.Sprintf("conn_%04d", i)
	}
	shape.Only, shape.Pairs = b.schemaOnly(fmt.Sprintf("schema-shape-%d", n), func(changed bool) string {
		return schemaOnlyConfig("floorshape_connection_schema", fake, slices.Min(tableCounts), changed)
	}, b.floorAlone, false, false)
	for _, t := range tableCounts {
		runs = append(runs, b.schemaScenario(n, t))
	}
	if !b.keep && b.floorAlone != "" {
		_ = os.RemoveAll(b.floorAlone)
	}
	md := b.schemaMarkdown(n, floor, shape, runs, time.Since(t0))
	fmt.Print("\n" + md)
	if mdPath != "" {
		if err := replaceSection(mdPath, schemaBegin, schemaEnd, md); err != nil {
			fatal(err)
		}
		fmt.Printf("\nwrote the schema section of %s\n", mdPath)
	}
}

// schemaScenario runs one configuration: tables == 0 is the floor.
func (b *bench) schemaScenario(n, tables int) *schemaRun {
	t0 := time.Now()
	run := &schemaRun{Tables: tables, Steps: map[step]*cmdResult{}}
	name := fmt.Sprintf("schema-%d-%d", n, tables)
	if tables == 0 {
		name = fmt.Sprintf("schema-floor-%d", n)
	} else {
		opts := emulator.Options{APIKey: apiKey, APISecret: apiSecret, Seed: 1}
		schemaPlug.Emulator(&opts, tables, schemaColumns)
		em, err := emulator.Start(opts)
		if err != nil {
			fatal(err)
		}
		old := b.em
		b.em = em
		defer func() { b.em.Close(); b.em = old }()
	}
	dir := filepath.Join(b.work, name)
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fatal(err)
	}
	write := func(changed bool) {
		cfg := schemaFloorConfig(n, changed)
		if tables > 0 {
			cfg = b.schemaConfig(n, tables, changed)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644); err != nil {
			fatal(err)
		}
	}
	write(false)
	run.Load = loadAvg()
	fmt.Printf("\n== %s: %d connections, %d tables of %d columns each, load %s\n", name, n, tables, schemaColumns, run.Load)
	common := []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)}
	sc := &scenario{Kind: name, N: n}
	do := func(st step, want int, args ...string) *cmdResult {
		res := b.runSchemaStep(sc, dir, name, st, want, args...)
		run.Steps[st] = res
		return res
	}
	if do(stepApply, 0, append([]string{"apply", "-auto-approve"}, common...)...).Completed {
		run.StateSize, run.PerInst = schemaStateSize(dir, schemaPlug.ResourceType, tables == 0)
		// The no-change plan twice, keeping the one with less provider CPU
		// (steadier than wall time under load): the pipeline's growth line
		// compares two single figures, and one run on a shared machine is
		// noisy.
		plan := append([]string{"plan", "-detailed-exitcode"}, common...)
		run.Steps[stepPlan] = leastCPU(do(stepPlan, 0, plan...), do(stepPlan, 0, plan...))
		if tables > 0 {
			base := b.schemaConfig(n, tables, false)
			cfg := strings.Replace(base, "provider \"fivetran\" {}", "provider \"fivetran\" {\n  schema_refresh = \"on_change\"\n}", 1)
			if cfg == base {
				fatal(fmt.Errorf("schema benchmark: no empty provider block to set schema_refresh in"))
			}
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o644); err != nil {
				fatal(err)
			}
			do(stepPlanSchemaOnChange, 0, plan...)
		}
		write(true)
		if do(stepPlanChange, 2, append([]string{"plan", "-detailed-exitcode"}, common...)...).Completed &&
			do(stepApplyChange, 0, append([]string{"apply", "-auto-approve"}, common...)...).Completed {
			// The schema configs alone, for the connections the pipeline
			// made (still in the emulator), from the pipeline's last choices.
			if tables == 0 {
				// Kept (and left at its last configuration, which plans no
				// change) for the floor's plans paired with the others'.
				run.Only, _ = b.schemaOnly(name+"-alone", func(changed bool) string { return schemaOnlyFloorConfig(n, changed) }, "", true, false)
				if run.Only[stepApplyChange] != nil && run.Only[stepApplyChange].Completed {
					b.floorAlone = filepath.Join(b.work, name+"-alone")
				}
			} else if ids, err := connectionIDs(dir, n); err != nil {
				b.fail(sc, "schema configs alone", &cmdResult{Failed: err.Error()})
			} else {
				run.Only, run.Pairs = b.schemaOnly(name+"-alone", func(changed bool) string {
					return schemaOnlyConfig(schemaPlug.ResourceType, ids, tables, changed)
				}, b.floorAlone, false, tables == b.schemaProfileTables)
			}
		}
	}
	run.Wall = time.Since(t0)
	if !b.keep {
		_ = os.RemoveAll(dir)
	}
	return run
}

// schemaStateSize: the state file's bytes and the mean compact size of one
// schema-config instance (the floor: of one schema item).
func schemaStateSize(dir, typ string, floor bool) (int64, float64) {
	data, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		return 0, 0
	}
	var st struct {
		Resources []struct {
			Type      string            `json:"type"`
			Name      string            `json:"name"`
			Instances []json.RawMessage `json:"instances"`
		} `json:"resources"`
	}
	if json.Unmarshal(data, &st) != nil {
		return int64(len(data)), 0
	}
	var total, count int
	for _, r := range st.Resources {
		if (floor && !strings.HasPrefix(r.Name, "s")) || (!floor && r.Type != typ) {
			continue
		}
		for _, in := range r.Instances {
			var buf bytes.Buffer
			if json.Compact(&buf, in) == nil {
				total += buf.Len() + len(r.Type) + len(r.Name) + 60
				count++
			}
		}
	}
	if count == 0 {
		return int64(len(data)), 0
	}
	return int64(len(data)), float64(total) / float64(count)
}

// isSchemaGET is a read of a connection's whole schema config.
func isSchemaGET(route string) bool {
	return strings.HasPrefix(route, "GET ") && strings.HasSuffix(route, "/schemas")
}

func (b *bench) schemaMarkdown(n int, floor, shape *schemaRun, runs []*schemaRun, total time.Duration) string {
	var md strings.Builder
	g := groupsFor(n)
	resources := 2*g + 2*n
	tl := make([]string, len(runs))
	for i, r := range runs {
		tl[i] = fmt.Sprint(r.Tables)
	}
	label := func(r *schemaRun) string {
		switch r.Tables {
		case 0:
			return "floor"
		case -1:
			return "same-shape floor"
		}
		return fmt.Sprint(r.Tables)
	}
	tfCPU := func(res *cmdResult) string {
		if res == nil || !res.Completed {
			return "–"
		}
		return fmt.Sprintf("%.2f", (res.TotalCPU - res.CPU).Seconds())
	}
	fmt.Fprintf(&md, "## Schema config\n\n")
	fmt.Fprintf(&md, "Generated by `go run ./bench -terraform .tools/bin/terraform -schema -schema-n %d -schema-tables %s` on %s (%s, %s; %s in all): "+
		"%d connections, sources of T = %s tables of %d columns, one `%s` per connection managing %d tables and %d columns; "+
		"the pipeline is %d resources; %d paired no-change plans per T. How it is measured: \"Method\" above.\n\n",
		n, strings.Join(tl, ","), b.started.UTC().Format("2006-01-02 15:04 MST"), machine(), b.tfVersion, total.Round(time.Second),
		n, strings.Join(tl, ", "), schemaColumns, schemaPlug.ResourceType, schemaManagedTables, schemaManagedTables*schemaManagedColumns,
		resources, pairedPlans)
	// paired: the table of the schema configs alone, whose no-change plans
	// are compared with the floor's run in turns with them.
	table := func(title string, rows []*schemaRun, steps func(*schemaRun) map[step]*cmdResult, base *schemaRun, paired bool) {
		fmt.Fprintf(&md, "### %s\n\n", title)
		fmt.Fprintf(&md, "| tables per connection | step | wall s | ratio to floor | provider CPU s | Terraform CPU s | provider peak MB | API calls | by route | load |\n")
		fmt.Fprintf(&md, "|---:|---|---:|---:|---:|---:|---:|---:|---|---|\n")
		for _, r := range rows {
			for _, st := range []step{stepApply, stepPlan, stepPlanSchemaOnChange, stepPlanChange, stepApplyChange} {
				res := steps(r)[st]
				if res == nil {
					continue
				}
				q := "–"
				if f := steps(base)[st]; f != nil && f.Completed && res.Completed {
					q = ratio(res.Wall.Seconds(), f.Wall.Seconds())
				}
				routes := "–"
				if r.Tables > 0 {
					routes = byRoute(res.Requests)
				}
				if pf := r.pairedFloor(); paired && st == stepPlan && pf != nil && res.Completed {
					q = ratio(res.Wall.Seconds(), pf.Wall.Seconds())
				}
				fmt.Fprintf(&md, "| %s | %s | %s | %s | %s | %s | %s | %d | %s | %s |\n", label(r), st, secs(res), q, cpuStr(res), tfCPU(res), mb(res.PeakKB), len(res.Requests), routes, res.Load)
				if pf := r.pairedFloor(); paired && st == stepPlan && pf != nil {
					fmt.Fprintf(&md, "| floor, in turns with %s | %s | %s | 1.00× | %s | %s | %s | 0 | – | %s |\n", label(r), st, secs(pf), cpuStr(pf), tfCPU(pf), mb(pf.PeakKB), pf.Load)
				}
			}
		}
		md.WriteString("\n")
	}
	pipeline := func(r *schemaRun) map[step]*cmdResult { return r.Steps }
	alone := func(r *schemaRun) map[step]*cmdResult { return r.Only }
	table("The schema configs alone", append([]*schemaRun{floor, shape}, runs...), alone, floor, true)
	table("The pipeline", append([]*schemaRun{floor}, runs...), pipeline, floor, false)
	all := append([]*schemaRun{floor}, runs...)
	fmt.Fprintf(&md, "| tables per connection | state file (pipeline) | per connection | one schema-config instance (compact JSON) |\n|---:|---:|---:|---:|\n")
	for _, r := range all {
		fmt.Fprintf(&md, "| %s | %d B | %.0f B | %.0f B |\n", label(r), r.StateSize, float64(r.StateSize)/float64(n), r.PerInst)
	}

	fmt.Fprintf(&md, "\n### Budgets\n\n")
	budget := func(ok bool, name, format string, args ...any) {
		fmt.Fprintf(&md, "- **%s** %s — %s\n", verdict(ok), name, fmt.Sprintf(format, args...))
	}
	info := func(name, format string, args ...any) {
		fmt.Fprintf(&md, "- *information* %s — %s\n", name, fmt.Sprintf(format, args...))
	}
	completed := func(rs ...*cmdResult) bool {
		for _, r := range rs {
			if r == nil || !r.Completed {
				return false
			}
		}
		return true
	}
	for _, r := range runs {
		for _, which := range []struct {
			name  string
			steps map[step]*cmdResult
			alone bool
		}{{"schema configs alone", r.Only, true}, {"pipeline", r.Steps, false}} {
			for _, st := range []step{stepPlan, stepPlanChange} {
				res := which.steps[st]
				if !completed(res) {
					continue
				}
				c := routeCounts(res.Requests)
				gets := 0
				var other []string
				for route, k := range c {
					switch {
					case isSchemaGET(route):
						gets += k
					case strings.Contains(route, "/schemas") || which.alone:
						other = append(other, fmt.Sprintf("%s %d", route, k))
					}
				}
				sort.Strings(other)
				rep, ex := repeats(res.Requests)
				ok := gets == n && len(other) == 0 && rep == 0
				budget(ok, "API: refresh = one schema GET per connection", "T=%d, %s, %s: %d schema GETs for %d connections; other %s: %s; repeated calls: %d %v",
					r.Tables, which.name, st, gets, n, map[bool]string{true: "calls", false: "schema calls"}[which.alone], orNone(other), rep, ex)
			}
		}
		if r.StateSize > 0 {
			per := float64(r.StateSize) / float64(n)
			budget(per < schemaStateBytes && r.PerInst < schemaStateBytes, "Size: state < 20 KB per connection",
				"T=%d: %.0f B per connection in the pipeline's file (connections, groups and destinations included), %.0f B per schema-config instance", r.Tables, per, r.PerInst)
		}
		f := floor.Only[stepPlan]
		if pf := r.pairedFloor(); pf != nil {
			f = pf
		}
		if res := r.Only[stepPlan]; completed(res, f) {
			q := res.Wall.Seconds() / f.Wall.Seconds()
			budget(q <= schemaPlanRatio, "Time: no-change plan ≤ 3× the floor (same number of resources)",
				"T=%d, schema configs alone, the median pair: %.2fs vs floor %.2fs = %.2f×; provider CPU %.2fs vs %.2fs, Terraform CPU %s s vs %s s, "+
					"the benchmark's own (the emulator and the process watcher) %.2fs vs %.2fs (load %s / %s); every pair: %s",
				r.Tables, res.Wall.Seconds(), f.Wall.Seconds(), q, res.CPU.Seconds(), f.CPU.Seconds(), tfCPU(res), tfCPU(f),
				res.SelfCPU.Seconds(), f.SelfCPU.Seconds(), res.Load, f.Load, ratioList(r.Pairs))
		}
		if res, all := r.Steps[stepPlanSchemaOnChange], r.Steps[stepPlan]; completed(res, all) {
			gets := 0
			for route, k := range routeCounts(res.Requests) {
				if isSchemaGET(route) {
					gets += k
				}
			}
			info("API: the pipeline's no-change plan with schema_refresh = \"on_change\"", "T=%d: %d requests (%d schema-config GETs) against %d with the default; %.2fs against %.2fs",
				r.Tables, len(res.Requests), gets, len(all.Requests), res.Wall.Seconds(), all.Wall.Seconds())
		}
		if res, f := r.Steps[stepPlan], floor.Steps[stepPlan]; completed(res, f) {
			info("Time: the pipeline's no-change plan against its floor", "T=%d: %.2fs vs %.2fs = %.2f× (%d resources each; includes the connections' own cost)",
				r.Tables, res.Wall.Seconds(), f.Wall.Seconds(), res.Wall.Seconds()/f.Wall.Seconds(), resources)
		}
	}
	shapeFloor := floor.Only[stepPlan]
	if pf := shape.pairedFloor(); pf != nil {
		shapeFloor = pf
	}
	if s, f := shape.Only[stepPlan], shapeFloor; completed(s, f) {
		info("The framework's and Terraform's price of the shape", "same-shape floor's no-change plan, the median pair: %.2fs vs floor %.2fs = %.2f×; provider CPU %.2fs vs %.2fs; Terraform CPU %s s vs %s s; every pair: %s",
			s.Wall.Seconds(), f.Wall.Seconds(), s.Wall.Seconds()/f.Wall.Seconds(), s.CPU.Seconds(), f.CPU.Seconds(), tfCPU(s), tfCPU(f), ratioList(shape.Pairs))
		// Ours: the provider's CPU over the floor's plan just before it,
		// against the same-shape floor's over its own (medians of the
		// pairs): seconds measured minutes apart differ by the machine's
		// drift, these ratios much less.
		if sq := medianRatio(shape.Pairs, true); sq > 0 {
			for _, r := range runs {
				if oq := medianRatio(r.Pairs, true); oq > 0 {
					info("Ours", "T=%d: the provider's CPU in the no-change plan is %.2f× the floor's (median of the pairs), the same-shape floor's %.2f×: "+
						"the resource's own work is %+.0f %% of the framework's price of the shape", r.Tables, oq, sq, 100*(oq/sq-1))
				}
			}
		}
	}
	if len(runs) >= 2 {
		lo, hi := runs[0], runs[len(runs)-1]
		growth := func(a, z *cmdResult) (float64, float64) {
			return z.Wall.Seconds() / a.Wall.Seconds(), z.CPU.Seconds() / a.CPU.Seconds()
		}
		if a, z := lo.Only[stepPlan], hi.Only[stepPlan]; completed(a, z) {
			qw, qc := growth(a, z)
			if len(lo.Pairs) > 0 && len(hi.Pairs) > 0 {
				// Each T's plans over the floor's run just before each: the
				// machine's speed drifts between the two sections (the
				// floor's own plan has differed by a quarter), the ratios
				// much less. Medians of the pairs' ratios, wall and CPU each.
				lw, hw := medianRatio(lo.Pairs, false), medianRatio(hi.Pairs, false)
				lc, hc := medianRatio(lo.Pairs, true), medianRatio(hi.Pairs, true)
				fa, fz := lo.pairedFloor(), hi.pairedFloor()
				budget(hw/lw <= schemaGrowthTolerance && hc/lc <= schemaGrowthTolerance, "Time: no growth of the no-change plan with unmanaged tables",
					"schema configs alone, T=%d vs T=%d (%d vs %d unmanaged tables per connection), medians of the ratios to the floor's plan just before each: "+
						"wall %.2f× vs %.2f× = %.2f×, provider CPU %.2f× vs %.2f× = %.2f× (tolerance %.2f×). Unpaired, the median pairs: wall %.2fs vs %.2fs = %.2f×, "+
						"provider CPU %.2fs vs %.2fs = %.2f×, while the floor's own plan went from %.2fs to %.2fs (load %s / %s)",
					hi.Tables, lo.Tables, hi.Tables-schemaManagedTables, max(0, lo.Tables-schemaManagedTables),
					hw, lw, hw/lw, hc, lc, hc/lc, schemaGrowthTolerance,
					z.Wall.Seconds(), a.Wall.Seconds(), qw, z.CPU.Seconds(), a.CPU.Seconds(), qc, fa.Wall.Seconds(), fz.Wall.Seconds(), z.Load, a.Load)
			} else {
				budget(qw <= schemaGrowthTolerance && qc <= schemaGrowthTolerance, "Time: no growth of the no-change plan with unmanaged tables",
					"schema configs alone, T=%d vs T=%d (%d vs %d unmanaged tables per connection): wall %.2fs vs %.2fs = %.2f×, provider CPU %.2fs vs %.2fs = %.2f× (tolerance %.2f×; load %s / %s)",
					hi.Tables, lo.Tables, hi.Tables-schemaManagedTables, max(0, lo.Tables-schemaManagedTables), z.Wall.Seconds(), a.Wall.Seconds(), qw,
					z.CPU.Seconds(), a.CPU.Seconds(), qc, schemaGrowthTolerance, z.Load, a.Load)
			}
		}
		if a, z := lo.Steps[stepPlan], hi.Steps[stepPlan]; completed(a, z) {
			qw, qc := growth(a, z)
			info("Growth in the pipeline", "T=%d vs T=%d: wall %.2fs vs %.2fs = %.2f×, provider CPU %.2fs vs %.2fs = %.2f× (load %s / %s)",
				hi.Tables, lo.Tables, z.Wall.Seconds(), a.Wall.Seconds(), qw, z.CPU.Seconds(), a.CPU.Seconds(), qc, z.Load, a.Load)
		}
	}
	if p := b.profile; p != nil {
		fmt.Fprintf(&md, "\n### Profile: no-change plan of the schema configs alone at T=%d\n\n", b.schemaProfileTables)
		fmt.Fprintf(&md, "%.2fs of wall time with the profiling build; %d provider processes, "+
			"CPU samples %s; through our packages (`%s`): %s. Profiles in `%s`.\n\n", p.Wall.Seconds(), p.Files, p.CPUTotal, oursRegex, p.CPUShare, relPath(b.root, p.Dir))
		fmt.Fprintf(&md, "CPU, cumulative (top 30):\n\n```\n%s\n```\n\nCPU, cumulative, only stacks through our packages:\n\n```\n%s\n```\n", p.CPUCum, p.CPUOurs)
		if p.MemTop != "" {
			fmt.Fprintf(&md, "\nAllocations (alloc_space), flat (top 20):\n\n```\n%s\n```\n", p.MemTop)
		}
	}
	return md.String()
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

// ratioList is the pairs' wall-time ratios, "2.61×, 2.70×, …" ("none"
// when there are none).
func ratioList(pairs [][2]*cmdResult) string {
	if len(pairs) == 0 {
		return "none"
	}
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = fmt.Sprintf("%.2f×", pairRatio(p, false))
	}
	return strings.Join(out, ", ")
}

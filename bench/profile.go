package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

const oursRegex = `terraform-provider-fivetran/internal/`

type profileResult struct {
	N        int
	Wall     time.Duration
	Files    int
	CPUTop   string // flat, whole profile
	CPUCum   string // cumulative, whole profile
	CPUOurs  string // cumulative, stacks through our packages
	MemTop   string // alloc_space flat
	MemOurs  string // alloc_space, stacks through our packages
	CPUTotal string // "x s" of all samples
	CPUShare string // header line of the focused view
	MemShare string
	Dir      string
}

// profilePlan repeats the no-change plan with the profiling build of the
// provider (bench/profprovider: the same provider.New, with a CPU profile for
// each provider process's whole life and an allocation profile at its exit),
// then summarises the merged profiles with go tool pprof.
func (b *bench) profilePlan(sc *scenario, dir string, common []string) {
	pdir := filepath.Join(b.out, "profile")
	// Only this plan's provider processes: profiles of an earlier run would
	// be merged with them.
	_ = os.RemoveAll(pdir)
	if err := os.MkdirAll(pdir, 0o755); err != nil {
		fatal(err)
	}
	label := fmt.Sprintf("%s-%d-%s-profiled-plan", sc.Kind, sc.N, sc.Latency)
	res := b.tf(dir, label, "prof", []string{"BENCH_PROFILE_DIR=" + pdir}, append([]string{"plan", "-detailed-exitcode"}, common...)...)
	fmt.Printf("  %-17s %7.2fs  (profiling build; not a measured figure)  %s\n", "profiled plan", res.Wall.Seconds(), res.Summary)
	if res.ExitCode != 0 {
		res.Failed = fmt.Sprintf("exit code %d, want 0", res.ExitCode)
		b.fail(sc, "profiled plan", res)
		return
	}
	cpu, _ := filepath.Glob(filepath.Join(pdir, "cpu-*.pprof"))
	mem, _ := filepath.Glob(filepath.Join(pdir, "allocs-*.pprof"))
	p := &profileResult{N: sc.N, Wall: res.Wall, Files: len(cpu), Dir: pdir}
	if len(cpu) == 0 {
		b.failures = append(b.failures, "profiled plan wrote no CPU profile")
		return
	}
	bin := b.bins["prof"]
	pp := func(files []string, args ...string) string {
		all := append(append([]string{"tool", "pprof"}, args...), bin)
		out, err := exec.CommandContext(context.Background(), "go", append(all, files...)...).CombinedOutput()
		if err != nil {
			return fmt.Sprintf("go tool pprof failed: %v\n%s", err, out)
		}
		return trimPprof(string(out))
	}
	p.CPUTop = pp(cpu, "-top", "-nodecount=25")
	p.CPUCum = pp(cpu, "-top", "-cum", "-nodecount=30")
	p.CPUOurs = pp(cpu, "-top", "-cum", "-nodecount=25", "-focus="+oursRegex)
	p.CPUTotal = headerTotal(p.CPUTop)
	// The focused view's header, with every node shown, is the share of
	// samples whose stacks pass through our packages.
	p.CPUShare = headerLine(pp(cpu, "-top", "-nodecount=100000", "-focus="+oursRegex))
	if len(mem) > 0 {
		p.MemTop = pp(mem, "-sample_index=alloc_space", "-top", "-nodecount=20")
		p.MemOurs = pp(mem, "-sample_index=alloc_space", "-top", "-cum", "-nodecount=20", "-focus="+oursRegex)
		p.MemShare = headerLine(pp(mem, "-sample_index=alloc_space", "-top", "-nodecount=100000", "-focus="+oursRegex))
	}
	b.profile = p
	fmt.Printf("  profile: %d provider processes, %s of CPU samples; ours: %s\n", len(cpu), p.CPUTotal, p.CPUShare)
}

// trimPprof drops pprof's preamble lines (File, Build ID, Type, Time) and
// keeps the header and the table.
func trimPprof(s string) string {
	var keep []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if strings.HasPrefix(l, "File: ") || strings.HasPrefix(l, "Build ID: ") || strings.HasPrefix(l, "Time: ") ||
			strings.HasPrefix(l, "Duration: ") || strings.HasPrefix(l, "Type: ") || strings.HasPrefix(l, "Main binary") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

var showingRe = regexp.MustCompile(`Showing nodes accounting for ([^,]+), ([0-9.]+%) of ([^ ]+) total`)

func headerLine(s string) string {
	if m := showingRe.FindStringSubmatch(s); m != nil {
		return m[0]
	}
	return "?"
}

func headerTotal(s string) string {
	if m := showingRe.FindStringSubmatch(s); m != nil {
		return m[3]
	}
	return "?"
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// procWatch samples, every pollInterval while a Terraform command runs, every
// process whose executable is one of the benchmark's provider binaries (and
// the Terraform process itself), reading VmHWM (the kernel's record of the
// process's peak resident set) and utime+stime from /proc. VmHWM never
// decreases, so the last sample before a process exits is its peak up to
// what it grew in its last pollInterval. This measures the real, unmodified
// provider binary (go-plugin needs the provider's own stdout handshake, so
// nothing is wrapped around it), and catches every provider process Terraform
// starts during one command (it starts several: schema, validate, plan).
const pollInterval = 50 * time.Millisecond

type procSample struct {
	hwmKB    int64
	cpuTicks int64
}

type procWatch struct {
	targets map[string]bool // resolved executable paths
	tfPID   int
	tfExe   string

	mu      sync.Mutex
	samples map[int]procSample // provider processes
	tf      procSample
	seen    map[int]bool // pid -> is a target (cache for this command)
	stop    chan struct{}
	done    chan struct{}
}

func newProcWatch(targets []string) *procWatch {
	w := &procWatch{targets: map[string]bool{}, samples: map[int]procSample{}, seen: map[int]bool{},
		stop: make(chan struct{}), done: make(chan struct{})}
	for _, t := range targets {
		if t == "" {
			continue // a binary this run did not build
		}
		if r, err := filepath.EvalSymlinks(t); err == nil {
			t = r
		}
		w.targets[t] = true
	}
	return w
}

func (w *procWatch) start(tfPID int) {
	w.tfPID = tfPID
	w.tfExe, _ = os.Readlink("/proc/" + strconv.Itoa(tfPID) + "/exe")
	go func() {
		defer close(w.done)
		t := time.NewTicker(pollInterval)
		defer t.Stop()
		for {
			w.scan()
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
}

// finish stops sampling and returns the largest provider peak (KB), the
// provider processes' CPU time summed, how many provider processes were seen,
// and Terraform's own peak (KB).
func (w *procWatch) finish() (peakKB int64, cpu time.Duration, procs int, tfPeakKB int64) {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	var ticks int64
	for _, s := range w.samples {
		peakKB = max(peakKB, s.hwmKB)
		ticks += s.cpuTicks
	}
	return peakKB, time.Duration(ticks) * time.Second / clockTicks, len(w.samples), w.tf.hwmKB
}

const clockTicks = 100 // USER_HZ on Linux

func (w *procWatch) scan() {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if pid == w.tfPID {
			if s, ok := readProc(pid); ok {
				w.mu.Lock()
				w.tf = maxSample(w.tf, s)
				w.mu.Unlock()
			}
			continue
		}
		isTarget, known := w.seen[pid]
		if !known {
			exe, err := os.Readlink("/proc/" + e.Name() + "/exe")
			isTarget = err == nil && w.targets[exe]
			// Cache the answer, except for a child of Terraform caught between
			// fork and exec (it still runs Terraform's executable and may
			// become a provider a moment later).
			if err == nil && (isTarget || exe != w.tfExe) {
				w.seen[pid] = isTarget
			}
		}
		if !isTarget {
			continue
		}
		if s, ok := readProc(pid); ok {
			w.mu.Lock()
			w.samples[pid] = maxSample(w.samples[pid], s)
			w.mu.Unlock()
		}
	}
}

func maxSample(a, b procSample) procSample {
	return procSample{hwmKB: max(a.hwmKB, b.hwmKB), cpuTicks: max(a.cpuTicks, b.cpuTicks)}
}

func readProc(pid int) (procSample, bool) {
	var s procSample
	p := "/proc/" + strconv.Itoa(pid)
	status, err := os.ReadFile(p + "/status")
	if err != nil {
		return s, false
	}
	for _, line := range bytes.Split(status, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			f := strings.Fields(string(v))
			if len(f) > 0 {
				s.hwmKB, _ = strconv.ParseInt(f[0], 10, 64)
			}
		}
	}
	stat, err := os.ReadFile(p + "/stat")
	if err == nil {
		// Fields after the command name (which may hold spaces) in parentheses:
		// state is field 3, utime 14, stime 15.
		if i := bytes.LastIndexByte(stat, ')'); i > 0 {
			f := strings.Fields(string(stat[i+1:]))
			if len(f) > 12 {
				u, _ := strconv.ParseInt(f[11], 10, 64)
				st, _ := strconv.ParseInt(f[12], 10, 64)
				s.cpuTicks = u + st
			}
		}
	}
	return s, true
}

package main

import (
	"testing"
	"time"
)

func TestPairedRatios(t *testing.T) {
	run := func(wall, cpu float64) *cmdResult {
		return &cmdResult{Wall: time.Duration(wall * float64(time.Second)), CPU: time.Duration(cpu * float64(time.Second)), Completed: true}
	}
	pair := func(ours, floor float64) [2]*cmdResult { return [2]*cmdResult{run(ours, ours/2), run(floor, floor)} }
	// Wall ratios 3.0, 2.5, 2.0, 4.0, 2.8: the median pair has 2.8, not the
	// fastest run of ours (2.0 s) nor the fastest floor (0.5 s).
	pairs := [][2]*cmdResult{pair(3, 1), pair(2.5, 1), pair(2, 1), pair(2, 0.5), pair(2.8, 1)}
	sorted := byRatio(pairs)
	if got := ratioList(sorted); got != "2.00×, 2.50×, 2.80×, 3.00×, 4.00×" {
		t.Fatalf("sorted ratios: %s", got)
	}
	if mid := sorted[(len(sorted)-1)/2]; mid != pairs[4] {
		t.Fatalf("median pair: got %v over %v, want 2.8 s over 1 s", mid[0].Wall, mid[1].Wall)
	}
	if got := medianRatio(pairs, false); got != 2.8 {
		t.Fatalf("median wall ratio: got %v, want 2.8", got)
	}
	// CPU ratios are sorted on their own: 1.5, 1.25, 1.0, 2.0, 1.4.
	if got := medianRatio(pairs, true); got != 1.4 {
		t.Fatalf("median CPU ratio: got %v, want 1.4", got)
	}
	if medianRatio(nil, false) != 0 || ratioList(nil) != "none" {
		t.Fatal("no pairs: want 0 and none")
	}
}

package main

import (
	"slices"
	"testing"
	"time"
)

func TestMedianPair(t *testing.T) {
	run := func(s float64) *cmdResult {
		return &cmdResult{Wall: time.Duration(s * float64(time.Second)), Completed: true}
	}
	pair := func(ours, floor float64) [2]*cmdResult { return [2]*cmdResult{run(ours), run(floor)} }
	// Ratios 3.0, 2.5, 2.0, 4.0, 2.8: the median is the pair with 2.8, not
	// the fastest run of ours (2.0 s) nor the fastest floor (0.5 s).
	pairs := [][2]*cmdResult{pair(3, 1), pair(2.5, 1), pair(2, 1), pair(2, 0.5), pair(2.8, 1)}
	mid, ratios := medianPair(pairs)
	if mid[0] != pairs[4][0] || mid[1] != pairs[4][1] {
		t.Fatalf("median pair: got %v/%v, want the pair of ratio 2.8", mid[0].Wall, mid[1].Wall)
	}
	if want := []float64{2, 2.5, 2.8, 3, 4}; !slices.Equal(ratios, want) {
		t.Fatalf("ratios: got %v, want %v", ratios, want)
	}
	// An even count takes the lower middle one; none gives none.
	if mid, _ := medianPair(pairs[:2]); mid[0] != pairs[1][0] {
		t.Fatalf("even count: got %v, want the pair of ratio 2.5", mid[0].Wall)
	}
	if mid, ratios := medianPair(nil); mid[0] != nil || ratios != nil {
		t.Fatal("no pairs: want no pair and no ratios")
	}
}

package suggest

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	cands := []string{"host", "port", "database", "user", "password", "update_method", "WAL", "orders.2024"}
	orig := slices.Clone(cands)
	cases := []struct{ word, want string }{
		{"hots", "host"},        // a swap counts one
		{"HOST", "host"},        // case is ignored
		{"databse", "database"}, // a deletion
		{"updatemethod", "update_method"},
		{"wal", "WAL"},
		{"order.2024", "orders.2024"},
		{"xyz", ""}, // nothing close
		{"u", ""},   // a short word is not turned into an unrelated one
		{"", ""},
	}
	for _, c := range cases {
		if got := Closest(c.word, cands); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if got := Closest("cat", []string{"cut", "bat"}); got != "bat" {
		t.Errorf("a tie goes to the alphabetically first: %q", got)
	}
	if !slices.Equal(cands, orig) {
		t.Errorf("the candidates were reordered: %v", cands)
	}
}

// Package suggest finds the likely intended word among candidates, for the
// "Did you mean" of a diagnostic. It is the one such rule in the provider:
// config keys and enum values (configproj), connector types, group names,
// and schema, table and column names (schemachoice) all use it. Standard
// library only; it never changes the caller's slices.
package suggest

import "strings"

// Closest returns the candidate closest to word (ignoring case) within a
// small edit distance, or "" when none is close enough. The distance counts
// insertions, deletions, substitutions and swaps of two neighbouring
// letters, and may be at most max(2, len(word)/3) and less than the longer
// word's length (so an unrelated short word is never suggested). Ties go to
// the candidate whose length is closest, then to the alphabetically first.
func Closest(word string, candidates []string) string {
	if word == "" {
		return ""
	}
	lw := []rune(strings.ToLower(word))
	limit := max(2, len(lw)/3)
	best, bestD, bestL := "", -1, 0
	for _, c := range candidates {
		lc := []rune(strings.ToLower(c))
		if abs(len(lc)-len(lw)) > limit {
			continue // the distance is at least the length difference
		}
		var d int
		switch {
		case strings.EqualFold(word, c):
			d = 0
		case len(lw) > maxLen || len(lc) > maxLen:
			continue // names are short; bound the cost
		default:
			d = Distance(lw, lc)
		}
		if d > limit || d >= max(len(lw), len(lc)) {
			continue
		}
		l := abs(len(lc) - len(lw))
		if bestD < 0 || d < bestD || (d == bestD && (l < bestL || (l == bestL && c < best))) {
			best, bestD, bestL = c, d, l
		}
	}
	return best
}

// maxLen bounds the words Closest compares fuzzily.
const maxLen = 128

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Distance is the edit distance between a and b: insertions, deletions,
// substitutions and transpositions of neighbours each count one (optimal
// string alignment).
func Distance(a, b []rune) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}

package configproj

import (
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

// genValue returns a random config value of every kind the provider passes.
func genValue(r *rand.Rand, depth int) any {
	n := 9
	if depth <= 0 {
		n = 7 // scalars only
	}
	switch r.IntN(n) {
	case 0:
		return nil
	case 1:
		return r.IntN(2) == 0
	case 2:
		strs := []string{"", "db", "5432", "1.50", "true", "WAL", "wal", Masked, `{"a": 1}`, "[1, 2]", " x ", "ünï"}
		return strs[r.IntN(len(strs))]
	case 3:
		nums := []string{"0", "5432", "1.50", "-3", "1e3", "12345678901234567890"}
		return json.Number(nums[r.IntN(len(nums))])
	case 4:
		return float64(r.IntN(2000)-1000) / 8
	case 5:
		if r.IntN(2) == 0 {
			return r.IntN(100000)
		}
		return int64(r.IntN(100000))
	case 6:
		return new(big.Float).SetPrec(512).SetFloat64(float64(r.IntN(1000)) / 4)
	case 7:
		l := make([]any, r.IntN(4))
		for i := range l {
			l[i] = genValue(r, depth-1)
		}
		return l
	default:
		return genMap(r, depth-1)
	}
}

func genMap(r *rand.Rand, depth int) map[string]any {
	keys := []string{"host", "port", "password", "tunnel", "reports", "ssl", "a", "b"}
	m := map[string]any{}
	for range r.IntN(5) {
		m[keys[r.IntN(len(keys))]] = genValue(r, depth)
	}
	return m
}

// mask replaces leaves, or whole subtrees, by the mask, as the API does for
// secrets (rule 3).
func mask(r *rand.Rand, v any) any {
	if r.IntN(4) == 0 {
		return Masked
	}
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = mask(r, e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = mask(r, e)
		}
		return out
	}
	if r.IntN(2) == 0 {
		return Masked
	}
	return v
}

func maskMap(r *rand.Rand, m map[string]any) map[string]any {
	out := map[string]any{}
	for k, e := range m {
		out[k] = mask(r, e)
	}
	return out
}

// stringly renders numbers and bools as strings, the way the API sometimes
// returns them (rule 2), and adds server-side keys (rule 1).
func stringly(v any, extra bool) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		if extra {
			out["server_default"] = "x"
		}
		for k, e := range x {
			out[k] = stringly(e, extra)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stringly(e, extra)
		}
		return out
	case bool:
		return strconv.FormatBool(x)
	}
	if n, ok := numCanon(v); ok {
		return n
	}
	return v
}

func TestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		c := genMap(r, 3)
		if got := Project(c, c, Options{}); !deepEqual(got, c) {
			t.Fatalf("#%d Project(c, c) != c\n c: %s\ngot: %s", i, show(c), show(got))
		}
		if got := Changes(c, c, Options{}); len(got) != 0 || got == nil {
			t.Fatalf("#%d Changes(c, c) = %s", i, show(got))
		}
		if got := Project(c, maskMap(r, c), Options{}); !deepEqual(got, c) {
			t.Fatalf("#%d Project(c, mask(c)) != c\n c: %s\ngot: %s", i, show(c), show(got))
		}
		if got := Project(c, jsonAs[map[string]any](t, stringly(c, true)), Options{}); !deepEqual(got, c) {
			t.Fatalf("#%d Project(c, stringly(c)) != c\n c: %s\ngot: %s", i, show(c), show(got))
		}
		if got := Changes(c, jsonAs[map[string]any](t, stringly(c, false)), Options{}); len(got) != 0 {
			t.Fatalf("#%d Changes(c, stringly(c)) = %s", i, show(got))
		}
		// Rule 1: the result has exactly the configured keys, whatever the API.
		api := genMap(r, 3)
		got := Project(c, api, Options{})
		if len(got) != len(c) {
			t.Fatalf("#%d keys differ: %s vs %s", i, show(got), show(c))
		}
		for k := range c {
			if _, ok := got[k]; !ok {
				t.Fatalf("#%d key %q missing", i, k)
			}
		}
		// Projection is stable: projecting the API onto the result again
		// gives the result.
		if again := Project(got, api, Options{}); !deepEqual(again, got) {
			t.Fatalf("#%d Project not stable\n api: %s\n  1: %s\n  2: %s", i, show(api), show(got), show(again))
		}
	}
}

// TestPropertySoundness: projection never hides what the API says. Wherever
// the API returns an unmasked scalar for a configured scalar (or null), at
// any depth, the projected value means the same as the API's (Equal; in the
// configured kind where it converts), so real drift always shows. The other
// properties would all hold for a Project that returned the configured value
// unchanged; this one does not.
func TestPropertySoundness(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ci := Options{CaseInsensitive: func(path []string) bool { return len(path) > 0 && path[len(path)-1] == "a" }}
	checked := 0
	for i := range 5000 {
		c := genMap(r, 3)
		// Half the time the API drifts from the configured values in place
		// (same shape, other scalars); otherwise it is unrelated.
		var api map[string]any
		if r.IntN(2) == 0 {
			api = jsonAs[map[string]any](t, drift(r, c))
		} else {
			api = genMap(r, 3)
		}
		for _, opts := range []Options{{}, ci} {
			got := Project(c, api, opts)
			for k, cv := range c {
				if av, ok := api[k]; ok {
					checked += soundness(t, i, cv, av, got[k], []string{k}, opts)
				}
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d scalars were checked: the generators do not exercise the property", checked)
	}
}

// soundness checks one projected value against the API's (see
// TestPropertySoundness) and returns how many scalars it checked.
func soundness(t *testing.T, i int, conf, api, got any, path []string, opts Options) int {
	t.Helper()
	if s, ok := api.(string); ok && s == Masked {
		return 0 // rule 3: a secret keeps the configured value
	}
	switch a := api.(type) {
	case map[string]any:
		cm, cok := conf.(map[string]any)
		gm, gok := got.(map[string]any)
		n := 0
		if cok && gok {
			for k, cv := range cm {
				if av, ok := a[k]; ok {
					n += soundness(t, i, cv, av, gm[k], sub(path, k), opts)
				}
			}
		}
		return n
	case []any:
		cl, cok := conf.([]any)
		gl, gok := got.([]any)
		n := 0
		if cok && gok && len(cl) == len(a) && len(gl) == len(a) {
			for j := range a {
				n += soundness(t, i, cl[j], a[j], gl[j], sub(path, strconv.Itoa(j)), opts)
			}
		}
		return n
	}
	switch conf.(type) {
	case map[string]any, []any:
		return 0 // rules 1 and 4 decide what of a container shows
	}
	if !Equal(got, api, path, opts) {
		t.Fatalf("#%d at %v: the API says %s, the projection %s (configured %s)", i, path, show(api), show(got), show(conf))
	}
	return 1
}

// drift returns v with the same shape and other scalars (often in another
// kind: a number as a string, a bool as "true"), as the API returns them
// after a change made outside Terraform.
func drift(r *rand.Rand, v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = drift(r, e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = drift(r, e)
		}
		return out
	}
	if r.IntN(4) == 0 {
		return stringly(v, false) // unchanged in meaning
	}
	return stringly(genValue(r, 0), false)
}

// deepEqual is reflect.DeepEqual with *big.Float compared by value.
func deepEqual(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) || (x == nil) != (y == nil) {
			return false
		}
		for k, e := range x {
			f, ok := y[k]
			if !ok || !deepEqual(e, f) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !deepEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case *big.Float:
		y, ok := b.(*big.Float)
		return ok && x.Cmp(y) == 0
	}
	return a == b
}

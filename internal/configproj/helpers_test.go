package configproj

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// j decodes a JSON document the way the provider decodes API bodies
// (UseNumber). It panics on bad test input.
func j(s string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic(fmt.Sprintf("bad test JSON %q: %v", s, err))
	}
	return v
}

// jm decodes a JSON object ("" or "null" gives nil).
func jm(s string) map[string]any {
	if s == "" || s == "null" {
		return nil
	}
	m, ok := j(s).(map[string]any)
	if !ok {
		panic("not an object: " + s)
	}
	return m
}

// show renders a value with its Go types, for failure messages.
func show(v any) string {
	switch x := v.(type) {
	case map[string]any:
		var b strings.Builder
		b.WriteString("{")
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q: %s", k, show(x[k]))
		}
		b.WriteString("}")
		return b.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case nil:
		return "nil"
	}
	return fmt.Sprintf("%T(%#v)", v, v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for k := i; k > 0 && keys[k] < keys[k-1]; k-- {
			keys[k], keys[k-1] = keys[k-1], keys[k]
		}
	}
	return keys
}

func assertDeepEqual(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got: %s\nwant: %s", show(got), show(want))
	}
}

func itoa(i int) string { return fmt.Sprint(i) }

package configproj

import (
	"encoding/json"
	"math/big"
	"slices"
	"testing"
)

func TestStrCanon(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"0", "0", true},
		{"-0", "0", true},
		{"0.000", "0", true},
		{"5432", "5432", true},
		{"1.50", "1.5", true},
		{"1.5", "1.5", true},
		{"-1.50e1", "-15", true},
		{"15e-1", "1.5", true},
		{"1e2", "100", true},
		{"1E+2", "100", true},
		{"0.0001", "0.0001", true},
		{"1e-7", "1e-7", true},
		{"123456789012345678901", "123456789012345678901", true},
		{"1e20", "100000000000000000000", true},
		{"1e21", "1e21", true},
		{"10e21", "1e22", true},
		{"12345678901234567890123", "1.2345678901234567890123e22", true},
		{"1e999999999", "1e999999999", true},
		{"", "", false},
		{"-", "", false},
		{"01", "", false},
		{"1.", "", false},
		{".5", "", false},
		{"+1", "", false},
		{"1e", "", false},
		{" 1", "", false},
		{"1e1234567890123456", "", false},
		{"abc", "", false},
		{"0x10", "", false},
	}
	for _, c := range cases {
		got, ok := strCanon(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("strCanon(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestNormalize(t *testing.T) {
	in := map[string]any{
		"a": 5432,
		"b": 1.5,
		"c": json.Number("1.50"),
		"d": big.NewFloat(2.25),
		"e": []any{int64(1), float32(0.5), "x", true, nil},
		"f": map[string]any{"g": json.Number("1e2")},
		"u": Unknown,
	}
	want := map[string]any{
		"a": json.Number("5432"),
		"b": json.Number("1.5"),
		"c": json.Number("1.5"),
		"d": json.Number("2.25"),
		"e": []any{json.Number("1"), json.Number("0.5"), "x", true, nil},
		"f": map[string]any{"g": json.Number("100")},
		"u": Unknown,
	}
	assertDeepEqual(t, Normalize(in), want)
	if _, isMap := in["f"].(map[string]any); !isMap || in["c"] != json.Number("1.50") {
		t.Error("Normalize modified its input")
	}
}

// Rule 2: values that mean the same are Equal.
func TestEqual(t *testing.T) {
	bf, _, _ := big.ParseFloat("5432", 10, 512, big.ToNearestEven)
	ci := Options{CaseInsensitive: func(path []string) bool {
		return slices.Equal(path, []string{"update_method"}) || slices.Equal(path, []string{"modes", "1"})
	}}
	cases := []struct {
		name string
		a, b any
		path []string
		opts Options
		want bool
	}{
		{"rule 2: number vs numeric string", json.Number("5432"), "5432", nil, Options{}, true},
		{"rule 2: numeric string vs number", "5432", json.Number("5432"), nil, Options{}, true},
		{"rule 2: 1.50 string vs 1.5 number", "1.50", 1.5, nil, Options{}, true},
		{"rule 2: 1.5 number vs 1.50 json.Number", 1.5, json.Number("1.50"), nil, Options{}, true},
		{"rule 2: int vs float64", 5432, 5432.0, nil, Options{}, true},
		{"rule 2: big.Float vs int64", bf, int64(5432), nil, Options{}, true},
		{"rule 2: big.Float vs string", bf, "5432", nil, Options{}, true},
		{"rule 2: different numbers", 5432, "5433", nil, Options{}, false},
		{"rule 2: two numeric strings are compared as text", "1.50", "1.5", nil, Options{}, false},
		{"rule 2: non-numeric string vs number", "5432a", 5432, nil, Options{}, false},
		{"rule 2: bool vs string", true, "true", nil, Options{}, true},
		{"rule 2: string vs bool", "false", false, nil, Options{}, true},
		{"rule 2: bool vs wrong string", true, "false", nil, Options{}, false},
		{"rule 2: bool vs number", true, 1, nil, Options{}, false},
		{"rule 2: JSON strings, whitespace and key order", `{"a": 1, "b": [1, 2]}`, `{"b":[1,2],"a":1}`, nil, Options{}, true},
		{"rule 2: JSON strings, numbers semantically", `{"a": 1.50}`, `{"a":1.5}`, nil, Options{}, true},
		{"rule 2: JSON strings differ", `{"a": 1}`, `{"a":2}`, nil, Options{}, false},
		{"rule 2: JSON string vs object", `{"b":2, "a":"x"}`, j(`{"a":"x","b":2}`), nil, Options{}, true},
		{"rule 2: object vs JSON string", j(`[1,{"a":true}]`), ` [ 1, {"a": true} ] `, nil, Options{}, true},
		{"rule 2: JSON array strings", `[1, 2]`, `[1,2]`, nil, Options{}, true},
		{"rule 2: case differs, exact by default", "WAL", "wal", []string{"update_method"}, Options{}, false},
		{"rule 2: case differs, opted in", "WAL", "wal", []string{"update_method"}, ci, true},
		{"rule 2: case differs, other path", "WAL", "wal", []string{"other"}, ci, false},
		{"rule 2: case-insensitive path inside a list", j(`["A","b"]`), j(`["A","B"]`), []string{"modes"}, ci, true},
		{"rule 2: lists element by element", j(`[5432,"x",true]`), j(`["5432","x","true"]`), nil, Options{}, true},
		{"rule 2: lists of different length", j(`[1,2]`), j(`[1]`), nil, Options{}, false},
		{"rule 2: nested objects", j(`{"a":{"b":1}}`), j(`{"a":{"b":"1"}}`), nil, Options{}, true},
		{"rule 2: objects with different keys", j(`{"a":1}`), j(`{"b":1}`), nil, Options{}, false},
		{"rule 2: nil vs nil", nil, nil, nil, Options{}, true},
		{"rule 2: nil vs empty string", nil, "", nil, Options{}, false},
		{"rule 3: mask is not equal to the secret", "hunter2", Masked, nil, Options{}, false},
		{"rule 3: mask is not equal to a number", 5, Masked, nil, Options{}, false},
		{"rule 3: mask vs mask (same text)", Masked, Masked, nil, Options{}, true},
		{"rule 2: unknown is never equal", Unknown, Unknown, nil, Options{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Equal(c.a, c.b, c.path, c.opts); got != c.want {
				t.Errorf("Equal(%s, %s) = %v, want %v", show(c.a), show(c.b), got, c.want)
			}
			if got := Equal(c.b, c.a, c.path, c.opts); got != c.want {
				t.Errorf("Equal(%s, %s) (swapped) = %v, want %v", show(c.b), show(c.a), got, c.want)
			}
		})
	}
}

func TestUnknownHelpers(t *testing.T) {
	if !IsUnknown(Unknown) || IsUnknown(nil) || IsUnknown("x") {
		t.Error("IsUnknown")
	}
	if !ContainsUnknown(map[string]any{"a": []any{1, map[string]any{"b": Unknown}}}) {
		t.Error("ContainsUnknown nested")
	}
	if ContainsUnknown(j(`{"a":[1,{"b":null}]}`)) {
		t.Error("ContainsUnknown false positive")
	}
}

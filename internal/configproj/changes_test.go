package configproj

import (
	"reflect"
	"slices"
	"testing"
)

func TestChanges(t *testing.T) {
	ci := Options{CaseInsensitive: func(path []string) bool {
		return slices.Equal(path, []string{"update_method"})
	}}
	cases := []struct {
		name     string
		prior    string
		planned  map[string]any
		opts     Options
		want     map[string]any
		wantJSON string
	}{
		{name: "rule 6: unchanged gives an empty map",
			prior: `{"host":"db","port":5432,"t":{"a":[1,2]}}`, planned: jm(`{"host":"db","port":5432,"t":{"a":[1,2]}}`),
			wantJSON: `{}`},
		{name: "rule 6 + 2: semantically equal is not sent",
			prior:    `{"port":"5432","ratio":1.5,"ssl":"true","m":"{\"a\":1, \"b\":2}"}`,
			planned:  jm(`{"port":5432,"ratio":"1.50","ssl":true,"m":"{\"b\":2,\"a\":1}"}`),
			wantJSON: `{}`},
		{name: "rule 6: a changed key is sent",
			prior: `{"host":"db","port":5432}`, planned: jm(`{"host":"db2","port":5432}`),
			wantJSON: `{"host":"db2"}`},
		{name: "rule 6: a changed nested key sends the whole top-level value",
			prior: `{"tunnel":{"host":"a","port":22}}`, planned: jm(`{"tunnel":{"host":"b","port":22}}`),
			wantJSON: `{"tunnel":{"host":"b","port":22}}`},
		{name: "rule 6 + 3: a rotated secret is sent",
			prior: `{"password":"old","user":"u"}`, planned: jm(`{"password":"new","user":"u"}`),
			wantJSON: `{"password":"new"}`},
		{name: "rule 6 + 3: a rotated nested secret sends the whole object",
			prior: `{"tunnel":{"private_key":"K1","host":"h"}}`, planned: jm(`{"tunnel":{"private_key":"K2","host":"h"}}`),
			wantJSON: `{"tunnel":{"private_key":"K2","host":"h"}}`},
		{name: "rule 5: a key removed from HCL is not sent",
			prior: `{"host":"db","role":"admin"}`, planned: jm(`{"host":"db"}`),
			wantJSON: `{}`},
		{name: "rule 5: null clears a key",
			prior: `{"role":"admin"}`, planned: jm(`{"role":null}`),
			wantJSON: `{"role":null}`},
		{name: "rule 5: null that was already null is not sent",
			prior: `{"role":null}`, planned: jm(`{"role":null}`),
			wantJSON: `{}`},
		{name: "rule 5: a newly managed null key is sent as null",
			prior: `{}`, planned: jm(`{"role":null}`),
			wantJSON: `{"role":null}`},
		{name: "rule 6: a newly managed key is sent",
			prior: `{"host":"db"}`, planned: jm(`{"host":"db","port":1}`),
			wantJSON: `{"port":1}`},
		{name: "rule 6: null becomes a value",
			prior: `{"role":null}`, planned: jm(`{"role":"x"}`),
			wantJSON: `{"role":"x"}`},
		{name: "rule 6: nil prior",
			prior: ``, planned: jm(`{"a":1,"b":null}`),
			wantJSON: `{"a":1,"b":null}`},
		{name: "rule 6: nil planned",
			prior: `{"a":1}`, planned: nil,
			wantJSON: `{}`},
		{name: "rule 6: list change sends the whole list",
			prior: `{"l":[1,2]}`, planned: jm(`{"l":[1,2,3]}`),
			wantJSON: `{"l":[1,2,3]}`},
		{name: "rule 6 + 2: case-only change, exact path",
			prior: `{"update_method":"wal"}`, planned: jm(`{"update_method":"WAL"}`),
			wantJSON: `{"update_method":"WAL"}`},
		{name: "rule 6 + 2: case-only change, case-insensitive path",
			prior: `{"update_method":"wal"}`, planned: jm(`{"update_method":"WAL"}`), opts: ci,
			wantJSON: `{}`},
		{name: "rule 6: an unknown planned value is changed",
			prior: `{"host":"db","port":5432}`, planned: map[string]any{"host": Unknown, "port": 5432},
			want: map[string]any{"host": Unknown}},
		{name: "rule 6: an unknown nested planned value is changed",
			prior: `{"t":{"a":1,"b":2}}`, planned: map[string]any{"t": map[string]any{"a": 1, "b": Unknown}},
			want: map[string]any{"t": map[string]any{"a": 1, "b": Unknown}}},
		{name: "rule 6: unknown inside a list",
			prior: `{"l":[1]}`, planned: map[string]any{"l": []any{Unknown}},
			want: map[string]any{"l": []any{Unknown}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := c.want
			if want == nil {
				want = jm(c.wantJSON)
			}
			got := Changes(jm(c.prior), c.planned, c.opts)
			if got == nil {
				t.Fatal("Changes returned nil, want a non-nil map")
			}
			assertDeepEqual(t, got, want)
		})
	}
}

// The result shares nothing with planned (the provider may modify it).
func TestChangesDoesNotAlias(t *testing.T) {
	planned := jm(`{"t":{"a":1}}`)
	got := Changes(nil, planned, Options{})
	jsonAs[map[string]any](t, got["t"])["a"] = 2
	assertDeepEqual(t, planned, jm(`{"t":{"a":1}}`))
}

func TestForCreate(t *testing.T) {
	// Rule 5.
	got := ForCreate(jm(`{"a":1,"b":null,"c":{"d":null},"e":[null]}`))
	assertDeepEqual(t, got, jm(`{"a":1,"c":{"d":null},"e":[null]}`))
	if got := ForCreate(nil); got == nil || len(got) != 0 {
		t.Errorf("ForCreate(nil) = %#v, want empty map", got)
	}
}

func TestImportView(t *testing.T) {
	// Rule 7.
	schemaKeys := []string{"schema", "table", "schema_prefix", "table_group_name"}
	cases := []struct {
		name        string
		api         string
		drop        []string
		wantView    string
		wantSecrets []string
	}{
		{"rule 7: secrets, nulls and schema keys are dropped",
			`{"schema":"s","table":"t","host":"db","port":"5432","password":"******","role":null,
			  "tunnel":{"host":"b","private_key":"******","extra":null},
			  "reports":[{"table":"r","token":"******"},{"table":"q","token":"******"}],
			  "keys":["******","******"],"tags":["a",null]}`,
			schemaKeys,
			`{"host":"db","port":"5432","tunnel":{"host":"b"},"reports":[{"table":"r"},{"table":"q"}],"tags":["a",null]}`,
			[]string{"keys", "password", "reports[0].token", "reports[1].token", "tunnel.private_key"}},
		{"rule 7: nothing secret",
			`{"host":"db","n":1.50,"b":false,"o":{}}`, nil,
			`{"host":"db","n":1.50,"b":false,"o":{}}`, nil},
		{"rule 7: nested two levels",
			`{"a":{"b":{"c":"******","d":1}}}`, nil, `{"a":{"b":{"d":1}}}`, []string{"a.b.c"}},
		{"rule 7: nil api", ``, schemaKeys, `{}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			view, secrets := ImportView(jm(c.api), c.drop)
			if view == nil {
				t.Fatal("nil view")
			}
			assertDeepEqual(t, view, jm(c.wantView))
			if !reflect.DeepEqual(secrets, c.wantSecrets) {
				t.Errorf("secrets = %q, want %q", secrets, c.wantSecrets)
			}
		})
	}
}

func TestImmutableChanges(t *testing.T) {
	schema := &Schema{Type: "object", Properties: map[string]*Schema{
		"timeframe_months": {Type: "string", Immutable: true, Enum: []string{"TWELVE", "ALL_TIME"}},
		"start":            {Type: "integer", Immutable: true},
		"host":             {Type: "string"},
		"lake": {Type: "object", Properties: map[string]*Schema{
			"bucket": {Type: "string", Immutable: true},
			"prefix": {Type: "string"},
		}},
	}}
	ci := Options{CaseInsensitive: func(path []string) bool { return slices.Equal(path, []string{"timeframe_months"}) }}
	cases := []struct {
		name    string
		prior   string
		planned map[string]any
		want    [][]string
	}{
		{"nothing changed", `{"timeframe_months":"TWELVE","start":5}`, jm(`{"timeframe_months":"TWELVE","start":5}`), nil},
		{"a mutable key changed", `{"host":"a","start":5}`, jm(`{"host":"b","start":5}`), nil},
		{"an immutable key changed", `{"timeframe_months":"TWELVE","host":"a"}`, jm(`{"timeframe_months":"ALL_TIME","host":"b"}`),
			[][]string{{"timeframe_months"}}},
		{"equal meaning is no change", `{"timeframe_months":"TWELVE","start":"5"}`, jm(`{"timeframe_months":"twelve","start":5}`), nil},
		{"two changed, sorted", `{"timeframe_months":"TWELVE","start":5}`, jm(`{"timeframe_months":"ALL_TIME","start":6}`),
			[][]string{{"start"}, {"timeframe_months"}}},
		{"cleared", `{"start":5}`, map[string]any{"start": nil}, [][]string{{"start"}}},
		{"set where null was", `{"start":null}`, jm(`{"start":5}`), [][]string{{"start"}}},
		{"null stays null", `{"start":null}`, map[string]any{"start": nil}, nil},
		{"newly written key", `{"host":"a"}`, jm(`{"host":"a","start":5}`), nil},
		{"key no longer written", `{"start":5}`, jm(`{}`), nil},
		{"unknown may differ", `{"start":5}`, map[string]any{"start": Unknown}, [][]string{{"start"}}},
		{"nested immutable", `{"lake":{"bucket":"a","prefix":"p"}}`, jm(`{"lake":{"bucket":"b","prefix":"p"}}`),
			[][]string{{"lake", "bucket"}}},
		{"nested mutable", `{"lake":{"bucket":"a","prefix":"p"}}`, jm(`{"lake":{"bucket":"a","prefix":"q"}}`), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ImmutableChanges(jm(c.prior), c.planned, schema, ci)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	if got := ImmutableChanges(jm(`{"start":5}`), jm(`{"start":6}`), nil, Options{}); got != nil {
		t.Errorf("nil schema: got %q", got)
	}
}

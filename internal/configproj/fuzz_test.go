package configproj

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// decodeObject decodes a fuzz input as a JSON object the way the provider
// decodes API bodies; false when it is not one.
func decodeObject(s string) (map[string]any, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

func addSeeds(f *testing.F) {
	f.Add(`{"host":"db","port":5432,"password":"secret"}`, `{"host":"db","port":"5432","password":"******","extra":true}`)
	f.Add(`{"ratio":"1.50","ssl":true,"m":"{\"b\": [1, 2], \"a\": 1}"}`, `{"ratio":1.5,"ssl":"true","m":"{\"a\":1,\"b\":[1,2]}"}`)
	f.Add(`{"tunnel":{"auth":{"key":"K","user":"u"}},"role":null}`, `{"tunnel":{"auth":{"key":"******","user":"v"}},"role":"admin"}`)
	f.Add(`{"reports":[{"table":"a","token":"t"}],"l":[1,2]}`, `{"reports":[{"table":"a","token":"******"},{"table":"b"}],"l":["1"]}`)
	f.Add(`{"a":1e400,"b":-0.0,"c":[[],{}],"d":"******"}`, `{"a":"1e400","b":0,"c":"[[], {}]"}`)
	f.Add(`{}`, `{"x":null}`)
}

func FuzzProject(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, confDoc, apiDoc string) {
		conf, ok := decodeObject(confDoc)
		if !ok {
			return
		}
		api, _ := decodeObject(apiDoc)
		got := Project(conf, api, Options{})
		if len(got) != len(conf) {
			t.Fatalf("keys: got %s, configured %s", show(got), show(conf))
		}
		for k := range conf {
			if _, ok := got[k]; !ok {
				t.Fatalf("configured key %q missing from %s", k, show(got))
			}
		}
		if again := Project(got, api, Options{}); !deepEqual(again, got) {
			t.Fatalf("not stable:\n 1: %s\n 2: %s", show(got), show(again))
		}
		if same := Project(conf, conf, Options{}); !deepEqual(same, conf) {
			t.Fatalf("Project(x, x) != x:\n x: %s\n got: %s", show(conf), show(same))
		}
		r := rand.New(rand.NewPCG(uint64(len(confDoc)), uint64(len(apiDoc))))
		if masked := Project(conf, maskMap(r, conf), Options{}); !deepEqual(masked, conf) {
			t.Fatalf("Project(x, mask(x)) != x:\n x: %s\n got: %s", show(conf), show(masked))
		}
		if ch := Changes(conf, conf, Options{}); ch == nil || len(ch) != 0 {
			t.Fatalf("Changes(x, x) = %s", show(ch))
		}
		ImportView(api, []string{"schema"})
	})
}

func FuzzChanges(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, priorDoc, plannedDoc string) {
		prior, ok := decodeObject(priorDoc)
		if !ok {
			return
		}
		planned, ok := decodeObject(plannedDoc)
		if !ok {
			return
		}
		ch := Changes(prior, planned, Options{})
		if ch == nil {
			t.Fatal("nil changes")
		}
		// Apply the PATCH the way Fivetran merges it (shallow), as the next
		// read sees it.
		merged := map[string]any{}
		for k, v := range prior {
			merged[k] = v
		}
		for k, v := range ch {
			if _, ok := planned[k]; !ok {
				t.Fatalf("sent key %q that is not planned", k)
			}
			// Null deletes the key in Fivetran; the next read projects the
			// configured null onto the missing key as nil (rule 4).
			merged[k] = v
		}
		for k, p := range planned {
			m, ok := merged[k]
			switch {
			case p == nil && ok && m != nil:
				t.Fatalf("key %q: planned null, still %s after the patch", k, show(m))
			case p != nil && !Equal(m, p, []string{k}, Options{}):
				t.Fatalf("key %q: planned %s, %s after the patch", k, show(p), show(m))
			}
		}
		for k := range prior {
			if _, ok := planned[k]; !ok {
				if _, sent := ch[k]; sent {
					t.Fatalf("unmanaged key %q sent", k)
				}
			}
		}
		if again := Changes(merged, planned, Options{}); len(again) != 0 {
			t.Fatalf("after the patch, still changes: %s", show(again))
		}
		for _, x := range []map[string]any{prior, planned} {
			if same := Changes(x, x, Options{}); len(same) != 0 {
				t.Fatalf("Changes(x, x) = %s", show(same))
			}
			if p := Project(x, x, Options{}); !deepEqual(p, x) {
				t.Fatalf("Project(x, x) != x: %s", show(p))
			}
		}
		ForCreate(planned)
	})
}

// schemaFromJSON reads the metadata tree format (type, enum, items,
// properties, required, readonly, format) into a Schema.
func schemaFromJSON(v any) *Schema {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	s := &Schema{}
	s.Type, _ = m["type"].(string)
	s.Readonly, _ = m["readonly"].(bool)
	s.Immutable, _ = m["immutable"].(bool)
	s.Secret = m["format"] == "password"
	if l, ok := m["enum"].([]any); ok {
		for _, e := range l {
			if str, ok := e.(string); ok {
				s.Enum = append(s.Enum, str)
			}
		}
	}
	s.Items = schemaFromJSON(m["items"])
	if p, ok := m["properties"].(map[string]any); ok {
		s.Properties = map[string]*Schema{}
		for k, e := range p {
			s.Properties[k] = schemaFromJSON(e)
		}
	}
	return s
}

func FuzzValidate(f *testing.F) {
	f.Add(`{"hots":"db","port":"abc","update_method":"wal","reports":[{"tabel":1}],"ro":"x","schema":"s"}`,
		`{"type":"object","properties":{"host":{"type":"string"},"port":{"type":"integer"},"ro":{"type":"string","readonly":true},`+
			`"update_method":{"type":"string","enum":["WAL","XMIN"]},"reports":{"type":"array","items":{"type":"object","properties":{"table":{"type":"string"}}}}}}`)
	f.Add(`{"a":true,"b":"1.5","c":null,"d":[1,"2"],"e":{"f":"true"}}`,
		`{"properties":{"a":{"type":"boolean"},"b":{"type":"number"},"c":{"type":"integer"},"d":{"type":"array","items":{"type":"integer"}},"e":{"type":"object"}}}`)
	f.Add(`{"x":1}`, `{}`)
	f.Fuzz(func(t *testing.T, configDoc, schemaDoc string) {
		config, ok := decodeObject(configDoc)
		if !ok {
			return
		}
		sm, ok := decodeObject(schemaDoc)
		if !ok {
			return
		}
		schema := schemaFromJSON(sm)
		opts := ValidateOptions{SkipKeys: []string{"schema"}, What: `connector type "fuzz"`}
		probs := Validate(config, schema, opts)
		if again := Validate(config, schema, opts); !slices.EqualFunc(probs, again, func(a, b Problem) bool {
			return slices.Equal(a.Path, b.Path) && a.Summary == b.Summary && a.Detail == b.Detail
		}) {
			t.Fatal("Validate is not deterministic")
		}
		for i, p := range probs {
			if len(p.Path) == 0 || p.Summary == "" || p.Detail == "" {
				t.Fatalf("incomplete problem %+v", p)
			}
			if p.Path[0] == "schema" {
				t.Fatalf("skipped key checked: %+v", p)
			}
			if i > 0 && comparePaths(probs[i-1].Path, p.Path) > 0 {
				t.Fatalf("problems not sorted: %q before %q", probs[i-1].Path, p.Path)
			}
			if !pathExists(config, p.Path) {
				t.Fatalf("problem path %q not in config", p.Path)
			}
		}
		// An open schema accepts everything.
		if got := Validate(config, &Schema{}, opts); len(got) != 0 {
			t.Fatalf("open schema: %+v", got)
		}
		for k := range config {
			Suggest(k, slices.Collect(func(yield func(string) bool) {
				for c := range sm {
					if !yield(c) {
						return
					}
				}
			}))
		}
	})
}

func pathExists(v any, path []string) bool {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			e, ok := x[p]
			if !ok {
				return false
			}
			v = e
		case []any:
			found := false
			for i, e := range x {
				if p == itoa(i) {
					v, found = e, true
					break
				}
			}
			if !found {
				return false
			}
		default:
			return false
		}
	}
	return true
}

package configproj

import (
	"encoding/json"
	"math/big"
	"slices"
	"testing"
)

func TestProject(t *testing.T) {
	ci := Options{CaseInsensitive: func(path []string) bool {
		return slices.Equal(path, []string{"update_method"})
	}}
	cases := []struct {
		name       string
		configured string
		api        string
		opts       Options
		want       string
	}{
		// Rule 1: only configured keys, recursively.
		{"rule 1: server defaults and extra keys are ignored",
			`{"host":"db","port":5432}`,
			`{"host":"db","port":5432,"update_method":"XMIN","always_encrypted":true}`,
			Options{}, `{"host":"db","port":5432}`},
		{"rule 1: nested objects keep only configured nested keys",
			`{"tunnel":{"host":"bastion"}}`,
			`{"tunnel":{"host":"bastion","port":22,"user":"fivetran"}}`,
			Options{}, `{"tunnel":{"host":"bastion"}}`},
		{"rule 1: nested drift in a configured nested key shows",
			`{"tunnel":{"host":"bastion"}}`,
			`{"tunnel":{"host":"other","port":22}}`,
			Options{}, `{"tunnel":{"host":"other"}}`},
		{"rule 1: empty configured object",
			`{}`, `{"a":1}`, Options{}, `{}`},

		// Rule 2: no perpetual diff.
		{"rule 2: 5432 vs \"5432\"", `{"port":5432}`, `{"port":"5432"}`, Options{}, `{"port":5432}`},
		{"rule 2: \"5432\" vs 5432", `{"port":"5432"}`, `{"port":5432}`, Options{}, `{"port":"5432"}`},
		{"rule 2: \"1.50\" vs 1.5", `{"ratio":"1.50"}`, `{"ratio":1.5}`, Options{}, `{"ratio":"1.50"}`},
		{"rule 2: 1.50 vs \"1.5\"", `{"ratio":1.50}`, `{"ratio":"1.5"}`, Options{}, `{"ratio":1.50}`},
		{"rule 2: bool vs \"true\"", `{"ssl":true}`, `{"ssl":"true"}`, Options{}, `{"ssl":true}`},
		{"rule 2: \"false\" vs bool", `{"ssl":"false"}`, `{"ssl":false}`, Options{}, `{"ssl":"false"}`},
		{"rule 2: JSON in a string, whitespace and key order",
			`{"mapping":"{\"b\": [1, 2],\n \"a\": {\"x\": 1}}"}`,
			`{"mapping":"{\"a\":{\"x\":1},\"b\":[1,2]}"}`,
			Options{}, `{"mapping":"{\"b\": [1, 2],\n \"a\": {\"x\": 1}}"}`},
		{"rule 2: JSON in a string vs the API returning the object",
			`{"mapping":"{\"a\": 1}"}`, `{"mapping":{"a":1}}`,
			Options{}, `{"mapping":"{\"a\": 1}"}`},
		{"rule 2: object configured, API returns it as a JSON string",
			`{"mapping":{"a":1}}`, `{"mapping":"{\"a\":1,\"b\":2}"}`,
			Options{}, `{"mapping":{"a":1}}`},
		{"rule 2: enum case differs, exact by default (drift)",
			`{"update_method":"WAL"}`, `{"update_method":"wal"}`, Options{}, `{"update_method":"wal"}`},
		{"rule 2: enum case differs, case-insensitive path",
			`{"update_method":"WAL"}`, `{"update_method":"wal"}`, ci, `{"update_method":"WAL"}`},
		{"rule 2: case-insensitive applies only to the opted-in path",
			`{"schema_name":"Sales"}`, `{"schema_name":"sales"}`, ci, `{"schema_name":"sales"}`},
		{"rule 2: lists element by element",
			`{"ports":[1,"2",true]}`, `{"ports":["1",2,"true"]}`, Options{}, `{"ports":[1,"2",true]}`},

		// Rule 3: masks keep the configured value.
		{"rule 3: top-level secret", `{"password":"hunter2"}`, `{"password":"******"}`, Options{}, `{"password":"hunter2"}`},
		{"rule 3: secret nested two levels deep",
			`{"tunnel":{"auth":{"private_key":"KEY","user":"u"}}}`,
			`{"tunnel":{"auth":{"private_key":"******","user":"u","extra":1}}}`,
			Options{}, `{"tunnel":{"auth":{"private_key":"KEY","user":"u"}}}`},
		{"rule 3: secrets in list items",
			`{"reports":[{"name":"a","token":"t1"},{"name":"b","token":"t2"}]}`,
			`{"reports":[{"name":"a","token":"******","x":1},{"name":"b","token":"******"}]}`,
			Options{}, `{"reports":[{"name":"a","token":"t1"},{"name":"b","token":"t2"}]}`},
		{"rule 3: list of secrets", `{"keys":["k1","k2"]}`, `{"keys":["******","******"]}`, Options{}, `{"keys":["k1","k2"]}`},
		{"rule 3: a whole object masked keeps the configured object",
			`{"creds":{"user":"u","pass":"p"}}`, `{"creds":"******"}`, Options{}, `{"creds":{"user":"u","pass":"p"}}`},
		{"rule 3: numeric secret", `{"pin":1234}`, `{"pin":"******"}`, Options{}, `{"pin":1234}`},
		{"rule 3: configured null and a mask keep null", `{"password":null}`, `{"password":"******"}`, Options{}, `{"password":null}`},
		{"rule 3: masked secret next to real drift",
			`{"tunnel":{"private_key":"KEY","host":"a"}}`,
			`{"tunnel":{"private_key":"******","host":"b"}}`,
			Options{}, `{"tunnel":{"private_key":"KEY","host":"b"}}`},

		// Rule 4: drift, coerced to the configured kind.
		{"rule 4: number configured, API string", `{"port":5432}`, `{"port":"5433"}`, Options{}, `{"port":5433}`},
		{"rule 4: string configured, API number", `{"port":"5432"}`, `{"port":5433}`, Options{}, `{"port":"5433"}`},
		{"rule 4: bool configured, API string", `{"ssl":true}`, `{"ssl":"false"}`, Options{}, `{"ssl":false}`},
		{"rule 4: string configured, API bool", `{"ssl":"true"}`, `{"ssl":false}`, Options{}, `{"ssl":"false"}`},
		{"rule 4: number configured, API non-numeric string", `{"port":5432}`, `{"port":"auto"}`, Options{}, `{"port":"auto"}`},
		{"rule 4: plain string drift", `{"host":"a"}`, `{"host":"b"}`, Options{}, `{"host":"b"}`},
		{"rule 4: key deleted out of band", `{"host":"a","port":1}`, `{"port":1}`, Options{}, `{"host":null,"port":1}`},
		{"rule 4: nested key deleted out of band", `{"t":{"host":"a","port":1}}`, `{"t":{"port":1}}`, Options{}, `{"t":{"host":null,"port":1}}`},
		{"rule 4: configured null, key missing", `{"role":null}`, `{}`, Options{}, `{"role":null}`},
		{"rule 4: configured null, API null", `{"role":null}`, `{"role":null}`, Options{}, `{"role":null}`},
		{"rule 4: configured null, API has a value (drift)", `{"role":null}`, `{"role":"admin"}`, Options{}, `{"role":"admin"}`},
		{"rule 4: configured value, API null", `{"role":"admin"}`, `{"role":null}`, Options{}, `{"role":null}`},
		{"rule 4: object configured, API scalar", `{"t":{"a":1}}`, `{"t":"x"}`, Options{}, `{"t":"x"}`},
		{"rule 4: nil API config", `{"a":1,"b":null}`, ``, Options{}, `{"a":null,"b":null}`},
		{"rule 4: JSON string drift re-encoded in the configured kind",
			`{"mapping":"{\"a\": 1}"}`, `{"mapping":{"a":2,"server":true}}`, Options{}, `{"mapping":"{\"a\":2}"}`},
		{"rule 4: JSON string with a masked secret inside",
			`{"mapping":"{\"a\": \"s\"}"}`, `{"mapping":{"a":"******"}}`, Options{}, `{"mapping":"{\"a\": \"s\"}"}`},

		// Rule 4: lists.
		{"rule 4: same length, objects projected",
			`{"reports":[{"table":"a"},{"table":"b"}]}`,
			`{"reports":[{"table":"a","fields":[]},{"table":"c","fields":[]}]}`,
			Options{}, `{"reports":[{"table":"a"},{"table":"c"}]}`},
		{"rule 4: API list longer: extra object kept whole",
			`{"reports":[{"table":"a","token":"t"}]}`,
			`{"reports":[{"table":"a","token":"******","fields":[]},{"table":"b","token":"******","fields":[]}]}`,
			Options{}, `{"reports":[{"table":"a","token":"t"},{"table":"b","token":"******","fields":[]}]}`},
		{"rule 4: API list shorter",
			`{"reports":[{"table":"a"},{"table":"b"}]}`,
			`{"reports":[{"table":"b","x":1}]}`,
			Options{}, `{"reports":[{"table":"b"}]}`},
		{"rule 4: scalar list grew, extras coerced to the configured kind",
			`{"ports":[1,2]}`, `{"ports":["1","2","3"]}`, Options{}, `{"ports":[1,2,3]}`},
		{"rule 4: scalar list shrank", `{"hosts":["a","b"]}`, `{"hosts":["a"]}`, Options{}, `{"hosts":["a"]}`},
		{"rule 4: mixed configured kinds, extras kept",
			`{"l":[1,"x"]}`, `{"l":["1","x","3"]}`, Options{}, `{"l":[1,"x","3"]}`},
		{"rule 4: empty configured list, API has items", `{"l":[]}`, `{"l":[1,2]}`, Options{}, `{"l":[1,2]}`},
		{"rule 4: list configured, API returns a JSON string list", `{"l":[1,2]}`, `{"l":"[1, 2]"}`, Options{}, `{"l":[1,2]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conf := jm(c.configured)
			got := Project(conf, jm(c.api), c.opts)
			assertDeepEqual(t, got, jm(c.want))
			// Rule 1: exactly the configured keys.
			if len(got) != len(conf) {
				t.Errorf("keys: got %d, configured %d", len(got), len(conf))
			}
			for k := range conf {
				if _, ok := got[k]; !ok {
					t.Errorf("missing configured key %q", k)
				}
			}
		})
	}
}

func TestProjectNilConfigured(t *testing.T) {
	if got := Project(nil, jm(`{"a":1}`), Options{}); got != nil {
		t.Errorf("Project(nil, ...) = %v, want nil", got)
	}
	if got := Project(nil, nil, Options{}); got != nil {
		t.Errorf("Project(nil, nil) = %v, want nil", got)
	}
}

// Numeric kinds the provider may pass are all accepted (rules 2 and 4).
func TestProjectNumericKinds(t *testing.T) {
	bf, _, _ := big.ParseFloat("5432", 10, 512, big.ToNearestEven)
	for _, conf := range []any{5432, int64(5432), 5432.0, float32(5432), bf, json.Number("5432"), json.Number(bf.Text('g', -1))} {
		got := ProjectValue(conf, "5432", []string{"port"}, Options{})
		if got != conf {
			t.Errorf("%T: same value: got %s, want the configured value", conf, show(got))
		}
		got = ProjectValue(conf, "5433", []string{"port"}, Options{})
		assertDeepEqual(t, got, json.Number("5433"))
		got = ProjectValue(conf, 5433.0, []string{"port"}, Options{})
		assertDeepEqual(t, got, json.Number("5433"))
	}
	// A fractional drift keeps its digits exactly.
	assertDeepEqual(t, ProjectValue(1.5, "1.25", nil, Options{}), json.Number("1.25"))
	assertDeepEqual(t, ProjectValue("1.5", big.NewFloat(1.25), nil, Options{}), "1.25")
}

func TestProjectDoesNotAlias(t *testing.T) {
	conf := jm(`{"t":{"a":"s"},"l":[{"x":1}]}`)
	api := jm(`{"t":"******","l":[{"x":"******"}]}`)
	got := Project(conf, api, Options{})
	jsonAs[map[string]any](t, got["t"])["a"] = "changed"
	jsonAs[map[string]any](t, jsonAs[[]any](t, got["l"])[0])["x"] = "changed"
	assertDeepEqual(t, conf, jm(`{"t":{"a":"s"},"l":[{"x":1}]}`))
}

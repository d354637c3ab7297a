package catalog

import (
	"strings"
	"testing"
)

// TestBuiltinDataLoads: the embedded data loads through Load and holds what
// the live API answers: itunes_connect's connections report service_version
// 1 and get timeframe_months "TWELVE" and app_sync_mode "AllApps" when the
// create leaves them out; google_ads has no default at all; the versions
// differ between types.
func TestBuiltinDataLoads(t *testing.T) {
	c, err := Load(builtinJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Connectors) < 50 || len(c.Destinations) < 16 {
		t.Fatalf("%d connector and %d destination types loaded", len(c.Connectors), len(c.Destinations))
	}
	defaults := func(id string) map[string]any {
		ct, ok := c.Connector(id)
		if !ok {
			t.Fatalf("%s is not in the data", id)
		}
		out := map[string]any{}
		for _, f := range ct.Config {
			if f.Default != nil {
				out[f.Name] = f.Default
			}
		}
		return out
	}
	if got := defaults("itunes_connect"); len(got) != 2 || got["timeframe_months"] != "TWELVE" || got["app_sync_mode"] != "AllApps" {
		t.Errorf("itunes_connect defaults %v, want timeframe_months TWELVE and app_sync_mode AllApps", got)
	}
	if got := defaults("google_ads"); len(got) != 0 {
		t.Errorf("google_ads defaults %v, want none", got)
	}
	for id, want := range map[string]int{"itunes_connect": 1, "google_sheets": 1, "google_ads": 0, "postgres_rds": 0} {
		if ct, _ := c.Connector(id); ct.ServiceVersion != want {
			t.Errorf("%s: service_version %d, want %d", id, ct.ServiceVersion, want)
		}
	}
}

// TestLoadRefuses: what the emulator could not serve is an error naming it,
// not a catalog with a silently dropped rule.
func TestLoadRefuses(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"not JSON", `{`, "unexpected EOF"},
		{"unknown key", `{"connectors":[{"id":"x","schema_format":"schema","config":[{"name":"a","type":"string","secrte":true}]}]}`, `unknown field "secrte"`},
		{"unknown format", `{"connectors":[{"id":"x","schema_format":"schemas"}]}`, `unknown schema_format "schemas"`},
		{"unknown type", `{"connectors":[{"id":"x","schema_format":"schema","config":[{"name":"a","type":"text"}]}]}`, `unknown type "text"`},
		{"array without items", `{"destinations":[{"id":"d","config":[{"name":"a","type":"array"}]}]}`, "an array needs items"},
		{"repeated id", `{"connectors":[{"id":"x","schema_format":"schema"},{"id":"x","schema_format":"schema"}]}`, "repeated id"},
		{"nested unknown type", `{"connectors":[{"id":"x","schema_format":"schema","auth":[{"name":"o","type":"object","fields":[{"name":"b","type":"map"}]}]}]}`, `"b": unknown type "map"`},
	} {
		if _, err := Load([]byte(tc.data)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

package emulator

import (
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

// TestServerDefaultsInConfig: a created itunes_connect connection carries the
// defaults and the service_version the live API answers with (config
// timeframe_months "TWELVE" and app_sync_mode "AllApps", service_version 1),
// in the create's answer and in the next GET; a value sent wins; google_ads
// carries none of them; NoServerDefaults stores config as sent.
func TestServerDefaultsInConfig(t *testing.T) {
	for _, noDefaults := range []bool{false, true} {
		_, c := emuStart(t, func(o *Options) { o.Catalog, o.NoServerDefaults = nil, noDefaults })
		gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
		create := func(service string, cfg map[string]any) (created, read map[string]any) {
			t.Helper()
			created = c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "service": service, "config": cfg, "run_setup_tests": false}), 201, "").data()
			read = c.expect(c.do("GET", "/connections/"+jsonAs[string](t, created["id"]), nil), 200, "").data()
			return created, read
		}

		created, read := create("itunes_connect", map[string]any{"schema": "apple", "username": "me@example.com", "password": "apple-secret"})
		for _, d := range []map[string]any{created, read} {
			cfg := jsonAs[map[string]any](t, d["config"])
			for k, want := range map[string]any{"timeframe_months": "TWELVE", "app_sync_mode": "AllApps"} {
				got, has := cfg[k]
				if noDefaults {
					if has {
						t.Errorf("itunes_connect with NoServerDefaults: config.%s = %v, want absent", k, got)
					}
				} else if got != want {
					t.Errorf("itunes_connect: config.%s = %v (present %v), want %v", k, got, has, want)
				}
			}
			if d["service_version"] != 1.0 {
				t.Errorf("itunes_connect: service_version %v, want 1", d["service_version"])
			}
		}

		created, _ = create("itunes_connect", map[string]any{"schema": "apple2", "timeframe_months": "SIX"})
		if got := jsonAs[map[string]any](t, created["config"])["timeframe_months"]; got != "SIX" {
			t.Errorf("a sent timeframe_months was replaced by the default: %v", got)
		}

		created, read = create("google_ads", map[string]any{"schema": "ads"})
		for _, d := range []map[string]any{created, read} {
			cfg := jsonAs[map[string]any](t, d["config"])
			for _, k := range []string{"timeframe_months", "app_sync_mode"} {
				if v, has := cfg[k]; has {
					t.Errorf("google_ads: config.%s = %v, want absent (no default is recorded for it)", k, v)
				}
			}
			if d["service_version"] != 0.0 {
				t.Errorf("google_ads: service_version %v, want 0", d["service_version"])
			}
		}
	}
}

// TestServiceVersionPerType: every connector type's connections report the
// service_version the catalog's data gives that type, and the data is not
// the same for every type.
func TestServiceVersionPerType(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.Catalog = nil })
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	versions := map[int]int{}
	for _, ct := range catalog.Builtin().Connectors {
		cfg := map[string]any{}
		for _, k := range ct.SchemaFormat.SchemaKeys() {
			cfg[k] = "v_" + ct.ID
		}
		d := c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "service": ct.ID, "config": cfg, "run_setup_tests": false}), 201, "").data()
		if d["service_version"] != float64(ct.ServiceVersion) {
			t.Errorf("%s: service_version %v, want %d (the catalog's data)", ct.ID, d["service_version"], ct.ServiceVersion)
		}
		versions[ct.ServiceVersion]++
	}
	if len(versions) < 2 {
		t.Errorf("every type has the same service_version %v: the test cannot tell the data from a constant", versions)
	}
}

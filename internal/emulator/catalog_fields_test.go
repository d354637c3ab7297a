package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

// The reference data lives outside the project (../shared/fivetran-api from the
// repository root). Tests that need it skip when it is absent.

func catalogSharedDir() string {
	if d := os.Getenv("FIVETRAN_SHARED_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

func catalogRefDir() string { return filepath.Join(catalogSharedDir(), "fivetran-api", "catalog") }

func catalogSpecPath() string {
	if p := os.Getenv("FIVETRAN_OPENAPI_SPEC"); p != "" {
		return p
	}
	return filepath.Join(catalogSharedDir(), "fivetran-api", "openapi.json")
}

// sensitiveKeys returns, per service, the top-level keys a field catalog file
// (fields.json or destination-fields.json) marks sensitive for it.
func sensitiveKeys(t *testing.T, file string) map[string][]string {
	t.Helper()
	p := filepath.Join(catalogRefDir(), file)
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("reference data %s not readable (%v); set FIVETRAN_SHARED_DIR to the shared folder to run this check", p, err)
	}
	var entries map[string]struct {
		Sensitive           bool            `json:"sensitive"`
		Description         map[string]any  `json:"description"`
		SensitiveExclusions map[string]bool `json:"sensitive_exclusions"`
	}
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, name := range slices.Sorted(maps.Keys(entries)) {
		ent := entries[name]
		if !ent.Sensitive {
			continue
		}
		for service := range ent.Description {
			if !ent.SensitiveExclusions[service] {
				out[service] = append(out[service], name)
			}
		}
	}
	return out
}

// maskedSample reports whether the emulator masks a non-empty value of the
// field's kind.
func maskedSample(fields []catalog.Field, name string) bool {
	var f *catalog.Field
	for i := range fields {
		if fields[i].Name == name {
			f = &fields[i]
		}
	}
	v := any("plain-value")
	if f != nil {
		switch f.Type {
		case "array":
			v = []any{"plain-value"}
		case "object":
			v = map[string]any{"k": "plain-value"}
		case "integer":
			v = json.Number("5")
		case "boolean":
			v = true
		}
	}
	got, _ := json.Marshal(maskConfig(map[string]any{name: v}, fields)[name])
	want, _ := json.Marshal(v)
	return f != nil && string(got) != string(want)
}

// TestBuiltinCatalogMasksSensitiveFields: every key Fivetran's field catalog
// marks sensitive for a type the built-in catalog knows is masked by the
// emulator, also where the spec's per-service schema does not list it
// (github pat, itunes_connect password).
func TestBuiltinCatalogMasksSensitiveFields(t *testing.T) {
	conns, dests := sensitiveKeys(t, "fields.json"), sensitiveKeys(t, "destination-fields.json")
	c := catalog.Builtin()
	checked := 0
	for _, ct := range c.Connectors {
		for _, k := range conns[ct.ID] {
			checked++
			if masked := maskedSample(ct.Config, k); !masked {
				t.Errorf("connector type %s: config key %q is sensitive in fields.json but the emulator returns it in clear", ct.ID, k)
			}
		}
	}
	for _, dt := range c.Destinations {
		for _, k := range dests[dt.ID] {
			checked++
			if masked := maskedSample(dt.Config, k); !masked {
				t.Errorf("destination type %s: config key %q is sensitive in destination-fields.json but the emulator returns it in clear", dt.ID, k)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d sensitive keys checked: the check proves nothing", checked)
	}
}

// TestSpecCatalogMasksSensitiveFields: the catalog read from the spec
// (-catalog FILE) plus the field catalog beside it masks every sensitive key,
// although the spec's schemas leave some of them out.
func TestSpecCatalogMasksSensitiveFields(t *testing.T) {
	spec := catalogSpecPath()
	if _, err := os.Stat(spec); err != nil {
		t.Skipf("published spec %s not readable (%v); set FIVETRAN_SHARED_DIR or FIVETRAN_OPENAPI_SPEC to run this test", spec, err)
	}
	conns, dests := sensitiveKeys(t, "fields.json"), sensitiveKeys(t, "destination-fields.json")
	c, err := catalog.LoadOpenAPI(spec)
	if err != nil {
		t.Fatal(err)
	}
	if gh, _ := c.Connector("github"); gh != nil {
		if masked := maskedSample(gh.Config, "pat"); masked {
			t.Fatal("the spec alone already masks github pat: this test no longer shows what AddSensitiveFields adds")
		}
	}
	n, err := c.AddSensitiveFields(catalogRefDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("field catalog marked or added %d secret fields", n)
	checked := 0
	for service, keys := range conns {
		ct, ok := c.Connector(service)
		if !ok {
			continue
		}
		for _, k := range keys {
			checked++
			if masked := maskedSample(ct.Config, k); !masked {
				t.Errorf("connector type %s: config key %q is returned in clear", service, k)
			}
		}
	}
	for service, keys := range dests {
		dt, ok := c.Destination(service)
		if !ok {
			continue
		}
		for _, k := range keys {
			checked++
			if masked := maskedSample(dt.Config, k); !masked {
				t.Errorf("destination type %s: config key %q is returned in clear", service, k)
			}
		}
	}
	if checked < 500 {
		t.Fatalf("only %d sensitive keys checked", checked)
	}
	if n2, err := c.AddSensitiveFields(catalogRefDir()); err != nil || n2 != 0 {
		t.Errorf("a second AddSensitiveFields changed %d fields (%v); want none", n2, err)
	}
	if n, err := c.AddSensitiveFields(t.TempDir()); err != nil || n != 0 {
		t.Errorf("a folder without field catalogs: %d %v", n, err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "fields.json"), []byte("[1]"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddSensitiveFields(bad); err == nil {
		t.Error("a malformed fields.json was accepted")
	}
}

// TestUndeclaredSecretsMaskedOverHTTP: github pat and itunes_connect password
// come back masked from the built-in catalog, as the live API returns them.
func TestUndeclaredSecretsMaskedOverHTTP(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.Catalog = nil })
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	for service, cfg := range map[string]map[string]any{
		"github":         {"schema": "gh", "auth_mode": "PersonalAccessToken", "pat": "ghp_plain"},
		"itunes_connect": {"schema": "apple", "username": "me@example.com", "password": "apple-plain"},
	} {
		d := c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "service": service, "config": cfg, "run_setup_tests": false}), 201, "").data()
		id := jsonAs[string](t, d["id"])
		got := jsonAs[map[string]any](t, c.expect(c.do("GET", "/connections/"+id, nil), 200, "").data()["config"])
		for k, v := range cfg {
			if k == "pat" || k == "password" {
				if got[k] != maskValue {
					t.Errorf("%s: config.%s = %v, want masked", service, k, got[k])
				}
			} else if got[k] != v {
				t.Errorf("%s: config.%s = %v, want %v", service, k, got[k], v)
			}
		}
	}
}

// TestMetadataAsLive: metadata carries what the live answers carry (API.md,
// "Connector metadata"): display name, type, description, icon_url with icons in two
// formats, connector_class, service_status with its date, supported
// features.
func TestMetadataAsLive(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.Catalog = nil })
	m := c.expect(c.do("GET", "/metadata/connector-types/google_sheets", nil), 200, "").data()
	for _, k := range []string{"name", "type", "description", "icon_url", "link_to_docs", "link_to_erd", "connector_class", "service_status"} {
		if s, _ := m[k].(string); s == "" {
			t.Errorf("%s is empty: %v", k, m[k])
		}
	}
	if m["name"] != "Google Sheets" || m["type"] != "File" {
		t.Errorf("name/type: %v %v", m["name"], m["type"])
	}
	icons, _ := m["icons"].([]any)
	if len(icons) != 2 || !strings.HasSuffix(fmt.Sprint(icons[0]), ".png") || !strings.HasSuffix(fmt.Sprint(icons[1]), ".svg") {
		t.Errorf("icons: %v", m["icons"])
	}
	if _, err := time.Parse(time.DateOnly, fmt.Sprint(m["service_status_updated_at"])); err != nil {
		t.Errorf("service_status_updated_at: %v", m["service_status_updated_at"])
	}
	if feats, _ := m["supported_features"].([]any); len(feats) < 2 {
		t.Errorf("supported_features: %v", m["supported_features"])
	}
}

// TestFieldRules: the rules table in action on updates: an immutable field may
// be repeated but not changed, a null unsets a clearable field (and counts as
// a change), test flags alone are refused, create-only fields are ignored.
func TestFieldRules(t *testing.T) {
	_, c := emuStart(t, nil)
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	id := jsonAs[string](t, c.expect(c.conn(gid, "x", map[string]any{"private_link_id": c.privateLink("pl_1"), "run_setup_tests": false}), 201, "").data()["id"])
	path := "/connections/" + id
	c.expect(c.do("PATCH", path, map[string]any{"group_id": gid, "paused": true}), 200, "Success")
	r := c.expect(c.do("PATCH", path, map[string]any{"group_id": "other_group"}), 400, "InvalidInput")
	if r.Body["message"] != "Field 'group_id' cannot be changed after the connection is created" {
		t.Error(r.Raw)
	}
	d := c.expect(c.do("PATCH", path, map[string]any{"private_link_id": nil}), 200, "Success").data()
	if v, has := d["private_link_id"]; !has || v != nil {
		t.Errorf("private_link_id after a null: %v %v", v, has)
	}
	c.expect(c.do("PATCH", path, map[string]any{"run_setup_tests": true}), 400, "InvalidInput")
	c.expect(c.do("PATCH", path, map[string]any{"connect_card_config": map[string]any{"redirect_uri": "https://x.test"}}), 400, "InvalidInput")
	c.expect(c.do("PATCH", path, map[string]any{"data_delay_threshold": -1}), 400, "InvalidInput")
	d = c.expect(c.do("PATCH", path, map[string]any{"sync_frequency": "1440", "daily_sync_time": "03:00"}), 200, "Success").data()
	if d["sync_frequency"] != 1440.0 || d["daily_sync_time"] != "03:00" {
		t.Errorf("sync_frequency %v daily_sync_time %v", d["sync_frequency"], d["daily_sync_time"])
	}
	d = c.expect(c.do("PATCH", path, map[string]any{"daily_sync_time": nil}), 200, "Success").data()
	if d["daily_sync_time"] != nil {
		t.Errorf("daily_sync_time after a null: %v", d["daily_sync_time"])
	}

	dest := c.expect(c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"proxy_agent_id": c.proxyAgent("agent_1"), "run_setup_tests": false}), 201, "").data()
	if dest["region"] != "GCP_US_EAST4" || dest["networking_method"] != "Directly" || dest["daylight_saving_time_enabled"] != false {
		t.Errorf("destination defaults: %v", dest)
	}
	c.expect(c.do("PATCH", "/destinations/"+gid, map[string]any{"proxy_agent_id": ""}), 400, "InvalidInput")
	d = c.expect(c.do("PATCH", "/destinations/"+gid, map[string]any{"proxy_agent_id": nil, "service": "postgres_warehouse"}), 200, "Success").data()
	if v, has := d["proxy_agent_id"]; !has || v != nil {
		t.Errorf("proxy_agent_id after null: %v %v", v, has)
	}
	r = c.expect(c.do("PATCH", "/destinations/"+gid, map[string]any{"service": "snowflake"}), 400, "InvalidInput")
	if r.Body["message"] != "Field 'service' cannot be changed" {
		t.Error(r.Raw)
	}
}

package emulator

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

// emuTestCatalog is a tiny catalog for these tests (independent of the
// built-in one).
func emuTestCatalog() *catalog.Catalog {
	secret := func(name string) catalog.Field { return catalog.Field{Name: name, Type: "string", Secret: true} }
	s := func(name string) catalog.Field { return catalog.Field{Name: name, Type: "string"} }
	return &catalog.Catalog{
		Connectors: []catalog.ConnectorType{
			{
				ID: "test_service", Name: "Test Service", Type: "API", ServiceStatus: "general_availability",
				ConnectorClass: "standard", SupportedFeatures: []string{"API_CONFIGURABLE"}, SchemaFormat: catalog.FormatSchema,
				Config: []catalog.Field{
					secret("api_key"), s("account_id"),
					{Name: "page_size", Type: "integer"},
					{Name: "mode", Type: "string", Enum: []string{"fast", "slow"}},
					{Name: "start_date", Type: "string", Immutable: true},
					{Name: "credentials", Type: "object", Fields: []catalog.Field{s("username"), secret("password")}},
					{Name: "accounts", Type: "array", Items: &catalog.Field{Type: "object", Fields: []catalog.Field{s("name"), secret("token")}}},
					{Name: "tokens", Type: "array", Items: &catalog.Field{Type: "string", Secret: true}},
				},
				Auth: []catalog.Field{
					{Name: "client_access", Type: "object", Fields: []catalog.Field{s("client_id"), secret("client_secret")}},
					secret("refresh_token"),
				},
			},
			{ID: "table_service", Name: "Table Service", Type: "File", SchemaFormat: catalog.FormatSchemaTable, Config: []catalog.Field{s("host")}},
			{ID: "prefix_service", Name: "Prefix Service", Type: "Database", SchemaFormat: catalog.FormatSchemaPrefix, Config: []catalog.Field{s("host"), secret("password")}},
		},
		Destinations: []catalog.DestinationType{
			{ID: "postgres_warehouse", Name: "PostgreSQL", Config: []catalog.Field{
				s("host"), {Name: "port", Type: "integer"}, s("user"), secret("password"), s("database"),
			}},
		},
	}
}

type emuClient struct {
	t    *testing.T
	base string
	key  string
	sec  string
}

type emuResp struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    string
}

func (r *emuResp) data() map[string]any {
	d, _ := r.Body["data"].(map[string]any)
	return d
}

func (r *emuResp) items() []any {
	it, _ := r.data()["items"].([]any)
	return it
}

func emuStart(t *testing.T, mod func(*Options)) (*Running, *emuClient) {
	t.Helper()
	opts := Options{APIKey: "k", APISecret: "s", Catalog: emuTestCatalog(), Seed: 7}
	if mod != nil {
		mod(&opts)
	}
	r, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return r, &emuClient{t: t, base: r.URL, key: opts.APIKey, sec: opts.APISecret}
}

func (c *emuClient) do(method, path string, body any, hdr ...string) *emuResp {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		switch b := body.(type) {
		case string:
			rd = strings.NewReader(b)
		default:
			buf, _ := json.Marshal(b)
			rd = bytes.NewReader(buf)
		}
	}
	req, err := http.NewRequestWithContext(context.Background(), method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.SetBasicAuth(c.key, c.sec)
	if method == "POST" || method == "PATCH" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &emuResp{Status: resp.StatusCode, Header: resp.Header, Raw: string(raw)}
	if err := json.Unmarshal(raw, &out.Body); err != nil {
		c.t.Fatalf("%s %s: non-JSON body %q", method, path, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		c.t.Fatalf("%s %s: content-type %q", method, path, ct)
	}
	if _, found := out.Body["code"].(string); !found {
		c.t.Fatalf("%s %s: no code in %s", method, path, raw)
	}
	if resp.Header.Get("X-Rate-Limit") == "" || resp.Header.Get("X-Rate-Limit-Remaining") == "" {
		c.t.Fatalf("%s %s: missing rate-limit headers", method, path)
	}
	return out
}

func (c *emuClient) expect(r *emuResp, status int, code string) *emuResp {
	c.t.Helper()
	if r.Status != status || (code != "" && r.Body["code"] != code) {
		c.t.Fatalf("want %d %s, got %d %s", status, code, r.Status, r.Raw)
	}
	return r
}

// setup creates a group named "g" with a destination and returns the group id.
func (c *emuClient) setup() string {
	c.t.Helper()
	g := c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "Success").data()
	id := jsonAs[string](c.t, g["id"])
	c.expect(c.do("POST", "/destinations", map[string]any{
		"group_id": id, "service": "postgres_warehouse", "time_zone_offset": "0",
		"config": map[string]any{"host": "db", "port": 5432, "password": "pw"},
	}), 201, "Success")
	return id
}

// proxyAgent creates a proxy agent named name and returns its id: a
// proxy_agent_id must name one.
func (c *emuClient) proxyAgent(name string) string {
	c.t.Helper()
	r := c.expect(c.do("POST", "/proxy", map[string]any{"display_name": name, "group_region": "GCP_US_EAST4"}), 201, "Success")
	return jsonAs[string](c.t, r.data()["agent_id"])
}

// hybridAgent creates a hybrid deployment agent named name in group gid
// and returns its id: a hybrid_deployment_agent_id must name one.
func (c *emuClient) hybridAgent(gid, name string) string {
	c.t.Helper()
	r := c.expect(c.do("POST", "/hybrid-deployment-agents", map[string]any{"group_id": gid, "display_name": name, "env_type": "DOCKER",
		"accept_terms": true}), 201, "Success")
	return jsonAs[string](c.t, r.data()["id"])
}

// privateLink creates a private link named name and returns its id: a
// private_link_id must name one.
func (c *emuClient) privateLink(name string) string {
	c.t.Helper()
	r := c.expect(c.do("POST", "/private-links", map[string]any{"name": name, "region": "GCP_US_EAST4", "service": "SOURCE_GCP",
		"config": map[string]any{"private_connection_service_id": "projects/p/regions/us-east4/serviceAttachments/db"}}), 201, "Success")
	return jsonAs[string](c.t, r.data()["id"])
}

func (c *emuClient) conn(group, schema string, extra map[string]any) *emuResp {
	c.t.Helper()
	cfg := map[string]any{"schema": schema, "api_key": "secret-key"}
	body := map[string]any{"group_id": group, "service": "test_service", "config": cfg}
	for k, v := range extra {
		if k == "config" {
			for ck, cv := range jsonAs[map[string]any](c.t, v) {
				cfg[ck] = cv
			}
			continue
		}
		body[k] = v
	}
	return c.do("POST", "/connections", body)
}

var idRe = regexp.MustCompile(`^[a-z]+_[a-z]+$`)
var tsRe = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)

func TestAuthContentTypeAccept(t *testing.T) {
	_, c := emuStart(t, nil)
	bad := *c
	bad.sec = "wrong"
	r := bad.expect(bad.do("GET", "/groups", nil), 401, "AuthFailed")
	if r.Body["message"] == "" {
		t.Fatal("401 without message")
	}
	c.expect(c.do("GET", "/groups", nil, "Authorization", ""), 401, "")

	c.expect(c.do("POST", "/groups", map[string]any{"name": "x"}, "Content-Type", ""), 415, "")
	c.expect(c.do("POST", "/groups", map[string]any{"name": "x"}, "Content-Type", "text/plain"), 415, "")
	c.expect(c.do("PATCH", "/groups/nope_nope", map[string]any{"name": "x"}, "Content-Type", ""), 415, "")
	c.expect(c.do("POST", "/groups", map[string]any{"name": "x"}, "Content-Type", "application/json; charset=utf-8"), 201, "Success")

	for _, a := range []string{"", "application/json", "*/*", "application/json;version=2", "application/json; version=2", "text/html, application/json;q=0.9"} {
		c.expect(c.do("GET", "/groups", nil, "Accept", a), 200, "Success")
	}
	for _, a := range []string{"text/html", "application/xml", "application/json;version=3"} {
		c.expect(c.do("GET", "/groups", nil, "Accept", a), 406, "")
	}
	c.expect(c.do("GET", "/nothing/here", nil), 404, "NotFound")
	r = c.expect(c.do("PUT", "/groups", map[string]any{}), 405, "")
	if r.Header.Get("Allow") == "" {
		t.Fatal("405 without Allow")
	}
	c.expect(c.do("POST", "/groups", "{not json"), 400, "InvalidInput")
	c.expect(c.do("POST", "/groups", "[1]"), 400, "InvalidInput")
}

// TestOnlyTheAPITheProjectUses: routes no client of the project calls are not
// served (a plain 404 NotFound, as for any unknown path): account info, and
// the legacy /v1/connectors, /force and /metadata/connectors names. (A
// group's users are served: they are the user memberships of users.go; so
// are its public key and service account, group_keys.go.)
func TestOnlyTheAPITheProjectUses(t *testing.T) {
	_, c := emuStart(t, nil)
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	id := jsonAs[string](t, c.expect(c.conn(gid, "x", map[string]any{"run_setup_tests": false}), 201, "").data()["id"])
	for _, r := range [][2]string{
		{"GET", "/account/info"},
		{"GET", "/groups/" + gid + "/connectors"},
		{"GET", "/connectors"},
		{"GET", "/connectors/" + id},
		{"POST", "/connections/" + id + "/force"},
		{"GET", "/metadata/connectors"},
		{"GET", "/metadata/connections/test_service"},
	} {
		c.expect(c.do(r[0], r[1], map[string]any{}), 404, "NotFound")
	}
	// A schema config is made by discovery, never by a create the project sends.
	c.expect(c.do("POST", "/connections/"+id+"/schemas", map[string]any{"schemas": map[string]any{}}), 405, "MethodNotAllowed")
}

func TestGroupsCRUDAndPagination(t *testing.T) {
	_, c := emuStart(t, nil)
	seen := map[string]bool{}
	for i := 0; i < 7; i++ {
		g := c.expect(c.do("POST", "/groups", map[string]any{"name": fmt.Sprintf("g%d", i)}), 201, "Success")
		if g.Body["message"] != "Group has been created" {
			t.Fatal(g.Raw)
		}
		d := g.data()
		id := jsonAs[string](t, d["id"])
		if !idRe.MatchString(id) || seen[id] {
			t.Fatalf("bad or duplicate id %q", id)
		}
		seen[id] = true
		if !tsRe.MatchString(jsonAs[string](t, d["created_at"])) {
			t.Fatalf("bad created_at %v", d["created_at"])
		}
	}
	// Three pages with limit 3.
	var names []string
	cursor := ""
	pages := 0
	for {
		path := "/groups?limit=3"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := c.expect(c.do("GET", path, nil), 200, "Success")
		pages++
		for _, it := range r.items() {
			names = append(names, jsonAs[string](t, jsonAs[map[string]any](t, it)["name"]))
		}
		nc, has := r.data()["next_cursor"].(string)
		if !has {
			break
		}
		raw, err := base64.RawURLEncoding.DecodeString(nc)
		if err != nil || !strings.HasPrefix(string(raw), `{"skip":`) {
			t.Fatalf("cursor %q", nc)
		}
		cursor = nc
	}
	if pages != 3 || strings.Join(names, ",") != "g0,g1,g2,g3,g4,g5,g6" {
		t.Fatalf("pages=%d names=%v", pages, names)
	}
	for _, q := range []string{"limit=0", "limit=1001", "limit=x", "cursor=!!!", "cursor=bm90IGpzb24"} {
		c.expect(c.do("GET", "/groups?"+q, nil), 400, "InvalidInput")
	}
	// Read, rename, delete.
	var id string
	for k := range seen {
		id = k
		break
	}
	c.expect(c.do("GET", "/groups/"+id, nil), 200, "Success")
	r := c.expect(c.do("PATCH", "/groups/"+id, map[string]any{"name": "renamed"}), 200, "Success")
	if r.data()["name"] != "renamed" || r.data()["id"] != id {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("PATCH", "/groups/"+id, map[string]any{"name": ""}), 400, "InvalidInput")
	r = c.expect(c.do("DELETE", "/groups/"+id, nil), 200, "Success")
	if r.Body["message"] != "Group with id '"+id+"' has been deleted" || r.Body["data"] != nil {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("GET", "/groups/"+id, nil), 404, "NotFound_Group")
	c.expect(c.do("DELETE", "/groups/"+id, nil), 404, "NotFound_Group")
	c.expect(c.do("POST", "/groups", map[string]any{}), 400, "InvalidInput")
}

func TestStrictGroupNames(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.StrictGroupNames = true })
	c.expect(c.do("POST", "/groups", map[string]any{"name": "dup"}), 201, "")
	c.expect(c.do("POST", "/groups", map[string]any{"name": "dup"}), 409, "Conflict")
	c.expect(c.do("POST", "/groups", map[string]any{"name": "1bad name"}), 400, "InvalidInput")
	_, c2 := emuStart(t, nil)
	c2.expect(c2.do("POST", "/groups", map[string]any{"name": "dup"}), 201, "")
	c2.expect(c2.do("POST", "/groups", map[string]any{"name": "dup"}), 201, "")
}

func TestDestinations(t *testing.T) {
	_, c := emuStart(t, nil)
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	base := map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "+3",
		"config": map[string]any{"host": "h", "port": 5432, "password": "pw", "user": ""}}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range base {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	c.expect(c.do("POST", "/destinations", with("group_id", nil)), 400, "InvalidInput")
	c.expect(c.do("POST", "/destinations", with("service", "nope")), 400, "InvalidInput")
	c.expect(c.do("POST", "/destinations", with("group_id", "missing_group")), 404, "")
	c.expect(c.do("POST", "/destinations", with("time_zone_offset", nil)), 400, "InvalidInput")
	c.expect(c.do("POST", "/destinations", with("time_zone_offset", "3")), 400, "InvalidInput")
	r := c.expect(c.do("POST", "/destinations", with("region", "")), 400, "InvalidInput")
	if r.Body["message"] != "region cannot be empty" {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("POST", "/destinations", with("region", "MARS")), 400, "InvalidInput")
	c.expect(c.do("POST", "/destinations", with("networking_method", "Carrier")), 400, "InvalidInput")

	r = c.expect(c.do("POST", "/destinations", base), 201, "Success")
	d := r.data()
	if d["id"] != gid || d["region"] != "GCP_US_EAST4" || d["networking_method"] != "Directly" ||
		d["daylight_saving_time_enabled"] != false || d["setup_status"] != "connected" {
		t.Fatal(r.Raw)
	}
	cfg := jsonAs[map[string]any](t, d["config"])
	if cfg["password"] != "******" || cfg["port"] != "5432" || cfg["user"] != "" || cfg["host"] != "h" {
		t.Fatalf("config %v", cfg)
	}
	if tests, _ := d["setup_tests"].([]any); len(tests) == 0 {
		t.Fatal("no setup_tests on create")
	}
	c.expect(c.do("POST", "/destinations", base), 409, "Conflict")

	got := c.expect(c.do("GET", "/destinations/"+gid, nil), 200, "Success").data()
	if got["config"] == nil || got["setup_tests"] != nil {
		t.Fatal(got)
	}
	list := c.expect(c.do("GET", "/destinations", nil), 200, "Success").items()
	if len(list) != 1 || jsonAs[map[string]any](t, list[0])["config"] != nil {
		t.Fatal(list)
	}
	r = c.expect(c.do("PATCH", "/destinations/"+gid, map[string]any{"region": "GCP_AUSTRALIA_SOUTHEAST1", "config": map[string]any{"host": "h2", "user": nil}}), 200, "Success")
	cfg = jsonAs[map[string]any](t, r.data()["config"])
	if r.data()["region"] != "GCP_AUSTRALIA_SOUTHEAST1" || r.data()["time_zone_offset"] != "+3" || cfg["host"] != "h2" || cfg["password"] != "******" {
		t.Fatal(r.Raw)
	}
	if _, has := cfg["user"]; has {
		t.Fatal("null did not delete user")
	}
	c.expect(c.do("PATCH", "/destinations/"+gid, map[string]any{"region": ""}), 400, "InvalidInput")
	c.expect(c.do("PATCH", "/destinations/"+gid, map[string]any{"service": "snowflake"}), 400, "InvalidInput")
	r = c.expect(c.do("POST", "/destinations/"+gid+"/test", map[string]any{}), 200, "Success")
	if len(jsonAs[[]any](t, r.data()["setup_tests"])) == 0 {
		t.Fatal(r.Raw)
	}
	// Destination delete is blocked by connections.
	conn := jsonAs[string](t, c.expect(c.conn(gid, "s1", nil), 201, "Success").data()["id"])
	r = c.expect(c.do("DELETE", "/destinations/"+gid, nil), 409, "Conflict")
	if !strings.Contains(jsonAs[string](t, r.Body["message"]), conn) {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("DELETE", "/connections/"+conn, nil), 200, "Success")
	r = c.expect(c.do("DELETE", "/destinations/"+gid, nil), 200, "Success")
	if r.Body["message"] != "Destination with id '"+gid+"' has been deleted" {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("GET", "/destinations/"+gid, nil), 404, "NotFound_Destination")
}

func TestGroupDeleteRules(t *testing.T) {
	r, c := emuStart(t, nil)
	gid := c.setup()
	cid := jsonAs[string](t, c.expect(c.conn(gid, "s", nil), 201, "").data()["id"])
	c.expect(c.do("DELETE", "/groups/"+gid, nil), 409, "Conflict")
	c.expect(c.do("DELETE", "/connections/"+cid, nil), 200, "")
	c.expect(c.do("DELETE", "/groups/"+gid, nil), 200, "Success")
	if _, found := r.Get("destination", gid); found {
		t.Fatal("destination not cascaded")
	}
	_, sc := emuStart(t, func(o *Options) { o.StrictGroupDelete = true })
	gid = sc.setup()
	sc.expect(sc.do("DELETE", "/groups/"+gid, nil), 409, "Conflict")
	sc.expect(sc.do("DELETE", "/destinations/"+gid, nil), 200, "")
	sc.expect(sc.do("DELETE", "/groups/"+gid, nil), 200, "")
}

func TestConnectionLifecycle(t *testing.T) {
	emu, c := emuStart(t, nil)
	gid := c.setup()
	// Validation.
	c.expect(c.do("POST", "/connections", map[string]any{"service": "test_service", "config": map[string]any{"schema": "x"}}), 400, "InvalidInput")
	c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "config": map[string]any{"schema": "x"}}), 400, "InvalidInput")
	c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "test_service"}), 400, "InvalidInput")
	r := c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "nope", "config": map[string]any{}}), 400, "InvalidInput")
	if r.Body["message"] != "Unsupported service 'nope'" {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("POST", "/connections", map[string]any{"group_id": "no_group", "service": "test_service", "config": map[string]any{"schema": "x"}}), 404, "NotFound_Group")
	r = c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "test_service", "config": map[string]any{}}), 400, "InvalidInput")
	if r.Body["message"] != "Field 'schema' is required" {
		t.Fatal(r.Raw)
	}
	for k, v := range map[string]any{
		"sync_frequency": 7, "schedule_type": "sometimes", "data_delay_sensitivity": "MEH",
		"networking_method": "Pigeon", "destination_schema_names": "X", "daily_sync_time": "10:30",
	} {
		c.expect(c.conn(gid, "x", map[string]any{k: v}), 400, "InvalidInput")
	}
	c.expect(c.conn(gid, "x", map[string]any{"config": map[string]any{"page_size": "abc"}}), 400, "InvalidInput")
	c.expect(c.conn(gid, "x", map[string]any{"config": map[string]any{"mode": "medium"}}), 400, "InvalidInput")

	// Create with defaults, nulls as absent, masking, auth never returned.
	r = c.expect(c.conn(gid, "main", map[string]any{
		"data_delay_sensitivity": nil, "data_delay_threshold": nil, "run_setup_tests": true,
		"auth": map[string]any{"refresh_token": "rt", "client_access": map[string]any{"client_id": "ci", "client_secret": "cs"}},
		"config": map[string]any{"page_size": "50", "unknown_key": "kept", "start_date": "2024-01-01", "account_id": "",
			"credentials": map[string]any{"username": "u", "password": "p"},
			"accounts":    []any{map[string]any{"name": "a", "token": "t"}, map[string]any{"name": "b", "token": ""}},
			"tokens":      []any{"x", "y"}},
	}), 201, "Success")
	d := r.data()
	id := jsonAs[string](t, d["id"])
	want := map[string]any{"paused": false, "pause_after_trial": false, "sync_frequency": 360.0, "schedule_type": "auto",
		"data_delay_sensitivity": "NORMAL", "data_delay_threshold": 0.0, "networking_method": "Directly",
		"service_version": 0.0, "connected_by": "emulator_user", "schema": "main", "group_id": gid, "service": "test_service"}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("%s = %v, want %v", k, d[k], v)
		}
	}
	if v, has := d["daily_sync_time"]; !has || v != nil {
		t.Errorf("daily_sync_time should be null (the live API's unset fields), got %v %v", v, has)
	}
	if !idRe.MatchString(id) || !tsRe.MatchString(jsonAs[string](t, d["created_at"])) {
		t.Fatal(d)
	}
	st := jsonAs[map[string]any](t, d["status"])
	if st["setup_state"] != "connected" || st["sync_state"] != "scheduled" || st["update_state"] != "on_schedule" || st["is_historical_sync"] != true {
		t.Fatal(st)
	}
	tests := jsonAs[[]any](t, d["setup_tests"])
	if jsonAs[map[string]any](t, tests[0])["status"] != "PASSED" {
		t.Fatal(tests)
	}
	if strings.Contains(r.Raw, `"auth"`) || strings.Contains(r.Raw, "rt") && strings.Contains(r.Raw, `"refresh_token"`) {
		t.Fatal("auth returned: " + r.Raw)
	}
	cfg := jsonAs[map[string]any](t, d["config"])
	if cfg["api_key"] != "******" || cfg["page_size"] != "50" || cfg["unknown_key"] != "kept" || cfg["account_id"] != "" {
		t.Fatalf("config %v", cfg)
	}
	if jsonAs[map[string]any](t, cfg["credentials"])["password"] != "******" || jsonAs[map[string]any](t, cfg["credentials"])["username"] != "u" {
		t.Fatal(cfg["credentials"])
	}
	accts := jsonAs[[]any](t, cfg["accounts"])
	if jsonAs[map[string]any](t, accts[0])["token"] != "******" || jsonAs[map[string]any](t, accts[1])["token"] != "" || jsonAs[map[string]any](t, accts[0])["name"] != "a" {
		t.Fatal(accts)
	}
	if fmt.Sprint(cfg["tokens"]) != "[****** ******]" {
		t.Fatal(cfg["tokens"])
	}
	// Unmasked out of band, auth stored.
	raw, _ := emu.Get("connection", id)
	if jsonAs[map[string]any](t, raw["config"])["api_key"] != "secret-key" {
		t.Fatal(raw)
	}
	// Duplicate schema.
	c.expect(c.conn(gid, "main", nil), 409, "Conflict")

	// GET has config, no setup_tests.
	g := c.expect(c.do("GET", "/connections/"+id, nil), 200, "Success").data()
	if g["setup_tests"] != nil || g["config"] == nil || g["auth"] != nil {
		t.Fatal(g)
	}

	// PATCH rules.
	c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"run_setup_tests": true, "trust_certificates": true}), 400, "InvalidInput")
	c.expect(c.do("PATCH", "/connections/"+id, map[string]any{}), 400, "InvalidInput")
	for _, body := range []map[string]any{
		{"group_id": "other_group"}, {"service": "table_service"}, {"destination_schema_names": "SOURCE_NAMING"},
		{"config": map[string]any{"schema": "other"}}, {"config": map[string]any{"schema": nil}},
		{"config": map[string]any{"start_date": "2025-01-01"}},
	} {
		c.expect(c.do("PATCH", "/connections/"+id, body), 400, "InvalidInput")
	}
	r = c.expect(c.do("PATCH", "/connections/"+id, map[string]any{
		"paused": true, "sync_frequency": 1440, "daily_sync_time": "03:00",
		"config": map[string]any{"account_id": "acc", "unknown_key": nil, "schema": "main"},
	}), 200, "Success")
	d = r.data()
	cfg = jsonAs[map[string]any](t, d["config"])
	if d["paused"] != true || jsonAs[map[string]any](t, d["status"])["sync_state"] != "paused" || d["daily_sync_time"] != "03:00" || d["sync_frequency"] != 1440.0 {
		t.Fatal(r.Raw)
	}
	if cfg["account_id"] != "acc" || cfg["page_size"] != "50" || cfg["api_key"] != "******" {
		t.Fatal(cfg)
	}
	if _, has := cfg["unknown_key"]; has {
		t.Fatal("null did not delete")
	}
	if d["setup_tests"] != nil {
		t.Fatal("tests ran without run_setup_tests")
	}
	d = c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"paused": false, "sync_frequency": 60}), 200, "").data()
	if jsonAs[map[string]any](t, d["status"])["sync_state"] != "scheduled" || d["daily_sync_time"] != nil {
		t.Fatal(d)
	}
	// Lists with filters.
	c.expect(c.conn(gid, "second", nil), 201, "")
	items := c.expect(c.do("GET", "/connections?group_id="+gid+"&schema=main", nil), 200, "").items()
	if len(items) != 1 || jsonAs[map[string]any](t, items[0])["id"] != id {
		t.Fatal(items)
	}
	if len(c.expect(c.do("GET", "/groups/"+gid+"/connections", nil), 200, "").items()) != 2 {
		t.Fatal("group connections")
	}
	if len(c.expect(c.do("GET", "/groups/"+gid+"/connections?schema=second", nil), 200, "").items()) != 1 {
		t.Fatal("group connections filtered by schema")
	}
	// Sync, test, connect card.
	r = c.expect(c.do("POST", "/connections/"+id+"/sync", map[string]any{"force": true}), 200, "Success")
	if r.Body["message"] != "Sync has been successfully triggered for connection with id '"+id+"'" {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("POST", "/connections/"+id+"/test", ""), 400, "InvalidInput")
	r = c.expect(c.do("POST", "/connections/"+id+"/test", map[string]any{}), 200, "Success")
	if r.data()["setup_tests"] == nil {
		t.Fatal(r.Raw)
	}
	r = c.expect(c.do("POST", "/connections/"+id+"/connect-card", map[string]any{"connect_card_config": map[string]any{"redirect_uri": "https://x.test/cb", "hide_setup_guide": true}}), 200, "Success")
	cc := r.data()
	if cc["connector_id"] != id || jsonAs[map[string]any](t, cc["connect_card"])["token"] == "" || !strings.Contains(jsonAs[string](t, jsonAs[map[string]any](t, cc["connect_card"])["uri"]), "redirect_uri=") {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("POST", "/connections/"+id+"/connect-card", map[string]any{}), 400, "InvalidInput")

	// Delete, no reuse.
	r = c.expect(c.do("DELETE", "/connections/"+id, nil), 200, "Success")
	if r.Body["message"] != "Connection with id '"+id+"' has been deleted" {
		t.Fatal(r.Raw)
	}
	c.expect(c.do("GET", "/connections/"+id, nil), 404, "NotFound_Connector")
	c.expect(c.do("DELETE", "/connections/"+id, nil), 404, "NotFound_Connector")
}

func TestSchemaFormatsAndNotFoundCode(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.NotFoundConnectionCode = true })
	gid := c.setup()
	body := map[string]any{"group_id": gid, "service": "table_service", "config": map[string]any{"schema": "s"}}
	r := c.expect(c.do("POST", "/connections", body), 400, "InvalidInput")
	if r.Body["message"] != "Field 'table' is required" {
		t.Fatal(r.Raw)
	}
	body["config"] = map[string]any{"schema": "s", "table": "t"}
	if c.expect(c.do("POST", "/connections", body), 201, "").data()["schema"] != "s.t" {
		t.Fatal("schema.table")
	}
	c.expect(c.do("POST", "/connections", body), 409, "Conflict")
	body = map[string]any{"group_id": gid, "service": "prefix_service", "run_setup_tests": false, "config": map[string]any{"schema_prefix": "p", "password": "x"}}
	d := c.expect(c.do("POST", "/connections", body), 201, "").data()
	if d["schema"] != "p" || jsonAs[map[string]any](t, d["status"])["setup_state"] != "incomplete" || d["setup_tests"] != nil {
		t.Fatal(d)
	}
	c.expect(c.do("GET", "/connections/none_such", nil), 404, "NotFound_Connection")
}

func TestStrictConfig(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.StrictConfig = true })
	gid := c.setup()
	c.expect(c.conn(gid, "a", map[string]any{"config": map[string]any{"bogus": 1}}), 400, "InvalidInput")
	c.expect(c.conn(gid, "a", nil), 201, "")
}

func TestSetupTestHooks(t *testing.T) {
	emu, c := emuStart(t, nil)
	g := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	emu.FailSetupTests(g, "Host Connection", "cannot reach host")
	d := c.expect(c.do("POST", "/destinations", map[string]any{"group_id": g, "service": "postgres_warehouse", "time_zone_offset": "0", "config": map[string]any{"host": "h"}}), 201, "").data()
	tt := jsonAs[map[string]any](t, jsonAs[[]any](t, d["setup_tests"])[0])
	if d["setup_status"] != "broken" || tt["status"] != "FAILED" || tt["title"] != "Host Connection" || tt["message"] != "cannot reach host" {
		t.Fatal(d)
	}
	// One-shot: the next run passes.
	d = c.expect(c.do("POST", "/destinations/"+g+"/test", map[string]any{}), 200, "").data()
	if d["setup_status"] != "connected" {
		t.Fatal(d)
	}
	// Magic value.
	r := c.expect(c.conn(g, "m", map[string]any{"config": map[string]any{"account_id": "emulator:fail-setup-tests"}}), 201, "")
	tt = jsonAs[map[string]any](t, jsonAs[[]any](t, r.data()["setup_tests"])[0])
	if tt["status"] != "FAILED" || tt["title"] != "Validating credentials" || jsonAs[map[string]any](t, r.data()["status"])["setup_state"] != "broken" {
		t.Fatal(r.Raw)
	}
	id := jsonAs[string](t, r.data()["id"])
	d = c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"config": map[string]any{"account_id": "fine"}, "run_setup_tests": true}), 200, "").data()
	if jsonAs[map[string]any](t, d["status"])["setup_state"] != "connected" {
		t.Fatal(d)
	}
	emu.FailSetupTests(id, "T", "M")
	d = c.expect(c.do("POST", "/connections/"+id+"/test", map[string]any{}), 200, "").data()
	if jsonAs[map[string]any](t, jsonAs[[]any](t, d["setup_tests"])[0])["message"] != "M" {
		t.Fatal(d)
	}
}

func TestMetadata(t *testing.T) {
	_, c := emuStart(t, nil)
	r := c.expect(c.do("GET", "/metadata/connector-types?limit=2", nil), 200, "Success")
	items := r.items()
	if len(items) != 2 || jsonAs[map[string]any](t, items[0])["id"] != "prefix_service" || r.data()["next_cursor"] == nil {
		t.Fatal(r.Raw)
	}
	r = c.expect(c.do("GET", "/metadata/connector-types?cursor="+jsonAs[string](t, r.data()["next_cursor"]), nil), 200, "")
	if len(r.items()) != 1 || r.data()["next_cursor"] != nil {
		t.Fatal(r.Raw)
	}
	d := c.expect(c.do("GET", "/metadata/connector-types/test_service", nil), 200, "Success").data()
	cfg := jsonAs[map[string]any](t, d["config"])
	if fmt.Sprint(cfg["required"]) != "[schema]" || cfg["type"] != "object" {
		t.Fatal(cfg)
	}
	props := jsonAs[map[string]any](t, cfg["properties"])
	if jsonAs[map[string]any](t, props["api_key"])["format"] != "password" || jsonAs[map[string]any](t, props["schema"])["type"] != "string" {
		t.Fatal(props)
	}
	if jsonAs[map[string]any](t, jsonAs[map[string]any](t, jsonAs[map[string]any](t, jsonAs[map[string]any](t, props["accounts"])["items"])["properties"])["token"])["format"] != "password" {
		t.Fatal(props["accounts"])
	}
	if jsonAs[map[string]any](t, props["start_date"])["immutable"] != true || jsonAs[map[string]any](t, props["mode"])["enum"] == nil {
		t.Fatal(props)
	}
	if jsonAs[map[string]any](t, jsonAs[map[string]any](t, jsonAs[map[string]any](t, d["auth"])["properties"])["refresh_token"])["format"] != "password" {
		t.Fatal(d["auth"])
	}
	c.expect(c.do("GET", "/metadata/connector-types/unknown", nil), 404, "NotFound")
}

// TestRequestLoggedBeforeItsAnswer: a request is in the log before its
// status goes out, so a client that has read its answer finds it there.
// Logged after the answer was written, a request could be missing from a
// count taken right after it (tests that count a refresh's requests failed
// now and then). The writer here looks at the log as the status is written.
func TestRequestLoggedBeforeItsAnswer(t *testing.T) {
	emu, c := emuStart(t, nil)
	gid := c.setup()
	emu.ResetRequests()
	req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/v1/groups/"+gid, nil)
	req.SetBasicAuth("k", "s")
	w := &logAtStatus{ResponseRecorder: httptest.NewRecorder(), log: emu.Requests}
	emu.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if w.logged != 1 {
		t.Fatalf("%d requests in the log when the status was written; want this one", w.logged)
	}
}

// logAtStatus notes how many requests the log holds when the status is
// written.
type logAtStatus struct {
	*httptest.ResponseRecorder
	log    func() []RequestRecord
	logged int
	seen   bool
}

func (w *logAtStatus) WriteHeader(code int) {
	if !w.seen {
		w.seen, w.logged = true, len(w.log())
	}
	w.ResponseRecorder.WriteHeader(code)
}

func TestRequestLogAndFaults(t *testing.T) {
	emu, c := emuStart(t, nil)
	gid := c.setup()
	c.do("GET", "/groups/"+gid, nil)
	c.do("GET", "/groups/"+gid, nil)
	counts := emu.Counts()
	if counts["GET /v1/groups/{id}"] != 2 || counts["POST /v1/groups"] != 1 || counts["POST /v1/destinations"] != 1 {
		t.Fatal(counts)
	}
	reqs := emu.Requests()
	if reqs[0].Route != "POST /v1/groups" || reqs[0].Status != 201 || reqs[0].Path != "/v1/groups" {
		t.Fatal(reqs[0])
	}
	emu.ResetRequests()
	if len(emu.Requests()) != 0 {
		t.Fatal("log not reset")
	}
	// Deterministic injection.
	emu.InjectNext("503", 2, "GET", "GET /v1/groups/{id}")
	c.expect(c.do("GET", "/groups", nil), 200, "")
	c.expect(c.do("GET", "/groups/"+gid, nil), 503, "")
	c.expect(c.do("GET", "/groups/"+gid, nil), 503, "")
	c.expect(c.do("GET", "/groups/"+gid, nil), 200, "")
	emu.InjectNext("429", 1, "", "")
	r := c.expect(c.do("GET", "/groups", nil), 429, "TooManyRequests")
	if r.Header.Get("Retry-After") != "1" {
		t.Fatal(r.Header)
	}
	emu.InjectNext("502-html", 1, "", "")
	req, err := http.NewRequestWithContext(context.Background(), "GET", c.base+"/groups", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 502 || !strings.Contains(string(b), "<html>") {
		t.Fatal(resp.StatusCode, string(b))
	}
	last := emu.Requests()[len(emu.Requests())-1]
	if last.Fault != "502-html" || last.Status != 502 {
		t.Fatal(last)
	}
}

func TestSeededFaultsReproducible(t *testing.T) {
	seq := func() []int {
		emu, c := emuStart(t, func(o *Options) { o.Seed = 12345 })
		emu.SetFaults(Faults{Rate: 0.5, Kinds: []string{"500", "503", "429"}})
		var out []int
		for i := 0; i < 40; i++ {
			req, _ := http.NewRequestWithContext(context.Background(), "GET", c.base+"/groups", nil)
			req.SetBasicAuth("k", "s")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			out = append(out, resp.StatusCode)
		}
		return out
	}
	a, b := seq(), seq()
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("not reproducible:\n%v\n%v", a, b)
	}
	faults := 0
	for _, s := range a {
		if s != 200 {
			faults++
		}
	}
	if faults == 0 || faults == len(a) {
		t.Fatalf("rate not applied: %v", a)
	}
	// Same seed gives the same ids.
	e1, _ := New(Options{APIKey: "k", APISecret: "s", Catalog: emuTestCatalog(), Seed: 99})
	e2, _ := New(Options{APIKey: "k", APISecret: "s", Catalog: emuTestCatalog(), Seed: 99})
	if e1.CreateGroup("a")["id"] != e2.CreateGroup("a")["id"] || e1.Seed() != 99 {
		t.Fatal("ids not seeded")
	}
	e3, _ := New(Options{APIKey: "k", APISecret: "s", Catalog: emuTestCatalog()})
	if e3.Seed() == 0 {
		t.Fatal("time seed not reported")
	}
}

func TestDropAfterCommit(t *testing.T) {
	emu, c := emuStart(t, nil)
	emu.InjectNext("drop-after-commit", 1, "POST", "POST /v1/groups")
	req, _ := http.NewRequestWithContext(context.Background(), "POST", c.base+"/groups", strings.NewReader(`{"name":"dropped"}`))
	req.SetBasicAuth("k", "s")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("expected a connection error, got %d", resp.StatusCode)
	}
	gs := emu.Groups()
	if len(gs) != 1 || gs[0]["name"] != "dropped" {
		t.Fatal(gs)
	}
	last := emu.Requests()[len(emu.Requests())-1]
	if last.Fault != "drop-after-commit" {
		t.Fatal(last)
	}
	c.expect(c.do("GET", "/groups", nil), 200, "")
}

func TestRateLimitAndLatency(t *testing.T) {
	emu, c := emuStart(t, nil)
	emu.SetRateLimit("GET /v1/groups", 2, time.Minute)
	c.expect(c.do("GET", "/groups", nil), 200, "")
	r := c.expect(c.do("GET", "/groups", nil), 200, "")
	// The headers describe the account's budget, not a route's limit.
	if r.Header.Get("X-Rate-Limit") != "20000" || r.Header.Get("X-Rate-Limit-Remaining") != "19998" {
		t.Fatal(r.Header)
	}
	r = c.expect(c.do("GET", "/groups", nil), 429, "TooManyRequests")
	if ra := r.Header.Get("Retry-After"); ra == "" || ra == "0" || strings.Contains(ra, ".") {
		t.Fatalf("Retry-After %q", ra)
	}
	if last := emu.Requests()[len(emu.Requests())-1]; last.Fault != "rate-limit" || last.Limit != "GET /v1/groups" || last.Status != 429 {
		t.Fatalf("refused request logged as %+v", last)
	}
	c.expect(c.do("GET", "/destinations", nil), 200, "")
	emu.SetRateLimit("GET /v1/groups", 0, 0)
	c.expect(c.do("GET", "/groups", nil), 200, "")

	emu.SetFaults(Faults{Latency: 20 * time.Millisecond})
	start := time.Now()
	c.expect(c.do("GET", "/groups", nil), 200, "")
	if time.Since(start) < 20*time.Millisecond {
		t.Fatal("latency not applied")
	}
}

func TestOutOfBandAndStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	opts := Options{APIKey: "k", APISecret: "s", Catalog: emuTestCatalog(), Seed: 3, StatePath: path}
	e1, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	g := e1.CreateGroup("oob")
	gid := jsonAs[string](t, g["id"])
	if _, err := e1.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "0"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e1.CreateConnection(map[string]any{"group_id": gid, "service": "test_service", "config": map[string]any{}}); err == nil {
		t.Fatal("expected validation error")
	}
	conn, err := e1.CreateConnection(map[string]any{"group_id": gid, "service": "test_service", "config": map[string]any{"schema": "s", "api_key": "k1", "page_size": 10}})
	if err != nil {
		t.Fatal(err)
	}
	cid := jsonAs[string](t, conn["id"])
	if err := e1.Patch("connection", cid, map[string]any{"paused": true, "config": map[string]any{"page_size": nil, "account_id": "drift"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	// Restart from the file.
	e2, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	got, found := e2.Get("connection", cid)
	if !found || got["paused"] != true || jsonAs[map[string]any](t, got["config"])["account_id"] != "drift" || jsonAs[map[string]any](t, got["config"])["api_key"] != "k1" {
		t.Fatal(got)
	}
	if _, has := got["config"].(map[string]any)["page_size"]; has {
		t.Fatal("patch nil did not delete")
	}
	if len(e2.Groups()) != 1 || len(e2.Destinations()) != 1 || len(e2.Connections()) != 1 {
		t.Fatal("state not restored")
	}
	// A new id never reuses an old one.
	if e2.CreateGroup("x")["id"] == gid {
		t.Fatal("id reused")
	}
	if err := e2.Delete("connection", cid); err != nil {
		t.Fatal(err)
	}
	if _, found := e2.Get("connection", cid); found {
		t.Fatal("not deleted")
	}
	e2.Reset()
	if len(e2.Groups()) != 0 || len(e2.Requests()) != 0 {
		t.Fatal("reset")
	}
	if _, err := New(Options{APIKey: "k"}); err == nil {
		t.Fatal("missing secret accepted")
	}
}

func TestConcurrentRequests(t *testing.T) {
	emu, c := emuStart(t, nil)
	gid := c.setup()
	done := make(chan struct{})
	for i := 0; i < 8; i++ {
		go func(i int) {
			defer func() { done <- struct{}{} }()
			body := fmt.Sprintf(`{"group_id":%q,"service":"test_service","config":{"schema":"s%d"}}`, gid, i)
			req, _ := http.NewRequestWithContext(context.Background(), "POST", c.base+"/connections", strings.NewReader(body))
			req.SetBasicAuth("k", "s")
			req.Header.Set("Content-Type", "application/json")
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
			_ = emu.Connections()
		}(i)
	}
	for i := 0; i < 8; i++ {
		<-done
	}
	if len(emu.Connections()) != 8 {
		t.Fatal(len(emu.Connections()))
	}
}

func TestBuiltinCatalogDefaultAndCompatOptions(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.Catalog = nil; o.UppercaseSetupStatus = true })
	r := c.expect(c.do("GET", "/metadata/connector-types?limit=1000", nil), 200, "Success")
	if len(r.items()) < 44 {
		t.Fatalf("builtin catalog has %d connector types", len(r.items()))
	}
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	d := c.expect(c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "snowflake", "time_zone_offset": "-5", "run_setup_tests": false}), 201, "").data()
	if d["setup_status"] != "INCOMPLETE" {
		t.Fatal(d)
	}
	if v, has := d["private_link_id"]; !has || v != nil {
		t.Fatalf("live nulls: private_link_id %v %v", v, has)
	}
}

// TestConnectionWithoutDestination: the live API accepts a connection in a
// group that has no destination (API.md, "Connections"); RequireDestination
// brings back the refusal.
func TestConnectionWithoutDestination(t *testing.T) {
	_, c := emuStart(t, nil)
	g := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "nodest"}), 201, "").data()["id"])
	d := c.expect(c.conn(g, "x", nil), 201, "Success").data()
	if v, has := d["hybrid_deployment_agent_id"]; !has || v != nil {
		t.Fatalf("hybrid_deployment_agent_id: %v %v", v, has)
	}

	_, strict := emuStart(t, func(o *Options) { o.RequireDestination = true })
	g = jsonAs[string](t, strict.expect(strict.do("POST", "/groups", map[string]any{"name": "nodest"}), 201, "").data()["id"])
	r := strict.expect(strict.conn(g, "x", nil), 400, "InvalidInput")
	if !strings.Contains(jsonAs[string](t, r.Body["message"]), "has no destination") {
		t.Fatal(r.Raw)
	}
}

package fivetran

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

type recorded struct {
	method, path, query, body, accept string
}

// recorder answers every request with a canned envelope chosen by path and
// records what it received.
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
}

var connectionData = map[string]any{
	"id": "c1", "group_id": "g1", "service": "postgres", "schema": "pg", "service_version": 1,
	"connected_by": nil, "created_at": "2023-12-01T15:43:29.013729Z", "succeeded_at": nil, "failed_at": nil,
	"paused": true, "pause_after_trial": false, "sync_frequency": 360, "schedule_type": "auto",
	"daily_sync_time": nil, "data_delay_sensitivity": "NORMAL", "data_delay_threshold": 0,
	"networking_method": "Directly", "proxy_agent_id": nil, "private_link_id": nil,
	"status": map[string]any{"setup_state": "connected", "sync_state": "paused", "update_state": "on_schedule",
		"is_historical_sync": true, "tasks": []any{}, "warnings": []any{}},
	"setup_tests":   []any{map[string]any{"title": "Connecting", "status": "PASSED", "message": "", "details": map[string]any{"x": 1}}},
	"config":        map[string]any{"host": "h", "port": 5432, "password": "******", "nested": map[string]any{"n": 1.5}},
	"connect_card":  map[string]any{"token": "tok", "uri": "https://fivetran.com/connect-card/setup?auth=tok"},
	"unknown_field": "ignored",
}

var destinationData = map[string]any{
	"id": "g1", "group_id": "g1", "service": "snowflake", "region": "GCP_US_EAST4", "time_zone_offset": "-5",
	"setup_status": "connected", "daylight_saving_time_enabled": true, "networking_method": "Directly",
	"private_link_id": nil, "proxy_agent_id": nil, "hybrid_deployment_agent_id": nil,
	"config":      map[string]any{"host": "h", "port": "443", "password": "******"},
	"setup_tests": []any{map[string]any{"title": "Host", "status": "PASSED", "message": ""}},
}

var connectorTypeData = map[string]any{
	"id": "google_ads", "name": "Google Ads", "type": "Marketing", "icons": []any{"a.png", "b.svg"},
	"service_status_updated_at": "2023-10-11", "connector_class": "standard",
	"supported_features": []any{map[string]any{"id": "RE_SYNC", "notes": "n"}},
	"config": map[string]any{"type": "object", "required": []any{"schema"}, "properties": map[string]any{
		"schema":    map[string]any{"type": "string", "immutable": true, "fieldStatus": "general_availability"},
		"password":  map[string]any{"type": "string", "format": "password", "nullable": true},
		"sync_mode": map[string]any{"type": "string", "enum": []any{"A", "B"}, "readonly": true},
		"accounts":  map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	}},
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.reqs = append(rc.reqs, recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, string(b), r.Header.Get("Accept")})
	rc.mu.Unlock()
	p := strings.TrimPrefix(r.URL.Path, "/v1")
	switch {
	case r.Method == http.MethodDelete:
		writeEnv(w, 200, "Success", "deleted", nil)
	case p == "/groups" && r.Method == http.MethodGet:
		writeOK(w, map[string]any{"items": []any{groupData}})
	case strings.HasPrefix(p, "/groups/") && strings.HasSuffix(p, "/connections"), p == "/connections" && r.Method == http.MethodGet:
		writeOK(w, map[string]any{"items": []any{connectionData}})
	case strings.HasPrefix(p, "/groups"):
		writeOK(w, groupData)
	case strings.HasPrefix(p, "/destinations"):
		writeOK(w, destinationData)
	case strings.HasPrefix(p, "/connections"):
		writeOK(w, connectionData)
	case p == "/metadata/connector-types":
		writeOK(w, map[string]any{"items": []any{connectorTypeData}})
	case strings.HasPrefix(p, "/metadata/connector-types/"):
		writeOK(w, connectorTypeData)
	default:
		writeEnv(w, 404, "NotFound", "HTTP 404 Not Found", nil)
	}
}

func (rc *recorder) last() recorded {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.reqs[len(rc.reqs)-1]
}

func jsonEq(t *testing.T, got, want string) bool {
	t.Helper()
	if got == "" || want == "" {
		return got == want
	}
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("bad JSON %q: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want JSON %q: %v", want, err)
	}
	return reflect.DeepEqual(g, w)
}

func TestTypedCallsHitRightEndpoint(t *testing.T) {
	rc := &recorder{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	ignore := func(_ any, err error) error { return err }

	cases := []struct {
		name                      string
		call                      func() error
		method, path, query, body string
		accept                    string
	}{
		{"ListGroups", func() error { return ignore(c.ListGroups(ctx)) }, "GET", "/v1/groups", "limit=1000", "", acceptV1},
		{"GetGroup", func() error { return ignore(c.GetGroup(ctx, "g 1")) }, "GET", "/v1/groups/g%201", "", "", acceptV1},
		{"CreateGroup", func() error { return ignore(c.CreateGroup(ctx, "my_group")) }, "POST", "/v1/groups", "", `{"name":"my_group"}`, acceptV1},
		{"RenameGroup", func() error { return ignore(c.RenameGroup(ctx, "g1", "new")) }, "PATCH", "/v1/groups/g1", "", `{"name":"new"}`, acceptV1},
		{"DeleteGroup", func() error { return c.DeleteGroup(ctx, "g1") }, "DELETE", "/v1/groups/g1", "", "", acceptV1},
		{"ListGroupConnections", func() error { return ignore(c.ListGroupConnections(ctx, "g1", "")) }, "GET", "/v1/groups/g1/connections", "limit=1000", "", acceptV1},
		{"ListGroupConnections schema", func() error { return ignore(c.ListGroupConnections(ctx, "g1", "pg.t")) }, "GET", "/v1/groups/g1/connections", "limit=1000&schema=pg.t", "", acceptV1},

		{"GetDestination", func() error { return ignore(c.GetDestination(ctx, "g1")) }, "GET", "/v1/destinations/g1", "", "", acceptV2},
		{"CreateDestination", func() error {
			return ignore(c.CreateDestination(ctx, DestinationCreate{GroupID: "g1", Service: "snowflake",
				TimeZoneOffset: ptr("-5"), RunSetupTests: ptr(false), Config: map[string]any{"host": "h", "port": 443}}))
		}, "POST", "/v1/destinations", "", `{"group_id":"g1","service":"snowflake","time_zone_offset":"-5","config":{"host":"h","port":443},"run_setup_tests":false}`, acceptV2},
		{"UpdateDestination", func() error {
			return ignore(c.UpdateDestination(ctx, "g1", DestinationUpdate{Region: ptr("AWS_US_EAST_1"), DaylightSavingTimeEnabled: ptr(false)}))
		}, "PATCH", "/v1/destinations/g1", "", `{"region":"AWS_US_EAST_1","daylight_saving_time_enabled":false}`, acceptV2},
		{"UpdateDestination clears and sets", func() error {
			return ignore(c.UpdateDestination(ctx, "g1", DestinationUpdate{NetworkingMethod: ptr("Directly"),
				PrivateLinkID: Clear[string](), HybridDeploymentAgentID: Set("agent_two")}))
		}, "PATCH", "/v1/destinations/g1", "", `{"networking_method":"Directly","private_link_id":null,"hybrid_deployment_agent_id":"agent_two"}`, acceptV2},
		{"UpdateDestination empty", func() error { return ignore(c.UpdateDestination(ctx, "g1", DestinationUpdate{})) }, "PATCH", "/v1/destinations/g1", "", `{}`, acceptV2},
		{"DeleteDestination", func() error { return c.DeleteDestination(ctx, "g1") }, "DELETE", "/v1/destinations/g1", "", "", acceptV2},
		{"TestDestination", func() error { return ignore(c.TestDestination(ctx, "g1", ptr(true), nil)) }, "POST", "/v1/destinations/g1/test", "", `{"trust_certificates":true}`, acceptV2},
		{"TestDestination no flags", func() error { return ignore(c.TestDestination(ctx, "g1", nil, nil)) }, "POST", "/v1/destinations/g1/test", "", `{}`, acceptV2},

		{"ListConnections", func() error { return ignore(c.ListConnections(ctx, ListConnectionsOptions{})) }, "GET", "/v1/connections", "limit=1000", "", acceptV2},
		{"ListConnections filtered", func() error {
			return ignore(c.ListConnections(ctx, ListConnectionsOptions{GroupID: "g&1", Schema: "pg"}))
		}, "GET", "/v1/connections", "group_id=g%261&limit=1000&schema=pg", "", acceptV2},
		{"GetConnection", func() error { return ignore(c.GetConnection(ctx, "c1")) }, "GET", "/v1/connections/c1", "", "", acceptV2},
		{"CreateConnection", func() error {
			return ignore(c.CreateConnection(ctx, ConnectionCreate{GroupID: "g1", Service: "postgres",
				Config: map[string]any{"schema": "pg"}, Auth: map[string]any{"refresh_token": "r"},
				Paused: ptr(true), SyncFrequency: ptr(60), DataDelayThreshold: ptr(0),
				ConnectCardConfig: &ConnectCardConfig{RedirectURI: "https://x", HideSetupGuide: ptr(true)}}))
		}, "POST", "/v1/connections", "", `{"group_id":"g1","service":"postgres","config":{"schema":"pg"},"auth":{"refresh_token":"r"},"paused":true,"sync_frequency":60,"data_delay_threshold":0,"connect_card_config":{"redirect_uri":"https://x","hide_setup_guide":true}}`, acceptV2},
		{"UpdateConnection", func() error {
			return ignore(c.UpdateConnection(ctx, "c1", ConnectionUpdate{Paused: ptr(false), ScheduleType: ptr("manual"),
				Config: map[string]any{"host": "h2", "old": nil}}))
		}, "PATCH", "/v1/connections/c1", "", `{"config":{"host":"h2","old":null},"paused":false,"schedule_type":"manual"}`, acceptV2},
		{"UpdateConnection clears and sets", func() error {
			return ignore(c.UpdateConnection(ctx, "c1", ConnectionUpdate{SyncFrequency: ptr(60), DailySyncTime: Clear[string](),
				ProxyAgentID: Set("agent_one"), PrivateLinkID: Clear[string]()}))
		}, "PATCH", "/v1/connections/c1", "", `{"sync_frequency":60,"daily_sync_time":null,"proxy_agent_id":"agent_one","private_link_id":null}`, acceptV2},
		{"DeleteConnection", func() error { return c.DeleteConnection(ctx, "c1") }, "DELETE", "/v1/connections/c1", "", "", acceptV2},
		{"TestConnection", func() error { return ignore(c.TestConnection(ctx, "c1", nil, ptr(false))) }, "POST", "/v1/connections/c1/test", "", `{"trust_fingerprints":false}`, acceptV2},

		{"ListConnectorTypes", func() error { return ignore(c.ListConnectorTypes(ctx)) }, "GET", "/v1/metadata/connector-types", "limit=1000", "", acceptV1},
		{"GetConnectorType", func() error { return ignore(c.GetConnectorType(ctx, "google_ads")) }, "GET", "/v1/metadata/connector-types/google_ads", "", "", acceptV1},
	}
	for _, tc := range cases {
		if err := tc.call(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		got := rc.last()
		if got.method != tc.method || got.path != tc.path || got.query != tc.query || got.accept != tc.accept {
			t.Errorf("%s: got %s %s?%s (Accept %s), want %s %s?%s (Accept %s)", tc.name,
				got.method, got.path, got.query, got.accept, tc.method, tc.path, tc.query, tc.accept)
		}
		if !jsonEq(t, got.body, tc.body) {
			t.Errorf("%s: body %s, want %s", tc.name, got.body, tc.body)
		}
	}
}

func TestDecodedResources(t *testing.T) {
	srv := httptest.NewServer(&recorder{})
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := context.Background()

	conn, err := c.GetConnection(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if conn.ConnectedBy != "" || conn.SucceededAt != "" || conn.DailySyncTime != "" || conn.ProxyAgentID != "" {
		t.Errorf("nulls should decode as empty strings: %+v", conn)
	}
	if conn.Schema != "pg" || conn.ServiceVersion != 1 || conn.SyncFrequency != 360 || !conn.Paused ||
		conn.Status.SetupState != "connected" || !conn.Status.IsHistoricalSync {
		t.Errorf("connection decoded wrongly: %+v", conn)
	}
	if conn.Config["port"] != json.Number("5432") {
		t.Errorf("config port = %#v, want json.Number", conn.Config["port"])
	}
	if nested, _ := conn.Config["nested"].(map[string]any); nested["n"] != json.Number("1.5") {
		t.Errorf("nested number = %#v", conn.Config["nested"])
	}
	if conn.ConnectCard == nil || conn.ConnectCard.Token != "tok" {
		t.Errorf("connect card = %+v", conn.ConnectCard)
	}
	if len(conn.SetupTests) != 1 || conn.SetupTests[0].Status != "PASSED" {
		t.Errorf("setup tests = %+v", conn.SetupTests)
	}

	d, err := c.GetDestination(ctx, "g1")
	if err != nil {
		t.Fatal(err)
	}
	if d.PrivateLinkID != "" || d.HybridDeploymentAgentID != "" || !d.DaylightSavingTimeEnabled || d.Config["port"] != "443" {
		t.Errorf("destination decoded wrongly: %+v", d)
	}

	ct, err := c.GetConnectorType(ctx, "google_ads")
	if err != nil {
		t.Fatal(err)
	}
	if ct.Config == nil || ct.Auth != nil || len(ct.Config.Required) != 1 {
		t.Fatalf("connector type config/auth = %+v / %+v", ct.Config, ct.Auth)
	}
	props := ct.Config.Properties
	if !props["schema"].Immutable || props["schema"].FieldStatus != "general_availability" ||
		props["password"].Format != "password" || !props["password"].Nullable ||
		!props["sync_mode"].Readonly || len(props["sync_mode"].Enum) != 2 ||
		props["accounts"].Items == nil || props["accounts"].Items.Type != "string" {
		t.Errorf("schema nodes decoded wrongly: %+v", props)
	}
	if len(ct.Icons) != 2 || ct.SupportedFeatures[0].ID != "RE_SYNC" || ct.ServiceStatusUpdatedAt != "2023-10-11" {
		t.Errorf("connector type decoded wrongly: %+v", ct)
	}
}

func TestSecretsNeverLogged(t *testing.T) {
	const password = "config-pa55word-value"
	const authToken = "auth-refresh-token-value"
	steps := []http.HandlerFunc{
		status(503, "", "down: "+password),
		func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			if len(b) == 0 {
				b = []byte("null")
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(201)
			_, _ = w.Write([]byte(`{"code":"Success","message":"created","data":{"id":"c1","config":` +
				`{"password":"` + password + `"},"echo":` + string(b) + `}}`))
		},
	}
	s, srv := serve(t, steps...)
	c := newTestClient(t, srv.URL)

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	_, err := c.CreateConnection(ctx, ConnectionCreate{GroupID: "g1", Service: "postgres",
		Config: map[string]any{"password": password}, Auth: map[string]any{"refresh_token": authToken}})
	// The first 503 on a POST is an unknown outcome: not retried.
	if !IsOutcomeUnknown(err) || s.count() != 1 {
		t.Fatalf("got %v after %d requests", err, s.count())
	}
	// A GET that is retried and then succeeds with the secret in the body.
	s2, srv2 := serve(t, steps...)
	c2 := newTestClient(t, srv2.URL)
	if _, err := c2.GetConnection(ctx, "c1"); err != nil || s2.count() != 2 {
		t.Fatalf("got %v after %d requests", err, s2.count())
	}

	logs := buf.String()
	if !strings.Contains(logs, `"path":"/connections"`) || !strings.Contains(logs, `"status":503`) ||
		!strings.Contains(logs, `"attempt":2`) || !strings.Contains(logs, `"duration_ms"`) || !strings.Contains(logs, `"@level":"debug"`) {
		t.Errorf("expected structured debug logs, got:\n%s", logs)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(testKey + ":" + testSecret))
	for _, secret := range []string{testSecret, basic, password, authToken} {
		if strings.Contains(logs, secret) {
			t.Errorf("secret %q leaked into logs:\n%s", secret, logs)
		}
	}
}

package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

const (
	testKey    = "conformance_key"
	testSecret = "conformance_secret"
)

func ptr[T any](v T) *T { return &v }

// validatorOrSkip loads the spec, or skips the test when it is absent.
func validatorOrSkip(t *testing.T) *Validator {
	t.Helper()
	path := SpecPath()
	if path == "" {
		countUnchecked()
		t.Skipf("OpenAPI spec absent: set %s or provide ../shared/fivetran-api/openapi.json; conformance not checked", SpecEnv)
	}
	v, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kin-openapi loaded %s in %s", path, v.LoadTime().Round(time.Millisecond))
	return v
}

// startEmulator starts an emulator whose exchanges r validates.
func startEmulator(t *testing.T, r *Recorder, mod func(*emulator.Options)) *emulator.Running {
	t.Helper()
	opts := emulator.Options{APIKey: testKey, APISecret: testSecret, Seed: 42, Observe: r.Observe}
	if mod != nil {
		mod(&opts)
	}
	emu, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	return emu
}

func newClient(t *testing.T, base string) *fivetran.Client {
	t.Helper()
	c, err := fivetran.New(fivetran.Config{APIKey: testKey, APISecret: testSecret, BaseURL: base, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rawCall sends a request outside the client (for error paths, routes the
// emulator does not serve, and cursors). hdr is key, value pairs.
type rawCall struct {
	t    *testing.T
	base string
}

func (c rawCall) do(method, path, body string, status int, hdr ...string) map[string]any {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.SetBasicAuth(testKey, testSecret)
	if method == http.MethodPost || method == http.MethodPatch {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, status, raw)
	}
	var env map[string]any
	_ = json.Unmarshal(raw, &env)
	return env
}

// invalid sends a request that violates the spec on purpose.
func (c rawCall) invalid(method, path, body string, status int, hdr ...string) {
	c.t.Helper()
	c.do(method, path, body, status, append([]string{ExpectHeader, "invalid-request"}, hdr...)...)
}

func dataOf(env map[string]any) map[string]any {
	d, _ := env["data"].(map[string]any)
	return d
}

// must(call())(t) fails t when call returned an error.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantErr(t *testing.T, err error, pred func(error) bool, what string) {
	t.Helper()
	if err == nil || !pred(err) {
		t.Fatalf("want %s, got %v", what, err)
	}
}

func finish(t *testing.T, emu *emulator.Running, r *Recorder, minChecked int) {
	t.Helper()
	emu.Close() // waits for the handlers: every exchange has been observed
	t.Logf("%d exchanges validated against the spec, %d skipped", r.Checked(), r.Skipped())
	excused := r.Excused()
	for _, why := range slices.Sorted(maps.Keys(excused)) {
		t.Logf("excused %d time(s): %s", excused[why], why)
	}
	if rep := r.Report(); rep != "" {
		t.Error(rep)
	}
	if r.Checked() < minChecked {
		t.Errorf("only %d exchanges validated, want at least %d", r.Checked(), minChecked)
	}
}

// TestClientAndEmulatorConform drives every typed client call and the error
// paths through the emulator and validates every
// exchange against the spec: with the default options (what the provider's
// tests use), with the live-API compatibility switches, with the spec's
// upper-case setup_status, and with connection list items without config.
func TestClientAndEmulatorConform(t *testing.T) {
	v := validatorOrSkip(t)
	modes := []struct {
		name string
		mod  func(*emulator.Options)
	}{
		{"default", func(*emulator.Options) {}},
		{"live", func(o *emulator.Options) { o.NotFoundConnectionCode = true }},
		{"spec-shapes", func(o *emulator.Options) { o.OmitNulls, o.NumericPorts, o.RequireDestination = true, true, true }},
		{"spec-casing", func(o *emulator.Options) { o.UppercaseSetupStatus = true }},
		// Connection list items without config (by default they carry it).
		{"lists-without-config", func(o *emulator.Options) { o.ListsWithoutConfig = true }},
		// The live profile's answers (pages of 3, WARNING and SKIPPED results)
		// and a connection Fivetran made itself; the timing switches change
		// when an answer comes, not its shape, and the provider's acceptance
		// tests validate their traffic under them.
		{"live-profile", func(o *emulator.Options) {
			live := emulator.LiveProfile()
			o.MaxPageSize, o.SetupTestStatuses, o.PlatformConnection = live.MaxPageSize, live.SetupTestStatuses, true
		}},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) { driveEverything(t, v, m.mod) })
	}
}

// ours leaves out the connections Fivetran made itself (PlatformConnection).
func ours(cs []fivetran.Connection) []fivetran.Connection {
	return slices.DeleteFunc(cs, func(c fivetran.Connection) bool { return c.Service == "fivetran_log" })
}

func driveEverything(t *testing.T, v *Validator, mod func(*emulator.Options)) {
	r := v.Recorder()
	emu := startEmulator(t, r, func(o *emulator.Options) {
		o.StrictGroupNames = true
		mod(o)
	})
	c := newClient(t, emu.URL)
	raw := rawCall{t: t, base: emu.URL}
	ctx := context.Background()

	// Groups.
	g := must(c.CreateGroup(ctx, "conformance_group"))(t)
	g2 := must(c.CreateGroup(ctx, "second_group"))(t)
	must(c.GetGroup(ctx, g.ID))(t)
	must(c.RenameGroup(ctx, g2.ID, "second_group_renamed"))(t)
	if gs := must(c.ListGroups(ctx))(t); len(gs) != 2 {
		t.Fatalf("groups: %v", gs)
	}

	// Destination.
	d := must(c.CreateDestination(ctx, fivetran.DestinationCreate{
		GroupID: g.ID, Service: "postgres_warehouse", Region: ptr("GCP_US_EAST4"), TimeZoneOffset: ptr("-5"),
		Config: map[string]any{"host": "db.example.com", "port": 5432, "database": "warehouse", "user": "fivetran", "password": "secret", "connection_type": "Directly"},
	}))(t)
	must(c.GetDestination(ctx, d.ID))(t)
	must(c.UpdateDestination(ctx, d.ID, fivetran.DestinationUpdate{
		Region: ptr("GCP_AUSTRALIA_SOUTHEAST1"), DaylightSavingTimeEnabled: ptr(true),
		Config: map[string]any{"port": 5433}, RunSetupTests: ptr(true),
	}))(t)
	must(c.TestDestination(ctx, d.ID, nil, nil))(t)
	must(c.TestDestination(ctx, d.ID, ptr(true), ptr(false)))(t)
	d2 := must(c.CreateDestination(ctx, fivetran.DestinationCreate{
		GroupID: g2.ID, Service: "snowflake", TimeZoneOffset: ptr("0"), RunSetupTests: ptr(false),
		Config: map[string]any{"host": "acme.snowflakecomputing.com", "database": "DB", "user": "FT", "password": "pw"},
	}))(t)

	// Connections.
	pg := must(c.CreateConnection(ctx, fivetran.ConnectionCreate{
		GroupID: g.ID, Service: "postgres", Paused: ptr(true), SyncFrequency: ptr(60),
		Config: map[string]any{"schema_prefix": "pg", "host": "pg.example.com", "port": 5432, "database": "app", "user": "ft", "password": "pw"},
	}))(t)
	sheets := must(c.CreateConnection(ctx, fivetran.ConnectionCreate{
		GroupID: g.ID, Service: "google_sheets", RunSetupTests: ptr(false), SyncFrequency: ptr(1440), DailySyncTime: ptr("03:00"),
		ScheduleType: ptr("auto"), DataDelaySensitivity: ptr("CUSTOM"), DataDelayThreshold: ptr(30), NetworkingMethod: ptr("Directly"),
		Config: map[string]any{"schema": "sheets", "table": "budget", "sheet_id": "abc", "named_range": "r"},
		Auth:   map[string]any{"refresh_token": "rt", "client_access": map[string]any{"client_id": "id", "client_secret": "cs"}},
	}))(t)
	must(c.GetConnection(ctx, pg.ID))(t)
	must(c.UpdateConnection(ctx, pg.ID, fivetran.ConnectionUpdate{Paused: ptr(false), SyncFrequency: ptr(360), Config: map[string]any{"port": 5433}}))(t)
	must(c.UpdateConnection(ctx, sheets.ID, fivetran.ConnectionUpdate{DataDelaySensitivity: ptr("NORMAL"), RunSetupTests: ptr(true), TrustCertificates: ptr(true)}))(t)
	must(c.TestConnection(ctx, pg.ID, nil, nil))(t)
	must(c.TestConnection(ctx, sheets.ID, ptr(true), ptr(true)))(t)
	// Syncs: one that runs (sync_state syncing, a re-sync refused with 409),
	// then ends with a failure (failed_at, a task and a warning in status).
	emu.SetSyncDuration(time.Hour)
	emu.FailSyncs(pg.ID, emulator.SyncFailure{Code: "reconnect", Message: "Reconnect the source", Details: "token expired", Warning: true})
	if err := c.SyncConnection(ctx, pg.ID, false); err != nil {
		t.Fatal(err)
	}
	if got := must(c.GetConnection(ctx, pg.ID))(t); got.Status.SyncState != "syncing" {
		t.Fatalf("sync_state after a sync: %q", got.Status.SyncState)
	}
	err := c.ResyncConnection(ctx, pg.ID, map[string][]string{"public": {"orders"}})
	wantErr(t, err, fivetran.IsConflict, "409 (re-sync while syncing)")
	if err := c.SyncConnection(ctx, pg.ID, true); err != nil {
		t.Fatal(err)
	}
	emu.SetSyncDuration(0)
	if err := c.SyncConnection(ctx, pg.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := must(c.GetConnection(ctx, pg.ID))(t); got.FailedAt == "" || len(got.Status.Tasks) != 1 || len(got.Status.Warnings) != 1 {
		t.Fatalf("after a failed sync: %+v", got.Status)
	}
	emu.ClearSyncFailure(pg.ID)
	if err := c.ResyncConnection(ctx, pg.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.ResyncConnection(ctx, pg.ID, map[string][]string{"public": {"orders", "users"}}); err != nil {
		t.Fatal(err)
	}
	if got := must(c.GetConnection(ctx, pg.ID))(t); got.SucceededAt == "" || got.Status.SyncState != "scheduled" {
		t.Fatalf("after a re-sync: %+v", got.Status)
	}
	raw.do("POST", "/connections/"+pg.ID+"/resync", `{"scope":{}}`, 400)
	if cs := must(c.ListConnections(ctx, fivetran.ListConnectionsOptions{}))(t); len(ours(cs)) != 2 {
		t.Fatalf("connections: %d", len(cs))
	}
	must(c.ListConnections(ctx, fivetran.ListConnectionsOptions{GroupID: g.ID}))(t)
	if cs := must(c.ListConnections(ctx, fivetran.ListConnectionsOptions{GroupID: g.ID, Schema: "sheets.budget"}))(t); len(cs) != 1 {
		t.Fatalf("connections by schema: %d", len(cs))
	}
	if cs := must(c.ListGroupConnections(ctx, g.ID, ""))(t); len(ours(cs)) != 2 {
		t.Fatalf("group connections: %d", len(cs))
	}
	must(c.ListGroupConnections(ctx, g.ID, "pg"))(t)

	// Connector types: the client reads all pages with limit=1000; page
	// through the 50 built-in types with limit=10 to exercise cursors.
	types := must(c.ListConnectorTypes(ctx))(t)
	if len(types) < 40 {
		t.Fatalf("connector types: %d", len(types))
	}
	pages, cursor := 0, ""
	for {
		path := "/metadata/connector-types?limit=10"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		data := dataOf(raw.do("GET", path, "", 200))
		pages++
		cursor, _ = data["next_cursor"].(string)
		if cursor == "" {
			break
		}
	}
	if pages < 5 {
		t.Fatalf("only %d metadata pages", pages)
	}
	raw.do("GET", "/groups?limit=1", "", 200)
	for _, svc := range []string{"postgres", "google_sheets"} {
		ct := must(c.GetConnectorType(ctx, svc))(t)
		if ct.Config == nil {
			t.Fatalf("%s: no config schema", svc)
		}
	}

	// Error answers.
	notFound := func(k fivetran.Kind) func(error) bool {
		return func(err error) bool { return fivetran.IsNotFoundKind(err, k) }
	}
	_, err = c.GetGroup(ctx, "no_such_group")
	wantErr(t, err, notFound(fivetran.KindGroup), "404")
	_, err = c.GetDestination(ctx, "no_such_group")
	wantErr(t, err, notFound(fivetran.KindDestination), "404")
	_, err = c.GetConnection(ctx, "no_such_connection")
	wantErr(t, err, notFound(fivetran.KindConnection), "404")
	_, err = c.GetConnectorType(ctx, "no_such_service")
	wantErr(t, err, notFound(fivetran.KindConnectorType), "404")
	_, err = c.CreateGroup(ctx, "conformance_group") // StrictGroupNames: duplicate
	wantErr(t, err, fivetran.IsConflict, "409")
	err = c.DeleteGroup(ctx, g.ID) // connections remain
	wantErr(t, err, fivetran.IsConflict, "409 (group with connections)")
	err = c.DeleteDestination(ctx, d.ID) // connections remain
	wantErr(t, err, fivetran.IsConflict, "409")
	_, err = c.CreateDestination(ctx, fivetran.DestinationCreate{GroupID: g.ID, Service: "postgres_warehouse", TimeZoneOffset: ptr("0")})
	wantErr(t, err, fivetran.IsConflict, "409 (second destination)")
	_, err = c.CreateConnection(ctx, fivetran.ConnectionCreate{GroupID: g.ID, Service: "postgres", Config: map[string]any{"schema_prefix": "pg"}})
	wantErr(t, err, fivetran.IsConflict, "409 (duplicate schema)")
	_, err = c.CreateConnection(ctx, fivetran.ConnectionCreate{GroupID: g.ID, Service: "no_such_service", Config: map[string]any{"schema": "x"}})
	wantErr(t, err, func(err error) bool { return strings.Contains(err.Error(), "400") }, "400")
	raw.invalid("PATCH", "/connections/"+pg.ID, `{"sync_frequency":7}`, 400)
	raw.invalid("POST", "/groups", `{}`, 400)
	raw.invalid("POST", "/destinations", `{"service":"postgres_warehouse","time_zone_offset":"0"}`, 400)
	raw.invalid("POST", "/connections", `{"group_id":"`+g.ID+`","service":"postgres","config":{}}`, 400)
	raw.invalid("POST", "/groups", `{"name":"x"}`, 415, "Content-Type", "text/plain")
	raw.do("GET", "/groups?limit=5000", "", 400)
	raw.do("GET", "/groups", "", 406, "Accept", "text/html")
	raw.do("PUT", "/groups", "", 405)
	raw.do("GET", "/no/such/route", "", 404)
	raw.do("GET", "/groups", "", 401, "Authorization", "Basic d3Jvbmc6a2V5")
	raw.do("GET", "/connections/"+pg.ID, "", 401, "Authorization", "Basic d3Jvbmc6a2V5")

	raw.do("POST", "/connections/"+pg.ID+"/sync", `{"force":true}`, 200)
	// Older route names the API still answers are not served: the client
	// uses the current ones only.
	raw.do("GET", "/connectors/"+pg.ID, "", 404)
	raw.do("POST", "/connections/"+pg.ID+"/force", "", 404)
	raw.do("GET", "/metadata/connectors/postgres", "", 404)

	// Deletes, in the safe order.
	for _, id := range []string{pg.ID, sheets.ID} {
		if err := c.DeleteConnection(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	err = c.DeleteConnection(ctx, pg.ID)
	wantErr(t, err, notFound(fivetran.KindConnection), "404 after delete")
	for _, gid := range []string{g.ID, d2.ID} { // what Fivetran made is in the way of the destinations' deletes
		for _, made := range must(c.ListGroupConnections(ctx, gid, ""))(t) {
			if err := c.DeleteConnection(ctx, made.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := c.DeleteDestination(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteDestination(ctx, d2.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{g.ID, g2.ID} {
		if err := c.DeleteGroup(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	err = c.DeleteGroup(ctx, g.ID)
	wantErr(t, err, notFound(fivetran.KindGroup), "404 after delete")

	finish(t, emu, r, 70)
}

// TestSpecCatalogMetadataConforms serves the full catalog read from the spec
// (the emulator's -catalog flag) and validates metadata answers for services
// with big configs, and a connection created for one of them.
func TestSpecCatalogMetadataConforms(t *testing.T) {
	v := validatorOrSkip(t)
	cat, err := catalog.LoadOpenAPI(v.Path())
	if err != nil {
		t.Fatal(err)
	}
	r := v.Recorder()
	emu := startEmulator(t, r, func(o *emulator.Options) { o.Catalog = cat })
	c := newClient(t, emu.URL)
	ctx := context.Background()

	types := must(c.ListConnectorTypes(ctx))(t)
	if len(types) < 700 {
		t.Fatalf("connector types from the spec: %d", len(types))
	}
	for _, svc := range []string{"sftp", "google_ads", "salesforce", "s3", "netsuite_suiteanalytics", "postgres", "facebook_ads"} {
		ct := must(c.GetConnectorType(ctx, svc))(t)
		if ct.Config == nil || len(ct.Config.Properties) < 3 {
			t.Fatalf("%s: small or missing config schema: %+v", svc, ct.Config)
		}
	}
	g := must(c.CreateGroup(ctx, "catalog_group"))(t)
	must(c.CreateDestination(ctx, fivetran.DestinationCreate{GroupID: g.ID, Service: "snowflake", TimeZoneOffset: ptr("+1"), RunSetupTests: ptr(false)}))(t)
	conn := must(c.CreateConnection(ctx, fivetran.ConnectionCreate{
		GroupID: g.ID, Service: "sftp", RunSetupTests: ptr(false),
		Config: map[string]any{"schema": "files", "table_group_name": "orders", "host": "sftp.example.com", "port": 22, "user": "ft", "password": "pw", "folder_path": "/in"},
	}))(t)
	must(c.GetConnection(ctx, conn.ID))(t)
	finish(t, emu, r, 12)
}

// TestRateLimitAnswersConform: the 429s of the create limit and of the
// request budget are the API's own answers, so they are validated (not
// skipped as injected faults): envelope, code and headers.
func TestRateLimitAnswersConform(t *testing.T) {
	v := validatorOrSkip(t)
	r := v.Recorder()
	emu := startEmulator(t, r, func(o *emulator.Options) { o.CreatesPerMinute, o.RequestsPerHour = 1, 3 })
	raw := rawCall{t: t, base: emu.URL}
	g := dataOf(raw.do("POST", "/groups", `{"name":"limited"}`, 201))
	for _, x := range []map[string]any{
		raw.do("POST", "/groups", `{"name":"refused"}`, 429),                         // the create limit
		raw.do("POST", "/connections", `{"group_id":"x","service":"postgres"}`, 429), // nothing is validated before the limit
	} {
		if x["code"] != "TooManyRequests" {
			t.Fatalf("429 code %v", x["code"])
		}
	}
	raw.do("GET", "/groups/"+fmt.Sprint(g["id"]), "", 200)
	raw.do("GET", "/groups", "", 200) // the third request the budget counts (refused ones do not count)
	raw.do("GET", "/groups", "", 429)
	finish(t, emu, r, 6)
	if ex := r.Excused()["undeclared status: 429 TooManyRequests (API.md, Rate limits)"]; ex != 3 {
		t.Errorf("%d 429s checked as the API's answers, want 3: %v", ex, r.Excused())
	}
}

// TestValidatorCatchesViolations proves the validator is not vacuous: it
// reports handcrafted violations, and the excuses stay narrow.
func TestValidatorCatchesViolations(t *testing.T) {
	v := validatorOrSkip(t)
	hdr := func(kv ...string) http.Header {
		h := http.Header{"Authorization": {"Basic azpz"}}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	jsonHdr := hdr("Content-Type", "application/json")
	okGroup := `{"code":"Success","data":{"id":"a_b","name":"g","created_at":"2024-01-01T00:00:00.000000Z"}}`
	conn := func(syncFrequency string) string {
		return `{"code":"Success","data":{"id":"c_d","group_id":"a_b","service":"postgres","service_version":0,"schema":"pg",` +
			`"paused":false,"pause_after_trial":false,"created_at":"2024-01-01T00:00:00.000000Z","sync_frequency":` + syncFrequency + `,` +
			`"schedule_type":"auto","data_delay_sensitivity":"NORMAL","status":{"setup_state":"connected","sync_state":"scheduled",` +
			`"update_state":"on_schedule","is_historical_sync":true,"tasks":[],"warnings":[]}}}`
	}
	// A page of connections whose one item carries the config given ("":
	// none).
	connPage := func(config string) string {
		item := strings.TrimSuffix(strings.TrimPrefix(conn("360"), `{"code":"Success","data":`), "}")
		if config != "" {
			config = `"config":` + config + `,`
		}
		item = strings.Replace(item, `"paused":false`, config+`"connected_by":"u_v","paused":false`, 1)
		return `{"code":"Success","data":{"items":[` + item + `]}}`
	}
	dest := func(setupStatus string) string {
		return `{"code":"Success","data":{"id":"a_b","group_id":"a_b","service":"snowflake","region":"GCP_US_EAST4","time_zone_offset":"0","setup_status":"` + setupStatus + `"}}`
	}
	meta := func(updatedAt string) string {
		return `{"code":"Success","data":{"id":"pg","name":"PostgreSQL","type":"Database","service_status":"general_availability",` +
			`"service_status_updated_at":"` + updatedAt + `"}}`
	}
	// A proxy agent as a GET shows it, with the fields given over the
	// defaults (a nil value drops the field).
	agent := func(fields map[string]any) string {
		d := map[string]any{"id": "p_q", "account_id": "a_c", "registered_at": "2024-01-01T00:00:00.000000Z", "region": "GCP_US_EAST4",
			"created_by": "u_v", "display_name": "office", "version": nil, "status": "NOT_CONNECTED",
			"usage": []any{map[string]any{"id": "c_d", "schema": "pg", "service": "postgres"}, map[string]any{"id": "a_b", "schema": nil, "service": "snowflake"}}}
		for k, v := range fields {
			if v == nil {
				delete(d, k)
			} else {
				d[k] = v
			}
		}
		buf, _ := json.Marshal(map[string]any{"code": "Success", "message": "m", "data": d})
		return string(buf)
	}
	// A private link as a GET shows it, with the fields given over the
	// defaults (a nil value drops the field).
	link := func(fields map[string]any) string {
		d := map[string]any{"id": "l_m", "name": "office", "region": "GCP_US_EAST4", "service": "SOURCE_GCP", "cloud_provider": "GCP",
			"config": map[string]any{"private_connection_service_id": "projects/p"}, "state": "CREATING", "state_summary": "s",
			"account_id": "a_c", "created_at": "2024-01-01T00:00:00.000000Z", "created_by": "u_v", "host": "h.invalid"}
		for k, v := range fields {
			if v == nil {
				delete(d, k)
			} else {
				d[k] = v
			}
		}
		buf, _ := json.Marshal(map[string]any{"code": "Success", "message": "m", "data": d})
		return string(buf)
	}
	nullHost := strings.Replace(link(nil), `"host":"h.invalid"`, `"host":null`, 1)
	// linkPage is a list answer whose one item is the data of a GET's answer.
	linkPage := func(getAnswer string) string {
		var env map[string]any
		_ = json.Unmarshal([]byte(getAnswer), &env)
		buf, _ := json.Marshal(map[string]any{"code": "Success", "data": map[string]any{"items": []any{env["data"]}}})
		return string(buf)
	}
	conflict := func(method, path, code string) emulator.Exchange {
		x := emulator.Exchange{Method: method, Path: path, RequestHeader: hdr(), Status: 409, ResponseHeader: jsonHdr,
			ResponseBody: []byte(`{"code":"` + code + `","message":"Private link in CREATING state is not allowed to perform any operation"}`)}
		if method == "PATCH" {
			x.RequestHeader, x.RequestBody = jsonHdr, []byte(`{"config":{"private_connection_service_id":"p"}}`)
		}
		return x
	}
	// A hybrid deployment agent as a GET shows it, never online (null
	// version and last_used_at), with the fields given over the defaults (a
	// nil value drops the field).
	hybrid := func(fields map[string]any) map[string]any {
		d := map[string]any{"id": "h_i", "display_name": "office", "group_id": "a_b", "registered_at": "2024-01-01T00:00:00.000000Z",
			"updated_at": "2024-01-01T00:00:00.000000Z", "created_by": "u_v", "deployment_type": "DOCKER", "enabled": true, "online": false,
			"version": nil, "last_used_at": nil, "usage": []any{map[string]any{"connection_id": "c_d", "schema": "pg", "service": "postgres"}}}
		for k, v := range fields {
			d[k] = v
			if v == nil && k != "version" && k != "last_used_at" {
				delete(d, k)
			}
		}
		return d
	}
	envelope := func(data any) string {
		buf, _ := json.Marshal(map[string]any{"code": "Success", "message": "m", "data": data})
		return string(buf)
	}
	hybridPage := func(d map[string]any) string { return envelope(map[string]any{"items": []any{d}}) }
	hybridCreate := func(d map[string]any) emulator.Exchange {
		delete(d, "usage")
		d["files"] = map[string]any{"config_json": "e30K", "auth_json": "e30K", "docker_compose_yaml": "c2VydmljZXM6IHt9Cg=="}
		d["token"] = "dG9rZW4="
		return emulator.Exchange{Method: "POST", Path: "/v1/hybrid-deployment-agents", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"group_id":"a_b","display_name":"office","env_type":"DOCKER","accept_terms":true}`),
			Status:      201, ResponseHeader: jsonHdr, ResponseBody: []byte(envelope(d))}
	}
	// A webhook as a GET shows it: an account webhook without a secret
	// (null group_id and secret), with the fields given over the defaults.
	webhook := func(fields map[string]any) map[string]any {
		d := map[string]any{"id": "w_x", "type": "account", "group_id": nil, "url": "https://localhost:12345", "events": []any{"sync_start"},
			"active": false, "secret": nil, "created_at": "2024-01-01T00:00:00.000000Z", "created_by": "u_v"}
		for k, v := range fields {
			d[k] = v
		}
		return d
	}
	// A user as a GET shows it: invited, without a phone, a picture or an
	// account role (nulls), with the fields given over the defaults.
	user := func(fields map[string]any) map[string]any {
		d := map[string]any{"id": "u_v", "email": "a@example.com", "given_name": "A", "family_name": "B", "verified": false,
			"invited": true, "picture": nil, "phone": nil, "role": nil, "logged_in_at": nil,
			"created_at": "2024-01-01T00:00:00.000000Z", "active": true}
		for k, v := range fields {
			d[k] = v
		}
		return d
	}
	team := func(fields map[string]any) map[string]any {
		d := map[string]any{"id": "t_u", "name": "t", "description": nil, "role": nil}
		for k, v := range fields {
			d[k] = v
		}
		return d
	}
	role := func(fields map[string]any) map[string]any {
		d := map[string]any{"name": "View Destination", "description": "d", "is_custom": false, "scope": []any{"DESTINATION"},
			"is_deprecated": false, "replacement_role_name": nil}
		for k, v := range fields {
			d[k] = v
		}
		return d
	}
	// A log service as a GET shows it, with the config given.
	logService := func(service string, config map[string]any) string {
		return envelope(map[string]any{"id": "a_b", "service": service, "enabled": true, "config": config})
	}
	get := func(path, body string) emulator.Exchange {
		return emulator.Exchange{Method: "GET", Path: path, RequestHeader: hdr(), Status: 200, ResponseHeader: jsonHdr, ResponseBody: []byte(body)}
	}
	patch := func(path, reqBody, respBody string) emulator.Exchange {
		return emulator.Exchange{Method: "PATCH", Path: path, RequestHeader: jsonHdr, RequestBody: []byte(reqBody),
			Status: 200, ResponseHeader: jsonHdr, ResponseBody: []byte(respBody)}
	}
	// An approved certificate and fingerprint as the live API answers them
	// (a nil value drops the field), and their approvals.
	certificate := func(fields map[string]any) map[string]any {
		d := map[string]any{"id": "aA", "name": "CN=db", "hash": "h=", "type": "TLS", "sha1": "ab", "sha256": "cd",
			"public_key": "Sun RSA public key", "validated_date": "2024-01-01T00:00:00.000000Z", "validated_by": "Go 5Tran"}
		for k, v := range fields {
			if v == nil {
				delete(d, k)
			} else {
				d[k] = v
			}
		}
		return d
	}
	fingerprint := func(fields map[string]any) map[string]any {
		d := map[string]any{"id": "aA", "hash": "test_hash", "public_key": "test_public_key",
			"validated_date": "2024-01-01T00:00:00.000000Z", "validated_by": "Go 5Tran"}
		for k, v := range fields {
			if v == nil {
				delete(d, k)
			} else {
				d[k] = v
			}
		}
		return d
	}
	approve := func(path, reqBody string, status int, respBody string) emulator.Exchange {
		return emulator.Exchange{Method: "POST", Path: path, RequestHeader: jsonHdr, RequestBody: []byte(reqBody),
			Status: status, ResponseHeader: jsonHdr, ResponseBody: []byte(respBody)}
	}
	// A destination's setup tests, the failed one with the details given.
	destTests := func(details any) string {
		return envelope(map[string]any{"id": "a_b", "group_id": "a_b", "service": "snowflake", "region": "GCP_US_EAST4",
			"time_zone_offset": "0", "setup_status": "broken",
			"setup_tests": []any{map[string]any{"title": "Validate Certificate", "status": "FAILED", "message": "m", "details": details}}})
	}
	cases := []struct {
		name string
		x    emulator.Exchange
		kind string // "" when it conforms
	}{
		{"conforming group", get("/v1/groups/a_b", okGroup), ""},
		{"group name is a number", get("/v1/groups/a_b", strings.Replace(okGroup, `"name":"g"`, `"name":5`, 1)), KindResponse},
		{"group id missing", get("/v1/groups/a_b", strings.Replace(okGroup, `"id":"a_b",`, "", 1)), KindResponse},
		{"group created_at not a date-time", get("/v1/groups/a_b", strings.Replace(okGroup, "2024-01-01T00:00:00.000000Z", "yesterday", 1)), KindResponse},
		{"envelope without code", get("/v1/groups/a_b", strings.Replace(okGroup, `"code":"Success",`, "", 1)), KindResponse},
		{"undeclared success status", func() emulator.Exchange { x := get("/v1/groups/a_b", okGroup); x.Status = 202; return x }(), KindResponse},
		{"create group with a numeric name", emulator.Exchange{Method: "POST", Path: "/v1/groups", RequestHeader: jsonHdr, RequestBody: []byte(`{"name":5}`),
			Status: 201, ResponseHeader: jsonHdr, ResponseBody: []byte(okGroup)}, KindRequest},
		{"no Authorization header", emulator.Exchange{Method: "GET", Path: "/v1/groups/a_b", RequestHeader: http.Header{}, Status: 200, ResponseHeader: jsonHdr, ResponseBody: []byte(okGroup)}, KindRequest},
		{"limit is not an integer", emulator.Exchange{Method: "GET", Path: "/v1/groups", RawQuery: "limit=ten", RequestHeader: hdr(), Status: 200, ResponseHeader: jsonHdr,
			ResponseBody: []byte(`{"code":"Success","data":{"items":[]}}`)}, KindRequest},
		{"unknown route answered 200", get("/v1/widgets", `{"code":"Success","data":{}}`), KindRoute},
		{"unknown legacy-looking route", get("/v1/metadata/connections/postgres", `{"code":"Success","data":{}}`), KindRoute},
		{"older route name answered 200", get("/v1/connectors/c_d", conn("360")), KindRoute},
		{"sync_frequency integer in the string enum (excused)", get("/v1/connections/c_d", conn("360")), ""},
		{"sync_frequency integer not in the enum", get("/v1/connections/c_d", conn("7")), KindResponse},
		{"sync_frequency as a string", get("/v1/connections/c_d", conn(`"360"`)), KindResponse},
		{"connection succeeded_at null (excused)", get("/v1/connections/c_d", strings.Replace(conn("360"), `"paused":false`, `"succeeded_at":null,"paused":false`, 1)), ""},
		{"connection schema null", get("/v1/connections/c_d", strings.Replace(conn("360"), `"schema":"pg"`, `"schema":null`, 1)), KindResponse},
		{"group name null", get("/v1/groups/a_b", strings.Replace(okGroup, `"name":"g"`, `"name":null`, 1)), KindResponse},
		{"connection list item with config (excused)", get("/v1/connections", connPage(`{"host":"h","port":"5432","password":"******","tables":["a"]}`)), ""},
		{"group connection list item with config (excused)", get("/v1/groups/a_b/connections", connPage(`{"host":"h"}`)), ""},
		{"connection list item without config", get("/v1/connections", connPage("")), ""},
		{"connection list item config not an object", get("/v1/connections", connPage(`"host=h"`)), KindResponse},
		{"setup_status lower case (excused)", get("/v1/destinations/a_b", dest("connected")), ""},
		{"setup_status upper case", get("/v1/destinations/a_b", dest("CONNECTED")), ""},
		{"setup_status unknown lower case", get("/v1/destinations/a_b", dest("exploded")), KindResponse},
		{"setup_status mixed case", get("/v1/destinations/a_b", dest("Connected")), KindResponse},
		{"metadata service_status_updated_at a date (excused)", get("/v1/metadata/connector-types/pg", meta("2023-10-11")), ""},
		{"metadata service_status_updated_at a date-time", get("/v1/metadata/connector-types/pg", meta("2023-10-11T00:00:00Z")), ""},
		{"metadata service_status_updated_at not a date", get("/v1/metadata/connector-types/pg", meta("2023-13-45")), KindResponse},
		{"group created_at a bare date", get("/v1/groups/a_b", strings.Replace(okGroup, "2024-01-01T00:00:00.000000Z", "2024-01-01", 1)), KindResponse},
		{"error without envelope", emulator.Exchange{Method: "GET", Path: "/v1/groups/zz", RequestHeader: hdr(), Status: 404,
			ResponseHeader: hdr("Content-Type", "text/plain"), ResponseBody: []byte("not found")}, KindResponse},
		{"undeclared 404 with the wrong code", emulator.Exchange{Method: "GET", Path: "/v1/groups/zz", RequestHeader: hdr(), Status: 404,
			ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"Oops","message":"x"}`)}, KindResponse},
		{"undeclared 404 NotFound_Group", emulator.Exchange{Method: "GET", Path: "/v1/groups/zz", RequestHeader: hdr(), Status: 404,
			ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"NotFound_Group","message":"x"}`)}, ""},
		{"PATCH connection clearing daily_sync_time with null (excused)", patch("/v1/connections/c_d", `{"sync_frequency":60,"daily_sync_time":null}`, conn("60")), ""},
		{"PATCH connection clearing proxy_agent_id with null (excused)", patch("/v1/connections/c_d", `{"networking_method":"Directly","proxy_agent_id":null}`, conn("360")), ""},
		{"PATCH connection paused null", patch("/v1/connections/c_d", `{"paused":null}`, conn("360")), KindRequest},
		{"PATCH connection config.host null stays a config null", patch("/v1/connections/c_d", `{"config":{"host":null}}`, conn("360")), ""},
		{"PATCH destination clearing private_link_id with null (excused)", patch("/v1/destinations/a_b", `{"private_link_id":null}`, dest("connected")), ""},
		{"PATCH destination region null", patch("/v1/destinations/a_b", `{"region":null}`, dest("connected")), KindRequest},
		{"POST connection daily_sync_time null", emulator.Exchange{Method: "POST", Path: "/v1/connections", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"group_id":"a_b","service":"postgres","config":{"schema":"pg"},"daily_sync_time":null}`),
			Status:      201, ResponseHeader: jsonHdr, ResponseBody: []byte(conn("360"))}, KindRequest},
		{"proxy agent with null version and a destination's null usage schema (excused)", get("/v1/proxy/p_q", agent(nil)), ""},
		{"proxy agent connected with a version", get("/v1/proxy/p_q", agent(map[string]any{"status": "CONNECTED", "version": "1.0.0"})), ""},
		{"proxy agent status outside the enum (data checked through the envelope)", get("/v1/proxy/p_q", agent(map[string]any{"status": "RUNNING"})), KindResponse},
		{"proxy agent region a number", get("/v1/proxy/p_q", agent(map[string]any{"region": 5})), KindResponse},
		{"proxy agent usage schema a number", get("/v1/proxy/p_q", agent(map[string]any{"usage": []any{map[string]any{"id": "c_d", "schema": 5}}})), KindResponse},
		{"proxy agent display_name null", get("/v1/proxy/p_q", strings.Replace(agent(nil), `"display_name":"office"`, `"display_name":null`, 1)), KindResponse},
		{"proxy agent without the envelope", get("/v1/proxy/p_q", `{"id":"p_q","display_name":"office","status":"CONNECTED"}`), KindResponse},
		{"proxy agent envelope without code", get("/v1/proxy/p_q", strings.Replace(agent(nil), `"code":"Success",`, "", 1)), KindResponse},
		{"proxy agent list item with a null version (excused)", get("/v1/proxy", `{"code":"Success","data":{"items":[{"id":"p_q","display_name":"office",`+
			`"status":"NOT_CONNECTED","version":null,"connector_count":1,"destination_count":0}]}}`), ""},
		{"proxy agent list item with a null display_name", get("/v1/proxy", `{"code":"Success","data":{"items":[{"id":"p_q","display_name":null}]}}`), KindResponse},
		{"private link", get("/v1/private-links/l_m", link(nil)), ""},
		{"private link with a null host (excused)", get("/v1/private-links/l_m", nullHost), ""},
		{"private link list item with a null host (excused)", get("/v1/private-links", linkPage(nullHost)), ""},
		{"private link list item in a region outside both enums", get("/v1/private-links", linkPage(link(map[string]any{"region": "MARS_NORTH_1"}))), KindResponse},
		{"private link host a number", get("/v1/private-links/l_m", link(map[string]any{"host": 5})), KindResponse},
		{"private link in a region only its create lists (excused)", get("/v1/private-links/l_m", link(map[string]any{"region": "AZURE_JAPANEAST"})), ""},
		{"private link region outside both enums", get("/v1/private-links/l_m", link(map[string]any{"region": "MARS_NORTH_1"})), KindResponse},
		{"private link state outside the enum", get("/v1/private-links/l_m", link(map[string]any{"state": "PENDING"})), KindResponse},
		{"private link without config", get("/v1/private-links/l_m", link(map[string]any{"config": nil})), KindResponse},
		{"private link without state_summary", get("/v1/private-links/l_m", link(map[string]any{"state_summary": nil})), KindResponse},
		{"private link config without its service's required key (discriminator)", get("/v1/private-links/l_m", link(map[string]any{"config": map[string]any{"vpce_id": "v"}})), KindResponse},
		{"private link config value a number (discriminator)", get("/v1/private-links/l_m", link(map[string]any{"config": map[string]any{"private_connection_service_id": 5}})), KindResponse},
		{"private link list item config of another service (discriminator)", get("/v1/private-links",
			linkPage(link(map[string]any{"config": map[string]any{"account_url": "u", "vpce_id": "v"}}))), KindResponse},
		{"private link config of its service in another cloud", get("/v1/private-links/l_m", link(map[string]any{"service": "SNOWFLAKE_AWS",
			"config": map[string]any{"account_url": "u", "vpce_id": "v"}, "cloud_provider": "AWS", "region": "AWS_US_EAST_1"})), ""},
		{"private link create without its service's required config key (discriminator)", emulator.Exchange{Method: "POST", Path: "/v1/private-links",
			RequestHeader: jsonHdr, RequestBody: []byte(`{"name":"office","region":"GCP_US_EAST4","service":"SOURCE_GCP","config":{}}`),
			Status: 201, ResponseHeader: jsonHdr, ResponseBody: []byte(link(nil))}, KindRequest},
		{"private link create", emulator.Exchange{Method: "POST", Path: "/v1/private-links", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"name":"office","region":"GCP_US_EAST4","service":"SOURCE_GCP","config":{"private_connection_service_id":"p"}}`),
			Status:      201, ResponseHeader: jsonHdr, ResponseBody: []byte(link(nil))}, ""},
		{"private link PATCH refused with 409 IllegalState (excused)", conflict("PATCH", "/v1/private-links/l_m", "IllegalState"), ""},
		{"private link DELETE refused with 409 IllegalState (excused)", conflict("DELETE", "/v1/private-links/l_m", "IllegalState"), ""},
		{"connection DELETE refused with 409 IllegalState", conflict("DELETE", "/v1/connections/c_d", "IllegalState"), KindResponse},
		{"private link DELETE refused with 409 and another code", conflict("DELETE", "/v1/private-links/l_m", "Busy"), KindResponse},
		{"hybrid agent never online: null version and last_used_at (excused)", get("/v1/hybrid-deployment-agents/h_i", envelope(hybrid(nil))), ""},
		{"hybrid agent online", get("/v1/hybrid-deployment-agents/h_i", envelope(hybrid(map[string]any{"online": true, "version": "1.0.0",
			"last_used_at": "2024-01-01T00:00:00.000000Z"}))), ""},
		{"hybrid agent list item with null version (excused)", get("/v1/hybrid-deployment-agents", hybridPage(hybrid(nil))), ""},
		{"hybrid agent create answer with null version (excused)", hybridCreate(hybrid(nil)), ""},
		{"hybrid agent without last_used_at", get("/v1/hybrid-deployment-agents/h_i", envelope(func() map[string]any {
			d := hybrid(nil)
			delete(d, "last_used_at")
			return d
		}())), KindResponse},
		{"hybrid agent with a null updated_at", get("/v1/hybrid-deployment-agents/h_i", envelope(func() map[string]any {
			d := hybrid(nil)
			d["updated_at"] = nil
			return d
		}())), KindResponse},
		{"hybrid agent usage entry with a null schema", get("/v1/hybrid-deployment-agents/h_i", envelope(hybrid(map[string]any{
			"usage": []any{map[string]any{"connection_id": "c_d", "schema": nil, "service": "postgres"}}}))), KindResponse},
		{"hybrid agent deployment_type outside the enum", get("/v1/hybrid-deployment-agents/h_i", envelope(hybrid(map[string]any{"deployment_type": "LXC"}))), KindResponse},
		{"hybrid agent online a string", get("/v1/hybrid-deployment-agents/h_i", envelope(hybrid(map[string]any{"online": "no"}))), KindResponse},
		{"hybrid agent create answer without files' auth_json", func() emulator.Exchange {
			x := hybridCreate(hybrid(nil))
			x.ResponseBody = []byte(strings.Replace(string(x.ResponseBody), `"auth_json":"e30K",`, "", 1))
			return x
		}(), KindResponse},
		{"hybrid agent delete refused with 409 Conflict (excused)", emulator.Exchange{Method: "DELETE", Path: "/v1/hybrid-deployment-agents/h_i",
			RequestHeader: hdr(), Status: 409, ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"Conflict","message":"in use"}`)}, ""},
		{"account webhook: null group_id and secret (excused)", get("/v1/webhooks/w_x", envelope(webhook(nil))), ""},
		{"group webhook with a secret", get("/v1/webhooks/w_x", envelope(webhook(map[string]any{"type": "group", "group_id": "a_b", "secret": "******"}))), ""},
		{"webhook list item with null group_id (excused)", get("/v1/webhooks", envelope(map[string]any{"items": []any{webhook(nil)}})), ""},
		{"account webhook create answer with null group_id (excused)", emulator.Exchange{Method: "POST", Path: "/v1/webhooks/account", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"url":"https://localhost:12345","events":["sync_start"],"secret":"******"}`),
			Status:      200, ResponseHeader: jsonHdr, ResponseBody: []byte(envelope(webhook(nil)))}, ""},
		{"webhook PATCH answer with null secret (excused)", patch("/v1/webhooks/w_x", `{"active":true}`, envelope(webhook(map[string]any{"active": true}))), ""},
		{"webhook with a null url", get("/v1/webhooks/w_x", envelope(webhook(map[string]any{"url": nil}))), KindResponse},
		{"webhook with a null created_by", get("/v1/webhooks/w_x", envelope(webhook(map[string]any{"created_by": nil}))), KindResponse},
		{"webhook type outside the enum", get("/v1/webhooks/w_x", envelope(webhook(map[string]any{"type": "team"}))), KindResponse},
		{"webhook with a null secret inside events", get("/v1/webhooks/w_x", envelope(webhook(map[string]any{"events": []any{nil}}))), KindResponse},
		{"webhook test answer without succeed", emulator.Exchange{Method: "POST", Path: "/v1/webhooks/w_x/test", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"event":"sync_start"}`), Status: 200, ResponseHeader: jsonHdr,
			ResponseBody: []byte(envelope(map[string]any{"status": 0, "message": "m"}))}, KindResponse},
		{"webhook test answer", emulator.Exchange{Method: "POST", Path: "/v1/webhooks/w_x/test", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"event":"sync_start"}`), Status: 200, ResponseHeader: jsonHdr,
			ResponseBody: []byte(envelope(map[string]any{"succeed": false, "status": 0, "message": "m"}))}, ""},
		{"webhook not found: plain NotFound (excused)", emulator.Exchange{Method: "GET", Path: "/v1/webhooks/w_x", RequestHeader: hdr(), Status: 404,
			ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"NotFound","message":"Webhook not found."}`)}, ""},
		{"invited user: null phone, picture, role and logged_in_at (excused)", get("/v1/users/u_v", envelope(user(nil))), ""},
		{"user list item with nulls (excused)", get("/v1/users", envelope(map[string]any{"items": []any{user(nil)}})), ""},
		{"group user with its role in the group", get("/v1/groups/a_b/users", envelope(map[string]any{"items": []any{user(map[string]any{"role": "View Destination"})}})), ""},
		{"user with a null email", get("/v1/users/u_v", envelope(user(map[string]any{"email": nil}))), KindResponse},
		{"user with a null verified", get("/v1/users/u_v", envelope(user(map[string]any{"verified": nil}))), KindResponse},
		{"user with a string active", get("/v1/users/u_v", envelope(user(map[string]any{"active": "yes"}))), KindResponse},
		{"user PATCH clearing phone and picture (excused)", patch("/v1/users/u_v", `{"phone":null,"picture":null}`, envelope(user(nil))), ""},
		{"user PATCH with a null given_name", patch("/v1/users/u_v", `{"given_name":null}`, envelope(user(nil))), KindRequest},
		{"user delete, routed although the spec names its parameter id", emulator.Exchange{Method: "DELETE", Path: "/v1/users/u_v", RequestHeader: hdr(),
			Status: 200, ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"Success","message":"User with id 'u_v' has been deleted"}`)}, ""},
		{"user delete answer without a message", emulator.Exchange{Method: "DELETE", Path: "/v1/users/u_v", RequestHeader: hdr(),
			Status: 200, ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"Success"}`)}, KindResponse},
		{"team without a description or a role (excused)", get("/v1/teams/t_u", envelope(team(nil))), ""},
		{"team list item without a role (excused)", get("/v1/teams", envelope(map[string]any{"items": []any{team(nil)}})), ""},
		{"team with a null id", get("/v1/teams/t_u", envelope(team(map[string]any{"id": nil}))), KindResponse},
		{"team with a null name", get("/v1/teams/t_u", envelope(team(map[string]any{"name": nil}))), KindResponse},
		{"role not deprecated: null replacement, scope an array (excused)", get("/v1/roles", envelope(map[string]any{"items": []any{role(nil)}})), ""},
		{"role with two scopes (excused)", get("/v1/roles", envelope(map[string]any{"items": []any{role(map[string]any{"scope": []any{"DESTINATION", "CONNECTOR"}})}})), ""},
		{"role with a scope outside the enum", get("/v1/roles", envelope(map[string]any{"items": []any{role(map[string]any{"scope": []any{"GROUP"}})}})), KindResponse},
		{"role with a scope that is a string", get("/v1/roles", envelope(map[string]any{"items": []any{role(map[string]any{"scope": "ACCOUNT"})}})), KindResponse},
		{"role with a null name", get("/v1/roles", envelope(map[string]any{"items": []any{role(map[string]any{"name": nil})}})), KindResponse},
		{"role with a null is_deprecated", get("/v1/roles", envelope(map[string]any{"items": []any{role(map[string]any{"is_deprecated": nil})}})), KindResponse},
		{"user membership in a group with a null role", get("/v1/users/u_v/groups/a_b", envelope(map[string]any{"id": "a_b", "role": nil,
			"created_at": "2024-01-01T00:00:00.000000Z"})), KindResponse},
		{"datadog log service, region a string of the enum typed object (excused)", get("/v1/external-logging/a_b", logService("datadog_log", map[string]any{"api_key": "******", "region": "EU"})), ""},
		{"new relic account log service, sub_domain a string of the enum (excused)", get("/v1/external-logging/account", logService("new_relic_log", map[string]any{"sub_domain": "FedRAMP"})), ""},
		{"datadog log service create with a region of the enum (excused)", emulator.Exchange{Method: "POST", Path: "/v1/external-logging", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"group_id":"a_b","service":"datadog_log","enabled":true,"config":{"api_key":"******","region":"US1_FED"}}`),
			Status:      201, ResponseHeader: jsonHdr, ResponseBody: []byte(logService("datadog_log", map[string]any{"api_key": "******", "region": "US1_FED"}))}, ""},
		{"datadog log service create with a region outside the enum", emulator.Exchange{Method: "POST", Path: "/v1/external-logging", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"group_id":"a_b","service":"datadog_log","config":{"region":"MARS"}}`),
			Status:      201, ResponseHeader: jsonHdr, ResponseBody: []byte(logService("datadog_log", map[string]any{}))}, KindRequest},
		{"datadog log service, region outside the enum", get("/v1/external-logging/a_b", logService("datadog_log", map[string]any{"region": "MARS"})), KindResponse},
		{"datadog log service, region a number", get("/v1/external-logging/a_b", logService("datadog_log", map[string]any{"region": 5})), KindResponse},
		{"cloudwatch log service, region any string", get("/v1/external-logging/a_b", logService("cloudwatch", map[string]any{"region": "eu-west-1"})), ""},
		{"azure log service, workspace_id a number", get("/v1/external-logging/a_b", logService("azure_monitor_log", map[string]any{"workspace_id": 5})), KindResponse},
		{"splunk log service, port a string", get("/v1/external-logging/a_b", logService("splunkLog", map[string]any{"port": "8088"})), KindResponse},
		{"log service without enabled", get("/v1/external-logging/a_b", strings.Replace(logService("stackdriver", nil), `"enabled":true,`, "", 1)), KindResponse},
		{"account log service created", emulator.Exchange{Method: "POST", Path: "/v1/external-logging/account", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"service":"stackdriver","config":{"project_id":"p"}}`),
			Status:      201, ResponseHeader: jsonHdr, ResponseBody: []byte(logService("stackdriver", map[string]any{"project_id": "p"}))}, ""},
		{"log service list item", get("/v1/external-logging", envelope(map[string]any{"items": []any{map[string]any{"id": "a_b", "service": "cloudwatch", "enabled": false}}})), ""},
		{"log service setup tests", emulator.Exchange{Method: "POST", Path: "/v1/external-logging/a_b/test", RequestHeader: jsonHdr, Status: 200, ResponseHeader: jsonHdr,
			ResponseBody: []byte(envelope(map[string]any{"setup_tests": []any{map[string]any{"title": "t", "status": "PASSED", "message": ""}}}))}, ""},
		{"log service setup test with a status outside the enum", emulator.Exchange{Method: "POST", Path: "/v1/external-logging/a_b/test", RequestHeader: jsonHdr, Status: 200, ResponseHeader: jsonHdr,
			ResponseBody: []byte(envelope(map[string]any{"setup_tests": []any{map[string]any{"title": "t", "status": "BROKEN"}}}))}, KindResponse},
		{"log service not found", emulator.Exchange{Method: "GET", Path: "/v1/external-logging/a_b", RequestHeader: hdr(), Status: 404,
			ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"NotFound_LogService","message":"m"}`)}, ""},
		{"certificate approved: 201 where the spec lists 200 (excused)", approve("/v1/connections/c_d/certificates", `{"hash":"h=","encoded_cert":"MII"}`,
			201, envelope(certificate(nil))), ""},
		{"destination certificate approved with 200, as the spec has it", approve("/v1/destinations/a_b/certificates", `{"hash":"h=","encoded_cert":"MII"}`,
			200, envelope(certificate(nil))), ""},
		{"certificate approved without sha256", approve("/v1/destinations/a_b/certificates", `{"hash":"h=","encoded_cert":"MII"}`,
			201, envelope(certificate(map[string]any{"sha256": nil}))), KindResponse},
		{"certificate approval without encoded_cert", approve("/v1/connections/c_d/certificates", `{"hash":"h="}`,
			201, envelope(certificate(nil))), KindRequest},
		{"certificate approved: 202", approve("/v1/connections/c_d/certificates", `{"hash":"h=","encoded_cert":"MII"}`,
			202, envelope(certificate(nil))), KindResponse},
		{"fingerprint approved: the envelope around it (excused)", approve("/v1/connections/c_d/fingerprints", `{"hash":"test_hash","public_key":"test_public_key"}`,
			201, envelope(fingerprint(nil))), ""},
		{"destination fingerprint approved without validated_by", approve("/v1/destinations/a_b/fingerprints", `{"hash":"h","public_key":"k"}`,
			201, envelope(fingerprint(map[string]any{"validated_by": nil}))), KindResponse},
		{"fingerprint approved without the envelope", approve("/v1/connections/c_d/fingerprints", `{"hash":"h","public_key":"k"}`,
			201, func() string { b, _ := json.Marshal(fingerprint(nil)); return string(b) }()), KindResponse},
		{"fingerprint approved, the envelope without a code", approve("/v1/connections/c_d/fingerprints", `{"hash":"h","public_key":"k"}`,
			201, strings.Replace(envelope(fingerprint(nil)), `"code":"Success",`, "", 1)), KindResponse},
		{"certificates listed", get("/v1/destinations/a_b/certificates", envelope(map[string]any{"items": []any{certificate(nil)}})), ""},
		{"fingerprint with a numeric public_key", get("/v1/connections/c_d/fingerprints/aA", envelope(fingerprint(map[string]any{"public_key": 5}))), KindResponse},
		{"certificate revoked", emulator.Exchange{Method: "DELETE", Path: "/v1/connections/c_d/certificates/aA", RequestHeader: hdr(), Status: 200,
			ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"Success","message":"Certificate 'h=' has been revoked for connection 'c_d'"}`)}, ""},
		{"certificate not approved: plain NotFound", emulator.Exchange{Method: "GET", Path: "/v1/connections/c_d/certificates/aA", RequestHeader: hdr(), Status: 404,
			ResponseHeader: jsonHdr, ResponseBody: []byte(`{"code":"NotFound","message":"m"}`)}, ""},
		{"account-level certificate approval", approve("/v1/certificates", `{"hash":"h=","encoded_cert":"MII","destination_id":"a_b"}`,
			200, `{"code":"Success","message":"The certificate has been approved."}`), ""},
		{"setup test with a certificate list in details (excused)", emulator.Exchange{Method: "POST", Path: "/v1/destinations/a_b/test", RequestHeader: jsonHdr,
			RequestBody: []byte(`{"trust_certificates":false}`), Status: 200, ResponseHeader: jsonHdr,
			ResponseBody: []byte(destTests([]any{map[string]any{"hash": "h=", "name": "CN=db", "encoded_cert": "MII"}}))}, ""},
		{"setup test with a fingerprint object in details", emulator.Exchange{Method: "POST", Path: "/v1/destinations/a_b/test", RequestHeader: jsonHdr,
			RequestBody: []byte(`{}`), Status: 200, ResponseHeader: jsonHdr,
			ResponseBody: []byte(destTests(map[string]any{"hash": "h", "public_key": "k", "type": "ssh-rsa", "name": "n"}))}, ""},
		{"setup test with a list of strings in details", emulator.Exchange{Method: "POST", Path: "/v1/destinations/a_b/test", RequestHeader: jsonHdr,
			RequestBody: []byte(`{}`), Status: 200, ResponseHeader: jsonHdr, ResponseBody: []byte(destTests([]any{"h="}))}, KindResponse},
		{"injected fault skipped", emulator.Exchange{Method: "GET", Path: "/v1/groups", RequestHeader: hdr(), Status: 502,
			ResponseHeader: hdr("Content-Type", "text/html"), ResponseBody: []byte("<html>"), Fault: emulator.Fault502HTML}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			vs := v.Check(tc.x)
			if tc.kind == "" {
				if len(vs) != 0 {
					t.Fatalf("want no violation, got %v", vs)
				}
				return
			}
			found := false
			for _, vi := range vs {
				found = found || vi.Kind == tc.kind
				if strings.Contains(vi.String(), "\n") {
					t.Errorf("String() is not one line: %q", vi.String())
				}
			}
			if !found {
				t.Fatalf("want a %s violation, got %v", tc.kind, vs)
			}
			t.Logf("caught: %v", vs[0])
		})
	}

	// Check is safe for concurrent use (emulator handlers run in parallel).
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, tc := range cases {
				if got := len(v.Check(tc.x)) > 0; got != (tc.kind != "") {
					t.Errorf("%s: concurrent Check gave %v", tc.name, v.Check(tc.x))
				}
			}
		})
	}
	wg.Wait()
}

func TestSpecPath(t *testing.T) {
	t.Setenv(SpecEnv, "/no/such/openapi.json")
	if p := SpecPath(); p != "" {
		t.Fatalf("absent env file: %q", p)
	}
	t.Setenv(SpecEnv, "")
	p := SpecPath()
	if p == "" {
		t.Skip("spec absent; nothing more to check")
	}
	if !strings.HasSuffix(p, "/shared/fivetran-api/openapi.json") {
		t.Fatalf("SpecPath() = %q", p)
	}
	v1 := must(Load(p))(t)
	v2 := must(Load(p))(t)
	if v1 != v2 {
		t.Fatal("Load does not cache")
	}
}

// fakeTB records what Observer and Attach report.
type fakeTB struct {
	testing.TB
	cleanups []func()
	errors   []string
	logs     []string
}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}
func (f *fakeTB) Logf(format string, a ...any) { f.logs = append(f.logs, fmt.Sprintf(format, a...)) }
func (f *fakeTB) runCleanups() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func TestAttach(t *testing.T) {
	t.Run("absent spec", func(t *testing.T) {
		t.Setenv(SpecEnv, "/no/such/openapi.json")
		f := &fakeTB{TB: t}
		var opts emulator.Options
		Attach(f, &opts)
		if opts.Observe != nil || len(f.logs) != 1 || !strings.Contains(f.logs[0], "skipped") || len(f.cleanups) != 0 {
			t.Fatalf("observe set: %v, logs %q", opts.Observe != nil, f.logs)
		}
	})
	validatorOrSkip(t)
	t.Run("clean traffic", func(t *testing.T) {
		opts := emulator.Options{APIKey: testKey, APISecret: testSecret}
		Attach(t, &opts)
		emu, err := emulator.Start(opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(emu.Close)
		c := newClient(t, emu.URL)
		g := must(c.CreateGroup(context.Background(), "attached"))(t)
		must(c.GetGroup(context.Background(), g.ID))(t)
	})
	t.Run("violations fail the test", func(t *testing.T) {
		f := &fakeTB{TB: t}
		var seen int
		opts := emulator.Options{Observe: func(emulator.Exchange) { seen++ }}
		Attach(f, &opts)
		bad := emulator.Exchange{Method: "GET", Path: "/v1/widgets", RequestHeader: http.Header{"Authorization": {"Basic azpz"}},
			Status: 200, ResponseHeader: http.Header{"Content-Type": {"application/json"}}, ResponseBody: []byte(`{}`)}
		for range 25 {
			opts.Observe(bad)
		}
		f.runCleanups()
		if seen != 25 {
			t.Fatalf("the previous Observe saw %d exchanges", seen)
		}
		if len(f.errors) != 1 || !strings.Contains(f.errors[0], "25 OpenAPI conformance violation(s)") ||
			!strings.Contains(f.errors[0], "and 5 more") || strings.Count(f.errors[0], "\n  route:") != maxListed {
			t.Fatalf("errors: %q", f.errors)
		}
	})
}

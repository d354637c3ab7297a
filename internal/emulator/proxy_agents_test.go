package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/conformance"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The proxy agent routes, driven over HTTP with every exchange validated
// against the OpenAPI spec (conformance.Attach). The tests send requests of
// their own rather than the client's: the emulator and the client are
// written independently.

type pxClient struct {
	t    *testing.T
	base string
}

// pxEnvelope is a decoded answer.
type pxEnvelope struct {
	status int
	raw    string
	body   map[string]any
}

func (r pxEnvelope) data() map[string]any {
	d, _ := r.body["data"].(map[string]any)
	return d
}

func (r pxEnvelope) items() []map[string]any {
	var out []map[string]any
	its, _ := r.data()["items"].([]any)
	for _, it := range its {
		m, _ := it.(map[string]any)
		out = append(out, m)
	}
	return out
}

// invalidReq marks a request that violates the spec on purpose.
var invalidReq = []string{conformance.ExpectHeader, "invalid-request"}

// do sends a request and fails the test unless the answer has the status
// and, when code is not "", the envelope code. hdr is key, value pairs.
func (c pxClient) do(method, path string, body any, status int, code string, hdr ...string) pxEnvelope {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.SetBasicAuth("k", "s")
	req.Header.Set("Accept", "application/json")
	if method == http.MethodPost || method == http.MethodPatch {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := pxEnvelope{status: resp.StatusCode, raw: string(raw)}
	if err := json.Unmarshal(raw, &out.body); err != nil {
		c.t.Fatalf("%s %s: non-JSON answer %q", method, path, raw)
	}
	if resp.StatusCode != status || (code != "" && out.body["code"] != code) {
		c.t.Fatalf("%s %s: want %d %s, got %d %s", method, path, status, code, resp.StatusCode, raw)
	}
	return out
}

// wantMessage fails the test unless the answer's message is msg.
func (c pxClient) wantMessage(r pxEnvelope, msg string) {
	c.t.Helper()
	if r.body["message"] != msg {
		c.t.Fatalf("message %q, want %q (%s)", r.body["message"], msg, r.raw)
	}
}

// create creates a proxy agent and returns the create's data.
func (c pxClient) create(name, region string) map[string]any {
	c.t.Helper()
	return c.do("POST", "/proxy", map[string]any{"display_name": name, "group_region": region}, 201, "Success").data()
}

// pxClock is the emulator's clock in these tests.
type pxClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *pxClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *pxClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func newPxClock() *pxClock { return &pxClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

// startPx starts an emulator (built-in catalog) whose exchanges are
// validated against the spec.
func startPx(t *testing.T, mod func(*emulator.Options)) (*emulator.Running, pxClient) {
	t.Helper()
	opts := emulator.Options{APIKey: "k", APISecret: "s", Seed: 11}
	if mod != nil {
		mod(&opts)
	}
	conformance.Attach(t, &opts)
	emu, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close) // after Attach: the emulator is closed before violations are reported
	return emu, pxClient{t: t, base: emu.URL}
}

var (
	pxIDRe    = regexp.MustCompile(`^[a-z]+_[a-z]+$`)
	pxStampRe = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
	secretKey = []string{"auth_token", "client_cert", "client_private_key"}
)

// checkSecrets checks the data of a create or regeneration: agent_id and
// three secrets of the expected forms, and nothing else.
func checkSecrets(t *testing.T, d map[string]any, id string) {
	t.Helper()
	if len(d) != 4 || d["agent_id"] != id {
		t.Fatalf("want agent_id %q and the three secrets, got %v", id, d)
	}
	if tok, _ := d["auth_token"].(string); len(tok) < 40 || strings.ContainsAny(tok, " \n") {
		t.Errorf("auth_token %q: want a long token", tok)
	}
	for k, kind := range map[string]string{"client_cert": "CERTIFICATE", "client_private_key": "PRIVATE KEY"} {
		s, _ := d[k].(string)
		block, rest := pem.Decode([]byte(s))
		if block == nil || block.Type != kind || len(block.Bytes) < 500 || len(bytes.TrimSpace(rest)) != 0 || !strings.HasPrefix(s, "-----BEGIN "+kind+"-----\nMII") {
			t.Errorf("%s is not one PEM %s block: %q", k, kind, s)
		}
	}
}

// fragment is a piece of a secret's value that no other text holds: the
// token's start, or the first line of a PEM block's encoded body.
func fragment(t *testing.T, key string, v any) string {
	t.Helper()
	s := jsonString(t, v)
	if key == "auth_token" {
		return s[:32]
	}
	lines := strings.Split(s, "\n")
	if len(lines) < 3 || len(lines[1]) < 32 {
		t.Fatalf("%s is not a PEM block: %q", key, s)
	}
	return lines[1]
}

// noSecrets fails the test when an answer holds a secret key or value.
func noSecrets(t *testing.T, r pxEnvelope, secrets ...map[string]any) {
	t.Helper()
	for _, k := range secretKey {
		if strings.Contains(r.raw, `"`+k+`"`) {
			t.Errorf("answer carries %s: %s", k, r.raw)
		}
		for _, s := range secrets {
			if strings.Contains(r.raw, fragment(t, k, s[k])) {
				t.Errorf("answer carries the value of %s: %s", k, r.raw)
			}
		}
	}
}

// TestProxyAgentCreate: the create's answer and its rules: a required,
// non-empty display_name, a group_region from the spec's enum, a name no
// other agent of the account has (409), unknown fields ignored as other
// creates ignore them; a refused create creates nothing.
func TestProxyAgentCreate(t *testing.T) {
	emu, c := startPx(t, nil)
	r := c.do("POST", "/proxy", map[string]any{"display_name": "office", "group_region": "GCP_US_EAST4"}, 201, "Success")
	c.wantMessage(r, "Proxy agent has been created")
	id, _ := r.data()["agent_id"].(string)
	if !pxIDRe.MatchString(id) {
		t.Fatalf("agent_id %q", id)
	}
	checkSecrets(t, r.data(), id)

	// A region of the proxy agents' enum that destinations do not have.
	other := c.create("branch", "AZURE_KOREACENTRAL")
	checkSecrets(t, other, jsonString(t, other["agent_id"]))
	for _, k := range secretKey {
		if other[k] == r.data()[k] {
			t.Errorf("two agents share %s", k)
		}
	}
	// Unknown fields are ignored, as the other creates ignore them.
	c.create("lab", "AWS_EU_NORTH_1")
	c.do("POST", "/proxy", map[string]any{"display_name": "annex", "group_region": "GCP_US_EAST4", "colour": "red"}, 201, "Success")

	for _, tc := range []struct {
		name string
		body any
		msg  string
		hdr  []string
	}{
		{"no body", nil, "Field 'display_name' is required", nil},
		{"no display_name", map[string]any{"group_region": "GCP_US_EAST4"}, "Field 'display_name' is required", nil},
		{"null display_name", map[string]any{"display_name": nil, "group_region": "GCP_US_EAST4"}, "Field 'display_name' is required", invalidReq},
		{"empty display_name", map[string]any{"display_name": "", "group_region": "GCP_US_EAST4"}, "Field 'display_name' is required", nil},
		{"blank display_name", map[string]any{"display_name": "  ", "group_region": "GCP_US_EAST4"}, "Field 'display_name' is required", nil},
		{"numeric display_name", map[string]any{"display_name": 5, "group_region": "GCP_US_EAST4"}, "Field 'display_name' must be a string", invalidReq},
		{"no group_region", map[string]any{"display_name": "x"}, "Field 'group_region' is required", nil},
		{"unknown group_region", map[string]any{"display_name": "x", "group_region": "MARS_NORTH_1"}, "Group region not supported.", invalidReq},
		{"lower-case group_region", map[string]any{"display_name": "x", "group_region": "gcp_us_east4"}, "Group region not supported.", invalidReq},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := pxClient{t: t, base: c.base}
			if tc.body == nil {
				c.wantMessage(c.do("POST", "/proxy", nil, 400, "InvalidInput"), tc.msg)
				return
			}
			c.wantMessage(c.do("POST", "/proxy", tc.body, 400, "InvalidInput", tc.hdr...), tc.msg)
		})
	}
	// The same name again, also with another region: 409.
	for _, region := range []string{"GCP_US_EAST4", "AWS_US_EAST_1"} {
		dup := c.do("POST", "/proxy", map[string]any{"display_name": "office", "group_region": region}, 409, "Conflict")
		c.wantMessage(dup, "Proxy agent with same name already exists.")
	}
	if n := len(emu.ProxyAgents()); n != 4 {
		t.Fatalf("%d agents after the refused creates, want 4: %v", n, emu.ProxyAgents())
	}
	// Only the current route names are served: no PATCH of an agent.
	c.do("PATCH", "/proxy/"+id, map[string]any{"display_name": "renamed"}, 405, "MethodNotAllowed")
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("got %T (%v), want a string", v, v)
	}
	return s
}

// TestProxyAgentGet: a GET shows the agent without secrets, with the
// account, the acting user, the registration time, NOT_CONNECTED, a null
// version and what uses it; an unknown id is a plain NotFound.
func TestProxyAgentGet(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	s := c.create("office", "AWS_US_EAST_1")
	id := jsonString(t, s["agent_id"])

	r := c.do("GET", "/proxy/"+id, nil, 200, "Success")
	noSecrets(t, r, s)
	d := r.data()
	want := map[string]any{"id": id, "region": "AWS_US_EAST_1", "display_name": "office", "created_by": "emulator_user",
		"account_id": "emulator_account", "status": "NOT_CONNECTED", "version": nil, "registered_at": "2026-03-01T12:00:00.000000Z"}
	for k, v := range want {
		if got, has := d[k]; !has || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, has, v)
		}
	}
	if !pxStampRe.MatchString(jsonString(t, d["registered_at"])) {
		t.Errorf("registered_at %v", d["registered_at"])
	}
	if u, isList := d["usage"].([]any); !isList || len(u) != 0 {
		t.Errorf("usage of an unused agent: %v", d["usage"])
	}
	if len(d) != len(want)+1 {
		t.Errorf("unexpected fields: %v", d)
	}

	for _, path := range []string{"/proxy/no_such", "/proxy/" + id + "x"} {
		c.wantMessage(c.do("GET", path, nil, 404, "NotFound"), "Proxy Agent not found.")
	}

	// OmitNulls leaves the null version out.
	_, c2 := startPx(t, func(o *emulator.Options) { o.OmitNulls = true })
	id2 := jsonString(t, c2.create("office", "AWS_US_EAST_1")["agent_id"])
	if d, has := c2.do("GET", "/proxy/"+id2, nil, 200, "Success").data()["version"]; has {
		t.Errorf("OmitNulls: version %v", d)
	}
}

// TestProxyAgentList: the list is paged like every list, its items carry
// counts instead of usage and no secrets, and it lags writes (ListLag): a
// new agent appears after the lag, a deleted one lingers for it, while a
// GET by id is current.
func TestProxyAgentList(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.ListLag = 5 * time.Second })
	var created []string
	var secrets []map[string]any
	for i := range 5 {
		s := c.create(fmt.Sprintf("agent %d", i), "GCP_US_EAST4")
		created = append(created, jsonString(t, s["agent_id"]))
		secrets = append(secrets, s)
	}
	if items := c.do("GET", "/proxy", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("new agents listed before the lag: %v", items)
	}
	c.do("GET", "/proxy/"+created[0], nil, 200, "Success") // GET by id is current
	clock.advance(5 * time.Second)

	var listed []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("the pages do not end")
		}
		path := "/proxy?limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := c.do("GET", path, nil, 200, "Success")
		noSecrets(t, r, secrets...)
		c.wantMessage(r, "Proxy agent retrieved successfully")
		items := r.items()
		if len(items) > 2 {
			t.Fatalf("page of %d items with limit 2", len(items))
		}
		for _, it := range items {
			listed = append(listed, jsonString(t, it["id"]))
			if _, has := it["usage"]; has {
				t.Errorf("list item with usage: %v", it)
			}
			if it["connector_count"] != 0.0 || it["destination_count"] != 0.0 || it["status"] != "NOT_CONNECTED" || it["account_id"] != "emulator_account" {
				t.Errorf("list item %v", it)
			}
		}
		next, _ := r.data()["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if !slices.Equal(listed, created) {
		t.Fatalf("listed %v, want %v in creation order", listed, created)
	}
	c.do("GET", "/proxy?limit=0", nil, 400, "InvalidInput", invalidReq...)
	c.do("GET", "/proxy?cursor=%21%21", nil, 400, "InvalidInput")

	c.do("DELETE", "/proxy/"+created[1], nil, 200, "Success")
	c.do("GET", "/proxy/"+created[1], nil, 404, "NotFound")
	ids := func() []string {
		var out []string
		for _, it := range c.do("GET", "/proxy", nil, 200, "Success").items() {
			out = append(out, jsonString(t, it["id"]))
		}
		return out
	}
	if got := ids(); !slices.Contains(got, created[1]) {
		t.Fatalf("a just-deleted agent is no longer listed: %v", got)
	}
	clock.advance(5 * time.Second)
	if got := ids(); slices.Contains(got, created[1]) || len(got) != 4 {
		t.Fatalf("a deleted agent is still listed after the lag: %v", got)
	}
}

// TestProxyAgentStatus: an agent is NOT_CONNECTED until its software
// connects; with ProxyAgentConnectAfter it does that long after its create
// and again that long after each regeneration (which disconnects it); the
// version is null until it has first connected. Without the option it never
// connects by itself.
func TestProxyAgentStatus(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.ProxyAgentConnectAfter = 10 * time.Second })
	id := jsonString(t, c.create("office", "GCP_US_EAST4")["agent_id"])
	state := func() (status, version any) {
		t.Helper()
		d := c.do("GET", "/proxy/"+id, nil, 200, "Success").data()
		items := c.do("GET", "/proxy", nil, 200, "Success").items()
		if len(items) != 1 || items[0]["status"] != d["status"] || items[0]["version"] != d["version"] {
			t.Fatalf("the list says %v, the GET %v", items, d)
		}
		return d["status"], d["version"]
	}
	want := func(status string, version any) {
		t.Helper()
		if s, v := state(); s != status || v != version {
			t.Fatalf("status %v version %v, want %v %v", s, v, status, version)
		}
	}
	want("NOT_CONNECTED", nil)
	clock.advance(9 * time.Second)
	want("NOT_CONNECTED", nil)
	clock.advance(time.Second)
	want("CONNECTED", "1.0.0")

	// The running agent holds the old secrets: a regeneration disconnects it
	// until it is restarted with the new ones. Its version stays known.
	c.do("POST", "/proxy/"+id+"/regenerate-secrets", map[string]any{}, 200, "Success")
	want("NOT_CONNECTED", "1.0.0")
	clock.advance(10 * time.Second)
	want("CONNECTED", "1.0.0")

	// Without the option nothing runs the agent: it never connects.
	clock2 := newPxClock()
	_, c2 := startPx(t, func(o *emulator.Options) { o.Now = clock2.Now })
	id2 := jsonString(t, c2.create("office", "GCP_US_EAST4")["agent_id"])
	clock2.advance(365 * 24 * time.Hour)
	if d := c2.do("GET", "/proxy/"+id2, nil, 200, "Success").data(); d["status"] != "NOT_CONNECTED" || d["version"] != nil {
		t.Fatalf("an agent nothing runs: %v", d)
	}
}

// TestProxyAgentRegenerateSecrets: a regeneration answers new secrets (the
// old ones stop working), no GET or list ever shows any, and an unknown id
// is 404. ConnectProxyAgent stands for the agent's software: it connects
// only with the current token.
func TestProxyAgentRegenerateSecrets(t *testing.T) {
	emu, c := startPx(t, nil)
	first := c.create("office", "GCP_US_EAST4")
	id := jsonString(t, first["agent_id"])

	r := c.do("POST", "/proxy/"+id+"/regenerate-secrets", map[string]any{}, 200, "Success")
	c.wantMessage(r, "Proxy agent secrets have been regenerated")
	second := r.data()
	checkSecrets(t, second, id)
	third := c.do("POST", "/proxy/"+id+"/regenerate-secrets", nil, 200, "Success").data()
	checkSecrets(t, third, id)
	for _, k := range secretKey {
		if first[k] == second[k] || second[k] == third[k] || first[k] == third[k] {
			t.Errorf("%s did not change on regeneration", k)
		}
	}
	noSecrets(t, c.do("GET", "/proxy/"+id, nil, 200, "Success"), first, second, third)
	noSecrets(t, c.do("GET", "/proxy", nil, 200, "Success"), first, second, third)
	got, found := emu.Get("proxy_agent", id)
	if !found || got["display_name"] != "office" {
		t.Fatalf("out-of-band Get: %v %v", got, found)
	}
	for _, k := range secretKey {
		if _, has := got[k]; has {
			t.Errorf("out-of-band Get shows %s", k)
		}
	}

	for _, old := range []map[string]any{first, second} {
		if err := emu.ConnectProxyAgent(id, jsonString(t, old["auth_token"])); err == nil {
			t.Fatal("an agent connected with a token a regeneration replaced")
		}
	}
	if d := c.do("GET", "/proxy/"+id, nil, 200, "Success").data(); d["status"] != "NOT_CONNECTED" {
		t.Fatalf("a refused connect changed the status: %v", d)
	}
	if err := emu.ConnectProxyAgent(id, jsonString(t, third["auth_token"])); err != nil {
		t.Fatal(err)
	}
	if d := c.do("GET", "/proxy/"+id, nil, 200, "Success").data(); d["status"] != "CONNECTED" || d["version"] != "1.0.0" {
		t.Fatalf("after connecting: %v", d)
	}
	fourth := c.do("POST", "/proxy/"+id+"/regenerate-secrets", map[string]any{}, 200, "Success").data()
	if d := c.do("GET", "/proxy/"+id, nil, 200, "Success").data(); d["status"] != "NOT_CONNECTED" || d["version"] != "1.0.0" {
		t.Fatalf("after a regeneration: %v", d)
	}
	if err := emu.ConnectProxyAgent(id, jsonString(t, fourth["auth_token"])); err != nil {
		t.Fatal(err)
	}
	if err := emu.ConnectProxyAgent("no_such", "x"); err == nil {
		t.Fatal("connected an unknown agent")
	}
	c.wantMessage(c.do("POST", "/proxy/no_such/regenerate-secrets", map[string]any{}, 404, "NotFound"), "Proxy Agent not found.")
}

// TestProxyAgentReferences: a connection's or destination's proxy_agent_id
// must name an existing agent, on create and PATCH (400 otherwise, and
// nothing changes); an agent shows what uses it (usage, counts, its
// connections' list); it cannot be deleted while anything names it (409),
// and once deleted it is gone (404) and cannot be named.
func TestProxyAgentReferences(t *testing.T) {
	emu, c := startPx(t, nil)
	agent := jsonString(t, c.create("office", "GCP_US_EAST4")["agent_id"])
	spare := jsonString(t, c.create("spare", "GCP_US_EAST4")["agent_id"])
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	dest := map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0", "run_setup_tests": false,
		"networking_method": "ProxyAgent", "config": map[string]any{"host": "db", "port": 5432}}
	conn := func(schema string, extra map[string]any) map[string]any {
		b := map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false, "config": map[string]any{"schema": schema}}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	unknown := "Proxy agent with id 'no_such' does not exist."

	// Creates naming no agent are refused and create nothing.
	bad := map[string]any{"proxy_agent_id": "no_such"}
	for k, v := range dest {
		bad[k] = v
	}
	c.wantMessage(c.do("POST", "/destinations", bad, 400, "InvalidInput"), unknown)
	c.wantMessage(c.do("POST", "/connections", conn("gh", map[string]any{"networking_method": "ProxyAgent", "proxy_agent_id": "no_such"}), 400, "InvalidInput"), unknown)
	if len(emu.Destinations()) != 0 || len(emu.Connections()) != 0 {
		t.Fatal("a refused create created something")
	}

	dest["proxy_agent_id"] = agent
	c.do("POST", "/destinations", dest, 201, "Success")
	cid := jsonString(t, c.do("POST", "/connections", conn("gh", map[string]any{"networking_method": "ProxyAgent", "proxy_agent_id": agent}), 201, "Success").data()["id"])
	other := jsonString(t, c.do("POST", "/connections", conn("other", nil), 201, "Success").data()["id"])

	// PATCHes naming no agent are refused and change nothing.
	c.wantMessage(c.do("PATCH", "/connections/"+other, map[string]any{"networking_method": "ProxyAgent", "proxy_agent_id": "no_such"}, 400, "InvalidInput"), unknown)
	c.wantMessage(c.do("PATCH", "/destinations/"+gid, map[string]any{"proxy_agent_id": "no_such"}, 400, "InvalidInput"), unknown)
	if d := c.do("GET", "/connections/"+other, nil, 200, "Success").data(); d["proxy_agent_id"] != nil || d["networking_method"] != "Directly" {
		t.Fatalf("a refused PATCH changed the connection: %v", d)
	}
	if d := c.do("GET", "/destinations/"+gid, nil, 200, "Success").data(); d["proxy_agent_id"] != agent {
		t.Fatalf("a refused PATCH changed the destination: %v", d)
	}
	c.do("PATCH", "/connections/"+other, map[string]any{"networking_method": "ProxyAgent", "proxy_agent_id": spare}, 200, "Success")
	c.do("PATCH", "/connections/"+other, map[string]any{"proxy_agent_id": agent}, 200, "Success")

	// What uses the agent.
	usage := c.do("GET", "/proxy/"+agent, nil, 200, "Success").data()["usage"]
	wantUsage := []any{
		map[string]any{"id": cid, "schema": "gh", "service": "github"},
		map[string]any{"id": other, "schema": "other", "service": "github"},
		map[string]any{"id": gid, "schema": nil, "service": "postgres_warehouse"},
	}
	if fmt.Sprint(usage) != fmt.Sprint(wantUsage) {
		t.Fatalf("usage %v, want %v", usage, wantUsage)
	}
	counts := map[string][2]any{}
	for _, it := range c.do("GET", "/proxy", nil, 200, "Success").items() {
		counts[jsonString(t, it["id"])] = [2]any{it["connector_count"], it["destination_count"]}
	}
	if counts[agent] != [2]any{2.0, 1.0} || counts[spare] != [2]any{0.0, 0.0} {
		t.Fatalf("counts %v", counts)
	}
	var listed []string
	cursor := ""
	for range 3 {
		path := "/proxy/" + agent + "/connections?limit=1"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := c.do("GET", path, nil, 200, "Success")
		for _, it := range r.items() {
			if len(it) != 1 {
				t.Fatalf("connection item %v: want connection_id only", it)
			}
			listed = append(listed, jsonString(t, it["connection_id"]))
		}
		if cursor, _ = r.data()["next_cursor"].(string); cursor == "" {
			break
		}
	}
	if !slices.Equal(listed, []string{cid, other}) {
		t.Fatalf("the agent's connections: %v", listed)
	}
	if items := c.do("GET", "/proxy/"+spare+"/connections", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("the spare agent's connections: %v", items)
	}

	// No delete while anything names it: connections, then the destination alone.
	inUse := func() {
		t.Helper()
		c.wantMessage(c.do("DELETE", "/proxy/"+agent, nil, 409, "Conflict"), "Proxy agent have attached connections.")
	}
	inUse()
	c.do("PATCH", "/destinations/"+gid, map[string]any{"networking_method": "Directly", "proxy_agent_id": nil}, 200, "Success")
	inUse() // two connections
	c.do("DELETE", "/connections/"+other, nil, 200, "Success")
	inUse() // one connection
	c.do("PATCH", "/connections/"+cid, map[string]any{"networking_method": "Directly", "proxy_agent_id": nil}, 200, "Success")
	c.do("PATCH", "/destinations/"+gid, map[string]any{"networking_method": "ProxyAgent", "proxy_agent_id": agent}, 200, "Success")
	inUse() // the destination alone
	c.do("PATCH", "/destinations/"+gid, map[string]any{"networking_method": "Directly", "proxy_agent_id": nil}, 200, "Success")

	r := c.do("DELETE", "/proxy/"+agent, nil, 200, "Success")
	c.wantMessage(r, "Agent "+agent+" successfully deleted.")
	if _, has := r.body["data"]; has {
		t.Errorf("delete answer with data: %s", r.raw)
	}
	for _, call := range [][2]string{{"GET", "/proxy/" + agent}, {"DELETE", "/proxy/" + agent}, {"GET", "/proxy/" + agent + "/connections"}} {
		c.wantMessage(c.do(call[0], call[1], nil, 404, "NotFound"), "Proxy Agent not found.")
	}
	gone := "Proxy agent with id '" + agent + "' does not exist."
	c.wantMessage(c.do("PATCH", "/connections/"+cid, map[string]any{"proxy_agent_id": agent}, 400, "InvalidInput"), gone)
	c.wantMessage(c.do("PATCH", "/destinations/"+gid, map[string]any{"proxy_agent_id": agent}, 400, "InvalidInput"), gone)

	// Deleting the group takes the destination's reference with it.
	c.do("PATCH", "/destinations/"+gid, map[string]any{"networking_method": "ProxyAgent", "proxy_agent_id": spare}, 200, "Success")
	c.do("DELETE", "/connections/"+cid, nil, 200, "Success")
	c.do("DELETE", "/proxy/"+spare, nil, 409, "Conflict")
	c.do("DELETE", "/groups/"+gid, nil, 200, "Success")
	c.do("DELETE", "/proxy/"+spare, nil, 200, "Success")
}

// TestProxyAgentDeleteWaitsForDeletedConnections: a connection whose delete
// has not taken effect yet (DeleteDelay) still holds its agent, as it holds
// its destination's group.
func TestProxyAgentDeleteWaitsForDeletedConnections(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.DeleteDelay = 2 * time.Second })
	agent := jsonString(t, c.create("office", "GCP_US_EAST4")["agent_id"])
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	cid := jsonString(t, c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "gh"}, "networking_method": "ProxyAgent", "proxy_agent_id": agent}, 201, "Success").data()["id"])
	c.do("DELETE", "/connections/"+cid, nil, 200, "Success")
	c.do("DELETE", "/proxy/"+agent, nil, 409, "Conflict")
	clock.advance(2 * time.Second)
	c.do("DELETE", "/proxy/"+agent, nil, 200, "Success")
}

// TestAnyProxyAgentID: the switch accepts ids that name no agent, as the
// emulator did before it modelled them.
func TestAnyProxyAgentID(t *testing.T) {
	_, c := startPx(t, func(o *emulator.Options) { o.AnyProxyAgentID = true })
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0", "run_setup_tests": false,
		"networking_method": "ProxyAgent", "proxy_agent_id": "agent_one"}, 201, "Success")
	c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "gh"}, "networking_method": "ProxyAgent", "proxy_agent_id": "agent_one"}, 201, "Success")
}

// TestProxyAgentCreateAnswerLost: a create whose answer is lost (the
// after-commit faults) has created the agent; its secrets are gone with the
// answer, a second create of the name meets 409, and a regeneration gives
// the agent secrets again.
func TestProxyAgentCreateAnswerLost(t *testing.T) {
	emu, c := startPx(t, nil)
	body := map[string]any{"display_name": "office", "group_region": "GCP_US_EAST4"}
	emu.InjectNext(emulator.Fault502AfterCommit, 1, "POST", "POST /v1/proxy")
	c.do("POST", "/proxy", body, 502, "BadGateway")
	agents := emu.ProxyAgents()
	if len(agents) != 1 || agents[0]["display_name"] != "office" {
		t.Fatalf("the create did not commit before the 502: %v", agents)
	}
	id := jsonString(t, agents[0]["id"])
	c.do("POST", "/proxy", body, 409, "Conflict") // the first attempt worked
	checkSecrets(t, c.do("POST", "/proxy/"+id+"/regenerate-secrets", map[string]any{}, 200, "Success").data(), id)

	emu.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "POST /v1/proxy")
	buf, _ := json.Marshal(map[string]any{"display_name": "branch", "group_region": "GCP_US_EAST4"})
	req, _ := http.NewRequestWithContext(context.Background(), "POST", emu.URL+"/proxy", bytes.NewReader(buf))
	req.SetBasicAuth("k", "s")
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("drop-after-commit: want a connection error, got %d", resp.StatusCode)
	}
	if n := len(emu.ProxyAgents()); n != 2 {
		t.Fatalf("the dropped create did not commit: %d agents", n)
	}
	var faults []string
	for _, rec := range emu.Requests() {
		if rec.Route == "POST /v1/proxy" {
			faults = append(faults, rec.Fault)
		}
	}
	if strings.Join(faults, ",") != "502-after-commit,,drop-after-commit" {
		t.Fatalf("request log faults of the creates: %q", faults)
	}
}

// TestProxyAgentSecretsNeverKept: no log line and no state file holds a
// secret (the emulator keeps a digest of the token only), while the state
// file keeps the agents, and the digest lets the current token connect
// after a restart.
func TestProxyAgentSecretsNeverKept(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	var logMu sync.Mutex
	var lines []string
	logf := func(format string, args ...any) {
		logMu.Lock()
		lines = append(lines, fmt.Sprintf(format, args...))
		logMu.Unlock()
	}
	emu, c := startPx(t, func(o *emulator.Options) { o.StatePath = statePath; o.Logf = logf })
	first := c.create("office", "GCP_US_EAST4")
	id := jsonString(t, first["agent_id"])
	second := c.do("POST", "/proxy/"+id+"/regenerate-secrets", map[string]any{}, 200, "Success").data()
	c.do("GET", "/proxy/"+id, nil, 200, "Success")
	c.do("GET", "/proxy", nil, 200, "Success")
	c.do("POST", "/proxy", map[string]any{"display_name": "office", "group_region": "GCP_US_EAST4"}, 409, "Conflict")
	if err := emu.Save(); err != nil {
		t.Fatal(err)
	}
	state, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	logMu.Lock()
	logged := strings.Join(lines, "\n")
	logMu.Unlock()
	if !strings.Contains(logged, "POST /v1/proxy") {
		t.Fatalf("the log does not show the requests: %q", logged)
	}
	for _, s := range []map[string]any{first, second} {
		for _, k := range secretKey {
			frag := fragment(t, k, s[k])
			if strings.Contains(logged, frag) {
				t.Errorf("a log line holds %s", k)
			}
			if bytes.Contains(state, []byte(frag)) {
				t.Errorf("the state file holds %s", k)
			}
		}
	}
	if bytes.Contains(state, []byte("PRIVATE KEY")) || bytes.Contains(state, []byte("CERTIFICATE")) {
		t.Error("the state file holds a PEM block")
	}
	emu.Close()

	again, err := emulator.New(emulator.Options{APIKey: "k", APISecret: "s", Seed: 11, StatePath: statePath})
	if err != nil {
		t.Fatal(err)
	}
	if got, found := again.Get("proxy_agent", id); !found || got["display_name"] != "office" {
		t.Fatalf("the agent did not survive a restart: %v", got)
	}
	if err := again.ConnectProxyAgent(id, jsonString(t, first["auth_token"])); err == nil {
		t.Error("a replaced token connected after a restart")
	}
	if err := again.ConnectProxyAgent(id, jsonString(t, second["auth_token"])); err != nil {
		t.Error(err)
	}
	// A new agent after the restart (same seed) gets a new id and new secrets.
	made, err := again.CreateProxyAgent("branch", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	if made["agent_id"] == id || made["auth_token"] == first["auth_token"] || made["auth_token"] == second["auth_token"] {
		t.Errorf("a restart with the same seed repeated an id or a token: %v", made["agent_id"])
	}
}

// TestProxyAgentsOutOfBand: the out-of-band helpers and Reset know proxy
// agents.
func TestProxyAgentsOutOfBand(t *testing.T) {
	emu, c := startPx(t, nil)
	made, err := emu.CreateProxyAgent("office", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	id := jsonString(t, made["agent_id"])
	checkSecrets(t, made, id)
	if _, err := emu.CreateProxyAgent("office", "GCP_US_EAST4"); err == nil || !strings.Contains(err.Error(), "409") {
		t.Fatalf("a duplicate out-of-band create: %v", err)
	}
	if _, err := emu.CreateProxyAgent("x", "NOWHERE"); err == nil || !strings.Contains(err.Error(), "Group region not supported.") {
		t.Fatalf("an out-of-band create with a bad region: %v", err)
	}
	c.do("GET", "/proxy/"+id, nil, 200, "Success")
	if err := emu.Patch("proxy_agent", id, map[string]any{"display_name": "renamed elsewhere"}); err != nil {
		t.Fatal(err)
	}
	if d := c.do("GET", "/proxy/"+id, nil, 200, "Success").data(); d["display_name"] != "renamed elsewhere" {
		t.Fatalf("out-of-band Patch: %v", d)
	}
	second, err := emu.CreateProxyAgent("branch", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	if err := emu.Delete("proxy_agent", jsonString(t, second["agent_id"])); err != nil {
		t.Fatal(err)
	}
	if all := emu.ProxyAgents(); len(all) != 1 || all[0]["id"] != id {
		t.Fatalf("ProxyAgents after an out-of-band delete: %v", all)
	}
	emu.Reset()
	if all := emu.ProxyAgents(); len(all) != 0 {
		t.Fatalf("Reset kept proxy agents: %v", all)
	}
	c.do("GET", "/proxy/"+id, nil, 404, "NotFound")
	if items := c.do("GET", "/proxy", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("listed after Reset: %v", items)
	}
	// Ids handed out before Reset are not handed out again.
	again := c.create("office", "GCP_US_EAST4")
	if again["agent_id"] == id {
		t.Fatal("an id was reused after Reset")
	}
}

// TestProxyAgentSetupTests: a connection or destination that reaches its
// source through a proxy agent fails its setup tests while the agent is not
// connected, naming the agent, and passes them once it is; one that uses no
// agent is not affected.
func TestProxyAgentSetupTests(t *testing.T) {
	emu, c := startPx(t, nil)
	created := c.create("office", "GCP_US_EAST4")
	agent := jsonString(t, created["agent_id"])
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	failed := func(d map[string]any, state string) {
		t.Helper()
		tests, _ := d["setup_tests"].([]any)
		if len(tests) != 1 || fmt.Sprint(tests[0]) != fmt.Sprint(map[string]any{"title": "Connecting through the proxy agent", "status": "FAILED",
			"message": "Proxy agent '" + agent + "' is not connected. Start it with its secrets, then test again."}) {
			t.Fatalf("setup tests %v, want the proxy agent's failed", d["setup_tests"])
		}
		if s := fmt.Sprint(d["setup_status"], d["status"]); !strings.Contains(s, state) {
			t.Fatalf("state %s, want %s", s, state)
		}
	}
	d := c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"networking_method": "ProxyAgent", "proxy_agent_id": agent, "config": map[string]any{"host": "db", "port": 5432}}, 201, "Success").data()
	failed(d, "broken")
	conn := c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "networking_method": "ProxyAgent",
		"proxy_agent_id": agent, "config": map[string]any{"schema": "gh"}}, 201, "Success").data()
	failed(conn, "broken")
	direct := c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "config": map[string]any{"schema": "direct"}},
		201, "Success").data()
	if s := fmt.Sprint(direct["status"]); !strings.Contains(s, "connected") {
		t.Fatalf("a connection without an agent: %s", s)
	}

	if err := emu.ConnectProxyAgent(agent, jsonString(t, created["auth_token"])); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/connections/" + jsonString(t, conn["id"]) + "/test", "/destinations/" + gid + "/test"} {
		r := c.do("POST", path, map[string]any{}, 200, "Success").data()
		tests, _ := r["setup_tests"].([]any)
		if len(tests) == 0 {
			t.Fatalf("%s answered no setup tests", path)
		}
		for _, tst := range tests {
			if m, _ := tst.(map[string]any); m["status"] == "FAILED" {
				t.Fatalf("%s with the agent connected: %v", path, r["setup_tests"])
			}
		}
	}
}

package emulator_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The webhook routes, driven over HTTP with every exchange validated
// against the OpenAPI spec (conformance.Attach, through startPx). The
// bodies are the ones go-fivetran's end-to-end tests sent to the live API.

const (
	whPath   = "/webhooks"
	whSecret = "my_secret_value_7"
)

// whBody is the body of the live tests' creates.
func whBody() map[string]any {
	return map[string]any{"url": "https://localhost:12345", "secret": whSecret, "active": false, "events": []string{"sync_start", "sync_end"}}
}

// whKeys are the fields of a webhook every answer that shows one carries.
var whKeys = []string{"id", "type", "group_id", "url", "events", "active", "secret", "created_at", "created_by"}

func (c pxClient) whAccount(body map[string]any) map[string]any {
	c.t.Helper()
	return c.do("POST", whPath+"/account", body, 200, "Success").data()
}

func (c pxClient) whGroup(gid string, body map[string]any) map[string]any {
	c.t.Helper()
	return c.do("POST", whPath+"/group/"+gid, body, 200, "Success").data()
}

// checkWebhook checks a webhook's answer against what was sent.
func checkWebhook(t *testing.T, d map[string]any, typ string, groupID any, body map[string]any) {
	t.Helper()
	for _, k := range whKeys {
		if _, has := d[k]; !has {
			t.Errorf("no %s in %v", k, d)
		}
	}
	if len(d) != len(whKeys) {
		t.Errorf("fields %v, want %v", d, whKeys)
	}
	wantSecret := any(nil)
	if s, _ := body["secret"].(string); s != "" {
		wantSecret = "******"
	}
	wantActive, _ := body["active"].(bool)
	if !pxIDRe.MatchString(jsonString(t, d["id"])) || d["type"] != typ || d["group_id"] != groupID || d["url"] != body["url"] ||
		fmt.Sprint(d["events"]) != fmt.Sprint(body["events"]) || d["active"] != wantActive || d["secret"] != wantSecret ||
		!pxStampRe.MatchString(jsonString(t, d["created_at"])) || d["created_by"] != "emulator_user" {
		t.Errorf("webhook %v, sent %v", d, body)
	}
}

// with copies m with the key, value pairs kv set over it (a nil value
// removes the key).
func with(m map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k := fmt.Sprint(kv[i])
		if kv[i+1] == nil {
			delete(out, k)
		} else {
			out[k] = kv[i+1]
		}
	}
	return out
}

// TestWebhookCreate: account and group creates answer 200 Success with the
// webhook (the secret masked, events as sent), and their rules.
func TestWebhookCreate(t *testing.T) {
	emu, c := startPx(t, nil)
	r := c.do("POST", whPath+"/account", whBody(), 200, "Success")
	c.wantMessage(r, "Account webhook has been created")
	checkWebhook(t, r.data(), "account", nil, whBody())

	gid := c.hdaGroup("g")
	r = c.do("POST", whPath+"/group/"+gid, whBody(), 200, "Success")
	c.wantMessage(r, "Group webhook has been created")
	checkWebhook(t, r.data(), "group", gid, whBody())
	c.do("POST", whPath+"/group/no_such", whBody(), 404, "NotFound_Group")

	// active defaults to false; no secret (or "") is null; events are kept
	// as sent, duplicates and unknown names included.
	minimal := map[string]any{"url": "http://example.invalid/hook", "events": []string{"b", "a", "b", "whatever_event"}}
	checkWebhook(t, c.whAccount(minimal), "account", nil, minimal)
	checkWebhook(t, c.whAccount(with(minimal, "secret", "", "active", true)), "account", nil, with(minimal, "active", true))

	before := len(emu.Webhooks())
	bad := []struct {
		body    map[string]any
		field   string
		invalid bool // the request violates the spec too
	}{
		{with(whBody(), "url", nil), "url", true},
		{with(whBody(), "events", nil), "events", true},
		{with(whBody(), "url", 5), "url", true},
		{with(whBody(), "url", "ftp://host/x"), "url", false},
		{with(whBody(), "url", "/relative/path"), "url", false},
		{with(whBody(), "url", "https://"), "url", false},
		{with(whBody(), "url", ""), "url", false},
		{with(whBody(), "events", []string{}), "events", false},
		{with(whBody(), "events", []string{"sync_end", ""}), "events", false},
		{with(whBody(), "events", "sync_end"), "events", true},
		{with(whBody(), "events", []any{1}), "events", true},
		{with(whBody(), "active", "maybe"), "active", true},
		{with(whBody(), "secret", 7), "secret", true},
	}
	for _, b := range bad {
		for _, path := range []string{whPath + "/account", whPath + "/group/" + gid} {
			var hdr []string
			if b.invalid {
				hdr = invalidReq
			}
			r := c.do("POST", path, b.body, 400, "InvalidInput", hdr...)
			if msg, _ := r.body["message"].(string); !strings.Contains(msg, "'"+b.field+"'") {
				t.Errorf("%v: message %q does not name %s", b.body, msg, b.field)
			}
			if strings.Contains(r.raw, whSecret) {
				t.Errorf("an error quotes the secret: %s", r.raw)
			}
		}
	}
	c.do("POST", whPath+"/account", nil, 400, "InvalidInput", invalidReq...)
	if after := len(emu.Webhooks()); after != before {
		t.Fatalf("refused creates created webhooks: %d, then %d", before, after)
	}
}

// TestWebhookGetAndNotFound: a GET shows what the create answered; an
// unknown webhook answers 404 NotFound on every route.
func TestWebhookGetAndNotFound(t *testing.T) {
	_, c := startPx(t, nil)
	made := c.whAccount(whBody())
	id := jsonString(t, made["id"])
	r := c.do("GET", whPath+"/"+id, nil, 200, "Success")
	c.wantMessage(r, "Webhook details retrieved successfully")
	if fmt.Sprint(r.data()) != fmt.Sprint(made) {
		t.Fatalf("GET %v, create answered %v", r.data(), made)
	}
	for _, m := range []struct {
		method, path string
		body         any
	}{{"GET", "", nil}, {"PATCH", "", map[string]any{"active": true}}, {"DELETE", "", nil}, {"POST", "/test", map[string]any{"event": "sync_start"}}} {
		r := c.do(m.method, whPath+"/no_such"+m.path, m.body, 404, "NotFound")
		if r.body["message"] != "Webhook not found." {
			t.Errorf("%s: %s", m.method, r.raw)
		}
	}
	// A path below a webhook that is neither a test nor a group create.
	c.do("POST", whPath+"/"+id+"/other", map[string]any{}, 404, "NotFound")
}

// TestWebhookPatch: a partial update with the create's rules; type and
// group_id cannot be sent; the secret is replaced or, with "", removed.
func TestWebhookPatch(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("g")
	made := c.whGroup(gid, whBody())
	id := jsonString(t, made["id"])
	r := c.do("PATCH", whPath+"/"+id, map[string]any{"active": true}, 200, "Success")
	c.wantMessage(r, "Webhook has been updated")
	want := with(made, "active", true)
	if fmt.Sprint(r.data()) != fmt.Sprint(want) {
		t.Fatalf("PATCH active: %v, want %v", r.data(), want)
	}
	// The live tests' PATCH: every field.
	full := map[string]any{"url": "https://localhost:12346", "secret": "other_secret", "active": false, "events": []string{"sync_end"}}
	d := c.do("PATCH", whPath+"/"+id, full, 200, "Success").data()
	want = with(made, "url", full["url"], "events", []any{"sync_end"}, "active", false)
	if fmt.Sprint(d) != fmt.Sprint(want) || d["secret"] != "******" {
		t.Fatalf("PATCH all: %v, want %v", d, want)
	}
	for _, b := range []struct {
		body    map[string]any
		field   string
		invalid bool
	}{
		{map[string]any{"url": "mailto:x@y"}, "url", false},
		{map[string]any{"events": []string{}}, "events", false},
		{map[string]any{"events": []string{" "}}, "events", false},
		{map[string]any{"active": 1}, "active", true},
		{map[string]any{"type": "account"}, "type", true},
		{map[string]any{"type": "group", "active": true}, "type", true},
		{map[string]any{"group_id": gid}, "group_id", true},
		{map[string]any{"group_id": nil}, "group_id", true},
	} {
		var hdr []string
		if b.invalid {
			hdr = invalidReq
		}
		r := c.do("PATCH", whPath+"/"+id, b.body, 400, "InvalidInput", hdr...)
		if msg, _ := r.body["message"].(string); !strings.Contains(msg, "'"+b.field+"'") {
			t.Errorf("%v: message %q does not name %s", b.body, msg, b.field)
		}
	}
	if d := c.do("GET", whPath+"/"+id, nil, 200, "Success").data(); fmt.Sprint(d) != fmt.Sprint(want) {
		t.Fatalf("a refused PATCH changed the webhook: %v", d)
	}
	// An empty body changes nothing; "" removes the secret.
	c.do("PATCH", whPath+"/"+id, map[string]any{}, 200, "Success")
	if d := c.do("PATCH", whPath+"/"+id, map[string]any{"secret": ""}, 200, "Success").data(); d["secret"] != nil {
		t.Fatalf(`secret "" did not remove the secret: %v`, d)
	}
	if got, _ := emu.Get("webhook", id); got["secret"] != nil || got["type"] != "group" || got["group_id"] != gid {
		t.Fatalf("Get after the PATCHes: %v", got)
	}
}

// TestWebhookDelete: 200 with the id in the message and no data; then 404.
func TestWebhookDelete(t *testing.T) {
	_, c := startPx(t, nil)
	id := jsonString(t, c.whAccount(whBody())["id"])
	r := c.do("DELETE", whPath+"/"+id, nil, 200, "Success")
	c.wantMessage(r, "Webhook with id '"+id+"' has been deleted")
	if _, has := r.body["data"]; has {
		t.Fatalf("a delete answered data: %s", r.raw)
	}
	c.do("GET", whPath+"/"+id, nil, 404, "NotFound")
	c.do("DELETE", whPath+"/"+id, nil, 404, "NotFound")
}

// TestWebhookList: pages in creation order, the secret masked, lagging
// creates, PATCHes and deletes by ListLag.
func TestWebhookList(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.ListLag = 5 * time.Second })
	gid := c.hdaGroup("g")
	var created []string
	for i := range 5 {
		body := with(whBody(), "url", fmt.Sprintf("https://localhost:%d", 20000+i))
		if i%2 == 1 {
			created = append(created, jsonString(t, c.whGroup(gid, body)["id"]))
		} else {
			created = append(created, jsonString(t, c.whAccount(body)["id"]))
		}
	}
	list := func() []map[string]any {
		t.Helper()
		var out []map[string]any
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 6 {
				t.Fatal("the pages do not end")
			}
			path := whPath + "?limit=2"
			if cursor != "" {
				path += "&cursor=" + cursor
			}
			r := c.do("GET", path, nil, 200, "Success")
			c.wantMessage(r, "Webhooks retrieved successfully")
			if strings.Contains(r.raw, whSecret) {
				t.Fatalf("a list shows the secret: %s", r.raw)
			}
			if len(r.items()) > 2 {
				t.Fatalf("page of %d items with limit 2", len(r.items()))
			}
			for _, it := range r.items() {
				if len(it) != len(whKeys) || it["secret"] != "******" {
					t.Errorf("list item %v", it)
				}
				out = append(out, it)
			}
			if cursor, _ = r.data()["next_cursor"].(string); cursor == "" {
				return out
			}
		}
	}
	ids := func(items []map[string]any) []string {
		var out []string
		for _, it := range items {
			out = append(out, jsonString(t, it["id"]))
		}
		return out
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("new webhooks listed before the lag: %v", got)
	}
	c.do("GET", whPath+"/"+created[0], nil, 200, "Success") // GET by id is current
	clock.advance(5 * time.Second)
	if got := ids(list()); !slices.Equal(got, created) {
		t.Fatalf("listed %v, want %v in creation order", got, created)
	}
	c.do("PATCH", whPath+"/"+created[2], map[string]any{"active": true}, 200, "Success")
	c.do("DELETE", whPath+"/"+created[1], nil, 200, "Success")
	got := list()
	if !slices.Equal(ids(got), created) || got[2]["active"] != false {
		t.Fatalf("a list right after a PATCH and a delete: %v", got)
	}
	clock.advance(5 * time.Second)
	got = list()
	if want := slices.Delete(slices.Clone(created), 1, 2); !slices.Equal(ids(got), want) || got[1]["active"] != true {
		t.Fatalf("after the lag: %v, want %v", ids(got), want)
	}
	c.do("GET", whPath+"?limit=0", nil, 400, "InvalidInput", invalidReq...)
}

// whReceiver is a webhook receiver that records what it is sent and
// answers status.
type whReceiver struct {
	*httptest.Server
	mu       sync.Mutex
	status   int
	bodies   [][]byte
	headers  []http.Header
	requests int
}

func newReceiver(t *testing.T, status int) *whReceiver {
	rc := &whReceiver{status: status}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.requests++
		rc.bodies = append(rc.bodies, body)
		rc.headers = append(rc.headers, r.Header.Clone())
		status := rc.status
		rc.mu.Unlock()
		if r.Method != http.MethodPost {
			status = http.StatusMethodNotAllowed
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *whReceiver) last(t *testing.T) ([]byte, http.Header) {
	t.Helper()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.bodies) == 0 {
		t.Fatal("the receiver got nothing")
	}
	return rc.bodies[len(rc.bodies)-1], rc.headers[len(rc.headers)-1]
}

func hmacHex(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// TestWebhookTestDelivers: POST .../test delivers a signed test event to
// the webhook's URL and answers what the receiver said.
func TestWebhookTestDelivers(t *testing.T) {
	emu, c := startPx(t, nil)
	ok := newReceiver(t, http.StatusOK)
	gid := c.hdaGroup("g")
	id := jsonString(t, c.whGroup(gid, with(whBody(), "url", ok.URL+"/hook"))["id"]) // inactive: it can be tested all the same
	r := c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "sync_start"}, 200, "Success")
	c.wantMessage(r, "Webhook test has been completed")
	d := r.data()
	if d["succeed"] != true || d["status"] != 200.0 || jsonString(t, d["message"]) == "" || len(d) != 3 {
		t.Fatalf("test answer %v", d)
	}
	body, hdr := ok.last(t)
	var payload map[string]any
	if err := json.Unmarshal(body, &payload); err != nil {
		t.Fatalf("the delivery is not JSON: %q", body)
	}
	if payload["event"] != "sync_start" || payload["connector_id"] != "_connection_1" || payload["destination_group_id"] != gid ||
		payload["connector_type"] != "webhook_test" || fmt.Sprint(payload["data"]) != "map[test:true]" || len(payload) != 6 {
		t.Errorf("delivery body %s", body)
	}
	if _, err := time.Parse(time.RFC3339, jsonString(t, payload["created"])); err != nil {
		t.Errorf("created %v: %v", payload["created"], err)
	}
	if hdr.Get("Content-Type") != "application/json" || hdr.Get("X-Fivetran-Signature-256") != hmacHex(whSecret, body) {
		t.Errorf("delivery headers %v, want the signature %s", hdr, hmacHex(whSecret, body))
	}
	if bytes.Contains(body, []byte(whSecret)) || strings.Contains(fmt.Sprint(hdr), whSecret) {
		t.Error("the delivery carries the secret itself")
	}

	// A receiver that answers 500.
	failing := newReceiver(t, http.StatusInternalServerError)
	c.do("PATCH", whPath+"/"+id, map[string]any{"url": failing.URL}, 200, "Success")
	d = c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "sync_end"}, 200, "Success").data()
	if d["succeed"] != false || d["status"] != 500.0 || !strings.Contains(jsonString(t, d["message"]), "500") {
		t.Fatalf("a 500 receiver: %v", d)
	}
	// Nothing answers.
	gone := newReceiver(t, http.StatusOK)
	gone.Close()
	c.do("PATCH", whPath+"/"+id, map[string]any{"url": gone.URL}, 200, "Success")
	d = c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "sync_start"}, 200, "Success").data()
	if d["succeed"] != false || d["status"] != 0.0 || jsonString(t, d["message"]) == "" {
		t.Fatalf("an unreachable receiver: %v", d)
	}
	// A redirect is not followed: its status is the answer.
	redirect := httptest.NewServer(http.RedirectHandler(ok.URL, http.StatusFound))
	t.Cleanup(redirect.Close)
	c.do("PATCH", whPath+"/"+id, map[string]any{"url": redirect.URL, "secret": ""}, 200, "Success")
	before := ok.requests
	d = c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "sync_start"}, 200, "Success").data()
	if d["succeed"] != false || d["status"] != 302.0 || ok.requests != before {
		t.Fatalf("a redirect: %v (the target got %d requests, had %d)", d, ok.requests, before)
	}
	// Without a secret there is no signature.
	c.do("PATCH", whPath+"/"+id, map[string]any{"url": ok.URL}, 200, "Success")
	c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "connection_failure"}, 200, "Success")
	body, hdr = ok.last(t)
	if _, signed := hdr["X-Fivetran-Signature-256"]; signed || !bytes.Contains(body, []byte(`"connection_failure"`)) {
		t.Errorf("an unsigned delivery: %v %s", hdr, body)
	}
	// event is required.
	for _, b := range []map[string]any{{}, {"event": ""}, {"event": 3}} {
		r := c.do("POST", whPath+"/"+id+"/test", b, 400, "InvalidInput", invalidReq...)
		if !strings.Contains(jsonString(t, r.body["message"]), "'event'") {
			t.Errorf("%v: %s", b, r.raw)
		}
	}

	wantDeliveries := []emulator.WebhookDelivery{
		{WebhookID: id, URL: ok.URL + "/hook", Event: "sync_start", Status: 200, Signature: hmacHex(whSecret, ok.bodies[0])},
		{WebhookID: id, URL: failing.URL, Event: "sync_end", Status: 500, Signature: hmacHex(whSecret, failing.bodies[0])},
		{WebhookID: id, URL: gone.URL, Event: "sync_start", Status: 0},
		{WebhookID: id, URL: redirect.URL, Event: "sync_start", Status: 302},
		{WebhookID: id, URL: ok.URL, Event: "connection_failure", Status: 200},
	}
	got := emu.WebhookDeliveries()
	if len(got) != len(wantDeliveries) {
		t.Fatalf("deliveries %+v", got)
	}
	for i, w := range wantDeliveries {
		if i == 2 { // the signature of an undelivered body is not checked against a receiver
			w.Signature = got[i].Signature
			if len(w.Signature) != 64 {
				t.Errorf("delivery %d: signature %q", i, w.Signature)
			}
		}
		if got[i] != w {
			t.Errorf("delivery %d: %+v, want %+v", i, got[i], w)
		}
	}
	if counts := emu.Counts(); counts["POST /v1/webhooks/{id}/test"] != 8 || counts["POST /v1/webhooks/group/{groupId}"] != 1 {
		t.Errorf("the request log's routes: %v", counts)
	}
}

// TestWebhookClientOption: Options.WebhookClient delivers the test events,
// and a receiver slower than its timeout counts as no answer.
func TestWebhookClientOption(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(slow.Close)
	var mu sync.Mutex
	var seen []string
	client := &http.Client{Timeout: 200 * time.Millisecond, Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		seen = append(seen, r.URL.String())
		mu.Unlock()
		return http.DefaultTransport.RoundTrip(r)
	})}
	_, c := startPx(t, func(o *emulator.Options) { o.WebhookClient = client })
	id := jsonString(t, c.whAccount(with(whBody(), "url", slow.URL+"/slow"))["id"])
	start := time.Now()
	d := c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "sync_start"}, 200, "Success").data()
	if d["succeed"] != false || d["status"] != 0.0 || !strings.Contains(jsonString(t, d["message"]), "in time") || time.Since(start) > 1500*time.Millisecond {
		t.Fatalf("a slow receiver: %v after %s", d, time.Since(start))
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(seen, []string{slow.URL + "/slow"}) {
		t.Fatalf("WebhookClient was not used: %v", seen)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestWebhookSecretNeverShown: no answer, list, log line, observed
// exchange or out-of-band read holds the secret; the state file does (it
// signs deliveries after a restart).
func TestWebhookSecretNeverShown(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	var mu sync.Mutex
	var lines []string
	var exchanges []emulator.Exchange
	logf := func(format string, args ...any) {
		mu.Lock()
		lines = append(lines, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	observe := func(x emulator.Exchange) {
		mu.Lock()
		exchanges = append(exchanges, x)
		mu.Unlock()
	}
	rc := newReceiver(t, http.StatusNoContent)
	emu, c := startPx(t, func(o *emulator.Options) { o.StatePath = statePath; o.Logf = logf; o.Observe = observe })
	gid := c.hdaGroup("g")
	id := jsonString(t, c.whGroup(gid, with(whBody(), "url", rc.URL))["id"])
	answers := []pxEnvelope{
		c.do("GET", whPath+"/"+id, nil, 200, "Success"),
		c.do("GET", whPath, nil, 200, "Success"),
		c.do("PATCH", whPath+"/"+id, map[string]any{"secret": whSecret + "_2"}, 200, "Success"),
		c.do("PATCH", whPath+"/"+id, map[string]any{"secret": whSecret, "url": "nope"}, 400, "InvalidInput"),
		c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "sync_start"}, 200, "Success"),
		c.do("POST", whPath+"/account", with(whBody(), "url", "ftp://x"), 400, "InvalidInput"),
	}
	for _, a := range answers {
		if strings.Contains(a.raw, whSecret) {
			t.Errorf("an answer holds the secret: %s", a.raw)
		}
	}
	if d := answers[4].data(); d["succeed"] != true || d["status"] != 204.0 {
		t.Errorf("a 204 receiver: %v", d)
	}
	if strings.Contains(fmt.Sprint(emu.Webhooks(), emu.Requests()), whSecret) {
		t.Error("Webhooks or Requests hold the secret")
	}
	if got, _ := emu.Get("webhooks", id); got["secret"] != "******" {
		t.Errorf("Get: %v", got)
	}
	mu.Lock()
	logged := strings.Join(lines, "\n")
	var posted int
	for _, x := range exchanges {
		if bytes.Contains(x.RequestBody, []byte(whSecret)) || bytes.Contains(x.ResponseBody, []byte(whSecret)) {
			t.Errorf("an observed exchange holds the secret: %s %s %s", x.Method, x.Path, x.RequestBody)
		}
		if bytes.Contains(x.RequestBody, []byte(`"secret":"******"`)) {
			posted++
		}
	}
	mu.Unlock()
	if posted != 4 || !strings.Contains(logged, "POST /v1/webhooks/group/"+gid) || strings.Contains(logged, whSecret) {
		t.Errorf("%d redacted bodies observed; log %q", posted, logged)
	}
	body, hdr := rc.last(t)
	if hdr.Get("X-Fivetran-Signature-256") != hmacHex(whSecret+"_2", body) {
		t.Error("the delivery is not signed with the current secret")
	}
	if err := emu.Save(); err != nil {
		t.Fatal(err)
	}
	if state, err := os.ReadFile(statePath); err != nil || !bytes.Contains(state, []byte(whSecret+"_2")) {
		t.Fatalf("the state file does not keep the secret (API.md says it does): %v", err)
	}
}

// TestWebhooksPersist: webhooks and their secrets survive a restart.
func TestWebhooksPersist(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	rc := newReceiver(t, http.StatusOK)
	opts := func(o *emulator.Options) { o.StatePath = statePath }
	emu, c := startPx(t, opts)
	gid := c.hdaGroup("g")
	signed := jsonString(t, c.whGroup(gid, with(whBody(), "url", rc.URL))["id"])
	plain := jsonString(t, c.whAccount(with(whBody(), "secret", nil, "active", true))["id"])
	before := emu.Webhooks()
	emu.Close()

	emu2, c2 := startPx(t, opts)
	if after := emu2.Webhooks(); fmt.Sprint(after) != fmt.Sprint(before) || len(after) != 2 {
		t.Fatalf("after a restart:\n%v\nwant\n%v", after, before)
	}
	if d := c2.do("GET", whPath+"/"+plain, nil, 200, "Success").data(); d["secret"] != nil || d["active"] != true {
		t.Fatalf("GET after a restart: %v", d)
	}
	c2.do("POST", whPath+"/"+signed+"/test", map[string]any{"event": "sync_end"}, 200, "Success")
	body, hdr := rc.last(t)
	if hdr.Get("X-Fivetran-Signature-256") != hmacHex(whSecret, body) {
		t.Error("after a restart the delivery is not signed with the secret")
	}
	again := jsonString(t, c2.whAccount(whBody())["id"])
	if again == signed || again == plain {
		t.Fatalf("an id was handed out again: %s", again)
	}
}

// TestWebhookGroupCascade: deleting a group deletes its webhooks, which
// never stop the delete; a refused group delete keeps them.
func TestWebhookGroupCascade(t *testing.T) {
	emu, c := startPx(t, func(o *emulator.Options) { o.StrictGroupDelete = true })
	g1, g2 := c.hdaGroup("one"), c.hdaGroup("two")
	account := jsonString(t, c.whAccount(whBody())["id"])
	in1 := jsonString(t, c.whGroup(g1, whBody())["id"])
	in1b := jsonString(t, c.whGroup(g1, whBody())["id"])
	in2 := jsonString(t, c.whGroup(g2, whBody())["id"])
	c.do("DELETE", "/groups/"+g1, nil, 200, "Success")
	for _, id := range []string{in1, in1b} {
		c.do("GET", whPath+"/"+id, nil, 404, "NotFound")
	}
	for _, id := range []string{account, in2} {
		c.do("GET", whPath+"/"+id, nil, 200, "Success")
	}
	// A group whose delete is refused (StrictGroupDelete, a destination)
	// keeps its webhooks.
	if _, err := emu.CreateDestination(g2, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "0",
		"config": map[string]any{"host": "db", "port": 5432, "user": "u", "password": "pw", "database": "d"}}); err != nil {
		t.Fatal(err)
	}
	c.do("DELETE", "/groups/"+g2, nil, 409, "Conflict")
	c.do("GET", whPath+"/"+in2, nil, 200, "Success")
	c.do("DELETE", "/destinations/"+g2, nil, 200, "Success")
	c.do("DELETE", "/groups/"+g2, nil, 200, "Success")
	c.do("GET", whPath+"/"+in2, nil, 404, "NotFound")
	if all := emu.Webhooks(); len(all) != 1 || all[0]["id"] != account {
		t.Fatalf("after the group deletes: %v", all)
	}
}

// TestWebhookOmitNulls: with OmitNulls an account webhook without a secret
// has neither group_id nor secret.
func TestWebhookOmitNulls(t *testing.T) {
	_, c := startPx(t, func(o *emulator.Options) { o.OmitNulls = true })
	d := c.whAccount(with(whBody(), "secret", nil))
	if _, has := d["group_id"]; has {
		t.Errorf("group_id with OmitNulls: %v", d)
	}
	if _, has := d["secret"]; has || len(d) != len(whKeys)-2 {
		t.Errorf("secret with OmitNulls: %v", d)
	}
}

// TestWebhooksOutOfBand: CreateWebhook, the generic helpers under both kind
// names, and Reset (which forgets deliveries too).
func TestWebhooksOutOfBand(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("g")
	made, err := emu.CreateWebhook("", whBody())
	if err != nil {
		t.Fatal(err)
	}
	checkWebhook(t, made, "account", nil, whBody())
	id := jsonString(t, made["id"])
	group, err := emu.CreateWebhook(gid, map[string]any{"url": "http://x.invalid", "events": []string{"sync_end"}})
	if err != nil {
		t.Fatal(err)
	}
	if group["type"] != "group" || group["group_id"] != gid || group["secret"] != nil {
		t.Fatalf("CreateWebhook in a group: %v", group)
	}
	if _, err := emu.CreateWebhook("no_such", whBody()); err == nil || !strings.Contains(err.Error(), "NotFound_Group") {
		t.Fatalf("an out-of-band create in no group: %v", err)
	}
	if _, err := emu.CreateWebhook("", with(whBody(), "url", "x")); err == nil || !strings.Contains(err.Error(), "'url'") {
		t.Fatalf("an out-of-band create with a bad url: %v", err)
	}
	if d := c.do("GET", whPath+"/"+id, nil, 200, "Success").data(); fmt.Sprint(d) != fmt.Sprint(made) {
		t.Fatalf("GET %v, CreateWebhook %v", d, made)
	}
	if err := emu.Patch("webhooks", id, map[string]any{"url": "https://elsewhere.invalid"}); err != nil {
		t.Fatal(err)
	}
	if d := c.do("GET", whPath+"/"+id, nil, 200, "Success").data(); d["url"] != "https://elsewhere.invalid" || d["secret"] != "******" {
		t.Fatalf("out-of-band Patch: %v", d)
	}
	if err := emu.Delete("webhook", jsonString(t, group["id"])); err != nil {
		t.Fatal(err)
	}
	if all := emu.Webhooks(); len(all) != 1 || all[0]["id"] != id {
		t.Fatalf("Webhooks after an out-of-band delete: %v", all)
	}
	gone := newReceiver(t, http.StatusOK)
	gone.Close()
	c.do("PATCH", whPath+"/"+id, map[string]any{"url": gone.URL}, 200, "Success")
	c.do("POST", whPath+"/"+id+"/test", map[string]any{"event": "sync_start"}, 200, "Success")
	if len(emu.WebhookDeliveries()) != 1 {
		t.Fatalf("deliveries %v", emu.WebhookDeliveries())
	}
	emu.Reset()
	if len(emu.Webhooks()) != 0 || len(emu.WebhookDeliveries()) != 0 {
		t.Fatalf("Reset kept webhooks or deliveries: %v %v", emu.Webhooks(), emu.WebhookDeliveries())
	}
	c.do("GET", whPath+"/"+id, nil, 404, "NotFound")
	if again := c.whAccount(whBody()); again["id"] == id {
		t.Fatal("an id was reused after Reset")
	}
}

package fivetran

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// The secret values the fake server hands out. Every test that sees them
// checks they never reach a log, an error or printed output.
const (
	proxyAuthToken  = "proxy-auth-token-0f3a9c"
	proxyClientCert = "-----BEGIN CERTIFICATE-----\nMIIproxycert7d2e\n-----END CERTIFICATE-----"
	proxyClientKey  = "-----BEGIN PRIVATE KEY-----\nMIIproxykey51b8\n-----END PRIVATE KEY-----"
)

var proxySecretValues = []string{proxyAuthToken, proxyClientCert, proxyClientKey, "MIIproxycert7d2e", "MIIproxykey51b8"}

func proxySecretsData(agentID string) map[string]any {
	return map[string]any{"agent_id": agentID, "auth_token": proxyAuthToken,
		"client_cert": proxyClientCert, "client_private_key": proxyClientKey}
}

var proxyAgentData = map[string]any{
	"id": "pa1", "account_id": "acc1", "registered_at": "2024-03-01T10:00:00.000000Z", "region": "GCP_US_EAST4",
	"created_by": "user1", "display_name": "office", "version": nil, "status": "NOT_CONNECTED",
	"usage": []any{
		map[string]any{"id": "c1", "schema": "pg", "service": "postgres"},
		map[string]any{"id": "d1", "schema": nil, "service": "snowflake"},
	},
}

var proxyAgentListItem = map[string]any{
	"id": "pa2", "account_id": "acc1", "registered_at": "2024-03-02T10:00:00.000000Z", "region": "AWS_US_EAST_1",
	"created_by": "user2", "display_name": "lab", "version": "1.4.2", "status": "CONNECTED",
	"connector_count": 3, "destination_count": 0,
}

// proxyServer answers the proxy agent routes and records what it received.
func proxyServer(t *testing.T) (*recorder, *httptest.Server) {
	t.Helper()
	rc := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.reqs = append(rc.reqs, recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, string(b), r.Header.Get("Accept")})
		rc.mu.Unlock()
		p := strings.TrimPrefix(r.URL.Path, "/v1")
		switch {
		case r.Method == http.MethodPost && p == "/proxy":
			writeEnv(w, http.StatusCreated, "Success", "Proxy agent has been created", proxySecretsData("pa1"))
		case r.Method == http.MethodGet && p == "/proxy":
			writeOK(w, map[string]any{"items": []any{proxyAgentListItem}})
		case r.Method == http.MethodPost && strings.HasSuffix(p, "/regenerate-secrets"):
			writeOK(w, proxySecretsData("pa1"))
		case r.Method == http.MethodGet && strings.HasSuffix(p, "/connections"):
			writeOK(w, map[string]any{"items": []any{map[string]any{"connection_id": "c1"}, map[string]any{"connection_id": "c2"}}})
		case r.Method == http.MethodDelete:
			writeEnv(w, http.StatusOK, "Success", "Proxy agent has been deleted", nil)
		case r.Method == http.MethodGet && strings.HasPrefix(p, "/proxy/"):
			writeOK(w, proxyAgentData)
		default:
			writeEnv(w, http.StatusNotFound, "NotFound", "HTTP 404 Not Found", nil)
		}
	}))
	t.Cleanup(srv.Close)
	return rc, srv
}

func TestProxyAgentCallsHitRightEndpoint(t *testing.T) {
	rc, srv := proxyServer(t)
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	ignore := func(_ any, err error) error { return err }

	cases := []struct {
		name                      string
		call                      func() error
		method, path, query, body string
	}{
		{"CreateProxyAgent", func() error { return ignore(c.CreateProxyAgent(ctx, "office", "GCP_US_EAST4")) },
			"POST", "/v1/proxy", "", `{"display_name":"office","group_region":"GCP_US_EAST4"}`},
		{"GetProxyAgent", func() error { return ignore(c.GetProxyAgent(ctx, "pa 1")) }, "GET", "/v1/proxy/pa%201", "", ""},
		{"ListProxyAgents", func() error { return ignore(c.ListProxyAgents(ctx)) }, "GET", "/v1/proxy", "limit=1000", ""},
		{"DeleteProxyAgent", func() error { return c.DeleteProxyAgent(ctx, "pa/1") }, "DELETE", "/v1/proxy/pa%2F1", "", ""},
		{"RegenerateProxyAgentSecrets", func() error { return ignore(c.RegenerateProxyAgentSecrets(ctx, "pa1")) },
			"POST", "/v1/proxy/pa1/regenerate-secrets", "", ""},
		{"ListProxyAgentConnections", func() error { return ignore(c.ListProxyAgentConnections(ctx, "pa1")) },
			"GET", "/v1/proxy/pa1/connections", "limit=1000", ""},
	}
	for _, tc := range cases {
		if err := tc.call(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		got := rc.last()
		if got.method != tc.method || got.path != tc.path || got.query != tc.query || got.accept != acceptV1 {
			t.Errorf("%s: got %s %s?%s (Accept %s), want %s %s?%s (Accept %s)", tc.name,
				got.method, got.path, got.query, got.accept, tc.method, tc.path, tc.query, acceptV1)
		}
		if !jsonEq(t, got.body, tc.body) {
			t.Errorf("%s: body %s, want %s", tc.name, got.body, tc.body)
		}
	}
}

// An empty id would address the collection: it is refused before anything
// is sent.
func TestProxyAgentEmptyIDRefused(t *testing.T) {
	s, srv := serve(t, okData(proxyAgentData))
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"get":         func() error { _, err := c.GetProxyAgent(ctx, ""); return err },
		"delete":      func() error { return c.DeleteProxyAgent(ctx, "") },
		"regenerate":  func() error { _, err := c.RegenerateProxyAgentSecrets(ctx, ""); return err },
		"connections": func() error { _, err := c.ListProxyAgentConnections(ctx, ""); return err },
	} {
		if err := call(); err == nil || !strings.Contains(err.Error(), "empty id") {
			t.Errorf("%s: want an empty id error, got %v", name, err)
		}
	}
	if s.count() != 0 {
		t.Errorf("%d requests sent", s.count())
	}
}

func TestProxyAgentDecoded(t *testing.T) {
	_, srv := proxyServer(t)
	c := newTestClient(t, srv.URL)
	ctx := context.Background()

	a, err := c.GetProxyAgent(ctx, "pa1")
	if err != nil {
		t.Fatal(err)
	}
	want := ProxyAgent{ID: "pa1", AccountID: "acc1", RegisteredAt: "2024-03-01T10:00:00.000000Z", Region: "GCP_US_EAST4",
		CreatedBy: "user1", DisplayName: "office", Version: "", Status: "NOT_CONNECTED",
		Usage: []ProxyAgentUsage{{ID: "c1", Schema: "pg", Service: "postgres"}, {ID: "d1", Schema: "", Service: "snowflake"}}}
	if !reflect.DeepEqual(*a, want) {
		t.Errorf("GetProxyAgent:\n got %+v\nwant %+v", *a, want)
	}

	list, err := c.ListProxyAgents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantItem := ProxyAgent{ID: "pa2", AccountID: "acc1", RegisteredAt: "2024-03-02T10:00:00.000000Z", Region: "AWS_US_EAST_1",
		CreatedBy: "user2", DisplayName: "lab", Version: "1.4.2", Status: "CONNECTED", ConnectorCount: ptr(3), DestinationCount: ptr(0)}
	if len(list) != 1 || !reflect.DeepEqual(list[0], wantItem) {
		t.Errorf("ListProxyAgents:\n got %+v\nwant [%+v]", list, wantItem)
	}

	wantSecrets := ProxyAgentSecrets{AgentID: "pa1", AuthToken: proxyAuthToken, ClientCert: proxyClientCert, ClientPrivateKey: proxyClientKey}
	s, err := c.CreateProxyAgent(ctx, "office", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	if *s != wantSecrets {
		t.Error("CreateProxyAgent: the secrets were not decoded as sent")
	}
	s, err = c.RegenerateProxyAgentSecrets(ctx, "pa1")
	if err != nil {
		t.Fatal(err)
	}
	if *s != wantSecrets {
		t.Error("RegenerateProxyAgentSecrets: the secrets were not decoded as sent")
	}

	ids, err := c.ListProxyAgentConnections(ctx, "pa1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ids, []string{"c1", "c2"}) {
		t.Errorf("ListProxyAgentConnections = %v", ids)
	}
}

// An agent that nothing uses has an empty list of connections, not nil.
func TestProxyAgentNoConnections(t *testing.T) {
	_, srv := serve(t, okData(map[string]any{"items": []any{}}))
	ids, err := newTestClient(t, srv.URL).ListProxyAgentConnections(context.Background(), "pa1")
	if err != nil || ids == nil || len(ids) != 0 {
		t.Fatalf("got %#v, %v; want an empty list", ids, err)
	}
}

// A create whose answer names no agent leaves the caller unable to track
// it: that is an error, not an agent with an empty id.
func TestCreateProxyAgentWithoutAgentID(t *testing.T) {
	data := proxySecretsData("")
	_, srv := serve(t, okData(data))
	_, err := newTestClient(t, srv.URL).CreateProxyAgent(context.Background(), "office", "GCP_US_EAST4")
	if err == nil || !strings.Contains(err.Error(), "agent_id") {
		t.Fatalf("want an error about the missing agent_id, got %v", err)
	}
}

// Both lists follow next_cursor over every page, asking for 1000 a page.
func TestProxyAgentListsPaginate(t *testing.T) {
	page := func(items []any, next string) http.HandlerFunc {
		return okData(map[string]any{"items": items, "next_cursor": next})
	}
	lists := map[string]struct {
		call  func(*Client) ([]string, error)
		path  string
		items func(string) any
	}{
		"agents": {
			call: func(c *Client) ([]string, error) {
				agents, err := c.ListProxyAgents(context.Background())
				var ids []string
				for _, a := range agents {
					ids = append(ids, a.ID)
				}
				return ids, err
			},
			path:  "/v1/proxy",
			items: func(id string) any { return map[string]any{"id": id, "status": "CONNECTED", "connector_count": 1} },
		},
		"connections": {
			call:  func(c *Client) ([]string, error) { return c.ListProxyAgentConnections(context.Background(), "pa1") },
			path:  "/v1/proxy/pa1/connections",
			items: func(id string) any { return map[string]any{"connection_id": id} },
		},
	}
	for name, l := range lists {
		t.Run(name, func(t *testing.T) {
			s, srv := serve(t,
				page([]any{l.items("a"), l.items("b")}, "cur1"),
				page([]any{l.items("c")}, "cur2"),
				page([]any{l.items("d")}, ""))
			ids, err := l.call(newTestClient(t, srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ids, []string{"a", "b", "c", "d"}) {
				t.Errorf("items %v", ids)
			}
			if s.count() != 3 {
				t.Fatalf("%d requests, want 3", s.count())
			}
			for i, cursor := range []string{"", "cur1", "cur2"} {
				_, r, _ := s.at(i)
				q := r.URL.Query()
				if r.Method != http.MethodGet || r.URL.Path != l.path || q.Get("limit") != "1000" || q.Get("cursor") != cursor {
					t.Errorf("page %d: %s %s", i+1, r.Method, r.URL)
				}
			}
		})
	}
}

// An unknown id answers the plain NotFound, which only KindProxyAgent (and
// KindConnectorType, whose not-found answer is the same) counts; another
// kind's code does not prove a proxy agent gone.
func TestProxyAgentNotFound(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(*Client) error{
		"get":         func(c *Client) error { _, err := c.GetProxyAgent(ctx, "missing"); return err },
		"delete":      func(c *Client) error { return c.DeleteProxyAgent(ctx, "missing") },
		"regenerate":  func(c *Client) error { _, err := c.RegenerateProxyAgentSecrets(ctx, "missing"); return err },
		"connections": func(c *Client) error { _, err := c.ListProxyAgentConnections(ctx, "missing"); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			s, srv := serve(t, status(http.StatusNotFound, "NotFound", "Proxy Agent not found."))
			err := call(newTestClient(t, srv.URL))
			if !IsNotFoundKind(err, KindProxyAgent) {
				t.Fatalf("want a proxy agent not found, got %v", err)
			}
			for _, k := range []Kind{KindGroup, KindDestination, KindConnection} {
				if IsNotFoundKind(err, k) {
					t.Errorf("the plain NotFound counted as %v", k)
				}
			}
			if IsOutcomeUnknown(err) || s.count() != 1 {
				t.Errorf("err %v after %d requests: a 404 is an answer, sent once", err, s.count())
			}
			if !strings.Contains(err.Error(), "Proxy Agent not found.") {
				t.Errorf("the message should be Fivetran's: %v", err)
			}
		})
	}
	for _, code := range []string{"NotFound_Group", "NotFound_Destination", "NotFound_Connection", ""} {
		err := fmt.Errorf("wrapped: %w", &APIError{Method: "GET", Path: "/proxy/x", StatusCode: http.StatusNotFound, Code: code})
		if IsNotFoundKind(err, KindProxyAgent) {
			t.Errorf("404 %q counted as a proxy agent not found", code)
		}
	}
	for _, st := range []int{http.StatusBadRequest, http.StatusGone, http.StatusInternalServerError} {
		if IsNotFoundKind(&APIError{StatusCode: st, Code: "NotFound"}, KindProxyAgent) {
			t.Errorf("status %d counted as not found", st)
		}
	}
	if KindProxyAgent.String() != "ProxyAgent" {
		t.Errorf("KindProxyAgent.String() = %q", KindProxyAgent.String())
	}
}

// A delete refused while connections use the agent is a plain conflict,
// answered at once and not sent again.
func TestDeleteProxyAgentInUse(t *testing.T) {
	s, srv := serve(t, status(http.StatusConflict, "Conflict", "Proxy agent is used by connections"))
	err := newTestClient(t, srv.URL).DeleteProxyAgent(context.Background(), "pa1")
	if !IsConflict(err) || IsConflictAfterLostAnswer(err) || s.count() != 1 {
		t.Fatalf("err %v after %d requests, want a 409 after 1", err, s.count())
	}
}

// secretsPosts are the two calls whose answer carries the secrets.
func secretsPosts(ctx context.Context) map[string]func(*Client) (*ProxyAgentSecrets, error) {
	return map[string]func(*Client) (*ProxyAgentSecrets, error){
		"create":     func(c *Client) (*ProxyAgentSecrets, error) { return c.CreateProxyAgent(ctx, "office", "GCP_US_EAST4") },
		"regenerate": func(c *Client) (*ProxyAgentSecrets, error) { return c.RegenerateProxyAgentSecrets(ctx, "pa1") },
	}
}

// The create and the regeneration are sent once when they may have reached
// Fivetran (a 5xx, a lost answer, a timeout): the outcome is unknown and the
// caller decides. A 429 or a refused connection proves nothing was done, so
// they are sent again.
func TestProxyAgentSecretsPostsNotRepeated(t *testing.T) {
	hang := func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}
	for name, call := range secretsPosts(context.Background()) {
		for fault, h := range map[string]http.HandlerFunc{
			"500":         status(http.StatusInternalServerError, "InternalError", "boom"),
			"503":         status(http.StatusServiceUnavailable, "", "down"),
			"lost answer": dropConnection,
			"timeout":     hang,
		} {
			t.Run(name+" "+fault, func(t *testing.T) {
				s, srv := serve(t, h, okData(proxySecretsData("pa1")))
				c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = 100 * time.Millisecond })
				got, err := call(c)
				if !IsOutcomeUnknown(err) || got != nil || s.count() != 1 {
					t.Fatalf("err %v after %d requests, want an unknown outcome after 1", err, s.count())
				}
				if _, r, _ := s.at(0); r.Method != http.MethodPost {
					t.Errorf("sent a %s", r.Method)
				}
			})
		}
		t.Run(name+" 429", func(t *testing.T) {
			s, srv := serve(t, status(http.StatusTooManyRequests, "TooManyRequests", "slow down"), okData(proxySecretsData("pa1")))
			got, err := call(newTestClient(t, srv.URL))
			if err != nil || got.AgentID != "pa1" || s.count() != 2 {
				t.Fatalf("got %v, %v after %d requests; want the secrets after 2", got, err, s.count())
			}
			_, _, first := s.at(0)
			if _, _, second := s.at(1); second != first {
				t.Errorf("the repeat sent %q, the first %q", second, first)
			}
		})
		t.Run(name+" connection refused", func(t *testing.T) {
			ct := &countingTransport{base: http.DefaultTransport}
			c := newTestClient(t, closedPortURL(t), func(cfg *Config) {
				cfg.HTTPClient = &http.Client{Transport: ct}
				cfg.MaxRetries = 2
			})
			_, err := call(c)
			if err == nil || IsOutcomeUnknown(err) || !errors.Is(err, syscall.ECONNREFUSED) {
				t.Fatalf("want a refused connection, not an unknown outcome: %v", err)
			}
			if n := ct.n.Load(); n != 3 {
				t.Errorf("attempts = %d, want 3", n)
			}
		})
	}
}

// The reads and the delete are repeatable: retried after a 5xx and a lost
// answer, and they succeed once an attempt is answered.
func TestProxyAgentReadsRetried(t *testing.T) {
	ctx := context.Background()
	calls := map[string]struct {
		call func(*Client) error
		ok   http.HandlerFunc
	}{
		"get": {func(c *Client) error { _, err := c.GetProxyAgent(ctx, "pa1"); return err }, okData(proxyAgentData)},
		"list": {func(c *Client) error { _, err := c.ListProxyAgents(ctx); return err },
			okData(map[string]any{"items": []any{proxyAgentListItem}})},
		"connections": {func(c *Client) error { _, err := c.ListProxyAgentConnections(ctx, "pa1"); return err },
			okData(map[string]any{"items": []any{map[string]any{"connection_id": "c1"}}})},
		"delete": {func(c *Client) error { return c.DeleteProxyAgent(ctx, "pa1") }, status(http.StatusOK, "Success", "deleted")},
	}
	for name, tc := range calls {
		t.Run(name, func(t *testing.T) {
			s, srv := serve(t, status(http.StatusServiceUnavailable, "ServiceUnavailable", "down"),
				status(http.StatusBadGateway, "", "<html>bad gateway</html>"), dropConnection, tc.ok)
			if err := tc.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatalf("after a 503, a 502 and a lost answer: %v", err)
			}
			if s.count() != 4 {
				t.Errorf("sent %d times, want 4", s.count())
			}
		})
	}
}

// containsSecret names the first secret value found in s.
func containsSecret(s string) (string, bool) {
	for _, v := range proxySecretValues {
		if strings.Contains(s, v) {
			return v, true
		}
	}
	return "", false
}

// No fmt verb prints the secrets, whether the value is printed alone,
// through a pointer, or inside another value; the agent id shows.
func TestProxyAgentSecretsNeverPrinted(t *testing.T) {
	s := ProxyAgentSecrets{AgentID: "pa1", AuthToken: proxyAuthToken, ClientCert: proxyClientCert, ClientPrivateKey: proxyClientKey}
	outer := struct {
		Secrets  ProxyAgentSecrets
		Pointer  *ProxyAgentSecrets
		List     []ProxyAgentSecrets
		ByAgent  map[string]ProxyAgentSecrets
		Anything any
	}{s, &s, []ProxyAgentSecrets{s}, map[string]ProxyAgentSecrets{"pa1": s}, s}
	outputs := []string{
		fmt.Sprintf("%v %+v %#v", s, s, s),
		fmt.Sprintf("%v %+v %#v", &s, &s, &s),
		fmt.Sprintf("%s %q %d %x %X %t %T", s, s, s, s, s, s, s),
		fmt.Sprintf("%v %+v %#v %s %x", outer, outer, outer, outer, outer),
		fmt.Sprint(s, &s), fmt.Sprintln(s, &s),
		s.String(), s.GoString(),
		fmt.Errorf("wrapped: %v", s).Error(),
	}
	for _, out := range outputs {
		if v, leaked := containsSecret(out); leaked {
			t.Errorf("secret %q printed in %q", v, out)
		}
	}
	if got, want := fmt.Sprintf("%v", s), "{AgentID:pa1 AuthToken:<redacted> ClientCert:<redacted> ClientPrivateKey:<redacted>}"; got != want {
		t.Errorf("%%v = %q, want %q", got, want)
	}
	if got, want := fmt.Sprintf("%#v", s), `fivetran.ProxyAgentSecrets{AgentID:"pa1", AuthToken:"<redacted>", ClientCert:"<redacted>", ClientPrivateKey:"<redacted>"}`; got != want {
		t.Errorf("%%#v = %q, want %q", got, want)
	}
	// An empty secret shows as empty: printing tells whether one came back.
	if got, want := fmt.Sprintf("%+v", ProxyAgentSecrets{AgentID: "pa1", AuthToken: proxyAuthToken}),
		"{AgentID:pa1 AuthToken:<redacted> ClientCert: ClientPrivateKey:}"; got != want {
		t.Errorf("%%+v = %q, want %q", got, want)
	}
	var nilSecrets *ProxyAgentSecrets
	if got := fmt.Sprintf("%v", nilSecrets); got != "<nil>" {
		t.Errorf("a nil pointer printed %q", got)
	}
}

// The secrets reach neither the client's logs nor its errors, whatever the
// answer: a success after a 429, a failure after the request was sent, or
// an answer that does not decode.
func TestProxyAgentSecretsNeverLogged(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	ok := okData(proxySecretsData("pa1"))
	// The server puts the secrets into answers that do not decode, and into
	// the message of errors, to check nothing of them is quoted.
	badType := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"code":"Success","data":{"agent_id":"pa1","auth_token":12345678901234567,"client_cert":"` +
			strings.ReplaceAll(proxyClientCert, "\n", `\n`) + `","client_private_key":["MIIproxykey51b8"]}}`))
	}
	truncated := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"code":"Success","data":{"agent_id":"pa1","auth_token":"` + proxyAuthToken + `","client_cert":MIIproxycert7d2e`))
	}
	var errs []error
	for name, call := range secretsPosts(ctx) {
		for _, steps := range [][]http.HandlerFunc{
			{status(http.StatusTooManyRequests, "TooManyRequests", "slow down"), ok},
			{status(http.StatusServiceUnavailable, "", "down")},
			{dropConnection},
			{badType},
			{truncated},
		} {
			_, srv := serve(t, steps...)
			got, err := call(newTestClient(t, srv.URL))
			if err == nil && (got == nil || got.AuthToken != proxyAuthToken) {
				t.Errorf("%s: a success without the secrets: %v", name, got)
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) != 8 {
		t.Errorf("%d errors, want 8 (four failures of each call): %v", len(errs), errs)
	}
	// The decoding errors still say where the answer went wrong.
	var saidField, saidOffset int
	for _, err := range errs {
		if strings.Contains(err.Error(), "field data.auth_token does not decode as string") {
			saidField++
		}
		if strings.Contains(err.Error(), "syntax error at byte") {
			saidOffset++
		}
	}
	if saidField != 2 || saidOffset != 2 {
		t.Errorf("the decoding errors should name the field or the offset: %v", errs)
	}
	for _, err := range errs {
		if v, leaked := containsSecret(err.Error()); leaked {
			t.Errorf("secret %q in the error %q", v, err)
		}
		if strings.Contains(err.Error(), "12345678901234567") {
			t.Errorf("a secret's digits in the error %q", err)
		}
	}
	logs := buf.String()
	if !strings.Contains(logs, `"path":"/proxy"`) || !strings.Contains(logs, `"path":"/proxy/pa1/regenerate-secrets"`) ||
		!strings.Contains(logs, `"status":429`) || !strings.Contains(logs, `"attempt":2`) {
		t.Errorf("expected the requests' debug logs, got:\n%s", logs)
	}
	if v, leaked := containsSecret(logs); leaked {
		t.Errorf("secret %q leaked into logs:\n%s", v, logs)
	}
}

// Usage counts the proxy agent requests by route, with the ids replaced.
func TestProxyAgentRoutes(t *testing.T) {
	_, srv := proxyServer(t)
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	if _, err := c.CreateProxyAgent(ctx, "office", "GCP_US_EAST4"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"pa1", "pa2"} {
		_, err1 := c.GetProxyAgent(ctx, id)
		_, err2 := c.RegenerateProxyAgentSecrets(ctx, id)
		_, err3 := c.ListProxyAgentConnections(ctx, id)
		if err := errors.Join(err1, err2, err3, c.DeleteProxyAgent(ctx, id)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.ListProxyAgents(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"POST /proxy": 1, "GET /proxy": 1, "GET /proxy/{id}": 2, "DELETE /proxy/{id}": 2,
		"POST /proxy/{id}/regenerate-secrets": 2, "GET /proxy/{id}/connections": 2,
	}
	if got := c.Usage().Requests; !reflect.DeepEqual(got, want) {
		t.Errorf("usage by route %v, want %v", got, want)
	}
}

// A create's 429 that leaves the account's budget comes from the limit on
// creates: proxy agent creates are creates, paced with the others from then
// on. A secrets regeneration creates nothing: its 429 leaves the creates'
// pace alone, though it is retried like a create.
func TestProxyAgentCreatesPaced(t *testing.T) {
	limited := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Rate-Limit", "20000")
		w.Header().Set("X-Rate-Limit-Remaining", "15000")
		w.Header().Set("Retry-After", "1")
		writeEnv(w, http.StatusTooManyRequests, "TooManyRequests", "too many", nil)
	}
	for name, call := range secretsPosts(context.Background()) {
		t.Run(name, func(t *testing.T) {
			s, srv := serve(t, limited, okData(proxySecretsData("pa1")))
			c := newTestClient(t, srv.URL)
			c.retryAfterUnit = time.Millisecond
			if _, err := call(c); err != nil || s.count() != 2 {
				t.Fatalf("err %v after %d requests, want the secrets after 2", err, s.count())
			}
			c.pace.mu.Lock()
			paced := c.pace.creates.active
			c.pace.mu.Unlock()
			if want := name == "create"; paced != want {
				t.Errorf("creates paced after the %s's 429: %v, want %v", name, paced, want)
			}
		})
	}
}

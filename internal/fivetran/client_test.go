package fivetran

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestNewValidatesAndDefaults(t *testing.T) {
	if _, err := New(Config{APISecret: "x"}); err == nil {
		t.Error("want error for empty key")
	}
	if _, err := New(Config{APIKey: "x"}); err == nil {
		t.Error("want error for empty secret")
	}
	for _, bad := range []string{"://nope", "ftp://host/v1", "/v1", "http://"} {
		if _, err := New(Config{APIKey: "k", APISecret: "s", BaseURL: bad}); err == nil {
			t.Errorf("want error for base URL %q", bad)
		}
	}
	c, err := New(Config{APIKey: "k", APISecret: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if c.baseURL != DefaultBaseURL || c.userAgent != DefaultUserAgent || c.timeout != DefaultRequestTimeout {
		t.Errorf("defaults not applied: %q %q %v", c.baseURL, c.userAgent, c.timeout)
	}
	if c.maxRetries != 6 || c.waitMin != time.Second || c.waitMax != 30*time.Second {
		t.Errorf("retry defaults not applied: %d %v %v", c.maxRetries, c.waitMin, c.waitMax)
	}
	c, _ = New(Config{APIKey: "k", APISecret: "s", MaxRetries: -1, BaseURL: "http://h/v1///"})
	if c.maxRetries != 0 || c.baseURL != "http://h/v1" {
		t.Errorf("negative MaxRetries / trailing slash: %d %q", c.maxRetries, c.baseURL)
	}
}

// TestBaseURLNormalized: the API's root, as users type it, gets /v1; a URL
// with a path is kept (a proxy may map any path); user info never shows.
func TestBaseURLNormalized(t *testing.T) {
	cases := []struct{ in, base, shown string }{
		{"https://api.fivetran.com", "https://api.fivetran.com/v1", "https://api.fivetran.com/v1"},
		{"https://api.fivetran.com/", "https://api.fivetran.com/v1", "https://api.fivetran.com/v1"},
		{"http://127.0.0.1:8080//", "http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"},
		{"https://api.fivetran.com/v1/", "https://api.fivetran.com/v1", "https://api.fivetran.com/v1"},
		{"https://proxy.example/fivetran", "https://proxy.example/fivetran", "https://proxy.example/fivetran"},
		{"https://me:pw@proxy.example", "https://me:pw@proxy.example/v1", "https://proxy.example/v1"},
		{"", DefaultBaseURL, DefaultBaseURL},
	}
	for _, tc := range cases {
		c, err := New(Config{APIKey: "k", APISecret: "s", BaseURL: tc.in})
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if c.baseURL != tc.base || c.BaseURL() != tc.shown {
			t.Errorf("%q: base %q shown %q, want %q %q", tc.in, c.baseURL, c.BaseURL(), tc.base, tc.shown)
		}
	}
	// The root of a server answering under /v1 works without /v1 typed.
	s, srv := serve(t, okData(groupData))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.BaseURL = srv.URL })
	if _, err := c.GetGroup(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
	if _, r, _ := s.at(0); r.URL.Path != "/v1/groups/g1" {
		t.Errorf("requested %s, want /v1/groups/g1", r.URL.Path)
	}
}

// TestTransportErrorNamesBaseURL: a refused connection, a name that does
// not resolve and a server that never answers each say which URL was used
// (and never the credentials in it).
func TestTransportErrorNamesBaseURL(t *testing.T) {
	ln, err := new(net.ListenConfig).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	_ = ln.Close()
	_, hang := serve(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	cases := map[string]string{
		"refused": refused,
		"dns":     "http://no-such-host.invalid",
		"timeout": hang.URL,
	}
	for name, base := range cases {
		t.Run(name, func(t *testing.T) {
			c := newTestClient(t, base, func(cfg *Config) {
				cfg.BaseURL = strings.Replace(base, "http://", "http://user:"+testSecret+"@", 1)
				cfg.RequestTimeout = 50 * time.Millisecond
				cfg.MaxRetries = 1
			})
			for _, call := range []func() error{
				func() error { _, err := c.GetGroup(context.Background(), "g1"); return err },
				func() error { _, err := c.CreateGroup(context.Background(), "n"); return err },
			} {
				err := call()
				var te *TransportError
				if !errors.As(err, &te) || te.BaseURL != base+"/v1" {
					t.Fatalf("got %v, want a *TransportError naming %s/v1", err, base)
				}
				if !strings.Contains(err.Error(), base+"/v1") || strings.Contains(err.Error(), testSecret) {
					t.Errorf("message must name the base URL without credentials: %v", err)
				}
			}
		})
	}
}

func TestHeadersPerMethod(t *testing.T) {
	s, srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodDelete:
			writeEnv(w, 200, "Success", "deleted", nil)
		case strings.HasSuffix(r.URL.Path, "/connections"):
			writeOK(w, map[string]any{"items": []any{}})
		case strings.HasPrefix(r.URL.Path, "/v1/destinations"):
			writeOK(w, map[string]any{"id": "d1"})
		default:
			writeOK(w, groupData)
		}
	})
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	type call struct {
		name        string
		fn          func() error
		method      string
		accept      string
		contentType string
		body        string
	}
	calls := []call{
		{"get group", func() error { _, err := c.GetGroup(ctx, "g1"); return err }, "GET", acceptV1, "", ""},
		{"create group", func() error { _, err := c.CreateGroup(ctx, "n"); return err }, "POST", acceptV1, "application/json", `{"name":"n"}`},
		{"rename group", func() error { _, err := c.RenameGroup(ctx, "g1", "m"); return err }, "PATCH", acceptV1, "application/json", `{"name":"m"}`},
		{"delete group", func() error { return c.DeleteGroup(ctx, "g1") }, "DELETE", acceptV1, "", ""},
		{"group connections", func() error { _, err := c.ListGroupConnections(ctx, "g1", ""); return err }, "GET", acceptV1, "", ""},
		{"get destination", func() error { _, err := c.GetDestination(ctx, "d1"); return err }, "GET", acceptV2, "", ""},
		{"test destination", func() error { _, err := c.TestDestination(ctx, "d1", nil, nil); return err }, "POST", acceptV2, "application/json", `{}`},
		{"delete destination", func() error { return c.DeleteDestination(ctx, "d1") }, "DELETE", acceptV2, "", ""},
	}
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"+testSecret))
	for i, tc := range calls {
		if err := tc.fn(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		_, r, body := s.at(i)
		if r.Method != tc.method {
			t.Errorf("%s: method %s, want %s", tc.name, r.Method, tc.method)
		}
		if got := r.Header.Get("Authorization"); got != wantAuth {
			t.Errorf("%s: Authorization %q", tc.name, got)
		}
		if got := r.Header.Get("User-Agent"); got != "terraform-provider-fivetran/test" {
			t.Errorf("%s: User-Agent %q", tc.name, got)
		}
		if got := r.Header.Get("Accept"); got != tc.accept {
			t.Errorf("%s: Accept %q, want %q", tc.name, got, tc.accept)
		}
		if got := r.Header.Get("Content-Type"); got != tc.contentType {
			t.Errorf("%s: Content-Type %q, want %q", tc.name, got, tc.contentType)
		}
		if body != tc.body {
			t.Errorf("%s: body %q, want %q", tc.name, body, tc.body)
		}
	}
}

func TestRetryAfterCappedAtRetryWaitMax(t *testing.T) {
	s, srv := serve(t,
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "1")
			writeEnv(w, 429, "TooManyRequests", "slow down", nil)
		},
		okData(groupData))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RetryWaitMax = 50 * time.Millisecond })
	start := time.Now()
	if _, err := c.GetGroup(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 700*time.Millisecond {
		t.Errorf("Retry-After not capped: took %v", el)
	}
	if s.count() != 2 {
		t.Errorf("requests = %d, want 2", s.count())
	}
}

func TestRetryAfterHonouredUnderCap(t *testing.T) {
	s, srv := serve(t,
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "6")
			writeEnv(w, 429, "TooManyRequests", "slow down", nil)
		},
		okData(groupData))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RetryWaitMax = time.Second })
	c.retryAfterUnit = 10 * time.Millisecond // Retry-After: 6 means 60ms here
	if _, err := c.GetGroup(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
	t0, _, _ := s.at(0)
	t1, _, _ := s.at(1)
	if gap := t1.Sub(t0); gap < 50*time.Millisecond {
		t.Errorf("waited %v, want >= ~60ms from Retry-After", gap)
	}
}

func TestRetryAfterMalformedFallsBack(t *testing.T) {
	for _, v := range []string{"", "soon", "1.5", "-3"} {
		resp := &http.Response{StatusCode: 429, Header: http.Header{}}
		if v != "" {
			resp.Header.Set("Retry-After", v)
		}
		c := &Client{retryAfterUnit: time.Second}
		if d := c.backoff(time.Millisecond, 20*time.Millisecond, 0, resp); d < time.Millisecond || d > 20*time.Millisecond {
			t.Errorf("Retry-After %q: wait %v outside normal backoff", v, d)
		}
	}
}

func TestExpBackoffBounds(t *testing.T) {
	for n := 0; n < 70; n++ {
		d := expBackoff(10*time.Millisecond, time.Second, n)
		if d < 10*time.Millisecond || d > time.Second {
			t.Fatalf("attempt %d: %v out of bounds", n, d)
		}
	}
	if d := expBackoff(10*time.Millisecond, time.Second, 6); d < 320*time.Millisecond {
		t.Errorf("attempt 6 should be >= half of 640ms, got %v", d)
	}
}

func TestGet503ThenSuccess(t *testing.T) {
	s, srv := serve(t, status(503, "", "unavailable"), okData(groupData))
	c := newTestClient(t, srv.URL)
	g, err := c.GetGroup(context.Background(), "g1")
	if err != nil {
		t.Fatal(err)
	}
	if g.ID != "g1" || s.count() != 2 {
		t.Errorf("got %+v after %d requests", g, s.count())
	}
}

func TestPatch502ThenSuccess(t *testing.T) {
	s, srv := serve(t, status(502, "", "bad gateway"), okData(groupData))
	c := newTestClient(t, srv.URL)
	if _, err := c.RenameGroup(context.Background(), "g1", "n"); err != nil {
		t.Fatal(err)
	}
	if s.count() != 2 {
		t.Errorf("requests = %d, want 2", s.count())
	}
	if _, _, body := s.at(1); body != `{"name":"n"}` {
		t.Errorf("retried body = %q", body)
	}
}

func TestPost500IsOutcomeUnknownAndNotRetried(t *testing.T) {
	s, srv := serve(t, status(500, "InternalError", "boom"))
	c := newTestClient(t, srv.URL)
	_, err := c.CreateGroup(context.Background(), "n")
	if !IsOutcomeUnknown(err) {
		t.Fatalf("want OutcomeUnknownError, got %v", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.Code != "InternalError" {
		t.Errorf("cause should be the 500 APIError, got %v", err)
	}
	if !strings.Contains(err.Error(), "may or may not") {
		t.Errorf("message should warn about the unknown outcome: %v", err)
	}
	if s.count() != 1 {
		t.Errorf("POST sent %d times, want 1", s.count())
	}
}

func TestPostDroppedConnectionIsOutcomeUnknown(t *testing.T) {
	s, srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic("the test server's ResponseWriter cannot be hijacked")
		}
		conn, _, err := hj.Hijack()
		if err != nil {
			panic(err)
		}
		_ = conn.Close() // handled, then the connection drops
	})
	c := newTestClient(t, srv.URL)
	_, err := c.CreateGroup(context.Background(), "n")
	if !IsOutcomeUnknown(err) {
		t.Fatalf("want OutcomeUnknownError, got %v", err)
	}
	if s.count() != 1 {
		t.Errorf("POST sent %d times, want 1", s.count())
	}
}

func TestPostTimeoutIsOutcomeUnknown(t *testing.T) {
	s, srv := serve(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = 50 * time.Millisecond })
	_, err := c.CreateGroup(context.Background(), "n")
	if !IsOutcomeUnknown(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want OutcomeUnknownError wrapping a deadline, got %v", err)
	}
	if s.count() != 1 {
		t.Errorf("POST sent %d times, want 1", s.count())
	}
}

func TestGetTimeoutPerAttemptIsRetried(t *testing.T) {
	s, srv := serve(t,
		func(_ http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		},
		okData(groupData))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = 50 * time.Millisecond })
	if _, err := c.GetGroup(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
	if s.count() != 2 {
		t.Errorf("requests = %d, want 2", s.count())
	}
}

func closedPortURL(t *testing.T) string {
	t.Helper()
	l, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr
}

func TestPostConnectionRefusedIsRetried(t *testing.T) {
	ct := &countingTransport{base: http.DefaultTransport}
	c := newTestClient(t, closedPortURL(t), func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Transport: ct}
		cfg.MaxRetries = 2
	})
	_, err := c.CreateGroup(context.Background(), "n")
	if err == nil {
		t.Fatal("want error")
	}
	if IsOutcomeUnknown(err) {
		t.Errorf("connection refused is not an unknown outcome: %v", err)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("want ECONNREFUSED in chain, got %v", err)
	}
	if !strings.Contains(err.Error(), "3 attempts") || !strings.Contains(err.Error(), "POST /groups") {
		t.Errorf("error should name the call and the attempts: %v", err)
	}
	if n := ct.n.Load(); n != 3 {
		t.Errorf("attempts = %d, want 3", n)
	}
}

func TestPost429IsRetried(t *testing.T) {
	s, srv := serve(t, status(429, "TooManyRequests", "slow"), func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 201, "Success", "Group has been created", groupData)
	})
	c := newTestClient(t, srv.URL)
	g, err := c.CreateGroup(context.Background(), "n")
	if err != nil {
		t.Fatal(err)
	}
	if g.ID != "g1" || s.count() != 2 {
		t.Errorf("got %+v after %d requests", g, s.count())
	}
}

func TestNonJSONErrorBody(t *testing.T) {
	html := "<html>\n  <head><title>502 Bad Gateway</title></head>\n<body>" + strings.Repeat("x", 500) + "</body></html>"
	_, srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		_, _ = w.Write([]byte(html))
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = -1 })
	_, err := c.GetGroup(context.Background(), "g1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want APIError, got %v", err)
	}
	if apiErr.StatusCode != 502 || apiErr.Code != "" {
		t.Errorf("status/code = %d/%q", apiErr.StatusCode, apiErr.Code)
	}
	if !strings.HasPrefix(apiErr.Message, "<html> <head><title>502 Bad Gateway</title>") || len(apiErr.Message) > 200 {
		t.Errorf("message excerpt = %q (%d chars)", apiErr.Message, len(apiErr.Message))
	}
	if apiErr.Method != "GET" || apiErr.Path != "/groups/g1" {
		t.Errorf("method/path = %s %s", apiErr.Method, apiErr.Path)
	}
}

func TestEmptyErrorBodyUsesStatusText(t *testing.T) {
	_, srv := serve(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(418) })
	c := newTestClient(t, srv.URL)
	_, err := c.GetGroup(context.Background(), "g1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Message != "I'm a teapot" {
		t.Fatalf("got %v", err)
	}
}

func TestErrorPredicates(t *testing.T) {
	cases := []struct {
		status                      int
		code                        string
		notFound, conflict, unauthz bool // notFound: as a group
	}{
		{404, "NotFound_Group", true, false, false},
		{404, "NotFound", false, false, false}, // an unknown route answers this: it proves nothing
		{404, "NotFound_Connector", false, false, false},
		{404, "", false, false, false},
		{400, "InvalidInput", false, false, false},
		{400, "NotFound_Group", false, false, false},
		{409, "Conflict", false, true, false},
		{401, "", false, false, true},
		{403, "Forbidden", false, false, true},
	}
	for _, tc := range cases {
		_, srv := serve(t, status(tc.status, tc.code, "msg"))
		c := newTestClient(t, srv.URL)
		_, err := c.GetGroup(context.Background(), "x")
		notFound := IsNotFoundKind(err, KindGroup)
		if notFound != tc.notFound || IsConflict(err) != tc.conflict || IsUnauthorized(err) != tc.unauthz {
			t.Errorf("%d %q: notFound=%v conflict=%v unauthorized=%v", tc.status, tc.code,
				notFound, IsConflict(err), IsUnauthorized(err))
		}
	}
	_, srv := serve(t, status(404, "NotFound_Group", "Group with id 'x' does not exist"))
	_, err := newTestClient(t, srv.URL).GetGroup(context.Background(), "x")
	if want := "GET /groups/x: HTTP 404 NotFound_Group: Group with id 'x' does not exist"; err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %q", err, want)
	}
	if IsNotFoundKind(nil, KindGroup) || IsConflict(errors.New("x")) || IsOutcomeUnknown(nil) {
		t.Error("predicates must be false for non-API errors")
	}
}

// TestIsNotFoundKind: a 404 proves an object gone only with its own kind's
// code; the plain NotFound of an unknown route, an HTML 404 page or another
// kind's code does not.
func TestIsNotFoundKind(t *testing.T) {
	kinds := []Kind{KindGroup, KindDestination, KindConnection, KindConnectorType, KindProxyAgent}
	cases := []struct {
		status int
		code   string
		gone   []Kind
	}{
		{404, "NotFound_Group", []Kind{KindGroup}},
		{404, "NotFound_Destination", []Kind{KindDestination}},
		{404, "NotFound_Connection", []Kind{KindConnection}},
		{404, "NotFound_Connector", []Kind{KindConnection}},
		{404, "NotFound", []Kind{KindConnectorType, KindProxyAgent}},
		{404, "NotFound_Integration", nil},
		{404, "", nil},
		{400, "NotFound_Group", nil},
		{410, "NotFound_Destination", nil},
	}
	for _, tc := range cases {
		err := error(&APIError{Method: "GET", Path: "/x", StatusCode: tc.status, Code: tc.code})
		err = fmt.Errorf("wrapped: %w", err)
		for _, k := range kinds {
			if got, want := IsNotFoundKind(err, k), slices.Contains(tc.gone, k); got != want {
				t.Errorf("%d %q as %v: got %v, want %v", tc.status, tc.code, k, got, want)
			}
		}
	}
}

func TestUnauthorizedNotRetried(t *testing.T) {
	s, srv := serve(t, status(401, "AuthFailed", "bad credentials"))
	c := newTestClient(t, srv.URL)
	_, err := c.GetGroup(context.Background(), "g1")
	if !IsUnauthorized(err) {
		t.Fatalf("want 401, got %v", err)
	}
	if s.count() != 1 {
		t.Errorf("401 retried: %d requests", s.count())
	}
}

func TestRetriesStopAtMaxRetries(t *testing.T) {
	s, srv := serve(t, status(503, "", "down"))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.GetGroup(context.Background(), "g1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("want 503 APIError, got %v", err)
	}
	if !strings.Contains(err.Error(), "3 attempts") {
		t.Errorf("error should mention the attempts: %v", err)
	}
	if s.count() != 3 {
		t.Errorf("requests = %d, want 3", s.count())
	}
}

func TestNoRetriesWhenNegative(t *testing.T) {
	s, srv := serve(t, status(503, "", "down"))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = -1 })
	if _, err := c.GetGroup(context.Background(), "g1"); err == nil {
		t.Fatal("want error")
	}
	if s.count() != 1 {
		t.Errorf("requests = %d, want 1", s.count())
	}
}

func TestCancelStopsBackoffWait(t *testing.T) {
	s, srv := serve(t, status(503, "", "down"))
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.RetryWaitMin = 10 * time.Second
		cfg.RetryWaitMax = 10 * time.Second
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.GetGroup(ctx, "g1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v to notice cancellation", el)
	}
	if s.count() != 1 {
		t.Errorf("requests = %d, want 1", s.count())
	}
	if !strings.Contains(err.Error(), "GET /groups/g1") {
		t.Errorf("error should name the call: %v", err)
	}
}

func TestBadSuccessBodies(t *testing.T) {
	cases := map[string]string{
		"not json":     "<html>ok</html>",
		"no data":      `{"code":"Success","message":"ok"}`,
		"null data":    `{"code":"Success","data":null}`,
		"wrong type":   `{"code":"Success","data":{"id":42}}`,
		"data array":   `{"code":"Success","data":[1,2]}`,
		"empty body":   ``,
		"trailing bad": `{"code":"Success","data":{"id":"x"}} junk`,
	}
	for name, body := range cases {
		_, srv := serve(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) })
		c := newTestClient(t, srv.URL)
		g, err := c.GetGroup(context.Background(), "g1")
		if err == nil {
			t.Errorf("%s: want error, got %+v", name, g)
			continue
		}
		if !strings.Contains(err.Error(), "GET /groups/g1") {
			t.Errorf("%s: error should name method and path: %v", name, err)
		}
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			t.Errorf("%s: a 2xx must not become an APIError", name)
		}
	}
}

func TestDeleteToleratesEmptyBody(t *testing.T) {
	_, srv := serve(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) })
	if err := newTestClient(t, srv.URL).DeleteGroup(context.Background(), "g1"); err != nil {
		t.Fatal(err)
	}
}

func TestPaginationThreePages(t *testing.T) {
	s, srv := serve(t,
		okData(map[string]any{"items": []any{map[string]any{"id": "a"}, map[string]any{"id": "b"}}, "next_cursor": "c1"}),
		okData(map[string]any{"items": []any{map[string]any{"id": "c"}}, "next_cursor": "c2"}),
		okData(map[string]any{"items": []any{map[string]any{"id": "d"}}}),
	)
	c := newTestClient(t, srv.URL)
	gs, err := c.ListGroups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, g := range gs {
		ids = append(ids, g.ID)
	}
	if strings.Join(ids, ",") != "a,b,c,d" {
		t.Errorf("ids = %v", ids)
	}
	wantCursor := []string{"", "c1", "c2"}
	for i := range 3 {
		_, r, _ := s.at(i)
		if r.URL.Path != "/v1/groups" || r.URL.Query().Get("limit") != "1000" || r.URL.Query().Get("cursor") != wantCursor[i] {
			t.Errorf("page %d: %s", i, r.URL.RequestURI())
		}
	}
	if s.count() != 3 {
		t.Errorf("requests = %d", s.count())
	}
}

func TestPaginationEmptyList(t *testing.T) {
	_, srv := serve(t, okData(map[string]any{"items": []any{}, "next_cursor": ""}))
	gs, err := newTestClient(t, srv.URL).ListGroups(context.Background())
	if err != nil || gs == nil || len(gs) != 0 {
		t.Fatalf("got %v, %v", gs, err)
	}
}

func TestPaginationRepeatedCursor(t *testing.T) {
	s, srv := serve(t, okData(map[string]any{"items": []any{map[string]any{"id": "a"}}, "next_cursor": "same"}))
	_, err := newTestClient(t, srv.URL).ListGroups(context.Background())
	if err == nil || !strings.Contains(err.Error(), "same") {
		t.Fatalf("want repeated-cursor error, got %v", err)
	}
	if s.count() != 2 {
		t.Errorf("requests = %d, want 2", s.count())
	}
}

func TestPathSegmentsAreEscaped(t *testing.T) {
	s, srv := serve(t, okData(groupData))
	c := newTestClient(t, srv.URL)
	if _, err := c.GetGroup(context.Background(), "a/b?c=d#e"); err != nil {
		t.Fatal(err)
	}
	_, r, _ := s.at(0)
	if got := r.URL.EscapedPath(); got != "/v1/groups/a%2Fb%3Fc=d%23e" {
		t.Errorf("escaped path = %q", got)
	}
	if r.URL.RawQuery != "" {
		t.Errorf("id leaked into query: %q", r.URL.RawQuery)
	}
}

func TestEmptyIDIsRefusedLocally(t *testing.T) {
	s, srv := serve(t, okData(groupData))
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	errs := []error{
		func() error { _, err := c.GetGroup(ctx, ""); return err }(),
		c.DeleteConnection(ctx, ""),
		func() error { _, err := c.TestDestination(ctx, "", nil, nil); return err }(),
		func() error { _, err := c.ListGroupConnections(ctx, "", ""); return err }(),
	}
	for i, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "empty id") {
			t.Errorf("call %d: want empty id error, got %v", i, err)
		}
	}
	if s.count() != 0 {
		t.Errorf("%d requests sent for empty ids", s.count())
	}
}

func TestCancelDuringRequest(t *testing.T) {
	s, srv := serve(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetGroup(ctx, "g1")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Fatalf("got %v after %v", err, time.Since(start))
	}
	if s.count() != 1 {
		t.Errorf("requests = %d, want 1 (the caller's deadline is not retried)", s.count())
	}
}

func TestAttemptTimeoutExhaustedMessage(t *testing.T) {
	_, srv := serve(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.RequestTimeout = 20 * time.Millisecond
		cfg.MaxRetries = 1
	})
	_, err := c.GetGroup(context.Background(), "g1")
	if err == nil || !strings.Contains(err.Error(), "2 attempts") || !strings.Contains(err.Error(), "timed out after 20ms") ||
		!errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
}

// TestConnectionsReusedUnderParallelism: Terraform refreshes 10 resources at
// once; the client keeps enough idle connections that a second wave of 10
// concurrent requests opens no new connection (Go's default keeps 2 per
// host, so 8 would be opened again, each with a TCP and TLS handshake).
func TestConnectionsReusedUnderParallelism(t *testing.T) {
	var opened atomic.Int32
	var inFlight sync.WaitGroup
	var gate atomic.Pointer[chan struct{}]
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		release := *gate.Load()
		inFlight.Done()
		<-release // hold every request until all 10 are in flight, so 10 connections are needed
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"code":"Success","data":{"id":"g1","name":"g","created_at":"2024-01-01T00:00:00Z"}}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	wave := func() {
		inFlight.Add(10)
		release := make(chan struct{})
		gate.Store(&release)
		var done sync.WaitGroup
		for i := 0; i < 10; i++ {
			done.Add(1)
			go func() {
				defer done.Done()
				if _, err := c.GetGroup(context.Background(), "g1"); err != nil {
					t.Error(err)
				}
			}()
		}
		inFlight.Wait()
		close(release)
		done.Wait()
	}
	wave()
	first := opened.Load()
	wave()
	if first != 10 {
		t.Fatalf("the first wave opened %d connections, want 10", first)
	}
	if again := opened.Load() - first; again != 0 {
		t.Errorf("the second wave opened %d new connections, want 0 (idle connections were closed)", again)
	}
}

package fivetran

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testKey    = "test-key"
	testSecret = "s3cr3t-api-value"
)

// newTestClient returns a client for srvURL (which must not include /v1:
// it is added) with millisecond retry waits.
func newTestClient(t *testing.T, srvURL string, mod ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		APIKey:         testKey,
		APISecret:      testSecret,
		BaseURL:        srvURL + "/v1/",
		UserAgent:      "terraform-provider-fivetran/test",
		RequestTimeout: 2 * time.Second,
		MaxRetries:     3,
		RetryWaitMin:   time.Millisecond,
		RetryWaitMax:   20 * time.Millisecond,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// writeEnv writes a Fivetran envelope; data is omitted when nil.
func writeEnv(w http.ResponseWriter, status int, code, message string, data any) {
	env := map[string]any{"code": code, "message": message}
	if data != nil {
		env["data"] = data
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(env)
}

func writeOK(w http.ResponseWriter, data any) { writeEnv(w, http.StatusOK, "Success", "", data) }

// scripted serves the given handlers in order, one per request; extra
// requests get the last one. It counts requests.
type scripted struct {
	mu       sync.Mutex
	steps    []http.HandlerFunc
	n        atomic.Int32
	times    []time.Time
	requests []*http.Request
	bodies   []string
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	i := len(s.times)
	s.times = append(s.times, time.Now())
	s.requests = append(s.requests, r.Clone(r.Context()))
	s.bodies = append(s.bodies, string(b))
	s.mu.Unlock()
	s.n.Add(1)
	if i >= len(s.steps) {
		i = len(s.steps) - 1
	}
	s.steps[i](w, r)
}

func (s *scripted) count() int { return int(s.n.Load()) }

func (s *scripted) at(i int) (time.Time, *http.Request, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.times[i], s.requests[i], s.bodies[i]
}

func serve(t *testing.T, steps ...http.HandlerFunc) (*scripted, *httptest.Server) {
	t.Helper()
	s := &scripted{steps: steps}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func status(code int, apiCode, msg string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeEnv(w, code, apiCode, msg, nil) }
}

func okData(data any) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeOK(w, data) }
}

var groupData = map[string]any{"id": "g1", "name": "n", "created_at": "2020-05-25T15:26:47.306509Z"}

// countingTransport counts round trips through it.
type countingTransport struct {
	base http.RoundTripper
	n    atomic.Int32
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.base.RoundTrip(r)
}

func ptr[T any](v T) *T { return &v }

package fivetran

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestSetupTestRequestsOutliveRequestTimeout: Fivetran answers a request that
// runs setup tests only when the tests are done. A create that takes longer
// than RequestTimeout but succeeds is a success, not "outcome unknown"; the
// caller's context still bounds it. Requests without setup tests keep the
// per-attempt timeout.
func TestSetupTestRequestsOutliveRequestTimeout(t *testing.T) {
	const perAttempt, slow = 50 * time.Millisecond, 300 * time.Millisecond
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // the setup tests take longer than one attempt may
		case <-time.After(slow):
		case <-r.Context().Done():
			return
		}
		switch r.URL.Path {
		case "/v1/connections":
			writeEnv(w, http.StatusCreated, "Success", "", map[string]any{"id": "conn_id", "group_id": "g",
				"setup_tests": []any{map[string]any{"title": "t", "status": "PASSED", "message": ""}}})
		case "/v1/destinations", "/v1/destinations/g", "/v1/destinations/g/test", "/v1/connections/conn_id", "/v1/connections/conn_id/test":
			writeOK(w, map[string]any{"id": "g", "group_id": "g"})
		default:
			writeEnv(w, http.StatusNotFound, "NotFound", "", nil)
		}
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = perAttempt; cfg.MaxRetries = -1 })
	ctx := context.Background()
	yes, no := true, false

	if conn, err := c.CreateConnection(ctx, ConnectionCreate{GroupID: "g", Service: "github"}); err != nil || conn.ID != "conn_id" {
		t.Fatalf("a slow create with setup tests (by default): %v", err)
	}
	if _, err := c.CreateDestination(ctx, DestinationCreate{GroupID: "g", Service: "postgres"}); err != nil {
		t.Fatalf("a slow destination create with setup tests: %v", err)
	}
	if _, err := c.UpdateDestination(ctx, "g", DestinationUpdate{RunSetupTests: &yes}); err != nil {
		t.Fatalf("a slow PATCH with run_setup_tests: %v", err)
	}
	if _, err := c.UpdateConnection(ctx, "conn_id", ConnectionUpdate{RunSetupTests: &yes}); err != nil {
		t.Fatalf("a slow connection PATCH with run_setup_tests: %v", err)
	}
	if _, err := c.TestConnection(ctx, "conn_id", nil, nil); err != nil {
		t.Fatalf("a slow /test: %v", err)
	}

	// Without setup tests the per-attempt timeout still applies.
	_, err := c.CreateConnection(ctx, ConnectionCreate{GroupID: "g", Service: "github", RunSetupTests: &no})
	if !IsOutcomeUnknown(err) {
		t.Fatalf("a create without setup tests outlived RequestTimeout: %v", err)
	}
	if _, err := c.GetDestination(ctx, "g"); err == nil {
		t.Fatal("a GET outlived RequestTimeout")
	}
	// The caller's context bounds a request with setup tests.
	short, cancel := context.WithTimeout(ctx, perAttempt)
	defer cancel()
	if _, err := c.CreateConnection(short, ConnectionCreate{GroupID: "g", Service: "github"}); err == nil {
		t.Fatal("a create with setup tests outlived its caller's context")
	}
}

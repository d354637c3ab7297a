package fivetran

import (
	"context"
	"net/http"
	"testing"
)

var logData = map[string]any{"id": "g1", "service": "datadog_log", "enabled": true, "config": map[string]any{"api_key": "******", "region": "US"}}

func TestExternalLoggingCallsHitRightEndpoint(t *testing.T) {
	ctx := context.Background()
	on := false
	cases := []struct {
		name                      string
		call                      func(*Client) error
		ok                        http.HandlerFunc
		method, path, query, body string
	}{
		{"CreateExternalLogging", func(c *Client) error {
			_, err := c.CreateExternalLogging(ctx, ExternalLoggingCreate{GroupID: "g1", Service: "datadog_log", Config: map[string]any{"api_key": "k-Secret-1"}})
			return err
		}, okData(logData), "POST", "/v1/external-logging", "", `{"group_id":"g1","service":"datadog_log","config":{"api_key":"k-Secret-1"}}`},
		{"GetExternalLogging", func(c *Client) error { _, err := c.GetExternalLogging(ctx, "g1"); return err }, okData(logData),
			"GET", "/v1/external-logging/g1", "", ""},
		{"ListExternalLogging", func(c *Client) error { _, err := c.ListExternalLogging(ctx); return err },
			okData(map[string]any{"items": []any{logData}}), "GET", "/v1/external-logging", "limit=1000", ""},
		{"UpdateExternalLogging", func(c *Client) error {
			_, err := c.UpdateExternalLogging(ctx, "g1", ExternalLoggingUpdate{Enabled: &on})
			return err
		}, okData(logData), "PATCH", "/v1/external-logging/g1", "", `{"enabled":false}`},
		{"DeleteExternalLogging", func(c *Client) error { return c.DeleteExternalLogging(ctx, "g1") }, status(http.StatusOK, "Success", "deleted"),
			"DELETE", "/v1/external-logging/g1", "", ""},
		{"TestExternalLogging", func(c *Client) error { _, err := c.TestExternalLogging(ctx, "g1"); return err },
			okData(map[string]any{"setup_tests": []any{map[string]any{"title": "Connecting", "status": "PASSED"}}}),
			"POST", "/v1/external-logging/g1/test", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, srv := serve(t, tc.ok)
			if err := tc.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatal(err)
			}
			_, r, body := s.at(0)
			if r.Method != tc.method || r.URL.EscapedPath() != tc.path || r.URL.RawQuery != tc.query {
				t.Errorf("got %s %s?%s, want %s %s?%s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, tc.method, tc.path, tc.query)
			}
			if !jsonEq(t, body, tc.body) {
				t.Errorf("body %s, want %s", body, tc.body)
			}
		})
	}
}

// A create is not repeated once it may have reached Fivetran; the setup
// tests are.
func TestExternalLoggingRetries(t *testing.T) {
	s, srv := serve(t, status(http.StatusInternalServerError, "InternalError", "boom"), okData(logData))
	if _, err := newTestClient(t, srv.URL).CreateExternalLogging(context.Background(), ExternalLoggingCreate{GroupID: "g1"}); !IsOutcomeUnknown(err) || s.count() != 1 {
		t.Fatalf("create after a 500: %v in %d requests", err, s.count())
	}
	s, srv = serve(t, status(http.StatusServiceUnavailable, "", "down"), okData(map[string]any{"setup_tests": []any{}}))
	if _, err := newTestClient(t, srv.URL).TestExternalLogging(context.Background(), "g1"); err != nil || s.count() != 2 {
		t.Fatalf("tests after a 503: %v in %d requests", err, s.count())
	}
}

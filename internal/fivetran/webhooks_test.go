package fivetran

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

var webhookData = map[string]any{
	"id": "wh1", "type": "group", "group_id": "g1", "url": "https://hooks.example.com/fivetran", "events": []any{"sync_start", "sync_end"},
	"active": true, "secret": "******", "created_at": "2024-03-01T10:00:00.000000Z", "created_by": "user1",
}

func TestWebhookCallsHitRightEndpoint(t *testing.T) {
	ctx := context.Background()
	in := WebhookCreate{URL: "https://hooks.example.com/fivetran", Events: []string{"sync_end"}, Active: true, Secret: "s3cret-hook-77"}
	url, active := "https://other.example.com", false
	cases := []struct {
		name                      string
		call                      func(*Client) error
		ok                        http.HandlerFunc
		method, path, query, body string
	}{
		{"CreateAccountWebhook", func(c *Client) error { _, err := c.CreateAccountWebhook(ctx, in); return err }, okData(webhookData),
			"POST", "/v1/webhooks/account", "", `{"url":"https://hooks.example.com/fivetran","events":["sync_end"],"active":true,"secret":"s3cret-hook-77"}`},
		{"CreateGroupWebhook", func(c *Client) error { _, err := c.CreateGroupWebhook(ctx, "g 1", in); return err }, okData(webhookData),
			"POST", "/v1/webhooks/group/g%201", "", `{"url":"https://hooks.example.com/fivetran","events":["sync_end"],"active":true,"secret":"s3cret-hook-77"}`},
		{"GetWebhook", func(c *Client) error { _, err := c.GetWebhook(ctx, "wh1"); return err }, okData(webhookData), "GET", "/v1/webhooks/wh1", "", ""},
		{"ListWebhooks", func(c *Client) error { _, err := c.ListWebhooks(ctx); return err },
			okData(map[string]any{"items": []any{webhookData}}), "GET", "/v1/webhooks", "limit=1000", ""},
		{"UpdateWebhook", func(c *Client) error {
			_, err := c.UpdateWebhook(ctx, "wh1", WebhookUpdate{URL: &url, Active: &active})
			return err
		}, okData(webhookData), "PATCH", "/v1/webhooks/wh1", "", `{"url":"https://other.example.com","active":false}`},
		{"DeleteWebhook", func(c *Client) error { return c.DeleteWebhook(ctx, "wh1") }, status(http.StatusOK, "Success", "deleted"),
			"DELETE", "/v1/webhooks/wh1", "", ""},
		{"TestWebhook", func(c *Client) error { _, err := c.TestWebhook(ctx, "wh1", "sync_end"); return err },
			okData(map[string]any{"succeed": false, "status": 0}), "POST", "/v1/webhooks/wh1/test", "", `{"event":"sync_end"}`},
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

// A create is not repeated once it may have reached Fivetran; a test is.
func TestWebhookRetries(t *testing.T) {
	s, srv := serve(t, status(http.StatusInternalServerError, "InternalError", "boom"), okData(webhookData))
	if _, err := newTestClient(t, srv.URL).CreateAccountWebhook(context.Background(), WebhookCreate{URL: "u"}); !IsOutcomeUnknown(err) || s.count() != 1 {
		t.Fatalf("create after a 500: %v in %d requests", err, s.count())
	}
	s, srv = serve(t, status(http.StatusServiceUnavailable, "", "down"), okData(map[string]any{"succeed": true, "status": 200}))
	got, err := newTestClient(t, srv.URL).TestWebhook(context.Background(), "wh1", "sync_start")
	if err != nil || !got.Succeed || got.Status != 200 || s.count() != 2 {
		t.Fatalf("test after a 503: %+v %v in %d requests", got, err, s.count())
	}
}

// Either NotFound code is only a hint for a webhook.
func TestWebhookNotFound(t *testing.T) {
	_, srv := serve(t, status(http.StatusNotFound, "NotFound_Webhook", "no"), status(http.StatusNotFound, "NotFound", "no"))
	c := newTestClient(t, srv.URL)
	for range 2 {
		if _, err := c.GetWebhook(context.Background(), "wh1"); !IsNotFoundKind(err, KindWebhook) {
			t.Errorf("not a webhook's NotFound: %v", err)
		}
	}
}

func TestWebhookCreateSecretNotPrinted(t *testing.T) {
	in := WebhookCreate{URL: "https://x", Secret: "s3cret-hook-77"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if out := fmt.Sprintf(verb, in) + fmt.Sprintf(verb, &in); strings.Contains(out, "s3cret") {
			t.Errorf("%s prints the secret: %s", verb, out)
		}
	}
}

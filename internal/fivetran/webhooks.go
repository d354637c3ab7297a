package fivetran

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// Webhook is a Fivetran webhook: Fivetran posts the events it names (a
// sync's start and end, a connection's changes, ...) to its URL, signed
// with its secret. An account webhook covers every group; a group webhook
// one group.
type Webhook struct {
	ID string `json:"id"`
	// Type is "account" or "group".
	Type    string   `json:"type"`
	GroupID string   `json:"group_id"` // "" for an account webhook
	URL     string   `json:"url"`
	Events  []string `json:"events"`
	Active  bool     `json:"active"`
	// Secret is what Fivetran shows of the secret: masked ("******") when
	// one is set, never the secret itself.
	Secret    string `json:"secret"`
	CreatedAt string `json:"created_at"`
	CreatedBy string `json:"created_by"`
}

// WebhookCreate is the body of a webhook's create. Secret is sent only when
// set; it is a secret: WebhookCreate prints it redacted.
type WebhookCreate struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
	Active bool     `json:"active"`
	Secret string   `json:"secret,omitempty"`
}

// String prints the create with its secret redacted.
func (w WebhookCreate) String() string {
	return fmt.Sprintf("{URL:%s Events:%v Active:%v Secret:%s}", w.URL, w.Events, w.Active, redact(w.Secret))
}

// GoString prints the create as Go syntax, its secret redacted.
func (w WebhookCreate) GoString() string { return "fivetran.WebhookCreate" + w.String() }

// Format prints GoString for %#v and String for every other verb.
func (w WebhookCreate) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, w.GoString())
	case verb == 'q':
		_, _ = fmt.Fprintf(f, "%q", w.String())
	default:
		_, _ = io.WriteString(f, w.String())
	}
}

// WebhookUpdate is the body of a webhook's PATCH: the fields set are sent.
type WebhookUpdate struct {
	URL    *string  `json:"url,omitempty"`
	Events []string `json:"events,omitempty"`
	Active *bool    `json:"active,omitempty"`
	Secret *string  `json:"secret,omitempty"`
}

// WebhookTestResult is what a webhook test answers: whether the webhook's
// URL took the test event, and its HTTP status (0 when nothing answered).
type WebhookTestResult struct {
	Succeed bool   `json:"succeed"`
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// CreateAccountWebhook creates an account webhook (POST /webhooks/account).
// Like every create it is not repeatable: after a 5xx or a lost answer it
// returns an *OutcomeUnknownError, and the caller looks for the webhook
// before creating it again.
func (c *Client) CreateAccountWebhook(ctx context.Context, in WebhookCreate) (*Webhook, error) {
	var out Webhook
	if err := c.call(ctx, http.MethodPost, "/webhooks/account", nil, in, &out, optsV1); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateGroupWebhook creates a webhook of one group
// (POST /webhooks/group/{groupId}), with the rules of CreateAccountWebhook.
func (c *Client) CreateGroupWebhook(ctx context.Context, groupID string, in WebhookCreate) (*Webhook, error) {
	return callObj[Webhook](ctx, c, http.MethodPost, "/webhooks/group", groupID, "", in, optsV1)
}

// GetWebhook returns one webhook (GET /webhooks/{id}), its secret masked.
// Fivetran's NotFound for it is not established (see KindWebhook).
func (c *Client) GetWebhook(ctx context.Context, id string) (*Webhook, error) {
	return callObj[Webhook](ctx, c, http.MethodGet, "/webhooks", id, "", nil, optsV1)
}

// ListWebhooks returns every webhook of the account (GET /webhooks, all pages).
func (c *Client) ListWebhooks(ctx context.Context) ([]Webhook, error) {
	return listAll[Webhook](ctx, c, "/webhooks", nil, optsV1)
}

// UpdateWebhook changes a webhook (PATCH /webhooks/{id}).
func (c *Client) UpdateWebhook(ctx context.Context, id string, in WebhookUpdate) (*Webhook, error) {
	return callObj[Webhook](ctx, c, http.MethodPatch, "/webhooks", id, "", in, optsV1)
}

// DeleteWebhook deletes a webhook (DELETE /webhooks/{id}).
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/webhooks", id, optsV1)
}

type webhookTest struct {
	Event string `json:"event"`
}

// TestWebhook has Fivetran send a test of one event to the webhook's URL
// (POST /webhooks/{id}/test) and returns how the URL answered. A test
// changes nothing, so it is retried like a read.
func (c *Client) TestWebhook(ctx context.Context, id, event string) (*WebhookTestResult, error) {
	return callObj[WebhookTestResult](ctx, c, http.MethodPost, "/webhooks", id, "/test", webhookTest{Event: event}, optsRepeatable)
}

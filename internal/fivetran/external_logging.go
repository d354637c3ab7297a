package fivetran

import (
	"context"
	"net/http"
)

// ExternalLogging is a log service: Fivetran sends the logs of a group's
// connections (or of the whole account) to a customer's logging tool
// (Datadog, CloudWatch, Splunk, ...). A group has at most one.
type ExternalLogging struct {
	ID      string `json:"id"`
	Service string `json:"service"`
	Enabled bool   `json:"enabled"`
	// Config is the service's settings; numbers are json.Number and secrets
	// come back masked.
	Config map[string]any `json:"config"`
}

// ExternalLoggingCreate is the body of a group's log service create
// (POST /external-logging). Enabled is sent only when set.
type ExternalLoggingCreate struct {
	GroupID string         `json:"group_id"`
	Service string         `json:"service"`
	Enabled *bool          `json:"enabled,omitempty"`
	Config  map[string]any `json:"config,omitempty"`
}

// ExternalLoggingUpdate is the body of a log service's PATCH: what is set
// is sent; Config holds the keys that change.
type ExternalLoggingUpdate struct {
	Enabled *bool          `json:"enabled,omitempty"`
	Config  map[string]any `json:"config,omitempty"`
}

// ExternalLoggingTests is what a log service's setup tests answer.
type ExternalLoggingTests struct {
	SetupTests []SetupTest `json:"setup_tests"`
}

// CreateExternalLogging creates a group's log service. Like every create
// it is not repeatable: after a 5xx or a lost answer it returns an
// *OutcomeUnknownError, and the caller looks for the log service (one per
// group) before creating it again.
func (c *Client) CreateExternalLogging(ctx context.Context, in ExternalLoggingCreate) (*ExternalLogging, error) {
	var out ExternalLogging
	if err := c.call(ctx, http.MethodPost, "/external-logging", nil, in, &out, optsV1); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetExternalLogging returns one log service (GET /external-logging/{id}),
// its secrets masked.
func (c *Client) GetExternalLogging(ctx context.Context, id string) (*ExternalLogging, error) {
	return callObj[ExternalLogging](ctx, c, http.MethodGet, "/external-logging", id, "", nil, optsV1)
}

// ListExternalLogging returns the account's log services (all pages).
func (c *Client) ListExternalLogging(ctx context.Context) ([]ExternalLogging, error) {
	return listAll[ExternalLogging](ctx, c, "/external-logging", nil, optsV1)
}

// UpdateExternalLogging changes a log service (PATCH).
func (c *Client) UpdateExternalLogging(ctx context.Context, id string, in ExternalLoggingUpdate) (*ExternalLogging, error) {
	return callObj[ExternalLogging](ctx, c, http.MethodPatch, "/external-logging", id, "", in, optsV1)
}

// DeleteExternalLogging deletes a log service.
func (c *Client) DeleteExternalLogging(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/external-logging", id, optsV1)
}

// TestExternalLogging runs a log service's setup tests
// (POST /external-logging/{id}/test). They change nothing, so they are
// retried like a read, and may take as long as a destination's.
func (c *Client) TestExternalLogging(ctx context.Context, id string) (*ExternalLoggingTests, error) {
	return callObj[ExternalLoggingTests](ctx, c, http.MethodPost, "/external-logging", id, "/test", nil,
		RequestOptions{Repeatable: true, RunsSetupTests: true})
}

package fivetran

import (
	"context"
	"net/http"
)

// Alert is one entry of a connection's status.tasks or status.warnings.
type Alert struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details string `json:"details"`
}

// SyncConnection triggers a sync (POST /connections/{id}/sync). With force
// false Fivetran starts one only if the connection is not syncing already;
// with force true it stops a running sync and starts again. Fivetran answers
// without data; the sync's progress shows in the connection's status.
func (c *Client) SyncConnection(ctx context.Context, id string, force bool) error {
	body := struct {
		Force bool `json:"force"`
	}{force}
	return c.callNoData(ctx, "/connections", id, "/sync", body)
}

// ResyncConnection triggers a historical re-sync (POST
// /connections/{id}/resync): of the whole connection when scope is nil,
// otherwise of the given tables (schema name -> table names; every list
// non-empty). Fivetran answers 409 while a sync it cannot finish first is
// running.
func (c *Client) ResyncConnection(ctx context.Context, id string, scope map[string][]string) error {
	body := struct {
		Scope map[string][]string `json:"scope,omitempty"`
	}{scope}
	return c.callNoData(ctx, "/connections", id, "/resync", body)
}

// callNoData performs POST prefix/{id}suffix for an answer that carries only
// code and message. Syncs and re-syncs are repeatable: a second request joins
// (or, with force, restarts) the sync the first one started, and a re-sync
// that meets the one it started gets 409 (APIError.AfterLostAnswer says so).
func (c *Client) callNoData(ctx context.Context, prefix, id, suffix string, body any) error {
	return c.noData(ctx, http.MethodPost, prefix, id, suffix, body, optsAction)
}

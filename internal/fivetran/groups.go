package fivetran

import (
	"context"
	"net/http"
	"net/url"
)

// Group is a Fivetran group (the container of one destination and its connections).
type Group struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CreatedAt string `json:"created_at"`
}

type groupName struct {
	Name string `json:"name"`
}

// ListGroups returns every group (GET /groups, all pages).
func (c *Client) ListGroups(ctx context.Context) ([]Group, error) {
	return listAll[Group](ctx, c, "/groups", nil, optsV1)
}

// GetGroup returns one group (GET /groups/{id}).
func (c *Client) GetGroup(ctx context.Context, id string) (*Group, error) {
	return callObj[Group](ctx, c, http.MethodGet, "/groups", id, "", nil, optsV1)
}

// CreateGroup creates a group (POST /groups).
func (c *Client) CreateGroup(ctx context.Context, name string) (*Group, error) {
	var g Group
	if err := c.call(ctx, http.MethodPost, "/groups", nil, groupName{Name: name}, &g, optsV1); err != nil {
		return nil, err
	}
	return &g, nil
}

// RenameGroup renames a group in place (PATCH /groups/{id}).
func (c *Client) RenameGroup(ctx context.Context, id, name string) (*Group, error) {
	return callObj[Group](ctx, c, http.MethodPatch, "/groups", id, "", groupName{Name: name}, optsV1)
}

// DeleteGroup deletes a group (DELETE /groups/{id}).
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/groups", id, optsV1)
}

// ListGroupConnections returns the connections of a group
// (GET /groups/{id}/connections, all pages), filtered by connection name
// (schema) when schema != "".
func (c *Client) ListGroupConnections(ctx context.Context, groupID, schema string) ([]Connection, error) {
	q := url.Values{}
	if schema != "" {
		q.Set("schema", schema)
	}
	p, err := objPath("/groups", groupID, "/connections")
	if err != nil {
		return nil, err
	}
	return listAll[Connection](ctx, c, p, q, optsV1)
}

type groupPublicKey struct {
	PublicKey string `json:"public_key"`
}

type groupServiceAccount struct {
	ServiceAccount string `json:"service_account"`
}

// GroupPublicKey returns the SSH public key Fivetran uses to reach the
// group's sources and destinations through an SSH tunnel
// (GET /groups/{id}/public-key): the key to put in the tunnel host's
// authorized_keys.
func (c *Client) GroupPublicKey(ctx context.Context, groupID string) (string, error) {
	k, err := callObj[groupPublicKey](ctx, c, http.MethodGet, "/groups", groupID, "/public-key", nil, optsV1)
	if err != nil {
		return "", err
	}
	return k.PublicKey, nil
}

// GroupServiceAccount returns the Google Cloud service account Fivetran
// uses for the group (GET /groups/{id}/service-account): the account to
// grant access to BigQuery, Google Cloud Storage and the like.
func (c *Client) GroupServiceAccount(ctx context.Context, groupID string) (string, error) {
	a, err := callObj[groupServiceAccount](ctx, c, http.MethodGet, "/groups", groupID, "/service-account", nil, optsV1)
	if err != nil {
		return "", err
	}
	return a.ServiceAccount, nil
}

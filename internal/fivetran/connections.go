package fivetran

import (
	"context"
	"net/http"
	"net/url"
)

// ConnectionStatus is a connection's "status" object.
type ConnectionStatus struct {
	SetupState       string  `json:"setup_state"`
	SyncState        string  `json:"sync_state"`
	UpdateState      string  `json:"update_state"`
	SchemaStatus     string  `json:"schema_status"`
	IsHistoricalSync bool    `json:"is_historical_sync"`
	RescheduledFor   string  `json:"rescheduled_for"`
	Tasks            []Alert `json:"tasks"`
	Warnings         []Alert `json:"warnings"`
}

// ConnectCard is the Connect Card returned when a connection is created with
// a ConnectCardConfig.
type ConnectCard struct {
	Token string `json:"token"`
	URI   string `json:"uri"`
}

// ConnectCardConfig requests a Connect Card on connection create.
type ConnectCardConfig struct {
	RedirectURI    string `json:"redirect_uri"`
	HideSetupGuide *bool  `json:"hide_setup_guide,omitempty"`
}

// Connection is a Fivetran connection (formerly "connector").
type Connection struct {
	ID      string `json:"id"`
	GroupID string `json:"group_id"`
	Service string `json:"service"`
	// Schema is the connection name (schema, schema.table, or schema prefix).
	Schema                  string `json:"schema"`
	ServiceVersion          int    `json:"service_version"`
	ConnectedBy             string `json:"connected_by"`
	CreatedAt               string `json:"created_at"`
	SucceededAt             string `json:"succeeded_at"`
	FailedAt                string `json:"failed_at"`
	Paused                  bool   `json:"paused"`
	PauseAfterTrial         bool   `json:"pause_after_trial"`
	SyncFrequency           int    `json:"sync_frequency"`
	ScheduleType            string `json:"schedule_type"`
	DailySyncTime           string `json:"daily_sync_time"`
	DataDelaySensitivity    string `json:"data_delay_sensitivity"`
	DataDelayThreshold      int    `json:"data_delay_threshold"`
	NetworkingMethod        string `json:"networking_method"`
	ProxyAgentID            string `json:"proxy_agent_id"`
	PrivateLinkID           string `json:"private_link_id"`
	HybridDeploymentAgentID string `json:"hybrid_deployment_agent_id"`

	Status ConnectionStatus `json:"status"`
	// Config is the service-specific config; numbers are json.Number and
	// secrets come back masked. It never contains auth.
	Config      map[string]any `json:"config"`
	SetupTests  []SetupTest    `json:"setup_tests"`
	ConnectCard *ConnectCard   `json:"connect_card"`
}

// ConnectionCreate is the POST /connections body. Nil fields are not sent.
type ConnectionCreate struct {
	GroupID                 string             `json:"group_id"`
	Service                 string             `json:"service"`
	Config                  map[string]any     `json:"config,omitempty"`
	Auth                    map[string]any     `json:"auth,omitempty"`
	Paused                  *bool              `json:"paused,omitempty"`
	PauseAfterTrial         *bool              `json:"pause_after_trial,omitempty"`
	SyncFrequency           *int               `json:"sync_frequency,omitempty"`
	ScheduleType            *string            `json:"schedule_type,omitempty"`
	DailySyncTime           *string            `json:"daily_sync_time,omitempty"`
	DataDelaySensitivity    *string            `json:"data_delay_sensitivity,omitempty"`
	DataDelayThreshold      *int               `json:"data_delay_threshold,omitempty"`
	NetworkingMethod        *string            `json:"networking_method,omitempty"`
	ProxyAgentID            *string            `json:"proxy_agent_id,omitempty"`
	PrivateLinkID           *string            `json:"private_link_id,omitempty"`
	HybridDeploymentAgentID *string            `json:"hybrid_deployment_agent_id,omitempty"`
	RunSetupTests           *bool              `json:"run_setup_tests,omitempty"`
	TrustCertificates       *bool              `json:"trust_certificates,omitempty"`
	TrustFingerprints       *bool              `json:"trust_fingerprints,omitempty"`
	ConnectCardConfig       *ConnectCardConfig `json:"connect_card_config,omitempty"`
}

// ConnectionUpdate is the PATCH /connections/{id} body. Nil pointers are not
// sent; a nil value inside Config is sent as JSON null (clears the key). The
// fields Fivetran lets a client clear are Nullable: left alone, cleared
// (null) or set.
type ConnectionUpdate struct {
	Config                  map[string]any   `json:"config,omitempty"`
	Auth                    map[string]any   `json:"auth,omitempty"`
	Paused                  *bool            `json:"paused,omitempty"`
	PauseAfterTrial         *bool            `json:"pause_after_trial,omitempty"`
	SyncFrequency           *int             `json:"sync_frequency,omitempty"`
	ScheduleType            *string          `json:"schedule_type,omitempty"`
	DailySyncTime           Nullable[string] `json:"daily_sync_time,omitzero"`
	DataDelaySensitivity    *string          `json:"data_delay_sensitivity,omitempty"`
	DataDelayThreshold      *int             `json:"data_delay_threshold,omitempty"`
	NetworkingMethod        *string          `json:"networking_method,omitempty"`
	ProxyAgentID            Nullable[string] `json:"proxy_agent_id,omitzero"`
	PrivateLinkID           Nullable[string] `json:"private_link_id,omitzero"`
	HybridDeploymentAgentID Nullable[string] `json:"hybrid_deployment_agent_id,omitzero"`
	RunSetupTests           *bool            `json:"run_setup_tests,omitempty"`
	TrustCertificates       *bool            `json:"trust_certificates,omitempty"`
	TrustFingerprints       *bool            `json:"trust_fingerprints,omitempty"`
}

// ListConnectionsOptions filters ListConnections; empty fields are not sent.
type ListConnectionsOptions struct {
	GroupID string
	Schema  string
}

// ListConnections returns connections (GET /connections, all pages),
// optionally filtered by group_id and schema (connection name).
func (c *Client) ListConnections(ctx context.Context, opts ListConnectionsOptions) ([]Connection, error) {
	q := url.Values{}
	if opts.GroupID != "" {
		q.Set("group_id", opts.GroupID)
	}
	if opts.Schema != "" {
		q.Set("schema", opts.Schema)
	}
	return listAll[Connection](ctx, c, "/connections", q, optsV2)
}

// GetConnection returns one connection (GET /connections/{id}).
func (c *Client) GetConnection(ctx context.Context, id string) (*Connection, error) {
	return callObj[Connection](ctx, c, http.MethodGet, "/connections", id, "", nil, optsV2)
}

// CreateConnection creates a connection (POST /connections).
func (c *Client) CreateConnection(ctx context.Context, in ConnectionCreate) (*Connection, error) {
	var conn Connection
	// A create is not repeatable: the caller reconciles an unknown outcome.
	opts := setupTests(optsV2, in.RunSetupTests, true)
	if err := c.call(ctx, http.MethodPost, "/connections", nil, in, &conn, opts); err != nil {
		return nil, err
	}
	return &conn, nil
}

// UpdateConnection patches a connection (PATCH /connections/{id}).
func (c *Client) UpdateConnection(ctx context.Context, id string, in ConnectionUpdate) (*Connection, error) {
	opts := setupTests(optsV2, in.RunSetupTests, false)
	return callObj[Connection](ctx, c, http.MethodPatch, "/connections", id, "", in, opts)
}

// DeleteConnection deletes a connection (DELETE /connections/{id}).
func (c *Client) DeleteConnection(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/connections", id, optsV2)
}

// TestConnection runs the setup tests (POST /connections/{id}/test). The
// body is always sent, {} when both flags are nil.
func (c *Client) TestConnection(ctx context.Context, id string, trustCertificates, trustFingerprints *bool) (*Connection, error) {
	body := testFlags{TrustCertificates: trustCertificates, TrustFingerprints: trustFingerprints}
	return callObj[Connection](ctx, c, http.MethodPost, "/connections", id, "/test", body, optsSetupTests)
}

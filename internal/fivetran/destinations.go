package fivetran

import (
	"context"
	"net/http"
)

// SetupTest is one setup-test result.
type SetupTest struct {
	Title   string `json:"title"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

// Destination is a Fivetran destination. Its ID equals its group's ID.
type Destination struct {
	ID                        string `json:"id"`
	GroupID                   string `json:"group_id"`
	Service                   string `json:"service"`
	Region                    string `json:"region"`
	TimeZoneOffset            string `json:"time_zone_offset"`
	SetupStatus               string `json:"setup_status"` // compare case-insensitively
	DaylightSavingTimeEnabled bool   `json:"daylight_saving_time_enabled"`
	NetworkingMethod          string `json:"networking_method"`
	PrivateLinkID             string `json:"private_link_id"`
	ProxyAgentID              string `json:"proxy_agent_id"`
	HybridDeploymentAgentID   string `json:"hybrid_deployment_agent_id"`
	// Config is the service-specific config; numbers are json.Number and
	// secrets come back masked.
	Config     map[string]any `json:"config"`
	SetupTests []SetupTest    `json:"setup_tests"`
}

// DestinationCreate is the POST /destinations body. Nil fields are not sent.
type DestinationCreate struct {
	GroupID                   string         `json:"group_id"`
	Service                   string         `json:"service"`
	Region                    *string        `json:"region,omitempty"`
	TimeZoneOffset            *string        `json:"time_zone_offset,omitempty"`
	DaylightSavingTimeEnabled *bool          `json:"daylight_saving_time_enabled,omitempty"`
	NetworkingMethod          *string        `json:"networking_method,omitempty"`
	PrivateLinkID             *string        `json:"private_link_id,omitempty"`
	ProxyAgentID              *string        `json:"proxy_agent_id,omitempty"`
	HybridDeploymentAgentID   *string        `json:"hybrid_deployment_agent_id,omitempty"`
	Config                    map[string]any `json:"config,omitempty"`
	RunSetupTests             *bool          `json:"run_setup_tests,omitempty"`
	TrustCertificates         *bool          `json:"trust_certificates,omitempty"`
	TrustFingerprints         *bool          `json:"trust_fingerprints,omitempty"`
}

// DestinationUpdate is the PATCH /destinations/{id} body. Nil pointers are
// not sent; a nil value inside Config is sent as JSON null (clears the key).
// The ids Fivetran lets a client clear are Nullable: left alone, cleared
// (null) or set.
type DestinationUpdate struct {
	Region                    *string          `json:"region,omitempty"`
	TimeZoneOffset            *string          `json:"time_zone_offset,omitempty"`
	DaylightSavingTimeEnabled *bool            `json:"daylight_saving_time_enabled,omitempty"`
	NetworkingMethod          *string          `json:"networking_method,omitempty"`
	PrivateLinkID             Nullable[string] `json:"private_link_id,omitzero"`
	ProxyAgentID              Nullable[string] `json:"proxy_agent_id,omitzero"`
	HybridDeploymentAgentID   Nullable[string] `json:"hybrid_deployment_agent_id,omitzero"`
	Config                    map[string]any   `json:"config,omitempty"`
	RunSetupTests             *bool            `json:"run_setup_tests,omitempty"`
	TrustCertificates         *bool            `json:"trust_certificates,omitempty"`
	TrustFingerprints         *bool            `json:"trust_fingerprints,omitempty"`
}

// testFlags is the body of the /test endpoints; it is always sent, {} at least.
type testFlags struct {
	TrustCertificates *bool `json:"trust_certificates,omitempty"`
	TrustFingerprints *bool `json:"trust_fingerprints,omitempty"`
}

// ListDestinations returns every destination of the account (GET /destinations,
// all pages). List items may leave config out: GetDestination has it.
func (c *Client) ListDestinations(ctx context.Context) ([]Destination, error) {
	return listAll[Destination](ctx, c, "/destinations", nil, optsV2)
}

// GetDestination returns one destination (GET /destinations/{id}).
func (c *Client) GetDestination(ctx context.Context, id string) (*Destination, error) {
	return callObj[Destination](ctx, c, http.MethodGet, "/destinations", id, "", nil, optsV2)
}

// CreateDestination creates a destination (POST /destinations).
func (c *Client) CreateDestination(ctx context.Context, in DestinationCreate) (*Destination, error) {
	var d Destination
	// A create is not repeatable: the caller reconciles an unknown outcome.
	opts := setupTests(optsV2, in.RunSetupTests, true)
	if err := c.call(ctx, http.MethodPost, "/destinations", nil, in, &d, opts); err != nil {
		return nil, err
	}
	return &d, nil
}

// UpdateDestination patches a destination (PATCH /destinations/{id}).
func (c *Client) UpdateDestination(ctx context.Context, id string, in DestinationUpdate) (*Destination, error) {
	opts := setupTests(optsV2, in.RunSetupTests, false)
	return callObj[Destination](ctx, c, http.MethodPatch, "/destinations", id, "", in, opts)
}

// DeleteDestination deletes a destination (DELETE /destinations/{id}). The
// API answers 409 while the group still has connections (see IsConflict).
func (c *Client) DeleteDestination(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/destinations", id, optsV2)
}

// TestDestination runs the setup tests (POST /destinations/{id}/test). The
// body is always sent, {} when both flags are nil.
func (c *Client) TestDestination(ctx context.Context, id string, trustCertificates, trustFingerprints *bool) (*Destination, error) {
	body := testFlags{TrustCertificates: trustCertificates, TrustFingerprints: trustFingerprints}
	return callObj[Destination](ctx, c, http.MethodPost, "/destinations", id, "/test", body, optsSetupTests)
}

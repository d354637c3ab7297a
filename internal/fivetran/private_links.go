package fivetran

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// PrivateLink is a Fivetran private link: a private endpoint in Fivetran's
// cloud network that reaches one service of the customer's (a database, a
// warehouse) without the public internet. Connections and destinations name
// one in private_link_id. Fivetran provisions it after the create: State is
// CREATING (or UPDATING after a change, DESTROYING after a delete) until it
// is OK or FAIL.
type PrivateLink struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Region        string `json:"region"`
	Service       string `json:"service"`
	CloudProvider string `json:"cloud_provider"`
	State         string `json:"state"`
	StateSummary  string `json:"state_summary"`
	Host          string `json:"host"` // "" until provisioned
	AccountID     string `json:"account_id"`
	CreatedAt     string `json:"created_at"`
	CreatedBy     string `json:"created_by"`
	// Config is the link's configuration (the keys its service takes, all
	// strings). A list item has none: nil.
	Config PrivateLinkConfig `json:"config"`
}

// The states of a private link.
const (
	PrivateLinkCreating   = "CREATING"
	PrivateLinkUpdating   = "UPDATING"
	PrivateLinkDestroying = "DESTROYING"
	PrivateLinkOK         = "OK"
	PrivateLinkFailed     = "FAIL"
)

// PrivateLinkBusy reports a state in which Fivetran is still at work on the
// link: it refuses any change or delete then (IsIllegalState).
func PrivateLinkBusy(state string) bool {
	switch state {
	case PrivateLinkCreating, PrivateLinkUpdating, PrivateLinkDestroying:
		return true
	}
	return false
}

// PrivateLinkConfig is a private link's configuration: string values only.
// A null value decodes as absent; a number or a boolean as its JSON text,
// so that an answer in an unexpected form still shows what it holds.
type PrivateLinkConfig map[string]string

// UnmarshalJSON decodes an object whose values are strings, null or other
// scalars (see PrivateLinkConfig).
func (c *PrivateLinkConfig) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw == nil {
		*c = nil
		return nil
	}
	out := make(PrivateLinkConfig, len(raw))
	for k, v := range raw {
		var s string
		switch t := strings.TrimSpace(string(v)); {
		case t == "null":
			continue
		case json.Unmarshal(v, &s) == nil:
			out[k] = s
		default:
			out[k] = t
		}
	}
	*c = out
	return nil
}

// PrivateLinkCreate is the body of a private link's create.
type PrivateLinkCreate struct {
	Name    string            `json:"name"`
	Region  string            `json:"region"`
	Service string            `json:"service"`
	Config  map[string]string `json:"config"`
}

type privateLinkUpdate struct {
	Config map[string]string `json:"config"`
}

// CreatePrivateLink creates a private link (POST /private-links); Fivetran
// then provisions it (State CREATING). Like every create it is not
// repeatable: after a 5xx or a lost answer it returns an
// *OutcomeUnknownError, and the caller looks for the link (its name is
// unique) before creating it again.
//
// Fivetran limits private link creates to a few an hour, apart from the
// per-minute limit on other creates, so the request is kept out of the
// creates' pacing lane (a 429 of its own limit must not slow the creates of
// connections to one an hour), and a 429 is not waited out here: it is
// returned at once, with its Retry-After (RetryAfter), for the caller to
// wait for if its deadline allows or to report.
func (c *Client) CreatePrivateLink(ctx context.Context, in PrivateLinkCreate) (*PrivateLink, error) {
	var out PrivateLink
	if err := c.call(ctx, http.MethodPost, "/private-links", nil, in, &out, optsOwnLimit); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, fmt.Errorf("%s /private-links: response has no id", http.MethodPost)
	}
	return &out, nil
}

// GetPrivateLink returns one private link (GET /private-links/{id}). An
// unknown id answers the plain NotFound that an unknown route gives too: see
// KindPrivateLink.
func (c *Client) GetPrivateLink(ctx context.Context, id string) (*PrivateLink, error) {
	return callObj[PrivateLink](ctx, c, http.MethodGet, "/private-links", id, "", nil, optsV1)
}

// ListPrivateLinks returns every private link of the account
// (GET /private-links, all pages). The API's definition gives its items
// the config too; Config is nil where an item has none.
func (c *Client) ListPrivateLinks(ctx context.Context) ([]PrivateLink, error) {
	return listAll[PrivateLink](ctx, c, "/private-links", nil, optsV1)
}

// UpdatePrivateLink replaces a private link's config
// (PATCH /private-links/{id}); only the config can change. Fivetran then
// provisions the change (State UPDATING). While the link is busy
// (PrivateLinkBusy) it answers 409 IllegalState (IsIllegalState).
func (c *Client) UpdatePrivateLink(ctx context.Context, id string, config map[string]string) (*PrivateLink, error) {
	return callObj[PrivateLink](ctx, c, http.MethodPatch, "/private-links", id, "", privateLinkUpdate{Config: config}, optsV1)
}

// DeletePrivateLink deletes a private link (DELETE /private-links/{id}).
// Fivetran then takes it down (State DESTROYING) until a GET answers
// NotFound. It answers 409: IllegalState while the link is busy, Conflict
// while connections or destinations use it.
func (c *Client) DeletePrivateLink(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/private-links", id, optsV1)
}

// IsIllegalState reports Fivetran's refusal of a change to an object that
// is busy (a private link still CREATING, UPDATING or DESTROYING): code
// IllegalState, whatever the status.
func IsIllegalState(err error) bool {
	var e *APIError
	return errors.As(err, &e) && strings.EqualFold(e.Code, "IllegalState")
}

// IsTooManyRequests reports a 429, and its Retry-After (0: none given).
func IsTooManyRequests(err error) (time.Duration, bool) {
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != http.StatusTooManyRequests {
		return 0, false
	}
	return e.RetryAfter, true
}

// PrivateLinkService describes one service a private link can reach, as
// Fivetran's API defines it: the cloud it lives in and the keys of its
// config.
type PrivateLinkService struct {
	Name     string
	Cloud    string   // AWS, AZURE or GCP: a region of that cloud only
	Required []string // config keys the create must give
	Optional []string // further config keys it may give
}

// Keys returns the service's config keys, required first.
func (s PrivateLinkService) Keys() []string {
	return append(slices.Clone(s.Required), s.Optional...)
}

// PrivateLinkServices are the services of private links and their config
// keys, from the API's definition of each service's create. Sorted by name.
var PrivateLinkServices = sortedServices([]PrivateLinkService{
	{Name: "DATABRICKS_AWS", Cloud: "AWS", Required: []string{"connection_service_name"}},
	{Name: "SNOWFLAKE_AWS", Cloud: "AWS", Required: []string{"account_url", "vpce_id"}},
	{Name: "REDSHIFT_AWS", Cloud: "AWS", Required: []string{"aws_account_id", "cluster_identifier"}},
	{Name: "SOURCE_AWS", Cloud: "AWS", Required: []string{"connection_service_name"}},
	{Name: "DATABRICKS_AZURE", Cloud: "AZURE", Required: []string{"connection_service_id", "workspace_url"}},
	{Name: "SNOWFLAKE_AZURE", Cloud: "AZURE", Required: []string{"account_url", "pls_id"}},
	{Name: "ONELAKE_AZURE", Cloud: "AZURE", Required: []string{"connection_service_id"}},
	{Name: "POSTGRES_WAREHOUSE_AZURE", Cloud: "AZURE", Required: []string{"connection_service_id"}},
	{Name: "SQL_DATA_WAREHOUSE_AZURE", Cloud: "AZURE", Required: []string{"connection_service_id"}},
	{Name: "SOURCE_AZURE", Cloud: "AZURE", Required: []string{"connection_service_id", "sub_resource_name"}, Optional: []string{"private_dns_records"}},
	{Name: "SNOWFLAKE_GCP", Cloud: "GCP", Required: []string{"account_url", "pls_id"}},
	{Name: "SOURCE_GCP", Cloud: "GCP", Required: []string{"private_connection_service_id"}},
	{Name: "DATABRICKS_GCP", Cloud: "GCP", Required: []string{"connection_service_id", "workspace_url"}},
})

func sortedServices(s []PrivateLinkService) []PrivateLinkService {
	slices.SortFunc(s, func(a, b PrivateLinkService) int { return cmp.Compare(a.Name, b.Name) })
	return s
}

// LookupPrivateLinkService returns the service named name.
func LookupPrivateLinkService(name string) (PrivateLinkService, bool) {
	i, found := slices.BinarySearchFunc(PrivateLinkServices, name, func(s PrivateLinkService, n string) int { return cmp.Compare(s.Name, n) })
	if !found {
		return PrivateLinkService{}, false
	}
	return PrivateLinkServices[i], true
}

// PrivateLinkRegions are the regions a private link can be created in, as
// the API's create defines them; a region's cloud is its prefix.
var PrivateLinkRegions = []string{
	"GCP_US_EAST4", "GCP_US_WEST1", "GCP_US_CENTRAL1", "GCP_EUROPE_WEST3", "GCP_AUSTRALIA_SOUTHEAST1",
	"GCP_NORTHAMERICA_NORTHEAST1", "GCP_EUROPE_WEST2", "GCP_ASIA_SOUTHEAST1", "GCP_ASIA_SOUTHEAST2",
	"GCP_ASIA_SOUTH1", "GCP_ASIA_NORTHEAST1",
	"AWS_US_EAST_1", "AWS_US_EAST_2", "AWS_US_WEST_2", "AWS_AP_NORTHEAST_1", "AWS_AP_SOUTHEAST_1",
	"AWS_AP_SOUTHEAST_2", "AWS_EU_CENTRAL_1", "AWS_EU_WEST_1", "AWS_EU_WEST_2", "AWS_AP_SOUTH_1",
	"AWS_CA_CENTRAL_1", "AWS_US_GOV_WEST_1",
	"AZURE_EASTUS2", "AZURE_AUSTRALIAEAST", "AZURE_UKSOUTH", "AZURE_WESTEUROPE", "AZURE_CENTRALUS",
	"AZURE_CANADACENTRAL", "AZURE_UAENORTH", "AZURE_SOUTHEASTASIA", "AZURE_EASTUS", "AZURE_JAPANEAST",
	"AZURE_CENTRALINDIA",
}

// RegionCloud returns the cloud of a region name (AWS, AZURE or GCP: its
// prefix), or "".
func RegionCloud(region string) string {
	for _, c := range []string{"AWS", "AZURE", "GCP"} {
		if strings.HasPrefix(region, c+"_") {
			return c
		}
	}
	return ""
}

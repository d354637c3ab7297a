package fivetran

import (
	"context"
	"net/http"
)

// SupportedFeature is one entry of a connector type's supported_features.
type SupportedFeature struct {
	ID    string `json:"id"`
	Notes string `json:"notes"`
}

// ConnectorType describes a connection service (connector metadata).
type ConnectorType struct {
	ID                     string             `json:"id"`
	Name                   string             `json:"name"`
	Type                   string             `json:"type"`
	Description            string             `json:"description"`
	IconURL                string             `json:"icon_url"`
	LinkToDocs             string             `json:"link_to_docs"`
	LinkToErd              string             `json:"link_to_erd"`
	ConnectorClass         string             `json:"connector_class"`
	ServiceStatus          string             `json:"service_status"`
	ServiceStatusUpdatedAt string             `json:"service_status_updated_at"`
	Icons                  []string           `json:"icons"`
	SupportedFeatures      []SupportedFeature `json:"supported_features"`
	// Config and Auth are the config/auth schemas; only GetConnectorType
	// fills them, and they are nil when absent.
	Config *SchemaNode `json:"config"`
	Auth   *SchemaNode `json:"auth"`
}

// SchemaNode is a node of the JSON-schema-like config/auth tree of a connector type.
type SchemaNode struct {
	Type        string                 `json:"type"`
	Title       string                 `json:"title"`
	Description string                 `json:"description"`
	Format      string                 `json:"format"` // "password" marks a secret
	FieldStatus string                 `json:"fieldStatus"`
	Readonly    bool                   `json:"readonly"`
	Immutable   bool                   `json:"immutable"`
	Nullable    bool                   `json:"nullable"`
	Enum        []any                  `json:"enum"`
	Items       *SchemaNode            `json:"items"`
	Properties  map[string]*SchemaNode `json:"properties"`
	Required    []string               `json:"required"`
}

// ListConnectorTypes returns every connector type
// (GET /metadata/connector-types, all pages), without config/auth schemas.
func (c *Client) ListConnectorTypes(ctx context.Context) ([]ConnectorType, error) {
	return listAll[ConnectorType](ctx, c, "/metadata/connector-types", nil, optsV1)
}

// GetConnectorType returns one connector type with its config and auth
// schemas (GET /metadata/connector-types/{service}).
func (c *Client) GetConnectorType(ctx context.Context, service string) (*ConnectorType, error) {
	return callObj[ConnectorType](ctx, c, http.MethodGet, "/metadata/connector-types", service, "", nil, optsV1)
}

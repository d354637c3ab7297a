package fivetran

// Minimal versions of two calls that branch i13-schema owns in schemas.go
// (same names and signatures), written here so that the actions can use
// them before that branch lands. When both are merged, keep schemas.go's
// and delete this file.

import (
	"context"
	"net/http"
)

// SchemaConfig is a connection's schema config (the answer of the
// /schemas routes), reduced to what the actions read.
type SchemaConfig struct {
	SchemaChangeHandling string                  `json:"schema_change_handling"`
	Schemas              map[string]*SchemaEntry `json:"schemas"`
}

// SchemaEntry is one source schema in a SchemaConfig.
type SchemaEntry struct {
	NameInDestination string                 `json:"name_in_destination"`
	Enabled           bool                   `json:"enabled"`
	Tables            map[string]*TableEntry `json:"tables"`
}

// TableEntry is one table in a SchemaEntry.
type TableEntry struct {
	NameInDestination string `json:"name_in_destination"`
	Enabled           bool   `json:"enabled"`
}

// ReloadConnectionSchema asks Fivetran to re-read the source's structure
// (POST /connections/{id}/schemas/reload) and returns the reloaded config.
// excludeMode is "PRESERVE" (the default when "") or "EXCLUDE".
func (c *Client) ReloadConnectionSchema(ctx context.Context, connectionID string, excludeMode string) (*SchemaConfig, error) {
	body := map[string]any{}
	if excludeMode != "" {
		body["exclude_mode"] = excludeMode
	}
	return callObj[SchemaConfig](ctx, c, http.MethodPost, "/connections", connectionID, "/schemas/reload", body, false)
}

// ResyncTables re-syncs the named tables from scratch
// (POST /connections/{id}/schemas/tables/resync); tables is schema -> table
// names.
func (c *Client) ResyncTables(ctx context.Context, connectionID string, tables map[string][]string) error {
	p, err := objPath("/connections", connectionID, "/schemas/tables/resync")
	if err != nil {
		return err
	}
	if tables == nil {
		tables = map[string][]string{}
	}
	_, err = c.do(ctx, http.MethodPost, p, nil, tables, false)
	return err
}

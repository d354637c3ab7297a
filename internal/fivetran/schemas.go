package fivetran

import (
	"context"
	"net/http"
)

// The schema-change policies of a connection's schema config.
const (
	PolicyAllowAll     = "ALLOW_ALL"     // new schemas, tables and columns sync
	PolicyAllowColumns = "ALLOW_COLUMNS" // new columns sync; new schemas and tables do not
	PolicyBlockAll     = "BLOCK_ALL"     // nothing new syncs
)

// SchemaConfig is a connection's schema config (GET /connections/{id}/schemas):
// the schema-change policy and, per schema, table and column, what syncs.
// Fields Fivetran adds later are ignored when decoding.
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

// PatchSettings says whether a table's or column's "enabled" may be changed.
// Allowed is nil when Fivetran did not say (treated as allowed).
type PatchSettings struct {
	Allowed    *bool  `json:"allowed"`
	ReasonCode string `json:"reason_code"`
	Reason     string `json:"reason"`
}

// IsAllowed reports whether the setting allows changing "enabled".
func (p PatchSettings) IsAllowed() bool { return p.Allowed == nil || *p.Allowed }

// TableEntry is one table in a SchemaEntry.
type TableEntry struct {
	NameInDestination     string                  `json:"name_in_destination"`
	Enabled               bool                    `json:"enabled"`
	SyncMode              string                  `json:"sync_mode"` // "" when the connection cannot switch modes
	SupportsColumnsConfig *bool                   `json:"supports_columns_config"`
	SupportsHistoryMode   *bool                   `json:"supports_history_mode"`
	EnabledPatchSettings  PatchSettings           `json:"enabled_patch_settings"`
	Columns               map[string]*ColumnEntry `json:"columns"`
}

// ColumnEntry is one column in a TableEntry.
type ColumnEntry struct {
	NameInDestination    string        `json:"name_in_destination"`
	Enabled              bool          `json:"enabled"`
	Hashed               bool          `json:"hashed"`
	IsPrimaryKey         *bool         `json:"is_primary_key"`
	EnabledPatchSettings PatchSettings `json:"enabled_patch_settings"`
}

// SchemaConfigUpdate is the PATCH (and POST) /connections/{id}/schemas body.
// Only what is set is sent. Every schema, table and column entry sent
// carries "enabled": the spec requires it, the live API keeps the current
// value without it, and a body that has it suits both.
type SchemaConfigUpdate struct {
	SchemaChangeHandling string                   `json:"schema_change_handling,omitempty"`
	Schemas              map[string]*SchemaUpdate `json:"schemas,omitempty"`
}

// SchemaUpdate is one schema in a SchemaConfigUpdate.
type SchemaUpdate struct {
	Enabled bool                    `json:"enabled"`
	Tables  map[string]*TableUpdate `json:"tables,omitempty"`
}

// TableUpdate is one table in a SchemaUpdate.
type TableUpdate struct {
	Enabled  bool                     `json:"enabled"`
	SyncMode string                   `json:"sync_mode,omitempty"`
	Columns  map[string]*ColumnUpdate `json:"columns,omitempty"`
}

// ColumnUpdate is one column in a TableUpdate.
type ColumnUpdate struct {
	Enabled bool  `json:"enabled"`
	Hashed  *bool `json:"hashed,omitempty"`
}

func schemasPath(connectionID, suffix string) (string, error) {
	return objPath("/connections", connectionID, "/schemas"+suffix)
}

func (c *Client) schemaCall(ctx context.Context, method, connectionID, suffix string, body any, opts RequestOptions) (*SchemaConfig, error) {
	p, err := schemasPath(connectionID, suffix)
	if err != nil {
		return nil, err
	}
	b, err := c.do(ctx, method, p, nil, body, opts)
	if err != nil {
		return nil, err
	}
	return decodeTyped[SchemaConfig](method, p, b)
}

// GetConnectionSchema returns a connection's schema config
// (GET /connections/{id}/schemas). Before Fivetran has discovered the source
// the config may be empty or partial.
func (c *Client) GetConnectionSchema(ctx context.Context, connectionID string) (*SchemaConfig, error) {
	return c.schemaCall(ctx, http.MethodGet, connectionID, "", nil, optsV1)
}

// UpdateConnectionSchema patches a connection's schema config in one request
// (PATCH /connections/{id}/schemas) and returns the resulting config.
func (c *Client) UpdateConnectionSchema(ctx context.Context, connectionID string, in SchemaConfigUpdate) (*SchemaConfig, error) {
	return c.schemaCall(ctx, http.MethodPatch, connectionID, "", in, optsV1)
}

// ReloadConnectionSchema asks Fivetran to re-read the source's structure
// (POST /connections/{id}/schemas/reload) and returns the reloaded config.
// excludeMode is "PRESERVE" (the default when "") or "EXCLUDE". A second
// reload only reads the source again: the request is repeatable.
func (c *Client) ReloadConnectionSchema(ctx context.Context, connectionID string, excludeMode string) (*SchemaConfig, error) {
	body := map[string]any{}
	if excludeMode != "" {
		body["exclude_mode"] = excludeMode
	}
	return c.schemaCall(ctx, http.MethodPost, connectionID, "/reload", body, optsRepeatable)
}

// ListTableColumns returns every column of one table, including those the
// schema config leaves out (GET .../schemas/{schema}/tables/{table}/columns).
func (c *Client) ListTableColumns(ctx context.Context, connectionID, schema, table string) (map[string]*ColumnEntry, error) {
	p, err := schemasPath(connectionID, "/"+seg(schema)+"/tables/"+seg(table)+"/columns")
	if err != nil {
		return nil, err
	}
	var out struct {
		Columns map[string]*ColumnEntry `json:"columns"`
	}
	if err := c.call(ctx, http.MethodGet, p, nil, nil, &out, optsV1); err != nil {
		return nil, err
	}
	return out.Columns, nil
}

// ResyncTables re-syncs the named tables from scratch
// (POST /connections/{id}/schemas/tables/resync); tables is schema → table
// names. Repeatable, as ResyncConnection.
func (c *Client) ResyncTables(ctx context.Context, connectionID string, tables map[string][]string) error {
	p, err := schemasPath(connectionID, "/tables/resync")
	if err != nil {
		return err
	}
	if tables == nil {
		tables = map[string][]string{}
	}
	_, err = c.do(ctx, http.MethodPost, p, nil, tables, optsRepeatable)
	return err
}

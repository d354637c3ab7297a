// Package catalog is the emulator's knowledge of Fivetran's connector and
// destination types: their config and auth fields (types, enums, secrets,
// defaults), destination-schema formats and metadata. The built-in catalog is
// data (builtin.json), read by Load like any other catalog file; LoadOpenAPI
// builds the full catalog from Fivetran's published spec and
// AddSensitiveFields adds what Fivetran's field catalog marks sensitive.
//
// It imports nothing of the provider's client: the emulator and the client
// are written independently from the API's documented behaviour.
package catalog

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// Field describes one config (or auth) field of a connector or destination type.
// The emulator uses it to mask secrets, to validate types and enums, and to
// build the metadata served at /v1/metadata/connector-types/{service}.
type Field struct {
	Name        string   `json:"name,omitempty"`
	Type        string   `json:"type"`             // string | integer | number | boolean | array | object
	Secret      bool     `json:"secret,omitempty"` // returned as "******" on every read; "format":"password" in metadata
	Enum        []string `json:"enum,omitempty"`
	Items       *Field   `json:"items,omitempty"`  // element of an array
	Fields      []Field  `json:"fields,omitempty"` // properties of an object (or of an array's object items, via Items)
	Readonly    bool     `json:"readonly,omitempty"`
	Immutable   bool     `json:"immutable,omitempty"` // can be set at creation only
	Nullable    bool     `json:"nullable,omitempty"`
	Description string   `json:"description,omitempty"`
	// Default is the value Fivetran fills into a connection's config on
	// create when the client does not send the key (nil: none). The live API
	// does this for some types, e.g. itunes_connect timeframe_months "TWELVE".
	Default any `json:"default,omitempty"`
	// Note says why the data is as it is where that is not plain (a value
	// taken from recorded live answers, an assumption); nothing reads it.
	Note string `json:"note,omitempty"`
}

// SchemaFormat says which destination-schema keys a connector type's config needs.
type SchemaFormat string

const (
	FormatSchema           SchemaFormat = "schema"                  // config.schema
	FormatSchemaTable      SchemaFormat = "schema_table"            // config.schema + config.table
	FormatSchemaPrefix     SchemaFormat = "schema_prefix"           // config.schema_prefix
	FormatSchemaTableGroup SchemaFormat = "schema_table_group_name" // config.schema + config.table_group_name
)

// schemaFormats is the one place that says which config keys carry each
// destination-schema format, in order; the connection's name (the API's
// `schema`) is their values joined by ".". The last key tells the format
// apart, and the formats are listed in the order to test them (API.md, "Connections").
var schemaFormats = []struct {
	format SchemaFormat
	keys   []string
}{
	{FormatSchemaPrefix, []string{"schema_prefix"}},
	{FormatSchemaTableGroup, []string{"schema", "table_group_name"}},
	{FormatSchemaTable, []string{"schema", "table"}},
	{FormatSchema, []string{"schema"}},
}

// SchemaKeys returns the config keys a format requires, in order.
func (f SchemaFormat) SchemaKeys() []string {
	for _, sf := range schemaFormats {
		if sf.format == f {
			return sf.keys
		}
	}
	return []string{"schema"}
}

// FormatOf tells the format from the destination-schema keys a type
// declares (has reports whether a key is declared).
func FormatOf(has func(key string) bool) SchemaFormat {
	for _, sf := range schemaFormats {
		if has(sf.keys[len(sf.keys)-1]) {
			return sf.format
		}
	}
	return FormatSchema
}

// IsSchemaKey reports whether a config key carries the destination schema.
func IsSchemaKey(key string) bool {
	for _, sf := range schemaFormats {
		if slices.Contains(sf.keys, key) {
			return true
		}
	}
	return false
}

// Name computes the connection name from the config's schema keys.
func (f SchemaFormat) Name(cfg map[string]any) string {
	keys := f.SchemaKeys()
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i], _ = cfg[k].(string)
	}
	return strings.Join(parts, ".")
}

// ConnectorType is one entry of the emulator's connector catalog.
type ConnectorType struct {
	ID                     string       `json:"id"`
	Name                   string       `json:"name,omitempty"`
	Type                   string       `json:"type,omitempty"`
	Description            string       `json:"description,omitempty"`
	ServiceStatus          string       `json:"service_status,omitempty"`            // general_availability | beta | ...
	ServiceStatusUpdatedAt string       `json:"service_status_updated_at,omitempty"` // yyyy-MM-dd; default 2024-01-15
	ConnectorClass         string       `json:"connector_class,omitempty"`           // standard | lite
	LinkToDocs             string       `json:"link_to_docs,omitempty"`
	LinkToErd              string       `json:"link_to_erd,omitempty"`
	IconURL                string       `json:"icon_url,omitempty"`
	SupportedFeatures      []string     `json:"supported_features,omitempty"` // e.g. API_CONFIGURABLE, AUTHORIZATION_VIA_API
	ServiceVersion         int          `json:"service_version"`              // every connection of the type reports it
	SchemaFormat           SchemaFormat `json:"schema_format"`
	Config                 []Field      `json:"config,omitempty"` // without the destination-schema keys
	Auth                   []Field      `json:"auth,omitempty"`   // nil (absent) when the type takes no auth section
	Note                   string       `json:"note,omitempty"`   // as Field.Note
}

// DestinationType is one entry of the emulator's destination catalog.
type DestinationType struct {
	ID     string  `json:"id"`
	Name   string  `json:"name,omitempty"`
	Config []Field `json:"config,omitempty"`
	Note   string  `json:"note,omitempty"` // as Field.Note
}

// Catalog is the set of connector and destination types the emulator knows.
type Catalog struct {
	Connectors   []ConnectorType   `json:"connectors"` // sorted by ID
	Destinations []DestinationType `json:"destinations"`

	connByID map[string]*ConnectorType
	destByID map[string]*DestinationType
}

// indexMu serialises the one-time indexing of catalogs that several
// emulators share; once indexed, lookups only read.
var indexMu sync.Mutex

// Index sorts a catalog filled by hand and builds its lookup maps, once: a
// catalog is not changed after its first use, since several emulators may
// share it. Lookups index it too.
func (c *Catalog) Index() {
	indexMu.Lock()
	defer indexMu.Unlock()
	if c.connByID == nil || c.destByID == nil {
		c.index()
	}
}

func (c *Catalog) index() {
	sort.Slice(c.Connectors, func(i, j int) bool { return c.Connectors[i].ID < c.Connectors[j].ID })
	sort.Slice(c.Destinations, func(i, j int) bool { return c.Destinations[i].ID < c.Destinations[j].ID })
	c.connByID = make(map[string]*ConnectorType, len(c.Connectors))
	for i := range c.Connectors {
		c.connByID[c.Connectors[i].ID] = &c.Connectors[i]
	}
	c.destByID = make(map[string]*DestinationType, len(c.Destinations))
	for i := range c.Destinations {
		c.destByID[c.Destinations[i].ID] = &c.Destinations[i]
	}
}

// Connector returns the connector type with the given service id.
func (c *Catalog) Connector(id string) (*ConnectorType, bool) {
	c.Index()
	t, ok := c.connByID[id]
	return t, ok
}

// Destination returns the destination type with the given service id.
func (c *Catalog) Destination(id string) (*DestinationType, bool) {
	c.Index()
	t, ok := c.destByID[id]
	return t, ok
}

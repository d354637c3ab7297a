package emulator

import (
	"slices"
	"sort"
	"strings"
)

// Field describes one config (or auth) field of a connector or destination type.
// The emulator uses it to mask secrets, to validate types and enums, and to
// build the metadata served at /v1/metadata/connector-types/{service}.
type Field struct {
	Name        string
	Type        string // string | integer | number | boolean | array | object
	Secret      bool   // returned as "******" on every read; "format":"password" in metadata
	Enum        []string
	Items       *Field  // element of an array
	Fields      []Field // properties of an object (or of an array's object items, via Items)
	Readonly    bool
	Immutable   bool // can be set at creation only
	Nullable    bool
	Description string
	// Default is the value Fivetran fills into a connection's config on
	// create when the client does not send the key (nil: none). The live API
	// does this for some types, e.g. google_ads timeframe_months "TWELVE".
	Default any
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

// schemaFormatOf tells the format from the destination-schema keys a type
// declares (has reports whether a key is declared).
func schemaFormatOf(has func(key string) bool) SchemaFormat {
	for _, sf := range schemaFormats {
		if has(sf.keys[len(sf.keys)-1]) {
			return sf.format
		}
	}
	return FormatSchema
}

// isSchemaKey reports whether a config key carries the destination schema.
func isSchemaKey(key string) bool {
	for _, sf := range schemaFormats {
		if slices.Contains(sf.keys, key) {
			return true
		}
	}
	return false
}

// schemaName computes the connection name from the config's schema keys.
func schemaName(format SchemaFormat, cfg map[string]any) string {
	keys := format.SchemaKeys()
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = str(cfg[k])
	}
	return strings.Join(parts, ".")
}

// ConnectorType is one entry of the emulator's connector catalog.
type ConnectorType struct {
	ID, Name, Type, Description string
	ServiceStatus               string // general_availability | beta | ...
	ServiceStatusUpdatedAt      string // yyyy-MM-dd; default 2024-01-15
	ConnectorClass              string // standard | lite
	LinkToDocs, LinkToErd       string
	IconURL                     string
	SupportedFeatures           []string // e.g. API_CONFIGURABLE, AUTHORIZATION_VIA_API
	ServiceVersion              int      // the connections' service_version (0 for most types)
	SchemaFormat                SchemaFormat
	Config                      []Field // without the destination-schema keys
	Auth                        []Field // nil when the type takes no auth section
}

// DestinationType is one entry of the emulator's destination catalog.
type DestinationType struct {
	ID, Name string
	Config   []Field
}

// Catalog is the set of connector and destination types the emulator knows.
type Catalog struct {
	Connectors   []ConnectorType // sorted by ID
	Destinations []DestinationType

	connByID map[string]*ConnectorType
	destByID map[string]*DestinationType
}

// index sorts the catalog and builds its lookup maps; call after filling it.
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
	if c.connByID == nil {
		c.index()
	}
	t, ok := c.connByID[id]
	return t, ok
}

// Destination returns the destination type with the given service id.
func (c *Catalog) Destination(id string) (*DestinationType, bool) {
	if c.destByID == nil {
		c.index()
	}
	t, ok := c.destByID[id]
	return t, ok
}

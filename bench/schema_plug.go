package main

import "github.com/openpipes/terraform-provider-fivetran/internal/emulator"

// schemaPlug is what the schema-config benchmark (schemabench.go) needs from
// the schema-config resource and the emulator's synthetic source; set in
// schema_plug_connection_schema.go. It is the only part of the harness that
// names them.
var schemaPlug *schemaSupport

// schemaSupport plugs the schema-config resource into the benchmark.
type schemaSupport struct {
	// ResourceType is the schema-config resource's type name.
	ResourceType string
	// Emulator sets, in the emulator's options, a discoverable source of
	// tablesPerConn tables of columnsPerTable columns for every connection
	// (discovered at once, so that the apply does not wait).
	Emulator func(o *emulator.Options, tablesPerConn, columnsPerTable int)
	// Block is the HCL of connection i's schema-config resource, for the
	// connection whose id is connRef (an HCL expression), managing the
	// tables and columns c lists.
	Block func(i int, connRef string, c schemaChoices) string
}

// schemaChoices are the tables and columns one configuration manages: each
// managed table (by schema and table name, as the synthetic source names
// them: table index t of schema s) with its managed columns.
type schemaChoices struct {
	Tables []managedTable
}

type managedTable struct {
	Schema, Table int  // indexes in the synthetic source
	Enabled       bool // the table's choice
	Columns       []managedColumn
}

type managedColumn struct {
	Column  int  // index in its table
	Enabled bool // false: blocked
	Hashed  bool
}

package main

import (
	"fmt"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// schemaPlug plugs fivetran_connection_schema and the emulator's synthetic
// source (emulator.Options.SyntheticSource: one schema of T tables of 20
// columns per connection, discovered at once) into the schema-config
// benchmark (schemabench.go). The synthetic source names schema s
// "schema_%03d", table t "table_%04d" and column c "col_%03d" (1-based;
// column 1 is "id", the primary key).
func init() {
	schemaPlug = &schemaSupport{
		ResourceType: "fivetran_connection_schema",
		Emulator: func(o *emulator.Options, tables, columns int) {
			o.SyntheticSource = [3]int{1, tables, columns}
			o.SchemaDiscoveryDelay = 0
		},
		Block: func(i int, connRef string, c schemaChoices) string {
			var tables, columns strings.Builder
			for _, t := range c.Tables {
				key := fmt.Sprintf("schema_%03d.table_%04d", t.Schema+1, t.Table+1)
				word := "excluded"
				if t.Enabled {
					word = "included"
				}
				fmt.Fprintf(&tables, "    %q = %q\n", key, word)
				for _, col := range t.Columns {
					choice := "excluded"
					switch {
					case col.Hashed:
						choice = "hashed"
					case col.Enabled:
						choice = "included"
					}
					fmt.Fprintf(&columns, "    %q = %q\n", fmt.Sprintf("%s.col_%03d", key, col.Column+1), choice)
				}
			}
			return fmt.Sprintf("resource \"fivetran_connection_schema\" \"s%04d\" {\n  connection_id = %s\n  tables = {\n%s  }\n  columns = {\n%s  }\n}\n",
				i, connRef, tables.String(), columns.String())
		},
	}
}

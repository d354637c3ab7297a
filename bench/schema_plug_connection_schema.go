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
			bySchema := map[int][]managedTable{}
			var order []int
			for _, t := range c.Tables {
				if _, ok := bySchema[t.Schema]; !ok {
					order = append(order, t.Schema)
				}
				bySchema[t.Schema] = append(bySchema[t.Schema], t)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "resource \"fivetran_connection_schema\" \"s%04d\" {\n  connection_id = %s\n  schemas = {\n", i, connRef)
			for _, s := range order {
				fmt.Fprintf(&b, "    schema_%03d = {\n      tables = {\n", s+1)
				for _, t := range bySchema[s] {
					fmt.Fprintf(&b, "        table_%04d = {\n          enabled = %t\n          columns = {\n", t.Table+1, t.Enabled)
					for _, col := range t.Columns {
						choice := "excluded"
						switch {
						case col.Hashed:
							choice = "hashed"
						case col.Enabled:
							choice = "included"
						}
						fmt.Fprintf(&b, "            col_%03d = %q\n", col.Column+1, choice)
					}
					b.WriteString("          }\n        }\n")
				}
				b.WriteString("      }\n    }\n")
			}
			b.WriteString("  }\n}\n")
			return b.String()
		},
	}
}

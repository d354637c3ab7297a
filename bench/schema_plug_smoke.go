//go:build benchsmoke

package main

import (
	"fmt"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// A stand-in plug that exercises the schema-config harness's plumbing
// (configurations, steps, exactly one change, report) without the
// schema-config resource: one fivetran_group per connection whose name
// encodes the choices. Its figures mean nothing (and its API budget fails:
// it makes no schema GET).
//
//	go run -tags benchsmoke ./bench -terraform .tools/bin/terraform -schema -schema-n 6 -md /tmp/smoke.md
func init() {
	schemaPlug = &schemaSupport{
		ResourceType: "fivetran_group",
		Emulator:     func(*emulator.Options, int, int) {},
		Block: func(i int, connRef string, c schemaChoices) string {
			var parts []string
			for _, t := range c.Tables {
				for _, col := range t.Columns {
					if col.Enabled {
						parts = append(parts, fmt.Sprintf("t%dc%d", t.Table, col.Column))
					}
				}
			}
			_ = connRef
			return fmt.Sprintf("resource \"fivetran_group\" \"s%04d\" {\n  name = \"smoke_%04d_%s\"\n}\n", i, i, strings.Join(parts, "_"))
		},
	}
}

package main

import (
	"fmt"
	"strings"
)

// Per N connections the benchmark declares one group and one destination per
// connsPerGroup connections (at least one), so N = 1000 is 20 groups, 20
// destinations and 1000 connections: 1040 resources. The floor declares the
// same number of floor_items with the same dependency graph.
const connsPerGroup = 50

func groupsFor(n int) int { return max(1, (n+connsPerGroup-1)/connsPerGroup) }

// The connector types the connections cycle through, one per i%3, with their
// destination_schema shapes: prefix (database), name (application), name and
// table (file).
var services = []string{"postgres", "github", "google_sheets"}

// changedIndex is the connection whose config the "plan after one change"
// step edits (a postgres connection: its host).
const changedIndex = 0

// fivetranConfig is the HCL of n connections with their groups and
// destinations. changed edits one connection's config.
func fivetranConfig(n int, changed bool) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    fivetran = { source = "openpipes/fivetran" }
  }
}

provider "fivetran" {} # FIVETRAN_APIKEY, FIVETRAN_APISECRET, FIVETRAN_API_URL

variable "warehouse_password" {
  type      = string
  sensitive = true
}
`)
	b.WriteString(connectionVariables)
	for g := 1; g <= groupsFor(n); g++ {
		fmt.Fprintf(&b, `
resource "fivetran_group" "g%02d" {
  name = "bench_group_%02d"
}

resource "fivetran_destination" "g%02d" {
  group_id         = fivetran_group.g%02d.id
  service          = "postgres_warehouse"
  region           = "GCP_US_EAST4"
  time_zone_offset = "0"
  config = {
    host     = "warehouse%02d.example.com"
    port     = 5432
    database = "analytics"
    user     = "fivetran"
    password = var.warehouse_password
  }
}
`, g, g, g, g, g)
	}
	writeConnections(&b, n, changed, "fivetran_connection", func(g int) string { return fmt.Sprintf("fivetran_destination.g%02d.group_id", g) })
	return b.String()
}

// connectionVariables are the sensitive variables the connections use.
const connectionVariables = `
variable "pg_password" {
  type      = string
  sensitive = true
}

variable "github_pat" {
  type      = string
  sensitive = true
}
`

// writeConnections writes n connection blocks of resource type typ (the same
// blocks for fivetran_connection and the same-shape floor), each in the group
// groupRef(g) names.
func writeConnections(b *strings.Builder, n int, changed bool, typ string, groupRef func(g int) string) {
	for i := 0; i < n; i++ {
		g := i/connsPerGroup + 1
		fmt.Fprintf(b, "\nresource %q \"c%04d\" {\n  group_id = %s\n  service  = %q\n", typ, i, groupRef(g), services[i%3])
		switch services[i%3] {
		case "postgres":
			host := fmt.Sprintf("db%04d.example.com", i)
			if changed && i == changedIndex {
				host = fmt.Sprintf("db%04d-replica.example.com", i)
			}
			fmt.Fprintf(b, `  destination_schema = {
    prefix = "pg_%04d"
  }
  sync_frequency = 60
  config = {
    host          = %q
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = var.pg_password
    update_method = "QUERY_BASED"
  }
}
`, i, host)
		case "github":
			fmt.Fprintf(b, `  destination_schema = {
    name = "github_%04d"
  }
  sync_frequency = 360
  config = {
    auth_mode    = "PersonalAccessToken"
    pats         = [var.github_pat]
    username     = "bench-bot"
    sync_mode    = "SpecificRepositories"
    repositories = ["openpipes/app-%04d", "openpipes/infra"]
    use_webhooks = false
  }
}
`, i, i)
		case "google_sheets":
			fmt.Fprintf(b, `  destination_schema = {
    name  = "sheets_%04d"
    table = "budget"
  }
  paused = true
  config = {
    sheet_id    = "1AbCdEfGhIjKlMnOpQrStUvWxYz%04d"
    named_range = "budget_2026"
    auth_type   = "ServiceAccount"
  }
}
`, i, i)
		}
	}
}

// shapeConfig is the same-shape floor: the groups and destinations as
// floorshape_items (as in floorConfig), and the connections exactly as in
// fivetranConfig, as floorshape_connections (fivetran_connection's schema).
func shapeConfig(n int, changed bool) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    floorshape = { source = "openpipes/floorshape" }
  }
}

variable "secret" {
  type      = string
  sensitive = true
}
`)
	b.WriteString(connectionVariables)
	writeFloorGroups(&b, n, "floorshape_item")
	writeConnections(&b, n, changed, "floorshape_connection", func(g int) string { return fmt.Sprintf("floorshape_item.d%02d.id", g) })
	return b.String()
}

// floorConfig is the same graph of floor_items: a group, its destination
// (depending on the group), and connections depending on the destination,
// each with a few strings and one sensitive value.
func floorConfig(n int, changed bool) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    floor = { source = "openpipes/floor" }
  }
}

variable "secret" {
  type      = string
  sensitive = true
}
`)
	writeFloorGroups(&b, n, "floor_item")
	for i := 0; i < n; i++ {
		g := i/connsPerGroup + 1
		value := fmt.Sprintf("db%04d.example.com", i)
		if changed && i == changedIndex {
			value = fmt.Sprintf("db%04d-replica.example.com", i)
		}
		fmt.Fprintf(&b, `
resource "floor_item" "c%04d" {
  name   = "conn_%04d"
  parent = floor_item.d%02d.id
  kind   = %q
  value  = %q
  secret = var.secret
}
`, i, i, g, services[i%3], value)
	}
	return b.String()
}

// writeFloorGroups writes the floor's groups and destinations: per group a
// floor item and a second one depending on it.
func writeFloorGroups(b *strings.Builder, n int, typ string) {
	for g := 1; g <= groupsFor(n); g++ {
		fmt.Fprintf(b, `
resource "%[1]s" "g%02[2]d" {
  name = "bench_group_%02[2]d"
  kind = "group"
}

resource "%[1]s" "d%02[2]d" {
  name   = "bench_destination_%02[2]d"
  parent = %[1]s.g%02[2]d.id
  kind   = "postgres_warehouse"
  value  = "warehouse%02[2]d.example.com"
  secret = var.secret
}
`, typ, g)
	}
}

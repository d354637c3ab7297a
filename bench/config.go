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
	b.WriteString(fivetranHeader)
	for g := 1; g <= groupsFor(n); g++ {
		writeFivetranGroup(&b, g)
	}
	writeConnections(&b, n, changed, "fivetran_connection", fivetranGroupRef)
	return b.String()
}

// fivetranHeader opens a configuration of the Fivetran provider: the
// provider and the sensitive variables the groups' destinations and the
// connections use.
const fivetranHeader = `terraform {
  required_providers {
    fivetran = { source = "openpipes/fivetran" }
  }
}

provider "fivetran" {} # FIVETRAN_APIKEY, FIVETRAN_APISECRET, FIVETRAN_API_URL

variable "warehouse_password" {
  type      = string
  sensitive = true
}
` + connectionVariables

// fivetranGroupRef is how a connection names its group g: through the
// destination, so that it is created after it.
func fivetranGroupRef(g int) string { return fmt.Sprintf("fivetran_destination.g%02d.group_id", g) }

// writeFivetranGroup writes group g and its destination.
func writeFivetranGroup(b *strings.Builder, g int) {
	fmt.Fprintf(b, `
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
		writeConnection(b, i, i/connsPerGroup+1, changed, typ, groupRef)
	}
}

// writeConnection writes connection i, in group g.
func writeConnection(b *strings.Builder, i, g int, changed bool, typ string, groupRef func(g int) string) {
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
	b.WriteString(floorHeader)
	writeFloorGroups(&b, n, "floor_item")
	for i := 0; i < n; i++ {
		writeFloorConnection(&b, i, i/connsPerGroup+1, changed)
	}
	return b.String()
}

// floorHeader opens a configuration of the floor provider.
const floorHeader = `terraform {
  required_providers {
    floor = { source = "openpipes/floor" }
  }
}

variable "secret" {
  type      = string
  sensitive = true
}
`

// writeFloorConnection writes the floor_item that stands for connection i,
// in group g.
func writeFloorConnection(b *strings.Builder, i, g int, changed bool) {
	value := fmt.Sprintf("db%04d.example.com", i)
	if changed && i == changedIndex {
		value = fmt.Sprintf("db%04d-replica.example.com", i)
	}
	fmt.Fprintf(b, `
resource "floor_item" "c%04d" {
  name   = "conn_%04d"
  parent = floor_item.d%02d.id
  kind   = %q
  value  = %q
  secret = var.secret
}
`, i, i, g, services[i%3], value)
}

// writeFloorGroups writes the floor's groups and destinations: per group a
// floor item and a second one depending on it.
func writeFloorGroups(b *strings.Builder, n int, typ string) {
	for g := 1; g <= groupsFor(n); g++ {
		writeFloorGroup(b, typ, g)
	}
}

// writeFloorGroup writes the floor's group g and its destination.
func writeFloorGroup(b *strings.Builder, typ string, g int) {
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

// scaleConfig is the scale mode's configuration of kind "fivetran" or
// "floor": n connections spread evenly over groups groups (each with its
// destination), of which it writes the groups from to to (1-based,
// inclusive) and their connections. Connection i is in group i/(n/groups)+1
// and is written exactly as fivetranConfig and floorConfig write it, so the
// configuration of one group is a part of the configuration of all.
func scaleConfig(kind string, n, groups, from, to int, changed bool) string {
	var b strings.Builder
	per := n / groups
	if kind == "floor" {
		b.WriteString(floorHeader)
	} else {
		b.WriteString(fivetranHeader)
	}
	for g := from; g <= to; g++ {
		if kind == "floor" {
			writeFloorGroup(&b, "floor_item", g)
		} else {
			writeFivetranGroup(&b, g)
		}
		for i := (g - 1) * per; i < g*per; i++ {
			if kind == "floor" {
				writeFloorConnection(&b, i, g, changed)
			} else {
				writeConnection(&b, i, g, changed, "fivetran_connection", fivetranGroupRef)
			}
		}
	}
	return b.String()
}

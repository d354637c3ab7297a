package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccConnectionsDataSource: the connections of a group (one list call
// per read, not those of other groups), ordered by name, with and without
// the service filter; items carry no config.
func TestAccConnectionsDataSource(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "sources")
	other := dsDestinationFixture(t, em, "elsewhere")
	pgB := dsConnection(t, em, dsPostgres(gid, "pg_b"))
	pgA := dsConnection(t, em, dsPostgres(gid, "pg_a"))
	sheet := dsConnection(t, em, map[string]any{"group_id": gid, "service": "google_sheets",
		"config": map[string]any{"schema": "sheets", "table": "budget", "sheet_id": "1AbC", "named_range": "r", "auth_type": "ServiceAccount"}})
	dsConnection(t, em, dsPostgres(other, "pg_elsewhere"))
	em.ResetRequests()
	item := func(addr string, i int, key string, want knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections").AtSliceIndex(i).AtMapKey(key), want)
	}
	const all, pg = "data.fivetran_connections.all", "data.fivetran_connections.pg"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_connections" "all" {
  group_id = %[1]q
}

data "fivetran_connections" "pg" {
  group_id = %[1]q
  service  = "postgres"
}
`, gid),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("id"), knownvalue.StringExact(gid)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("connections"), knownvalue.ListSizeExact(3)),
				item(all, 0, "id", knownvalue.StringExact(pgA)),
				item(all, 0, "name", knownvalue.StringExact("pg_a")),
				item(all, 0, "group_id", knownvalue.StringExact(gid)),
				item(all, 0, "service", knownvalue.StringExact("postgres")),
				item(all, 0, "paused", knownvalue.Bool(true)),
				item(all, 0, "sync_frequency", knownvalue.Int64Exact(60)),
				item(all, 0, "schedule_type", knownvalue.StringExact("auto")),
				item(all, 0, "networking_method", knownvalue.StringExact("Directly")),
				item(all, 0, "created_at", knownvalue.NotNull()),
				item(all, 0, "sync_state", knownvalue.StringExact("paused")),
				item(all, 1, "id", knownvalue.StringExact(pgB)),
				item(all, 2, "id", knownvalue.StringExact(sheet)),
				item(all, 2, "name", knownvalue.StringExact("sheets.budget")),
				item(all, 2, "service", knownvalue.StringExact("google_sheets")),
				statecheck.ExpectKnownValue(pg, tfjsonpath.New("id"), knownvalue.StringExact(gid+"/postgres")),
				statecheck.ExpectKnownValue(pg, tfjsonpath.New("connections"), knownvalue.ListSizeExact(2)),
				item(pg, 0, "name", knownvalue.StringExact("pg_a")),
				item(pg, 1, "name", knownvalue.StringExact("pg_b")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckNoResourceAttr(all, "connections.0.config"),
				func(*terraform.State) error {
					return checkRoutes(em, map[string]int{"GET /v1/connections": 1})
				},
			),
		}},
	})
}

// TestAccConnectionsDataSource_emptyAndMissing: a group without connections
// gives an empty list; a group that does not exist is an error.
func TestAccConnectionsDataSource_emptyAndMissing(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "empty")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_connections" "none" {
  group_id = %q
  service  = "postgres"
}
`, gid),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_connections.none", tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			{
				Config: providerConfig(em) + `
data "fivetran_connections" "none" {
  group_id = "no_such_group"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Group not found.*no group with id\s+"no_such_group"`),
			},
		},
	})
}

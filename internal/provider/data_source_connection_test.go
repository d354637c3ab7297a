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

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// dsConnection makes a connection out of band and returns its id.
func dsConnection(t *testing.T, em *emulator.Running, body map[string]any) string {
	t.Helper()
	body["run_setup_tests"] = false
	c, err := em.CreateConnection(body)
	if err != nil {
		t.Fatalf("creating a %v connection out of band: %s", body["service"], err)
	}
	return jsonAs[string](t, c["id"])
}

func dsPostgres(gid, prefix string) map[string]any {
	return map[string]any{"group_id": gid, "service": "postgres", "sync_frequency": 60, "paused": true,
		"config": map[string]any{"schema_prefix": prefix, "host": "db.internal", "port": 5432, "database": "app",
			"user": "fivetran", "password": "conn-secret-5521", "update_method": "XMIN"}}
}

// TestAccConnectionDataSource: a connection by id (one GET per read) and by
// group and name (one list and one GET per read), with every attribute,
// destination_schema apart from config, and the secret masked in a
// sensitive config.
func TestAccConnectionDataSource(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "sources")
	cid := dsConnection(t, em, dsPostgres(gid, "app_db"))
	dsConnection(t, em, dsPostgres(gid, "other_db"))
	em.ResetRequests()
	const byID, byName = "data.fivetran_connection.by_id", "data.fivetran_connection.by_name"
	at := func(p string) tfjsonpath.Path { return tfjsonpath.New(p) }
	common := func(addr string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, at("id"), knownvalue.StringExact(cid)),
			statecheck.ExpectKnownValue(addr, at("group_id"), knownvalue.StringExact(gid)),
			statecheck.ExpectKnownValue(addr, at("service"), knownvalue.StringExact("postgres")),
			statecheck.ExpectKnownValue(addr, at("name"), knownvalue.StringExact("app_db")),
			statecheck.ExpectKnownValue(addr, at("destination_schema"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"name": knownvalue.Null(), "table": knownvalue.Null(), "prefix": knownvalue.StringExact("app_db"), "table_group_name": knownvalue.Null(),
			})),
			statecheck.ExpectKnownValue(addr, at("config").AtMapKey("host"), knownvalue.StringExact("db.internal")),
			statecheck.ExpectKnownValue(addr, at("config").AtMapKey("update_method"), knownvalue.StringExact("XMIN")),
			statecheck.ExpectKnownValue(addr, at("config").AtMapKey("password"), knownvalue.StringExact("******")),
			statecheck.ExpectSensitiveValue(addr, at("config")),
			statecheck.ExpectKnownValue(addr, at("paused"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(addr, at("pause_after_trial"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(addr, at("sync_frequency"), knownvalue.Int64Exact(60)),
			statecheck.ExpectKnownValue(addr, at("schedule_type"), knownvalue.StringExact("auto")),
			statecheck.ExpectKnownValue(addr, at("daily_sync_time"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, at("data_delay_sensitivity"), knownvalue.StringExact("NORMAL")),
			statecheck.ExpectKnownValue(addr, at("data_delay_threshold"), knownvalue.Int64Exact(0)),
			statecheck.ExpectKnownValue(addr, at("networking_method"), knownvalue.StringExact("Directly")),
			statecheck.ExpectKnownValue(addr, at("private_link_id"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, at("proxy_agent_id"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, at("connected_by"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(addr, at("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
			statecheck.ExpectKnownValue(addr, at("setup_state"), knownvalue.StringRegexp(regexp.MustCompile(`^(incomplete|connected|broken)$`))),
			statecheck.ExpectKnownValue(addr, at("sync_state"), knownvalue.StringExact("paused")),
		}
	}
	noSchemaKeys := func(addr string) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr(addr, "config.host", "db.internal"), // the flatmap shim sees config
			resource.TestCheckNoResourceAttr(addr, "config.schema_prefix"),
			resource.TestCheckNoResourceAttr(addr, "config.schema"),
		)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_connection" "by_id" {
  id = %q
}
`, cid),
				ConfigStateChecks: common(byID),
				Check: resource.ComposeAggregateTestCheckFunc(noSchemaKeys(byID), func(*terraform.State) error {
					return checkRoutes(em, map[string]int{"GET /v1/connections/{id}": 1})
				}),
			},
			{
				PreConfig: em.ResetRequests,
				Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_connection" "by_name" {
  group_id = %q
  name     = "app_db"
}
`, gid),
				ConfigStateChecks: common(byName),
				Check: resource.ComposeAggregateTestCheckFunc(noSchemaKeys(byName), func(*terraform.State) error {
					return checkRoutes(em, map[string]int{"GET /v1/connections": 1, "GET /v1/connections/{id}": 1})
				}),
			},
		},
	})
}

// TestAccConnectionDataSource_errors: an unknown id, an unknown name (with a
// did-you-mean), an unknown group, and the rules on id, group_id and name.
func TestAccConnectionDataSource_errors(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "sources")
	dsConnection(t, em, dsPostgres(gid, "app_db"))
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: providerConfig(em) + body, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			step(`
data "fivetran_connection" "c" {
  id = "no_such_connection"
}
`, `(?s)Connection not found.*no connection with id\s+"no_such_connection"`),
			step(fmt.Sprintf(`
data "fivetran_connection" "c" {
  group_id = %q
  name     = "app_bd"
}
`, gid), `(?s)Connection not found.*has\s+no\s+connection\s+named\s+"app_bd".*Did\s+you\s+mean\s+"app_db"\?`),
			step(`
data "fivetran_connection" "c" {
  group_id = "no_such_group"
  name     = "app_db"
}
`, `(?s)Group not found.*no group with id\s+"no_such_group"`),
			step(fmt.Sprintf(`
data "fivetran_connection" "c" {
  id       = "abc"
  group_id = %q
  name     = "app_db"
}
`, gid), `(?s)Invalid Attribute Combination.*Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[id,name\]`),
			step(fmt.Sprintf(`
data "fivetran_connection" "c" {
  group_id = %q
}
`, gid), `(?s)Invalid Attribute Combination.*must\s+be\s+configured\s+together:\s+\[group_id,name\]`),
			step(`
data "fivetran_connection" "c" {
  name = "app_db"
}
`, `(?s)Invalid Attribute Combination.*must\s+be\s+configured\s+together:\s+\[group_id,name\]`),
		},
	})
}

// TestAccConnectionDataSource_liveNulls: with the live API's explicit nulls
// for unset fields (the emulator's default), and with the fields left out
// (OmitNulls, the spec's form), the data sources read them as null
// attributes; a destination port comes back as Fivetran sends it.
func TestAccConnectionDataSource_liveNulls(t *testing.T) {
	accPreCheck(t)
	for _, mode := range []struct {
		name string
		opts emulator.Options
		port knownvalue.Check
	}{
		{"live", emulator.Options{Seed: 42}, knownvalue.StringExact("5432")},
		{"spec", emulator.Options{Seed: 42, OmitNulls: true, NumericPorts: true}, knownvalue.Int64Exact(5432)},
	} {
		t.Run(mode.name, func(t *testing.T) {
			em := startEmulatorWith(t, mode.opts)
			gid := dsDestinationFixture(t, em, "sources")
			cid := dsConnection(t, em, dsPostgres(gid, "app_db"))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_connection" "c" {
  id = %q
}

data "fivetran_connections" "all" {
  group_id = %q
}

data "fivetran_destination" "d" {
  id = %[2]q
}
`, cid, gid),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.fivetran_connection.c", tfjsonpath.New("config").AtMapKey("host"), knownvalue.StringExact("db.internal")),
						statecheck.ExpectKnownValue("data.fivetran_connection.c", tfjsonpath.New("private_link_id"), knownvalue.Null()),
						statecheck.ExpectKnownValue("data.fivetran_connection.c", tfjsonpath.New("daily_sync_time"), knownvalue.Null()),
						statecheck.ExpectKnownValue("data.fivetran_connections.all", tfjsonpath.New("connections"), knownvalue.ListSizeExact(1)),
						statecheck.ExpectKnownValue("data.fivetran_destination.d", tfjsonpath.New("config").AtMapKey("host"), knownvalue.StringExact("warehouse.internal")),
						statecheck.ExpectKnownValue("data.fivetran_destination.d", tfjsonpath.New("config").AtMapKey("port"), mode.port),
						statecheck.ExpectKnownValue("data.fivetran_destination.d", tfjsonpath.New("private_link_id"), knownvalue.Null()),
					},
				}},
			})
		})
	}
}

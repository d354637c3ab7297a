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

// dsDestinationFixture makes, out of band, a group with a PostgreSQL
// destination whose config holds a secret; it returns the group id.
func dsDestinationFixture(t *testing.T, em *emulator.Running, name string) string {
	t.Helper()
	gid := jsonAs[string](t, em.CreateGroup(name)["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "-5",
		"region": "AWS_EU_CENTRAL_1",
		"config": map[string]any{"host": "warehouse.internal", "port": 5432, "database": "dw", "user": "loader", "password": "dest-secret-1234"}}); err != nil {
		t.Fatal(err)
	}
	return gid
}

// TestAccDestinationDataSource: a destination by id and by group id (one
// GET per read), every attribute, and its config with the secret masked and
// the attribute sensitive.
func TestAccDestinationDataSource(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "warehouse")
	em.ResetRequests()
	const addr = "data.fivetran_destination.by_id"
	at := func(p string) tfjsonpath.Path { return tfjsonpath.New(p) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_destination" "by_id" {
  id = %[1]q
}

data "fivetran_destination" "by_group" {
  group_id = %[1]q
}
`, gid),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, at("id"), knownvalue.StringExact(gid)),
				statecheck.ExpectKnownValue(addr, at("group_id"), knownvalue.StringExact(gid)),
				statecheck.ExpectKnownValue(addr, at("service"), knownvalue.StringExact("postgres_warehouse")),
				statecheck.ExpectKnownValue(addr, at("region"), knownvalue.StringExact("AWS_EU_CENTRAL_1")),
				statecheck.ExpectKnownValue(addr, at("time_zone_offset"), knownvalue.StringExact("-5")),
				statecheck.ExpectKnownValue(addr, at("daylight_saving_time_enabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, at("networking_method"), knownvalue.StringExact("Directly")),
				statecheck.ExpectKnownValue(addr, at("private_link_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, at("proxy_agent_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, at("hybrid_deployment_agent_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, at("setup_status"), knownvalue.StringRegexp(regexp.MustCompile(`^(incomplete|connected|broken)$`))),
				statecheck.ExpectKnownValue(addr, at("config").AtMapKey("host"), knownvalue.StringExact("warehouse.internal")),
				statecheck.ExpectKnownValue(addr, at("config").AtMapKey("database"), knownvalue.StringExact("dw")),
				statecheck.ExpectKnownValue(addr, at("config").AtMapKey("password"), knownvalue.StringExact("******")),
				statecheck.ExpectSensitiveValue(addr, at("config")),
				statecheck.ExpectKnownValue("data.fivetran_destination.by_group", at("id"), knownvalue.StringExact(gid)),
				statecheck.ExpectKnownValue("data.fivetran_destination.by_group", at("service"), knownvalue.StringExact("postgres_warehouse")),
				statecheck.ExpectKnownValue("data.fivetran_destination.by_group", at("config").AtMapKey("password"), knownvalue.StringExact("******")),
			},
			Check: func(*terraform.State) error {
				return checkRoutes(em, map[string]int{"GET /v1/destinations/{id}": 1})
			},
		}},
	})
}

// TestAccDestinationDataSource_errors: a group without a destination, no
// group at all, and the exactly-one-of rule on id and group_id.
func TestAccDestinationDataSource_errors(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	empty := jsonAs[string](t, em.CreateGroup("empty")["id"])
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: providerConfig(em) + body, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			step(fmt.Sprintf(`
data "fivetran_destination" "d" {
  group_id = %q
}
`, empty), `(?s)Destination not found.*no destination with id\s+"`+regexp.QuoteMeta(empty)+`".*has\s+no\s+destination\s+yet`),
			step(`
data "fivetran_destination" "d" {
  id = "no_such_group"
}
`, `(?s)Destination not found.*no destination with id\s+"no_such_group"`),
			step(`
data "fivetran_destination" "d" {
  id       = "a"
  group_id = "a"
}
`, `(?s)Invalid Attribute Combination.*Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[id,group_id\]`),
		},
	})
}

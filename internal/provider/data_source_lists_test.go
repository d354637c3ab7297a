package provider

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// TestAccDataSource_destinationsAndGroupUsers: the account's destinations
// (no config); the users with a role in a group, with that role rather
// than their account role; and the group's SSH key and service account.
func TestAccDataSource_destinationsAndGroupUsers(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	g := em.CreateGroup("sales")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "region": "GCP_US_EAST4", "time_zone_offset": "0",
		"run_setup_tests": false, "config": map[string]any{"host": "db.example.com", "port": 5432, "database": "w", "user": "u", "password": "p"}}); err != nil {
		t.Fatal(err)
	}
	c := testClient(t, em)
	ctx := context.Background()
	u, err := c.CreateUser(ctx, fivetran.UserCreate{Email: "ada@example.com", GivenName: "Ada", FamilyName: "L", Role: "Account Reviewer"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddMembership(ctx, fivetran.UserGroups, u.ID, gid, "View Destination"); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ds, err := c.ListDestinations(ctx); err == nil && len(ds) == 1 {
			break
		}
	}
	key, ok1 := em.GroupPublicKey(gid)
	account, ok2 := em.GroupServiceAccount(gid)
	if !ok1 || !ok2 || key == "" || account == "" {
		t.Fatal("the emulator has no key or service account for the group")
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_destinations" "all" {}

data "fivetran_group_users" "sales" {
  id = %q
}

data "fivetran_group_ssh_key" "sales" {
  id = %[1]q
}

data "fivetran_group_service_account" "sales" {
  id = %[1]q
}
`, gid),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.fivetran_destinations.all", tfjsonpath.New("destinations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"group_id": knownvalue.StringExact(gid),
						"service": knownvalue.StringExact("postgres_warehouse")}),
				})),
				statecheck.ExpectKnownValue("data.fivetran_group_ssh_key.sales", tfjsonpath.New("public_key"), knownvalue.StringExact(key)),
				statecheck.ExpectKnownValue("data.fivetran_group_service_account.sales", tfjsonpath.New("service_account"),
					knownvalue.StringExact(account)),
				statecheck.ExpectKnownValue("data.fivetran_group_users.sales", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("ada@example.com"),
						"role": knownvalue.StringExact("View Destination")}),
				})),
			},
		}},
	})
}

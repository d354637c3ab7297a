package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// TestAccIdentity_import (Terraform 1.12+): create, update and refresh keep
// each resource's identity equal to its id, and import blocks that give
// `identity = { id = … }` import the group, its destination and a
// connection with nothing left to change.
func TestAccIdentity_import(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	// The port as Fivetran returns it ("5432"), so that the import's config,
	// which holds what Fivetran returns, plans no change of form.
	base := strings.Replace(baseConfig, "port = 5432", `port = "5432"`, 1)
	cfg := func(frequency int) string {
		return providerConfig(em) + base + fmt.Sprintf(`
resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  sync_frequency     = %d
  config             = { sync_mode = "AllRepositories" }
}
`, frequency)
	}
	sameAsID := func(addr string) statecheck.StateCheck {
		return statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id"))
	}
	identityChecks := []statecheck.StateCheck{
		sameAsID("fivetran_group.main"), sameAsID("fivetran_destination.main"), sameAsID("fivetran_connection.gh"),
		statecheck.ExpectIdentity("fivetran_connection.gh", map[string]knownvalue.Check{"id": knownvalue.StringRegexp(idPattern)}),
	}
	importStep := func(addr string) resource.TestStep {
		return resource.TestStep{
			Config:          cfg(60),
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: cfg(360), ConfigStateChecks: identityChecks},
			{Config: cfg(60), ConfigStateChecks: identityChecks}, // an update sets it too
			importStep("fivetran_group.main"),
			importStep("fivetran_destination.main"),
			importStep("fivetran_connection.gh"),
		},
	})
}

// TestAccIdentity_goneOutOfBand: a Read that finds the object gone removes
// it from state without an error on every Terraform version. Regression: on
// Terraform before 1.12 (which keeps no identity), the framework failed that
// Read with "Missing Resource Identity After Read" until Read set the
// identity on this path too.
func TestAccIdentity_goneOutOfBand(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + baseConfig + `
resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  config             = { sync_mode = "AllRepositories" }
}
`
	var gid, cid string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					gid, cid = connID(s, "fivetran_group.main"), connID(s, "fivetran_connection.gh")
					return nil
				},
			},
			{
				// The connection, the destination and the group are deleted
				// outside Terraform: the refresh drops them, the apply makes
				// them again.
				PreConfig: func() {
					for _, o := range [][2]string{{"connection", cid}, {"destination", gid}, {"group", gid}} {
						if err := em.Delete(o[0], o[1]); err != nil {
							t.Fatalf("deleting the %s out of band: %s", o[0], err)
						}
					}
				},
				Config: cfg,
				Check: func(s *terraform.State) error {
					if connID(s, "fivetran_group.main") == gid || connID(s, "fivetran_connection.gh") == cid {
						return fmt.Errorf("the objects deleted outside Terraform were not created again")
					}
					return nil
				},
			},
		},
	})
}

// TestAccIdentity_connectionSchema (Terraform 1.12+): a connection's schema
// config is identified by the connection's id, kept by create, update and
// refresh, and an import block giving `identity = { connection_id = … }`
// imports it with nothing left to change.
func TestAccIdentity_connectionSchema(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	addr := "fivetran_connection_schema.app"
	cfg := func(mode string) string {
		return schemaConfigHCL(em, fmt.Sprintf("%q", id), fmt.Sprintf(`schema_change_handling = "ALLOW_ALL"
  tables = { "public.accounts" = "excluded" }
  sync_modes = { "public.users" = %q }`, mode))
	}
	identity := []statecheck.StateCheck{
		statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"connection_id": knownvalue.StringExact(id)}),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("connection_id")),
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: cfg("LIVE"), ConfigStateChecks: identity},
			{Config: cfg("HISTORY"), ConfigStateChecks: identity}, // an update sets it too
			{Config: cfg("HISTORY"), ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// TestAccIdentity_access (Terraform 1.12+): a user's and a team's identity
// is their id, a membership resource's its owner's id under user_id or
// team_id; import blocks by identity import each with nothing to change.
func TestAccIdentity_access(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := userGroupsHCL(em, groupBlock("sales", "View Destination")) + `
resource "fivetran_team" "analysts" {
  name = "analysts"
  role = "Account Reviewer"
}
`
	importStep := func(addr string) resource.TestStep {
		return resource.TestStep{Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValueMatchesState("fivetran_user.ada", tfjsonpath.New("id")),
					statecheck.ExpectIdentityValueMatchesState("fivetran_team.analysts", tfjsonpath.New("id")),
					statecheck.ExpectIdentityValueMatchesState(userGroupsAddr, tfjsonpath.New("user_id")),
				},
			},
			importStep("fivetran_user.ada"),
			importStep("fivetran_team.analysts"),
			importStep(userGroupsAddr),
		},
	})
}

// TestAccIdentity_approvals (Terraform 1.12+): an approval resource's
// identity is its owner's id under the attribute that holds it, and an
// import block by identity imports it with nothing to change.
func TestAccIdentity_approvals(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	g := em.CreateGroup("tunnel")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "region": "GCP_US_EAST4", "time_zone_offset": "0",
		"run_setup_tests": false, "config": map[string]any{"host": "db.example.com", "port": 5432, "database": "w", "user": "u", "password": "p"}}); err != nil {
		t.Fatal(err)
	}
	const addr = "fivetran_destination_fingerprints.tunnel"
	cfg := providerConfig(em) + fmt.Sprintf(`
resource "fivetran_destination_fingerprints" "tunnel" {
  destination_id = %q
  fingerprint {
    hash       = "SHA256:one"
    public_key = "ssh-ed25519 AAAA1"
  }
}
`, gid)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("destination_id"))},
			},
			{
				// An import reads the list, which lags the approval: wait until it shows it.
				PreConfig: func() {
					for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
						if fps, err := testClient(t, em).ListFingerprints(context.Background(), fivetran.DestinationApprovals, gid); err == nil && len(fps) == 1 {
							return
						}
					}
				},
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccIdentity_import (Terraform 1.12+): create, update and refresh keep
// each resource's identity equal to its id, and import blocks that give
// `identity = { id = … }` import the group, its destination and a
// connection with nothing left to change.
func TestAccIdentity_import(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(frequency int) string {
		return providerConfig(em) + baseConfig + fmt.Sprintf(`
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

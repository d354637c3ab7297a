package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccGroup_lifecycle: create, import, rename in place (the API renames a
// group, so a rename must not replace it and its pipeline), an empty plan,
// and destroy, with the API calls counted.
func TestAccGroup_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(name string) string {
		return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_group" "main" {
  name = %q
}
`, name)
	}
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg("analytics"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_group.main", tfjsonpath.New("name"), knownvalue.StringExact("analytics")),
					statecheck.ExpectKnownValue("fivetran_group.main", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z]+_[a-z]+$`))),
					statecheck.ExpectKnownValue("fivetran_group.main", tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
				},
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources["fivetran_group.main"].Primary.ID
					if n := em.Counts()["POST /v1/groups"]; n != 1 {
						return fmt.Errorf("expected exactly one POST /v1/groups, got %d", n)
					}
					return nil
				},
			},
			{
				ResourceName:            "fivetran_group.main",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config: cfg("analytics_renamed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_group.main", plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources["fivetran_group.main"].Primary.ID; id != firstID {
						return fmt.Errorf("rename replaced the group: id %s became %s", firstID, id)
					}
					g, _ := em.Get("group", firstID)
					if g["name"] != "analytics_renamed" {
						return fmt.Errorf("the emulator holds name %v", g["name"])
					}
					if n := em.Counts()["PATCH /v1/groups/{id}"]; n != 1 {
						return fmt.Errorf("expected one PATCH, got %d", n)
					}
					return nil
				},
			},
			{
				Config:   cfg("analytics_renamed"),
				PlanOnly: true,
			},
		},
	})
}

// TestAccGroup_driftAndRecreate: a group renamed out of band is renamed back;
// a group deleted out of band is planned for creation.
func TestAccGroup_driftAndRecreate(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + `
resource "fivetran_group" "main" {
  name = "drifting"
}
`
	id := func(s *terraform.State) string { return s.RootModule().Resources["fivetran_group.main"].Primary.ID }
	var gid string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					gid = id(s)
					return em.Patch("group", gid, map[string]any{"name": "renamed_in_ui"})
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_group.main", plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					return em.Delete("group", id(s))
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("fivetran_group.main", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

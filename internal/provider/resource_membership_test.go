package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

const userGroupsAddr = "fivetran_user_group_membership.ada"

// userGroupsHCL declares a user, two groups and the user's roles in the
// groups given by blocks.
func userGroupsHCL(em *emulator.Running, blocks string) string {
	return providerConfig(em) + `
resource "fivetran_user" "ada" {
  email       = "ada@example.com"
  given_name  = "Ada"
  family_name = "Lovelace"
}

resource "fivetran_group" "sales" {
  name = "sales"
}

resource "fivetran_group" "finance" {
  name = "finance"
}

resource "fivetran_user_group_membership" "ada" {
  user_id = fivetran_user.ada.id
` + blocks + `}
`
}

func groupBlock(group, role string) string {
	return fmt.Sprintf("  group {\n    group_id = fivetran_group.%s.id\n    role     = %q\n  }\n", group, role)
}

// TestAccMembership_userGroups: a user's roles in two groups; an import
// plans nothing; a role change is one PATCH, a group taken out one DELETE;
// a role given outside Terraform shows in the plan and is removed; the user
// deleted outside Terraform takes its memberships with it.
func TestAccMembership_userGroups(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	var userID, financeID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: userGroupsHCL(em, groupBlock("sales", "View Destination")+groupBlock("finance", "Manage Destination")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userGroupsAddr, tfjsonpath.New("group"), knownvalue.SetSizeExact(2)),
				},
				Check: func(s *terraform.State) error {
					userID = s.RootModule().Resources["fivetran_user.ada"].Primary.ID
					financeID = s.RootModule().Resources["fivetran_group.finance"].Primary.ID
					ms, err := testClient(t, em).ListMemberships(context.Background(), fivetran.UserGroups, userID)
					if err != nil || len(ms) != 2 {
						return fmt.Errorf("Fivetran holds %d memberships (%w), want 2", len(ms), err)
					}
					return nil
				},
			},
			{ResourceName: userGroupsAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { return userID, nil }, ImportStateVerifyIdentifierAttribute: "user_id"},
			{
				PreConfig: em.ResetRequests,
				Config:    userGroupsHCL(em, groupBlock("sales", "Edit Destination")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(userGroupsAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					c := em.Counts()
					if c["PATCH /v1/users/{userId}/groups/{groupId}"] != 1 || c["DELETE /v1/users/{userId}/groups/{groupId}"] != 1 ||
						c["POST /v1/users/{userId}/groups"] != 0 {
						return fmt.Errorf("requests %v, want one PATCH and one DELETE", c)
					}
					// Someone gives Ada a role in finance in the dashboard.
					return testClient(t, em).AddMembership(context.Background(), fivetran.UserGroups, userID, financeID, "View Destination")
				},
				ExpectNonEmptyPlan: true,
			},
			{
				// The plan shows the role given outside Terraform, to be removed.
				Config: userGroupsHCL(em, groupBlock("sales", "Edit Destination")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(userGroupsAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					ms, err := testClient(t, em).ListMemberships(context.Background(), fivetran.UserGroups, userID)
					if err != nil || len(ms) != 1 || ms[0].Role != "Edit Destination" {
						return fmt.Errorf("Fivetran holds %v (%w), want the sales role alone", ms, err)
					}
					return em.Delete("user", userID)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				// The user is gone, and its memberships with it: both are created again.
				Config: userGroupsHCL(em, groupBlock("sales", "Edit Destination")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(userGroupsAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccMembership_teamUsers: a team's users with team roles, changed in
// place; a team deleted outside Terraform takes its memberships with it.
func TestAccMembership_teamUsers(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(role string) string {
		return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_user" "ada" {
  email       = "ada@example.com"
  given_name  = "Ada"
  family_name = "Lovelace"
}

resource "fivetran_team" "analysts" {
  name = "analysts"
}

resource "fivetran_team_user_membership" "analysts" {
  team_id = fivetran_team.analysts.id
  user {
    user_id = fivetran_user.ada.id
    role    = %q
  }
}
`, role)
	}
	const addr = "fivetran_team_user_membership.analysts"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: cfg("Team Member")},
			{
				Config: cfg("Team Manager"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					team := s.RootModule().Resources["fivetran_team.analysts"].Primary.ID
					ms, err := testClient(t, em).ListMemberships(context.Background(), fivetran.TeamUsers, team)
					if err != nil || len(ms) != 1 || ms[0].Role != "Team Manager" {
						return fmt.Errorf("the team holds %v (%w)", ms, err)
					}
					return em.Delete("team", team)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg("Team Manager"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccMembership_invalid: a role of another scope, and two blocks for
// one group, fail the plan at the block before any write.
func TestAccMembership_invalid(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      userGroupsHCL(em, groupBlock("sales", "Account Reviewer")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Role of another scope.*cannot be given as a role in a group.*"Manage\s+Destination"`),
			},
			{
				Config: providerConfig(em) + `
resource "fivetran_team_group_membership" "t" {
  team_id = "some_team"
  group {
    group_id = "g1"
    role     = "View Destination"
  }
  group {
    group_id = "g1"
    role     = "Manage Destination"
  }
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Two roles in one group`),
			},
		},
	})
	if w := writesSeen(em); len(w) > 0 {
		t.Errorf("a refused plan sent %v", w)
	}
}

// TestAccMembership_lostAddAnswer: a membership's add commits but its
// answer is lost; the provider finds it in the owner's list instead of
// adding it again.
func TestAccMembership_lostAddAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/users/{userId}/groups")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: userGroupsHCL(em, groupBlock("sales", "View Destination")),
			Check: func(*terraform.State) error {
				if n := em.Counts()["POST /v1/users/{userId}/groups"]; n != 1 {
					return fmt.Errorf("%d adds, want 1 (the lost one, found)", n)
				}
				return nil
			},
		}},
	})
}

// TestAccMembership_dataSource: the roles a team has in groups, those given
// outside Terraform included, with when each was given.
func TestAccMembership_dataSource(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	other := em.CreateGroup("given_in_the_dashboard")
	cfg := providerConfig(em) + `
resource "fivetran_team" "analysts" {
  name = "analysts"
}

resource "fivetran_group" "sales" {
  name = "sales"
}

resource "fivetran_team_group_membership" "analysts" {
  team_id = fivetran_team.analysts.id
  group {
    group_id = fivetran_group.sales.id
    role     = "View Destination"
  }
}

data "fivetran_team_group_memberships" "analysts" {
  team_id    = fivetran_team.analysts.id
  depends_on = [fivetran_team_group_membership.analysts]
}
`
	const ds = "data.fivetran_team_group_memberships.analysts"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("group"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("group").AtSliceIndex(0).AtMapKey("role"), knownvalue.StringExact("View Destination")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("group").AtSliceIndex(0).AtMapKey("created_at"), knownvalue.NotNull()),
				},
				Check: func(s *terraform.State) error {
					team := s.RootModule().Resources["fivetran_team.analysts"].Primary.ID
					return testClient(t, em).AddMembership(context.Background(), fivetran.TeamGroups, team, fmt.Sprint(other["id"]), "Manage Destination")
				},
				ExpectNonEmptyPlan: true, // the resource plans the dashboard's role away
			},
			{
				// A second data source, read at plan (nothing it depends on
				// changes), shows both roles; the apply then removes the
				// dashboard's.
				Config: cfg + `
data "fivetran_team_group_memberships" "at_plan" {
  team_id = fivetran_team.analysts.id
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_team_group_memberships.at_plan", tfjsonpath.New("group"), knownvalue.ListSizeExact(2)),
				},
			},
		},
	})
}

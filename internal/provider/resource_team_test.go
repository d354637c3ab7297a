package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

const teamAddr = "fivetran_team.analysts"

func teamHCL(em *emulator.Running, name, extra string) string {
	return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_team" "analysts" {
  name = %q
%s}
`, name, extra)
}

func teamID(s *terraform.State) string { return s.RootModule().Resources[teamAddr].Primary.ID }

// TestAccTeam_lifecycle: a team with an account role and a description;
// an import plans nothing; a rename and a new role are one PATCH; a role
// taken out of the configuration is removed with its own request; a
// description left out is kept as Fivetran has it; a team deleted outside
// Terraform is planned again.
func TestAccTeam_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: teamHCL(em, "analysts", "  description = \"BI\"\n  role = \"Account Reviewer\"\n"),
				Check:  func(s *terraform.State) error { first = teamID(s); return nil },
			},
			{ResourceName: teamAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				PreConfig: em.ResetRequests,
				Config:    teamHCL(em, "analytics", "  description = \"BI\"\n  role = \"Account Analyst\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(teamAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if teamID(s) != first {
						return fmt.Errorf("a rename replaced the team")
					}
					if n := em.Counts()["PATCH /v1/teams/{teamId}"]; n != 1 {
						return fmt.Errorf("%d PATCHes, want 1", n)
					}
					return nil
				},
			},
			{
				PreConfig: em.ResetRequests,
				Config:    teamHCL(em, "analytics", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(teamAddr, tfjsonpath.New("role"), knownvalue.Null()),
					statecheck.ExpectKnownValue(teamAddr, tfjsonpath.New("description"), knownvalue.StringExact("BI")),
				},
				Check: func(s *terraform.State) error {
					if n := em.Counts()["DELETE /v1/teams/{teamId}/role"]; n != 1 {
						return fmt.Errorf("%d role removals, want 1", n)
					}
					if n := em.Counts()["PATCH /v1/teams/{teamId}"]; n != 0 {
						return fmt.Errorf("%d PATCHes, want 0", n)
					}
					tm, _ := em.Get("team", teamID(s))
					if tm["role"] != nil {
						return fmt.Errorf("Fivetran still gives the team role %v", tm["role"])
					}
					return em.Delete("team", teamID(s))
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: teamHCL(em, "analytics", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(teamAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccTeam_roleCheckedAndNameTaken: a team role of another scope fails
// the plan; a name the account has already is a warning at plan and an
// error at apply; nothing is created.
func TestAccTeam_roleCheckedAndNameTaken(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	existing, err := testClient(t, em).CreateTeam(context.Background(), fivetran.TeamCreate{Name: "analysts"})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      teamHCL(em, "data", "  role = \"Team Manager\"\n"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Role of another scope.*cannot be given as an account role`),
			},
			{
				Config:      teamHCL(em, "analysts", ""),
				ExpectError: regexp.MustCompile(`(?s)Team name already used.*` + regexp.QuoteMeta(existing.ID)),
			},
		},
	})
	if n := em.Counts()["POST /v1/teams"]; n != 2 { // the fixture's, and the refused one
		t.Errorf("%d team creates, want 2", n)
	}
}

// TestAccTeam_lostCreateAnswer: the create commits but its answer is lost;
// the provider finds the team by name and adopts it.
func TestAccTeam_lostCreateAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/teams")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: teamHCL(em, "analysts", "  role = \"Account Reviewer\"\n"),
			Check: func(s *terraform.State) error {
				if _, ok := em.Get("team", teamID(s)); !ok {
					return fmt.Errorf("the team in state is not in Fivetran")
				}
				if n := em.Counts()["POST /v1/teams"]; n != 1 {
					return fmt.Errorf("%d creates, want 1 (the lost one, adopted)", n)
				}
				return nil
			},
		}},
	})
}

// TestAccTeam_dataSources: a team by name (as a team made by an identity
// provider is found), the list, and the roles of one scope.
func TestAccTeam_dataSources(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	if err := em.AddCustomRole("Pipeline Owner", "CONNECTOR"); err != nil {
		t.Fatal(err)
	}
	cfg := teamHCL(em, "analysts", "  role = \"Account Reviewer\"\n") + `
data "fivetran_team" "by_name" {
  name       = "analysts"
  depends_on = [fivetran_team.analysts]
}

data "fivetran_roles" "connection" {
  scope = "CONNECTOR"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_team.by_name", tfjsonpath.New("role"), knownvalue.StringExact("Account Reviewer")),
				},
				Check: func(s *terraform.State) error {
					if a := s.RootModule().Resources["data.fivetran_team.by_name"].Primary.Attributes; a["id"] != teamID(s) {
						return fmt.Errorf("by name: id %q, want %q", a["id"], teamID(s))
					}
					a := s.RootModule().Resources["data.fivetran_roles.connection"].Primary.Attributes
					found := false
					for i := 0; a[fmt.Sprintf("roles.%d.name", i)] != ""; i++ {
						name := a[fmt.Sprintf("roles.%d.name", i)]
						found = found || name == "Pipeline Owner"
						connector := false
						for j := 0; a[fmt.Sprintf("roles.%d.scope.%d", i, j)] != ""; j++ {
							connector = connector || a[fmt.Sprintf("roles.%d.scope.%d", i, j)] == "CONNECTOR"
						}
						if !connector {
							return fmt.Errorf("role %q is listed for scope CONNECTOR without it", name)
						}
					}
					if !found {
						return fmt.Errorf("the custom connection role is not listed")
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
						if teams, err := testClient(t, em).ListTeams(context.Background()); err == nil && len(teams) == 1 {
							return
						}
					}
				},
				Config: cfg + `
data "fivetran_teams" "all" {
  depends_on = [fivetran_team.analysts]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_teams.all", tfjsonpath.New("teams"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

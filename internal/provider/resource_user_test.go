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

const userAddr = "fivetran_user.ada"

func userHCL(em *emulator.Running, email, given, extra string) string {
	return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_user" "ada" {
  email       = %q
  given_name  = %q
  family_name = "Lovelace"
%s}
`, email, given, extra)
}

func userID(s *terraform.State) string { return s.RootModule().Resources[userAddr].Primary.ID }

// TestAccUser_lifecycle: an invitation with an account role; imports by id
// and by email plan nothing; a name and a role change in place; a role taken
// out of the configuration is removed with its own request; the person
// accepting the invitation and setting their own phone plans nothing; a new
// email replaces the user.
func TestAccUser_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: userHCL(em, "ada@example.com", "Ada", "  role = \"Account Reviewer\"\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("invited"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("verified"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("role"), knownvalue.StringExact("Account Reviewer")),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("phone"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error { first = userID(s); return nil },
			},
			{ResourceName: userAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{ResourceName: userAddr, ImportState: true, ImportStateId: "ADA@example.com", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				// Changes in place: one PATCH for the name and the role.
				PreConfig: em.ResetRequests,
				Config:    userHCL(em, "ada@example.com", "Augusta Ada", "  role = \"Account Analyst\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if userID(s) != first {
						return fmt.Errorf("a new name replaced the user")
					}
					if n := em.Counts()["PATCH /v1/users/{userId}"]; n != 1 {
						return fmt.Errorf("%d PATCHes, want 1", n)
					}
					return nil
				},
			},
			{
				// No role: the account role is removed by its own request.
				PreConfig: em.ResetRequests,
				Config:    userHCL(em, "ada@example.com", "Augusta Ada", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("role"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					if n := em.Counts()["DELETE /v1/users/{userId}/role"]; n != 1 {
						return fmt.Errorf("%d role removals, want 1", n)
					}
					if n := em.Counts()["PATCH /v1/users/{userId}"]; n != 0 {
						return fmt.Errorf("%d PATCHes for a role removal, want 0", n)
					}
					u, _ := em.Get("user", userID(s))
					if u["role"] != nil {
						return fmt.Errorf("Fivetran still gives the user role %v", u["role"])
					}
					// The person joins and sets their own phone.
					if err := em.AcceptInvitation(userID(s)); err != nil {
						return err
					}
					return em.Patch("user", userID(s), map[string]any{"phone": "+15550100"})
				},
			},
			{
				Config: userHCL(em, "ada@example.com", "Augusta Ada", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("invited"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("verified"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(userAddr, tfjsonpath.New("phone"), knownvalue.StringExact("+15550100")),
				},
			},
			{
				// The same address in another case: the state changes, nothing is sent.
				PreConfig: em.ResetRequests,
				Config:    userHCL(em, "Ada@Example.com", "Augusta Ada", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if userID(s) != first {
						return fmt.Errorf("a change of case replaced the user")
					}
					if w := writesSeen(em); len(w) > 0 {
						return fmt.Errorf("a change of case sent %v", w)
					}
					return nil
				},
			},
			{
				// Fivetran cannot change an email: a new one replaces the user.
				Config: userHCL(em, "ada.lovelace@example.com", "Augusta Ada", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if _, ok := em.Get("user", first); ok {
						return fmt.Errorf("the old user is still in the account")
					}
					return nil
				},
			},
		},
	})
}

// TestAccUser_roleChecked: a role the account does not have, and a role of
// another scope, fail the plan at the attribute, naming the roles that fit,
// before any write; a role differing only in case is pointed to.
func TestAccUser_roleChecked(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      userHCL(em, "ada@example.com", "Ada", "  role = \"account reviewer\"\n"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown role.*did you mean "Account Reviewer".*"Account Administrator"`),
			},
			{
				Config:      userHCL(em, "ada@example.com", "Ada", "  role = \"Destination Analyst\"\n"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Role of another scope.*cannot be given as an account role.*DESTINATION`),
			},
			{
				Config:      userHCL(em, "not-an-email", "Ada", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)email.*must be an email address`),
			},
		},
	})
	if w := writesSeen(em); len(w) > 0 {
		t.Errorf("a refused plan sent %v", w)
	}
}

// TestAccUser_emailTaken: a user whose email (in another case) the account
// has already is a warning at plan, and an error at apply that names the
// user to import; nothing is created.
func TestAccUser_emailTaken(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	u, err := testClient(t, em).CreateUser(context.Background(), fivetran.UserCreate{Email: "ada@example.com", GivenName: "Ada", FamilyName: "L"})
	if err != nil {
		t.Fatal(err)
	}
	existing := u.ID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: userHCL(em, "Ada@Example.com", "Ada", ""),
			// Fivetran's message quotes the email: the diagnostic withholds it.
			ExpectError: regexp.MustCompile(`(?s)User already in the account.*` + regexp.QuoteMeta(existing) + `.*email '\(value withheld\)'`),
		}},
	})
	if n := em.Counts()["POST /v1/users"]; n != 2 { // the fixture's, and the refused one
		t.Errorf("%d invitations, want 2", n)
	}
}

// TestAccUser_lostCreateAnswer: the invitation commits but its answer is
// lost; the provider finds the user by email and adopts it instead of
// inviting again.
func TestAccUser_lostCreateAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/users")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: userHCL(em, "ada@example.com", "Ada", ""),
			Check: func(s *terraform.State) error {
				if _, ok := em.Get("user", userID(s)); !ok {
					return fmt.Errorf("the user in state is not in Fivetran")
				}
				if n := em.Counts()["POST /v1/users"]; n != 1 {
					return fmt.Errorf("%d invitations, want 1 (the lost one, adopted)", n)
				}
				return nil
			},
		}},
	})
}

// TestAccUser_goneOutOfBand: a user removed outside Terraform is planned
// again.
func TestAccUser_goneOutOfBand(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:             userHCL(em, "ada@example.com", "Ada", ""),
				Check:              func(s *terraform.State) error { return em.Delete("user", userID(s)) },
				ExpectNonEmptyPlan: true,
			},
			{
				Config: userHCL(em, "ada@example.com", "Ada", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(userAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccUser_dataSources: by id, by email in another case, and the list
// (the account's own user among them).
func TestAccUser_dataSources(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := userHCL(em, "ada@example.com", "Ada", "  role = \"Account Reviewer\"\n") + `
data "fivetran_user" "by_id" {
  id = fivetran_user.ada.id
}

data "fivetran_user" "by_email" {
  email      = "ADA@example.com"
  depends_on = [fivetran_user.ada]
}
`
	all := cfg + `
data "fivetran_users" "all" {
  depends_on = [fivetran_user.ada]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_user.by_id", tfjsonpath.New("role"), knownvalue.StringExact("Account Reviewer")),
					statecheck.ExpectKnownValue("data.fivetran_user.by_id", tfjsonpath.New("logged_in_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.fivetran_user.by_email", tfjsonpath.New("email"), knownvalue.StringExact("ada@example.com")),
				},
				Check: func(s *terraform.State) error {
					if a := s.RootModule().Resources["data.fivetran_user.by_email"].Primary.Attributes; a["id"] != userID(s) {
						return fmt.Errorf("by email: id %q, want %q", a["id"], userID(s))
					}
					return nil
				},
			},
			{
				// The list lags the invitation: wait until it shows the user.
				PreConfig: func() {
					for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
						if users, err := testClient(t, em).ListUsers(context.Background()); err == nil && len(users) == 2 {
							return
						}
					}
				},
				Config: all,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_users.all", tfjsonpath.New("users"), knownvalue.ListSizeExact(2)),
				},
				Check: func(s *terraform.State) error {
					a := s.RootModule().Resources["data.fivetran_users.all"].Primary.Attributes
					if a["users.0.email"] != "ada@example.com" && a["users.1.email"] != "ada@example.com" {
						return fmt.Errorf("the list of users lacks the invited one: %q, %q", a["users.0.email"], a["users.1.email"])
					}
					return nil
				},
			},
		},
	})
}

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
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

const privateLinkAddr = "fivetran_private_link.warehouse"

// privateLinkHCL is one SOURCE_AWS link reaching the endpoint service
// named svc.
func privateLinkHCL(em *emulator.Running, name, svc, extra string) string {
	return providerConfig(em) + privateLinkBlock("warehouse", name, svc, extra)
}

func privateLinkBlock(label, name, svc, extra string) string {
	return fmt.Sprintf(`
resource "fivetran_private_link" %q {
  name    = %q
  region  = "AWS_US_EAST_1"
  service = "SOURCE_AWS"
  config = {
    connection_service_name = %q
  }
%s}
`, label, name, svc, extra)
}

func privateLinkAttrs(s *terraform.State) map[string]string {
	return s.RootModule().Resources[privateLinkAddr].Primary.Attributes
}

// emulatorLink returns the link with id as the emulator holds it.
func emulatorLink(em *emulator.Running, id string) map[string]any {
	for _, l := range em.PrivateLinks() {
		if l["id"] == id {
			return l
		}
	}
	return nil
}

// TestAccPrivateLink_lifecycle: a create waits until Fivetran has
// provisioned the link (OK, with its host); an import plans nothing; a new
// config is changed in place and waited for (the plan shows the state and
// host unknown); a new name replaces the link; the destroy waits until the
// link is gone.
func TestAccPrivateLink_lifecycle(t *testing.T) {
	accPreCheck(t)
	// Provisioning takes a second, longer than several of the provider's reads.
	em := startEmulatorWith(t, emulator.Options{Seed: 42, PrivateLinkReadyAfter: time.Second})
	var first map[string]string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: privateLinkHCL(em, "warehouse_link", "com.amazonaws.vpce.us-east-1.vpce-svc-1", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(privateLinkAddr, tfjsonpath.New("state"), knownvalue.StringExact("OK")),
					statecheck.ExpectKnownValue(privateLinkAddr, tfjsonpath.New("cloud_provider"), knownvalue.StringExact("AWS")),
					statecheck.ExpectKnownValue(privateLinkAddr, tfjsonpath.New("host"), knownvalue.NotNull()),
				},
				Check: func(s *terraform.State) error {
					first = privateLinkAttrs(s)
					if n := em.Counts()["POST /v1/private-links"]; n != 1 {
						return fmt.Errorf("%d creates, want 1", n)
					}
					if n := em.Counts()["GET /v1/private-links/{id}"]; n < 2 {
						return fmt.Errorf("%d reads of the link: the create did not wait for its provisioning", n)
					}
					if l := emulatorLink(em, first["id"]); l == nil || l["state"] != "OK" {
						return fmt.Errorf("the link in Fivetran: %v", l)
					}
					return nil
				},
			},
			{
				ResourceName:            privateLinkAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config:   privateLinkHCL(em, "warehouse_link", "com.amazonaws.vpce.us-east-1.vpce-svc-1", ""),
				PlanOnly: true,
			},
			{
				Config: privateLinkHCL(em, "warehouse_link", "com.amazonaws.vpce.us-east-1.vpce-svc-2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(privateLinkAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(privateLinkAddr, tfjsonpath.New("state")),
						plancheck.ExpectUnknownValue(privateLinkAddr, tfjsonpath.New("host")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(privateLinkAddr, tfjsonpath.New("state"), knownvalue.StringExact("OK")),
				},
				Check: func(s *terraform.State) error {
					now := privateLinkAttrs(s)
					if now["id"] != first["id"] {
						return fmt.Errorf("a new config replaced the link")
					}
					if n := em.Counts()["PATCH /v1/private-links/{id}"]; n != 1 {
						return fmt.Errorf("%d PATCHes, want 1", n)
					}
					cfg, _ := emulatorLink(em, now["id"])["config"].(map[string]any)
					if cfg["connection_service_name"] != "com.amazonaws.vpce.us-east-1.vpce-svc-2" {
						return fmt.Errorf("config in Fivetran: %v", cfg)
					}
					return nil
				},
			},
			{
				Config: privateLinkHCL(em, "warehouse_link_2", "com.amazonaws.vpce.us-east-1.vpce-svc-2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(privateLinkAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if privateLinkAttrs(s)["id"] == first["id"] {
						return fmt.Errorf("a new name kept the link")
					}
					if len(em.PrivateLinks()) != 1 {
						return fmt.Errorf("%d links in Fivetran after the replacement, want 1", len(em.PrivateLinks()))
					}
					return nil
				},
			},
		},
	})
}

// TestAccPrivateLink_invalid: what Fivetran would refuse fails the plan at
// the attribute, before any request: a key the service does not take, a
// key it needs, a region of another cloud, a name it does not accept. No
// diagnostic quotes a config value.
func TestAccPrivateLink_invalid(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cases := []struct {
		name, hcl string
		want      *regexp.Regexp
	}{
		{"unknown key", `
  name    = "l1"
  region  = "AWS_US_EAST_1"
  service = "SOURCE_AWS"
  config  = { connection_service_name = "svc-secret-1", vpce_id = "vpce-secret-2" }`,
			regexp.MustCompile(`(?s)Invalid private link config.*SOURCE_AWS takes no key "vpce_id"`)},
		{"missing key", `
  name    = "l1"
  region  = "AZURE_EASTUS2"
  service = "SOURCE_AZURE"
  config  = { connection_service_id = "svc-secret-1" }`,
			regexp.MustCompile(`(?s)Invalid private link config.*needs the key "sub_resource_name"`)},
		{"region of another cloud", `
  name    = "l1"
  region  = "GCP_US_EAST4"
  service = "SOURCE_AWS"
  config  = { connection_service_name = "svc-secret-1" }`,
			regexp.MustCompile(`(?s)Region not in the service's cloud.*lives in AWS`)},
		{"name", `
  name    = "has-dashes"
  region  = "AWS_US_EAST_1"
  service = "SOURCE_AWS"
  config  = { connection_service_name = "svc-secret-1" }`,
			regexp.MustCompile(`(?s)name.*letters, digits and underscores`)},
		{"service", `
  name    = "l1"
  region  = "AWS_US_EAST_1"
  service = "SOURCE_MARS"
  config  = { connection_service_name = "svc-secret-1" }`,
			regexp.MustCompile(`(?s)service.*SOURCE_AWS`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      providerConfig(em) + "resource \"fivetran_private_link\" \"l\" {" + tc.hcl + "\n}\n",
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
	if n := em.Counts()["POST /v1/private-links"]; n != 0 {
		t.Errorf("%d creates sent for invalid configurations", n)
	}
}

// TestAccPrivateLink_createLimit: Fivetran allows one private link create
// per window here (scaled down from an hour to 3 s). An apply of two links
// meets the limit with the second and waits for the next slot instead of
// failing; with a window longer than the create's timeout, the create fails
// at once, saying when the next slot comes, and creates nothing.
func TestAccPrivateLink_createLimit(t *testing.T) {
	accPreCheck(t)
	t.Run("waits for the slot", func(t *testing.T) {
		em := startEmulatorWith(t, emulator.Options{Seed: 42, PrivateLinkCreatesPerHour: 1, PrivateLinkCreateWindow: 3 * time.Second})
		cfg := providerConfig(em) + privateLinkBlock("a", "link_a", "svc-a", "") + privateLinkBlock("b", "link_b", "svc-b", "")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			CheckDestroy:             checkAllDestroyed(t, em),
			Steps: []resource.TestStep{{
				Config: cfg,
				Check: func(*terraform.State) error {
					if n := len(em.PrivateLinks()); n != 2 {
						return fmt.Errorf("%d links, want 2", n)
					}
					if n := em.StatusCounts(429)["POST /v1/private-links"]; n != 1 {
						return fmt.Errorf("%d creates refused by the limit, want 1 (then waited out)", n)
					}
					if n := em.Counts()["POST /v1/private-links"]; n != 3 {
						return fmt.Errorf("%d creates sent, want 3 (the refused one once again after its Retry-After)", n)
					}
					return nil
				},
			}},
		})
	})
	t.Run("fails when the slot comes too late", func(t *testing.T) {
		em := startEmulatorWith(t, emulator.Options{Seed: 42, PrivateLinkCreatesPerHour: 1})
		c := testClient(t, em)
		if _, err := em.CreatePrivateLink("outside", "AWS_US_EAST_1", "SOURCE_AWS", map[string]any{"connection_service_name": "svc-o"}); err != nil {
			t.Fatal(err)
		}
		// The out-of-band create does not count: one create through the API does.
		if _, err := c.CreatePrivateLink(context.Background(), fivetran.PrivateLinkCreate{Name: "used_slot", Region: "AWS_US_EAST_1",
			Service: "SOURCE_AWS", Config: map[string]string{"connection_service_name": "svc-u"}}); err != nil {
			t.Fatal(err)
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{{
				Config:      privateLinkHCL(em, "warehouse_link", "svc-1", "  timeouts = { create = \"20s\" }\n"),
				ExpectError: regexp.MustCompile(`(?s)Private link create limit reached.*next is possible in\s+about\s+(59m|1h).*Nothing\s+was\s+created`),
			}},
		})
		if n := len(em.PrivateLinks()); n != 2 {
			t.Errorf("%d links, want the 2 made before", n)
		}
		if n := em.Counts()["POST /v1/private-links"]; n != 2 {
			t.Errorf("%d creates sent, want 2 (the refused one was not repeated)", n)
		}
	})
}

// failWhenCreating fails, as Fivetran would, the first link the emulator
// shows as CREATING, and reports its id.
func failWhenCreating(t *testing.T, em *emulator.Running, summary string) <-chan string {
	t.Helper()
	done := make(chan struct{})
	failed := make(chan string, 1)
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(done) }) })
	go func() {
		for {
			for _, l := range em.PrivateLinks() {
				if l["state"] == "CREATING" {
					id, _ := l["id"].(string)
					if err := em.FailPrivateLink(id, summary); err == nil {
						failed <- id
						return
					}
				}
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return failed
}

// TestAccPrivateLink_failed: Fivetran fails to provision the link. The
// apply fails with Fivetran's reason, the link stays in state (tainted:
// nothing is orphaned) and the next plan replaces it.
func TestAccPrivateLink_failed(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, PrivateLinkReadyAfter: 3 * time.Second})
	failed := failWhenCreating(t, em, "The endpoint service rejected the connection request")
	cfg := privateLinkHCL(em, "warehouse_link", "svc-1", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Private link not provisioned.*provisioning of private link.*failed.*rejected the connection request.*tainted`),
			},
			{
				// The tainted link is replaced, and the new one provisions
				// (the failure was that link's).
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(privateLinkAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if id := <-failed; emulatorLink(em, id) != nil {
						return fmt.Errorf("the failed link %s is still in Fivetran", id)
					}
					links := em.PrivateLinks()
					if len(links) != 1 || links[0]["id"] != privateLinkAttrs(s)["id"] || links[0]["state"] != "OK" {
						return fmt.Errorf("links in Fivetran after the replacement: %v", links)
					}
					return nil
				},
			},
		},
	})
}

// TestAccPrivateLink_busyAtDelete: a create whose timeout runs out while
// Fivetran is still provisioning leaves the link tainted; the replacement
// the next apply makes first deletes it, which Fivetran refuses while it
// is CREATING (IllegalState): the delete waits for it instead of failing.
func TestAccPrivateLink_busyAtDelete(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, PrivateLinkReadyAfter: 6 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:      privateLinkHCL(em, "warehouse_link", "svc-1", "  timeouts = { create = \"2s\" }\n"),
				ExpectError: regexp.MustCompile(`(?s)is still CREATING.*timeout ran out`),
			},
			{
				Config: privateLinkHCL(em, "warehouse_link", "svc-1", "  timeouts = { create = \"1m\" }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(privateLinkAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if n := em.StatusCounts(409)["DELETE /v1/private-links/{id}"]; n == 0 {
						return fmt.Errorf("no delete met the link busy: the test did not test the wait")
					}
					links := em.PrivateLinks()
					if len(links) != 1 || links[0]["id"] != privateLinkAttrs(s)["id"] || links[0]["state"] != "OK" {
						return fmt.Errorf("links in Fivetran: %v", links)
					}
					return nil
				},
			},
		},
	})
}

// TestAccPrivateLink_lostCreateAnswer: the create commits but its answer is
// lost. The provider finds the link by its name and adopts it instead of
// making a second one (which would also use another of the few creates
// Fivetran allows an hour).
func TestAccPrivateLink_lostCreateAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/private-links")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: privateLinkHCL(em, "warehouse_link", "svc-1", ""),
			Check: func(s *terraform.State) error {
				links := em.PrivateLinks()
				if len(links) != 1 || links[0]["id"] != privateLinkAttrs(s)["id"] {
					return fmt.Errorf("%d links in Fivetran (%v), want the one in state", len(links), links)
				}
				if privateLinkAttrs(s)["state"] != "OK" {
					return fmt.Errorf("the adopted link was not waited for")
				}
				return nil
			},
		}},
	})
}

// TestAccPrivateLink_goneOrUnreachable: a link deleted outside Terraform
// is planned again; a NotFound from a wrong api_url keeps the state.
func TestAccPrivateLink_goneOrUnreachable(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := privateLinkHCL(em, "warehouse_link", "svc-1", "")
	wrongURL := strings.Replace(cfg, em.URL, em.URL+"/nowhere", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:      wrongURL,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Unable to read private link`),
			},
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					// Deleted outside Terraform, and gone at once.
					return em.Delete("private_link", privateLinkAttrs(s)["id"])
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(privateLinkAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccPrivateLink_failedWarning: a link that Fivetran reports FAIL after
// it was provisioned is named by a warning at config in a plan that would
// otherwise show nothing.
func TestAccPrivateLink_failedWarning(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+privateLinkBlock("warehouse", "warehouse_link", "svc-1", ""))
	r.must("apply", "-auto-approve", "-no-color")
	for _, l := range em.PrivateLinks() {
		if err := em.FailPrivateLink(fmt.Sprint(l["id"]), "The endpoint service was deleted"); err != nil {
			t.Fatal(err)
		}
	}
	out := strings.Join(strings.Fields(r.must("plan", "-no-color")), " ")
	for _, want := range []string{"Warning: Private link failed", "The endpoint service was deleted", "No changes", "on main.tf line"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	r.must("destroy", "-auto-approve", "-no-color")
}

// TestAccPrivateLink_usedBy: a destination and a connection reach their
// services through the link (created, and waited for, before them: their
// setup tests pass). A delete of the link that a connection made outside
// Terraform still uses fails naming it; once that connection is gone, the
// destroy goes through.
func TestAccPrivateLink_usedBy(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	c := testClient(t, em)
	pipeline := `
resource "fivetran_group" "g" {
  name = "linked"
}

resource "fivetran_destination" "d" {
  group_id          = fivetran_group.g.id
  service           = "postgres_warehouse"
  networking_method = "PrivateLink"
  private_link_id   = fivetran_private_link.warehouse.id
  config = {
    host     = "warehouse.example.com"
    port     = 5432
    database = "dw"
    user     = "loader"
    password = "secret"
  }
}

resource "fivetran_connection" "erp" {
  group_id          = fivetran_destination.d.group_id
  service           = "postgres"
  networking_method = "PrivateLink"
  private_link_id   = fivetran_private_link.warehouse.id
  destination_schema = {
    prefix = "erp"
  }
  config = {
    host          = "erp.internal"
    port          = 5432
    database      = "erp"
    user          = "fivetran"
    password      = "secret"
    update_method = "QUERY_BASED"
  }
}
`
	withPipeline := privateLinkHCL(em, "warehouse_link", "svc-1", "") + pipeline
	alone := privateLinkHCL(em, "warehouse_link", "svc-1", "")
	var outOfBand string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: withPipeline,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("fivetran_connection.erp", tfjsonpath.New("private_link_id"),
						privateLinkAddr, tfjsonpath.New("id"), compareEqual{}),
					statecheck.ExpectKnownValue("fivetran_connection.erp", tfjsonpath.New("setup_state"), knownvalue.StringExact("connected")),
				},
			},
			{
				// The pipeline goes; a connection made outside Terraform
				// uses the link from now on.
				Config: alone,
				Check: func(s *terraform.State) error {
					g := em.CreateGroup("outside")
					if _, err := em.CreateDestination(fmt.Sprint(g["id"]), map[string]any{"service": "postgres_warehouse",
						"region": "GCP_US_EAST4", "time_zone_offset": "0",
						"config": map[string]any{"host": "h", "port": 5432, "database": "d", "user": "u", "password": "p"}}); err != nil {
						return err
					}
					created, err := em.CreateConnection(map[string]any{"group_id": g["id"], "service": "postgres", "run_setup_tests": false,
						"networking_method": "PrivateLink", "private_link_id": privateLinkAttrs(s)["id"],
						"config": map[string]any{"schema_prefix": "made_in_ui", "host": "h", "port": 5432, "database": "d", "user": "u",
							"password": "p", "update_method": "QUERY_BASED"}})
					if err != nil {
						return err
					}
					outOfBand = fmt.Sprint(created["id"])
					return nil
				},
			},
			{
				Config:      providerConfig(em),
				ExpectError: regexp.MustCompile(`(?s)Unable to delete private link.*still used.*connection "made_in_ui"`),
			},
			{
				PreConfig: func() {
					if err := c.DeleteConnection(context.Background(), outOfBand); err != nil {
						t.Fatal(err)
					}
				},
				Config: providerConfig(em),
			},
		},
	})
}

// TestAccPrivateLink_unknownReference: a destination and a connection whose
// private_link_id names no link fail at plan, at that attribute, with one
// look-up for both.
func TestAccPrivateLink_unknownReference(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "outside")
	cfg := providerConfig(em) + `
resource "fivetran_group" "g" {
  name = "linked"
}

resource "fivetran_destination" "d" {
  group_id          = fivetran_group.g.id
  service           = "postgres_warehouse"
  networking_method = "PrivateLink"
  private_link_id   = "ghost_link"
  config = {
    host = "warehouse.internal"
    port = 5432
  }
}

resource "fivetran_connection" "erp" {
  group_id          = "` + gid + `"
  service           = "github"
  networking_method = "PrivateLink"
  private_link_id   = "ghost_link"
  destination_schema = {
    name = "github"
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      cfg,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Unknown private link.*private_link_id += "ghost_link".*Unknown private link.*private_link_id += "ghost_link"`),
		}},
	})
	if n := em.Counts()["GET /v1/private-links/{id}"]; n != 1 {
		t.Errorf("%d look-ups of the link, want 1 for both resources", n)
	}
}

// TestAccPrivateLink_dataSources: by name (found though the list lags the
// create) and by id, and the list of all links.
func TestAccPrivateLink_dataSources(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := privateLinkHCL(em, "warehouse_link", "svc-1", "") + `
data "fivetran_private_link" "by_name" {
  name = fivetran_private_link.warehouse.name
}

data "fivetran_private_link" "by_id" {
  id = fivetran_private_link.warehouse.id
}

data "fivetran_private_links" "all" {
  depends_on = [fivetran_private_link.warehouse]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.fivetran_private_link.by_name", tfjsonpath.New("id"),
						privateLinkAddr, tfjsonpath.New("id"), compareEqual{}),
					statecheck.ExpectKnownValue("data.fivetran_private_link.by_id", tfjsonpath.New("state"), knownvalue.StringExact("OK")),
					statecheck.ExpectKnownValue("data.fivetran_private_link.by_id", tfjsonpath.New("config"),
						knownvalue.MapExact(map[string]knownvalue.Check{"connection_service_name": knownvalue.StringExact("svc-1")})),
				},
			},
			{
				// The list lags the create; by the next run it shows the link.
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_private_links.all", tfjsonpath.New("private_links"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.fivetran_private_links.all", tfjsonpath.New("private_links").AtSliceIndex(0).AtMapKey("name"),
						knownvalue.StringExact("warehouse_link")),
				},
			},
		},
	})
}

// TestAccPrivateLink_planOverLimit: a plan that creates more private links
// than Fivetran allows in an hour warns at each create beyond the fifth,
// saying that the apply will wait; five or fewer plan quietly.
func TestAccPrivateLink_planOverLimit(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	links := func(n int) string {
		var b strings.Builder
		b.WriteString(requiredProviders)
		for i := 1; i <= n; i++ {
			b.WriteString(privateLinkBlock(fmt.Sprintf("l%d", i), fmt.Sprintf("link_%d", i), fmt.Sprintf("svc-%d", i), ""))
		}
		return b.String()
	}
	r.write("main.tf", links(5))
	if out := r.must("plan", "-no-color"); strings.Contains(out, "Warning") && strings.Contains(out, "in an hour") {
		t.Fatalf("five creates warned:\n%s", out)
	}
	r.write("main.tf", links(7))
	out := strings.Join(strings.Fields(r.must("plan", "-no-color")), " ")
	// Terraform folds like warnings into one, "and one more similar".
	n := strings.Count(out, "Warning: More private link creates than Fivetran allows in an hour")
	if n != 2 && (n != 1 || !strings.Contains(out, "(and one more similar warning elsewhere)")) {
		t.Fatalf("%d warnings for seven creates, want 2 (the sixth and the seventh):\n%s", n, out)
	}
	// Which of the two a folded warning shows depends on the order of the
	// plans, which run in parallel.
	if !strings.Contains(out, "at least 6 private links") && !strings.Contains(out, "at least 7 private links") {
		t.Errorf("the plan does not count the creates:\n%s", out)
	}
	if !strings.Contains(out, "allows 5 creates an hour") {
		t.Errorf("the plan does not say the limit:\n%s", out)
	}
}

// TestAccPrivateLink_nameTaken: a plan that creates a link whose name a link
// in Fivetran has warns at name, naming that link and how to adopt it.
func TestAccPrivateLink_nameTaken(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	existing, err := em.CreatePrivateLink("warehouse_link", "AWS_US_EAST_1", "SOURCE_AWS", map[string]any{"connection_service_name": "svc-0"})
	if err != nil {
		t.Fatal(err)
	}
	// The plan's look-up is a list, and lists lag writes: wait until it
	// shows the link, as it would one made long before.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if links, err := testClient(t, em).ListPrivateLinks(context.Background()); err == nil && len(links) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the link made out of band is not listed after 10 s")
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+privateLinkBlock("warehouse", "warehouse_link", "svc-1", ""))
	out := strings.Join(strings.Fields(r.must("plan", "-no-color")), " ")
	if !regexp.MustCompile(`Warning: Private link name already used.*` + fmt.Sprint(existing["id"]) + `.*import block`).MatchString(out) {
		t.Fatalf("the plan does not warn of the taken name:\n%s", out)
	}
}

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

const logAddr = "fivetran_external_logging.sales"

func logHCL(em *emulator.Running, region, extra string) string {
	return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_group" "sales" {
  name = "sales"
}

resource "fivetran_external_logging" "sales" {
  group_id = fivetran_group.sales.id
  service  = "datadog_log"
  config = {
    api_key = "dd-secret-5521"
    region  = %q
  }
%s}
`, region, extra)
}

// TestAccExternalLogging_lifecycle: a log service with a secret (Fivetran
// shows it masked; the state keeps the one written) and setup tests; an
// import plans nothing once the secret is written; a change of one key
// sends that key alone; enabled changes in place.
func TestAccExternalLogging_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: logHCL(em, "US1", "  enabled = true\n  run_setup_tests = true\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(logAddr, tfjsonpath.New("config").AtMapKey("api_key"), knownvalue.StringExact("dd-secret-5521")),
					statecheck.ExpectKnownValue(logAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					if s.RootModule().Resources[logAddr].Primary.ID != s.RootModule().Resources["fivetran_group.sales"].Primary.ID {
						return fmt.Errorf("the log service's id is not its group's")
					}
					if n := em.Counts()["POST /v1/external-logging/{logId}/test"]; n != 1 {
						return fmt.Errorf("%d setup-test runs, want 1", n)
					}
					return nil
				},
			},
			{ResourceName: logAddr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "config", "run_setup_tests"}},
			{
				PreConfig: em.ResetRequests,
				Config:    logHCL(em, "EU", "  enabled = false\n  run_setup_tests = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(logAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if n := em.Counts()["PATCH /v1/external-logging/{logId}"]; n != 1 {
						return fmt.Errorf("%d PATCHes, want 1", n)
					}
					l, err := testClient(t, em).GetExternalLogging(context.Background(), s.RootModule().Resources[logAddr].Primary.ID)
					if err != nil {
						return err
					}
					if l.Enabled || l.Config["region"] != "EU" {
						return fmt.Errorf("Fivetran holds enabled %v, region %v", l.Enabled, l.Config["region"])
					}
					return nil
				},
			},
		},
	})
}

// TestAccExternalLogging_setupTestsFail: failed setup tests fail the apply,
// naming the test; the log service is in state (tainted) and made again.
func TestAccExternalLogging_setupTestsFail(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	g := em.CreateGroup("sales_existing")
	gid := fmt.Sprint(g["id"])
	em.FailExternalLoggingTests(gid, "Sending a test log", "Datadog refused the API key")
	cfg := providerConfig(em) + fmt.Sprintf(`
resource "fivetran_external_logging" "sales" {
  group_id        = %q
  service         = "datadog_log"
  config          = { api_key = "dd-secret-5521" }
  run_setup_tests = true
}
`, gid)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Log service setup tests failed.*Sending a test log.*Datadog refused the API key`),
			},
			{
				PreConfig: func() { em.ClearExternalLoggingTests(gid) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(logAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// TestAccExternalLogging_invalid: an unknown service fails the plan at the
// attribute, before any request.
func TestAccExternalLogging_invalid(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(em) + `
resource "fivetran_external_logging" "sales" {
  group_id = "g1"
  service  = "papertrail"
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)service.*value must be one of`),
			},
		},
	})
	if w := writesSeen(em); len(w) > 0 {
		t.Errorf("a refused plan sent %v", w)
	}
}

// TestAccExternalLogging_groupHasOne: a group with a log service already is
// a warning at plan and an error at apply naming what to import; nothing is
// created.
func TestAccExternalLogging_groupHasOne(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	g := em.CreateGroup("sales_existing")
	gid := fmt.Sprint(g["id"])
	if _, err := testClient(t, em).CreateExternalLogging(context.Background(), fivetran.ExternalLoggingCreate{GroupID: gid, Service: "cloudwatch",
		Config: map[string]any{"region": "us-east-1"}}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + fmt.Sprintf(`
resource "fivetran_external_logging" "sales" {
  group_id = %q
  service  = "datadog_log"
}
`, gid),
			ExpectError: regexp.MustCompile(`(?s)Unable to create log service.*already has a log service.*import\s+block\s+with\s+to.*id\s+=\s+"` + gid + `"`),
		}},
	})
	if n := em.Counts()["POST /v1/external-logging"]; n != 2 { // the fixture's, and the refused one
		t.Errorf("%d creates, want 2", n)
	}
}

// TestAccExternalLogging_lostCreateAnswer: the create commits but its answer
// is lost; the provider finds the log service by its group and adopts it.
func TestAccExternalLogging_lostCreateAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/external-logging")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: logHCL(em, "US1", ""),
			Check: func(*terraform.State) error {
				if n := em.Counts()["POST /v1/external-logging"]; n != 1 {
					return fmt.Errorf("%d creates, want 1 (the lost one, adopted)", n)
				}
				return nil
			},
		}},
	})
}

// TestAccExternalLogging_outOfBandAndData: a log service deleted outside
// Terraform is planned again; the data sources read one by id and the
// list.
func TestAccExternalLogging_outOfBandAndData(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	var id string
	data := `
data "fivetran_external_logging" "sales" {
  id = fivetran_external_logging.sales.id
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: logHCL(em, "US1", "") + data,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_external_logging.sales", tfjsonpath.New("config").AtMapKey("api_key"),
						knownvalue.StringExact("******")),
				},
			},
			{
				PreConfig: func() {
					for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
						if logs, err := testClient(t, em).ListExternalLogging(context.Background()); err == nil && len(logs) == 1 {
							return
						}
					}
				},
				Config: logHCL(em, "US1", "") + data + `
data "fivetran_external_logs" "all" {
  depends_on = [fivetran_external_logging.sales]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_external_logs.all", tfjsonpath.New("logs"), knownvalue.ListSizeExact(1)),
				},
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[logAddr].Primary.ID
					return nil
				},
			},
			{
				// Deleted outside Terraform: planned again.
				PreConfig: func() {
					if err := testClient(t, em).DeleteExternalLogging(context.Background(), id); err != nil {
						t.Fatal(err)
					}
				},
				Config: logHCL(em, "US1", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(logAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestExternalLoggingUnknownKeysWarn: a key the service is not known to
// take, in config or config_wo, is a warning at that attribute naming the
// key and the service's settings (the API keeps any key, and Fivetran may
// add some), never an error and never a value.
func TestExternalLoggingUnknownKeysWarn(t *testing.T) {
	ctx := context.Background()
	var sresp fwresource.SchemaResponse
	(&externalLoggingResource{}).Schema(ctx, fwresource.SchemaRequest{}, &sresp)
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %T", sresp.Schema.Type().TerraformType(ctx))
	}
	obj := func(kv map[string]string) tftypes.Value {
		types, vals := map[string]tftypes.Type{}, map[string]tftypes.Value{}
		for k, v := range kv {
			types[k], vals[k] = tftypes.String, tftypes.NewValue(tftypes.String, v)
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, vals)
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	vals["service"] = tftypes.NewValue(tftypes.String, "datadog_log")
	vals["config"] = obj(map[string]string{"api_key": "k-Secret-77", "api_kye": "v-Secret-88"})
	vals["config_wo"] = obj(map[string]string{"workspace_id": "w-Secret-99"})
	req := fwresource.ValidateConfigRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, vals)}}
	var resp fwresource.ValidateConfigResponse
	(&externalLoggingResource{}).ValidateConfig(ctx, req, &resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 2 {
		t.Fatalf("want two warnings and no error: %v", resp.Diagnostics)
	}
	for _, d := range resp.Diagnostics {
		if !strings.Contains(d.Detail(), `"hostname"`) || strings.Contains(d.Detail(), "Secret") {
			t.Errorf("warning %q: %s", d.Summary(), d.Detail())
		}
	}
	if !strings.Contains(resp.Diagnostics[0].Detail()+resp.Diagnostics[1].Detail(), `"api_kye"`) {
		t.Errorf("the misspelt key is not named: %v", resp.Diagnostics)
	}
}

// TestAccExternalLogging_writeOnly (Terraform 1.11+): a secret in
// config_wo reaches Fivetran and never the state; a new value is sent when
// config_wo_version changes, and only then.
func TestAccExternalLogging_writeOnly(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(key string, version int) string {
		return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_group" "sales" {
  name = "sales"
}

resource "fivetran_external_logging" "sales" {
  group_id          = fivetran_group.sales.id
  service           = "datadog_log"
  config            = { region = "EU" }
  config_wo         = { api_key = %q }
  config_wo_version = %d
}
`, key, version)
	}
	apiKey := func(s *terraform.State) (any, error) {
		c, ok := em.LogServiceConfig(s.RootModule().Resources[logAddr].Primary.ID)
		if !ok {
			return nil, fmt.Errorf("no log service in Fivetran")
		}
		return c["api_key"], nil
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg("first-key-1", 1),
				Check: func(s *terraform.State) error {
					if k, err := apiKey(s); err != nil || k != "first-key-1" {
						return fmt.Errorf("Fivetran holds api_key %v (%w)", k, err)
					}
					if a := s.RootModule().Resources[logAddr].Primary.Attributes; strings.Contains(fmt.Sprint(a), "first-key-1") {
						return fmt.Errorf("the write-only secret is in the state")
					}
					return nil
				},
			},
			{Config: cfg("second-key-2", 1), PlanOnly: true}, // a new value alone plans nothing
			{
				Config: cfg("second-key-2", 2),
				Check: func(s *terraform.State) error {
					if k, err := apiKey(s); err != nil || k != "second-key-2" {
						return fmt.Errorf("Fivetran holds api_key %v (%w)", k, err)
					}
					return nil
				},
			},
		},
	})
}

// TestAccExternalLogging_keyInBoth (Terraform 1.11+): a key in both config
// and config_wo fails the plan at the key, before any request.
func TestAccExternalLogging_keyInBoth(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + `
resource "fivetran_external_logging" "sales" {
  group_id          = "g1"
  service           = "datadog_log"
  config            = { api_key = "a" }
  config_wo         = { api_key = "b" }
  config_wo_version = 1
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Key in both config and config_wo`),
		}},
	})
	if w := writesSeen(em); len(w) > 0 {
		t.Errorf("a refused plan sent %v", w)
	}
}

package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
	"github.com/openpipes/terraform-provider-fivetran/internal/migrate"
)

// generateFrom is a state check that runs the migration generator
// (cmd/fivetran-migrate) on the state, as `terraform show -json` gives it, and
// writes head and the generated HCL to path.
type generateFrom struct {
	path, head string
	stats      *migrate.Stats
}

func (g generateFrom) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	show, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	var out bytes.Buffer
	if *g.stats, err = migrate.Generate(bytes.NewReader(show), &out, migrate.Options{Provider: "openpipes"}); err != nil {
		resp.Error = err
		return
	}
	resp.Error = os.WriteFile(g.path, append([]byte(g.head), out.Bytes()...), 0o600)
}

// TestAccMoveFromOfficial_generated: the HCL the generator writes from the
// state of the official provider (a group, its destination, a proxy agent, a
// private link, a hybrid deployment agent, a connector, its schedule and its
// schema config) plans only moves, the forgotten
// schedule and the sensitivity-marks update of the secrets it turned into
// variables; its apply sends Fivetran no write, and the plan after it is
// empty.
func TestAccMoveFromOfficial_generated(t *testing.T) {
	accPreCheck(t)
	if isOpenTofu(t) {
		t.Skip("OpenTofu cannot move a destination between same-named types (see TestAccMoveFromOfficial)")
	}
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "warehouse")
	body := dsPostgres(gid, "app_db")
	body["paused"], body["sync_frequency"], body["daily_sync_time"] = false, 1440, "03:00"
	cid := dsConnection(t, em, body)
	if _, err := testClient(t, em).UpdateConnectionSchema(context.Background(), cid, fivetran.SchemaConfigUpdate{
		SchemaChangeHandling: fivetran.PolicyBlockAll, Schemas: map[string]*fivetran.SchemaUpdate{"public": {Enabled: true, Tables: map[string]*fivetran.TableUpdate{
			"users":    {Enabled: true, SyncMode: "SOFT_DELETE", Columns: map[string]*fivetran.ColumnUpdate{"email": {Enabled: true, Hashed: ptrTo(true)}}},
			"accounts": {Enabled: false},
		}}}}); err != nil {
		t.Fatal(err)
	}
	agent, err := testClient(t, em).CreateProxyAgent(context.Background(), "office-proxy", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	link, err := testClient(t, em).CreatePrivateLink(context.Background(), fivetran.PrivateLinkCreate{Name: "warehouse_link",
		Region: "AWS_US_EAST_1", Service: "SOURCE_AWS", Config: map[string]string{"connection_service_name": "svc-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := em.ReadyPrivateLink(link.ID); err != nil { // provisioned long ago
		t.Fatal(err)
	}
	hybrid, creds, err := testClient(t, em).CreateHybridAgent(context.Background(), fivetran.HybridAgentCreate{GroupID: gid,
		DisplayName: "dc_east", EnvType: "DOCKER", AuthType: "AUTO", AcceptTerms: true})
	if err != nil {
		t.Fatal(err)
	}
	// The generated variables' values, as a user passes them.
	t.Setenv("TF_VAR_main_v2_config_password", "dest-secret-1234")
	t.Setenv("TF_VAR_pg_config_password", "conn-secret-5521")
	providers := movingProviders(em)
	official := providers + fmt.Sprintf(`
resource "fivetran_group" "main" {
  name = "warehouse"
}
resource "fivetran_destination" "main" {
  group_id         = fivetran_group.main.id
  service          = "postgres_warehouse"
  region           = "AWS_EU_CENTRAL_1"
  time_zone_offset = "-5"
  run_setup_tests  = false
  config {
    host     = "warehouse.internal"
    port     = 5432
    database = "dw"
    user     = "loader"
    password = "dest-secret-1234"
  }
}
resource "fivetran_proxy_agent" "office" {
  display_name         = "office-proxy"
  group_region         = "GCP_US_EAST4"
  regeneration_counter = 1
}
resource "fivetran_private_link" "warehouse" {
  name       = "warehouse_link"
  region     = "AWS_US_EAST_1"
  service    = "SOURCE_AWS"
  config_map = { connection_service_name = "svc-1" }
}
resource "fivetran_hybrid_deployment_agent" "dc" {
  group_id               = fivetran_group.main.id
  display_name           = "dc_east"
  auth_type              = "AUTO"
  env_type               = "DOCKER"
  authentication_counter = 2
}
`+officialConnectorHCL, gid)
	// The file exists from the start (the test framework checks a step's
	// file before it runs); step 1 writes the generated HCL into it.
	generated := filepath.Join(t.TempDir(), "main.tf")
	if err := os.WriteFile(generated, []byte(providers), 0o600); err != nil {
		t.Fatal(err)
	}
	var stats migrate.Stats
	// At step level: a step configured by file may not have them on the case.
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"fivetran": providerserver.NewProtocol6WithError(&officialStandIn{connectionID: cid, groupID: gid, proxyAgent: agent,
			privateLinkID: link.ID, hybridAgent: hybrid, hybridCreds: creds}),
		"openpipes": providerserver.NewProtocol6WithError(New("test")()),
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: factories,
				Config:                   official,
				ConfigStateChecks:        []statecheck.StateCheck{generateFrom{path: generated, head: providers, stats: &stats}},
			},
			{
				PreConfig: func() {
					em.ResetRequests()
					// The agents' secrets move with their state: no variable.
					if want := (migrate.Stats{Moved: 7, Removed: 1, Variables: 2}); stats != want {
						t.Errorf("the generator wrote %+v, want %+v", stats, want)
					}
				},
				ProtoV6ProviderFactories: factories,
				ConfigFile:               config.StaticFile(generated),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					movesOnly{moved: []string{"fivetran_group.main_v2", "fivetran_destination.main_v2",
						"fivetran_proxy_agent.office_v2", "fivetran_private_link.warehouse_v2", "fivetran_hybrid_deployment_agent.dc_v2",
						"fivetran_connection.pg", "fivetran_connection_schema.pg"}},
					// Their secrets_version is the official counter: no new secrets.
					plancheck.ExpectResourceAction("fivetran_proxy_agent.office_v2", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("fivetran_hybrid_deployment_agent.dc_v2", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("fivetran_private_link.warehouse_v2", plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error {
					for _, r := range em.Requests() {
						if r.Method != http.MethodGet {
							return fmt.Errorf("the move sent Fivetran %s %s", r.Method, r.Route)
						}
					}
					return nil
				},
				// The plan after the apply must be empty (checked by the framework).
			},
		},
	})
}

package provider

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// officialStandIn is a test-only stand-in for the official Fivetran
// provider: it serves the official type names at the official schema
// versions, with the attributes the tests write (the same names, kinds and
// nesting as the official schemas; the fixtures in testdata/official have
// the full shapes). It stores what it is given and calls nothing. Terraform
// needs it only because the state names it: a cross-type move is answered
// by the target provider alone.
type officialStandIn struct {
	connectionID string // the id its "create" assigns, of a connection made out of band
	groupID      string // the same for the group and its destination
	// proxyAgent is what its proxy agent's "create" returns: the id and the
	// secrets of an agent made out of band (nil: null).
	proxyAgent *fivetran.ProxyAgentSecrets
	// privateLinkID is the id its private link's "create" assigns, of a
	// link made out of band.
	privateLinkID string
	// hybridAgent and hybridCreds are what its hybrid deployment agent's
	// "create" returns, of an agent made out of band.
	hybridAgent *fivetran.HybridAgent
	hybridCreds *fivetran.HybridAgentCredentials
	// userID and teamID are the ids its user's and team's "creates" assign,
	// of objects made out of band.
	userID, teamID string
}

func (p *officialStandIn) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "fivetran"
}
func (p *officialStandIn) Schema(context.Context, fwprovider.SchemaRequest, *fwprovider.SchemaResponse) {
}
func (p *officialStandIn) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}
func (p *officialStandIn) DataSources(context.Context) []func() datasource.DataSource { return nil }

func (p *officialStandIn) Resources(context.Context) []func() fwresource.Resource {
	str := func() schema.StringAttribute { return schema.StringAttribute{Optional: true} }
	computed := func() schema.StringAttribute { return schema.StringAttribute{Computed: true} }
	boolean := func() schema.BoolAttribute { return schema.BoolAttribute{Optional: true} }
	id := types.StringValue(p.connectionID)
	connector := schema.Schema{
		Version: 4,
		Attributes: map[string]schema.Attribute{
			"id": computed(), "name": computed(), "connected_by": computed(), "created_at": computed(),
			"group_id": schema.StringAttribute{Required: true}, "service": schema.StringAttribute{Required: true},
			"run_setup_tests": boolean(), "trust_certificates": boolean(), "trust_fingerprints": boolean(),
			"networking_method": str(), "proxy_agent_id": str(), "private_link_id": str(), "hybrid_deployment_agent_id": str(),
			"data_delay_sensitivity": str(), "data_delay_threshold": schema.Int64Attribute{Optional: true},
		},
		Blocks: map[string]schema.Block{
			"destination_schema": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
				"name": str(), "table": str(), "prefix": str(), "table_group_name": str()}},
			"config": schema.SingleNestedBlock{
				Attributes: map[string]schema.Attribute{
					"host": str(), "port": schema.Int64Attribute{Optional: true}, "user": str(), "database": str(),
					"password": schema.StringAttribute{Optional: true, Sensitive: true}, "update_method": str(),
					"tunnel_host": str(), "replication_slot": str(), "always_encrypted": boolean(),
				},
				Blocks: map[string]schema.Block{"project_credentials": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{"project": str(), "api_key": schema.StringAttribute{Optional: true, Sensitive: true}}}}},
			},
			"auth": schema.SingleNestedBlock{
				Attributes: map[string]schema.Attribute{"refresh_token": schema.StringAttribute{Optional: true, Sensitive: true}},
				Blocks: map[string]schema.Block{"client_access": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
					"client_id": str(), "client_secret": schema.StringAttribute{Optional: true, Sensitive: true}}}},
			},
		},
	}
	scheduleSchema := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "connector_id": str(), "group_id": str(), "connector_name": str(),
		"sync_frequency": str(), "schedule_type": str(), "paused": str(), "pause_after_trial": str(), "daily_sync_time": str(),
	}}
	column := schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true}, "enabled": boolean(), "hashed": boolean()}}}
	table := schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{
		Attributes: map[string]schema.Attribute{"name": schema.StringAttribute{Required: true}, "enabled": boolean(), "sync_mode": str()},
		Blocks:     map[string]schema.Block{"column": column}}}
	schemaConfig := schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id": computed(), "connector_id": str(), "group_id": str(), "connector_name": str(),
			"schema_change_handling": str(), "validation_level": str(), "schemas_json": str(),
		},
		Blocks: map[string]schema.Block{"schema": schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{"name": schema.StringAttribute{Required: true}, "enabled": boolean()},
			Blocks:     map[string]schema.Block{"table": table}}}},
	}
	group := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "name": schema.StringAttribute{Required: true}, "created_at": computed(), "last_updated": computed()}}
	destination := schema.Schema{
		Version: 2,
		Attributes: map[string]schema.Attribute{
			"id": computed(), "group_id": schema.StringAttribute{Required: true}, "service": schema.StringAttribute{Required: true},
			"region": str(), "time_zone_offset": schema.StringAttribute{Required: true}, "setup_status": computed(),
			"run_setup_tests": boolean(), "trust_certificates": boolean(), "trust_fingerprints": boolean(),
			"daylight_saving_time_enabled": boolean(), "networking_method": str(), "private_link_id": str(),
			"proxy_agent_id": str(), "hybrid_deployment_agent_id": str(),
		},
		Blocks: map[string]schema.Block{"config": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
			"host": str(), "port": schema.Int64Attribute{Optional: true}, "user": str(), "database": str(),
			"password": schema.StringAttribute{Optional: true, Sensitive: true}, "role": str(), "private_key": str()}}},
	}
	// The official fivetran_connection keeps its config as a JSON string
	// and its destination_schema as a block; its companion,
	// fivetran_connection_config, holds config and auth as JSON strings.
	// The stand-in's connection takes its id from the configuration (the
	// official one has it computed): the tests give it the id of a
	// connection made out of band, a different one per instance.
	officialConnection := schema.Schema{
		Version: 1,
		Attributes: map[string]schema.Attribute{
			"id":       schema.StringAttribute{Optional: true, Computed: true},
			"name":     computed(),
			"group_id": schema.StringAttribute{Required: true}, "service": schema.StringAttribute{Required: true},
			"run_setup_tests": boolean(), "trust_certificates": boolean(), "trust_fingerprints": boolean(),
			"networking_method": str(), "data_delay_sensitivity": str(),
			"config": schema.StringAttribute{Optional: true},
		},
		Blocks: map[string]schema.Block{"destination_schema": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
			"name": str(), "table": str(), "prefix": str(), "table_group_name": str()}}},
	}
	connectionConfig := schema.Schema{
		Version: 1,
		Attributes: map[string]schema.Attribute{
			"id": computed(), "connection_id": schema.StringAttribute{Required: true},
			"run_setup_tests": boolean(), "trust_certificates": boolean(), "trust_fingerprints": boolean(),
			"config": schema.StringAttribute{Optional: true, Sensitive: true},
			"auth":   schema.StringAttribute{Optional: true, Sensitive: true},
		},
	}
	// The official fivetran_proxy_agent (schema version 0): the region as
	// group_region, the token as token, registred_at so spelled, and the
	// secrets computed, the token and the key sensitive.
	proxyAgent := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "registred_at": computed(), "created_by": computed(), "client_cert": computed(),
		"client_private_key":   schema.StringAttribute{Computed: true, Sensitive: true},
		"token":                schema.StringAttribute{Computed: true, Sensitive: true},
		"display_name":         schema.StringAttribute{Required: true},
		"group_region":         schema.StringAttribute{Required: true},
		"regeneration_counter": schema.NumberAttribute{Optional: true},
	}}
	agent := func(v func(*fivetran.ProxyAgentSecrets) string) types.String {
		if p.proxyAgent == nil {
			return types.StringNull()
		}
		return types.StringValue(v(p.proxyAgent))
	}
	// The official fivetran_private_link (schema version 0): the config as
	// config_map, a map of strings.
	privateLink := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "cloud_provider": computed(), "state": computed(), "state_summary": computed(),
		"created_at": computed(), "created_by": computed(), "host": computed(),
		"name": schema.StringAttribute{Required: true}, "region": schema.StringAttribute{Required: true},
		"service":    schema.StringAttribute{Required: true},
		"config_map": schema.MapAttribute{ElementType: types.StringType, Required: true},
	}}
	// The official fivetran_hybrid_deployment_agent (schema version 0).
	hybridAgent := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "registered_at": computed(), "docker_compose_yaml": computed(),
		"token":       schema.StringAttribute{Computed: true, Sensitive: true},
		"config_json": schema.StringAttribute{Computed: true, Sensitive: true},
		"auth_json":   schema.StringAttribute{Computed: true, Sensitive: true},
		"group_id":    schema.StringAttribute{Required: true}, "display_name": schema.StringAttribute{Required: true},
		"auth_type": schema.StringAttribute{Required: true}, "env_type": schema.StringAttribute{Required: true},
		"authentication_counter": schema.NumberAttribute{Optional: true},
	}}
	hybrid := func(v func(*fivetran.HybridAgent, *fivetran.HybridAgentCredentials) string) types.String {
		if p.hybridAgent == nil {
			return types.StringNull()
		}
		return types.StringValue(v(p.hybridAgent, p.hybridCreds))
	}
	// The official fivetran_user and fivetran_team (schema version 0).
	user := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "logged_in_at": computed(), "created_at": computed(),
		"email": schema.StringAttribute{Required: true}, "given_name": schema.StringAttribute{Required: true},
		"family_name": schema.StringAttribute{Required: true}, "phone": str(), "picture": str(), "role": str(),
		"invited": boolean(), "verified": boolean(),
	}}
	team := schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed(), "name": schema.StringAttribute{Required: true}, "description": str(), "role": schema.StringAttribute{Required: true},
	}}
	gid := types.StringValue(p.groupID)
	return []func() fwresource.Resource{
		func() fwresource.Resource {
			return &standInResource{suffix: "_user", schema: user, computed: map[string]attr.Value{"id": types.StringValue(p.userID),
				"logged_in_at": types.StringValue("0001-01-01 00:00:00 +0000 UTC"), "created_at": types.StringValue("2024-05-02 10:11:12.345 +0000 UTC")}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_team", schema: team, computed: map[string]attr.Value{"id": types.StringValue(p.teamID)}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_hybrid_deployment_agent", schema: hybridAgent, computed: map[string]attr.Value{
				"id":                  hybrid(func(a *fivetran.HybridAgent, _ *fivetran.HybridAgentCredentials) string { return a.ID }),
				"registered_at":       hybrid(func(a *fivetran.HybridAgent, _ *fivetran.HybridAgentCredentials) string { return a.RegisteredAt }),
				"token":               hybrid(func(_ *fivetran.HybridAgent, c *fivetran.HybridAgentCredentials) string { return c.Token }),
				"config_json":         hybrid(func(_ *fivetran.HybridAgent, c *fivetran.HybridAgentCredentials) string { return c.ConfigJSON }),
				"auth_json":           hybrid(func(_ *fivetran.HybridAgent, c *fivetran.HybridAgentCredentials) string { return c.AuthJSON }),
				"docker_compose_yaml": hybrid(func(_ *fivetran.HybridAgent, c *fivetran.HybridAgentCredentials) string { return c.DockerComposeYAML }),
			}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_private_link", schema: privateLink, computed: map[string]attr.Value{
				"id": types.StringValue(p.privateLinkID), "cloud_provider": types.StringValue("AWS"), "state": types.StringValue("OK"),
				"state_summary": types.StringValue(""), "created_at": types.StringValue("2024-05-02T10:11:12.345Z"),
				"created_by": types.StringValue("mystery_pinch"), "host": types.StringValue("h.example"),
			}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_proxy_agent", schema: proxyAgent, computed: map[string]attr.Value{
				"id":                 agent(func(s *fivetran.ProxyAgentSecrets) string { return s.AgentID }),
				"token":              agent(func(s *fivetran.ProxyAgentSecrets) string { return s.AuthToken }),
				"client_cert":        agent(func(s *fivetran.ProxyAgentSecrets) string { return s.ClientCert }),
				"client_private_key": agent(func(s *fivetran.ProxyAgentSecrets) string { return s.ClientPrivateKey }),
				"registred_at":       types.StringValue("2024-05-02T10:11:12.345Z"),
				"created_by":         types.StringValue("mystery_pinch"),
			}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_connection", schema: officialConnection, computed: map[string]attr.Value{
				"name": types.StringNull()}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_connection_config", schema: connectionConfig, computed: map[string]attr.Value{}, idFrom: "connection_id"}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_group", schema: group, computed: map[string]attr.Value{"id": gid,
				"created_at": types.StringValue("2023-01-09 14:02:11.48 +0000 UTC"), "last_updated": types.StringValue("2023-01-09 14:02:11.48 +0000 UTC")}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_destination", schema: destination, computed: map[string]attr.Value{"id": gid,
				"setup_status": types.StringValue("connected")}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_connector", schema: connector, computed: map[string]attr.Value{
				"id": id, "name": types.StringValue("app_db"), "connected_by": types.StringValue("mystery_pinch"),
				"created_at": types.StringValue("2024-03-11 09:12:44.512 +0000 UTC")}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_connector_schedule", schema: scheduleSchema, computed: map[string]attr.Value{"id": id}}
		},
		func() fwresource.Resource {
			return &standInResource{suffix: "_connector_schema_config", schema: schemaConfig, computed: map[string]attr.Value{"id": id}}
		},
	}
}

// standInResource stores its configuration as its state, with the computed
// attributes set to fixed values.
type standInResource struct {
	suffix   string
	schema   schema.Schema
	computed map[string]attr.Value
	idFrom   string // an attribute whose value is also the id ("" for none)
}

func (r *standInResource) Metadata(_ context.Context, req fwresource.MetadataRequest, resp *fwresource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.suffix
}
func (r *standInResource) Schema(_ context.Context, _ fwresource.SchemaRequest, resp *fwresource.SchemaResponse) {
	resp.Schema = r.schema
}
func (r *standInResource) Create(ctx context.Context, req fwresource.CreateRequest, resp *fwresource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
	for k, v := range r.computed {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(k), v)...)
	}
	if r.idFrom != "" {
		var id types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(r.idFrom), &id)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	}
}
func (r *standInResource) Read(context.Context, fwresource.ReadRequest, *fwresource.ReadResponse) {}
func (r *standInResource) Update(ctx context.Context, req fwresource.UpdateRequest, resp *fwresource.UpdateResponse) {
	resp.Diagnostics.AddError("Not supported", "The stand-in does not update.")
}
func (r *standInResource) Delete(context.Context, fwresource.DeleteRequest, *fwresource.DeleteResponse) {
}

// movesOnly fails unless every change in the plan is a move (no-op at a new
// address), leaves state without a destroy (forget), or is an update that
// changes no value. Terraform plans such an update after a move when the
// configuration passes a secret from a sensitive variable: the moved state
// carries no sensitivity marks (a provider cannot set them), so only the
// marks change, and the update sends Fivetran nothing.
type movesOnly struct{ moved []string }

func (c movesOnly) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	moved := map[string]bool{}
	for _, rc := range req.Plan.ResourceChanges {
		switch {
		case rc.Change.Actions.NoOp():
			if rc.PreviousAddress != "" {
				moved[rc.Address] = true
			}
		case rc.Change.Actions.Forget():
		case rc.Change.Actions.Update() && reflect.DeepEqual(rc.Change.Before, rc.Change.After):
			if rc.PreviousAddress != "" {
				moved[rc.Address] = true
			}
		default:
			resp.Error = fmt.Errorf("%s plans %v, want only moves", rc.Address, rc.Change.Actions)
			return
		}
	}
	for _, a := range c.moved {
		if !moved[a] {
			resp.Error = fmt.Errorf("%s is not moved in the plan", a)
			return
		}
	}
}

// TestAccMoveFromOfficial: state written by the official provider (a
// group, its destination, a connector, its schedule and its schema config)
// moves to this provider's group and destination (at new addresses: the type
// names are the same), fivetran_connection and fivetran_connection_schema in
// one plan that changes no value (moves, a forget, and on Terraform an update
// of the sensitivity marks the password's variable brings), an apply
// that sends Fivetran nothing but reads, and an empty plan after; then a
// normal update works. A move from a type that does not map is refused at
// plan and leaves the state as it was (the right move works after it).
func TestAccMoveFromOfficial(t *testing.T) {
	accPreCheck(t)
	// The official provider's address is registry.terraform.io/fivetran/fivetran;
	// the test framework gives every provider it serves one namespace, so
	// this provider is served as fivetran/openpipes beside it.
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran")
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "warehouse")
	body := dsPostgres(gid, "app_db")
	body["paused"], body["sync_frequency"], body["daily_sync_time"] = false, 1440, "03:00"
	cid := dsConnection(t, em, body)
	policy := fivetran.PolicyBlockAll
	if _, err := testClient(t, em).UpdateConnectionSchema(context.Background(), cid, fivetran.SchemaConfigUpdate{
		SchemaChangeHandling: policy, Schemas: map[string]*fivetran.SchemaUpdate{"public": {Enabled: true, Tables: map[string]*fivetran.TableUpdate{
			"users":    {Enabled: true, SyncMode: "SOFT_DELETE", Columns: map[string]*fivetran.ColumnUpdate{"email": {Enabled: true, Hashed: ptrTo(true)}}},
			"accounts": {Enabled: false},
		}}}}); err != nil {
		t.Fatal(err)
	}

	providers := movingProviders(em)
	officialSameNames := `
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
`
	official := providers + officialSameNames + fmt.Sprintf(`
`+officialConnectorHCL, gid)
	// Group and destination: the same type names in both providers, so each
	// moves to a new address. OpenTofu 1.10 hands such a move to the new
	// provider as a state upgrade instead: a destination cannot take it (the
	// official versions are newer than ours), and a group deleted without
	// this provider's destination in between meets the connections Fivetran
	// is still removing; there both stay on the official provider, side by
	// side with this one.
	sameNames, groupRef, moved := `
resource "fivetran_group" "warehouse" {
  provider = openpipes
  name     = "warehouse"
}
moved {
  from = fivetran_group.main
  to   = fivetran_group.warehouse
}
resource "fivetran_destination" "warehouse" {
  provider         = openpipes
  group_id         = fivetran_group.warehouse.id
  service          = "postgres_warehouse"
  region           = "AWS_EU_CENTRAL_1"
  time_zone_offset = "-5"
  run_setup_tests  = false
  config = {
    host     = "warehouse.internal"
    port     = 5432
    database = "dw"
    user     = "loader"
    password = "dest-secret-1234"
  }
}
moved {
  from = fivetran_destination.main
  to   = fivetran_destination.warehouse
}
`, "fivetran_group.warehouse.id", []string{"fivetran_connection.pg", "fivetran_connection_schema.pg", "fivetran_group.warehouse",
		"fivetran_destination.warehouse"}
	if isOpenTofu(t) {
		sameNames, groupRef, moved = officialSameNames, "fivetran_group.main.id", moved[:2]
	}
	connection := func(paused bool) string {
		return fmt.Sprintf(`
variable "pg_password" {
  type      = string
  sensitive = true
  default   = "conn-secret-5521"
}
resource "fivetran_connection" "pg" {
  provider           = openpipes
  group_id           = %s
  service            = "postgres"
  run_setup_tests    = false
  destination_schema = { prefix = "app_db" }
  config = {
    host          = "db.internal"
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = var.pg_password
    update_method = "XMIN"
  }
  sync_frequency  = 1440
  daily_sync_time = "03:00"
  paused          = %t
}
`, groupRef, paused)
	}
	ours := func(paused bool) string {
		return providers + connection(paused) + sameNames + `
resource "fivetran_connection_schema" "pg" {
  provider               = openpipes
  connection_id          = fivetran_connection.pg.id
  schema_change_handling = "BLOCK_ALL"
  schemas                = { public = "included" }
  tables                 = { "public.users" = "included", "public.accounts" = "excluded" }
  sync_modes             = { "public.users" = "SOFT_DELETE" }
  columns                = { "public.users.email" = "hashed" }
}
moved {
  from = fivetran_connector.pg
  to   = fivetran_connection.pg
}
moved {
  from = fivetran_connector_schema_config.pg
  to   = fivetran_connection_schema.pg
}
removed {
  from = fivetran_connector_schedule.pg
  lifecycle {
    destroy = false
  }
}
`
	}
	// A schedule is not a connection: the move is refused and nothing changes.
	badMove := providers + connection(false) + sameNames + `
moved {
  from = fivetran_connector_schedule.pg
  to   = fivetran_connection.pg
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{connectionID: cid, groupID: gid}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: official},
			{
				Config:      badMove,
				ExpectError: regexp.MustCompile(`(?s)Cannot move this state into fivetran_connection.*fivetran_connector_schedule.*import`),
			},
			moveOnlyStep(em, ours(false), moved),
			onePatchStep(em, ours(true),
				plancheck.ExpectResourceAction("fivetran_connection.pg", plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction("fivetran_connection_schema.pg", plancheck.ResourceActionNoop)),
		},
	})
}

// TestAccMoveFromOfficial_sameAddress: keeping a group's or a destination's
// address and only switching its provider is not a move; Terraform asks this
// provider to upgrade the old state. A group's passes through (the same
// schema version) and plans nothing; a destination's is refused, as the
// official versions are newer than ours. Neither plans a second object. No
// move is involved, so this runs on every version: Terraform 1.5 and 1.14
// and OpenTofu 1.10 behave alike.
func TestAccMoveFromOfficial_sameAddress(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "warehouse")
	providers := movingProviders(em)
	group := func(provider string) string {
		return fmt.Sprintf(`
resource "fivetran_group" "main" {
  provider = %s
  name     = "warehouse"
}
`, provider)
	}
	destination := `
resource "fivetran_destination" "main" {
  provider         = openpipes
  group_id         = fivetran_group.main.id
  service          = "postgres_warehouse"
  region           = "AWS_EU_CENTRAL_1"
  time_zone_offset = "-5"
  run_setup_tests  = false
  config = {
    host     = "warehouse.internal"
    port     = 5432
    database = "dw"
    user     = "loader"
    password = "dest-secret-1234"
  }
}
`
	officialDestination := `
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
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{groupID: gid}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: providers + group("fivetran") + officialDestination},
			{
				Config:      providers + group("openpipes") + destination,
				ExpectError: regexp.MustCompile(`(?s)fivetran_destination\.main.*newer\s+provider\s+version`),
			},
			{
				PreConfig: em.ResetRequests,
				Config:    providers + group("openpipes") + officialDestination,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("fivetran_group.main", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("fivetran_destination.main", plancheck.ResourceActionNoop),
				}},
				Check: func(*terraform.State) error {
					for _, r := range em.Requests() {
						if r.Method != http.MethodGet {
							return fmt.Errorf("switching the group's provider sent %s %s", r.Method, r.Route)
						}
					}
					if n := len(em.Groups()); n != 1 {
						return fmt.Errorf("%d groups in Fivetran, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// officialConnectorHCL is the official provider's connector, its schedule and
// its schema config, as both move tests declare them (%[1]q: the group id).
const officialConnectorHCL = `resource "fivetran_connector" "pg" {
  group_id        = %[1]q
  service         = "postgres"
  run_setup_tests = false
  destination_schema {
    prefix = "app_db"
  }
  config {
    host          = "db.internal"
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = "conn-secret-5521"
    update_method = "XMIN"
  }
}
resource "fivetran_connector_schedule" "pg" {
  connector_id    = fivetran_connector.pg.id
  sync_frequency  = "1440"
  daily_sync_time = "03:00"
  schedule_type   = "auto"
  paused          = "false"
}
resource "fivetran_connector_schema_config" "pg" {
  connector_id           = fivetran_connector.pg.id
  schema_change_handling = "BLOCK_ALL"
  schema {
    name    = "public"
    enabled = true
    table {
      name      = "users"
      enabled   = true
      sync_mode = "SOFT_DELETE"
      column {
        name    = "email"
        enabled = true
        hashed  = true
      }
    }
    table {
      name    = "accounts"
      enabled = false
    }
  }
}
`

// TestAccMoveFromOfficial_connectionPair: the official fivetran_connection
// and its fivetran_connection_config companion move into this provider's
// fivetran_connection from either of them; the other leaves state with
// removed. Connection a moves from the official fivetran_connection, which
// holds its config (the type name is the same in both providers, so to a new
// address; not on OpenTofu, see below); connection b moves from the
// companion, which holds it (the refresh after the move reads the group,
// service and destination schema from Fivetran). The plan holds only moves
// and forgets, the apply sends Fivetran nothing but reads, the next plan is
// empty, and a normal update then sends one PATCH.
func TestAccMoveFromOfficial_connectionPair(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "warehouse")
	cidA := dsConnection(t, em, dsPostgres(gid, "app_a"))
	cidB := dsConnection(t, em, dsPostgres(gid, "app_b"))
	providers := movingProviders(em)
	const config = `jsonencode({
    host          = "db.internal"
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = "conn-secret-5521"
    update_method = "XMIN"
  })`
	officialA := fmt.Sprintf(`
resource "fivetran_connection" "a" {
  id              = %[2]q
  group_id        = %[1]q
  service         = "postgres"
  run_setup_tests = false
  destination_schema {
    prefix = "app_a"
  }
  config = %[3]s
}
resource "fivetran_connection_config" "a" {
  connection_id   = fivetran_connection.a.id
  run_setup_tests = false
}
`, gid, cidA, config)
	official := providers + officialA + fmt.Sprintf(`
resource "fivetran_connection" "b" {
  id              = %[2]q
  group_id        = %[1]q
  service         = "postgres"
  run_setup_tests = false
  destination_schema {
    prefix = "app_b"
  }
}
resource "fivetran_connection_config" "b" {
  connection_id   = fivetran_connection.b.id
  run_setup_tests = false
  config          = %[3]s
}
`, gid, cidB, config)
	conn := func(name, prefix string, paused bool) string {
		return fmt.Sprintf(`
resource "fivetran_connection" %q {
  provider           = openpipes
  group_id           = %q
  service            = "postgres"
  run_setup_tests    = false
  destination_schema = { prefix = %q }
  config = {
    host          = "db.internal"
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = "conn-secret-5521"
    update_method = "XMIN"
  }
  sync_frequency = 60
  paused         = %t
}
`, name, gid, prefix, paused)
	}
	// Connection a: OpenTofu 1.10 hands a move between the same-named types
	// to this provider as a state upgrade, which it refuses (version 1 is
	// the official one's); there it stays on the official provider.
	a, moved := conn("a_v2", "app_a", true)+`
moved {
  from = fivetran_connection.a
  to   = fivetran_connection.a_v2
}
removed {
  from = fivetran_connection_config.a
  lifecycle {
    destroy = false
  }
}
`, []string{"fivetran_connection.a_v2", "fivetran_connection.b_v2"}
	if isOpenTofu(t) {
		a, moved = officialA, moved[1:]
	}
	ours := func(pausedB bool) string {
		return providers + a + conn("b_v2", "app_b", pausedB) + `
moved {
  from = fivetran_connection_config.b
  to   = fivetran_connection.b_v2
}
removed {
  from = fivetran_connection.b
  lifecycle {
    destroy = false
  }
}
`
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{groupID: gid}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: official},
			moveOnlyStep(em, ours(true), moved),
			onePatchStep(em, ours(false),
				plancheck.ExpectResourceAction("fivetran_connection.b_v2", plancheck.ResourceActionUpdate)),
		},
	})
}

// writesSeen lists the requests other than GET the emulator answered since
// its last reset, as "METHOD route".
func writesSeen(em *emulator.Running) []string {
	var out []string
	for _, r := range em.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r.Method+" "+r.Route)
		}
	}
	return out
}

// moveOnlyStep applies cfg, whose plan must hold only the moves of moved
// (and forgets), and checks that Fivetran saw no write. The plan after the
// apply must be empty (checked by the framework).
func moveOnlyStep(em *emulator.Running, cfg string, moved []string) resource.TestStep {
	return resource.TestStep{
		PreConfig:        em.ResetRequests,
		Config:           cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{movesOnly{moved: moved}}},
		Check: func(*terraform.State) error {
			if w := writesSeen(em); len(w) > 0 {
				return fmt.Errorf("the move sent Fivetran %v", w)
			}
			return nil
		},
	}
}

// onePatchStep applies cfg, whose plan must pass checks, and checks that
// Fivetran saw exactly one write: a PATCH of a connection.
func onePatchStep(em *emulator.Running, cfg string, checks ...plancheck.PlanCheck) resource.TestStep {
	return resource.TestStep{
		PreConfig:        em.ResetRequests,
		Config:           cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: checks},
		Check: func(*terraform.State) error {
			if w := writesSeen(em); len(w) != 1 || w[0] != "PATCH PATCH /v1/connections/{id}" {
				return fmt.Errorf("the update sent %v, want one PATCH of the connection", w)
			}
			return nil
		},
	}
}

// movingProviders is the configuration's head during a move from the
// official provider: the stand-in official provider under its own name
// (local name fivetran) beside this one (local name openpipes), as the
// migration guide has it, this one pointed at the emulator.
func movingProviders(em *emulator.Running) string {
	return `
terraform {
  required_providers {
    fivetran  = { source = "fivetran/fivetran" }
    openpipes = { source = "fivetran/openpipes" }
  }
}` + namedProviderConfig("openpipes", em)
}

// TestAccMoveFromOfficial_proxyAgent: the state of the official provider's
// fivetran_proxy_agent (the type name is the same in both providers) moves
// to this provider's at a new address in a plan that holds the move alone,
// no update and no replacement; the apply sends Fivetran nothing but reads,
// and the state then holds the agent's id, name, region, secrets_version
// (from regeneration_counter) and the three secrets the official create
// returned, the token still the one Fivetran knows; the plan after it is
// empty. Then a change of secrets_version regenerates the secrets in place.
func TestAccMoveFromOfficial_proxyAgent(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	// The agent the official provider made: its secrets are the ones
	// Fivetran returned to that create, and the stand-in's state holds them.
	made, err := testClient(t, em).CreateProxyAgent(context.Background(), "office-proxy", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	providers := movingProviders(em)
	official := providers + `
resource "fivetran_proxy_agent" "office" {
  display_name         = "office-proxy"
  group_region         = "GCP_US_EAST4"
  regeneration_counter = 1
}
`
	ours := func(secretsVersion int) string {
		return providers + fmt.Sprintf(`
resource "fivetran_proxy_agent" "office_v2" {
  provider        = openpipes
  display_name    = "office-proxy"
  region          = "GCP_US_EAST4"
  secrets_version = %d
}
moved {
  from = fivetran_proxy_agent.office
  to   = fivetran_proxy_agent.office_v2
}
`, secretsVersion)
	}
	const addr = "fivetran_proxy_agent.office_v2"
	// moved checks the moved state against the agent made out of band;
	// secrets are compared, never printed.
	moved := func(s *terraform.State) error {
		if _, ok := s.RootModule().Resources["fivetran_proxy_agent.office"]; ok {
			return fmt.Errorf("the official address is still in the state")
		}
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in the state", addr)
		}
		a := rs.Primary.Attributes
		for k, want := range map[string]string{"id": made.AgentID, "display_name": "office-proxy", "region": "GCP_US_EAST4",
			"secrets_version": "1"} {
			if a[k] != want {
				return fmt.Errorf("%s = %q, want %q", k, a[k], want)
			}
		}
		for k, want := range map[string]string{"auth_token": made.AuthToken, "client_cert": made.ClientCert,
			"client_private_key": made.ClientPrivateKey} {
			if a[k] == "" || a[k] != want {
				return fmt.Errorf("%s is not the one the official create returned (set: %v)", k, a[k] != "")
			}
		}
		// No regeneration happened: the moved token is the agent's current one.
		if err := em.ConnectProxyAgent(made.AgentID, a["auth_token"]); err != nil {
			return fmt.Errorf("the moved token does not connect the agent: %w", err)
		}
		if w := writesSeen(em); len(w) > 0 {
			return fmt.Errorf("the move sent Fivetran %v", w)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{proxyAgent: made}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: official},
			{
				PreConfig: em.ResetRequests,
				Config:    ours(1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// The move alone: a no-op at the new address, nothing else.
					PreApply: []plancheck.PlanCheck{
						movesOnly{moved: []string{addr}},
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: moved,
			},
			{
				// A new secrets_version has new secrets issued, in place.
				PreConfig: em.ResetRequests,
				Config:    ours(2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("auth_token")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if w := writesSeen(em); len(w) != 1 || !strings.Contains(w[0], "regenerate") {
						return fmt.Errorf("the update sent %v, want one regeneration", w)
					}
					token := s.RootModule().Resources[addr].Primary.Attributes["auth_token"]
					if token == "" || token == made.AuthToken {
						return fmt.Errorf("the token did not change")
					}
					if err := em.ConnectProxyAgent(made.AgentID, made.AuthToken); err == nil {
						return fmt.Errorf("the moved token still connects after the regeneration")
					}
					return em.ConnectProxyAgent(made.AgentID, token)
				},
			},
		},
	})
}

// TestAccMoveFromOfficial_proxyAgentSameAddress: keeping a proxy agent's
// address and only switching its provider is not a move; Terraform (and
// OpenTofu, also for a `moved` block) hands this provider the official state
// as an upgrade from schema version 0, the official one. It is taken over
// as a move would take it: the plan changes nothing, nothing is written to
// Fivetran, and the state keeps the token and secrets_version. Were version
// 0 ours, the framework would decode the official state as is, dropping the
// token and regeneration_counter, and plan a regeneration.
func TestAccMoveFromOfficial_proxyAgentSameAddress(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	made, err := testClient(t, em).CreateProxyAgent(context.Background(), "office-proxy", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	providers := movingProviders(em)
	const addr = "fivetran_proxy_agent.office"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{proxyAgent: made}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: providers + `
resource "fivetran_proxy_agent" "office" {
  display_name         = "office-proxy"
  group_region         = "GCP_US_EAST4"
  regeneration_counter = 1
}
`},
			{
				PreConfig: em.ResetRequests,
				Config: providers + `
resource "fivetran_proxy_agent" "office" {
  provider        = openpipes
  display_name    = "office-proxy"
  region          = "GCP_US_EAST4"
  secrets_version = 1
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					a := s.RootModule().Resources[addr].Primary.Attributes
					if a["secrets_version"] != "1" || a["region"] != "GCP_US_EAST4" || a["auth_token"] == "" || a["auth_token"] != made.AuthToken {
						return fmt.Errorf("the state taken over lost the token, the region or secrets_version (secrets_version %q)", a["secrets_version"])
					}
					if w := writesSeen(em); len(w) > 0 {
						return fmt.Errorf("switching the provider sent Fivetran %v", w)
					}
					return em.ConnectProxyAgent(made.AgentID, a["auth_token"])
				},
			},
		},
	})
}

// TestAccMoveFromOfficial_privateLinkSameAddress: switching a private
// link's provider from the official one to this one at the same address
// (Terraform hands the state over as an upgrade from the official schema
// version 0) keeps the link: its config_map becomes config, the plan holds
// no change and nothing is sent to Fivetran.
func TestAccMoveFromOfficial_privateLinkSameAddress(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	made, err := testClient(t, em).CreatePrivateLink(context.Background(), fivetran.PrivateLinkCreate{Name: "warehouse_link",
		Region: "AWS_US_EAST_1", Service: "SOURCE_AWS", Config: map[string]string{"connection_service_name": "svc-1"}})
	if err != nil {
		t.Fatal(err)
	}
	providers := movingProviders(em)
	const addr = "fivetran_private_link.warehouse"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{privateLinkID: made.ID}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: providers + `
resource "fivetran_private_link" "warehouse" {
  name       = "warehouse_link"
  region     = "AWS_US_EAST_1"
  service    = "SOURCE_AWS"
  config_map = { connection_service_name = "svc-1" }
}
`},
			{
				PreConfig: em.ResetRequests,
				Config: providers + `
resource "fivetran_private_link" "warehouse" {
  provider = openpipes
  name     = "warehouse_link"
  region   = "AWS_US_EAST_1"
  service  = "SOURCE_AWS"
  config   = { connection_service_name = "svc-1" }
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					a := s.RootModule().Resources[addr].Primary.Attributes
					if a["id"] != made.ID || a["config.connection_service_name"] != "svc-1" || a["config.%"] != "1" || a["created_by"] == "" {
						return fmt.Errorf("the state taken over: %v", a)
					}
					if w := writesSeen(em); len(w) > 0 {
						return fmt.Errorf("switching the provider sent Fivetran %v", w)
					}
					return nil
				},
			},
		},
	})
}

// TestAccMoveFromOfficial_privateLink: the official provider's
// fivetran_private_link moves to this provider's at a new address in a plan
// that holds the move alone; the apply sends Fivetran nothing but reads,
// config_map has become config, and the plan after it is empty. A change
// of config then updates the link in place.
func TestAccMoveFromOfficial_privateLink(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	made, err := testClient(t, em).CreatePrivateLink(context.Background(), fivetran.PrivateLinkCreate{Name: "warehouse_link",
		Region: "AWS_US_EAST_1", Service: "SOURCE_AWS", Config: map[string]string{"connection_service_name": "svc-1"}})
	if err != nil {
		t.Fatal(err)
	}
	// Provisioned long ago, as a link the official provider made would be.
	if err := em.ReadyPrivateLink(made.ID); err != nil {
		t.Fatal(err)
	}
	providers := movingProviders(em)
	ours := func(svc string) string {
		return providers + fmt.Sprintf(`
resource "fivetran_private_link" "warehouse_v2" {
  provider = openpipes
  name     = "warehouse_link"
  region   = "AWS_US_EAST_1"
  service  = "SOURCE_AWS"
  config   = { connection_service_name = %q }
}
moved {
  from = fivetran_private_link.warehouse
  to   = fivetran_private_link.warehouse_v2
}
`, svc)
	}
	const addr = "fivetran_private_link.warehouse_v2"
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{privateLinkID: made.ID}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: providers + `
resource "fivetran_private_link" "warehouse" {
  name       = "warehouse_link"
  region     = "AWS_US_EAST_1"
  service    = "SOURCE_AWS"
  config_map = { connection_service_name = "svc-1" }
}
`},
			{
				PreConfig: em.ResetRequests,
				Config:    ours("svc-1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						movesOnly{moved: []string{addr}},
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources["fivetran_private_link.warehouse"]; ok {
						return fmt.Errorf("the official address is still in the state")
					}
					a := s.RootModule().Resources[addr].Primary.Attributes
					if a["id"] != made.ID || a["config.connection_service_name"] != "svc-1" || a["config.%"] != "1" {
						return fmt.Errorf("the moved state: %v", a)
					}
					if w := writesSeen(em); len(w) > 0 {
						return fmt.Errorf("the move sent Fivetran %v", w)
					}
					return nil
				},
			},
			{
				PreConfig: em.ResetRequests,
				Config:    ours("svc-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if w := writesSeen(em); len(w) != 1 || !strings.Contains(w[0], "PATCH") {
						return fmt.Errorf("the update sent %v, want one PATCH", w)
					}
					return nil
				},
			},
		},
	})
}

// TestAccMoveFromOfficial_hybridAgentSameAddress: switching a hybrid
// deployment agent's provider from the official one to this one at the same
// address keeps the agent and its credentials (the token still starts it),
// authentication_counter as secrets_version; the plan holds no change and
// nothing is sent to Fivetran.
func TestAccMoveFromOfficial_hybridAgentSameAddress(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	g := em.CreateGroup("on_prem")
	gid := fmt.Sprint(g["id"])
	agent, creds, err := testClient(t, em).CreateHybridAgent(context.Background(), fivetran.HybridAgentCreate{GroupID: gid,
		DisplayName: "dc_east", EnvType: "DOCKER", AuthType: "AUTO", AcceptTerms: true})
	if err != nil {
		t.Fatal(err)
	}
	providers := movingProviders(em)
	const addr = "fivetran_hybrid_deployment_agent.dc"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{hybridAgent: agent, hybridCreds: creds}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: providers + fmt.Sprintf(`
resource "fivetran_hybrid_deployment_agent" "dc" {
  group_id               = %q
  display_name           = "dc_east"
  auth_type              = "AUTO"
  env_type               = "DOCKER"
  authentication_counter = 1
}
`, gid)},
			{
				PreConfig: em.ResetRequests,
				Config: providers + fmt.Sprintf(`
resource "fivetran_hybrid_deployment_agent" "dc" {
  provider        = openpipes
  group_id        = %q
  display_name    = "dc_east"
  auth_type       = "AUTO"
  env_type        = "DOCKER"
  accept_terms    = true
  secrets_version = 1
}
`, gid),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					a := s.RootModule().Resources[addr].Primary.Attributes
					if a["id"] != agent.ID || a["secrets_version"] != "1" || a["token"] != creds.Token || a["auth_json"] != creds.AuthJSON {
						return fmt.Errorf("the state taken over lost the id, the counter or the credentials (secrets_version %q)", a["secrets_version"])
					}
					if w := writesSeen(em); len(w) > 0 {
						return fmt.Errorf("switching the provider sent Fivetran %v", w)
					}
					return em.StartHybridAgent(agent.ID, a["token"])
				},
			},
		},
	})
}

// TestAccMoveFromOfficial_userAndTeamSameAddress: switching a user and a
// team from the official provider to this one at the same address keeps
// them; the plan holds no change and nothing is sent to Fivetran.
func TestAccMoveFromOfficial_userAndTeamSameAddress(t *testing.T) {
	accPreCheck(t)
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "fivetran") // see TestAccMoveFromOfficial
	em := startEmulator(t)
	c := testClient(t, em)
	u, err := c.CreateUser(context.Background(), fivetran.UserCreate{Email: "ada@example.com", GivenName: "Ada", FamilyName: "Lovelace",
		Role: "Account Reviewer"})
	if err != nil {
		t.Fatal(err)
	}
	tm, err := c.CreateTeam(context.Background(), fivetran.TeamCreate{Name: "analysts", Description: "BI", Role: "Account Reviewer"})
	if err != nil {
		t.Fatal(err)
	}
	providers := movingProviders(em)
	body := `
resource "fivetran_user" "ada" {
%s  email       = "ada@example.com"
  given_name  = "Ada"
  family_name = "Lovelace"
  role        = "Account Reviewer"
}

resource "fivetran_team" "analysts" {
%s  name        = "analysts"
  description = "BI"
  role        = "Account Reviewer"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"fivetran":  providerserver.NewProtocol6WithError(&officialStandIn{userID: u.ID, teamID: tm.ID}),
			"openpipes": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{
			{Config: providers + fmt.Sprintf(body, "", "")},
			{
				PreConfig: em.ResetRequests,
				Config:    providers + fmt.Sprintf(body, "  provider    = openpipes\n", "  provider    = openpipes\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("fivetran_user.ada", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("fivetran_team.analysts", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources["fivetran_user.ada"].Primary.ID; id != u.ID {
						return fmt.Errorf("user id %q after the switch, want %q", id, u.ID)
					}
					if id := s.RootModule().Resources["fivetran_team.analysts"].Primary.ID; id != tm.ID {
						return fmt.Errorf("team id %q after the switch, want %q", id, tm.ID)
					}
					if w := writesSeen(em); len(w) > 0 {
						return fmt.Errorf("switching the provider sent Fivetran %v", w)
					}
					return nil
				},
			},
		},
	})
}

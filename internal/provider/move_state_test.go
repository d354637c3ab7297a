package provider

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openpipes/terraform-provider-fivetran/internal/schemachoice"
)

// The fixtures in testdata/official are states in the exact shape the
// official provider writes (every attribute of its schema present, unset
// ones null, list blocks that were never written empty), one per type and
// schema version the moves accept.

const officialAddr = "registry.terraform.io/fivetran/fivetran"

func officialFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "official", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixtureSecrets are the secret values the fixtures hold in clear (written
// by a configuration, as the official provider keeps them): no diagnostic
// may quote them.
var fixtureSecrets = []string{"dest-Old-Secret-8812", "pg-Secret-7731", "pg-Old-Secret-2291", "sf-Client-Secret-5521", "sf-Refresh-Token-0093", "pg-Trunc",
	proxyFixtureToken, "ProxyKey-Fixture-7719"}

func ptrTo[T any](v T) *T { return &v }

func TestOfficialConnection(t *testing.T) {
	for _, tc := range []struct {
		file, typeName string
		version        int64
		want           movedConnection
	}{{
		file: "connector_v4_postgres.json", typeName: "fivetran_connector", version: 4,
		want: movedConnection{
			ID: "speak_inexpensive", GroupID: "decent_dropsy", Service: "postgres", Name: "app_db",
			DestinationSchema: map[string]string{"name": "app_db"},
			// The secret written by the configuration is kept: the same HCL plans no change.
			Config: map[string]any{"host": "db.example.com", "port": json.Number("5432"), "user": "fivetran",
				"password": "pg-Secret-7731", "database": "app", "update_method": "XMIN", "connection_type": "Directly",
				"always_encrypted": true},
			RunSetupTests: ptrTo(true), TrustCertificates: ptrTo(false),
			NetworkingMethod: ptrTo("Directly"), DataDelaySensitivity: ptrTo("NORMAL"), DataDelayThreshold: ptrTo(int64(0)),
		},
	}, {
		file: "connector_v4_google_ads_imported.json", typeName: "fivetran_connector", version: 4,
		want: movedConnection{
			ID: "fabric_sixteen", GroupID: "decent_dropsy", Service: "google_ads", Name: "google_ads",
			DestinationSchema: map[string]string{"name": "google_ads"},
			Config: map[string]any{"customer_id": "123-456-7890", "timeframe_months": "TWELVE", "sync_mode": "SpecificAccounts",
				"accounts": []any{"1234567890", "2345678901"}, "conversion_window_size": json.Number("30"),
				"reports": []any{
					map[string]any{"table": "campaign_stats", "config_type": "Custom", "report_type": "CAMPAIGN_PERFORMANCE_REPORT",
						"fields": []any{"campaign_id", "clicks", "impressions"}},
					map[string]any{"table": "ad_stats", "config_type": "Prebuilt", "prebuilt_report": "AD_PERFORMANCE"},
				}},
			Auth:       map[string]any{"client_access": map[string]any{"client_id": "81237.apps.example.com"}},
			MaskedKeys: []string{"auth.client_access.client_secret", "auth.client_access.developer_token", "auth.refresh_token"},
		},
	}, {
		file: "connector_v3_mysql_imported.json", typeName: "fivetran_connector", version: 3,
		want: movedConnection{
			ID: "mellow_gopher", GroupID: "decent_dropsy", Service: "mysql", Name: "shop",
			DestinationSchema: map[string]string{"prefix": "shop"},
			Config: map[string]any{"host": "10.0.4.17", "port": json.Number("3306"), "user": "fivetran", "database": "shop",
				"tunnel_host": "bastion.example.com", "tunnel_port": json.Number("22"), "tunnel_user": "fivetran", "update_method": "BINLOG"},
			MaskedKeys:    []string{"config.password"},
			RunSetupTests: ptrTo(false), TrustCertificates: ptrTo(true), TrustFingerprints: ptrTo(true),
			NetworkingMethod: ptrTo("SshTunnel"), HybridDeploymentAgentID: ptrTo("tepid_ocean"), DataDelaySensitivity: ptrTo("HIGH"),
		},
	}, {
		// Written by the plugin-SDK provider: blocks as one-element lists,
		// config primitives, flags and the schedule as strings.
		file: "connector_v0_sdk.json", typeName: "fivetran_connector", version: 0,
		want: movedConnection{
			ID: "rarely_carrot", GroupID: "decent_dropsy", Service: "postgres", Name: "billing",
			DestinationSchema: map[string]string{"name": "billing"},
			Config: map[string]any{"host": "pg.internal.example.com", "port": "5432", "user": "fivetran", "password": "pg-Old-Secret-2291",
				"database": "billing", "update_method": "WAL", "replication_slot": "fivetran_slot", "always_encrypted": "true"},
			RunSetupTests: ptrTo(true), TrustCertificates: ptrTo(false), TrustFingerprints: ptrTo(false),
			SyncFrequency: ptrTo(int64(1440)), ScheduleType: ptrTo("auto"), Paused: ptrTo(false), PauseAfterTrial: ptrTo(false),
			DailySyncTime: ptrTo("03:00"),
		},
	}, {
		file: "connection_v1_s3.json", typeName: "fivetran_connection", version: 1,
		want: movedConnection{
			ID: "spiral_tendency", GroupID: "decent_dropsy", Service: "s3", Name: "landing.events",
			DestinationSchema: map[string]string{"name": "landing", "table": "events"},
			Config: map[string]any{"bucket": "acme-events", "file_type": "json", "pattern": `events/.*\.json`, "prefix": "raw/",
				"role_arn": "arn:aws:iam::123456789012:role/fivetran", "compression": "gzip", "on_error": "fail",
				"append_file_option": "upsert_file", "archive_pattern": "", "empty_header": false, "skip_before": json.Number("0"),
				"list_strategy": "complete_listing", "connection_type": "Directly",
				"files": []any{map[string]any{"file_pattern": "a/.*", "table_name": "a"}}},
			MaskedKeys:    []string{"config.secret_key"},
			RunSetupTests: ptrTo(false), TrustCertificates: ptrTo(false), TrustFingerprints: ptrTo(false),
			NetworkingMethod: ptrTo("Directly"), DataDelaySensitivity: ptrTo("NORMAL"), DataDelayThreshold: ptrTo(int64(0)),
		},
	}, {
		file: "connection_config_v1_salesforce.json", typeName: "fivetran_connection_config", version: 1,
		want: movedConnection{
			ID: "vertical_earth",
			Config: map[string]any{"domain": "acme.my.salesforce.com", "is_sandbox": false, "sync_mode": "SpecificTables",
				"tables": []any{"Account", "Opportunity"}},
			Auth: map[string]any{"client_access": map[string]any{"client_id": "3MVG9-example", "client_secret": "sf-Client-Secret-5521"},
				"refresh_token": "sf-Refresh-Token-0093"},
			RunSetupTests: ptrTo(true), TrustCertificates: ptrTo(false), TrustFingerprints: ptrTo(false),
		},
	}} {
		t.Run(tc.file, func(t *testing.T) {
			got, err := officialConnection(tc.typeName, tc.version, officialFixture(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(tc.want, "", " ")
				t.Errorf("moved connection:\n got %s\nwant %s", g, w)
			}
		})
	}
}

func TestOfficialSchemaConfig(t *testing.T) {
	for _, tc := range []struct {
		file string
		want movedSchemaConfig
	}{{
		file: "connector_schema_config_blocks.json",
		want: movedSchemaConfig{ConnectionID: "speak_inexpensive", Policy: ptrTo("BLOCK_ALL"), Flat: schemachoice.Flat{
			Schemas:   map[string]string{"public": "included", "staging": "excluded"},
			Tables:    map[string]string{"public.users": "included", "public.orders": "included", "public.audit.log": "excluded"},
			SyncModes: map[string]string{"public.users": "SOFT_DELETE", "public.orders": "HISTORY", "public.audit.log": "SOFT_DELETE"},
			Columns: map[string]string{"public.users.email": "hashed", "public.users.password_hash": "excluded",
				"public.users.id": "included"},
		}},
	}, {
		file: "connector_schema_config_map.json",
		want: movedSchemaConfig{ConnectionID: "speak_inexpensive", Policy: ptrTo("ALLOW_COLUMNS"), Flat: schemachoice.Flat{
			Schemas:   map[string]string{"public": "included"},
			Tables:    map[string]string{"public.users": "included", "public.events": "excluded"},
			SyncModes: map[string]string{"public.users": "LIVE", "public.events": "SOFT_DELETE"},
			Columns:   map[string]string{"public.users.email": "hashed"},
		}},
	}, {
		// schemas_json holds only what was written: nothing more is added.
		file: "connector_schema_config_json.json",
		want: movedSchemaConfig{ConnectionID: "speak_inexpensive", Flat: schemachoice.Flat{
			Schemas: map[string]string{"public": "included"},
			Tables:  map[string]string{"public.accounts": "excluded"},
			Columns: map[string]string{"public.users.ssn": "excluded"},
		}},
	}} {
		t.Run(tc.file, func(t *testing.T) {
			got, err := officialSchemaConfig(officialFixture(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("moved schema config:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// moveInto runs a resource's MoveState as the framework does, with the
// target's own schema and identity schema.
func moveInto(t *testing.T, r resource.Resource, req resource.MoveStateRequest) resource.MoveStateResponse {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	resp := resource.MoveStateResponse{TargetState: tfsdk.State{Schema: sr.Schema,
		Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
	if ri, ok := r.(resource.ResourceWithIdentity); ok {
		var ir resource.IdentitySchemaResponse
		ri.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &ir)
		resp.TargetIdentity = &tfsdk.ResourceIdentity{Schema: ir.IdentitySchema,
			Raw: tftypes.NewValue(ir.IdentitySchema.Type().TerraformType(ctx), nil)}
	}
	movers := jsonAs[resource.ResourceWithMoveState](t, r).MoveState(ctx)
	if len(movers) != 1 {
		t.Fatalf("%d state movers, want 1", len(movers))
	}
	movers[0].StateMover(ctx, req, &resp)
	return resp
}

func officialMove(t *testing.T, typeName string, version int64, file string) resource.MoveStateRequest {
	return resource.MoveStateRequest{SourceProviderAddress: officialAddr, SourceTypeName: typeName, SourceSchemaVersion: version,
		SourceRawState: &tfprotov6.RawState{JSON: officialFixture(t, file)}}
}

func noSecretIn(t *testing.T, diags diag.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		for _, s := range fixtureSecrets {
			if strings.Contains(d.Summary()+d.Detail(), s) {
				t.Errorf("diagnostic %q quotes a secret of the old state", d.Summary())
			}
		}
	}
}

// The moved state holds what the old state had of what we manage and null
// for what Fivetran decides; the Read after the move fills the rest.
func TestMoveConnectionState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewConnectionResource(), officialMove(t, "fivetran_connector", 3, "connector_v3_mysql_imported.json"))
	noSecretIn(t, resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var m connectionModel
	if d := resp.TargetState.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != "mellow_gopher" || m.GroupID.ValueString() != "decent_dropsy" || m.Service.ValueString() != "mysql" {
		t.Errorf("id, group_id, service = %s, %s, %s", m.ID, m.GroupID, m.Service)
	}
	ds := m.DestinationSchema.Elements()
	if jsonAs[types.String](t, ds["prefix"]).ValueString() != "shop" || len(ds) != 1 {
		t.Errorf("destination_schema = %s", m.DestinationSchema)
	}
	cfg, err := dynamicToMap(m.Config)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cfg["password"]; ok {
		t.Error("the masked password was moved into config")
	}
	if _, ok := cfg["schema_prefix"]; ok {
		t.Error("schema_prefix was moved into config; it belongs to destination_schema")
	}
	if len(cfg) != 8 {
		t.Errorf("config has %d keys, want the 8 set ones: %v", len(cfg), cfg)
	}
	// A number stays a number, as the configuration writes it.
	if port := jsonAs[types.Object](t, m.Config.UnderlyingValue()).Attributes()["port"]; !port.Type(ctx).Equal(types.NumberType) {
		t.Errorf("port has type %s, want a number", port.Type(ctx))
	}
	if m.RunSetupTests.ValueBool() || !m.TrustCertificates.ValueBool() || !m.TrustFingerprints.ValueBool() {
		t.Error("the setup-test flags were not kept")
	}
	if m.HybridDeploymentAgentID.ValueString() != "tepid_ocean" || m.NetworkingMethod.ValueString() != "SshTunnel" {
		t.Error("networking was not kept")
	}
	// What Fivetran decides is left to the Read that follows.
	for name, v := range map[string]attr.Value{"setup_state": m.SetupState,
		"sync_frequency": m.SyncFrequency, "paused": m.Paused, "auth": m.Auth,
		"config_wo_version": m.ConfigWOVersion, "connect_card_uri": m.ConnectCardURI} {
		if !v.IsNull() {
			t.Errorf("%s = %s, want null", name, v)
		}
	}
	var id idIdentity
	if d := resp.TargetIdentity.Get(ctx, &id); d.HasError() || id.ID.ValueString() != "mellow_gopher" {
		t.Errorf("identity = %v %v", id.ID, d)
	}
	if w := resp.Diagnostics.Warnings(); len(w) != 1 || !strings.Contains(w[0].Detail(), "config.password") {
		t.Errorf("want one warning naming config.password, got %v", w)
	}
}

// Unset setup-test flags take our schema's defaults, so that a configuration
// that does not write them plans no change.
func TestMoveConnectionStateDefaults(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewConnectionResource(), officialMove(t, "fivetran_connector", 4, "connector_v4_google_ads_imported.json"))
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var rst, tc, tf types.Bool
	resp.TargetState.GetAttribute(ctx, path.Root("run_setup_tests"), &rst)
	resp.TargetState.GetAttribute(ctx, path.Root("trust_certificates"), &tc)
	resp.TargetState.GetAttribute(ctx, path.Root("trust_fingerprints"), &tf)
	if !rst.ValueBool() || tc.ValueBool() || tf.ValueBool() || tc.IsNull() || tf.IsNull() {
		t.Errorf("run_setup_tests, trust_certificates, trust_fingerprints = %s, %s, %s; want true, false, false", rst, tc, tf)
	}
	var auth types.Dynamic
	resp.TargetState.GetAttribute(ctx, path.Root("auth"), &auth)
	a, _ := dynamicToMap(auth)
	if !reflect.DeepEqual(a, map[string]any{"client_access": map[string]any{"client_id": "81237.apps.example.com"}}) {
		t.Errorf("auth = %v", a)
	}
}

func TestMoveConnectionSchemaState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewConnectionSchemaResource(),
		officialMove(t, "fivetran_connector_schema_config", 0, "connector_schema_config_blocks.json"))
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var m connectionSchemaModel
	if d := resp.TargetState.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ConnectionID.ValueString() != "speak_inexpensive" || m.SchemaChangeHandling.ValueString() != "BLOCK_ALL" || !m.Exclusive.IsNull() {
		t.Errorf("connection_id, policy, exclusive = %s, %s, %s", m.ConnectionID, m.SchemaChangeHandling, m.Exclusive)
	}
	// Read takes the prior choices from the state's value: it must read the moved state.
	prior, err := priorOf(resp.TargetState.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if prior.flat.Columns["public.users.email"] != "hashed" || prior.flat.Tables["public.audit.log"] != "excluded" || len(prior.flat.SyncModes) != 3 {
		t.Errorf("prior choices = %+v", prior.flat)
	}

	// No choice of a kind: the map is null, as a configuration without it plans.
	resp = moveInto(t, NewConnectionSchemaResource(),
		officialMove(t, "fivetran_connector_schema_config", 0, "connector_schema_config_json.json"))
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var modes types.Map
	var policy types.String
	resp.TargetState.GetAttribute(ctx, path.Root("sync_modes"), &modes)
	resp.TargetState.GetAttribute(ctx, path.Root("schema_change_handling"), &policy)
	if !modes.IsNull() || !policy.IsNull() {
		t.Errorf("sync_modes = %s, schema_change_handling = %s; want both null", modes, policy)
	}
}

// A move that cannot be made is an error naming the type and what to do
// instead, quoting nothing of the old state; no state is returned, so
// Terraform keeps the old one.
func TestMoveStateRefusals(t *testing.T) {
	conn, schema := NewConnectionResource(), NewConnectionSchemaResource()
	corruptKind := []byte(`{"id":"speak_inexpensive","config":"pg-Secret-7731","run_setup_tests":"maybe"}`)
	for _, tc := range []struct {
		name   string
		r      resource.Resource
		req    resource.MoveStateRequest
		saying []string
	}{
		{"schedule into connection", conn, officialMove(t, "fivetran_connector_schedule", 0, "connector_schedule.json"),
			[]string{"fivetran_connector_schedule", "not the same kind", "removed", "import"}},
		{"unshipped version", conn, officialMove(t, "fivetran_connector", 5, "connector_v4_postgres.json"),
			[]string{"schema version 5", "0, 1, 2, 3, 4", "import"}},
		{"another provider", conn, resource.MoveStateRequest{SourceProviderAddress: "registry.terraform.io/acme/fivetranish",
			SourceTypeName: "fivetran_connector", SourceSchemaVersion: 4,
			SourceRawState: &tfprotov6.RawState{JSON: officialFixture(t, "connector_v4_postgres.json")}},
			[]string{"registry.terraform.io/acme/fivetranish", "official"}},
		{"corrupt JSON", conn, officialMove(t, "fivetran_connector", 4, "connector_v4_corrupt.json"),
			[]string{"fivetran_connector", "not valid JSON", "import"}},
		{"wrong kind", conn, resource.MoveStateRequest{SourceProviderAddress: officialAddr, SourceTypeName: "fivetran_connector",
			SourceSchemaVersion: 4, SourceRawState: &tfprotov6.RawState{JSON: corruptKind}},
			[]string{`"run_setup_tests"`, "a boolean"}},
		{"no id", conn, resource.MoveStateRequest{SourceProviderAddress: officialAddr, SourceTypeName: "fivetran_connection",
			SourceSchemaVersion: 1, SourceRawState: &tfprotov6.RawState{JSON: []byte(`{"id":null,"config":null}`)}},
			[]string{"no id"}},
		{"connector into schema", schema, officialMove(t, "fivetran_connector", 4, "connector_v4_postgres.json"),
			[]string{"fivetran_connection_schema", "fivetran_connector_schema_config"}},
		{"bad sync mode", schema, resource.MoveStateRequest{SourceProviderAddress: officialAddr,
			SourceTypeName: "fivetran_connector_schema_config", SourceRawState: &tfprotov6.RawState{
				JSON: []byte(`{"id":"x_y","schemas":{"public":{"tables":{"t":{"sync_mode":"pg-Secret-7731"}}}}}`)}},
			[]string{"sync_mode", "SOFT_DELETE"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := moveInto(t, tc.r, tc.req)
			noSecretIn(t, resp.Diagnostics)
			if !resp.Diagnostics.HasError() {
				t.Fatal("no error")
			}
			if !resp.TargetState.Raw.IsNull() {
				t.Error("a state was returned with the error")
			}
			text := resp.Diagnostics.Errors()[0].Summary() + " " + resp.Diagnostics.Errors()[0].Detail()
			for _, s := range tc.saying {
				if !strings.Contains(text, s) {
					t.Errorf("error does not say %q:\n%s", s, text)
				}
			}
		})
	}
}

func TestCleanDropsMaskedListsWhole(t *testing.T) {
	var masked []string
	got := managedConfig(map[string]any{
		"project_credentials": []any{map[string]any{"project": "p1", "api_key": "******"}},
		"secrets_list":        []any{},
		"nested":              map[string]any{"a": nil, "b": map[string]any{"c": nil}},
		"kept":                "",
	}, "config", &masked)
	if !reflect.DeepEqual(got, map[string]any{"kept": ""}) {
		t.Errorf("config = %v", got)
	}
	if !reflect.DeepEqual(masked, []string{"config.project_credentials"}) {
		t.Errorf("masked = %v", masked)
	}
}

func TestOfficialDestination(t *testing.T) {
	for _, tc := range []struct {
		file    string
		version int64
		want    movedDestination
	}{{
		file: "destination_v2_imported.json", version: 2,
		want: movedDestination{ID: "decent_dropsy", GroupID: "decent_dropsy", Service: "postgres_warehouse", Region: "AWS_EU_CENTRAL_1",
			TimeZoneOffset: "-5", DaylightSavingTimeEnabled: ptrTo(true), NetworkingMethod: ptrTo("Directly"),
			Config: map[string]any{"host": "warehouse.internal", "port": json.Number("5432"), "user": "loader", "database": "dw",
				"connection_type": "Directly"},
			MaskedKeys: []string{"config.password"}},
	}, {
		file: "destination_v0_sdk.json", version: 0,
		want: movedDestination{ID: "decent_dropsy", GroupID: "decent_dropsy", Service: "postgres_warehouse", Region: "GCP_US_EAST4",
			TimeZoneOffset: "0", RunSetupTests: ptrTo(true), TrustCertificates: ptrTo(false), TrustFingerprints: ptrTo(false),
			Config: map[string]any{"host": "warehouse.internal", "port": "5432", "user": "loader", "password": "dest-Old-Secret-8812",
				"database": "dw"}},
	}} {
		t.Run(tc.file, func(t *testing.T) {
			got, err := officialDestination(tc.version, officialFixture(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(tc.want, "", " ")
				t.Errorf("moved destination:\n got %s\nwant %s", g, w)
			}
		})
	}
}

// Groups and destinations keep their type name: the move goes to a new
// address and lands in the same-named type of this provider.
func TestMoveGroupAndDestinationState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewGroupResource(), officialMove(t, "fivetran_group", 0, "group_v0.json"))
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var g groupModel
	if d := resp.TargetState.Get(ctx, &g); d.HasError() {
		t.Fatal(d)
	}
	if g.ID.ValueString() != "decent_dropsy" || g.Name.ValueString() != "warehouse" || !g.CreatedAt.IsNull() {
		t.Errorf("group = %s %s %s", g.ID, g.Name, g.CreatedAt)
	}

	resp = moveInto(t, NewDestinationResource(), officialMove(t, "fivetran_destination", 2, "destination_v2_imported.json"))
	noSecretIn(t, resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var d destinationModel
	if diags := resp.TargetState.Get(ctx, &d); diags.HasError() {
		t.Fatal(diags)
	}
	cfg, _ := dynamicToMap(d.Config)
	if d.GroupID.ValueString() != "decent_dropsy" || d.TimeZoneOffset.ValueString() != "-5" || !d.DaylightSavingTimeEnabled.ValueBool() ||
		!d.RunSetupTests.ValueBool() || d.TrustCertificates.ValueBool() || !d.SetupStatus.IsNull() || len(cfg) != 5 || cfg["password"] != nil {
		t.Errorf("destination = %+v, config %v", d, cfg)
	}
	if w := resp.Diagnostics.Warnings(); len(w) != 1 || !strings.Contains(w[0].Detail(), "config.password") {
		t.Errorf("want one warning naming config.password, got %v", w)
	}

	resp = moveInto(t, NewDestinationResource(), officialMove(t, "fivetran_group", 0, "group_v0.json"))
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "not the same kind") {
		t.Errorf("a group moved into a destination: %v", resp.Diagnostics)
	}
}

func TestIsOfficialProvider(t *testing.T) {
	for addr, want := range map[string]bool{
		"registry.terraform.io/fivetran/fivetran":  true,
		"registry.opentofu.org/fivetran/fivetran":  true,
		"mirror.example.com/Fivetran/fivetran":     true,
		"fivetran/fivetran":                        true,
		"fivetran":                                 true, // OpenTofu 1.10: the implied type only
		"registry.terraform.io/openpipes/fivetran": false,
		"registry.terraform.io/hashicorp/fivetran": false,
		"registry.terraform.io/fivetran/other":     false,
		"fivetranx":                                false,
		"":                                         false,
	} {
		if got := isOfficialProvider(addr); got != want {
			t.Errorf("isOfficialProvider(%q) = %v, want %v", addr, got, want)
		}
	}
}

// proxyFixtureToken is the token of testdata/official/proxy_agent.json.
const proxyFixtureToken = "proxy-Token-4417-c2VjcmV0LXRva2Vu"

// proxyFixture is testdata/official/proxy_agent.json with the given
// attributes replaced (a nil value writes null; deleteKey drops it).
func proxyFixture(t *testing.T, set map[string]any, deleteKey ...string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(officialFixture(t, "proxy_agent.json"), &m); err != nil {
		t.Fatal(err)
	}
	maps.Copy(m, set)
	for _, k := range deleteKey {
		delete(m, k)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// proxyFixtureSecrets are the certificate and key of the fixture, read from
// it, each checked to look like PEM.
func proxyFixtureSecrets(t *testing.T) (cert, key string) {
	t.Helper()
	var m map[string]string
	_ = json.Unmarshal(officialFixture(t, "proxy_agent.json"), &m) // the null counter leaves its key empty
	cert, key = m["client_cert"], m["client_private_key"]
	if !strings.HasPrefix(cert, "-----BEGIN CERTIFICATE-----\n") || !strings.HasPrefix(key, "-----BEGIN PRIVATE KEY-----\n") {
		t.Fatalf("the fixture's certificate or key is not PEM")
	}
	return cert, key
}

// The official proxy agent's region is group_region, its token token and its
// secrets_version regeneration_counter; what Fivetran decides (registred_at,
// created_by) is not taken.
func TestOfficialProxyAgent(t *testing.T) {
	cert, key := proxyFixtureSecrets(t)
	base := movedProxyAgent{ID: "ample_lantern", DisplayName: "office-proxy", Region: "GCP_US_EAST4",
		AuthToken: proxyFixtureToken, ClientCert: cert, ClientPrivateKey: key}
	withVersion := base
	withVersion.SecretsVersion = ptrTo(int64(3))
	withoutSecrets := base
	withoutSecrets.AuthToken, withoutSecrets.ClientCert, withoutSecrets.ClientPrivateKey = "", "", ""
	for _, tc := range []struct {
		name string
		raw  []byte
		want movedProxyAgent
	}{
		{"regeneration_counter null", officialFixture(t, "proxy_agent.json"), base},
		{"regeneration_counter a number", proxyFixture(t, map[string]any{"regeneration_counter": 3}), withVersion},
		{"regeneration_counter missing", proxyFixture(t, nil, "regeneration_counter"), base},
		// An import into the official provider leaves the secrets null.
		{"secrets null", proxyFixture(t, map[string]any{"token": nil, "client_cert": nil, "client_private_key": nil}), withoutSecrets},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := officialProxyAgent(tc.raw)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				// Printed without the secrets' values.
				t.Errorf("moved proxy agent: id %q, display_name %q, region %q, secrets_version %v; token, cert, key equal: %v, %v, %v",
					got.ID, got.DisplayName, got.Region, got.SecretsVersion,
					got.AuthToken == tc.want.AuthToken, got.ClientCert == tc.want.ClientCert, got.ClientPrivateKey == tc.want.ClientPrivateKey)
			}
		})
	}

	for _, tc := range []struct {
		name   string
		raw    []byte
		saying string
	}{
		{"id missing", proxyFixture(t, nil, "id"), "no id"},
		{"id null", proxyFixture(t, map[string]any{"id": nil}), "no id"},
		{"id empty", proxyFixture(t, map[string]any{"id": ""}), "no id"},
		{"token a number", proxyFixture(t, map[string]any{"token": 4417}), `attribute "token" of the old state is a number, not a string`},
		{"display_name a bool", proxyFixture(t, map[string]any{"display_name": true}), `"display_name" of the old state is a bool`},
		{"regeneration_counter a fraction", proxyFixture(t, map[string]any{"regeneration_counter": 1.5}), "not a whole number"},
		{"regeneration_counter an object", proxyFixture(t, map[string]any{"regeneration_counter": map[string]any{"n": 1}}), `"regeneration_counter" of the old state is an object, not a number`},
		{"not an object", []byte(`["ample_lantern"]`), "is a list, not an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := officialProxyAgent(tc.raw)
			var me *moveError
			if !errors.As(err, &me) {
				t.Fatalf("error %v, want a moveError", err)
			}
			if !strings.Contains(err.Error(), tc.saying) {
				t.Errorf("error %q does not say %q", err, tc.saying)
			}
			for _, s := range fixtureSecrets {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q quotes a secret of the old state", err)
				}
			}
		})
	}
}

// A proxy agent keeps its type name too: the move goes to a new address,
// takes the secrets along and leaves nothing for the Read to fill but what
// Fivetran reports again (name and region).
func TestMoveProxyAgentState(t *testing.T) {
	ctx := context.Background()
	cert, key := proxyFixtureSecrets(t)
	resp := moveInto(t, NewProxyAgentResource(), officialMove(t, "fivetran_proxy_agent", 0, "proxy_agent.json"))
	noSecretIn(t, resp.Diagnostics)
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var m proxyAgentModel
	if d := resp.TargetState.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != "ample_lantern" || m.DisplayName.ValueString() != "office-proxy" || m.Region.ValueString() != "GCP_US_EAST4" {
		t.Errorf("id, display_name, region = %s, %s, %s", m.ID, m.DisplayName, m.Region)
	}
	// The values are compared, never printed.
	if m.AuthToken.ValueString() != proxyFixtureToken || m.ClientCert.ValueString() != cert || m.ClientPrivateKey.ValueString() != key {
		t.Errorf("the secrets were not moved as they were: token, cert, key equal = %v, %v, %v",
			m.AuthToken.ValueString() == proxyFixtureToken, m.ClientCert.ValueString() == cert, m.ClientPrivateKey.ValueString() == key)
	}
	if !m.SecretsVersion.IsNull() || !m.Timeouts.IsNull() {
		t.Errorf("secrets_version = %s, timeouts null = %v; want both null", m.SecretsVersion, m.Timeouts.IsNull())
	}
	var id idIdentity
	if d := resp.TargetIdentity.Get(ctx, &id); d.HasError() || id.ID.ValueString() != "ample_lantern" {
		t.Errorf("identity = %v %v", id.ID, d)
	}

	// regeneration_counter becomes secrets_version: the same number in the
	// new HCL plans no regeneration.
	req := officialMove(t, "fivetran_proxy_agent", 0, "proxy_agent.json")
	req.SourceRawState.JSON = proxyFixture(t, map[string]any{"regeneration_counter": 2})
	resp = moveInto(t, NewProxyAgentResource(), req)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var version types.Int64
	resp.TargetState.GetAttribute(ctx, path.Root("secrets_version"), &version)
	if version.ValueInt64() != 2 || version.IsNull() {
		t.Errorf("secrets_version = %s, want 2", version)
	}

	for _, tc := range []struct {
		name   string
		req    resource.MoveStateRequest
		saying []string
	}{
		{"another provider", resource.MoveStateRequest{SourceProviderAddress: "registry.terraform.io/acme/fivetranish",
			SourceTypeName: "fivetran_proxy_agent", SourceRawState: &tfprotov6.RawState{JSON: officialFixture(t, "proxy_agent.json")}},
			[]string{"fivetran_proxy_agent", "registry.terraform.io/acme/fivetranish", "official", "import"}},
		{"unshipped version", officialMove(t, "fivetran_proxy_agent", 1, "proxy_agent.json"),
			[]string{"schema version 1", "versions 0 of it", "import"}},
		{"a group", officialMove(t, "fivetran_group", 0, "group_v0.json"),
			[]string{"fivetran_group", "not the same kind", "takes fivetran_proxy_agent"}},
		{"no id", resource.MoveStateRequest{SourceProviderAddress: officialAddr, SourceTypeName: "fivetran_proxy_agent",
			SourceRawState: &tfprotov6.RawState{JSON: proxyFixture(t, nil, "id")}}, []string{"no id", "import"}},
		{"wrong type", resource.MoveStateRequest{SourceProviderAddress: officialAddr, SourceTypeName: "fivetran_proxy_agent",
			SourceRawState: &tfprotov6.RawState{JSON: proxyFixture(t, map[string]any{"client_private_key": []any{key}})}},
			[]string{`"client_private_key"`, "a list, not a string"}},
		{"no state", resource.MoveStateRequest{SourceProviderAddress: officialAddr, SourceTypeName: "fivetran_proxy_agent"},
			[]string{"Terraform sent no state"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := moveInto(t, NewProxyAgentResource(), tc.req)
			noSecretIn(t, resp.Diagnostics)
			if !resp.Diagnostics.HasError() {
				t.Fatal("no error")
			}
			if !resp.TargetState.Raw.IsNull() {
				t.Error("a state was returned with the error")
			}
			text := resp.Diagnostics.Errors()[0].Summary() + " " + resp.Diagnostics.Errors()[0].Detail()
			for _, s := range append(tc.saying, "Cannot move this state into fivetran_proxy_agent") {
				if !strings.Contains(text, s) {
					t.Errorf("error does not say %q:\n%s", s, text)
				}
			}
		})
	}

	// Nor does a proxy agent move into a group.
	resp = moveInto(t, NewGroupResource(), officialMove(t, "fivetran_proxy_agent", 0, "proxy_agent.json"))
	noSecretIn(t, resp.Diagnostics)
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "not the same kind") {
		t.Errorf("a proxy agent moved into a group: %v", resp.Diagnostics)
	}
}

// A private link keeps its type name too: the move goes to a new address
// with its config_map as config, without the keys the official state holds
// as null; a config_map value that is not a string is refused.
func TestMovePrivateLinkState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewPrivateLinkResource(), officialMove(t, "fivetran_private_link", 0, "private_link.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var m privateLinkModel
	if d := resp.TargetState.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != "quiet_harbor" || m.Name.ValueString() != "warehouse_link" || m.Region.ValueString() != "AWS_US_EAST_1" ||
		m.Service.ValueString() != "SOURCE_AWS" {
		t.Errorf("id, name, region, service = %s, %s, %s, %s", m.ID, m.Name, m.Region, m.Service)
	}
	cfg := map[string]string{}
	m.Config.ElementsAs(ctx, &cfg, false)
	if len(cfg) != 1 || cfg["connection_service_name"] != "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f" {
		t.Errorf("config = %v, want the one key set", cfg)
	}
	var id idIdentity
	if d := resp.TargetIdentity.Get(ctx, &id); d.HasError() || id.ID.ValueString() != "quiet_harbor" {
		t.Errorf("identity = %v %v", id.ID, d)
	}

	var raw map[string]any
	if err := json.Unmarshal(officialFixture(t, "private_link.json"), &raw); err != nil {
		t.Fatal(err)
	}
	raw["config_map"] = map[string]any{"connection_service_name": 5}
	bad, _ := json.Marshal(raw)
	req := officialMove(t, "fivetran_private_link", 0, "private_link.json")
	req.SourceRawState.JSON = bad
	resp = moveInto(t, NewPrivateLinkResource(), req)
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "config_map.connection_service_name") {
		t.Errorf("a number in config_map: %v", resp.Diagnostics)
	}
}

// A hybrid deployment agent keeps its type name too: the move takes the
// credentials along, authentication_counter as secrets_version, and sets
// accept_terms (the agent exists).
func TestMoveHybridAgentState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewHybridAgentResource(), officialMove(t, "fivetran_hybrid_deployment_agent", 0, "hybrid_deployment_agent.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var m hybridAgentModel
	if d := resp.TargetState.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != "calm_meadow" || m.GroupID.ValueString() != "decent_dropsy" || m.DisplayName.ValueString() != "dc_east" ||
		m.EnvType.ValueString() != "DOCKER" || m.AuthType.ValueString() != "AUTO" || !m.AcceptTerms.ValueBool() {
		t.Errorf("moved %s %s %s %s %s %s", m.ID, m.GroupID, m.DisplayName, m.EnvType, m.AuthType, m.AcceptTerms)
	}
	if m.Token.ValueString() != "aHlicmlkLXRva2VuLWZpeHR1cmUtNzE=" || m.AuthJSON.IsNull() || m.ConfigJSON.IsNull() || m.DockerComposeYAML.IsNull() {
		t.Error("the credentials were not moved as they were")
	}
	if !m.SecretsVersion.IsNull() {
		t.Errorf("secrets_version = %s, want null", m.SecretsVersion)
	}
	var raw map[string]any
	if err := json.Unmarshal(officialFixture(t, "hybrid_deployment_agent.json"), &raw); err != nil {
		t.Fatal(err)
	}
	raw["authentication_counter"] = 4
	counted, _ := json.Marshal(raw)
	req := officialMove(t, "fivetran_hybrid_deployment_agent", 0, "hybrid_deployment_agent.json")
	req.SourceRawState.JSON = counted
	resp = moveInto(t, NewHybridAgentResource(), req)
	var version types.Int64
	resp.TargetState.GetAttribute(ctx, path.Root("secrets_version"), &version)
	if resp.Diagnostics.HasError() || version.ValueInt64() != 4 {
		t.Errorf("secrets_version = %s (%v), want 4", version, resp.Diagnostics)
	}
}

// A webhook keeps its type name too: the move takes the secret along (the
// official state holds it as written), and the events as a set.
func TestMoveWebhookState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewWebhookResource(), officialMove(t, "fivetran_webhook", 0, "webhook.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var m webhookModel
	if d := resp.TargetState.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != "bright_signal" || m.GroupID.ValueString() != "decent_dropsy" || m.URL.ValueString() != "https://hooks.example.com/fivetran" ||
		!m.Active.ValueBool() || m.RunTests.ValueBool() || m.Secret.ValueString() != "hook-Secret-fixture-5512" || len(m.Events.Elements()) != 2 {
		t.Errorf("moved %s %s %s %s %s events %d", m.ID, m.GroupID, m.URL, m.Active, m.RunTests, len(m.Events.Elements()))
	}
	var raw map[string]any
	if err := json.Unmarshal(officialFixture(t, "webhook.json"), &raw); err != nil {
		t.Fatal(err)
	}
	raw["events"] = "sync_end"
	bad, _ := json.Marshal(raw)
	req := officialMove(t, "fivetran_webhook", 0, "webhook.json")
	req.SourceRawState.JSON = bad
	resp = moveInto(t, NewWebhookResource(), req)
	if !resp.Diagnostics.HasError() || strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "hook-Secret") {
		t.Errorf("events as a string: %v", resp.Diagnostics)
	}
}

func TestMoveUserAndTeamState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewUserResource(), officialMove(t, "fivetran_user", 0, "user.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var u userModel
	if d := resp.TargetState.Get(ctx, &u); d.HasError() {
		t.Fatal(d)
	}
	if u.ID.ValueString() != "cherry_spoke" || u.Email.ValueString() != "ada@example.com" || u.GivenName.ValueString() != "Ada" ||
		u.FamilyName.ValueString() != "Lovelace" || u.Role.ValueString() != "Account Reviewer" || !u.Phone.IsNull() || !u.Picture.IsNull() {
		t.Errorf("moved user %+v", u)
	}
	resp = moveInto(t, NewTeamResource(), officialMove(t, "fivetran_team", 0, "team.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var tm teamModel
	if d := resp.TargetState.Get(ctx, &tm); d.HasError() {
		t.Fatal(d)
	}
	if tm.ID.ValueString() != "quiet_harbor" || tm.Name.ValueString() != "analysts" || tm.Description.ValueString() != "BI" ||
		tm.Role.ValueString() != "Account Reviewer" {
		t.Errorf("moved team %+v", tm)
	}
	// A state without an id cannot be moved.
	req := officialMove(t, "fivetran_team", 0, "team.json")
	req.SourceRawState.JSON = []byte(`{"name": "analysts"}`)
	if resp = moveInto(t, NewTeamResource(), req); !resp.Diagnostics.HasError() {
		t.Error("a team state without an id was moved")
	}
}

func TestMoveMembershipState(t *testing.T) {
	ctx := context.Background()
	var userGroups resource.Resource
	for _, f := range membershipResources() {
		if r, ok := f().(*membershipResource); ok && r.spec.typeSuffix == "_user_group_membership" {
			userGroups = r
		}
	}
	resp := moveInto(t, userGroups, officialMove(t, "fivetran_user_group_membership", 0, "user_group_membership.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var owner types.String
	var groups types.Set
	resp.TargetState.GetAttribute(ctx, path.Root("user_id"), &owner)
	resp.TargetState.GetAttribute(ctx, path.Root("group"), &groups)
	if owner.ValueString() != "cherry_spoke" || len(groups.Elements()) != 2 ||
		!strings.Contains(groups.String(), `"role":"Destination Analyst"`) || strings.Contains(groups.String(), "created_at") {
		t.Errorf("moved %s %s", owner, groups)
	}
	req := officialMove(t, "fivetran_user_group_membership", 0, "user_group_membership.json")
	req.SourceRawState.JSON = []byte(`{"group": []}`)
	if resp = moveInto(t, userGroups, req); !resp.Diagnostics.HasError() {
		t.Error("a state without its user was moved")
	}
}

func TestMoveExternalLoggingState(t *testing.T) {
	ctx := context.Background()
	resp := moveInto(t, NewExternalLoggingResource(), officialMove(t, "fivetran_external_logging", 0, "external_logging.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var m externalLoggingModel
	if d := resp.TargetState.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	cfg, err := dynamicToMap(m.Config)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID.ValueString() != "decent_dropsy" || m.GroupID.ValueString() != "decent_dropsy" || m.Service.ValueString() != "datadog_log" ||
		!m.Enabled.ValueBool() || m.RunSetupTests.ValueBool() || len(cfg) != 2 || cfg["api_key"] != "dd-Secret-fixture-4321" || cfg["region"] != "US" {
		t.Errorf("moved %s %s %s %s %s config %v keys", m.ID, m.GroupID, m.Service, m.Enabled, m.RunSetupTests, len(cfg))
	}
	// A masked secret is not moved, and the warning names it, not its value.
	var raw map[string]any
	if err := json.Unmarshal(officialFixture(t, "external_logging.json"), &raw); err != nil {
		t.Fatal(err)
	}
	cfgRaw, _ := raw["config"].(map[string]any)
	cfgRaw["api_key"] = "******"
	masked, _ := json.Marshal(raw)
	req := officialMove(t, "fivetran_external_logging", 0, "external_logging.json")
	req.SourceRawState.JSON = masked
	resp = moveInto(t, NewExternalLoggingResource(), req)
	if resp.Diagnostics.HasError() || len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail(), "config.api_key") {
		t.Errorf("a masked secret: %v", resp.Diagnostics)
	}
}

func TestMoveApprovalState(t *testing.T) {
	ctx := context.Background()
	var certs resource.Resource
	for _, f := range approvalResources() {
		if r, ok := f().(*approvalResource); ok && r.spec.typeSuffix == "_connector_certificates" {
			certs = r
		}
	}
	resp := moveInto(t, certs, officialMove(t, "fivetran_connector_certificates", 0, "connector_certificates.json"))
	if len(resp.Diagnostics) > 0 {
		t.Fatal(resp.Diagnostics)
	}
	var owner types.String
	var set types.Set
	resp.TargetState.GetAttribute(ctx, path.Root("connector_id"), &owner)
	resp.TargetState.GetAttribute(ctx, path.Root("certificate"), &set)
	if owner.ValueString() != "app_db" || len(set.Elements()) != 1 || !strings.Contains(set.String(), `"hash":"r+u4QL4MGvZeY+DL15zONWVL"`) ||
		!strings.Contains(set.String(), `"encoded_cert":"Q0VSVElGSUNBVEUtZml4dHVyZQ=="`) || strings.Contains(set.String(), "validated_by") {
		t.Errorf("moved %s %s", owner, set)
	}
}

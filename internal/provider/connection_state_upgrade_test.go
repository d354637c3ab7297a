package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// connectionStateV0 is a fivetran_connection instance's attributes as
// schema version 0 stored them (taken from a state file and made to use
// every kind of value: a Connect Card, timeouts, a status with a task, a
// nested list in config).
const connectionStateV0 = `{
  "auth": {"value": {"client_access": {"client_id": "cid"}}, "type": ["object", {"client_access": ["object", {"client_id": "string"}]}]},
  "auth_wo": null,
  "auth_wo_version": 3,
  "config": {
    "value": {"auth_mode": "PersonalAccessToken", "pats": ["ghp_upgrade_test"], "port": 5432, "use_webhooks": false},
    "type": ["object", {"auth_mode": "string", "pats": ["tuple", ["string"]], "port": "number", "use_webhooks": "bool"}]
  },
  "config_wo": null,
  "config_wo_version": null,
  "connect_card_config": {"hide_setup_guide": true, "redirect_uri": "https://example.com/done"},
  "connect_card_token": "card-token-1",
  "connect_card_uri": "https://fivetran.com/connect-card/setup?auth=card-token-1",
  "connected_by": "emulator_user",
  "created_at": "2026-12-07T02:44:46.382113Z",
  "daily_sync_time": "03:00",
  "data_delay_sensitivity": "CUSTOM",
  "data_delay_threshold": 90,
  "destination_schema": {"name": "github_0001", "prefix": null, "table": null, "table_group_name": null},
  "group_id": "lunar_ridge",
  "hybrid_deployment_agent_id": "tepid_ocean",
  "id": "sleek_tulip",
  "name": "github_0001",
  "networking_method": "SshTunnel",
  "pause_after_trial": true,
  "paused": true,
  "private_link_id": null,
  "proxy_agent_id": null,
  "run_setup_tests": false,
  "schedule_type": "manual",
  "service": "github",
  "setup_state": "broken",
  "status": {
    "failed_at": "2026-12-07T03:00:00Z",
    "is_historical_sync": false,
    "rescheduled_for": null,
    "succeeded_at": null,
    "tasks": [{"code": "reconnect", "details": "token revoked", "message": "Reconnect the source"}],
    "update_state": "delayed",
    "warnings": []
  },
  "sync_frequency": 1440,
  "sync_state": "paused",
  "timeouts": {"create": "30m", "delete": null, "read": "2m", "update": null},
  "trust_certificates": true,
  "trust_fingerprints": false
}`

func connectionServer(t *testing.T) (tfprotov6.ProviderServer, tftypes.Object) {
	t.Helper()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	sch, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rs := sch.ResourceSchemas["fivetran_connection"]
	if rs == nil {
		t.Fatal("no fivetran_connection schema")
	}
	if rs.Version != connectionSchemaVersion {
		t.Fatalf("schema version %d, want %d", rs.Version, connectionSchemaVersion)
	}
	typ, ok := rs.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %T", rs.ValueType())
	}
	return srv, typ
}

func upgradeConnection(t *testing.T, srv tfprotov6.ProviderServer, version int64, raw string) *tfprotov6.UpgradeResourceStateResponse {
	t.Helper()
	resp, err := srv.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "fivetran_connection", Version: version, RawState: &tfprotov6.RawState{JSON: []byte(raw)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// connectionStateV2 is connectionStateV0 as schema version 2 stored it:
// without the attributes that left in version 2.
func connectionStateV2(t *testing.T) string {
	return withoutAttributes(t, connectionStateV0, connectionRemovedInV2)
}

// connectionStateV3 is connectionStateV0 as schema version 3 stored it:
// without the attributes that left in versions 2 and 3.
func connectionStateV3(t *testing.T) string {
	return withoutAttributes(t, connectionStateV2(t), connectionRemovedInV3)
}

// withoutAttributes is the stored state raw without the attributes removed.
func withoutAttributes(t *testing.T, raw string, removed []string) string {
	t.Helper()
	var attrs map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &attrs); err != nil {
		t.Fatal(err)
	}
	for _, k := range removed {
		delete(attrs, k)
	}
	out, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestConnectionUpgradeState_v0v2 upgrades a version 0, 2 and 3 state
// through the provider's protocol server, as Terraform does: the attributes
// that left the resource since are gone, destination_schema keeps its set
// keys and drops its null ones, and every other value is kept as stored.
func TestConnectionUpgradeState_v0v2(t *testing.T) {
	srv, typ := connectionServer(t)
	removed := slices.Concat(connectionRemovedInV2, connectionRemovedInV3)
	for _, gone := range removed {
		if _, ok := typ.AttributeTypes[gone]; ok {
			t.Errorf("the schema still has %s", gone)
		}
	}
	for _, tc := range []struct {
		version int64
		raw     string
		removed []string // since this version
	}{
		{0, connectionStateV0, removed},
		{2, connectionStateV2(t), connectionRemovedInV3},
		{3, connectionStateV3(t), nil},
	} {
		t.Run(fmt.Sprint("v", tc.version), func(t *testing.T) {
			var stored map[string]json.RawMessage
			if err := json.Unmarshal([]byte(tc.raw), &stored); err != nil {
				t.Fatal(err)
			}
			// The fixture is a whole state of its version: the current
			// attributes and the ones removed since, nothing else.
			want := slices.Sorted(slices.Values(append(slices.Collect(maps.Keys(typ.AttributeTypes)), tc.removed...)))
			if got := slices.Sorted(maps.Keys(stored)); !slices.Equal(got, want) {
				t.Fatalf("fixture attributes %v, want %v", got, want)
			}

			resp := upgradeConnection(t, srv, tc.version, tc.raw)
			for _, d := range resp.Diagnostics {
				t.Errorf("diagnostic: %s: %s", d.Summary, d.Detail)
			}
			if resp.UpgradedState == nil {
				t.Fatal("no upgraded state")
			}
			v, err := resp.UpgradedState.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]tftypes.Value
			if err := v.As(&got); err != nil {
				t.Fatal(err)
			}
			wantDS := tftypes.NewValue(typ.AttributeTypes["destination_schema"],
				map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "github_0001")})
			if !got["destination_schema"].Equal(wantDS) {
				t.Errorf("destination_schema = %s, want %s: the set key, no null ones", got["destination_schema"], wantDS)
			}
			for name, at := range typ.AttributeTypes {
				if name == "destination_schema" {
					continue // checked above: its type changed in version 4
				}
				old, err := tftypes.ValueFromJSONWithOpts(stored[name], at, tftypes.ValueFromJSONOpts{})
				if err != nil {
					t.Fatalf("%s: %s", name, err)
				}
				if !got[name].Equal(old) {
					t.Errorf("%s = %s, want %s as stored", name, got[name], old)
				}
			}
			// The same, spelled out for a few values whose kind matters.
			var uri, id string
			if err := got["connect_card_uri"].As(&uri); err != nil || !strings.Contains(uri, "auth=card-token-1") {
				t.Errorf("connect_card_uri %q (%v)", uri, err)
			}
			if err := got["id"].As(&id); err != nil || id != "sleek_tulip" {
				t.Errorf("id %q (%v)", id, err)
			}
		})
	}
}

// TestConnectionUpgradeState_everyPriorVersion: Terraform may hand the
// provider a state of any version below the current one; each has an
// upgrader, so none meets the framework's generic "no upgrade" error.
func TestConnectionUpgradeState_everyPriorVersion(t *testing.T) {
	ups := (&connectionResource{}).UpgradeState(context.Background())
	for v := int64(0); v < connectionSchemaVersion; v++ {
		if ups[v].StateUpgrader == nil {
			t.Errorf("no upgrader for version %d", v)
		}
	}
	for v := range ups {
		if v >= connectionSchemaVersion {
			t.Errorf("upgrader for version %d, not below the current %d: the framework never calls it", v, connectionSchemaVersion)
		}
	}
}

// TestConnectionUpgradeState_officialV1: version 1 is the official
// provider's fivetran_connection (met when a resource's provider is switched
// without a move). It is refused with what to do, not read as ours.
func TestConnectionUpgradeState_officialV1(t *testing.T) {
	srv, _ := connectionServer(t)
	official := `{"id": "sleek_tulip", "group_id": "lunar_ridge", "service": "github", "destination_schema": [{"name": "github_0001"}],
	  "run_setup_tests": "true", "trust_certificates": "false", "networking_method": "Directly"}`
	resp := upgradeConnection(t, srv, 1, official)
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
		resp.Diagnostics[0].Summary != "State written by the official Fivetran provider" ||
		!strings.Contains(resp.Diagnostics[0].Detail, "moved") {
		t.Fatalf("diagnostics %+v, want the error naming the official provider and the move", resp.Diagnostics)
	}
	if resp.UpgradedState != nil {
		if v, err := resp.UpgradedState.Unmarshal(tftypes.DynamicPseudoType); err == nil && !v.IsNull() {
			t.Errorf("a state was returned: %s", v)
		}
	}
}

// TestConnectionUpgradeState_notOurs: a version 0, 2 or 3 state of another
// shape is an error that names what is wrong, never a value.
func TestConnectionUpgradeState_notOurs(t *testing.T) {
	srv, _ := connectionServer(t)
	for version, fixture := range map[int64]string{0: connectionStateV0, 2: connectionStateV2(t), 3: connectionStateV3(t)} {
		var attrs map[string]any
		if err := json.Unmarshal([]byte(fixture), &attrs); err != nil {
			t.Fatal(err)
		}
		attrs["api_secret"] = "hunter2-not-ours"
		raw, err := json.Marshal(attrs)
		if err != nil {
			t.Fatal(err)
		}
		resp := upgradeConnection(t, srv, version, string(raw))
		if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
			!strings.Contains(resp.Diagnostics[0].Detail, "api_secret") ||
			!strings.Contains(resp.Diagnostics[0].Detail, fmt.Sprint("version ", version)) {
			t.Fatalf("version %d: diagnostics %+v, want one error naming api_secret and the version", version, resp.Diagnostics)
		}
		if strings.Contains(resp.Diagnostics[0].Detail, "hunter2") || strings.Contains(resp.Diagnostics[0].Detail, "ghp_upgrade_test") {
			t.Errorf("version %d: the error quotes a stored value: %s", version, resp.Diagnostics[0].Detail)
		}
	}
}

package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// badInput is one invalid configuration: the diagnostic it must produce and
// the source line (the attribute) it must point at.
type badInput struct {
	name    string
	hcl     string // resources and data sources (the provider block is added)
	summary string // regexp of the diagnostic's summary
	line    string // literal text of the line Terraform shows for the attribute
	detail  string // optional regexp of the detail
}

const validGroupAndDestination = `
resource "fivetran_group" "g" {
  name = "g"
}

resource "fivetran_destination" "d" {
  group_id = fivetran_group.g.id
  service  = "postgres_warehouse"
}
`

func destinationWith(attrs string) string {
	return `
resource "fivetran_destination" "bad" {
  group_id = "grp_one"
  service  = "snowflake"
  ` + attrs + `
}
`
}

func connectionWith(service, ds, attrs string) string {
	return validGroupAndDestination + `
resource "fivetran_connection" "bad" {
  group_id           = fivetran_destination.d.group_id
  service            = "` + service + `"
  destination_schema = ` + ds + `
  ` + attrs + `
}
`
}

var badInputs = []badInput{
	// fivetran_group
	{"group empty name", `resource "fivetran_group" "bad" { name = "" }`, `Invalid Attribute Value Length`, `name = ""`, `length must be between 1 and 256`},
	{"group blank name", `resource "fivetran_group" "bad" { name = "   " }`, `Blank value`, `name = "   "`, ``},
	{"group bad timeout", `resource "fivetran_group" "bad" {
  name     = "x"
  timeouts = { create = "soon" }
}`, `Invalid Attribute Value Time Duration`, `resource "fivetran_group" "bad"`, `"soon" must be a string containing`},
	// fivetran_destination
	{"destination empty group_id", `resource "fivetran_destination" "bad" {
  group_id = ""
  service  = "snowflake"
}`, `Invalid id`, `group_id = ""`, `group id`},
	{"destination malformed group_id", `resource "fivetran_destination" "bad" {
  group_id = "bad id!"
  service  = "snowflake"
}`, `Invalid id`, `group_id = "bad id!"`, ``},
	{"destination service case", `resource "fivetran_destination" "bad" {
  group_id = "grp_one"
  service  = "Snowflake"
}`, `Invalid service`, `service  = "Snowflake"`, `Did you mean "snowflake"\?`},
	{"destination empty service", `resource "fivetran_destination" "bad" {
  group_id = "grp_one"
  service  = ""
}`, `Invalid service`, `service  = ""`, ``},
	{"destination unknown region", destinationWith(`region = "us-east"`), `Invalid Attribute Value Match`, `region = "us-east"`, `GCP_US_EAST4`},
	{"destination region case", destinationWith(`region = "gcp_us_east4"`), `Invalid Attribute Value Match`, `region = "gcp_us_east4"`, ``},
	{"destination offset +0", destinationWith(`time_zone_offset = "+0"`), `Invalid Attribute Value Match`, `time_zone_offset = "+0"`, `"0"`},
	{"destination offset unsigned", destinationWith(`time_zone_offset = "1"`), `Invalid Attribute Value Match`, `time_zone_offset = "1"`, ``},
	{"destination offset -12", destinationWith(`time_zone_offset = "-12"`), `Invalid Attribute Value Match`, `time_zone_offset = "-12"`, ``},
	{"destination networking case", destinationWith(`networking_method = "directly"`), `Invalid Attribute Value Match`, `networking_method = "directly"`, `Directly`},
	{"destination private link without method", destinationWith(`private_link_id = "pl_one"`), `Conflicting networking settings`, `private_link_id = "pl_one"`, `PrivateLink`},
	{"destination proxy without method", destinationWith(`proxy_agent_id = "agent_one"`), `Conflicting networking settings`, `proxy_agent_id = "agent_one"`, `ProxyAgent`},
	{"destination PrivateLink without id", destinationWith(`networking_method = "PrivateLink"`), `Missing private_link_id`, `resource "fivetran_destination" "bad"`, ``},
	{"destination config string", destinationWith(`config = "host=db"`), `Invalid config`, `config = "host=db"`, `got a string`},
	{"destination config list", destinationWith(`config = ["host"]`), `Invalid config`, `config = ["host"]`, `got a list`},
	{"destination malformed agent id", destinationWith(`hybrid_deployment_agent_id = "agent one"`), `Invalid id`, `hybrid_deployment_agent_id = "agent one"`, ``},
	// fivetran_connection: static rules
	{"connection empty group_id", `resource "fivetran_connection" "bad" {
  group_id           = ""
  service            = "github"
  destination_schema = { name = "gh" }
}`, `Invalid id`, `group_id           = ""`, ``},
	{"connection service case", connectionWith("Postgres", `{ prefix = "p" }`, ``), `Invalid service`, `service            = "Postgres"`, `Did you mean "postgres"\?`},
	{"connection no destination_schema", validGroupAndDestination + `
resource "fivetran_connection" "bad" {
  group_id = fivetran_destination.d.group_id
  service  = "github"
}`, `Missing required argument`, `resource "fivetran_connection" "bad"`, `destination_schema`},
	{"connection empty destination_schema", connectionWith("github", `{}`, ``), `Missing destination_schema.name`, `destination_schema = {}`, ``},
	{"connection prefix with name", connectionWith("postgres", `{ prefix = "p", name = "n" }`, ``), `Conflicting destination_schema keys`, `destination_schema = { prefix = "p", name = "n" }`, ``},
	{"connection table and table group", connectionWith("s3", `{ name = "n", table = "t", table_group_name = "g" }`, ``), `Conflicting destination_schema keys`, `destination_schema = { name = "n", table = "t", table_group_name = "g" }`, ``},
	{"connection destination_schema unknown key", connectionWith("github", `{ schema = "gh" }`, ``), `Invalid Attribute Value Match`, `destination_schema = { schema = "gh" }`, `value must be one of: \["name" "table" "prefix" "table_group_name"\]`},
	{"connection empty schema name", connectionWith("github", `{ name = "" }`, ``), `Invalid Attribute Value Length`, `resource "fivetran_connection" "bad"`, `destination_schema\["name"\] string length must be at least 1`},
	{"connection sync_frequency 0", connectionWith("github", `{ name = "gh" }`, `sync_frequency = 0`), `Invalid Attribute Value Match`, `sync_frequency = 0`, `1440`},
	{"connection sync_frequency 1441", connectionWith("github", `{ name = "gh" }`, `sync_frequency = 1441`), `Invalid Attribute Value Match`, `sync_frequency = 1441`, ``},
	{"connection daily time not on the hour", connectionWith("github", `{ name = "gh" }`, `sync_frequency = 1440
  daily_sync_time = "3:00"`), `Invalid Attribute Value Match`, `daily_sync_time = "3:00"`, `whole hour`},
	{"connection daily time 24:00", connectionWith("github", `{ name = "gh" }`, `sync_frequency = 1440
  daily_sync_time = "24:00"`), `Invalid Attribute Value Match`, `daily_sync_time = "24:00"`, ``},
	{"connection daily time without daily sync", connectionWith("github", `{ name = "gh" }`, `daily_sync_time = "03:00"`), `daily_sync_time needs a daily sync`, `daily_sync_time = "03:00"`, `360`},
	{"connection schedule case", connectionWith("github", `{ name = "gh" }`, `schedule_type = "Auto"`), `Invalid Attribute Value Match`, `schedule_type = "Auto"`, `auto`},
	{"connection delay sensitivity case", connectionWith("github", `{ name = "gh" }`, `data_delay_sensitivity = "normal"`), `Invalid Attribute Value Match`, `data_delay_sensitivity = "normal"`, `NORMAL`},
	{"connection negative delay threshold", connectionWith("github", `{ name = "gh" }`, `data_delay_threshold = -1`), `Invalid Attribute Value`, `data_delay_threshold = -1`, `at least 0`},
	{"connection networking method", connectionWith("github", `{ name = "gh" }`, `networking_method = "SSH"`), `Invalid Attribute Value Match`, `networking_method = "SSH"`, `SshTunnel`},
	{"connection proxy without method", connectionWith("github", `{ name = "gh" }`, `proxy_agent_id = "agent_one"`), `Conflicting networking settings`, `proxy_agent_id = "agent_one"`, ``},
	{"connection empty private link id", connectionWith("github", `{ name = "gh" }`, `networking_method = "PrivateLink"
  private_link_id = ""`), `Invalid id`, `private_link_id = ""`, ``},
	{"connection config list", connectionWith("github", `{ name = "gh" }`, `config = ["a"]`), `Invalid config`, `config = ["a"]`, `got a list`},
	{"connection schema key in config", connectionWith("github", `{ name = "gh" }`, `config = { schema = "gh" }`), `Destination-schema key in config`, `config = { schema = "gh" }`, `destination_schema.name`},
	{"connection auth string", connectionWith("github", `{ name = "gh" }`, `auth = "token"`), `Invalid auth`, `auth = "token"`, `got a string`},
	// fivetran_connection: plan-time rules from the connector metadata
	{"connection unknown service", connectionWith("postgress", `{ prefix = "p" }`, ``), `Unknown connector type`, `service            = "postgress"`, `Did you mean "postgres"\?`},
	{"connection unknown config key", connectionWith("postgres", `{ prefix = "p" }`, `config = { hots = "db" }`), `Unknown config key`, `config = { hots = "db" }`, `Did you mean "host"\?`},
	{"connection config type", connectionWith("postgres", `{ prefix = "p" }`, `config = { port = "abc" }`), `Wrong config value type`, `config = { port = "abc" }`, `integer`},
	{"connection config bool type", connectionWith("postgres", `{ prefix = "p" }`, `config = { always_encrypted = "maybe" }`), `Wrong config value type`, `config = { always_encrypted = "maybe" }`, ``},
	{"connection config enum", connectionWith("postgres", `{ prefix = "p" }`, `config = { update_method = "LOGS" }`), `Invalid config value`, `config = { update_method = "LOGS" }`, `QUERY_BASED`},
	{"connection config list type", connectionWith("github", `{ name = "gh" }`, `config = { repositories = "one" }`), `Wrong config value type`, `config = { repositories = "one" }`, `list`},
	{"connection missing table", connectionWith("google_sheets", `{ name = "sheets" }`, ``), `Missing destination_schema.table`, `destination_schema = { name = "sheets" }`, `name and table`},
	{"connection prefix not taken", connectionWith("github", `{ name = "gh", table = "t" }`, ``), `Unexpected destination_schema.table`, `destination_schema = { name = "gh", table = "t" }`, ``},
	{"connection auth for a type without auth", connectionWith("github", `{ name = "gh" }`, `auth = { token = "x" }`), `Connector type takes no auth`, `auth = { token = "x" }`, ``},
	{"connection unknown auth key", connectionWith("google_ads", `{ name = "ads" }`, `auth = { refresh_tokn = "x" }`), `Unknown config key`, `auth = { refresh_tokn = "x" }`, `Did you mean "refresh_token"\?`},
	// the data source
	{"metadata empty type filter", `data "fivetran_connectors_metadata" "bad" { type = "" }`, `Invalid Attribute Value Length`, `type = ""`, ``},
}

// TestAccBadInput: every invalid configuration gets its own specific
// diagnostic, pointing at the attribute, at plan time, and nothing is created.
// Each case runs `terraform apply` against its own emulator, so a check that
// moved from plan to apply time (after other objects were created) fails the
// case on the emulator's request counts.
func TestAccBadInput(t *testing.T) {
	accPreCheck(t)
	if len(badInputs) < 40 {
		t.Fatalf("only %d invalid configurations", len(badInputs))
	}
	for _, c := range badInputs {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			em := startEmulator(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      providerConfig(em) + c.hcl,
					ExpectError: oneDiagnostic(c.summary, c.line, c.detail),
				}},
			})
			assertNothingCreated(t, em)
		})
	}
}

// assertNothingCreated fails the test when any create reached the emulator.
func assertNothingCreated(t *testing.T, em *emulator.Running) {
	t.Helper()
	for _, route := range []string{"POST /v1/groups", "POST /v1/destinations", "POST /v1/connections"} {
		if n := em.Counts()[route]; n != 0 {
			t.Errorf("%s was called %d times: invalid input must fail before anything is created", route, n)
		}
	}
}

// oneDiagnostic matches an error diagnostic whose summary is summary
// (a regexp, matched whole) and which, before the next diagnostic begins,
// shows the source line line (literal text) and then, if given, the detail
// (a regexp whose spaces match any white space, as Terraform wraps lines).
func oneDiagnostic(summary, line, detail string) *regexp.Regexp {
	within := `(?:` + lineNotStarting("Error: ", "Warning: ") + `)*?`
	pattern := `(?m)^Error: (?:` + summary + `)\n` + within + `[^\n]*` + regexp.QuoteMeta(line) + `[^\n]*\n`
	if detail != "" {
		pattern += within + `[^\n]*` + strings.ReplaceAll(detail, " ", `\s+`)
	}
	return regexp.MustCompile(pattern)
}

// lineNotStarting is a regexp (RE2 has no lookahead) for one whole line,
// newline included, that starts with none of the prefixes.
func lineNotStarting(prefixes ...string) string {
	var alts []string
	firsts := ""
	for _, p := range prefixes {
		firsts += regexp.QuoteMeta(p[:1])
		for i := 1; i < len(p); i++ {
			alts = append(alts, regexp.QuoteMeta(p[:i])+`[^`+regexp.QuoteMeta(p[i:i+1])+`\n]`)
		}
	}
	alts = append(alts, `[^`+firsts+`\n]`)
	return `(?:(?:` + strings.Join(alts, "|") + `)[^\n]*)?\n`
}

func TestOneDiagnostic(t *testing.T) {
	out := `Error: Invalid id

  with fivetran_destination.bad,
  on terraform_plugin_test.tf line 12, in resource "fivetran_destination" "bad":
  12:   group_id = "x y"

The value must be a Fivetran group id such as
decent_dropsy.

Error: Invalid service

  with fivetran_destination.bad,
  on terraform_plugin_test.tf line 13, in resource "fivetran_destination" "bad":
  13:   service  = "Snowflake"

Did you mean "snowflake"?
`
	for _, c := range []struct {
		summary, line, detail string
		want                  bool
	}{
		{"Invalid id", `group_id = "x y"`, `such as decent_dropsy`, true},
		{"Invalid service", `service  = "Snowflake"`, `Did you mean "snowflake"\?`, true},
		{"Invalid", `group_id = "x y"`, ``, false},                // the summary is matched whole
		{"Invalid id", `service  = "Snowflake"`, ``, false},       // the line of another diagnostic
		{"Invalid id", `group_id = "x y"`, `Did you mean`, false}, // the detail of another diagnostic
		{"Invalid service", `group_id = "x y"`, ``, false},        // a line before the summary
	} {
		if got := oneDiagnostic(c.summary, c.line, c.detail).MatchString(out); got != c.want {
			t.Errorf("%q / %q / %q: matched %v, want %v", c.summary, c.line, c.detail, got, c.want)
		}
	}
}

// TestAccBadProviderInput: invalid provider settings, on the attribute.
func TestAccBadProviderInput(t *testing.T) {
	accPreCheck(t)
	cases := map[string]struct{ setting, summary string }{
		"url":      {`api_url = "not a url"`, `Invalid URL`},
		"timeout":  {`request_timeout = "0s"`, `Invalid duration`},
		"retries":  {`max_retries = 50`, `Invalid Attribute Value`},
		"url ftp":  {`api_url = "ftp://example.com/v1"`, `Invalid URL`},
		"duration": {`request_timeout = "ten seconds"`, `Invalid duration`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config: `
provider "fivetran" {
  api_key    = "k"
  api_secret = "s"
  ` + c.setting + `
}

resource "fivetran_group" "g" {
  name = "g"
}
`,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Error: ` + c.summary + `.*` + regexp.QuoteMeta(c.setting)),
				}},
			})
		})
	}
}

// TestConnectionConfigValidator_destinationSchemaName: a destination_schema
// without name or prefix is reported as missing them, unless another error
// already explains it (a key it does not take, such as a misspelt name, or
// an empty name), so that one mistake gives one error.
func TestConnectionConfigValidator_destinationSchemaName(t *testing.T) {
	ctx := context.Background()
	var sresp fwresource.SchemaResponse
	(&connectionResource{}).Schema(ctx, fwresource.SchemaRequest{}, &sresp)
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %T", sresp.Schema.Type().TerraformType(ctx))
	}
	for _, c := range []struct {
		name    string
		ds      map[string]tftypes.Value
		missing bool
	}{
		{"empty", map[string]tftypes.Value{}, true},
		{"only table", map[string]tftypes.Value{"table": tftypes.NewValue(tftypes.String, "t")}, true},
		{"name null", map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, nil)}, true},
		{"misspelt name", map[string]tftypes.Value{"schema": tftypes.NewValue(tftypes.String, "gh")}, false},
		{"empty name", map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "")}, false},
		{"name", map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "gh")}, false},
	} {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			vals := map[string]tftypes.Value{}
			for name, at := range typ.AttributeTypes {
				vals[name] = tftypes.NewValue(at, nil)
			}
			vals["destination_schema"] = tftypes.NewValue(typ.AttributeTypes["destination_schema"], c.ds)
			req := fwresource.ValidateConfigRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, vals)}}
			var resp fwresource.ValidateConfigResponse
			connectionConfigValidator{}.ValidateResource(ctx, req, &resp)
			missing := false
			for _, d := range resp.Diagnostics.Errors() {
				if d.Summary() == "Missing destination_schema.name" {
					missing = true
				} else {
					t.Errorf("unexpected error %q", d.Summary())
				}
			}
			if missing != c.missing {
				t.Errorf("missing-name error reported: %v, want %v", missing, c.missing)
			}
		})
	}
}

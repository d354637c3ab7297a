package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

func stringList(ss ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ss))
	for i, s := range ss {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.ListExact(checks)
}

// TestAccConnectorTypeDataSource: a type with an auth section (google_ads:
// auth schema, secret auth keys, destination schema by name), a database
// (postgres: secret config keys, destination schema by prefix) and a file
// type (google_sheets: name and table).
func TestAccConnectorTypeDataSource(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	at := func(p string) tfjsonpath.Path { return tfjsonpath.New(p) }
	const ads, pg, sheets = "data.fivetran_connector_type.ads", "data.fivetran_connector_type.pg", "data.fivetran_connector_type.sheets"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + `
data "fivetran_connector_type" "ads" {
  service = "google_ads"
}

data "fivetran_connector_type" "pg" {
  service = "postgres"
}

data "fivetran_connector_type" "sheets" {
  service = "google_sheets"
}

output "ads_auth_keys" {
  value = keys(jsondecode(data.fivetran_connector_type.ads.auth_schema).properties)
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ads, at("id"), knownvalue.StringExact("google_ads")),
				statecheck.ExpectKnownValue(ads, at("name"), knownvalue.StringExact("Google Ads")),
				statecheck.ExpectKnownValue(ads, at("type"), knownvalue.StringExact("Marketing")),
				statecheck.ExpectKnownValue(ads, at("description"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(ads, at("service_status"), knownvalue.StringExact("general_availability")),
				statecheck.ExpectKnownValue(ads, at("icon_url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
				statecheck.ExpectKnownValue(ads, at("link_to_docs"), knownvalue.StringRegexp(regexp.MustCompile(`^https://fivetran.com/docs/`))),
				statecheck.ExpectKnownValue(ads, at("link_to_erd"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(ads, at("supported_features").AtSliceIndex(1), knownvalue.StringExact("AUTHORIZATION_VIA_API")),
				statecheck.ExpectKnownValue(ads, at("secret_config_keys"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(ads, at("secret_auth_keys"), stringList("client_access.client_secret", "refresh_token")),
				statecheck.ExpectKnownValue(ads, at("destination_schema_keys"), stringList("name")),
				statecheck.ExpectKnownValue(ads, at("auth_schema"), knownvalue.StringRegexp(regexp.MustCompile(`"refresh_token":\{[^}]*"format":"password"`))),
				statecheck.ExpectKnownValue(ads, at("config_schema"), knownvalue.StringRegexp(regexp.MustCompile(`"customer_id":\{`))),
				statecheck.ExpectKnownOutputValue("ads_auth_keys", stringList("client_access", "refresh_token")),

				statecheck.ExpectKnownValue(pg, at("type"), knownvalue.StringExact("Database")),
				statecheck.ExpectKnownValue(pg, at("secret_config_keys"), stringList("client_private_key", "password")),
				statecheck.ExpectKnownValue(pg, at("secret_auth_keys"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(pg, at("auth_schema"), knownvalue.Null()),
				statecheck.ExpectKnownValue(pg, at("destination_schema_keys"), stringList("prefix")),

				statecheck.ExpectKnownValue(sheets, at("destination_schema_keys"), stringList("name", "table")),
			},
			Check: func(s *terraform.State) error {
				// config_schema is the metadata tree, whole.
				raw := s.RootModule().Resources[pg].Primary.Attributes["config_schema"]
				var n fivetran.SchemaNode
				if err := json.Unmarshal([]byte(raw), &n); err != nil {
					return fmt.Errorf("config_schema is not JSON: %w", err)
				}
				if n.Properties["schema_prefix"] == nil || n.Properties["password"].Format != "password" || n.Properties["port"].Type != "integer" {
					return fmt.Errorf("config_schema does not hold the postgres config tree: %s", raw)
				}
				return nil
			},
		}},
	})
}

// TestAccConnectorTypeDataSource_unknown: an unknown service is an error on
// the attribute with the nearest service suggested.
func TestAccConnectorTypeDataSource_unknown(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + `
data "fivetran_connector_type" "x" {
  service = "postgress"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Unknown connector type.*no connector type\s+"postgress".*Did\s+you\s+mean\s+"postgres"\?`),
		}},
	})
}

// TestConnectorTypeDataSource_secretKeys: paths of secrets in nested objects and in array items
// (which share their array's path), sorted and without duplicates.
func TestConnectorTypeDataSource_secretKeys(t *testing.T) {
	pw := &fivetran.SchemaNode{Type: "string", Format: "password"}
	root := &fivetran.SchemaNode{Type: "object", Properties: map[string]*fivetran.SchemaNode{
		"password": pw,
		"host":     {Type: "string"},
		"tunnel":   {Type: "object", Properties: map[string]*fivetran.SchemaNode{"private_key": pw, "user": {Type: "string"}}},
		"pats":     {Type: "array", Format: "password", Items: pw},
		"reports":  {Type: "array", Items: &fivetran.SchemaNode{Type: "object", Properties: map[string]*fivetran.SchemaNode{"token": pw}}},
	}}
	got := fmt.Sprint(secretKeys(root))
	if want := "[password pats reports.token tunnel.private_key]"; got != want {
		t.Errorf("secretKeys = %s, want %s", got, want)
	}
	if got := secretKeys(nil); len(got) != 0 {
		t.Errorf("secretKeys(nil) = %v, want none", got)
	}
}

// TestConnectorTypeDataSource_destinationSchemaRule: the keys follow the destination-schema keys the
// config declares, prefix first.
func TestConnectorTypeDataSource_destinationSchemaRule(t *testing.T) {
	ct := func(keys ...string) *fivetran.ConnectorType {
		props := map[string]*fivetran.SchemaNode{"host": {Type: "string"}}
		for _, k := range keys {
			props[k] = &fivetran.SchemaNode{Type: "string"}
		}
		return &fivetran.ConnectorType{Config: &fivetran.SchemaNode{Properties: props}}
	}
	for _, c := range []struct {
		ct   *fivetran.ConnectorType
		want string
	}{
		{ct("schema_prefix"), "[prefix]"},
		{ct("schema", "table_group_name"), "[name table_group_name]"},
		{ct("schema", "table"), "[name table]"},
		{ct("schema"), "[name]"},
		{ct(), "[name]"},
	} {
		if _, keys, ok := destinationSchemaRule(c.ct); !ok || fmt.Sprint(keys) != c.want {
			t.Errorf("destinationSchemaRule = %v (ok %v), want %s", keys, ok, c.want)
		}
	}
	if _, _, ok := destinationSchemaRule(&fivetran.ConnectorType{}); ok {
		t.Error("a type without a config schema has no rule")
	}
}

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// TestNamePattern: the list filters' `name` is a whole-name glob with `*`
// and `?`; everything else, regular-expression characters included, matches
// itself.
func TestNamePattern(t *testing.T) {
	cases := []struct {
		glob, name string
		want       bool
	}{
		{"analytics", "analytics", true},
		{"analytics", "analytics_old", false},
		{"analytics*", "analytics_old", true},
		{"*", "", true},
		{"*_db", "app_db", true},
		{"*_db", "app_db2", false},
		{"files.*", "files.orders", true},
		{"files.*", "filesXorders", false}, // "." is no wildcard
		{"t?", "t1", true},
		{"t?", "t12", false},
		{"a+b", "a+b", true},
		{"a+b", "aab", false},
		{"[x]", "[x]", true},
		{"[x]", "x", false},
		{"Sales", "sales", false}, // case-sensitive
	}
	for _, c := range cases {
		if got := compileNamePattern(types.StringValue(c.glob)).matches(c.name); got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.glob, c.name, got, c.want)
		}
	}
	if p := compileNamePattern(types.StringNull()); !p.matches("anything") {
		t.Error("no pattern must match every name")
	}
	if p := compileNamePattern(types.StringValue("app_db")); p.literal != "app_db" {
		t.Errorf("a pattern without wildcards is the literal name (sent to Fivetran as a filter), got %q", p.literal)
	}
	if p := compileNamePattern(types.StringValue("app*")); p.literal != "" {
		t.Errorf("a pattern with wildcards has no literal, got %q", p.literal)
	}
}

// TestListFilterRule: the destination and connection lists share one
// filter rule. A destination goes by its group everywhere: filtered, named
// and ordered by its group's id and name, also when its own id differs from
// its group id. service is compared ignoring case in both lists.
func TestListFilterRule(t *testing.T) {
	groups := []fivetran.Group{{ID: "grp_b", Name: "alpha"}, {ID: "grp_a", Name: "beta"}}
	dests := []fivetran.Destination{
		{ID: "dest_1", GroupID: "grp_a", Service: "snowflake"},
		{ID: "dest_2", GroupID: "grp_b", Service: "Snowflake"},
	}
	got := destinationListing(dests, groups, listFilter{GroupID: types.StringNull(), Service: types.StringValue("snowflake"), Name: types.StringNull()})
	want := []listed{{id: "dest_2", displayName: "alpha (Snowflake)"}, {id: "dest_1", displayName: "beta (snowflake)"}}
	if !slices.Equal(got, want) {
		t.Errorf("destinations: got %v, want %v (named and ordered by their group's name; service ignoring case)", got, want)
	}
	got = destinationListing(dests, groups, listFilter{GroupID: types.StringValue("grp_a"), Service: types.StringNull(), Name: types.StringValue("b*")})
	if want := []listed{{id: "dest_1", displayName: "beta (snowflake)"}}; !slices.Equal(got, want) {
		t.Errorf("destinations of group grp_a named b*: got %v, want %v", got, want)
	}

	conns := []fivetran.Connection{
		{ID: "c1", GroupID: "grp_a", Service: "Postgres", Schema: "app_db"},
		{ID: "c2", GroupID: "grp_a", Service: "github", Schema: "github"},
		{ID: "c3", GroupID: "grp_b", Service: "postgres", Schema: "eu_db"},
	}
	got = connectionListing(conns, listFilter{GroupID: types.StringNull(), Service: types.StringValue("postgres"), Name: types.StringValue("*_db")})
	want = []listed{{id: "c1", displayName: "app_db (Postgres, group grp_a)"}, {id: "c3", displayName: "eu_db (postgres, group grp_b)"}}
	if !slices.Equal(got, want) {
		t.Errorf("connections: got %v, want %v (service ignoring case, as for destinations)", got, want)
	}
}

// TestAccQuery_adoptGroup (Terraform 1.14+): `terraform query` with list
// blocks filtered by group name, group id and connection name finds a group,
// its destination and its connections, and not those of another group;
// `-generate-config-out` writes import blocks by identity and resource
// blocks; once the one secret is filled in, an apply imports all of it
// without creating or changing anything, and the next plan is empty.
func TestAccQuery_adoptGroup(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	em := startEmulator(t)
	g := em.CreateGroup("analytics")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "+2",
		"config": map[string]any{"host": "warehouse.internal", "port": 5432, "database": "dw"}}); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, body := range []map[string]any{
		{"service": "postgres", "sync_frequency": 60, "config": map[string]any{"schema_prefix": "app", "host": "db.internal", "port": 5432,
			"user": "fivetran", "password": "oob-secret-4411", "update_method": "XMIN"}},
		{"service": "google_sheets", "paused": true, "config": map[string]any{"schema": "sheets", "table": "budget", "sheet_id": "1AbC",
			"named_range": "r", "auth_type": "ServiceAccount"}},
		{"service": "github", "config": map[string]any{"schema": "github", "sync_mode": "AllRepositories"}},
	} {
		body["group_id"] = gid
		c, err := em.CreateConnection(body)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, jsonAs[string](t, c["id"]))
	}
	// Another group with a destination and a connection: not listed.
	other := jsonAs[string](t, em.CreateGroup("analytics_old")["id"])
	if _, err := em.CreateDestination(other, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "0",
		"config": map[string]any{"host": "old.internal", "port": 5432, "database": "dw"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := em.CreateConnection(map[string]any{"group_id": other, "service": "github",
		"config": map[string]any{"schema": "github", "sync_mode": "AllRepositories"}}); err != nil {
		t.Fatal(err)
	}

	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+"provider \"fivetran\" {}\n")
	r.write("adopt.tfquery.hcl", `
list "fivetran_group" "analytics" {
  provider = fivetran
  config {
    name = "analytic?"
  }
}

list "fivetran_destination" "analytics" {
  provider = fivetran
  config {
    name    = "analytics"
    service = "postgres_warehouse"
  }
}

list "fivetran_connection" "analytics" {
  provider = fivetran
  config {
    group_id = "`+gid+`"
    name     = "*"
  }
}
`)
	out := r.must("query", "-generate-config-out=generated.tf")
	t.Logf("terraform query:\n%s", out)
	t.Logf("generated.tf:\n%s", r.read("generated.tf"))
	for _, s := range []string{"analytics (postgres_warehouse)", "app (postgres, group " + gid + ")", "sheets.budget (google_sheets", "github (github, group " + gid} {
		if !strings.Contains(out, s) {
			t.Errorf("query output lacks %q", s)
		}
	}
	if strings.Contains(out, "analytics_old") || strings.Contains(out, other) {
		t.Errorf("query output lists the other group:\n%s", out)
	}
	gen := r.read("generated.tf")
	for _, id := range append(want, gid) {
		if !regexp.MustCompile(`identity = \{\s*id\s*= "` + id + `"`).MatchString(gen) {
			t.Errorf("generated.tf has no import block by identity for %s", id)
		}
	}
	if n := strings.Count(gen, "import {"); n != 5 {
		t.Errorf("generated.tf has %d import blocks, want 5 (group, destination, 3 connections)", n)
	}
	if strings.Contains(gen, "******") || strings.Contains(gen, "oob-secret-4411") {
		t.Fatalf("generated.tf holds a secret or a mask:\n%s", gen)
	}
	// Fill in the one secret, from a sensitive variable.
	at := strings.Index(gen, `"db.internal"`)
	if at < 0 {
		t.Fatalf("the postgres connection's host is not in generated.tf:\n%s", gen)
	}
	gen = gen[:at] + `"db.internal"` + "\n    password = var.app_password" + gen[at+len(`"db.internal"`):]
	r.write("generated.tf", gen+`
variable "app_password" {
  type      = string
  sensitive = true
  default   = "oob-secret-4411"
}
`)
	applyOut := r.must("apply", "-input=false", "-auto-approve")
	// The one change is the password filled in, which the import could not read.
	if !strings.Contains(applyOut, "5 imported, 0 added, 1 changed, 0 destroyed") {
		t.Errorf("the apply did not import the 5 objects and send the one secret:\n%s", applyOut)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
	if n := len(em.Connections()); n != 4 {
		t.Fatalf("the emulator holds %d connections, want 4 (nothing created, nothing lost)", n)
	}
}

// TestAccQuery_filters (Terraform 1.14+, plugin-testing query steps): each
// filter narrows the results as documented, alone and together, and
// Terraform's limit caps them.
func TestAccQuery_filters(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	group := func(name, service string) string {
		id := jsonAs[string](t, em.CreateGroup(name)["id"])
		if _, err := em.CreateDestination(id, map[string]any{"service": service, "time_zone_offset": "0",
			"config": map[string]any{"host": "wh.internal", "port": 5432, "database": "dw"}}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	sales, salesEU := group("sales", "postgres_warehouse"), group("sales_eu", "snowflake")
	ops := group("ops", "postgres_warehouse")
	for _, c := range []struct{ gid, service, schema string }{
		{sales, "postgres", "app_db"}, {sales, "github", "github"}, {salesEU, "postgres", "eu_db"}, {ops, "postgres", "ops_db"},
	} {
		cfg := map[string]any{"schema": c.schema, "sync_mode": "AllRepositories"}
		if c.service == "postgres" {
			cfg = map[string]any{"schema_prefix": c.schema, "host": "db.internal", "port": 5432}
		}
		if _, err := em.CreateConnection(map[string]any{"group_id": c.gid, "service": c.service, "config": cfg}); err != nil {
			t.Fatal(err)
		}
	}
	list := func(kind, name, config string) string {
		return fmt.Sprintf("list %q %q {\n  provider = fivetran\n  %s\n}\n", kind, name, config)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Query: true,
				Config: providerConfig(em) +
					list("fivetran_group", "all", "") +
					list("fivetran_group", "sales_glob", `config { name = "sales*" }`) +
					list("fivetran_group", "sales", `config { name = "sales" }`) +
					list("fivetran_group", "limited", "limit = 1") +
					list("fivetran_destination", "postgres", `config { service = "postgres_warehouse" }`) +
					list("fivetran_destination", "eu", `config { name = "*_eu" }`) +
					list("fivetran_connection", "postgres", `config { service = "postgres" }`) +
					list("fivetran_connection", "sales_dbs", `config {
    group_id = "`+sales+`"
    service  = "postgres"
    name     = "*_db"
  }`) +
					list("fivetran_connection", "exact", `config { name = "ops_db" }`) +
					list("fivetran_connection", "none", `config { name = "nothing*" }`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("fivetran_group.all", 3),
					querycheck.ExpectLength("fivetran_group.sales_glob", 2),
					querycheck.ExpectLength("fivetran_group.sales", 1),
					querycheck.ExpectIdentity("fivetran_group.sales", map[string]knownvalue.Check{"id": knownvalue.StringExact(sales)}),
					querycheck.ExpectLength("fivetran_group.limited", 1),
					querycheck.ExpectLength("fivetran_destination.postgres", 2),
					querycheck.ExpectLength("fivetran_destination.eu", 1),
					querycheck.ExpectIdentity("fivetran_destination.eu", map[string]knownvalue.Check{"id": knownvalue.StringExact(salesEU)}),
					querycheck.ExpectLength("fivetran_connection.postgres", 3),
					querycheck.ExpectLength("fivetran_connection.sales_dbs", 1),
					querycheck.ExpectLength("fivetran_connection.exact", 1),
					querycheck.ExpectLength("fivetran_connection.none", 0),
				},
			},
		},
	})
}

// TestAccQuery_adoptProxyAgent (Terraform 1.14+): `terraform query` finds
// the proxy agents whose name matches, and an apply of the generated blocks
// imports them without a change. Their secrets are not known after the
// import; setting secrets_version has new ones issued, with which the agent
// connects.
func TestAccQuery_adoptProxyAgent(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	em := startEmulator(t)
	var want []string
	for _, name := range []string{"office-berlin", "office-paris", "datacenter"} {
		a, err := em.CreateProxyAgent(name, "GCP_EUROPE_WEST3")
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "office") {
			want = append(want, jsonAs[string](t, a["agent_id"]))
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+"provider \"fivetran\" {}\n")
	r.write("adopt.tfquery.hcl", `
list "fivetran_proxy_agent" "offices" {
  provider = fivetran
  config {
    display_name = "office-*"
  }
}
`)
	out := r.must("query", "-generate-config-out=generated.tf")
	gen := r.read("generated.tf")
	if strings.Contains(out, "datacenter") || strings.Count(gen, "import {") != 2 {
		t.Fatalf("query output or generated.tf is not the two offices:\n%s\n%s", out, gen)
	}
	for _, id := range want {
		if !regexp.MustCompile(`identity = \{\s*id\s*= "` + id + `"`).MatchString(gen) {
			t.Errorf("generated.tf has no import block by identity for %s", id)
		}
	}
	if applyOut := r.must("apply", "-input=false", "-auto-approve"); !strings.Contains(applyOut, "2 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("the apply did not import the two agents alone:\n%s", applyOut)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
	withVersion := regexp.MustCompile(`secrets_version\s*=\s*null`).ReplaceAllString(gen, "secrets_version = 1")
	if strings.Count(withVersion, "secrets_version = 1") != 2 {
		t.Fatalf("generated.tf does not write secrets_version = null for both agents:\n%s", gen)
	}
	r.write("generated.tf", withVersion)
	if applyOut := r.must("apply", "-input=false", "-auto-approve"); !strings.Contains(applyOut, "0 added, 2 changed, 0 destroyed") {
		t.Fatalf("setting secrets_version did not update the two agents in place:\n%s", applyOut)
	}
	var st stateFile
	if err := json.Unmarshal([]byte(r.read("terraform.tfstate")), &st); err != nil {
		t.Fatal(err)
	}
	for _, res := range st.Resources {
		var attrs map[string]any
		if err := json.Unmarshal(res.Instances[0]["attributes"], &attrs); err != nil {
			t.Fatal(err)
		}
		token, _ := attrs["auth_token"].(string)
		if err := em.ConnectProxyAgent(fmt.Sprint(attrs["id"]), token); err != nil {
			t.Errorf("%s: the token issued after the import does not connect: %v", res.Name, err)
		}
	}
}

// TestAccQuery_adoptPrivateLink (Terraform 1.14+): `terraform query` finds
// the private links whose name matches, writes a resource block (with the
// config) and an import block by identity for each, and the apply imports
// them with nothing to change.
func TestAccQuery_adoptPrivateLink(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	em := startEmulator(t)
	var want []string
	for _, name := range []string{"erp_eu", "erp_us", "crm"} {
		l, err := em.CreatePrivateLink(name, "AWS_EU_CENTRAL_1", "SOURCE_AWS", map[string]any{"connection_service_name": "svc-" + name})
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "erp") {
			want = append(want, jsonAs[string](t, l["id"]))
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+"provider \"fivetran\" {}\n")
	r.write("adopt.tfquery.hcl", `
list "fivetran_private_link" "erp" {
  provider = fivetran
  config {
    name = "erp*"
  }
}
`)
	out := r.must("query", "-generate-config-out=generated.tf")
	gen := r.read("generated.tf")
	if strings.Contains(out, "crm") || strings.Count(gen, "import {") != 2 || !strings.Contains(gen, `"svc-erp_eu"`) {
		t.Fatalf("query output or generated.tf is not the two erp links with their config:\n%s\n%s", out, gen)
	}
	for _, id := range want {
		if !regexp.MustCompile(`identity = \{\s*id\s*= "` + id + `"`).MatchString(gen) {
			t.Errorf("generated.tf has no import block by identity for %s", id)
		}
	}
	if applyOut := r.must("apply", "-input=false", "-auto-approve"); !strings.Contains(applyOut, "2 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("the apply did not import the two links alone:\n%s", applyOut)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
}

// TestAccQuery_adoptHybridAgent (Terraform 1.14+): `terraform query` finds
// the hybrid deployment agents of a group whose name matches; the generated
// blocks import with nothing to change, and setting secrets_version then
// issues credentials that start the agents.
func TestAccQuery_adoptHybridAgent(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	em := startEmulator(t)
	g := em.CreateGroup("on_prem")
	other := em.CreateGroup("elsewhere")
	var want []string
	for _, a := range []struct{ group, name string }{{fmt.Sprint(g["id"]), "dc_east"}, {fmt.Sprint(g["id"]), "dc_west"},
		{fmt.Sprint(g["id"]), "lab"}, {fmt.Sprint(other["id"]), "dc_far"}} {
		made, err := em.CreateHybridAgent(a.group, a.name, "DOCKER")
		if err != nil {
			t.Fatal(err)
		}
		if a.group == fmt.Sprint(g["id"]) && strings.HasPrefix(a.name, "dc") {
			want = append(want, jsonAs[string](t, made["id"]))
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+"provider \"fivetran\" {}\n")
	r.write("adopt.tfquery.hcl", `
list "fivetran_hybrid_deployment_agent" "dc" {
  provider = fivetran
  config {
    group_id     = "`+fmt.Sprint(g["id"])+`"
    display_name = "dc*"
  }
}
`)
	out := r.must("query", "-generate-config-out=generated.tf")
	gen := r.read("generated.tf")
	if strings.Contains(out, "dc_far") || strings.Contains(out, "lab") || strings.Count(gen, "import {") != 2 {
		t.Fatalf("query output or generated.tf is not the group's two dc agents:\n%s\n%s", out, gen)
	}
	for _, id := range want {
		if !regexp.MustCompile(`identity = \{\s*id\s*= "` + id + `"`).MatchString(gen) {
			t.Errorf("generated.tf has no import block by identity for %s", id)
		}
	}
	if applyOut := r.must("apply", "-input=false", "-auto-approve"); !strings.Contains(applyOut, "2 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("the apply did not import the two agents alone:\n%s", applyOut)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
	withVersion := regexp.MustCompile(`secrets_version\s*=\s*null`).ReplaceAllString(gen, "secrets_version = 1")
	r.write("generated.tf", withVersion)
	if applyOut := r.must("apply", "-input=false", "-auto-approve"); !strings.Contains(applyOut, "0 added, 2 changed, 0 destroyed") {
		t.Fatalf("setting secrets_version did not update the two agents in place:\n%s", applyOut)
	}
	var st stateFile
	if err := json.Unmarshal([]byte(r.read("terraform.tfstate")), &st); err != nil {
		t.Fatal(err)
	}
	for _, res := range st.Resources {
		var attrs map[string]any
		if err := json.Unmarshal(res.Instances[0]["attributes"], &attrs); err != nil {
			t.Fatal(err)
		}
		token, _ := attrs["token"].(string)
		if err := em.StartHybridAgent(fmt.Sprint(attrs["id"]), token); err != nil {
			t.Errorf("%s: the token issued after the import does not start the agent: %v", res.Name, err)
		}
	}
}

// TestAccQuery_adoptUsersAndTeams (Terraform 1.14+): `terraform query` lists
// the account's users (its owner among them) and teams, writes a resource
// block and an import block by identity for each, and the apply imports
// them with nothing to change.
func TestAccQuery_adoptUsersAndTeams(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	em := startEmulator(t)
	for _, email := range []string{"ada@example.com", "grace@example.com"} {
		if _, err := em.CreateUser(map[string]any{"email": email, "given_name": "G", "family_name": "F", "role": "Account Reviewer"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := em.CreateTeam(map[string]any{"name": "analysts", "role": "Account Analyst"}); err != nil {
		t.Fatal(err)
	}
	// The lists lag the creates: wait until they show them.
	c := testClient(t, em)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		users, uerr := c.ListUsers(context.Background())
		teams, terr := c.ListTeams(context.Background())
		if uerr == nil && terr == nil && len(users) == 3 && len(teams) == 1 {
			break
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+"provider \"fivetran\" {}\n")
	r.write("adopt.tfquery.hcl", `
list "fivetran_user" "all" {
  provider = fivetran
}

list "fivetran_team" "all" {
  provider = fivetran
}
`)
	r.must("query", "-generate-config-out=generated.tf")
	gen := r.read("generated.tf")
	if strings.Count(gen, "import {") != 4 || !strings.Contains(gen, `"grace@example.com"`) || !strings.Contains(gen, `"analysts"`) {
		t.Fatalf("generated.tf is not the three users and the team:\n%s", gen)
	}
	if applyOut := r.must("apply", "-input=false", "-auto-approve"); !strings.Contains(applyOut, "4 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("the apply did not import the users and the team alone:\n%s", applyOut)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
}

// TestAccQuery_adoptExternalLogging (Terraform 1.14+): `terraform query`
// lists the log services (their config read by GET, since the list carries
// none), and the generated blocks import with nothing to change; the secret
// is left out, as Fivetran never shows it.
func TestAccQuery_adoptExternalLogging(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.14.0")
	em := startEmulator(t)
	g := em.CreateGroup("sales")
	if _, err := em.CreateLogService(fmt.Sprint(g["id"]), map[string]any{"service": "datadog_log", "enabled": true,
		"config": map[string]any{"api_key": "dd-Secret-1", "region": "EU"}}); err != nil {
		t.Fatal(err)
	}
	// The list lags the create: wait until it shows it.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if logs, err := testClient(t, em).ListExternalLogging(context.Background()); err == nil && len(logs) == 1 {
			break
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+"provider \"fivetran\" {}\n")
	r.write("adopt.tfquery.hcl", `
list "fivetran_external_logging" "all" {
  provider = fivetran
}
`)
	r.must("query", "-generate-config-out=generated.tf")
	gen := r.read("generated.tf")
	if strings.Count(gen, "import {") != 1 || !strings.Contains(gen, `"EU"`) || strings.Contains(gen, "dd-Secret-1") || strings.Contains(gen, "******") {
		t.Fatalf("generated.tf is not the log service with its region and no secret:\n%s", gen)
	}
	if applyOut := r.must("apply", "-input=false", "-auto-approve"); !strings.Contains(applyOut, "1 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("the apply did not import the log service alone:\n%s", applyOut)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
}

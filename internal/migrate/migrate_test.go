package migrate

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/fixtures.tf.golden")

const officialAddr = "registry.terraform.io/fivetran/fivetran"

// showResource is one resource of `terraform show -json`.
type showResource struct {
	typ, name string
	values    map[string]any
	sensitive any
}

// showState writes resources in the shape of `terraform show -json`.
func showState(t testing.TB, rs []showResource, extra ...map[string]any) []byte {
	t.Helper()
	var list []map[string]any
	for _, r := range rs {
		list = append(list, map[string]any{
			"address": r.typ + "." + r.name, "mode": "managed", "type": r.typ, "name": r.name,
			"provider_name": officialAddr, "schema_version": 0, "values": r.values,
			"sensitive_values": cmp.Or(r.sensitive, any(map[string]any{})),
		})
	}
	list = append(list, extra...)
	b, err := json.Marshal(map[string]any{"format_version": "1.0", "terraform_version": "1.14.9",
		"values": map[string]any{"root_module": map[string]any{"resources": list}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixture reads one of the provider's official-state fixtures.
func fixture(t testing.TB, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "provider", "testdata", "official", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// secrets are every value marked sensitive or masked in values, at any
// depth (a sensitive JSON string as a whole and each string inside it).
func secrets(values, sens any, into map[string]bool) {
	if sens == true {
		switch v := values.(type) {
		case string:
			into[v] = true
			var inner any
			if json.Unmarshal([]byte(v), &inner) == nil {
				secrets(inner, true, into)
			}
		case map[string]any:
			for _, e := range v {
				secrets(e, true, into)
			}
		case []any:
			for _, e := range v {
				secrets(e, true, into)
			}
		}
		return
	}
	switch v := values.(type) {
	case string:
		if v == maskedSecret {
			into[v] = true
		}
	case map[string]any:
		for k, e := range v {
			secrets(e, sub(sens, k), into)
		}
	case []any:
		for i, e := range v {
			secrets(e, subIndex(sens, i), into)
		}
	}
}

func checkNoSecret(t *testing.T, rs []showResource, out string) {
	t.Helper()
	found := map[string]bool{}
	for _, r := range rs {
		secrets(r.values, r.sensitive, found)
	}
	if len(found) == 0 {
		t.Fatal("the input holds no secret: the check would prove nothing")
	}
	for s := range found {
		// Short values ("true", "1") are not telling; every secret in these
		// inputs is longer.
		if len(s) >= 6 && strings.Contains(out, s) {
			t.Errorf("the output holds a secret value (%d bytes long)", len(s))
		}
	}
}

// checkFmt runs terraform fmt -check on the output.
func checkFmt(t *testing.T, out []byte) {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		tf, _ = filepath.Abs(filepath.Join("..", "..", ".tools", "bin", "terraform"))
	}
	if _, err := os.Stat(tf); err != nil {
		t.Skipf("!!! NOT CHECKED: terraform fmt -check skipped, no Terraform at %s (make terraform, or set TF_ACC_TERRAFORM_PATH) !!!", tf)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "migrate.tf"), out, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), tf, "fmt", "-check", "-diff", "migrate.tf")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("terraform fmt -check: %v\n%s", err, b)
	}
}

func count(out, re string) int { return len(regexp.MustCompile(re).FindAllStringIndex(out, -1)) }

// fixtureState is the provider's fixtures as one state: a group, its
// destination, a proxy agent, a connector (through the agent) with its
// schedule and schema config, an imported connector with masked secrets, a
// connection with its config companion, an external logging service (no
// counterpart) and a
// resource of another provider.
func fixtureState(t testing.TB) []showResource {
	companion := fixture(t, "connection_config_v1_salesforce")
	companion["connection_id"], companion["id"] = "spiral_tendency", "spiral_tendency"
	pg := fixture(t, "connector_v4_postgres")
	pg["networking_method"], pg["proxy_agent_id"] = "ProxyAgent", "ample_lantern"
	return []showResource{
		{"fivetran_group", "main", fixture(t, "group_v0"), nil},
		{"fivetran_destination", "main", fixture(t, "destination_v2_imported"), map[string]any{"config": map[string]any{"password": true}}},
		{"fivetran_proxy_agent", "office", fixture(t, "proxy_agent"), proxyAgentSensitive},
		{"fivetran_connector", "pg", pg, map[string]any{"config": map[string]any{"password": true}}},
		{"fivetran_connector_schedule", "pg", fixture(t, "connector_schedule"), nil},
		{"fivetran_connector_schema_config", "pg", fixture(t, "connector_schema_config_blocks"), nil},
		{"fivetran_connector", "ads", fixture(t, "connector_v4_google_ads_imported"), map[string]any{"auth": map[string]any{
			"refresh_token": true, "client_access": map[string]any{"client_secret": true, "developer_token": true}}}},
		{"fivetran_connection", "s3", fixture(t, "connection_v1_s3"), nil},
		{"fivetran_connection_config", "s3", companion, map[string]any{"auth": true}},
		{"fivetran_transformation", "daily", map[string]any{"id": "tr1", "type": "DBT_CORE",
			"transformation_config": []any{map[string]any{"name": "daily", "steps": []any{}}}}, nil},
	}
}

func TestGenerateFixtures(t *testing.T) {
	rs := fixtureState(t)
	in := showState(t, rs, map[string]any{"address": "null_resource.x", "mode": "managed", "type": "null_resource",
		"name": "x", "provider_name": "registry.terraform.io/hashicorp/null", "values": map[string]any{}})
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(in), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	// group, destination, proxy agent, two connectors, the connection, the
	// schema config; the agent's secrets are no variables.
	if want := (Stats{Moved: 7, Removed: 2, Variables: 9, Unknown: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	for _, want := range []string{
		// Same type names: a new address, and references follow it.
		"moved {\n  from = fivetran_group.main\n  to = fivetran_group.main_v2\n}",
		"moved {\n  from = fivetran_destination.main\n  to = fivetran_destination.main_v2\n}",
		"moved {\n  from = fivetran_proxy_agent.office\n  to = fivetran_proxy_agent.office_v2\n}",
		"resource \"fivetran_proxy_agent\" \"office_v2\" {\n  provider = openpipes\n  display_name = \"office-proxy\"\n  region = \"GCP_US_EAST4\"\n}",
		"networking_method = \"ProxyAgent\"\n  proxy_agent_id = fivetran_proxy_agent.office_v2.id\n",
		"moved {\n  from = fivetran_connector.pg\n  to = fivetran_connection.pg\n}",
		"moved {\n  from = fivetran_connection.s3\n  to = fivetran_connection.s3_v2\n}",
		"moved {\n  from = fivetran_connector_schema_config.pg\n  to = fivetran_connection_schema.pg\n}",
		"removed {\n  from = fivetran_connector_schedule.pg\n  lifecycle {\n    destroy = false\n  }\n}",
		"removed {\n  from = fivetran_connection_config.s3\n",
		"group_id = fivetran_group.main_v2.id",
		"connection_id = fivetran_connection.pg.id",
		// The schedule folded in, typed.
		"sync_frequency = 1440",
		"paused = false",
		"schedule_type = \"auto\"",
		// Secrets as variables, never values.
		"password = var.main_v2_config_password",
		"refresh_token = var.ads_auth_refresh_token",
		"variable \"pg_config_password\" {",
		"      client_secret = var.s3_v2_auth_client_access_client_secret",
		"      client_id = var.s3_v2_auth_client_access_client_id",
		// Schema choices as flat maps.
		`"public.users.email" = "hashed"`,
		"#   fivetran_transformation.daily",
		// A connection's config and its companion's, together.
		"append_file_option = \"upsert_file\"",
		"domain = \"acme.my.salesforce.com\"",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if strings.Contains(out, "null_resource") {
		t.Error("a resource of another provider is in the output")
	}
	if n := count(out, `sensitive   = true`); n != st.Variables {
		t.Errorf("%d sensitive variables, want %d", n, st.Variables)
	}
	checkNoSecret(t, rs, out)
	noProxyAgentSecrets(t, out)
	golden := filepath.Join("testdata", "fixtures.tf.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(golden); err != nil || string(want) != out {
		t.Errorf("the output differs from %s (go test -run TestGenerateFixtures -update rewrites it): %v\n%s", golden, err, out)
	}
	checkFmt(t, buf.Bytes())
}

// largeState is a state of 350 official resources: 10 groups, 10
// destinations, 150 connectors each with a schedule, and 30 schema configs;
// 200 of them move.
func largeState() []showResource {
	var rs []showResource
	for g := range 10 {
		gid := fmt.Sprintf("group_%02d_id", g)
		rs = append(rs,
			showResource{"fivetran_group", fmt.Sprintf("team_%02d", g), map[string]any{"id": gid, "name": fmt.Sprintf("team-%02d", g),
				"created_at": "2023-01-09 14:02:11.48 +0000 UTC"}, nil},
			showResource{"fivetran_destination", fmt.Sprintf("team_%02d", g), map[string]any{"id": gid, "group_id": gid,
				"service": "snowflake", "region": "AWS_US_EAST_1", "time_zone_offset": "0", "run_setup_tests": false,
				"config": map[string]any{"host": fmt.Sprintf("wh%02d.example.com", g), "port": json.Number("443"), "user": "loader",
					"database": "dw", "password": fmt.Sprintf("dest-Secret-%04d", g), "private_key": nil}},
				map[string]any{"config": map[string]any{"password": true}}})
	}
	for c := range 150 {
		id := fmt.Sprintf("conn_%03d_id", c)
		password := any(fmt.Sprintf("conn-Secret-%04d", c))
		if c%5 == 0 {
			password = maskedSecret // imported: Fivetran returned it masked
		}
		rs = append(rs,
			showResource{"fivetran_connector", fmt.Sprintf("src_%03d", c), map[string]any{"id": id,
				"group_id": fmt.Sprintf("group_%02d_id", c%10), "service": "postgres", "run_setup_tests": false,
				"destination_schema": map[string]any{"prefix": fmt.Sprintf("app_%03d", c), "name": nil},
				"config": map[string]any{"host": "db.example.com", "port": json.Number("5432"), "user": "fivetran",
					"database": "app", "password": password, "update_method": "XMIN", "tunnel_host": nil, "accounts": []any{}}},
				map[string]any{"config": map[string]any{"password": true}}},
			showResource{"fivetran_connector_schedule", fmt.Sprintf("src_%03d", c), map[string]any{"id": id, "connector_id": id,
				"sync_frequency": "360", "schedule_type": "auto", "paused": "false", "pause_after_trial": "false"}, nil})
	}
	for s := range 30 {
		id := fmt.Sprintf("conn_%03d_id", s)
		rs = append(rs, showResource{"fivetran_connector_schema_config", fmt.Sprintf("src_%03d", s), map[string]any{"id": id,
			"connector_id": id, "schema_change_handling": "BLOCK_ALL", "schemas": map[string]any{"public": map[string]any{
				"enabled": true, "tables": map[string]any{"users": map[string]any{"enabled": true, "sync_mode": "SOFT_DELETE",
					"columns": map[string]any{"email": map[string]any{"enabled": true, "hashed": true}}}}}}}, nil})
	}
	return rs
}

func TestGenerateLarge(t *testing.T) {
	rs := largeState()
	in := showState(t, rs)
	var buf bytes.Buffer
	start := time.Now()
	st, err := Generate(bytes.NewReader(in), &buf, Options{Provider: "openpipes"})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	t.Logf("%d official resources (%d bytes of terraform show -json): generated in %v, %d lines, %d bytes",
		len(rs), len(in), took.Round(time.Microsecond), strings.Count(out, "\n"), len(out))
	if want := (Stats{Moved: 200, Removed: 150, Variables: 160}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	for re, want := range map[string]int{
		`(?m)^moved \{$`:   200,
		`(?m)^removed \{$`: 150,
		`(?m)^resource "fivetran_group" "team_\d\d_v2" \{$`:          10,
		`(?m)^resource "fivetran_destination" "team_\d\d_v2" \{$`:    10,
		`(?m)^resource "fivetran_connection" "src_\d{3}" \{$`:        150,
		`(?m)^resource "fivetran_connection_schema" "src_\d{3}" \{$`: 30,
		`(?m)^  from = fivetran_connector_schedule\.src_\d{3}$`:      150,
		// Every connection and destination depends on its moved group.
		`group_id += fivetran_group\.team_\d\d_v2\.id`:        160,
		`connection_id += fivetran_connection\.src_\d{3}\.id`: 30,
		`(?m)^variable "[a-z0-9_]+" \{$`:                      160,
		`masked in the old state`:                             30,
		`sync_frequency += 360`:                               150,
	} {
		if n := count(out, re); n != want {
			t.Errorf("%d matches of %s, want %d", n, re, want)
		}
	}
	checkNoSecret(t, rs, out)
	checkFmt(t, buf.Bytes())
}

func BenchmarkGenerate200(b *testing.B) {
	in := showState(b, largeState())
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if _, err := Generate(bytes.NewReader(in), &buf, Options{Provider: "openpipes"}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "out-bytes")
}

// TestGenerateOldVersions: states of schema version 0 hold blocks as
// one-element lists and booleans and numbers as strings; a connector of
// version 0 holds its own schedule.
func TestGenerateOldVersions(t *testing.T) {
	rs := []showResource{
		{"fivetran_destination", "old", fixture(t, "destination_v0_sdk"), map[string]any{"config": []any{map[string]any{"password": true}}}},
		{"fivetran_connector", "old", fixture(t, "connector_v0_sdk"), map[string]any{"config": []any{map[string]any{"password": true}}}},
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(showState(t, rs)), &buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Moved: 2, Variables: 2}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	out := regexp.MustCompile(` {2,}=`).ReplaceAllString(buf.String(), " =")
	for _, want := range []string{
		"resource \"fivetran_destination\" \"old_v2\" {\n  group_id = \"decent_dropsy\"",
		"run_setup_tests = true",
		"trust_certificates = false",
		// Config values keep the type the old state stored them with.
		"port = \"5432\"",
		"always_encrypted = \"true\"",
		"password = var.old_v2_config_password",
		"password = var.old_config_password",
		"destination_schema = {\n    name = \"billing\"\n  }",
		"sync_frequency = 1440",
		"daily_sync_time = \"03:00\"",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out, "provider =") {
		t.Error("a provider argument without Options.Provider")
	}
	checkNoSecret(t, rs, out)
	checkFmt(t, buf.Bytes())
}

// TestGenerateInstances: instances of a resource with count or for_each
// each move to a resource of their own; their schedules leave state in one
// removed block (it names the resource, not an instance).
func TestGenerateInstances(t *testing.T) {
	var list []map[string]any
	for i, key := range []any{0, 1} {
		id := fmt.Sprintf("c%d", i)
		for _, typ := range []string{"fivetran_connector", "fivetran_connector_schedule"} {
			list = append(list, map[string]any{"address": fmt.Sprintf("%s.pg[%d]", typ, i), "mode": "managed", "type": typ,
				"name": "pg", "index": key, "provider_name": officialAddr, "values": map[string]any{"id": id, "connector_id": id,
					"group_id": "g", "service": "postgres", "sync_frequency": "60"}})
		}
	}
	in, _ := json.Marshal(map[string]any{"values": map[string]any{"root_module": map[string]any{"resources": list}}})
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(in), &buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Moved: 2, Removed: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	out := buf.String()
	for _, want := range []string{"from = fivetran_connector.pg[0]\n  to   = fivetran_connection.pg_0\n",
		"from = fivetran_connector.pg[1]\n  to   = fivetran_connection.pg_1\n", "from = fivetran_connector_schedule.pg\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	checkFmt(t, buf.Bytes())
}

// proxyAgentSensitive is what `terraform show -json` marks sensitive in an
// official proxy agent.
var proxyAgentSensitive = map[string]any{"token": true, "client_private_key": true}

// noProxyAgentSecrets fails if the output holds a proxy agent's secret (the
// certificate is not marked sensitive, but is not written either) or any of
// its computed attributes.
func noProxyAgentSecrets(t *testing.T, out string) {
	t.Helper()
	for _, s := range []string{"BEGIN", "PRIVATE KEY", "proxy-Token"} {
		if strings.Contains(out, s) {
			t.Errorf("the output holds %q of a proxy agent", s)
		}
	}
	attrs := regexp.MustCompile(`(?m)^\s*(token|client_cert|client_private_key|auth_token|registred_at|created_by|regeneration_counter|group_region)\s+=`)
	if m := attrs.FindString(out); m != "" {
		t.Errorf("the output writes %q of a proxy agent", strings.TrimSpace(m))
	}
}

// TestGenerateProxyAgents: each official proxy agent of the root module
// moves to this provider's fivetran_proxy_agent at a new address, with its
// name, region and (when set) regeneration_counter as secrets_version; its
// secrets are not written (they move with the state). A connection's or
// destination's proxy_agent_id of a moved agent becomes a reference to the
// new address; the id of an agent that does not move stays as it is.
func TestGenerateProxyAgents(t *testing.T) {
	counted := fixture(t, "proxy_agent")
	counted["id"], counted["display_name"], counted["group_region"], counted["regeneration_counter"] =
		"brisk_harbor", "lab-proxy", "AWS_US_EAST_1", json.Number("2")
	dest := fixture(t, "destination_v2_imported")
	dest["networking_method"], dest["proxy_agent_id"] = "ProxyAgent", "brisk_harbor"
	conn := fixture(t, "connector_v4_postgres")
	conn["networking_method"], conn["proxy_agent_id"] = "ProxyAgent", "ample_lantern"
	other := fixture(t, "connector_v3_mysql_imported")
	other["networking_method"], other["proxy_agent_id"], other["hybrid_deployment_agent_id"] = "ProxyAgent", "far_away", nil
	rs := []showResource{
		{"fivetran_proxy_agent", "office", fixture(t, "proxy_agent"), proxyAgentSensitive},
		{"fivetran_proxy_agent", "lab", counted, proxyAgentSensitive},
		{"fivetran_destination", "main", dest, map[string]any{"config": map[string]any{"password": true}}},
		{"fivetran_connector", "pg", conn, map[string]any{"config": map[string]any{"password": true}}},
		{"fivetran_connector", "shop", other, map[string]any{"config": map[string]any{"password": true}}},
	}
	// An agent inside a module is listed, not written.
	inModule := fixture(t, "proxy_agent")
	inModule["id"] = "module_agent"
	var doc struct {
		Values struct {
			RootModule map[string]any `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal(showState(t, rs), &doc); err != nil {
		t.Fatal(err)
	}
	doc.Values.RootModule["child_modules"] = []any{map[string]any{
		"address": "module.edge", "resources": []any{map[string]any{"address": "module.edge.fivetran_proxy_agent.office",
			"mode": "managed", "type": "fivetran_proxy_agent", "name": "office", "provider_name": officialAddr,
			"values": inModule, "sensitive_values": proxyAgentSensitive}}}}
	in, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(in), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Moved: 5, Variables: 3}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	for _, want := range []string{
		"resource \"fivetran_proxy_agent\" \"office_v2\" {\n  provider = openpipes\n  display_name = \"office-proxy\"\n  region = \"GCP_US_EAST4\"\n}\n",
		"moved {\n  from = fivetran_proxy_agent.office\n  to = fivetran_proxy_agent.office_v2\n}",
		"resource \"fivetran_proxy_agent\" \"lab_v2\" {\n  provider = openpipes\n  display_name = \"lab-proxy\"\n" +
			"  region = \"AWS_US_EAST_1\"\n  secrets_version = 2\n}\n",
		"moved {\n  from = fivetran_proxy_agent.lab\n  to = fivetran_proxy_agent.lab_v2\n}",
		// References follow the moved agents.
		"resource \"fivetran_destination\" \"main_v2\" {",
		"  networking_method = \"ProxyAgent\"\n  proxy_agent_id = fivetran_proxy_agent.lab_v2.id\n",
		"  networking_method = \"ProxyAgent\"\n  proxy_agent_id = fivetran_proxy_agent.office_v2.id\n",
		// An agent that does not move keeps its id.
		"  networking_method = \"ProxyAgent\"\n  proxy_agent_id = \"far_away\"\n",
		"#   module.edge.fivetran_proxy_agent.office",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	if n := count(out, `(?m)^resource "fivetran_proxy_agent" `); n != 2 {
		t.Errorf("%d proxy agents written, want 2", n)
	}
	if strings.Contains(out, "module_agent") || strings.Contains(out, "no counterpart") {
		t.Errorf("the agent in a module was written, or a proxy agent listed as without a counterpart\n%s", out)
	}
	checkNoSecret(t, rs, out)
	noProxyAgentSecrets(t, out)
	checkFmt(t, buf.Bytes())
}

// TestGeneratePrivateLinks: an official private link moves to this
// provider's fivetran_private_link with its name, region, service and the
// keys of config_map that are set (the official state holds every key of
// every service, null where unused) as config. A connection's or
// destination's private_link_id of a moved link becomes a reference to the
// new address; the id of a link that does not move stays as it is.
func TestGeneratePrivateLinks(t *testing.T) {
	dest := fixture(t, "destination_v2_imported")
	dest["networking_method"], dest["private_link_id"] = "PrivateLink", "quiet_harbor"
	conn := fixture(t, "connector_v4_postgres")
	conn["networking_method"], conn["private_link_id"], conn["proxy_agent_id"] = "PrivateLink", "far_away", nil
	rs := []showResource{
		{"fivetran_private_link", "warehouse", fixture(t, "private_link"), nil},
		{"fivetran_destination", "main", dest, map[string]any{"config": map[string]any{"password": true}}},
		{"fivetran_connector", "pg", conn, map[string]any{"config": map[string]any{"password": true}}},
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(showState(t, rs)), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Moved != 3 {
		t.Errorf("stats = %+v, want 3 moved", st)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	for _, want := range []string{
		"resource \"fivetran_private_link\" \"warehouse_v2\" {\n  provider = openpipes\n  name = \"warehouse_link\"\n" +
			"  region = \"AWS_US_EAST_1\"\n  service = \"SOURCE_AWS\"\n  config = {\n" +
			"    connection_service_name = \"com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f\"\n  }\n}\n",
		"moved {\n  from = fivetran_private_link.warehouse\n  to = fivetran_private_link.warehouse_v2\n}",
		"  networking_method = \"PrivateLink\"\n  private_link_id = fivetran_private_link.warehouse_v2.id\n",
		"  networking_method = \"PrivateLink\"\n  private_link_id = \"far_away\"\n",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out, "vpce_id") || strings.Contains(out, "null") {
		t.Errorf("a null key of config_map was written\n%s", out)
	}
	checkFmt(t, buf.Bytes())
}

// TestGenerateHybridAgents: an official hybrid deployment agent moves to
// this provider's resource with its group (a reference to the moved
// group), name, environment, auth type, accept_terms and, when set,
// authentication_counter as secrets_version; its credentials are not
// written. A destination's hybrid_deployment_agent_id (or the older
// local_processing_agent_id) of a moved agent becomes a reference.
func TestGenerateHybridAgents(t *testing.T) {
	counted := fixture(t, "hybrid_deployment_agent")
	counted["authentication_counter"] = json.Number("3")
	dest := fixture(t, "destination_v2_imported")
	dest["hybrid_deployment_agent_id"], dest["local_processing_agent_id"] = nil, "calm_meadow"
	rs := []showResource{
		{"fivetran_group", "main", fixture(t, "group_v0"), nil},
		{"fivetran_hybrid_deployment_agent", "dc", counted, map[string]any{"token": true, "auth_json": true, "config_json": true}},
		{"fivetran_destination", "main", dest, map[string]any{"config": map[string]any{"password": true}}},
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(showState(t, rs)), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Moved != 3 {
		t.Errorf("stats = %+v, want 3 moved", st)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	for _, want := range []string{
		"resource \"fivetran_hybrid_deployment_agent\" \"dc_v2\" {\n  provider = openpipes\n  group_id = fivetran_group.main_v2.id\n" +
			"  display_name = \"dc_east\"\n  env_type = \"DOCKER\"\n  auth_type = \"AUTO\"\n  accept_terms = true\n  secrets_version = 3\n}\n",
		"moved {\n  from = fivetran_hybrid_deployment_agent.dc\n  to = fivetran_hybrid_deployment_agent.dc_v2\n}",
		"  hybrid_deployment_agent_id = fivetran_hybrid_deployment_agent.dc_v2.id\n",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	for _, secret := range []string{"aHlicmlkLXRva2Vu", "eyJhdXRoIjoi", "eyJjb25maWci"} {
		if strings.Contains(out, secret) {
			t.Errorf("the output holds a credential of the agent")
		}
	}
	checkFmt(t, buf.Bytes())
}

// TestGenerateWebhooks: an official webhook moves to this provider's with
// its group (a reference when the group moves), URL, events and flags, and
// its secret as a sensitive variable; an account webhook has no group_id.
func TestGenerateWebhooks(t *testing.T) {
	group := map[string]any{"id": "hook_g", "type": "group", "group_id": "decent_dropsy", "url": "https://hooks.example.com/a",
		"events": []any{"sync_end", "sync_start"}, "active": true, "secret": "hook-Secret-1234", "run_tests": nil}
	account := map[string]any{"id": "hook_a", "type": "account", "group_id": nil, "url": "https://hooks.example.com/b",
		"events": []any{"status"}, "active": false, "secret": nil}
	rs := []showResource{
		{"fivetran_group", "main", fixture(t, "group_v0"), nil},
		{"fivetran_webhook", "alerts", group, map[string]any{"secret": true}},
		{"fivetran_webhook", "audit", account, nil},
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(showState(t, rs)), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Moved: 3, Variables: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	for _, want := range []string{
		"resource \"fivetran_webhook\" \"alerts_v2\" {\n  provider = openpipes\n  group_id = fivetran_group.main_v2.id\n" +
			"  url = \"https://hooks.example.com/a\"\n  events = [\"sync_end\", \"sync_start\"]\n  active = true\n  secret = var.alerts_v2_secret\n}\n",
		"resource \"fivetran_webhook\" \"audit_v2\" {\n  provider = openpipes\n  url = \"https://hooks.example.com/b\"\n" +
			"  events = [\"status\"]\n  active = false\n}\n",
		"moved {\n  from = fivetran_webhook.alerts\n  to = fivetran_webhook.alerts_v2\n}",
		"variable \"alerts_v2_secret\" {",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	checkNoSecret(t, rs, out)
	checkFmt(t, buf.Bytes())
}

// TestGenerateUsersAndTeams: an official user moves with what its
// configuration writes (invited, verified and logged_in_at are Fivetran's
// and are not written); a team with its name, description and role.
func TestGenerateUsersAndTeams(t *testing.T) {
	user := map[string]any{"id": "cherry_spoke", "email": "ada@example.com", "given_name": "Ada", "family_name": "Lovelace",
		"phone": nil, "picture": nil, "role": "Account Reviewer", "invited": true, "verified": false,
		"logged_in_at": "0001-01-01 00:00:00 +0000 UTC", "created_at": "2024-05-02 10:11:12.345 +0000 UTC"}
	team := map[string]any{"id": "quiet_harbor", "name": "analysts", "description": "BI", "role": "Account Reviewer"}
	members := map[string]any{"id": "quiet_harbor", "team_id": "quiet_harbor", "user": []any{
		map[string]any{"user_id": "cherry_spoke", "role": "Team Manager"},
		map[string]any{"user_id": "not_moved_user", "role": "Team Member"}}}
	rs := []showResource{
		{"fivetran_user", "ada", user, nil},
		{"fivetran_team", "analysts", team, nil},
		{"fivetran_team_user_membership", "analysts", members, nil},
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(showState(t, rs)), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Moved: 3}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	for _, want := range []string{
		"resource \"fivetran_user\" \"ada_v2\" {\n  provider = openpipes\n  email = \"ada@example.com\"\n  given_name = \"Ada\"\n" +
			"  family_name = \"Lovelace\"\n  role = \"Account Reviewer\"\n}\n",
		"resource \"fivetran_team\" \"analysts_v2\" {\n  provider = openpipes\n  name = \"analysts\"\n  description = \"BI\"\n" +
			"  role = \"Account Reviewer\"\n}\n",
		"moved {\n  from = fivetran_user.ada\n  to = fivetran_user.ada_v2\n}",
		"moved {\n  from = fivetran_team.analysts\n  to = fivetran_team.analysts_v2\n}",
		"resource \"fivetran_team_user_membership\" \"analysts_v2\" {\n  provider = openpipes\n  team_id = fivetran_team.analysts_v2.id\n" +
			"  user {\n    user_id = fivetran_user.ada_v2.id\n    role = \"Team Manager\"\n  }\n" +
			"  user {\n    user_id = \"not_moved_user\"\n    role = \"Team Member\"\n  }\n}\n",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	for _, not := range []string{"invited", "verified", "logged_in_at"} {
		if strings.Contains(out, not) {
			t.Errorf("the output writes %s, which is Fivetran's", not)
		}
	}
	checkFmt(t, buf.Bytes())
}

// TestGenerateExternalLogging: an official log service moves with its
// group as a reference, the config keys it holds (nulls dropped) and its
// secret as a sensitive variable.
func TestGenerateExternalLogging(t *testing.T) {
	log := map[string]any{"id": "decent_dropsy", "group_id": "decent_dropsy", "service": "datadog_log", "enabled": true,
		"run_setup_tests": false, "config": []any{map[string]any{"api_key": "dd-Secret-4321", "region": "US", "hostname": nil,
			"port": nil, "enable_ssl": nil, "workspace_id": nil}}}
	rs := []showResource{
		{"fivetran_group", "main", fixture(t, "group_v0"), nil},
		{"fivetran_external_logging", "logs", log, map[string]any{"config": []any{map[string]any{"api_key": true}}}},
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(showState(t, rs)), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Moved: 2, Variables: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	for _, want := range []string{
		"resource \"fivetran_external_logging\" \"logs_v2\" {\n  provider = openpipes\n  group_id = fivetran_group.main_v2.id\n" +
			"  service = \"datadog_log\"\n  enabled = true\n  run_setup_tests = false\n  config = {\n",
		"api_key = var.logs_v2_config",
		"region = \"US\"",
		"moved {\n  from = fivetran_external_logging.logs\n  to = fivetran_external_logging.logs_v2\n}",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out, "hostname") || strings.Contains(out, "workspace_id") {
		t.Errorf("the output writes the official block's null keys:\n%s", out)
	}
	checkNoSecret(t, rs, out)
	checkFmt(t, buf.Bytes())
}

// TestGenerateApprovals: official certificate and fingerprint approvals
// move with their owner as a reference, and each block's hash and what it
// approves; a value the state marks sensitive becomes a variable, and the
// details Fivetran computes are not written.
func TestGenerateApprovals(t *testing.T) {
	certs := map[string]any{"id": "decent_dropsy", "destination_id": "decent_dropsy", "certificate": []any{
		map[string]any{"hash": "h1", "encoded_cert": "Q0VSVC1zZWNyZXQ=", "name": "db", "sha1": "aa", "validated_by": "me"}}}
	fps := map[string]any{"id": "app_db", "connector_id": "app_db", "fingerprint": []any{
		map[string]any{"hash": "h2", "public_key": "ssh-rsa AAAA", "validated_by": "me", "validated_date": "2024"}}}
	rs := []showResource{
		{"fivetran_destination", "main", fixture(t, "destination_v2_imported"), nil},
		{"fivetran_destination_certificates", "main", certs, map[string]any{"certificate": []any{map[string]any{"encoded_cert": true}}}},
		{"fivetran_connector_fingerprints", "app", fps, nil},
	}
	var buf bytes.Buffer
	st, err := Generate(bytes.NewReader(showState(t, rs)), &buf, Options{Provider: "openpipes"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Moved != 3 {
		t.Errorf("stats = %+v, want 3 moved", st)
	}
	out := buf.String()
	aligned := regexp.MustCompile(` {2,}=`).ReplaceAllString(out, " =")
	for _, want := range []string{
		"resource \"fivetran_destination_certificates\" \"main_v2\" {\n  provider = openpipes\n  destination_id = fivetran_destination.main_v2.id\n" +
			"  certificate {\n    hash = \"h1\"\n    encoded_cert = var.main_v2_encoded_cert_0\n  }\n}\n",
		"resource \"fivetran_connector_fingerprints\" \"app_v2\" {\n  provider = openpipes\n  connector_id = \"app_db\"\n" +
			"  fingerprint {\n    hash = \"h2\"\n    public_key = \"ssh-rsa AAAA\"\n  }\n}\n",
		"moved {\n  from = fivetran_connector_fingerprints.app\n  to = fivetran_connector_fingerprints.app_v2\n}",
	} {
		if !strings.Contains(aligned, want) {
			t.Errorf("the output lacks %q\n%s", want, out)
		}
	}
	for _, not := range []string{"validated_by", "sha1", "Q0VSVC1zZWNyZXQ="} {
		if strings.Contains(out, not) {
			t.Errorf("the output writes %s", not)
		}
	}
	checkFmt(t, buf.Bytes())
}

func TestGenerateBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"not JSON":  `{"values": {"root_module": {"password": "hunter2-Secret`,
		"no values": `{"format_version": "1.0"}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Generate(strings.NewReader(in), &bytes.Buffer{}, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the error quotes the input: %v", err)
			}
		})
	}
}

package provider

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccWriteOnly_rotate (Terraform 1.11+): a password in config_wo and a
// refresh token in auth_wo reach Fivetran on create, never the plan, the
// state file or the output; a new value alone sends nothing (nothing stored
// can tell it changed), and a new config_wo_version / auth_wo_version sends
// it. A key in config_wo is checked against the connector type's metadata
// at plan time.
func TestAccWriteOnly_rotate(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.11.0")
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	cfg := func(password string, configVersion int, token string, authVersion int, extra string) string {
		return requiredProviders + "provider \"fivetran\" {}\n" + baseConfig + fmt.Sprintf(`
variable "pg_password" {
  type      = string
  sensitive = true
  default   = %q
}

variable "ads_token" {
  type      = string
  sensitive = true
  default   = %q
}

resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    host = "db.example.com"
    port = 5432
    user = "fivetran"
  }
  config_wo         = { password = var.pg_password %s}
  config_wo_version = %d
}

resource "fivetran_connection" "ads" {
  group_id           = fivetran_destination.main.group_id
  service            = "google_ads"
  destination_schema = { name = "google_ads" }
  config             = { customer_id = "123-456-7890" }
  auth = {
    client_access = { client_id = "my-client", client_secret = "client-secret-value" }
  }
  auth_wo         = { refresh_token = var.ads_token }
  auth_wo_version = %d
}
`, password, token, extra, configVersion, authVersion)
	}
	sent := func(wantPassword, wantToken string) {
		t.Helper()
		for _, c := range em.Connections() {
			id := jsonAs[string](t, c["id"])
			switch c["service"] {
			case "postgres":
				full, _ := em.Get("connection", id)
				if got := jsonAs[map[string]any](t, full["config"])["password"]; got != wantPassword {
					t.Errorf("Fivetran holds password %q, want %q", got, wantPassword)
				}
			case "google_ads":
				auth, _ := em.ConnectionAuth(id)
				if auth["refresh_token"] != wantToken || auth["client_access"] == nil {
					t.Errorf("Fivetran holds auth %v, want refresh_token %q beside client_access", auth, wantToken)
				}
			}
		}
	}
	secretsAbsent := func(out string, secrets ...string) {
		t.Helper()
		state := r.read("terraform.tfstate")
		for _, s := range secrets {
			if strings.Contains(state, s) {
				t.Errorf("the state file holds the write-only secret %q", s)
			}
			if strings.Contains(out, s) {
				t.Errorf("the output shows the write-only secret %q", s)
			}
		}
		if !strings.Contains(state, `"config_wo_version": 1`) && !strings.Contains(state, `"config_wo_version": 2`) {
			t.Errorf("the state file has no config_wo_version")
		}
	}

	r.write("main.tf", cfg("first-pw-1111", 1, "first-token-1111", 1, ""))
	out := r.must("apply", "-input=false", "-auto-approve")
	sent("first-pw-1111", "first-token-1111")
	secretsAbsent(out, "first-pw-1111", "first-token-1111")

	// New values, same versions: nothing to do, nothing sent.
	r.write("main.tf", cfg("second-pw-2222", 1, "second-token-2222", 1, ""))
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("a new write-only value alone planned a change (exit %d):\n%s", code, out)
	}
	sent("first-pw-1111", "first-token-1111")

	// A new version sends the new values, in place.
	r.write("main.tf", cfg("second-pw-2222", 2, "second-token-2222", 2, ""))
	out = r.must("apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "0 added, 2 changed, 0 destroyed") {
		t.Errorf("rotating the secrets did not update both connections in place:\n%s", out)
	}
	sent("second-pw-2222", "second-token-2222")
	secretsAbsent(out, "first-pw-1111", "first-token-1111", "second-pw-2222", "second-token-2222")
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the rotation is not empty (exit %d):\n%s", code, out)
	}

	// A key the connector type does not have is caught at plan time.
	r.write("main.tf", cfg("second-pw-2222", 3, "second-token-2222", 2, `, pasword = "x" `))
	out, code := r.run("plan", "-input=false")
	if code == 0 || !regexp.MustCompile(`(?s)Unknown config key.*config_wo`).MatchString(out) {
		t.Errorf("an unknown key in config_wo was not reported at plan time (exit %d):\n%s", code, out)
	}
}

// TestAccWriteOnly_olderTerraform: before Terraform 1.11 a value in
// config_wo is an error that names the version needed; config_wo_version
// alone is harmless. A key in both config and config_wo is an error on
// every version.
func TestAccWriteOnly_olderTerraform(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	conn := func(body string) string {
		return providerConfig(em) + baseConfig + `
resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  ` + body + `
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipAbove(version.Must(version.NewVersion("1.10.999")))},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:      conn(`config_wo = { password = "s" }`),
				ExpectError: regexp.MustCompile(`(?s)config_wo.*Write-only attributes are only supported in Terraform 1.11`),
			},
			{
				Config:      conn(`config = { password = "s" }` + "\n  config_wo = { password = \"s\" }"),
				ExpectError: regexp.MustCompile(`Key in both config and config_wo`),
			},
			{Config: conn(`config = { host = "db.example.com" }` + "\n  config_wo_version = 1")},
		},
	})
}

// TestAccWriteOnly_migrate (Terraform 1.11+): moving a destination's and a
// connection's password from config to config_wo, with a first
// config_wo_version, updates both in place (no replacement), sends the
// password once more, and takes it out of the state file.
func TestAccWriteOnly_migrate(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.11.0")
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	cfg := func(writeOnly bool, password string) string {
		secret := `
  config = {
    host     = "db.example.com"
    port     = 5432
    password = var.password
  }`
		if writeOnly {
			secret = `
  config = {
    host = "db.example.com"
    port = 5432
  }
  config_wo         = { password = var.password }
  config_wo_version = 1`
		}
		return requiredProviders + "provider \"fivetran\" {}\n" + fmt.Sprintf(`
variable "password" {
  type      = string
  sensitive = true
  default   = %q
}
`, password) + `
resource "fivetran_group" "main" {
  name = "migrating"
}

resource "fivetran_destination" "main" {
  group_id = fivetran_group.main.id
  service  = "postgres_warehouse"` + secret + `
}

resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }` + secret + `
}
`
	}
	passwords := func() (dest, conn any) {
		t.Helper()
		d, _ := em.Get("destination", jsonAs[string](t, em.Destinations()[0]["id"]))
		c, _ := em.Get("connection", jsonAs[string](t, em.Connections()[0]["id"]))
		return jsonAs[map[string]any](t, d["config"])["password"], jsonAs[map[string]any](t, c["config"])["password"]
	}

	r.write("main.tf", cfg(false, "kept-in-state-5555"))
	r.must("apply", "-input=false", "-auto-approve")
	if !strings.Contains(r.read("terraform.tfstate"), "kept-in-state-5555") {
		t.Fatal("the state file lacks the password in config: the starting point of the migration is not what this test assumes")
	}
	em.ResetRequests()

	r.write("main.tf", cfg(true, "now-write-only-6666"))
	out := r.must("apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "0 added, 2 changed, 0 destroyed") {
		t.Errorf("the migration did not update the destination and the connection in place:\n%s", out)
	}
	if d, c := passwords(); d != "now-write-only-6666" || c != "now-write-only-6666" {
		t.Errorf("Fivetran holds passwords %v (destination) and %v (connection), want the write-only one", d, c)
	}
	state := r.read("terraform.tfstate")
	for _, s := range []string{"kept-in-state-5555", "now-write-only-6666"} {
		if strings.Contains(state, s) || strings.Contains(out, s) {
			t.Errorf("a password is still in the state file (%v) or the output (%v) after the migration: %q\n%s", strings.Contains(state, s), strings.Contains(out, s), s, state)
		}
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the migration is not empty (exit %d):\n%s", code, out)
	}
}

// TestAccWriteOnly_unknownAtPlan (Terraform 1.11+): a config_wo value known
// only at apply (another resource's output) plans and applies; plan-time
// validation skips what it cannot see yet, as it does for config.
func TestAccWriteOnly_unknownAtPlan(t *testing.T) {
	accPreCheck(t)
	skipBelowTerraform(t, "1.11.0")
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+"provider \"fivetran\" {}\n"+baseConfig+`
resource "terraform_data" "secrets" {
  input = { password = "made-at-apply-7777" }
}

resource "terraform_data" "password" {
  input = "made-at-apply-8888"
}

resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config             = { host = "db.example.com", port = 5432 }
  config_wo          = { password = terraform_data.password.output }
  config_wo_version  = 1
}

resource "fivetran_connection" "mysql" {
  group_id           = fivetran_destination.main.group_id
  service            = "mysql"
  destination_schema = { prefix = "shop" }
  config             = { host = "db.example.com", port = 3306 }
  config_wo          = terraform_data.secrets.output # the whole object unknown at plan
  config_wo_version  = 1
}
`)
	r.must("apply", "-input=false", "-auto-approve")
	want := map[string]string{"postgres": "made-at-apply-8888", "mysql": "made-at-apply-7777"}
	for _, listed := range em.Connections() {
		c, _ := em.Get("connection", jsonAs[string](t, listed["id"]))
		service := jsonAs[string](t, c["service"])
		if got := jsonAs[map[string]any](t, c["config"])["password"]; got != want[service] {
			t.Errorf("Fivetran holds password %v for %s, want %q, known only at apply", got, service, want[service])
		}
	}
	if n := len(em.Connections()); n != 2 {
		t.Errorf("got %d connections, want 2", n)
	}
}

// TestAccWriteOnly_nestedSplit (Terraform 1.11+): an object may be split
// between auth and auth_wo, as the docs show it: client_id in auth,
// client_secret in auth_wo. Both reach Fivetran in one client_access, on
// create and when only the plain half changes (auth is sent whole, so its
// write-only half goes with it). The same leaf in both is an error at that
// leaf.
func TestAccWriteOnly_nestedSplit(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	conn := func(clientID, woExtra string) string {
		return providerConfig(em) + baseConfig + fmt.Sprintf(`
resource "fivetran_connection" "ads" {
  group_id           = fivetran_destination.main.group_id
  service            = "google_ads"
  destination_schema = { name = "google_ads" }
  config             = { customer_id = "123-456-7890" }
  auth               = { client_access = { client_id = %q } }
  auth_wo            = { client_access = { client_secret = "secret-1" %s}, refresh_token = "token-1" }
  auth_wo_version    = 1
}
`, clientID, woExtra)
	}
	sent := func(clientID string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for _, c := range em.Connections() {
				auth, _ := em.ConnectionAuth(jsonAs[string](t, c["id"]))
				access, _ := auth["client_access"].(map[string]any)
				if access["client_id"] != clientID || access["client_secret"] != "secret-1" || auth["refresh_token"] != "token-1" {
					return fmt.Errorf("Fivetran holds auth %v, want client_access with client_id %q and client_secret, and refresh_token", auth, clientID)
				}
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:      conn("my-client", `, client_id = "x" `),
				ExpectError: regexp.MustCompile(`(?s)Key in both auth and auth_wo.*"client_access.client_id" is set in auth and in auth_wo`),
			},
			{Config: conn("my-client", ""), Check: sent("my-client")},
			{Config: conn("other-client", ""), Check: sent("other-client")},
		},
	})
}

// TestWriteOnlyMerge: the merge of a write-only object into its plain
// companion goes into nested objects, finds the leaves set in both, and on
// update sends a write-only value with the top-level key it belongs to.
func TestWriteOnlyMerge(t *testing.T) {
	plain := map[string]any{"client_access": map[string]any{"client_id": "id"}, "other": "x"}
	wo := map[string]any{"client_access": map[string]any{"client_secret": "s"}, "refresh_token": "t"}
	want := map[string]any{"client_access": map[string]any{"client_id": "id", "client_secret": "s"}, "other": "x", "refresh_token": "t"}
	if got := overlayWriteOnly(plain, wo); !reflect.DeepEqual(got, want) {
		t.Errorf("overlayWriteOnly = %v, want %v", got, want)
	}
	if _, touched := plain["client_access"].(map[string]any)["client_secret"]; touched {
		t.Error("overlayWriteOnly changed its input")
	}
	if got := writeOnlyConflicts(plain, wo, nil); len(got) != 0 {
		t.Errorf("a split object is no conflict, got %v", got)
	}
	both := map[string]any{"client_access": map[string]any{"client_id": "again"}, "other": map[string]any{"a": 1}}
	if got, want := writeOnlyConflicts(plain, both, nil), [][]string{{"client_access", "client_id"}, {"other"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("writeOnlyConflicts = %v, want %v", got, want)
	}

	// Update: nothing sent and the version unchanged sends nothing; a sent
	// key takes its write-only half; a new version sends every write-only
	// key, merged with its planned half.
	if got := writeOnlyForUpdate(nil, plain, wo, false); got != nil {
		t.Errorf("unchanged: got %v, want nothing", got)
	}
	sent := map[string]any{"client_access": map[string]any{"client_id": "id"}}
	if got, want := writeOnlyForUpdate(sent, plain, wo, false), map[string]any{"client_access": map[string]any{"client_id": "id", "client_secret": "s"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("plain half changed: got %v, want %v", got, want)
	}
	if got, want := writeOnlyForUpdate(nil, plain, wo, true), map[string]any{"client_access": map[string]any{"client_id": "id", "client_secret": "s"}, "refresh_token": "t"}; !reflect.DeepEqual(got, want) {
		t.Errorf("new version: got %v, want %v", got, want)
	}
}

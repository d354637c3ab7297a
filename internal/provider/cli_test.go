package provider

import (
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Tests in this file drive the Terraform CLI directly (see tfRunner).

func emulatorEnv(url string) []string {
	return []string{"FIVETRAN_APIKEY=" + testAPIKey, "FIVETRAN_APISECRET=" + testAPISecret, "FIVETRAN_API_URL=" + url}
}

// TestAccImport_generateConfig adopts a group, its destination and a
// connection created outside Terraform with import blocks and
// `terraform plan -generate-config-out`: the generated HCL holds every
// non-secret config key (nobody should hand-prune hundreds of keys), a
// warning lists the secret to fill in, and once it is filled in the apply
// imports and the next plan is empty.
func TestAccImport_generateConfig(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	g := em.CreateGroup("adopted")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "-5",
		"config": map[string]any{"host": "warehouse.internal", "port": 5432, "database": "dw"}}); err != nil {
		t.Fatal(err)
	}
	c, err := em.CreateConnection(map[string]any{"group_id": gid, "service": "postgres", "sync_frequency": 60,
		"config": map[string]any{"schema_prefix": "legacy", "host": "db.internal", "port": 5432, "database": "app",
			"user": "fivetran", "password": "oob-secret-7731", "update_method": "XMIN"}})
	if err != nil {
		t.Fatal(err)
	}
	cid := jsonAs[string](t, c["id"])

	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+`
import {
  to = fivetran_group.adopted
  id = "`+gid+`"
}

import {
  to = fivetran_destination.adopted
  id = "`+gid+`"
}

import {
  to = fivetran_connection.legacy
  id = "`+cid+`"
}
`)
	out, code := r.run("plan", "-input=false", "-generate-config-out=generated.tf")
	if code != 0 {
		t.Fatalf("plan -generate-config-out exited %d:\n%s", code, out)
	}
	if !regexp.MustCompile(`(?s)Secret config values are not imported.*password`).MatchString(out) {
		t.Errorf("no warning naming the secret to fill in:\n%s", out)
	}
	gen := r.read("generated.tf")
	for _, want := range []string{`host`, `"db.internal"`, `update_method`, `"XMIN"`, `prefix`, `"legacy"`, `sync_frequency`, `"warehouse.internal"`} {
		if !strings.Contains(gen, want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, gen)
		}
	}
	if strings.Contains(gen, "******") || strings.Contains(gen, "oob-secret-7731") {
		t.Fatalf("generated.tf holds a secret or a mask:\n%s", gen)
	}
	// Fill in the secret, as the warning says, from a sensitive variable.
	idx := strings.Index(gen, `resource "fivetran_connection" "legacy"`)
	cfgAt := strings.Index(gen[idx:], "config = {")
	if idx < 0 || cfgAt < 0 {
		t.Fatalf("no connection config in generated.tf:\n%s", gen)
	}
	at := idx + cfgAt + len("config = {")
	gen = gen[:at] + "\n    password = var.app_db_password" + gen[at:]
	t.Logf("generated.tf:\n%s", gen)
	r.write("generated.tf", gen+`
variable "app_db_password" {
  type      = string
  sensitive = true
  default   = "oob-secret-7731"
}
`)
	r.must("apply", "-input=false", "-auto-approve")
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
}

// TestAccSecrets_planText: a secret from a sensitive variable never appears
// in plan or apply output (a config that is not Sensitive would print
// password = "secret" in every plan), nor in TRACE logs, nor in state
// other than where Terraform keeps it.
func TestAccSecrets_planText(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)...)
	const pgSecret, tokenSecret = "pg-secret-5e1d", "refresh-secret-0b77"
	r.write("main.tf", requiredProviders+`
variable "pg_password" {
  type      = string
  sensitive = true
  default   = "`+pgSecret+`"
}

variable "refresh_token" {
  type      = string
  sensitive = true
  default   = "`+tokenSecret+`"
}
`+baseConfig+`
resource "fivetran_connection" "pg" {
  group_id = fivetran_destination.main.group_id
  service  = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    host     = "db.example.com"
    password = var.pg_password
  }
}

resource "fivetran_connection" "ads" {
  group_id = fivetran_destination.main.group_id
  service  = "google_ads"
  destination_schema = { name = "ads" }
  auth = {
    refresh_token = var.refresh_token
  }
}
`)
	plan := r.must("plan", "-input=false")
	apply := r.must("apply", "-input=false", "-auto-approve")
	// A second plan refreshes existing state: the provider reads, projects
	// and compares the secrets again.
	replan := r.must("plan", "-input=false")
	raw, _ := os.ReadFile(logPath)
	logs := []byte(withoutCoreDynamicDump(string(raw)))
	if len(logs) == len(raw) {
		t.Log("no Terraform-core dump of dynamic values was filtered from the log")
	}
	for name, text := range map[string]string{"plan output": plan, "apply output": apply, "second plan output": replan, "TRACE log": string(logs)} {
		for _, secret := range []string{pgSecret, tokenSecret, testAPISecret} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains the secret %q", name, secret)
			}
		}
	}
	basic := base64.StdEncoding.EncodeToString([]byte(testAPIKey + ":" + testAPISecret))
	if strings.Contains(string(logs), basic) {
		t.Error("the TRACE log contains the Authorization header's value")
	}
	for _, req := range em.Requests() {
		for _, secret := range []string{pgSecret, tokenSecret, testAPISecret, testAPIKey} {
			if strings.Contains(req.Path+"?"+req.Query, secret) {
				t.Errorf("a secret travelled in a URL: %s %s", req.Method, req.Path)
			}
		}
	}
	if !strings.Contains(plan, "(sensitive value)") {
		t.Errorf("the plan does not mark the secret as sensitive:\n%s", plan)
	}
	if len(logs) < 1000 {
		t.Errorf("the TRACE log is suspiciously short (%d bytes): the check above proves nothing", len(logs))
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

// TestExamples: every example is `terraform fmt` clean and validates against
// the provider's schema (no credentials needed).
func TestExamples(t *testing.T) {
	accPreCheck(t)
	root := filepath.Join("..", "..", "examples")
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tfquery.hcl")) {
			dir := filepath.Dir(p)
			if len(dirs) == 0 || dirs[len(dirs)-1] != dir {
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	if len(dirs) < 5 {
		t.Fatalf("found only %d example folders under %s", len(dirs), root)
	}
	for _, dir := range dirs {
		t.Run(filepath.ToSlash(strings.TrimPrefix(dir, root+string(filepath.Separator))), func(t *testing.T) {
			t.Parallel()
			if strings.HasPrefix(filepath.ToSlash(dir), filepath.ToSlash(root)+"/actions/") {
				skipBelowTerraform(t, "1.14.0") // action blocks
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
			queries, _ := filepath.Glob(filepath.Join(dir, "*.tfquery.hcl"))
			if len(queries) > 0 {
				// list blocks: Terraform 1.14 (make test-latest) validates them with -query.
				skipBelowTerraform(t, "1.14.0")
			}
			// import-by-string-id.tf and import-by-identity.tf are alternatives
			// (tfplugindocs shows both): each is validated with the rest alone.
			var common, alternatives []string
			for _, f := range append(files, queries...) {
				if strings.HasPrefix(filepath.Base(f), "import-by-") {
					alternatives = append(alternatives, f)
				} else {
					common = append(common, f)
				}
			}
			sets := [][]string{common}
			if len(alternatives) > 0 {
				sets = nil
				for _, alt := range alternatives {
					sets = append(sets, append(slices.Clone(common), alt))
				}
			}
			for _, set := range sets {
				validateExample(t, dir, set, len(queries) > 0)
			}
		})
	}
}

// validateExample checks that files are `terraform fmt` clean and validate
// together. A file that needs a newer Terraform than the one under test is
// left out (make test-latest validates it).
func validateExample(t *testing.T, dir string, files []string, query bool) {
	t.Helper()
	r := newTFRunner(t)
	hasTerraformBlock := false
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if needs := snippetNeed(string(b)); needs != "" {
			if ok, _ := terraformAtLeast(t, needs); !ok {
				continue
			}
		}
		hasTerraformBlock = hasTerraformBlock || strings.Contains(string(b), "required_providers")
		r.write(filepath.Base(f), string(b))
	}
	if !hasTerraformBlock {
		r.write("zz_required_providers.tf", requiredProviders)
	}
	if out, code := r.run("fmt", "-check", "-diff"); code != 0 {
		t.Fatalf("terraform fmt -check failed in %s:\n%s", dir, out)
	}
	if query {
		r.must("validate", "-query")
	} else {
		r.must("validate")
	}
}

// TestAccSecrets_wrongConfigNotQuoted: config values of the wrong kind or
// outside an enum fail the plan with a diagnostic naming the key, the
// expected kind and the allowed values, and the value given appears nowhere
// in Terraform's output, whether it came from a sensitive variable or was
// written literally (never `expects a list, got a string
// ("ghp_…")`).
func TestAccSecrets_wrongConfigNotQuoted(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	const pat, method, port, mode = "ghp_PatSecret4d1f", "method-secret-93ab", "port-secret-51c2", "mode-secret-77e0"
	r.write("main.tf", requiredProviders+`
variable "pat" {
  type      = string
  sensitive = true
  default   = "`+pat+`"
}

variable "method" {
  type      = string
  sensitive = true
  default   = "`+method+`"
}
`+baseConfig+`
resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "gh" }
  config = {
    pats      = var.pat
    sync_mode = "`+mode+`"
  }
}

resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    update_method = var.method
    port          = "`+port+`"
  }
}
`)
	out, code := r.run("plan", "-input=false")
	if code == 0 {
		t.Fatalf("plan passed:\n%s", out)
	}
	for _, want := range []string{
		`Key "pats" of connector type "github" expects a list, got a string.`,
		`Key "sync_mode" of connector type "github" must be one of "AllRepositories", "SpecificRepositories".`,
		`Key "update_method" of connector type "postgres" must be one of`,
		`Key "port" of connector type "postgres" expects an integer, got a string.`,
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("no diagnostic %q in:\n%s", want, out)
		}
	}
	for _, secret := range []string{pat, method} {
		if strings.Contains(out, secret) {
			t.Errorf("the output shows the sensitive value %q:\n%s", secret, out)
		}
	}
	// Literal values are shown by Terraform itself in the source snippet
	// (`sync_mode = "mode-..."`), never by the provider's detail.
	for _, literal := range []string{mode, port} {
		if n := strings.Count(out, literal); n > 1 {
			t.Errorf("%q appears %d times, beyond Terraform's own source line:\n%s", literal, n, out)
		}
	}
}

// TestAccConnection_immutableConfigPlanSaysWhy: the plan that replaces a
// connection because an immutable config key changed says so, naming the
// key, on the key.
func TestAccConnection_immutableConfigPlanSaysWhy(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+baseConfig+adsConnection("TWELVE", "123-456-7890"))
	r.must("apply", "-input=false", "-auto-approve")
	r.write("main.tf", requiredProviders+baseConfig+adsConnection("ALL_TIME", "123-456-7890"))
	out := r.must("plan", "-input=false")
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"fivetran_connection.ads must be replaced",
		"Warning: Config change forces replacement",
		`timeframe_months = "ALL_TIME"`,
		`Fivetran sets config key "timeframe_months" of connector type "google_ads" only when a connection is created`,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan lacks %q:\n%s", want, out)
		}
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

// TestAccSecrets_apiMessageWithheld: when Fivetran's answer to a create
// quotes a value that was sent (the emulator, like Fivetran's validation,
// says "Field 'auth' has an invalid value '…'"), the diagnostic withholds
// it. Destinations are not checked at plan time, and validate_config = false
// turns the connection's checks off, so both reach the API.
func TestAccSecrets_apiMessageWithheld(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_VAR_secret=wh-secret-83fa")...)
	r.write("main.tf", requiredProviders+`
provider "fivetran" {
  validate_config = false
}

variable "secret" {
  type      = string
  sensitive = true
}
`+baseConfig+`
resource "fivetran_group" "other" {
  name = "other"
}

resource "fivetran_destination" "bad" {
  group_id = fivetran_group.other.id
  service  = "snowflake"
  config = {
    auth = var.secret
  }
}

resource "fivetran_connection" "bad" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    update_method = var.secret
  }
}
`)
	out, code := r.run("apply", "-input=false", "-auto-approve")
	if code == 0 {
		t.Fatalf("apply passed:\n%s", out)
	}
	if strings.Contains(out, "wh-secret-83fa") {
		t.Errorf("the output shows the secret:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"Unable to create destination", "Unable to create connection", "(value withheld)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

// TestExamplesOrderThroughReferences: the live API accepts a connection in a
// group that has no destination yet (API.md, "Connections"), so nothing but the
// reference makes Terraform create a connection after its destination and
// destroy it before. Every connection in examples/ whose group is managed in
// the same configuration takes group_id from the destination.
func TestExamplesOrderThroughReferences(t *testing.T) {
	root, err := os.OpenRoot(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	blockRe := regexp.MustCompile(`(?s)resource "fivetran_connection" "(\w+)" \{(.*?)\n\}`)
	groupRe := regexp.MustCompile(`(?m)^\s*group_id\s*=\s*(\S+)`)
	checked := 0
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return nil
		}
		b, err := fs.ReadFile(root.FS(), p)
		if err != nil {
			return err
		}
		for _, m := range blockRe.FindAllStringSubmatch(string(b), -1) {
			g := groupRe.FindStringSubmatch(m[2])
			if g == nil {
				t.Errorf("%s: connection %q has no group_id line", p, m[1])
				continue
			}
			checked++
			if strings.HasPrefix(g[1], "fivetran_group.") {
				t.Errorf("%s: connection %q takes group_id from %s; reference the destination (fivetran_destination.<name>.group_id) so that Terraform orders them", p, m[1], g[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 3 {
		t.Fatalf("found only %d connections under %s: the check proves nothing", checked, root.Name())
	}
}

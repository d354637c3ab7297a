package provider

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
)

// skipBelowTerraform skips a CLI-driven test unless TF_ACC_TERRAFORM_PATH is
// Terraform at least minimum (make test-latest); OpenTofu is skipped too. Tests
// through plugin-testing use tfversion.SkipBelow instead.
func skipBelowTerraform(t *testing.T, minimum string) {
	t.Helper()
	if ok, have := terraformAtLeast(t, minimum); !ok {
		t.Skipf("needs Terraform %s or later (make test-latest); this is %s", minimum, have)
	}
}

// terraformAtLeast reports whether TF_ACC_TERRAFORM_PATH is Terraform (not
// OpenTofu) at least minimum, and which version it is.
func terraformAtLeast(t *testing.T, minimum string) (bool, string) {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH is not set")
	}
	out, err := exec.CommandContext(context.Background(), bin, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %s", bin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s version -json: %s", bin, err)
	}
	got, err := version.NewVersion(v.Version)
	if err != nil {
		t.Fatalf("%s version -json: %s", bin, err)
	}
	if isOpenTofu(t) {
		return false, "OpenTofu " + v.Version
	}
	return !got.LessThan(version.Must(version.NewVersion(minimum))), "Terraform " + v.Version
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

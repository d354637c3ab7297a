package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestAccImport_idForms: a group by `name:<name>`, a destination by
// `name:<group name>`, a connection by `<group id>/<name>`; an ambiguous or
// unknown name is a clear error.
func TestAccImport_idForms(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := providerConfig(em) + baseConfig + `
resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  config             = { sync_mode = "AllRepositories" }
}
`
	var gid string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					gid = s.RootModule().Resources["fivetran_group.main"].Primary.ID
					return nil
				},
			},
			{
				ResourceName: "fivetran_group.main", ImportState: true, ImportStateVerify: true,
				ImportStateId: "name:sources", ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName: "fivetran_destination.main", ImportState: true, ImportStateVerify: true,
				ImportStateId: "name:sources", ImportStateVerifyIgnore: []string{"timeouts", "config"},
			},
			{
				ResourceName: "fivetran_connection.gh", ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return gid + "/github", nil },
				ImportStateVerifyIgnore: []string{"timeouts", "config"},
			},
			{
				ResourceName: "fivetran_connection.gh", ImportState: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return gid + "/nope", nil },
				ExpectError:       wrapRe(`has no connection named "nope"`),
			},
			{
				PreConfig:     func() { em.CreateGroup("sources") },
				ResourceName:  "fivetran_group.main",
				ImportState:   true,
				ImportStateId: "name:sources",
				ExpectError:   wrapRe(`(?s)ambiguous group name.*2 groups are named "sources".*Import by id instead`),
			},
			{
				ResourceName:  "fivetran_group.main",
				ImportState:   true,
				ImportStateId: "name:missing",
				ExpectError:   wrapRe(`(?s)group not found.*Fivetran has no group named "missing".*Import by id instead`),
			},
		},
	})
}

// TestAccImport_adoptTwentyConnections: 20 connections of assorted types made
// outside Terraform are adopted with import blocks and
// `terraform plan -generate-config-out`; once the secrets are filled in, one
// apply imports them all and the next plan is empty.
func TestAccImport_adoptTwentyConnections(t *testing.T) {
	accPreCheck(t)
	var mu sync.Mutex
	var patches []emulator.Exchange
	em := startEmulatorWith(t, emulator.Options{Seed: 42, Observe: func(x emulator.Exchange) {
		if x.Method == http.MethodPatch && strings.HasPrefix(x.Path, "/v1/connections/") {
			mu.Lock()
			patches = append(patches, x)
			mu.Unlock()
		}
	}})
	g := em.CreateGroup("legacy")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "snowflake", "time_zone_offset": "0",
		"config": map[string]any{"host": "acme.snowflakecomputing.com", "database": "RAW", "auth": "PASSWORD"}}); err != nil {
		t.Fatal(err)
	}
	type spec struct {
		service string
		config  map[string]any
		secret  string // the config key holding a secret ("" = none)
	}
	specs := []spec{
		{"postgres", map[string]any{"host": "pg.internal", "port": 5432, "user": "fivetran", "password": "s", "update_method": "XMIN"}, "password"},
		{"mysql", map[string]any{"host": "my.internal", "port": 3306, "user": "fivetran", "password": "s"}, "password"},
		{"github", map[string]any{"sync_mode": "AllRepositories", "auth_mode": "PersonalAccessToken", "pats": []any{"s"}}, "pats"},
		{"google_sheets", map[string]any{"sheet_id": "1AbC", "named_range": "r", "auth_type": "ServiceAccount"}, ""},
		{"s3", map[string]any{"bucket": "landing", "auth_type": "ACCESS_KEY", "access_key_id": "AKIA", "access_key_secret": "s", "file_type": "csv"}, "access_key_secret"},
	}
	var imports strings.Builder
	secretOf := map[string]string{} // connection id -> the config key of its secret
	for i := 0; i < 20; i++ {
		sp := specs[i%len(specs)]
		cfg := map[string]any{}
		for k, v := range sp.config {
			cfg[k] = v
		}
		switch sp.service {
		case "postgres", "mysql":
			cfg["schema_prefix"] = fmt.Sprintf("%s_%02d", sp.service, i)
		case "google_sheets":
			cfg["schema"], cfg["table"] = "sheets", fmt.Sprintf("t%02d", i)
		case "s3":
			cfg["schema"], cfg["table_group_name"] = "files", fmt.Sprintf("g%02d", i)
		default:
			cfg["schema"] = fmt.Sprintf("%s_%02d", sp.service, i)
		}
		c, err := em.CreateConnection(map[string]any{"group_id": gid, "service": sp.service, "config": cfg, "paused": i%3 == 0})
		if err != nil {
			t.Fatalf("creating %s out of band: %s", sp.service, err)
		}
		fmt.Fprintf(&imports, "import {\n  to = fivetran_connection.c%02d\n  id = %q\n}\n\n", i, c["id"])
		if sp.secret != "" {
			secretOf[jsonAs[string](t, c["id"])] = sp.secret
		}
	}
	r := newTFRunner(t)
	r.write("main.tf", requiredProviders+providerConfig(em)+imports.String())
	out := r.must("plan", "-input=false", "-generate-config-out=generated.tf")
	if n := strings.Count(out, "Secret config values are not imported"); n != 16 {
		t.Errorf("want a secrets warning for each of the 16 connections with a secret, got %d", n)
	}
	gen := r.read("generated.tf")
	if strings.Contains(gen, "******") {
		t.Fatal("generated.tf holds a masked value")
	}
	// Fill in the secrets as the warnings ask, from one sensitive variable
	// whose value differs from the one set out of band.
	const filled = "filled-secret-2c4e"
	blocks := strings.Split(gen, "resource \"fivetran_connection\" ")
	for i, b := range blocks[1:] {
		var secret string
		for _, sp := range specs {
			// Any alignment: Terraform 1.14 generates null arguments too, which lines up `=` differently.
			if regexp.MustCompile(`(?m)^\s*service\s*=\s*"` + regexp.QuoteMeta(sp.service) + `"`).MatchString(b) {
				secret = sp.secret
			}
		}
		switch secret {
		case "":
		case "pats":
			b = strings.Replace(b, "config = {", "config = {\n    pats = [var.secret]", 1)
		default:
			b = strings.Replace(b, "config = {", "config = {\n    "+secret+" = var.secret", 1)
		}
		blocks[i+1] = b
	}
	r.write("generated.tf", strings.Join(blocks, "resource \"fivetran_connection\" ")+`
variable "secret" {
  type      = string
  sensitive = true
  default   = "`+filled+`"
}
`)
	applyOut := r.must("apply", "-input=false", "-auto-approve")
	if !strings.Contains(applyOut, "20 imported") {
		t.Errorf("the apply did not import 20 connections:\n%s", applyOut)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adopting 20 connections is not empty (exit %d):\n%s", code, out)
	}
	if n := len(em.Connections()); n != 20 {
		t.Fatalf("the emulator holds %d connections, want 20 (nothing created, nothing lost)", n)
	}
	// Every listed secret was filled in and sent: one PATCH per connection
	// with a secret, carrying that secret with the filled-in value.
	if len(secretOf) != 16 {
		t.Fatalf("%d connections have a secret, want 16", len(secretOf))
	}
	mu.Lock()
	defer mu.Unlock()
	sent := map[string]int{}
	for _, x := range patches {
		id := strings.TrimPrefix(x.Path, "/v1/connections/")
		key, ok := secretOf[id]
		if !ok {
			t.Errorf("PATCH of connection %s, which has no secret to fill in: %s", id, x.RequestBody)
			continue
		}
		var body struct {
			Config map[string]any `json:"config"`
		}
		if err := json.Unmarshal(x.RequestBody, &body); err != nil {
			t.Fatalf("PATCH body of %s: %s", id, err)
		}
		want := any(filled)
		if key == "pats" {
			want = []any{filled}
		}
		if !reflect.DeepEqual(body.Config[key], want) {
			t.Errorf("PATCH of %s does not carry %s filled in: %s", id, key, x.RequestBody)
			continue
		}
		sent[id]++
	}
	for id, key := range secretOf {
		if sent[id] != 1 {
			t.Errorf("connection %s: %s was sent %d times, want once", id, key, sent[id])
		}
		c, _ := em.Get("connection", id)
		stored := jsonAs[map[string]any](t, c["config"])[key]
		if key == "pats" {
			stored = jsonAs[[]any](t, stored)[0]
		}
		if stored != filled {
			t.Errorf("connection %s: Fivetran holds %s = %v, not the filled-in secret", id, key, stored)
		}
	}
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

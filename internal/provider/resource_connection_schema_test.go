package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

func init() { schemaDiscoveryPoll = 20 * time.Millisecond }

// schemaTestConnection is a postgres connection created in the same
// configuration; its source is emulator.DefaultSource: public.users (id,
// email, name, phone, created_at), accounts, orders, events (no column
// choices, no history mode) and the system table audit_log.
const schemaTestConnection = `
resource "fivetran_connection" "app" {
  group_id = fivetran_destination.main.group_id
  service  = "postgres"
  destination_schema = { prefix = "app" }
  run_setup_tests = false
  config = {
    host     = "db.example.com"
    port     = "5432"
    database = "app"
    user     = "fivetran"
  }
}
`

func schemaConfigHCL(em *emulator.Running, connectionID, body string) string {
	return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_connection_schema" "app" {
  connection_id = %s
%s
}
`, connectionID, body)
}

// schemaOf returns the emulator's schema config of the only connection.
func schemaOf(t *testing.T, em *emulator.Running) (string, map[string]any) {
	t.Helper()
	conns := em.Connections()
	if len(conns) != 1 {
		t.Fatalf("%d connections", len(conns))
	}
	id := jsonAs[string](t, conns[0]["id"])
	sc, ok := em.SchemaConfig(id)
	if !ok {
		t.Fatal("no schema config")
	}
	return id, sc
}

// at walks a rendered schema config: at(sc, "public", "users") is the
// table, colOf(sc, "users", "email") the column.
func at(sc map[string]any, names ...string) map[string]any {
	schemas, _ := sc["schemas"].(map[string]any)
	cur, _ := schemas[names[0]].(map[string]any)
	if len(names) > 1 {
		tables, _ := cur["tables"].(map[string]any)
		cur, _ = tables[names[1]].(map[string]any)
	}
	return cur
}

// colOf is a column of a table of schema public in a rendered schema config; the config lists only
// columns set after the initial sync, and an unlisted one syncs, unhashed.
func colOf(sc map[string]any, table, column string) map[string]any {
	if c, ok := at(sc, "public", table)["columns"].(map[string]any)[column].(map[string]any); ok {
		return c
	}
	return map[string]any{"enabled": true, "hashed": false}
}

func countRoute(em *emulator.Running, route string) int {
	n := 0
	for _, r := range em.Requests() {
		if r.Route == route {
			n++
		}
	}
	return n
}

func existingConnection(t *testing.T, em *emulator.Running) string {
	t.Helper()
	g := em.CreateGroup("existing")
	gid := jsonAs[string](t, g["id"])
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "0",
		"config": map[string]any{"host": "warehouse.internal", "port": 5432, "database": "dw"}}); err != nil {
		t.Fatal(err)
	}
	c, err := em.CreateConnection(map[string]any{"group_id": gid, "service": "postgres",
		"config": map[string]any{"schema_prefix": "legacy", "host": "db.internal", "port": 5432, "database": "app", "user": "fivetran"}})
	if err != nil {
		t.Fatal(err)
	}
	return jsonAs[string](t, c["id"])
}

const lifecycleChoices = `
  schema_change_handling = "BLOCK_ALL"
  schemas = { public = "included" }
  tables = {
    "public.users"    = "included"
    "public.accounts" = "excluded"
  }
  sync_modes = { "public.users" = "HISTORY" }
  columns = {
    "public.users.email" = "hashed"
    "public.users.phone" = %s
  }
`

// TestAccConnectionSchema_lifecycle: on a connection created in the same
// apply whose source Fivetran has not discovered (the emulator discovers only
// on reload), create reloads and applies the choices in one PATCH; the state
// holds only what was written; a change sends one PATCH; drift of a managed
// table shows as exactly that change; drift of unmanaged tables and columns
// shows nothing.
func TestAccConnectionSchema_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, SchemaDiscoveryDelay: -1})
	cfg := func(phone string) string {
		return schemaConfigHCL(em, "fivetran_connection.app.id", fmt.Sprintf(lifecycleChoices, phone)) + baseConfig + schemaTestConnection
	}
	addr := "fivetran_connection_schema.app"
	tables := tfjsonpath.New("tables")
	connID := func() string { id, _ := schemaOf(t, em); return id }
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { accPreCheck(t) },
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg(`"excluded"`),
				Check: func(*terraform.State) error {
					_, sc := schemaOf(t, em)
					if sc["schema_change_handling"] != "BLOCK_ALL" {
						return fmt.Errorf("policy %v", sc["schema_change_handling"])
					}
					users := at(sc, "public", "users")
					if users["sync_mode"] != "HISTORY" || colOf(sc, "users", "email")["hashed"] != true ||
						colOf(sc, "users", "phone")["enabled"] != false || at(sc, "public", "accounts")["enabled"] != false {
						return fmt.Errorf("choices not applied: %v", users)
					}
					if n := countRoute(em, "POST /v1/connections/{id}/schemas/reload"); n != 1 {
						return fmt.Errorf("%d reloads, want 1", n)
					}
					if n := countRoute(em, "PATCH /v1/connections/{id}/schemas"); n != 1 {
						return fmt.Errorf("%d PATCHes, want 1", n)
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tables, knownvalue.MapSizeExact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("columns"), knownvalue.MapExact(map[string]knownvalue.Check{
						"public.users.email": knownvalue.StringExact("hashed"), "public.users.phone": knownvalue.StringExact("excluded")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sync_modes"), knownvalue.MapExact(map[string]knownvalue.Check{
						"public.users": knownvalue.StringExact("HISTORY")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("schemas"), knownvalue.MapExact(map[string]knownvalue.Check{
						"public": knownvalue.StringExact("included")})),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("connection_id"), "fivetran_connection.app", tfjsonpath.New("id"), compareEqual{}),
				},
			},
			{
				PreConfig: em.ResetRequests,
				Config:    cfg(`"included"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					_, sc := schemaOf(t, em)
					if colOf(sc, "users", "phone")["enabled"] != true {
						return fmt.Errorf("phone not enabled")
					}
					if n := countRoute(em, "PATCH /v1/connections/{id}/schemas"); n != 1 {
						return fmt.Errorf("%d PATCHes, want 1", n)
					}
					return nil
				},
			},
			{
				// Someone re-enables a managed table in Fivetran: the plan
				// shows exactly that change, and apply undoes it.
				PreConfig: func() {
					if err := em.SetTableEnabled(connID(), "public", "accounts", true); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(`"included"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tables.AtMapKey("public.accounts"), knownvalue.StringExact("excluded")),
				}},
				Check: func(*terraform.State) error {
					if _, sc := schemaOf(t, em); at(sc, "public", "accounts")["enabled"] != false {
						return fmt.Errorf("accounts still enabled")
					}
					return nil
				},
			},
			{
				// Changes to tables and columns nobody wrote show nothing.
				PreConfig: func() {
					id := connID()
					if err := em.SetTableEnabled(id, "public", "orders", true); err != nil {
						t.Fatal(err)
					}
					if err := em.SetColumn(id, "public", "users", "name", false, true); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(`"included"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

// TestAccConnectionSchema_planChecks: with the source discovered, a plan
// refuses names the source does not have (with a suggestion), a blocked
// primary key, column choices on a table without column config, history mode
// where unsupported and a system table switched off, and sends nothing.
func TestAccConnectionSchema_planChecks(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	cases := []struct{ body, want string }{
		{`tables = { "public.user" = "included" }`, `Unknown table.*no table "user". Did you mean "users"\?`},
		{`schemas = { pubic = "included" }`, `Unknown schema.*Did you mean "public"\?`},
		{`tables = { "pubic.users" = "included" }`, `Unknown schema.*Did you mean "public"\?`},
		{`columns = { "public.users.emial" = "hashed" }`, `Unknown column.*Did you mean "email"\?`},
		{`columns = { "public.users.id" = "excluded" }`, `Primary key cannot be blocked`},
		{`columns = { "public.events.payload" = "excluded" }`, `Column choices not supported`},
		{`sync_modes = { "public.events" = "HISTORY" }`, `History mode not supported`},
		{`tables = { "public.audit_log" = "excluded" }`, `Table cannot be switched.*SYSTEM_TABLE`},
		{`tables = { users = "included" }`, `Invalid key.*must name a table as "schema.table"`},
		{`sync_modes = { "public." = "LIVE" }`, `Invalid key.*must name a table as "schema.table"`},
		{`columns = { "public.users" = "hashed" }`, `Invalid key.*must name a column as "schema.table.column"`},
		{`columns = { "public.users.email" = "masked" }`, `Invalid choice.*must be one of: "included", "hashed", "excluded"`},
		{`columns = { "public.users.email" = null }`, `Missing choice.*Leave out an entry`},
		{`schemas = { public = "hashed" }`, `Invalid choice.*must be one of: "included", "excluded"`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      schemaConfigHCL(em, fmt.Sprintf("%q", id), c.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
	if n := countRoute(em, "PATCH /v1/connections/{id}/schemas"); n != 0 {
		t.Errorf("%d PATCHes sent by refused plans", n)
	}
}

// TestAccConnectionSchema_badNameOnNewConnection: on a connection created in
// the same apply nothing can be checked at plan time; create then discovers
// the source and refuses the unknown table with a suggestion, and the
// connection itself is kept (not orphaned: it is in state).
func TestAccConnectionSchema_badNameOnNewConnection(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, SchemaDiscoveryDelay: -1})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: schemaConfigHCL(em, "fivetran_connection.app.id",
				`tables = { "public.acounts" = "excluded" }`) + baseConfig + schemaTestConnection,
			ExpectError: wrapRe(`(?s)Unknown table.*no table "acounts". Did you mean "accounts"\?`),
		}, {
			Config:             providerConfig(em) + baseConfig + schemaTestConnection,
			PlanOnly:           true,
			ExpectNonEmptyPlan: false,
		}},
	})
}

// TestAccConnectionSchema_reload: a table added to the source after the
// last discovery is unknown to Fivetran; naming it warns at plan time, and
// apply asks Fivetran to reload before applying the choice. Under BLOCK_ALL
// the new table arrived disabled and nothing showed until it was named.
func TestAccConnectionSchema_reload(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	base := `schema_change_handling = "BLOCK_ALL"
  tables = { %s }`
	addr := "fivetran_connection_schema.app"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: schemaConfigHCL(em, fmt.Sprintf("%q", id), fmt.Sprintf(base, `"public.users" = "included"`))},
			{
				PreConfig: func() {
					src := emulator.DefaultSource("postgres", nil)
					src["public"]["invoices"] = emulator.SourceTable{Columns: []emulator.SourceColumn{{Name: "id", PrimaryKey: true}, {Name: "amount"}}}
					if err := em.SetSource(id, src); err != nil {
						t.Fatal(err)
					}
					em.ResetRequests()
				},
				Config:           schemaConfigHCL(em, fmt.Sprintf("%q", id), fmt.Sprintf(base, `"public.users" = "included"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: schemaConfigHCL(em, fmt.Sprintf("%q", id), fmt.Sprintf(base, `
    "public.users"    = "included"
    "public.invoices" = "included"
  `)+`
  columns = { "public.invoices.amount" = "hashed" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if at(sc, "public", "invoices")["enabled"] != true || colOf(sc, "invoices", "amount")["hashed"] != true {
						return fmt.Errorf("invoices not applied: %v", at(sc, "public", "invoices"))
					}
					if countRoute(em, "POST /v1/connections/{id}/schemas/reload") != 1 {
						return fmt.Errorf("no reload")
					}
					return nil
				},
			},
		},
	})
}

// TestAccConnectionSchema_exclusive: with exclusive = true, tables nobody
// named that differ from the policy are set back to it on create, and a
// later deviation shows in the plan.
func TestAccConnectionSchema_exclusive(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	if err := em.SetTableEnabled(id, "public", "orders", false); err != nil {
		t.Fatal(err)
	}
	addr := "fivetran_connection_schema.app"
	cfg := schemaConfigHCL(em, fmt.Sprintf("%q", id), `exclusive = true
  schema_change_handling = "ALLOW_ALL"
  columns = { "public.users.email" = "hashed" }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if at(sc, "public", "orders")["enabled"] != true {
						return fmt.Errorf("orders not set back to the policy")
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := em.SetTableEnabled(id, "public", "accounts", false); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if at(sc, "public", "accounts")["enabled"] != true {
						return fmt.Errorf("accounts not set back to the policy")
					}
					return nil
				},
			},
		},
	})
}

// TestAccConnectionSchema_faults: a 503 on the PATCH is retried; a connection
// deleted in Fivetran takes its schema config out of state (the refresh does
// not fail), and the plan that would create it again for the same id fails
// at plan time.
func TestAccConnectionSchema_faults(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	cfg := schemaConfigHCL(em, fmt.Sprintf("%q", id), `tables = { "public.orders" = "excluded" }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { em.InjectNext(emulator.Fault503, 1, "PATCH", "/v1/connections/{id}/schemas") },
				Config:    cfg,
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if at(sc, "public", "orders")["enabled"] != false {
						return fmt.Errorf("orders not disabled")
					}
					faulted := 0
					for _, r := range em.Requests() {
						if r.Route == "PATCH /v1/connections/{id}/schemas" && r.Fault != "" {
							faulted++
						}
					}
					if faulted != 1 {
						return fmt.Errorf("%d faulted PATCHes, want 1", faulted)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					if err := em.Delete("connection", id); err != nil {
						t.Fatal(err)
					}
				},
				// The refresh takes the schema config out of state instead of
				// failing; the plan to create it again then fails, since the
				// connection id it names (known at plan time) is gone.
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: wrapRe(`(?s)Unknown connection.*does not exist in Fivetran`),
			},
		},
	})
}

// TestAccConnectionSchema_dataSourcePII: the data source lists what the
// source has, with primary keys; a for expression over it hashes every
// column whose name contains "email" (the guide's example).
func TestAccConnectionSchema_dataSourcePII(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	cfg := providerConfig(em) + fmt.Sprintf(`
data "fivetran_connection_schema" "app" {
  connection_id = %q
}

locals {
  pii = merge([
    for sname, s in data.fivetran_connection_schema.app.schemas : merge([
      for tname, t in s.tables : {
        for cname, c in t.columns : "${sname}.${tname}.${cname}" => "hashed"
        if strcontains(lower(cname), "email") && !c.is_primary_key
      } if t.supports_columns_config
    ]...)
  ]...)
}

resource "fivetran_connection_schema" "app" {
  connection_id = %q
  columns       = local.pii
}
`, id, id)
	ds := "data.fivetran_connection_schema.app"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("schemas").AtMapKey("public").AtMapKey("tables").AtMapKey("users").
					AtMapKey("columns").AtMapKey("id").AtMapKey("is_primary_key"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("schemas").AtMapKey("public").AtMapKey("tables").AtMapKey("audit_log").
					AtMapKey("enabled_patch_allowed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("schema_change_handling"), knownvalue.StringExact("ALLOW_ALL")),
			},
			Check: func(*terraform.State) error {
				sc, _ := em.SchemaConfig(id)
				if colOf(sc, "users", "email")["hashed"] != true || colOf(sc, "accounts", "owner_email")["hashed"] != true {
					return fmt.Errorf("email columns not hashed")
				}
				if colOf(sc, "users", "name")["hashed"] != false {
					return fmt.Errorf("a non-email column was hashed")
				}
				return nil
			},
		}},
	})
}

// TestAccConnectionSchema_importGenerateConfig adopts a connection whose
// choices were made in Fivetran: -generate-config-out writes only what
// differs from the policy, the next plan is empty, and a refresh is one GET
// of the schema config.
func TestAccConnectionSchema_importGenerateConfig(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	for _, err := range []error{
		em.SetTableEnabled(id, "public", "orders", false),
		em.SetColumn(id, "public", "users", "email", true, true),
		em.SetColumn(id, "public", "users", "phone", false, false),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+`
import {
  to = fivetran_connection_schema.legacy
  id = "`+id+`"
}
`)
	if out, code := r.run("plan", "-input=false", "-generate-config-out=generated.tf"); code != 0 {
		t.Fatalf("plan -generate-config-out exited %d:\n%s", code, out)
	}
	gen := r.read("generated.tf")
	t.Logf("generated.tf:\n%s", gen)
	for _, want := range []string{`schema_change_handling = "ALLOW_ALL"`, `orders`, `email`, `hashed`, `phone`} {
		if !strings.Contains(gen, want) {
			t.Errorf("generated.tf lacks %s", want)
		}
	}
	for _, unwanted := range []string{"accounts", "events", "audit_log", "created_at", "exclusive = true"} {
		if strings.Contains(gen, unwanted) {
			t.Errorf("generated.tf holds %s, which follows the policy", unwanted)
		}
	}
	r.must("apply", "-input=false", "-auto-approve")
	em.ResetRequests()
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adoption is not empty (exit %d):\n%s", code, out)
	}
	if n := countRoute(em, "GET /v1/connections/{id}/schemas"); n != 1 {
		t.Errorf("a plan made %d GETs of the schema config, want 1", n)
	}
	if len(em.Requests()) != 1 {
		t.Errorf("a plan made %d requests, want 1: %v", len(em.Requests()), em.Requests())
	}
}

// TestAccConnectionSchema_waitsForDiscovery: when Fivetran cannot read the
// source yet (the reload finds nothing), create polls until the source is
// discovered, then applies; when it never is, create fails within its
// timeout, saying so, and the connection stays in state.
func TestAccConnectionSchema_waitsForDiscovery(t *testing.T) {
	accPreCheck(t)
	var calls, readableAfter atomic.Int32
	readableAfter.Store(5) // plan GET, create GET, reload (two tries), then polls
	em := startEmulatorWith(t, emulator.Options{Seed: 42,
		Source: func(_, service string, cfg map[string]any) emulator.Source {
			if calls.Add(1) <= readableAfter.Load() {
				return emulator.Source{}
			}
			return emulator.DefaultSource(service, cfg)
		}})
	choices := `tables = { "public.orders" = "excluded" }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: schemaConfigHCL(em, "fivetran_connection.app.id", choices) + baseConfig + schemaTestConnection,
				Check: func(*terraform.State) error {
					if _, sc := schemaOf(t, em); at(sc, "public", "orders")["enabled"] != false {
						return fmt.Errorf("orders not disabled")
					}
					if n := countRoute(em, "GET /v1/connections/{id}/schemas"); n < 4 {
						return fmt.Errorf("%d GETs: create did not poll", n)
					}
					return nil
				},
			},
			{
				// Never readable: the create of a second schema resource times out.
				PreConfig: func() { readableAfter.Store(1 << 30) },
				Config: schemaConfigHCL(em, "fivetran_connection.app.id", choices) + baseConfig + schemaTestConnection + `
resource "fivetran_connection" "other" {
  group_id = fivetran_destination.main.group_id
  service  = "postgres"
  destination_schema = { prefix = "other" }
  run_setup_tests = false
  config = { host = "db2.example.com" }
}

resource "fivetran_connection_schema" "other" {
  connection_id = fivetran_connection.other.id
  tables = { "public.users" = "excluded" }
  timeouts = { create = "1s" }
}
`,
				ExpectError: wrapRe(`(?s)had not discovered the source's schemas after .* \(the create timeout\)`),
			},
		},
	})
}

// TestAccConnectionSchema_columnListsReadOncePerProcess: a column choice on a
// table whose columns Fivetran's schema config does not list needs GET
// .../columns to check the name. `terraform apply` plans in one provider
// process and applies in a second one, which plans each change again right
// before applying it: that plan's column lists serve the apply, so the apply
// reads each such table once per process (2 in all, not 3).
func TestAccConnectionSchema_columnListsReadOncePerProcess(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+fmt.Sprintf(`
resource "fivetran_connection_schema" "app" {
  connection_id = %q
  columns = { "public.users.email" = "hashed" }
}
`, id))
	em.ResetRequests()
	r.must("apply", "-input=false", "-auto-approve")
	if _, sc := schemaOf(t, em); colOf(sc, "users", "email")["hashed"] != true {
		t.Fatal("the column choice was not applied")
	}
	const route = "GET /v1/connections/{id}/schemas/{schema}/tables/{table}/columns"
	if n := countRoute(em, route); n != 2 {
		t.Errorf("apply read the users table's columns %d times, want 2 (once per provider process)", n)
	}
}

// TestAccConnectionSchema_dottedNames: names that hold dots (a schema
// "sales.eu", a table "v1.events", a column "payload.id") are written as
// they are in the keys; the provider splits each key the way the discovered
// schema names it, applies the choices and plans nothing after.
func TestAccConnectionSchema_dottedNames(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	src := emulator.DefaultSource("postgres", nil)
	src["public"]["v1.events"] = emulator.SourceTable{Columns: []emulator.SourceColumn{{Name: "id", PrimaryKey: true}, {Name: "payload.id"}, {Name: "payload"}}}
	src["sales.eu"] = map[string]emulator.SourceTable{"orders": {Columns: []emulator.SourceColumn{{Name: "id", PrimaryKey: true}, {Name: "amount"}}}}
	if err := em.SetSource(id, src); err != nil {
		t.Fatal(err)
	}
	// Fivetran discovers the new schema and tables (as a reload in the
	// dashboard would), so that the plan checks the dotted names too.
	if _, err := testClient(t, em).ReloadConnectionSchema(context.Background(), id, "PRESERVE"); err != nil {
		t.Fatal(err)
	}
	cfg := schemaConfigHCL(em, fmt.Sprintf("%q", id), `tables = {
    "public.v1.events" = "included"
    "sales.eu.orders"  = "excluded"
  }
  columns = { "public.v1.events.payload.id" = "hashed" }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if at(sc, "sales.eu", "orders")["enabled"] != false {
						return fmt.Errorf("sales.eu.orders not excluded: %v", at(sc, "sales.eu", "orders"))
					}
					if c, _ := at(sc, "public", "v1.events")["columns"].(map[string]any)["payload.id"].(map[string]any); c["hashed"] != true {
						return fmt.Errorf("public.v1.events.payload.id not hashed: %v", at(sc, "public", "v1.events"))
					}
					return nil
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// switchesFrom is what exclusive mode must switch in the emulator's schema
// config sc under policy: every switchable table not in named whose enabled
// differs from the policy, with the value it gets.
func switchesFrom(t testing.TB, sc map[string]any, policy string, named ...string) map[string]knownvalue.Check {
	def := policy == "ALLOW_ALL"
	out := map[string]knownvalue.Check{}
	for sn, sv := range jsonAs[map[string]any](t, sc["schemas"]) {
		for tn, tv := range jsonAs[map[string]any](t, jsonAs[map[string]any](t, sv)["tables"]) {
			tm := jsonAs[map[string]any](t, tv)
			key := sn + "." + tn
			if tm["enabled"] == def || jsonAs[map[string]any](t, tm["enabled_patch_settings"])["allowed"] != true || slices.Contains(named, key) {
				continue
			}
			out[key] = knownvalue.StringExact(map[bool]string{true: "included", false: "excluded"}[def])
		}
	}
	return out
}

// enabledTables lists the tables of sc that sync, as "schema.table".
func enabledTables(t testing.TB, sc map[string]any) []string {
	var out []string
	for sn, sv := range jsonAs[map[string]any](t, sc["schemas"]) {
		for tn, tv := range jsonAs[map[string]any](t, jsonAs[map[string]any](t, sv)["tables"]) {
			if jsonAs[map[string]any](t, tv)["enabled"] == true {
				out = append(out, sn+"."+tn)
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestAccConnectionSchema_exclusivePlansEverySwitch: whatever turns
// exclusive mode on or changes what it means, the plan lists in
// switched_tables every table apply switches, apply switches exactly those,
// and the next plan is empty: a new resource on an existing connection
// (policy ALLOW_ALL → BLOCK_ALL, one table named), exclusive added to an
// existing resource, and the policy changed while it is on.
func TestAccConnectionSchema_exclusivePlansEverySwitch(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	addr := "fivetran_connection_schema.app"
	cfg := func(policy, exclusive string) string {
		return schemaConfigHCL(em, fmt.Sprintf("%q", id), fmt.Sprintf(`schema_change_handling = %q
  %s
  tables = { "public.users" = "included" }`, policy, exclusive))
	}
	sc, _ := em.SchemaConfig(id)
	blockAll := switchesFrom(t, sc, "BLOCK_ALL", "public.users")
	if len(blockAll) < 5 {
		t.Fatalf("the test needs a source with tables to switch: %v", blockAll)
	}
	switched := func(want map[string]knownvalue.Check) []plancheck.PlanCheck {
		return []plancheck.PlanCheck{
			plancheck.ExpectKnownValue(addr, tfjsonpath.New("switched_tables"), knownvalue.MapExact(want)),
		}
	}
	var allowAll map[string]knownvalue.Check
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				// New resource, exclusive from the start.
				Config:           cfg("BLOCK_ALL", "exclusive = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: switched(blockAll)},
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if got := enabledTables(t, sc); !slices.Equal(got, []string{"public.audit_log", "public.users"}) {
						return fmt.Errorf("tables that sync after apply: %v", got)
					}
					return nil
				},
			},
			{Config: cfg("BLOCK_ALL", "exclusive = true"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				// Without exclusive, the policy and one table are managed; a
				// table switched off in Fivetran stays as it is.
				PreConfig: func() {
					if err := em.SetTableEnabled(id, "public", "orders", true); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg("ALLOW_ALL", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("switched_tables"), knownvalue.Null())}},
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					allowAll = switchesFrom(t, sc, "ALLOW_ALL", "public.users")
					if len(allowAll) < 3 {
						return fmt.Errorf("exclusive mode was off, yet tables were switched: %v", enabledTables(t, sc))
					}
					return nil
				},
			},
			{
				// Exclusive added to the existing resource: the tables still
				// off under ALLOW_ALL are listed and switched on.
				Config: cfg("ALLOW_ALL", "exclusive = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					checkFunc(func() plancheck.PlanCheck {
						return plancheck.ExpectKnownValue(addr, tfjsonpath.New("switched_tables"), knownvalue.MapExact(allowAll))
					}),
				}},
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if n := len(switchesFrom(t, sc, "ALLOW_ALL")); n != 0 {
						return fmt.Errorf("%d tables still off under ALLOW_ALL", n)
					}
					return nil
				},
			},
			{Config: cfg("ALLOW_ALL", "exclusive = true"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				// The policy changed while exclusive is on.
				Config:           cfg("BLOCK_ALL", "exclusive = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: switched(blockAll)},
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if got := enabledTables(t, sc); !slices.Equal(got, []string{"public.audit_log", "public.users"}) {
						return fmt.Errorf("tables that sync after apply: %v", got)
					}
					return nil
				},
			},
			{Config: cfg("BLOCK_ALL", "exclusive = true"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// checkFunc builds a plan check when it runs, for checks whose expected
// value an earlier step computes.
type checkFunc func() plancheck.PlanCheck

func (f checkFunc) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	f().CheckPlan(ctx, req, resp)
}

// TestAccConnectionSchema_exclusiveNotDiscoveredYet: on a connection whose
// source Fivetran has not discovered, the plan cannot list the tables to
// switch: switched_tables is known after apply (the plan warns), apply
// discovers the source, switches and records them, and the next plan is
// empty.
func TestAccConnectionSchema_exclusiveNotDiscoveredYet(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, SchemaDiscoveryDelay: -1})
	id := existingConnection(t, em)
	addr := "fivetran_connection_schema.app"
	cfg := schemaConfigHCL(em, fmt.Sprintf("%q", id), `schema_change_handling = "BLOCK_ALL"
  exclusive = true
  tables = { "public.users" = "included" }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("switched_tables"))}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("switched_tables"), knownvalue.MapPartial(map[string]knownvalue.Check{
						"public.orders": knownvalue.StringExact("excluded")})),
				},
				Check: func(*terraform.State) error {
					sc, _ := em.SchemaConfig(id)
					if got := enabledTables(t, sc); !slices.Equal(got, []string{"public.audit_log", "public.users"}) {
						return fmt.Errorf("tables that sync after apply: %v", got)
					}
					return nil
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccConnectionSchema_planFailsOnRefusedCredentialsAndUnknownConnection:
// a plan that reads a schema config fails at plan time, at connection_id,
// when Fivetran refuses the credentials (also when the plan creates nothing
// else that talks to Fivetran) and when the connection id known at plan time
// does not exist; no request but GETs is sent.
func TestAccConnectionSchema_planFailsOnRefusedCredentialsAndUnknownConnection(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	body := `tables = { "public.users" = "included" }`
	wrongSecret := strings.Replace(schemaConfigHCL(em, fmt.Sprintf("%q", id), body), fmt.Sprintf("%q", testAPISecret), `"not-the-secret"`, 1) + `
resource "fivetran_group" "new" {
  name = "analytics"
}
`
	em.ResetRequests()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: wrongSecret, PlanOnly: true, ExpectError: wrapRe(`(?s)refused the credentials`)},
			{Config: schemaConfigHCL(em, `"no_such_connection"`, body), PlanOnly: true,
				ExpectError: wrapRe(`(?s)Unknown connection.*"no_such_connection" does not exist`)},
			{Config: schemaConfigHCL(em, `"no_such_connection"`, `exclusive = true`), PlanOnly: true,
				ExpectError: wrapRe(`(?s)Unknown connection.*"no_such_connection" does not exist`)},
		},
	})
	for _, r := range em.Requests() {
		if r.Method != "GET" {
			t.Errorf("a plan sent %s %s", r.Method, r.Route)
		}
	}
}

// TestAccConnectionSchema_planRefusesNamesThatNeedASecondLook: a typo in a
// dotted name fails the plan with a suggestion (not a warning and a failed
// apply), a column key written in tables says so, and a table included in
// an excluded schema is refused, also on a connection created in the same
// apply.
func TestAccConnectionSchema_planRefusesNamesThatNeedASecondLook(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	src := emulator.DefaultSource("postgres", nil)
	src["sales.eu"] = map[string]emulator.SourceTable{"orders.2024": {Columns: []emulator.SourceColumn{{Name: "id", PrimaryKey: true}, {Name: "amount"}}}}
	if err := em.SetSource(id, src); err != nil {
		t.Fatal(err)
	}
	if _, err := testClient(t, em).ReloadConnectionSchema(context.Background(), id, "PRESERVE"); err != nil {
		t.Fatal(err)
	}
	existing := fmt.Sprintf("%q", id)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: schemaConfigHCL(em, existing, `tables = { "sales.eu.order.2024" = "excluded" }`), PlanOnly: true,
				ExpectError: wrapRe(`(?s)Unknown table.*Did you mean\s+"orders.2024"\?`)},
			{Config: schemaConfigHCL(em, existing, `tables = { "public.users.email" = "excluded" }`), PlanOnly: true,
				ExpectError: wrapRe(`(?s)Column where a table goes.*a column's choice goes in columns`)},
			{Config: schemaConfigHCL(em, "fivetran_connection.app.id", `schemas = { public = "excluded" }
  tables = { "public.users" = "included" }`) + baseConfig + schemaTestConnection, PlanOnly: true,
				ExpectError: wrapRe(`(?s)Table included in an excluded schema`)},
		},
	})
}

// TestAccConnectionSchema_newConnectionSyncsOnlyWhatIsNamed: on a
// connection created in the same apply, every table is new to the user, so
// BLOCK_ALL holds back every table the configuration does not name (the
// guide's first example): the plan says switched_tables is known after
// apply, apply switches off what is not named once the source is
// discovered, and the next plan is empty. Under ALLOW_ALL nothing is
// switched and the plan says so.
func TestAccConnectionSchema_newConnectionSyncsOnlyWhatIsNamed(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, SchemaDiscoveryDelay: -1})
	addr := "fivetran_connection_schema.app"
	cfg := schemaConfigHCL(em, "fivetran_connection.app.id", `schema_change_handling = "BLOCK_ALL"
  schemas = { public = "included" }
  tables = {
    "public.users"  = "included"
    "public.orders" = "included"
  }
  columns = { "public.users.email" = "hashed" }`) + baseConfig + schemaTestConnection
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("switched_tables"))}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("switched_tables"), knownvalue.MapPartial(map[string]knownvalue.Check{
						"public.accounts": knownvalue.StringExact("excluded"), "public.events": knownvalue.StringExact("excluded")})),
				},
				Check: func(*terraform.State) error {
					_, sc := schemaOf(t, em)
					if got := enabledTables(t, sc); !slices.Equal(got, []string{"public.audit_log", "public.orders", "public.users"}) {
						return fmt.Errorf("tables that sync after apply: %v", got)
					}
					return nil
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccConnectionSchema_newConnectionAllowAllSwitchesNothing: under
// ALLOW_ALL a new connection's tables all sync but the excluded one, and the
// plan shows that nothing else is switched.
func TestAccConnectionSchema_newConnectionAllowAllSwitchesNothing(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, SchemaDiscoveryDelay: -1})
	addr := "fivetran_connection_schema.app"
	cfg := schemaConfigHCL(em, "fivetran_connection.app.id", `schema_change_handling = "ALLOW_ALL"
  tables = { "public.orders" = "excluded" }`) + baseConfig + schemaTestConnection
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("switched_tables"), knownvalue.Null())}},
				Check: func(*terraform.State) error {
					_, sc := schemaOf(t, em)
					if got := enabledTables(t, sc); slices.Contains(got, "public.orders") || !slices.Contains(got, "public.accounts") {
						return fmt.Errorf("tables that sync after apply: %v", got)
					}
					return nil
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccConnectionSchema_refreshOnChange: with schema_refresh = "on_change"
// a no-change plan reads no schema config, so a change made outside Terraform
// is not seen; with "always" the same plan sees it. A plan that changes the
// resource reads Fivetran's schema config and warns that the apply also sets
// back what changed outside Terraform, which it then does.
func TestAccConnectionSchema_refreshOnChange(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	write := func(refresh, orders string) {
		r.write("main.tf", requiredProviders+fmt.Sprintf(`
provider "fivetran" {
  schema_refresh = %q
}

resource "fivetran_connection_schema" "app" {
  connection_id = %q
  tables = {
    "public.accounts" = "excluded"
    "public.orders"   = %q
  }
}
`, refresh, id, orders))
	}
	const get = "GET /v1/connections/{id}/schemas"
	write("on_change", "included")
	r.must("apply", "-input=false", "-auto-approve")
	if err := em.SetTableEnabled(id, "public", "accounts", true); err != nil {
		t.Fatal(err)
	}

	em.ResetRequests()
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("on_change, nothing changed in the configuration: exit %d, want 0 (no request, no drift seen)\n%s", code, out)
	}
	if n := countRoute(em, get); n != 0 {
		t.Errorf("on_change: the no-change plan read the schema config %d times, want 0", n)
	}

	write("always", "included")
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 2 || !strings.Contains(out, `"public.accounts" = "included" -> "excluded"`) {
		t.Fatalf("always: exit %d, want 2 with the table set back\n%s", code, out)
	}

	write("on_change", "excluded")
	em.ResetRequests()
	out, code := r.run("plan", "-input=false", "-detailed-exitcode", "-out=tfplan")
	if code != 2 || !strings.Contains(out, "Schema config changed outside Terraform") || strings.Contains(out, `"public.accounts"`) {
		t.Fatalf("on_change, orders changed in the configuration: exit %d, want 2 with the warning and no line for accounts\n%s", code, out)
	}
	if n := countRoute(em, get); n != 1 {
		t.Errorf("on_change: the plan of a change read the schema config %d times, want 1", n)
	}
	r.must("apply", "-input=false", "tfplan")
	if _, sc := schemaOf(t, em); at(sc, "public", "accounts")["enabled"] != false || at(sc, "public", "orders")["enabled"] != false {
		t.Errorf("after the apply: accounts enabled %v, orders enabled %v; want both false", at(sc, "public", "accounts")["enabled"], at(sc, "public", "orders")["enabled"])
	}
}

// TestAccConnectionSchema_refreshOnChangeExclusive: under exclusive mode a
// plan with schema_refresh = "on_change" still reads the schema config, to
// list the tables to switch. A declared column changed outside Terraform,
// with nothing to switch, plans nothing and warns of nothing (no update
// would set it back); a table switched outside Terraform plans the switch,
// and then the plan warns that the apply also sets the column back.
func TestAccConnectionSchema_refreshOnChangeExclusive(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	id := existingConnection(t, em)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+fmt.Sprintf(`
provider "fivetran" {
  schema_refresh = "on_change"
}

resource "fivetran_connection_schema" "app" {
  connection_id          = %q
  exclusive              = true
  schema_change_handling = "ALLOW_ALL"
  columns                = { "public.users.email" = "hashed" }
}
`, id))
	r.must("apply", "-input=false", "-auto-approve")
	r.must("apply", "-input=false", "-auto-approve") // clears switched_tables, as the refresh after an apply does
	if err := em.SetColumn(id, "public", "users", "email", true, false); err != nil {
		t.Fatal(err)
	}
	out, code := r.run("plan", "-input=false", "-detailed-exitcode")
	if code != 0 || strings.Contains(out, "changed outside Terraform") {
		t.Fatalf("declared column changed, nothing to switch: exit %d, want 0 and no warning\n%s", code, out)
	}
	if err := em.SetTableEnabled(id, "public", "accounts", false); err != nil {
		t.Fatal(err)
	}
	out, code = r.run("plan", "-input=false", "-detailed-exitcode")
	if code != 2 || !strings.Contains(out, "Schema config changed outside Terraform") {
		t.Fatalf("a table to switch as well: exit %d, want 2 and the warning\n%s", code, out)
	}
}

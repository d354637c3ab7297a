package conformance

import (
	"context"
	"net/http"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

func apiStatus(err error) int {
	if e, ok := err.(*fivetran.APIError); ok { //nolint:errorlint // the client returns it unwrapped
		return e.StatusCode
	}
	return 0
}

// TestSchemaConfigConforms drives every schema config call through the
// emulator's source model, checks Fivetran's rules (primary keys, system
// tables, column config, history mode, the policy on newly discovered
// items, discovery only after reload) and validates every exchange.
func TestSchemaConfigConforms(t *testing.T) {
	v := validatorOrSkip(t)
	r := v.Recorder()
	// The spec's form (every entry carries "enabled"): the client must suit
	// it as well as the live API's, which keeps the current value without it.
	emu := startEmulator(t, r, func(o *emulator.Options) { o.SchemaDiscoveryDelay = -1; o.RequireSchemaEnabled = true })
	c := newClient(t, emu.URL)
	ctx := context.Background()
	g := must(c.CreateGroup(ctx, "schema_group"))(t)
	conn := must(c.CreateConnection(ctx, fivetran.ConnectionCreate{
		GroupID: g.ID, Service: "postgres", RunSetupTests: ptr(false),
		Config: map[string]any{"schema_prefix": "pg", "host": "pg.example.com", "port": 5432, "database": "app", "user": "ft", "password": "pw"},
	}))(t)
	id := conn.ID

	// table patches one table (and its schema, enabled) in one PATCH.
	table := func(sn, tn string, tu fivetran.TableUpdate) error {
		_, err := c.UpdateConnectionSchema(ctx, id, fivetran.SchemaConfigUpdate{Schemas: map[string]*fivetran.SchemaUpdate{
			sn: {Enabled: true, Tables: map[string]*fivetran.TableUpdate{tn: &tu}}}})
		return err
	}
	column := func(sn, tn, cn string, cu fivetran.ColumnUpdate) error {
		return table(sn, tn, fivetran.TableUpdate{Enabled: true, Columns: map[string]*fivetran.ColumnUpdate{cn: &cu}})
	}

	// Not discovered yet: empty, and a table patch is a 404.
	sc := must(c.GetConnectionSchema(ctx, id))(t)
	if len(sc.Schemas) != 0 || sc.SchemaChangeHandling != "ALLOW_ALL" {
		t.Fatalf("before discovery: %+v", sc)
	}
	if err := table("public", "users", fivetran.TableUpdate{Enabled: false}); apiStatus(err) != http.StatusNotFound {
		t.Fatalf("patch before discovery: %v", err)
	}
	sc = must(c.ReloadConnectionSchema(ctx, id, ""))(t)
	users := sc.Schemas["public"].Tables["users"]
	if users == nil || !users.Enabled || len(users.Columns) != 0 {
		t.Fatalf("after reload (no column set yet, so none listed): %+v", sc.Schemas["public"])
	}
	all := must(c.ListTableColumns(ctx, id, "public", "users"))(t)
	if len(all) != 5 || all["id"].IsPrimaryKey == nil || !*all["id"].IsPrimaryKey || !all["email"].Enabled {
		t.Fatalf("columns of users: %+v", all)
	}
	again := must(c.GetConnectionSchema(ctx, id))(t)
	if len(again.Schemas) != len(sc.Schemas) || len(again.Schemas["public"].Tables) != len(sc.Schemas["public"].Tables) {
		t.Fatal("GET differs from the reload's answer")
	}

	// One PATCH with everything.
	sc = must(c.UpdateConnectionSchema(ctx, id, fivetran.SchemaConfigUpdate{
		SchemaChangeHandling: "BLOCK_ALL",
		Schemas: map[string]*fivetran.SchemaUpdate{"public": {Enabled: true, Tables: map[string]*fivetran.TableUpdate{
			"users":    {Enabled: true, SyncMode: "HISTORY", Columns: map[string]*fivetran.ColumnUpdate{"email": {Enabled: true, Hashed: ptr(true)}, "phone": {Enabled: false}}},
			"accounts": {Enabled: false},
		}}},
	}))(t)
	u := sc.Schemas["public"].Tables["users"]
	if sc.SchemaChangeHandling != "BLOCK_ALL" || u.SyncMode != "HISTORY" || !u.Columns["email"].Hashed || u.Columns["phone"].Enabled || sc.Schemas["public"].Tables["accounts"].Enabled {
		t.Fatalf("after patch: %+v", u)
	}
	if err := table("public", "orders", fivetran.TableUpdate{Enabled: true, SyncMode: "LIVE"}); err != nil {
		t.Fatal(err)
	}
	if err := column("public", "orders", "billing_address", fivetran.ColumnUpdate{Enabled: true, Hashed: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	cols := must(c.ListTableColumns(ctx, id, "public", "orders"))(t)
	if !cols["billing_address"].Hashed || len(cols) != 5 {
		t.Fatalf("columns: %+v", cols)
	}

	// The rules: each refusal changes nothing.
	refused := []struct {
		name string
		call func() error
		want int
	}{
		{"primary key blocked", func() error {
			return column("public", "users", "id", fivetran.ColumnUpdate{Enabled: false})
		}, 400},
		{"system table", func() error {
			return table("public", "audit_log", fivetran.TableUpdate{Enabled: false})
		}, 400},
		{"no column config", func() error {
			return column("public", "events", "payload", fivetran.ColumnUpdate{Enabled: false})
		}, 400},
		{"no history mode", func() error {
			return table("public", "events", fivetran.TableUpdate{Enabled: true, SyncMode: "HISTORY"})
		}, 400},
		{"unknown table", func() error {
			return table("public", "userz", fivetran.TableUpdate{Enabled: true})
		}, 404},
		{"unknown schema", func() error {
			_, err := c.UpdateConnectionSchema(ctx, id, fivetran.SchemaConfigUpdate{Schemas: map[string]*fivetran.SchemaUpdate{"nope": {Enabled: true}}})
			return err
		}, 404},
		{"half valid patch", func() error {
			_, err := c.UpdateConnectionSchema(ctx, id, fivetran.SchemaConfigUpdate{Schemas: map[string]*fivetran.SchemaUpdate{"public": {Enabled: true, Tables: map[string]*fivetran.TableUpdate{
				"accounts": {Enabled: true}, "userz": {Enabled: true}}}}})
			return err
		}, 404},
	}
	for _, rc := range refused {
		if got := apiStatus(rc.call()); got != rc.want {
			t.Errorf("%s: status %d, want %d", rc.name, got, rc.want)
		}
	}
	if sc := must(c.GetConnectionSchema(ctx, id))(t); sc.Schemas["public"].Tables["accounts"].Enabled {
		t.Error("a refused patch changed accounts")
	}

	// New tables and columns follow BLOCK_ALL on the next discovery.
	src := emulator.DefaultSource("postgres", nil)
	src["public"]["invoices"] = emulator.SourceTable{Columns: []emulator.SourceColumn{{Name: "id", PrimaryKey: true}, {Name: "amount"}}}
	t2 := src["public"]["users"]
	t2.Columns = append(append([]emulator.SourceColumn{}, t2.Columns...), emulator.SourceColumn{Name: "ssn"})
	src["public"]["users"] = t2
	if err := emu.SetSource(id, src); err != nil {
		t.Fatal(err)
	}
	sc = must(c.ReloadConnectionSchema(ctx, id, "PRESERVE"))(t)
	if inv := sc.Schemas["public"].Tables["invoices"]; inv == nil || inv.Enabled {
		t.Errorf("new table under BLOCK_ALL: %+v", inv)
	}
	if ssn := sc.Schemas["public"].Tables["users"].Columns["ssn"]; ssn == nil || ssn.Enabled {
		t.Errorf("new column under BLOCK_ALL: %+v", ssn)
	}
	if !sc.Schemas["public"].Tables["users"].Columns["email"].Hashed {
		t.Error("reload lost a choice")
	}

	// Resync.
	if err := c.ResyncTables(ctx, id, map[string][]string{"public": {"users", "orders"}}); err != nil {
		t.Fatal(err)
	}
	if emu.Resyncs(id) != 2 {
		t.Errorf("resyncs: %d", emu.Resyncs(id))
	}
	if err := c.ResyncTables(ctx, id, map[string][]string{"public": {"nope"}}); apiStatus(err) != http.StatusNotFound {
		t.Errorf("resync of an unknown table: %v", err)
	}
	finish(t, emu, r, 20)
}

// TestSyntheticSource checks the benchmark's large source and that a delay
// of 0 discovers at once.
func TestSyntheticSource(t *testing.T) {
	v := validatorOrSkip(t)
	r := v.Recorder()
	emu := startEmulator(t, r, func(o *emulator.Options) { o.SyntheticSource = [3]int{2, 30, 4} })
	c := newClient(t, emu.URL)
	ctx := context.Background()
	g := must(c.CreateGroup(ctx, "synthetic"))(t)
	conn := must(c.CreateConnection(ctx, fivetran.ConnectionCreate{GroupID: g.ID, Service: "postgres", RunSetupTests: ptr(false),
		Config: map[string]any{"schema_prefix": "syn", "host": "h", "port": 5432, "database": "d", "user": "u", "password": "p"}}))(t)
	sc := must(c.GetConnectionSchema(ctx, conn.ID))(t)
	if len(sc.Schemas) != 2 || len(sc.Schemas["schema_002"].Tables) != 30 {
		t.Fatalf("synthetic source: %d schemas", len(sc.Schemas))
	}
	if cols := must(c.ListTableColumns(ctx, conn.ID, "schema_001", "table_0030"))(t); len(cols) != 4 || !*cols["id"].IsPrimaryKey {
		t.Fatalf("synthetic columns: %v", cols)
	}
	finish(t, emu, r, 4)
}

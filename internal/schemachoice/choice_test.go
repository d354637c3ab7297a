package schemachoice

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

func b(v bool) *bool { return &v }

// sample is a discovered config: public.users (id pk, email, phone),
// public.events (no column config, no history), public.audit (system).
func sample(policy string) *fivetran.SchemaConfig {
	col := func(pk bool) *fivetran.ColumnEntry {
		return &fivetran.ColumnEntry{Enabled: true, IsPrimaryKey: b(pk), EnabledPatchSettings: fivetran.PatchSettings{Allowed: b(!pk)}}
	}
	return &fivetran.SchemaConfig{SchemaChangeHandling: policy, Schemas: map[string]*fivetran.SchemaEntry{
		"public": {Enabled: true, Tables: map[string]*fivetran.TableEntry{
			"users": {Enabled: true, SyncMode: "SOFT_DELETE", SupportsColumnsConfig: b(true), SupportsHistoryMode: b(true),
				Columns: map[string]*fivetran.ColumnEntry{"id": col(true), "email": col(false), "phone": col(false)}},
			"events": {Enabled: true, SyncMode: "SOFT_DELETE", SupportsColumnsConfig: b(false), SupportsHistoryMode: b(false),
				Columns: map[string]*fivetran.ColumnEntry{"id": col(true)}},
			"audit": {Enabled: true, SyncMode: "SOFT_DELETE", SupportsColumnsConfig: b(true), SupportsHistoryMode: b(true),
				EnabledPatchSettings: fivetran.PatchSettings{Allowed: b(false), ReasonCode: "SYSTEM_TABLE"}},
			"orders": {Enabled: false, SyncMode: "SOFT_DELETE", SupportsColumnsConfig: b(true), SupportsHistoryMode: b(true)},
		}},
	}}
}

// apply applies a PATCH body to a config, as Fivetran would.
func apply(a *fivetran.SchemaConfig, up fivetran.SchemaConfigUpdate) {
	if up.SchemaChangeHandling != "" {
		a.SchemaChangeHandling = up.SchemaChangeHandling
	}
	for sn, su := range up.Schemas {
		as := a.Schemas[sn]
		as.Enabled = su.Enabled
		for tn, tu := range su.Tables {
			at := as.Tables[tn]
			at.Enabled = tu.Enabled
			if tu.SyncMode != "" {
				at.SyncMode = tu.SyncMode
			}
			for cn, cu := range tu.Columns {
				ac := at.Columns[cn]
				ac.Enabled = cu.Enabled
				if cu.Hashed != nil {
					ac.Hashed = *cu.Hashed
				}
			}
		}
	}
}

func TestProjectKeepsOnlyDeclared(t *testing.T) {
	a := sample("ALLOW_ALL")
	a.Schemas["public"].Tables["users"].Columns["email"].Hashed = true
	declared := Choices{Schemas: map[string]*Schema{"public": {Tables: map[string]*Table{
		"users":  {Columns: map[string]*Column{"email": {Hashed: b(false)}}},
		"orders": {Enabled: b(true)},
		"gone":   {Enabled: b(true)},
	}}}}
	got := Project(declared, a)
	want := Choices{Schemas: map[string]*Schema{"public": {Tables: map[string]*Table{
		"users":  {Columns: map[string]*Column{"email": {Hashed: b(true)}}},
		"orders": {Enabled: b(false)},
	}}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %s, want %s", dump(got), dump(want))
	}
}

func TestDeltaSendsOnlyChanges(t *testing.T) {
	a := sample("ALLOW_ALL")
	declared := Choices{Policy: ptr("BLOCK_ALL"), Schemas: map[string]*Schema{"public": {Tables: map[string]*Table{
		"users":  {Enabled: b(true), Columns: map[string]*Column{"email": {Hashed: b(true)}, "phone": {Enabled: b(true)}}},
		"orders": {Enabled: b(false)},
	}}}}
	up, changed := Delta(declared, a, nil)
	if !changed || up.SchemaChangeHandling != "BLOCK_ALL" {
		t.Fatalf("delta: %+v", up)
	}
	tables := up.Schemas["public"].Tables
	if len(tables) != 1 || len(tables["users"].Columns) != 1 || !*tables["users"].Columns["email"].Hashed || !tables["users"].Columns["email"].Enabled {
		t.Fatalf("tables: %s", dump(tables))
	}
	apply(a, up)
	if _, again := Delta(declared, a, nil); again {
		t.Fatal("a second delta after applying the first")
	}
}

func TestDeltaExclusiveResetsUndeclared(t *testing.T) {
	a := sample("ALLOW_ALL") // orders is disabled against ALLOW_ALL; audit is a system table
	sw := Switches(Choices{}, a)
	if want := map[[2]string]bool{{"public", "orders"}: true}; !reflect.DeepEqual(sw, want) {
		t.Fatalf("switches: %v", sw)
	}
	up, changed := Delta(Choices{}, a, sw)
	if !changed || len(up.Schemas["public"].Tables) != 1 || !up.Schemas["public"].Tables["orders"].Enabled {
		t.Fatalf("exclusive delta: %s", dump(up))
	}
	if _, changed := Delta(Choices{}, a, nil); changed {
		t.Fatal("non-exclusive delta touched an undeclared table")
	}
	// The declared policy decides, not Fivetran's: under BLOCK_ALL every
	// switchable table that syncs and is not named goes off; a table named
	// in tables or only in sync_modes or columns is never switched.
	declared := Choices{Policy: ptr("BLOCK_ALL"), Schemas: map[string]*Schema{"public": {Tables: map[string]*Table{
		"users": {Columns: map[string]*Column{"email": {Hashed: b(true)}}},
	}}}}
	sw = Switches(declared, a)
	if want := map[[2]string]bool{{"public", "events"}: false}; !reflect.DeepEqual(sw, want) {
		t.Fatalf("switches under BLOCK_ALL: %v", sw)
	}
	if got := SwitchesFromFlat(SwitchesFlat(sw), a); !reflect.DeepEqual(got, sw) {
		t.Fatalf("flat round trip: %v", got)
	}
}

func TestGenerateWritesWhatDiffersFromPolicy(t *testing.T) {
	a := sample("ALLOW_ALL")
	a.Schemas["public"].Tables["users"].Columns["email"].Hashed = true
	a.Schemas["public"].Tables["users"].SyncMode = "HISTORY"
	g := Generate(a)
	want := Choices{Policy: ptr("ALLOW_ALL"), Schemas: map[string]*Schema{"public": {Tables: map[string]*Table{
		"users":  {SyncMode: ptr("HISTORY"), Columns: map[string]*Column{"email": {Hashed: b(true)}}},
		"orders": {Enabled: b(false)},
	}}}}
	if !reflect.DeepEqual(g, want) {
		t.Fatalf("ALLOW_ALL: got %s", dump(g))
	}
	a = sample("BLOCK_ALL")
	g = Generate(a)
	// Under BLOCK_ALL the enabled schema and tables are written (not the system table).
	ts := g.Schemas["public"].Tables
	if !*g.Schemas["public"].Enabled || len(ts) != 2 || !*ts["users"].Enabled || !*ts["events"].Enabled {
		t.Fatalf("BLOCK_ALL: got %s", dump(g))
	}
	// Generated choices project to themselves and need no change.
	if p := Project(g, a); !reflect.DeepEqual(p, g) {
		t.Fatalf("projection of generated: %s", dump(p))
	}
	if _, changed := Delta(g, a, Switches(g, a)); changed {
		t.Fatal("generated choices plan a change")
	}
}

func TestValidate(t *testing.T) {
	a := sample("ALLOW_ALL")
	declared := Choices{Schemas: map[string]*Schema{
		"pubic": {},
		"public": {Tables: map[string]*Table{
			"user":   {Enabled: b(true)},
			"users":  {Columns: map[string]*Column{"id": {Enabled: b(false)}, "emial": {Hashed: b(true)}}},
			"events": {SyncMode: ptr("HISTORY"), Columns: map[string]*Column{"id": {Hashed: b(true)}}},
			"audit":  {Enabled: b(false)},
		}},
	}}
	ps := Validate(declared, a, all)
	var got []string
	for _, p := range ps {
		got = append(got, strings.Join(p.Path, "/")+": "+p.Summary+": "+p.Detail)
	}
	for _, want := range []string{
		`pubic/: Unknown schema: The source of this connection has no schema "pubic". Did you mean "public"?`,
		`public/user/: Unknown table: Schema "public" of this connection has no table "user". Did you mean "users"?`,
		`public/users/id/enabled: Primary key cannot be blocked`,
		`public/users/emial/: Unknown column: Table "public"."users" has no column "emial". Did you mean "email"?`,
		`public/events/sync_mode: History mode not supported`,
		`public/events/columns: Column choices not supported`,
		`public/audit/enabled: Table cannot be switched: Fivetran does not allow changing whether table "public"."audit" syncs (SYSTEM_TABLE).`,
	} {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %q in\n%s", want, strings.Join(got, "\n"))
		}
	}
	if len(got) != 7 {
		t.Errorf("%d problems:\n%s", len(got), strings.Join(got, "\n"))
	}
	if ps := Validate(declared, &fivetran.SchemaConfig{SchemaChangeHandling: "ALLOW_ALL"}, all); ps != nil {
		t.Errorf("undiscovered source: %v", ps)
	}
	if Missing(declared, a)[0] != "pubic" || Missing(declared, a)[1] != "public.user" {
		t.Errorf("missing: %v", Missing(declared, a))
	}
}

func all(string, string) bool { return true }

// TestUnlistedColumns: Fivetran lists only the columns set after the initial
// sync. An unlisted column reads as enabled and unhashed, a delta for it is
// sent with those as the base, and it is unknown only against a complete
// column list.
func TestUnlistedColumns(t *testing.T) {
	a := sample("ALLOW_ALL")
	delete(a.Schemas["public"].Tables["users"].Columns, "phone")
	declared := Choices{Schemas: map[string]*Schema{"public": {Tables: map[string]*Table{
		"users": {Columns: map[string]*Column{"phone": {Enabled: b(true), Hashed: b(false)}, "fax": {Hashed: b(true)}}}}}}}
	p := Project(declared, a)
	if c := p.Schemas["public"].Tables["users"].Columns["phone"]; !*c.Enabled || *c.Hashed {
		t.Fatalf("unlisted column read as %s", dump(c))
	}
	if got := NeedColumns(declared, a); len(got) != 1 || got[0] != [2]string{"public", "users"} {
		t.Fatalf("need columns: %v", got)
	}
	if ps := Validate(declared, a, nil); len(ps) != 0 {
		t.Fatalf("unlisted columns reported without a complete list: %v", ps)
	}
	if ps := Validate(declared, a, all); len(ps) != 2 {
		t.Fatalf("want phone and fax unknown against a complete list: %v", ps)
	}
	up, changed := Delta(Choices{Schemas: map[string]*Schema{"public": {Tables: map[string]*Table{
		"users": {Columns: map[string]*Column{"phone": {Hashed: b(true)}}}}}}}, a, nil)
	if cu := up.Schemas["public"].Tables["users"].Columns["phone"]; !changed || !cu.Enabled || !*cu.Hashed {
		t.Fatalf("delta for an unlisted column: %s", dump(up))
	}
}

// TestSuggestListsWhenNothingClose: with nothing close, the hint lists what
// exists, sorted, without reordering the caller's slice.
func TestSuggestListsWhenNothingClose(t *testing.T) {
	cands := []string{"b", "a"}
	if s, near := hint("zzzzzzzz", cands); s != ` It has "a", "b".` || near {
		t.Fatal(s)
	}
	if cands[0] != "b" {
		t.Errorf("the caller's candidates were sorted in place: %v", cands)
	}
}

// choicesFrom derives random choices over sample's names from a seed.
func choicesFrom(r *rand.Rand, a *fivetran.SchemaConfig) Choices {
	c := Choices{Schemas: map[string]*Schema{}}
	pick := func() *bool {
		switch r.IntN(3) {
		case 0:
			return nil
		case 1:
			return b(true)
		}
		return b(false)
	}
	if r.IntN(2) == 0 {
		c.Policy = ptr([]string{"ALLOW_ALL", "ALLOW_COLUMNS", "BLOCK_ALL"}[r.IntN(3)])
	}
	for sn, as := range a.Schemas {
		s := &Schema{Enabled: pick(), Tables: map[string]*Table{}}
		for tn, at := range as.Tables {
			if r.IntN(2) == 0 || !at.EnabledPatchSettings.IsAllowed() {
				continue
			}
			t := &Table{Enabled: pick(), Columns: map[string]*Column{}}
			if s.Enabled != nil && !*s.Enabled && t.Enabled != nil && *t.Enabled {
				// Nothing of an excluded schema syncs, so Validate refuses an
				// included table in it: leave the table's choice open instead.
				t.Enabled = nil
			}
			if r.IntN(2) == 0 {
				t.SyncMode = ptr([]string{"SOFT_DELETE", "LIVE"}[r.IntN(2)])
			}
			if *at.SupportsColumnsConfig {
				for cn, ac := range at.Columns {
					col := &Column{Hashed: pick()}
					if !*ac.IsPrimaryKey {
						col.Enabled = pick()
					}
					t.Columns[cn] = col
				}
			}
			s.Tables[tn] = t
		}
		c.Schemas[sn] = s
	}
	return c
}

// FuzzDeltaConverges: for any valid choices, applying Delta makes the
// projection equal the choices and leaves no further delta.
func FuzzDeltaConverges(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 42} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, seed uint64, exclusive bool) {
		r := rand.New(rand.NewPCG(seed, 7))
		a := sample([]string{"ALLOW_ALL", "ALLOW_COLUMNS", "BLOCK_ALL"}[r.IntN(3)])
		c := choicesFrom(r, a)
		if ps := Validate(c, a, all); len(ps) > 0 {
			t.Fatalf("generated invalid choices: %v", ps)
		}
		var sw map[[2]string]bool
		if exclusive {
			sw = Switches(c, a)
		}
		up, _ := Delta(c, a, sw)
		apply(a, up)
		if exclusive {
			sw = Switches(c, a)
			if len(sw) > 0 {
				t.Fatalf("exclusive mode left tables to switch: %v", sw)
			}
		}
		if _, again := Delta(c, a, sw); again {
			t.Fatalf("delta did not converge: %s", dump(c))
		}
		if p := Project(c, a); !reflect.DeepEqual(p, c) {
			t.Fatalf("projection %s != choices %s", dump(p), dump(c))
		}
	})
}

func dump(v any) string {
	bs, _ := json.Marshal(v)
	return string(bs)
}

func TestSplitKeys(t *testing.T) {
	a := sample("ALLOW_ALL")
	a.Schemas["public"].Tables["v1.users"] = &fivetran.TableEntry{Enabled: true}
	a.Schemas["sales.eu"] = &fivetran.SchemaEntry{Enabled: true, Tables: map[string]*fivetran.TableEntry{"orders": {Enabled: true}}}
	tables := []struct {
		key        string
		actual     *fivetran.SchemaConfig
		wantS, wnt string
		ok         bool
	}{
		{"public.users", a, "public", "users", true},
		{"public.v1.users", a, "public", "v1.users", true},
		{"sales.eu.orders", a, "sales.eu", "orders", true},
		{"sales.eu.orders", nil, "sales", "eu.orders", true}, // before discovery: the first dot
		{"public.nope", a, "public", "nope", true},
		{"public", a, "", "", false},
		{".users", a, "", "", false},
		{"public.", a, "", "", false},
	}
	for _, c := range tables {
		s, tn, ok := SplitTableKey(c.key, c.actual)
		if s != c.wantS || tn != c.wnt || ok != c.ok {
			t.Errorf("SplitTableKey(%q) = %q, %q, %v; want %q, %q, %v", c.key, s, tn, ok, c.wantS, c.wnt, c.ok)
		}
	}
	columns := []struct {
		key              string
		actual           *fivetran.SchemaConfig
		wantS, wT, wantC string
		ok               bool
	}{
		{"public.users.email", a, "public", "users", "email", true},
		{"public.v1.users.email", a, "public", "v1.users", "email", true},
		{"sales.eu.orders.id", a, "sales.eu", "orders", "id", true},
		{"public.users.address.city", a, "public", "users", "address.city", true},
		{"public.users.address.city", nil, "public", "users.address", "city", true}, // the first and the last dot
		{"public.users", a, "", "", "", false},
		{"public..email", a, "", "", "", false},
	}
	for _, c := range columns {
		s, tn, cn, ok := SplitColumnKey(c.key, c.actual)
		if s != c.wantS || tn != c.wT || cn != c.wantC || ok != c.ok {
			t.Errorf("SplitColumnKey(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", c.key, s, tn, cn, ok, c.wantS, c.wT, c.wantC, c.ok)
		}
	}
}

// TestFlatRoundTrip: the flat shape turns into Choices and back unchanged,
// and a schema config that agrees projects to the same Choices (so a refresh
// with no drift leaves the state as it is).
func TestFlatRoundTrip(t *testing.T) {
	a := sample("BLOCK_ALL")
	f := Flat{
		Schemas:   map[string]string{"public": Included},
		Tables:    map[string]string{"public.users": Included, "public.orders": Excluded},
		SyncModes: map[string]string{"public.users": "SOFT_DELETE"},
		Columns:   map[string]string{"public.users.email": Included, "public.users.phone": Included},
	}
	c := FromFlat(f, a)
	if got := c.Flat(); !reflect.DeepEqual(got, f) {
		t.Fatalf("FromFlat then Flat = %+v, want %+v", got, f)
	}
	if p := Project(c, a); !reflect.DeepEqual(p, c) {
		t.Fatalf("Project of an agreeing config = %+v, want %+v", p.Flat(), f)
	}
	if got := FromFlat(Flat{}, a); got.Schemas != nil {
		t.Fatalf("no maps written: %+v, want no schemas", got)
	}
	// A column choice alone manages neither its table nor its schema.
	c = FromFlat(Flat{Columns: map[string]string{"public.users.email": Hashed}}, a)
	if tb := c.Schemas["public"].Tables["users"]; c.Schemas["public"].Enabled != nil || tb.Enabled != nil || tb.SyncMode != nil ||
		*tb.Columns["email"].Hashed != true || *tb.Columns["email"].Enabled != true {
		t.Fatalf("column alone: %+v", c.Flat())
	}
	if got := Project(c, a).Flat(); got.Columns["public.users.email"] != Included || got.Tables != nil || got.Schemas != nil {
		t.Fatalf("drift on a hashed column: %+v, want it read back as included and nothing else", got)
	}
}

// TestLocate: each problem points at the entry the configuration wrote.
func TestLocate(t *testing.T) {
	a := sample("ALLOW_ALL")
	f := Flat{
		Tables:    map[string]string{"public.audit": Excluded, "pubic.users": Included},
		SyncModes: map[string]string{"public.events": "HISTORY"},
		Columns:   map[string]string{"public.users.id": Excluded, "public.events.payload": Hashed, "public.user.email": Hashed},
	}
	got := map[string]string{}
	for _, p := range Validate(FromFlat(f, a), a, func(string, string) bool { return true }) {
		attr, key := f.Locate(p, a)
		got[p.Summary] = attr + "[" + key + "]"
	}
	want := map[string]string{
		"Unknown schema":                "tables[pubic.users]",
		"Unknown table":                 "columns[public.user.email]",
		"Table cannot be switched":      "tables[public.audit]",
		"History mode not supported":    "sync_modes[public.events]",
		"Column choices not supported":  "columns[public.events.payload]",
		"Primary key cannot be blocked": "columns[public.users.id]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("located\n%v\nwant\n%v", got, want)
	}
}

// TestPrimaryKeyProblemSpeaksTheValues: the refusal of an excluded primary
// key names the values the columns map takes, not the attributes of an
// older shape.
func TestPrimaryKeyProblemSpeaksTheValues(t *testing.T) {
	a := sample("ALLOW_ALL")
	c := FromFlat(Flat{Columns: map[string]string{"public.users.id": Excluded}}, a)
	ps := Validate(c, a, all)
	if len(ps) != 1 || ps[0].Summary != "Primary key cannot be blocked" {
		t.Fatalf("problems: %v", ps)
	}
	d := ps[0].Detail
	if !strings.Contains(d, `"hashed"`) || !strings.Contains(d, `"excluded"`) || strings.Contains(d, "hashed = true") || strings.Contains(d, "enabled = false") {
		t.Errorf("detail: %s", d)
	}
}

// TestNamesThatNeedASecondLook: a typo in a dotted name is checked against
// the schema that exists (with a suggestion, so the plan fails instead of
// warning), a column key written in tables says so, and a table included
// in an excluded schema is refused, also before discovery.
func TestNamesThatNeedASecondLook(t *testing.T) {
	a := sample("ALLOW_ALL")
	a.Schemas["sales.eu"] = &fivetran.SchemaEntry{Enabled: true, Tables: map[string]*fivetran.TableEntry{
		"orders.2024": {Enabled: true, SyncMode: "SOFT_DELETE", SupportsColumnsConfig: b(true), SupportsHistoryMode: b(true)}}}
	cases := []struct {
		name    string
		f       Flat
		actual  *fivetran.SchemaConfig
		summary string
		detail  string
		at      [2]string
	}{
		{"typo in a dotted table", Flat{Tables: map[string]string{"sales.eu.order.2024": Excluded}}, a,
			"Unknown table", `Did you mean "orders.2024"?`, [2]string{"tables", "sales.eu.order.2024"}},
		{"typo in a dotted column key", Flat{Columns: map[string]string{"sales.eu.order.2024.id": Hashed}}, a,
			"Unknown table", `Did you mean "orders.2024"?`, [2]string{"columns", "sales.eu.order.2024.id"}},
		{"column key in tables", Flat{Tables: map[string]string{"public.users.email": Excluded}}, a,
			"Column where a table goes", `a column's choice goes in columns`, [2]string{"tables", "public.users.email"}},
		{"included table in an excluded schema", Flat{Schemas: map[string]string{"public": Excluded}, Tables: map[string]string{"public.users": Included}}, a,
			"Table included in an excluded schema", `schema "public" is excluded`, [2]string{"tables", "public.users"}},
		{"the same before discovery", Flat{Schemas: map[string]string{"public": Excluded}, Tables: map[string]string{"public.users": Included}}, nil,
			"Table included in an excluded schema", `schema "public" is excluded`, [2]string{"tables", "public.users"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := Validate(FromFlat(c.f, c.actual), c.actual, nil)
			if len(ps) != 1 || ps[0].Summary != c.summary || !strings.Contains(ps[0].Detail, c.detail) || (ps[0].NotFound && !ps[0].Close) {
				t.Fatalf("problems: %+v", ps)
			}
			if attr, key := c.f.Locate(ps[0], c.actual); [2]string{attr, key} != c.at {
				t.Errorf("located at %s[%q], want %v", attr, key, c.at)
			}
		})
	}
}

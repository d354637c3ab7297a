// Package schemachoice is the pure logic behind fivetran_connection_schema:
// what a configuration declares about a connection's schemas, tables and
// columns (Choices), and how that meets the schema config Fivetran reports.
//
//   - Project: the declared choices read back from Fivetran (refresh). Only
//     what is declared appears; what Fivetran adds never does.
//   - Delta: the one PATCH that makes Fivetran match the declared choices,
//     holding only what differs.
//   - Validate: the problems a plan can see before anything is sent
//     (unknown names with a suggestion, a blocked primary key, …).
//   - Generate: the choices that differ from the policy, for import and
//     -generate-config-out.
//   - Switches: the undeclared tables that differ from the policy, which
//     the resource's exclusive mode sets back to it.
//
// It does no I/O and knows nothing of Terraform.
package schemachoice

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
	"github.com/openpipes/terraform-provider-fivetran/internal/suggest"
)

// Choices are the declared choices; a nil pointer or map is "not managed".
type Choices struct {
	Policy  *string
	Schemas map[string]*Schema
}

// Schema is the choice for one schema.
type Schema struct {
	Enabled *bool
	Tables  map[string]*Table
}

// Table is the choice for one table.
type Table struct {
	Enabled  *bool
	SyncMode *string
	Columns  map[string]*Column
}

// Column is the choice for one column.
type Column struct {
	Enabled *bool
	Hashed  *bool
}

func ptr[T any](v T) *T { return &v }

// TableDefault is whether the policy enables a table or schema nobody chose:
// ALLOW_ALL enables new tables; ALLOW_COLUMNS and BLOCK_ALL do not.
func TableDefault(policy string) bool { return policy == fivetran.PolicyAllowAll || policy == "" }

// Project reads the declared choices back from actual: every declared value
// takes Fivetran's value; a declared schema, table or column that Fivetran
// no longer reports is left out (so the plan shows it being added again).
// Nothing undeclared is added.
func Project(declared Choices, actual *fivetran.SchemaConfig) Choices {
	var out Choices
	if declared.Policy != nil {
		out.Policy = ptr(actual.SchemaChangeHandling)
	}
	if declared.Schemas == nil {
		return out
	}
	out.Schemas = map[string]*Schema{}
	for sn, ds := range declared.Schemas {
		as := actual.Schemas[sn]
		if as == nil || ds == nil {
			continue
		}
		s := &Schema{}
		if ds.Enabled != nil {
			s.Enabled = ptr(as.Enabled)
		}
		if ds.Tables != nil {
			s.Tables = map[string]*Table{}
			for tn, dt := range ds.Tables {
				at := as.Tables[tn]
				if at == nil || dt == nil {
					continue
				}
				s.Tables[tn] = projectTable(dt, at)
			}
		}
		out.Schemas[sn] = s
	}
	return out
}

func projectTable(dt *Table, at *fivetran.TableEntry) *Table {
	t := &Table{}
	if dt.Enabled != nil {
		t.Enabled = ptr(at.Enabled)
	}
	if dt.SyncMode != nil {
		t.SyncMode = ptr(at.SyncMode)
	}
	if dt.Columns != nil {
		t.Columns = map[string]*Column{}
		for cn, dc := range dt.Columns {
			if dc == nil {
				continue
			}
			ac := columnOrDefault(at, cn)
			c := &Column{}
			if dc.Enabled != nil {
				c.Enabled = ptr(ac.Enabled)
			}
			if dc.Hashed != nil {
				c.Hashed = ptr(ac.Hashed)
			}
			t.Columns[cn] = c
		}
	}
	return t
}

// Delta returns the PATCH body that makes actual match the declared
// choices, and whether there is anything to send. Only the schemas, tables
// and columns with a differing value are sent; each carries "enabled",
// taken from Fivetran where the choice leaves it open (the spec requires it;
// the live API would keep the current value without it). switches are the
// tables exclusive mode sets to the policy, with the value each is set to
// (Switches, as the plan showed them); a table that a choice names is never
// among them. Names Fivetran does not report are skipped (Validate
// reports them).
func Delta(declared Choices, actual *fivetran.SchemaConfig, switches map[[2]string]bool) (fivetran.SchemaConfigUpdate, bool) {
	var up fivetran.SchemaConfigUpdate
	if declared.Policy != nil && *declared.Policy != actual.SchemaChangeHandling {
		up.SchemaChangeHandling = *declared.Policy
	}
	schemas := map[string]*fivetran.SchemaUpdate{}
	for sn, as := range actual.Schemas {
		ds := declared.Schemas[sn]
		su := &fivetran.SchemaUpdate{Enabled: as.Enabled}
		changed := false
		if ds != nil && ds.Enabled != nil && *ds.Enabled != as.Enabled {
			su.Enabled, changed = *ds.Enabled, true
		}
		for tn, at := range as.Tables {
			var dt *Table
			if ds != nil {
				dt = ds.Tables[tn]
			}
			var tu *fivetran.TableUpdate
			if dt != nil {
				tu = tableDelta(dt, at)
			}
			if to, ok := switches[[2]string{sn, tn}]; ok && dt == nil && to != at.Enabled && at.EnabledPatchSettings.IsAllowed() {
				tu = &fivetran.TableUpdate{Enabled: to}
			}
			if tu != nil {
				if su.Tables == nil {
					su.Tables = map[string]*fivetran.TableUpdate{}
				}
				su.Tables[tn], changed = tu, true
			}
		}
		if changed {
			schemas[sn] = su
		}
	}
	if len(schemas) > 0 {
		up.Schemas = schemas
	}
	return up, up.SchemaChangeHandling != "" || up.Schemas != nil
}

// defaultColumn is what an unlisted column is: Fivetran's schema config
// lists only the columns whose settings were set after the initial sync;
// the others sync, unhashed.
var defaultColumn = fivetran.ColumnEntry{Enabled: true}

func columnOrDefault(at *fivetran.TableEntry, name string) *fivetran.ColumnEntry {
	if c := at.Columns[name]; c != nil {
		return c
	}
	c := defaultColumn
	return &c
}

// NeedColumns lists the tables (schema, table) whose declared columns are
// not all listed in actual: their full column list (GET .../columns) is
// needed to check the names and primary keys.
func NeedColumns(declared Choices, actual *fivetran.SchemaConfig) [][2]string {
	var out [][2]string
	for _, sn := range sortedKeys(declared.Schemas) {
		ds, as := declared.Schemas[sn], actual.Schemas[sn]
		if ds == nil || as == nil {
			continue
		}
		for _, tn := range sortedKeys(ds.Tables) {
			dt, at := ds.Tables[tn], as.Tables[tn]
			if dt == nil || at == nil {
				continue
			}
			for cn := range dt.Columns {
				if at.Columns[cn] == nil {
					out = append(out, [2]string{sn, tn})
					break
				}
			}
		}
	}
	return out
}

func tableDelta(dt *Table, at *fivetran.TableEntry) *fivetran.TableUpdate {
	tu := &fivetran.TableUpdate{Enabled: at.Enabled}
	changed := false
	if dt.Enabled != nil && *dt.Enabled != at.Enabled {
		tu.Enabled, changed = *dt.Enabled, true
	}
	if dt.SyncMode != nil && *dt.SyncMode != at.SyncMode {
		tu.SyncMode, changed = *dt.SyncMode, true
	}
	for cn, dc := range dt.Columns {
		if dc == nil {
			continue
		}
		ac := columnOrDefault(at, cn)
		cu := &fivetran.ColumnUpdate{Enabled: ac.Enabled}
		cchanged := false
		if dc.Enabled != nil && *dc.Enabled != ac.Enabled {
			cu.Enabled, cchanged = *dc.Enabled, true
		}
		if dc.Hashed != nil && *dc.Hashed != ac.Hashed {
			cu.Hashed, cchanged = ptr(*dc.Hashed), true
		}
		if cchanged {
			if tu.Columns == nil {
				tu.Columns = map[string]*fivetran.ColumnUpdate{}
			}
			tu.Columns[cn], changed = cu, true
		}
	}
	if !changed {
		return nil
	}
	return tu
}

// Generate returns the choices that differ from the policy: under ALLOW_ALL
// the disabled schemas and tables, under ALLOW_COLUMNS and BLOCK_ALL the
// enabled ones; the sync modes other than SOFT_DELETE; and the disabled or
// hashed columns. It is what import writes, so that adopting a connection
// with hundreds of tables yields a short block.
func Generate(actual *fivetran.SchemaConfig) Choices {
	policy := actual.SchemaChangeHandling
	out := Choices{Policy: ptr(policy)}
	def := TableDefault(policy)
	for sn, as := range actual.Schemas {
		s := &Schema{}
		if as.Enabled != def {
			s.Enabled = ptr(as.Enabled)
		}
		for tn, at := range as.Tables {
			t := &Table{}
			keep := false
			if at.Enabled != def && at.EnabledPatchSettings.IsAllowed() {
				t.Enabled, keep = ptr(at.Enabled), true
			}
			if at.SyncMode != "" && at.SyncMode != "SOFT_DELETE" {
				t.SyncMode, keep = ptr(at.SyncMode), true
			}
			for cn, ac := range at.Columns {
				c := &Column{}
				if !ac.Enabled && ac.EnabledPatchSettings.IsAllowed() {
					c.Enabled = ptr(false)
				}
				if ac.Hashed {
					c.Hashed = ptr(true)
				}
				if c.Enabled != nil || c.Hashed != nil {
					if t.Columns == nil {
						t.Columns = map[string]*Column{}
					}
					t.Columns[cn], keep = c, true
				}
			}
			if keep {
				if s.Tables == nil {
					s.Tables = map[string]*Table{}
				}
				s.Tables[tn] = t
			}
		}
		if s.Enabled != nil || s.Tables != nil {
			if out.Schemas == nil {
				out.Schemas = map[string]*Schema{}
			}
			out.Schemas[sn] = s
		}
	}
	return out
}

// Switches are the tables that no choice names which exclusive mode (and
// the create of a connection's first schema config) sets to the policy,
// with the enabled each is set to: every table that no entry names (a table
// named only in sync_modes or columns is named: its entry says the user
// has an opinion about it), that Fivetran lets switch, and whose enabled
// differs from what the policy (the declared one, else Fivetran's) gives a
// table nobody chose. Empty, not nil, when there is none.
func Switches(declared Choices, actual *fivetran.SchemaConfig) map[[2]string]bool {
	policy := actual.SchemaChangeHandling
	if declared.Policy != nil {
		policy = *declared.Policy
	}
	def := TableDefault(policy)
	out := map[[2]string]bool{}
	for sn, as := range actual.Schemas {
		for tn, at := range as.Tables {
			if at.Enabled == def || !at.EnabledPatchSettings.IsAllowed() {
				continue
			}
			if s := declared.Schemas[sn]; s != nil && s.Tables[tn] != nil {
				continue
			}
			out[[2]string{sn, tn}] = def
		}
	}
	return out
}

// SwitchesFlat is switches in the resource's shape: TableKey → Included or
// Excluded (the value each table is set to).
func SwitchesFlat(switches map[[2]string]bool) map[string]string {
	out := make(map[string]string, len(switches))
	for st, to := range switches {
		out[TableKey(st[0], st[1])] = word(to)
	}
	return out
}

// SwitchesFromFlat reads the resource's shape back, its keys split against
// actual. Entries with another word are left out.
func SwitchesFromFlat(f map[string]string, actual *fivetran.SchemaConfig) map[[2]string]bool {
	out := make(map[[2]string]bool, len(f))
	for k, w := range f {
		if s, t, ok := SplitTableKey(k, actual); ok && (w == Included || w == Excluded) {
			out[[2]string{s, t}] = w == Included
		}
	}
	return out
}

// Missing lists the declared schemas and tables (as "schema" or
// "schema.table") that actual does not have, sorted.
func Missing(declared Choices, actual *fivetran.SchemaConfig) []string {
	var out []string
	for sn, ds := range declared.Schemas {
		as := actual.Schemas[sn]
		if as == nil {
			out = append(out, sn)
			continue
		}
		if ds == nil {
			continue
		}
		for tn := range ds.Tables {
			if as.Tables[tn] == nil {
				out = append(out, sn+"."+tn)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Problem is one thing wrong with the declared choices. Path is the schema,
// table and column names it concerns (1 to 3 of them) and, last, the
// attribute ("enabled", "hashed", "sync_mode", "columns" or "" for the
// entry itself).
type Problem struct {
	Path    []string
	Summary string
	Detail  string
	// NotFound: the name is not in the schema config. Close: a similar name
	// is (a likely typo). A name that is not found and not close to any may
	// be new in the source and not discovered yet: a plan only warns about
	// it, and apply asks Fivetran to reload before it decides.
	NotFound, Close bool
}

// Validate checks declared against a discovered schema config. Before
// Fivetran has discovered the source (actual has no schemas) it reports only
// the contradictions among the choices themselves. complete(schema, table) says whether the table's column list
// is complete (read with GET .../columns); an unlisted column is reported
// unknown only then. Names are quoted in details: they are identifiers from
// the configuration and the source, not secret values.
func Validate(declared Choices, actual *fivetran.SchemaConfig, complete func(schema, table string) bool) []Problem {
	ps := contradictions(declared)
	if actual == nil || len(actual.Schemas) == 0 {
		return ps
	}
	for _, sn := range sortedKeys(declared.Schemas) {
		ds := declared.Schemas[sn]
		as := actual.Schemas[sn]
		if as == nil {
			h, near := hint(sn, mapKeys(actual.Schemas))
			ps = append(ps, Problem{Path: []string{sn, ""}, Summary: "Unknown schema", NotFound: true, Close: near,
				Detail: fmt.Sprintf("The source of this connection has no schema %q.%s", sn, h)})
			continue
		}
		if ds == nil {
			continue
		}
		for _, tn := range sortedKeys(ds.Tables) {
			ps = append(ps, validateTable(sn, tn, ds.Tables[tn], as, complete != nil && complete(sn, tn))...)
		}
	}
	return ps
}

// contradictions are choices that cannot all hold, whatever the source
// has: a table included in a schema that is excluded (nothing of an
// excluded schema syncs).
func contradictions(declared Choices) []Problem {
	var ps []Problem
	for _, sn := range sortedKeys(declared.Schemas) {
		ds := declared.Schemas[sn]
		if ds == nil || ds.Enabled == nil || *ds.Enabled {
			continue
		}
		for _, tn := range sortedKeys(ds.Tables) {
			if dt := ds.Tables[tn]; dt != nil && dt.Enabled != nil && *dt.Enabled {
				ps = append(ps, Problem{Path: []string{sn, tn, "enabled"}, Summary: "Table included in an excluded schema",
					Detail: fmt.Sprintf("Table %q.%q is included, but schema %q is excluded, and nothing of an excluded schema syncs: "+
						"include the schema, or exclude the table (or leave it out).", sn, tn, sn)})
			}
		}
	}
	return ps
}

func validateTable(sn, tn string, dt *Table, as *fivetran.SchemaEntry, complete bool) []Problem {
	at := as.Tables[tn]
	if at == nil && dt != nil && dt.Columns == nil {
		// "schema.table.column" written where a table goes.
		for _, i := range dots(tn) {
			if t := tn[:i]; as.Tables[t] != nil && i > 0 && i < len(tn)-1 {
				return []Problem{{Path: []string{sn, tn, ""}, Summary: "Column where a table goes", NotFound: true, Close: true,
					Detail: fmt.Sprintf("Schema %q has no table %q, but it has a table %q, of which %q would be a column: tables and "+
						"sync_modes take \"schema.table\"; a column's choice goes in columns, keyed \"schema.table.column\".", sn, tn, t, tn[i+1:])}}
			}
		}
	}
	if at == nil {
		h, near := hint(tn, mapKeys(as.Tables))
		return []Problem{{Path: []string{sn, tn, ""}, Summary: "Unknown table", NotFound: true, Close: near,
			Detail: fmt.Sprintf("Schema %q of this connection has no table %q.%s", sn, tn, h)}}
	}
	if dt == nil {
		return nil
	}
	var ps []Problem
	if dt.Enabled != nil && *dt.Enabled != at.Enabled && !at.EnabledPatchSettings.IsAllowed() {
		ps = append(ps, Problem{Path: []string{sn, tn, "enabled"}, Summary: "Table cannot be switched",
			Detail: fmt.Sprintf("Fivetran does not allow changing whether table %q.%q syncs%s.", sn, tn, reason(at.EnabledPatchSettings))})
	}
	if dt.SyncMode != nil {
		switch {
		case at.SyncMode == "":
			ps = append(ps, Problem{Path: []string{sn, tn, "sync_mode"}, Summary: "Sync mode not supported",
				Detail: fmt.Sprintf("This connection cannot switch the sync mode of table %q.%q; remove sync_mode.", sn, tn)})
		case *dt.SyncMode == "HISTORY" && at.SupportsHistoryMode != nil && !*at.SupportsHistoryMode:
			ps = append(ps, Problem{Path: []string{sn, tn, "sync_mode"}, Summary: "History mode not supported",
				Detail: fmt.Sprintf("Table %q.%q does not support history mode (supports_history_mode is false); use SOFT_DELETE or LIVE.", sn, tn)})
		}
	}
	if len(dt.Columns) > 0 && at.SupportsColumnsConfig != nil && !*at.SupportsColumnsConfig {
		ps = append(ps, Problem{Path: []string{sn, tn, "columns"}, Summary: "Column choices not supported",
			Detail: fmt.Sprintf("Table %q.%q does not support column-level choices (supports_columns_config is false); remove its columns.", sn, tn)})
		return ps
	}
	for _, cn := range sortedKeys(dt.Columns) {
		dc := dt.Columns[cn]
		ac := at.Columns[cn]
		if ac == nil {
			if complete {
				h, near := hint(cn, mapKeys(at.Columns))
				ps = append(ps, Problem{Path: []string{sn, tn, cn, ""}, Summary: "Unknown column", NotFound: true, Close: near,
					Detail: fmt.Sprintf("Table %q.%q has no column %q.%s", sn, tn, cn, h)})
			}
			continue
		}
		if dc == nil || dc.Enabled == nil {
			continue
		}
		if !*dc.Enabled && ac.IsPrimaryKey != nil && *ac.IsPrimaryKey {
			ps = append(ps, Problem{Path: []string{sn, tn, cn, "enabled"}, Summary: "Primary key cannot be blocked",
				Detail: fmt.Sprintf("Column %q is part of the primary key of %q.%q, and Fivetran always syncs primary keys. Write \"hashed\" instead of \"excluded\" to sync its values hashed, or leave the column out.", cn, sn, tn)})
			continue
		}
		if *dc.Enabled != ac.Enabled && !ac.EnabledPatchSettings.IsAllowed() {
			ps = append(ps, Problem{Path: []string{sn, tn, cn, "enabled"}, Summary: "Column cannot be switched",
				Detail: fmt.Sprintf("Fivetran does not allow changing whether column %q of %q.%q syncs%s.", cn, sn, tn, reason(ac.EnabledPatchSettings))})
		}
	}
	return ps
}

func reason(p fivetran.PatchSettings) string {
	switch {
	case p.Reason != "":
		return " (" + p.ReasonCode + ": " + p.Reason + ")"
	case p.ReasonCode != "":
		return " (" + p.ReasonCode + ")"
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	ks := mapKeys(m)
	sort.Strings(ks)
	return ks
}

func mapKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// hint returns " Did you mean \"x\"?" and true for the candidate
// suggest.Closest picks, or a short sorted list of what exists and false
// when nothing is close. candidates is not changed.
func hint(name string, candidates []string) (string, bool) {
	if best := suggest.Closest(name, candidates); best != "" {
		return fmt.Sprintf(" Did you mean %q?", best), true
	}
	if len(candidates) == 0 {
		return "", false
	}
	shown := slices.Sorted(slices.Values(candidates))
	more := ""
	if len(shown) > 10 {
		shown, more = shown[:10], fmt.Sprintf(" and %d more", len(candidates)-10)
	}
	q := make([]string, len(shown))
	for i, s := range shown {
		q[i] = fmt.Sprintf("%q", s)
	}
	return " It has " + strings.Join(q, ", ") + more + ".", false
}

// Keys: the resource names a table "schema.table" and a column
// "schema.table.column" (flat maps keep its plans cheap). A name may itself
// hold dots; the split is then resolved against the schema config.

// TableKey is the key of table t of schema s.
func TableKey(s, t string) string { return s + "." + t }

// ColumnKey is the key of column c of table t of schema s.
func ColumnKey(s, t, c string) string { return s + "." + t + "." + c }

// hasSchema reports whether actual lists schema s.
func hasSchema(actual *fivetran.SchemaConfig, s string) bool {
	return actual != nil && actual.Schemas[s] != nil
}

// hasTable reports whether actual lists table t of schema s.
func hasTable(actual *fivetran.SchemaConfig, s, t string) bool {
	if actual == nil || actual.Schemas[s] == nil {
		return false
	}
	return actual.Schemas[s].Tables[t] != nil
}

// dots are the positions of the dots in key.
func dots(key string) []int {
	var at []int
	for i := 0; i < len(key); i++ {
		if key[i] == '.' {
			at = append(at, i)
		}
	}
	return at
}

// SplitTableKey splits "schema.table". Of the possible splits, the first
// (shortest schema name) whose table actual lists wins; without one, the
// first whose schema actual lists (so a typo in a table name is reported
// against the right schema, with a suggestion); without that the schema
// name ends at the first dot. ok is false when the key has no dot with a
// name on each side.
func SplitTableKey(key string, actual *fivetran.SchemaConfig) (s, t string, ok bool) {
	var first, schemaKnown [2]string
	known := false
	for _, i := range dots(key) {
		if i == 0 || i == len(key)-1 {
			continue
		}
		cs, ct := key[:i], key[i+1:]
		if hasTable(actual, cs, ct) {
			return cs, ct, true
		}
		if !known && hasSchema(actual, cs) {
			schemaKnown, known = [2]string{cs, ct}, true
		}
		if !ok {
			first, ok = [2]string{cs, ct}, true
		}
	}
	if known {
		return schemaKnown[0], schemaKnown[1], true
	}
	return first[0], first[1], ok
}

// SplitColumnKey splits "schema.table.column". Of the possible splits, the
// first (shortest schema name, then shortest column name) whose table actual
// lists wins; without one, the first whose schema actual lists; without that
// the schema name ends at the first dot and the column name starts after the
// last. ok is false when the key does not have three non-empty names.
func SplitColumnKey(key string, actual *fivetran.SchemaConfig) (s, t, c string, ok bool) {
	at := dots(key)
	var first, schemaKnown [3]string
	known := false
	for a := 0; a < len(at); a++ {
		for b := len(at) - 1; b > a; b-- {
			i, j := at[a], at[b]
			if i == 0 || j == i+1 || j == len(key)-1 {
				continue
			}
			cs, ct, cc := key[:i], key[i+1:j], key[j+1:]
			if hasTable(actual, cs, ct) {
				return cs, ct, cc, true
			}
			if !known && hasSchema(actual, cs) {
				schemaKnown, known = [3]string{cs, ct, cc}, true
			}
			if !ok {
				first, ok = [3]string{cs, ct, cc}, true
			}
		}
	}
	if known {
		return schemaKnown[0], schemaKnown[1], schemaKnown[2], true
	}
	return first[0], first[1], first[2], ok
}

// SyncModes are the sync modes a table can be set to.
var SyncModes = []string{"SOFT_DELETE", "HISTORY", "LIVE"}

// The words of the flat shape.
const (
	Included = "included" // a schema, table or column that syncs (a column as it is)
	Excluded = "excluded" // one that does not sync
	Hashed   = "hashed"   // a column that syncs with its values hashed
)

// Flat is the resource's shape of the choices: four maps of words, each nil
// when not written. Schemas: schema → Included/Excluded; Tables:
// TableKey → Included/Excluded; SyncModes: TableKey → sync mode; Columns:
// ColumnKey → Included/Hashed/Excluded.
type Flat struct {
	Schemas, Tables, SyncModes, Columns map[string]string
}

// word is Included or Excluded for an enabled flag.
func word(enabled bool) string {
	if enabled {
		return Included
	}
	return Excluded
}

// columnChoice is the choice a column word stands for; Excluded leaves
// hashing alone. Unknown words give nil.
func columnChoice(w string) *Column {
	switch w {
	case Included:
		return &Column{Enabled: ptr(true), Hashed: ptr(false)}
	case Hashed:
		return &Column{Enabled: ptr(true), Hashed: ptr(true)}
	case Excluded:
		return &Column{Enabled: ptr(false)}
	}
	return nil
}

// columnWord is the word for a column's choice.
func columnWord(c *Column) string {
	switch {
	case c.Enabled != nil && !*c.Enabled:
		return Excluded
	case c.Hashed != nil && *c.Hashed:
		return Hashed
	}
	return Included
}

// FromFlat is the Choices that f declares (without the policy), its keys
// split against actual (nil before discovery). Entries whose key or word is
// malformed are left out: the resource's validators refuse them first.
func FromFlat(f Flat, actual *fivetran.SchemaConfig) Choices {
	var c Choices
	if f.Schemas == nil && f.Tables == nil && f.SyncModes == nil && f.Columns == nil {
		return c
	}
	c.Schemas = map[string]*Schema{}
	schema := func(s string) *Schema {
		if c.Schemas[s] == nil {
			c.Schemas[s] = &Schema{}
		}
		return c.Schemas[s]
	}
	table := func(s, t string) *Table {
		sc := schema(s)
		if sc.Tables == nil {
			sc.Tables = map[string]*Table{}
		}
		if sc.Tables[t] == nil {
			sc.Tables[t] = &Table{}
		}
		return sc.Tables[t]
	}
	for s, w := range f.Schemas {
		if w == Included || w == Excluded {
			schema(s).Enabled = ptr(w == Included)
		}
	}
	for k, w := range f.Tables {
		if s, t, ok := SplitTableKey(k, actual); ok && (w == Included || w == Excluded) {
			table(s, t).Enabled = ptr(w == Included)
		}
	}
	for k, m := range f.SyncModes {
		if s, t, ok := SplitTableKey(k, actual); ok {
			table(s, t).SyncMode = ptr(m)
		}
	}
	for k, w := range f.Columns {
		s, tn, cn, ok := SplitColumnKey(k, actual)
		col := columnChoice(w)
		if !ok || col == nil {
			continue
		}
		t := table(s, tn)
		if t.Columns == nil {
			t.Columns = map[string]*Column{}
		}
		t.Columns[cn] = col
	}
	return c
}

// Flat is c in the resource's shape; a map with no entries is nil.
func (c Choices) Flat() Flat {
	var f Flat
	put := func(m *map[string]string, k, v string) {
		if *m == nil {
			*m = map[string]string{}
		}
		(*m)[k] = v
	}
	for sn, s := range c.Schemas {
		if s == nil {
			continue
		}
		if s.Enabled != nil {
			put(&f.Schemas, sn, word(*s.Enabled))
		}
		for tn, t := range s.Tables {
			if t == nil {
				continue
			}
			if t.Enabled != nil {
				put(&f.Tables, TableKey(sn, tn), word(*t.Enabled))
			}
			if t.SyncMode != nil {
				put(&f.SyncModes, TableKey(sn, tn), *t.SyncMode)
			}
			for cn, col := range t.Columns {
				if col != nil {
					put(&f.Columns, ColumnKey(sn, tn, cn), columnWord(col))
				}
			}
		}
	}
	return f
}

// Locate is where in f a Problem found for FromFlat(f, actual) was written:
// the attribute ("schemas", "tables", "sync_modes" or "columns") and the key
// in it. A schema or table named only through longer keys is located at the
// first such key (in sorted order).
func (f Flat) Locate(p Problem, actual *fivetran.SchemaConfig) (attr, key string) {
	names, what := p.Path[:len(p.Path)-1], p.Path[len(p.Path)-1]
	inColumns := func(match func(s, t string) bool) (string, string) {
		for _, k := range sortedKeys(f.Columns) {
			if s, t, _, ok := SplitColumnKey(k, actual); ok && match(s, t) {
				return "columns", k
			}
		}
		return "", ""
	}
	switch len(names) {
	case 1:
		if _, ok := f.Schemas[names[0]]; ok {
			return "schemas", names[0]
		}
		for _, a := range []struct {
			name string
			m    map[string]string
		}{{"tables", f.Tables}, {"sync_modes", f.SyncModes}} {
			for _, k := range sortedKeys(a.m) {
				if s, _, ok := SplitTableKey(k, actual); ok && s == names[0] {
					return a.name, k
				}
			}
		}
		return inColumns(func(s, _ string) bool { return s == names[0] })
	case 2:
		k := TableKey(names[0], names[1])
		_, inTables := f.Tables[k]
		_, inModes := f.SyncModes[k]
		switch {
		case what == "enabled" || (what == "" && inTables):
			return "tables", k
		case what == "sync_mode" || (what == "" && inModes):
			return "sync_modes", k
		}
		return inColumns(func(s, t string) bool { return s == names[0] && t == names[1] })
	case 3:
		return "columns", ColumnKey(names[0], names[1], names[2])
	}
	return "", ""
}

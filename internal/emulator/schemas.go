package emulator

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"sort"
	"time"
)

// ---------------------------------------------------------------------------
// The source model: what a connection's source holds, and its schema config.
//
// Each connection has a source (schemas → tables → columns), deterministic
// from its service and config unless Options.Source or SetSource says
// otherwise. Fivetran discovers it asynchronously: until discovery the schema
// config has no schemas, and patching a table fails with 404. Discovery
// happens Options.SchemaDiscoveryDelay after the connection is created, or at
// once on POST .../schemas/reload. Items found on a later
// discovery follow schema_change_handling.

// SourceColumn is one column of a modelled source table.
type SourceColumn struct {
	Name       string `json:"name"`
	PrimaryKey bool   `json:"primary_key,omitempty"`
	// System columns cannot be switched off or on
	// (enabled_patch_settings.allowed false, SYSTEM_COLUMN).
	System bool `json:"system,omitempty"`
}

// SourceTable is one table of a modelled source.
type SourceTable struct {
	Columns []SourceColumn `json:"columns"`
	// NoColumnsConfig: supports_columns_config false (no column choices).
	NoColumnsConfig bool `json:"no_columns_config,omitempty"`
	// NoHistoryMode: supports_history_mode false (sync_mode HISTORY refused).
	NoHistoryMode bool `json:"no_history_mode,omitempty"`
	// System tables cannot be switched off or on (SYSTEM_TABLE).
	System bool `json:"system,omitempty"`
}

// Source is a modelled source: schema name → table name → table.
type Source map[string]map[string]SourceTable

// SyntheticSource returns a source of schemas × tables × columns: schemas
// "schema_001"…, tables "table_0001"…, columns "id" (the primary key), then
// "col_002"…. It is what a benchmark of a large source uses.
func SyntheticSource(schemas, tables, columns int) Source {
	src := Source{}
	for s := 1; s <= schemas; s++ {
		ts := map[string]SourceTable{}
		for t := 1; t <= tables; t++ {
			cols := make([]SourceColumn, 0, columns)
			for c := 1; c <= columns; c++ {
				if c == 1 {
					cols = append(cols, SourceColumn{Name: "id", PrimaryKey: true})
					continue
				}
				cols = append(cols, SourceColumn{Name: fmt.Sprintf("col_%03d", c)})
			}
			ts[fmt.Sprintf("table_%04d", t)] = SourceTable{Columns: cols}
		}
		src[fmt.Sprintf("schema_%03d", s)] = ts
	}
	return src
}

// withID is a table's columns: "id" (the primary key), then names.
func withID(names ...string) []SourceColumn {
	out := []SourceColumn{{Name: "id", PrimaryKey: true}}
	for _, n := range names {
		out = append(out, SourceColumn{Name: n})
	}
	return out
}

// DefaultSource is the source a connection gets when no option overrides
// it: a schema "public" with users, accounts, orders, events and a system
// table audit_log, plus a schema named after the service with a few tables
// chosen deterministically from the service and the config's values.
func DefaultSource(service string, config map[string]any) Source {
	public := map[string]SourceTable{
		"users":    {Columns: withID("email", "name", "phone", "created_at")},
		"accounts": {Columns: withID("owner_email", "plan", "created_at")},
		"orders":   {Columns: withID("user_id", "total", "currency", "billing_address")},
		// events: no column-level choices, no history mode.
		"events": {Columns: withID("user_id", "type", "payload", "occurred_at"), NoColumnsConfig: true, NoHistoryMode: true},
		"audit_log": {Columns: append(withID("action"), SourceColumn{Name: "_fivetran_synced", System: true}),
			System: true},
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(service))
	keys := make([]string, 0, len(config))
	for k := range config {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b, _ := json.Marshal(config[k])
		_, _ = h.Write([]byte(k))
		_, _ = h.Write(b)
	}
	sum := h.Sum64()
	extra := map[string]SourceTable{}
	n := 2 + int(sum%3)
	for i := 0; i < n; i++ {
		w := idNouns[(sum>>(8*uint(i)))%uint64(len(idNouns))]
		extra[w+"s"] = SourceTable{Columns: withID("name", "updated_at")}
	}
	name := service
	if name == "" {
		name = "source"
	}
	return Source{"public": public, name: extra}
}

// Schema config as stored.

type colState struct {
	Enabled bool `json:"enabled"`
	Hashed  bool `json:"hashed"`
	// Set: the column's settings were set after the initial discovery (by a
	// PATCH, or by the policy when it arrived later). Only such columns are
	// listed in GET .../schemas, as Fivetran does; GET .../columns lists all.
	Set    bool `json:"set,omitempty"`
	PK     bool `json:"pk,omitempty"`
	System bool `json:"system,omitempty"`
}

type tableState struct {
	Enabled         bool                 `json:"enabled"`
	SyncMode        string               `json:"sync_mode"`
	NoColumnsConfig bool                 `json:"no_columns_config,omitempty"`
	NoHistoryMode   bool                 `json:"no_history_mode,omitempty"`
	System          bool                 `json:"system,omitempty"`
	Columns         map[string]*colState `json:"columns"`
}

type schemaState struct {
	Enabled bool                   `json:"enabled"`
	Tables  map[string]*tableState `json:"tables"`
}

type schemaConfig struct {
	Handling   string                  `json:"handling"`
	Discovered bool                    `json:"discovered"`
	Source     Source                  `json:"source,omitempty"` // set by SetSource; nil: from options
	Schemas    map[string]*schemaState `json:"schemas"`
	Resyncs    int                     `json:"resyncs,omitempty"`
	// strict: entries must carry "enabled" (Options.RequireSchemaEnabled),
	// for the PATCH being applied.
	strict bool
}

var syncModes = map[string]bool{"SOFT_DELETE": true, "HISTORY": true, "LIVE": true}
var policies = map[string]bool{"ALLOW_ALL": true, "ALLOW_COLUMNS": true, "BLOCK_ALL": true}

func (e *Emulator) sourceFor(id string, o *object, sc *schemaConfig) Source {
	if sc != nil && sc.Source != nil {
		return sc.Source
	}
	service, _ := o.Data["service"].(string)
	cfg := asMap(o.Data["config"])
	if e.opts.Source != nil {
		if s := e.opts.Source(id, service, cfg); s != nil {
			return s
		}
	}
	if e.opts.SyntheticSource[0] > 0 {
		return SyntheticSource(e.opts.SyntheticSource[0], e.opts.SyntheticSource[1], e.opts.SyntheticSource[2])
	}
	return DefaultSource(service, cfg)
}

// schemaConfigFor returns the connection's schema config, creating it and
// running a due discovery. Callers hold e.mu.
func (e *Emulator) schemaConfigFor(id string) (*schemaConfig, *response) {
	o := e.st.Connections[id]
	if o == nil {
		return nil, e.connectionNotFound(id)
	}
	if e.st.SchemaConfigs == nil {
		e.st.SchemaConfigs = map[string]*schemaConfig{}
	}
	sc := e.st.SchemaConfigs[id]
	if sc == nil {
		sc = &schemaConfig{Handling: "ALLOW_ALL", Schemas: map[string]*schemaState{}}
		e.st.SchemaConfigs[id] = sc
	}
	if !sc.Discovered && e.opts.SchemaDiscoveryDelay >= 0 {
		created, err := time.Parse(timeLayout, fmt.Sprint(o.Data["created_at"]))
		if err != nil || !e.now().Before(created.Add(e.opts.SchemaDiscoveryDelay)) {
			e.discover(id, o, sc, "")
		}
	}
	return sc, nil
}

// discover merges the source into the config (a source with no schemas
// counts as not readable yet, so discovery is tried again later). The first discovery enables
// everything; later ones apply the policy to what is new, and drop what the
// source no longer has. excludeMode "EXCLUDE" disables every schema and
// table that may be switched.
func (e *Emulator) discover(id string, o *object, sc *schemaConfig, excludeMode string) {
	src := e.sourceFor(id, o, sc)
	if len(src) == 0 {
		return // nothing readable in the source yet: not discovered
	}
	first := !sc.Discovered
	newTables := first || sc.Handling == "ALLOW_ALL"
	newColumns := first || sc.Handling != "BLOCK_ALL"
	for sn, tables := range src {
		ss := sc.Schemas[sn]
		if ss == nil {
			ss = &schemaState{Enabled: newTables, Tables: map[string]*tableState{}}
			sc.Schemas[sn] = ss
		}
		for tn, t := range tables {
			ts := ss.Tables[tn]
			if ts == nil {
				ts = &tableState{Enabled: newTables || t.System, SyncMode: "SOFT_DELETE", Columns: map[string]*colState{}}
				ss.Tables[tn] = ts
			}
			ts.NoColumnsConfig, ts.NoHistoryMode, ts.System = t.NoColumnsConfig, t.NoHistoryMode, t.System
			if t.System {
				ts.Enabled = true
			}
			seen := map[string]bool{}
			for _, c := range t.Columns {
				seen[c.Name] = true
				cs := ts.Columns[c.Name]
				if cs == nil {
					cs = &colState{Enabled: newColumns || c.PrimaryKey || c.System, Set: !first}
					ts.Columns[c.Name] = cs
				}
				cs.PK, cs.System = c.PrimaryKey, c.System
				if cs.PK || cs.System {
					cs.Enabled = true
				}
			}
			for cn := range ts.Columns {
				if !seen[cn] {
					delete(ts.Columns, cn)
				}
			}
		}
		for tn := range ss.Tables {
			if _, okt := tables[tn]; !okt {
				delete(ss.Tables, tn)
			}
		}
	}
	for sn := range sc.Schemas {
		if _, oks := src[sn]; !oks {
			delete(sc.Schemas, sn)
		}
	}
	if excludeMode == "EXCLUDE" {
		for _, ss := range sc.Schemas {
			ss.Enabled = false
			for _, ts := range ss.Tables {
				if !ts.System {
					ts.Enabled = false
				}
			}
		}
	}
	sc.Discovered = true
}

// SetSource replaces what a connection's source holds (a test's "someone
// added a table"); the schema config picks it up on the next reload.
func (e *Emulator) SetSource(connectionID string, src Source) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	sc, resp := e.schemaConfigFor(connectionID)
	if resp != nil {
		return apiErr(resp.status, resp.code, "%s", resp.msg)
	}
	sc.Source = src
	e.commit()
	return nil
}

// SetTableEnabled flips a table's enabled flag out of band, as a change made
// in Fivetran's dashboard would.
func (e *Emulator) SetTableEnabled(connectionID, schema, table string, enabled bool) error {
	return e.editSchemaConfig(connectionID, func(sc *schemaConfig) error {
		ts := sc.table(schema, table)
		if ts == nil {
			return apiErr(http.StatusNotFound, "NotFound_Table", "Table '%s' of schema '%s' not found", table, schema)
		}
		ts.Enabled = enabled
		return nil
	})
}

// SetColumn sets a column's enabled and hashed flags out of band.
func (e *Emulator) SetColumn(connectionID, schema, table, column string, enabled, hashed bool) error {
	return e.editSchemaConfig(connectionID, func(sc *schemaConfig) error {
		ts := sc.table(schema, table)
		if ts == nil || ts.Columns[column] == nil {
			return apiErr(http.StatusNotFound, "NotFound_Column", "Column '%s' not found", column)
		}
		ts.Columns[column].Enabled, ts.Columns[column].Hashed, ts.Columns[column].Set = enabled, hashed, true
		return nil
	})
}

// SchemaConfig returns a connection's schema config as GET .../schemas
// answers it (false if the connection does not exist).
func (e *Emulator) SchemaConfig(connectionID string) (map[string]any, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	sc, resp := e.schemaConfigFor(connectionID)
	if resp != nil {
		return nil, false
	}
	// The tests read it as JSON values, as a client would.
	var out map[string]any
	b, err := json.Marshal(sc.render())
	if err != nil || json.Unmarshal(b, &out) != nil {
		return nil, false
	}
	return out, true
}

// Resyncs reports how many table re-syncs a connection has been asked for.
func (e *Emulator) Resyncs(connectionID string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if sc := e.st.SchemaConfigs[connectionID]; sc != nil {
		return sc.Resyncs
	}
	return 0
}

func (e *Emulator) editSchemaConfig(id string, f func(*schemaConfig) error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	sc, resp := e.schemaConfigFor(id)
	if resp != nil {
		return apiErr(resp.status, resp.code, "%s", resp.msg)
	}
	if err := f(sc); err != nil {
		return err
	}
	e.commit()
	return nil
}

func (sc *schemaConfig) table(schema, table string) *tableState {
	if ss := sc.Schemas[schema]; ss != nil {
		return ss.Tables[table]
	}
	return nil
}

// The schema config's answer, typed: a refresh of many connections asks for
// many large configs, and encoding structs costs the emulator (which shares
// the benchmark's machine with Terraform and the provider) about half of
// what nested map[string]any values cost.
type patchSettingsJSON struct {
	Allowed    bool   `json:"allowed"`
	ReasonCode string `json:"reason_code,omitempty"`
}

type columnJSON struct {
	NameInDestination    string            `json:"name_in_destination"`
	Enabled              bool              `json:"enabled"`
	Hashed               bool              `json:"hashed"`
	IsPrimaryKey         bool              `json:"is_primary_key"`
	EnabledPatchSettings patchSettingsJSON `json:"enabled_patch_settings"`
}

type tableJSON struct {
	NameInDestination     string                `json:"name_in_destination"`
	Enabled               bool                  `json:"enabled"`
	SyncMode              string                `json:"sync_mode"`
	SupportsColumnsConfig bool                  `json:"supports_columns_config"`
	SupportsHistoryMode   bool                  `json:"supports_history_mode"`
	EnabledPatchSettings  patchSettingsJSON     `json:"enabled_patch_settings"`
	Columns               map[string]columnJSON `json:"columns"`
}

type schemaJSON struct {
	NameInDestination string               `json:"name_in_destination"`
	Enabled           bool                 `json:"enabled"`
	Tables            map[string]tableJSON `json:"tables"`
}

type schemaConfigJSON struct {
	SchemaChangeHandling string                `json:"schema_change_handling"`
	EnableNewByDefault   bool                  `json:"enable_new_by_default"`
	Schemas              map[string]schemaJSON `json:"schemas"`
}

func patchSettings(system bool, code string) patchSettingsJSON {
	if system {
		return patchSettingsJSON{Allowed: false, ReasonCode: code}
	}
	return patchSettingsJSON{Allowed: true}
}

// renderColumns renders a table's columns: all of them, or (for the schema
// config) only those set after the initial discovery.
func renderColumns(ts *tableState, all bool) map[string]columnJSON {
	out := map[string]columnJSON{}
	for cn, cs := range ts.Columns {
		if !all && !cs.Set {
			continue
		}
		out[cn] = columnJSON{
			NameInDestination: cn, Enabled: cs.Enabled, Hashed: cs.Hashed,
			IsPrimaryKey: cs.PK, EnabledPatchSettings: patchSettings(cs.System || cs.PK, columnReason(cs)),
		}
	}
	return out
}

func columnReason(cs *colState) string {
	if cs.System {
		return "SYSTEM_COLUMN"
	}
	return "OTHER"
}

func (sc *schemaConfig) render() schemaConfigJSON {
	schemas := make(map[string]schemaJSON, len(sc.Schemas))
	for sn, ss := range sc.Schemas {
		tables := make(map[string]tableJSON, len(ss.Tables))
		for tn, ts := range ss.Tables {
			tables[tn] = tableJSON{
				NameInDestination: tn, Enabled: ts.Enabled, SyncMode: ts.SyncMode,
				SupportsColumnsConfig: !ts.NoColumnsConfig, SupportsHistoryMode: !ts.NoHistoryMode,
				EnabledPatchSettings: patchSettings(ts.System, "SYSTEM_TABLE"),
				Columns:              renderColumns(ts, false),
			}
		}
		schemas[sn] = schemaJSON{NameInDestination: sn, Enabled: ss.Enabled, Tables: tables}
	}
	return schemaConfigJSON{
		SchemaChangeHandling: sc.Handling,
		EnableNewByDefault:   sc.Handling == "ALLOW_ALL",
		Schemas:              schemas,
	}
}

func (sc *schemaConfig) clone() *schemaConfig {
	b, _ := json.Marshal(sc)
	var out schemaConfig
	_ = json.Unmarshal(b, &out)
	if out.Schemas == nil {
		out.Schemas = map[string]*schemaState{}
	}
	return &out
}

// apply validates and applies a StandardConfigUpdateRequest-shaped body to a
// copy of the config; nothing changes unless all of it is valid.
func (sc *schemaConfig) apply(b map[string]any, strict bool) (*schemaConfig, *APIError) {
	nc := sc.clone()
	nc.strict = strict
	for k, v := range b {
		switch k {
		case "schema_change_handling":
			s, _ := v.(string)
			if !policies[s] {
				return nil, invalid("Invalid value for schema_change_handling: expected ALLOW_ALL, ALLOW_COLUMNS or BLOCK_ALL")
			}
			nc.Handling = s
		case "schemas":
			m, okm := v.(map[string]any)
			if !okm {
				return nil, invalid("Field 'schemas' must be an object")
			}
			for sn, sv := range m {
				if err := nc.applySchema(sn, sv); err != nil {
					return nil, err
				}
			}
		case "is_type_locked":
			if _, okb := v.(bool); !okb {
				return nil, invalid("Field 'is_type_locked' must be a boolean")
			}
		default:
			return nil, invalid("Unknown field '%s'", k)
		}
	}
	return nc, nil
}

// enabledOf reads an entry's "enabled". Without it the entry keeps current,
// as the live API does (the spec marks the field required: strict refuses
// its absence, Options.RequireSchemaEnabled).
func enabledOf(where string, v any, current, strict bool) (map[string]any, bool, *APIError) {
	m, okm := v.(map[string]any)
	if !okm {
		return nil, false, invalid("%s must be an object", where)
	}
	raw, present := m["enabled"]
	if !present && !strict {
		return m, current, nil
	}
	en, okb := raw.(bool)
	if !okb {
		return nil, false, invalid("Field 'enabled' of %s is required and must be a boolean", where)
	}
	return m, en, nil
}

func (sc *schemaConfig) applySchema(sn string, v any) *APIError {
	ss := sc.Schemas[sn]
	if ss == nil {
		return apiErr(http.StatusNotFound, "NotFound_Schema", "Schema '%s' not found in the connection's schema config", sn)
	}
	m, en, err := enabledOf("schema '"+sn+"'", v, ss.Enabled, sc.strict)
	if err != nil {
		return err
	}
	ss.Enabled = en
	for k, tv := range m {
		switch k {
		case "enabled":
		case "tables":
			tm, okm := tv.(map[string]any)
			if !okm {
				return invalid("Field 'tables' must be an object")
			}
			for tn, t := range tm {
				if err := sc.applyTable(sn, tn, t); err != nil {
					return err
				}
			}
		default:
			return invalid("Unknown field '%s'", k)
		}
	}
	return nil
}

func (sc *schemaConfig) applyTable(sn, tn string, v any) *APIError {
	ts := sc.table(sn, tn)
	if ts == nil {
		return apiErr(http.StatusNotFound, "NotFound_Table", "Table '%s' not found in schema '%s'", tn, sn)
	}
	m, en, err := enabledOf("table '"+tn+"'", v, ts.Enabled, sc.strict)
	if err != nil {
		return err
	}
	if en != ts.Enabled && ts.System {
		return invalid("Table '%s' is a system table: its 'enabled' cannot be changed", tn)
	}
	ts.Enabled = en
	for k, fv := range m {
		switch k {
		case "enabled":
		case "sync_mode":
			s, _ := fv.(string)
			if !syncModes[s] {
				return invalid("Invalid sync_mode for table '%s': expected SOFT_DELETE, HISTORY or LIVE", tn)
			}
			if s == "HISTORY" && ts.NoHistoryMode {
				return invalid("Table '%s' does not support history mode", tn)
			}
			ts.SyncMode = s
		case "columns":
			cm, okm := fv.(map[string]any)
			if !okm {
				return invalid("Field 'columns' must be an object")
			}
			if len(cm) > 0 && ts.NoColumnsConfig {
				return invalid("Table '%s' does not support column-level configuration", tn)
			}
			for cn, c := range cm {
				if err := applyColumn(ts, tn, cn, c, sc.strict); err != nil {
					return err
				}
			}
		default:
			return invalid("Unknown field '%s'", k)
		}
	}
	return nil
}

func applyColumn(ts *tableState, tn, cn string, v any, strict bool) *APIError {
	cs := ts.Columns[cn]
	if cs == nil {
		return apiErr(http.StatusNotFound, "NotFound_Column", "Column '%s' not found in table '%s'", cn, tn)
	}
	m, en, err := enabledOf("column '"+cn+"'", v, cs.Enabled, strict)
	if err != nil {
		return err
	}
	if !en && cs.PK {
		return invalid("Column '%s' is part of the primary key of table '%s' and cannot be excluded", cn, tn)
	}
	if en != cs.Enabled && cs.System {
		return invalid("Column '%s' is a system column: its 'enabled' cannot be changed", cn)
	}
	cs.Enabled, cs.Set = en, true
	for k, fv := range m {
		switch k {
		case "enabled", "is_primary_key":
		case "hashed":
			h, okb := fv.(bool)
			if !okb {
				return invalid("Field 'hashed' of column '%s' must be a boolean", cn)
			}
			cs.Hashed = h
		default:
			return invalid("Unknown field '%s'", k)
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Handlers

type schemaRoute struct {
	method, pattern string
	h               handlerFunc
}

// schemaRoutes lists the schema config routes.
func schemaRoutes(base string) []schemaRoute {
	p := base + "/{id}/schemas"
	return []schemaRoute{
		{"GET", p, (*Emulator).getSchemaConfig},
		{"PATCH", p, (*Emulator).patchSchemaConfig},
		{"POST", p + "/reload", (*Emulator).reloadSchemaConfig},
		{"POST", p + "/tables/resync", (*Emulator).resyncTables},
		{"GET", p + "/{schema}/tables/{table}/columns", (*Emulator).getTableColumns},
	}
}

func (e *Emulator) getSchemaConfig(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	sc, resp := e.schemaConfigFor(q.r.PathValue("id"))
	if resp != nil {
		return resp
	}
	e.commit()
	return ok(http.StatusOK, "Schema configuration retrieved successfully", sc.render())
}

// patchWith applies body to the connection's config and answers with it.
func (e *Emulator) patchWith(id string, body map[string]any) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	sc, resp := e.schemaConfigFor(id)
	if resp != nil {
		return resp
	}
	nc, err := sc.apply(body, e.opts.RequireSchemaEnabled)
	if err != nil {
		return errResp(err)
	}
	e.st.SchemaConfigs[id] = nc
	e.commit()
	return ok(http.StatusOK, "Schema configuration has been updated", nc.render())
}

func (e *Emulator) patchSchemaConfig(q *request) *response {
	if q.body == nil {
		return invalidResp("Request body is required")
	}
	return e.patchWith(q.r.PathValue("id"), q.body)
}

func (e *Emulator) getTableColumns(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	sc, resp := e.schemaConfigFor(q.r.PathValue("id"))
	if resp != nil {
		return resp
	}
	ts := sc.table(q.r.PathValue("schema"), q.r.PathValue("table"))
	if ts == nil {
		return errResp(apiErr(http.StatusNotFound, "NotFound_Table", "Table '%s' not found in schema '%s'", q.r.PathValue("table"), q.r.PathValue("schema")))
	}
	return ok(http.StatusOK, "Column configuration retrieved successfully", map[string]any{"columns": renderColumns(ts, true)})
}

func (e *Emulator) reloadSchemaConfig(q *request) *response {
	mode := "PRESERVE"
	if q.body != nil {
		for k, v := range q.body {
			if k != "exclude_mode" {
				return invalidResp("Unknown field '%s'", k)
			}
			s, _ := v.(string)
			if s != "PRESERVE" && s != "EXCLUDE" {
				return invalidResp("Invalid value for exclude_mode: expected PRESERVE or EXCLUDE")
			}
			mode = s
		}
	}
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	sc, resp := e.schemaConfigFor(id)
	if resp != nil {
		return resp
	}
	e.discover(id, e.st.Connections[id], sc, mode)
	e.commit()
	return ok(http.StatusOK, "Schema configuration has been reloaded", sc.render())
}

func (e *Emulator) resyncTables(q *request) *response {
	if len(q.body) == 0 {
		return invalidResp("The request must name at least one schema and its tables")
	}
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[id]
	sc, resp := e.schemaConfigFor(id)
	if resp != nil {
		return resp
	}
	n := 0
	for sn, tv := range q.body {
		list, okl := tv.([]any)
		if !okl || len(list) == 0 {
			return invalidResp("Field '%s' must be a non-empty list of table names", sn)
		}
		for _, t := range list {
			tn, _ := t.(string)
			if sc.table(sn, tn) == nil {
				return errResp(apiErr(http.StatusNotFound, "NotFound_Table", "Table '%s' not found in schema '%s'", tn, sn))
			}
			n++
		}
	}
	// A historical sync of the named tables (syncs.go).
	e.settleSync(o)
	if syncing(o) {
		return errResp(apiErr(http.StatusConflict, "Conflict", "A sync is in progress for connection with id '%s'", id))
	}
	if o.Data["paused"] == true {
		connStatus(o)["is_historical_sync"] = true
	} else {
		e.startSync(o, true)
	}
	sc.Resyncs += n
	e.commit()
	return ok(http.StatusOK, "Re-sync has been triggered successfully", nil)
}

package provider

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/schemachoice"
)

// This file reads state written by the official Fivetran provider
// (registry.terraform.io/fivetran/fivetran), for `moved` blocks from its
// resource types to ours (move_state.go). It is pure: raw state JSON in,
// plain Go values out, nothing of Terraform or the API. The JSON is decoded
// by hand, by attribute name, because the official schemas are large (a
// connector's config block has hundreds of attributes) and changed shape
// between versions; only the attributes our resources model are read.

// officialSources are the official resource types and schema versions each
// of our resources accepts in a move. A version the official provider has
// not shipped, or that is newer than these, is refused: its shape is not
// known, and a guess could write a wrong state.
var officialSources = map[string]map[string][]int64{
	"fivetran_connection": {
		// 0–2: config, auth and destination_schema are one-element lists and
		// the setup-test flags strings ("true"); 0 also holds the schedule as
		// strings. 3 and 4: single objects and booleans.
		"fivetran_connector": {0, 1, 2, 3, 4},
		// config is a JSON string; there has only been version 1.
		"fivetran_connection": {1},
		// The companion holding config and auth as JSON strings, keyed by
		// connection_id.
		"fivetran_connection_config": {1},
	},
	"fivetran_connection_schema": {
		"fivetran_connector_schema_config": {0},
	},
	// Same type names in both providers: moved to a new address (a move to
	// the same address is refused by Terraform).
	"fivetran_group": {"fivetran_group": {0}},
	// 0: config a one-element list, flags and config primitives strings;
	// 1: the agent as local_processing_agent_id; 2: current.
	"fivetran_destination": {"fivetran_destination": {0, 1, 2}},
	// 0 is the only version shipped: the secrets as computed strings (the
	// token as "token"), the region as group_region, regeneration_counter.
	"fivetran_proxy_agent": {"fivetran_proxy_agent": {0}},
	// 0 is the only version shipped: the config as config_map, a map of
	// strings holding every key of every service (null where unused).
	"fivetran_private_link": {"fivetran_private_link": {0}},
	// 0 is the only version shipped: the credentials as computed strings,
	// authentication_counter the number whose change re-authenticates.
	"fivetran_hybrid_deployment_agent": {"fivetran_hybrid_deployment_agent": {0}},
	// 0 is the only version shipped: type and group_id, the events a set,
	// the secret as written.
	"fivetran_webhook": {"fivetran_webhook": {0}},
	// 0 is the only version shipped: invited and verified optional,
	// logged_in_at kept.
	"fivetran_user": {"fivetran_user": {0}},
	// 0 is the only version shipped: name, description and role.
	"fivetran_team": {"fivetran_team": {0}},
	// 0 is the only version shipped of each: the owner's id and a set of
	// blocks, each with the target's id, the role and created_at.
	"fivetran_user_group_membership":     {"fivetran_user_group_membership": {0}},
	"fivetran_user_connector_membership": {"fivetran_user_connector_membership": {0}},
	"fivetran_team_user_membership":      {"fivetran_team_user_membership": {0}},
	"fivetran_team_group_membership":     {"fivetran_team_group_membership": {0}},
	"fivetran_team_connector_membership": {"fivetran_team_connector_membership": {0}},
	// 0 is the only version shipped: config one block holding every
	// service's keys (null where unused), run_setup_tests default false.
	"fivetran_external_logging": {"fivetran_external_logging": {0}},
	// 0 is the only version shipped of each: the owner's id and a set of
	// blocks, each with the hash, what is approved and the details Fivetran
	// computes.
	"fivetran_connector_certificates":   {"fivetran_connector_certificates": {0}},
	"fivetran_connector_fingerprints":   {"fivetran_connector_fingerprints": {0}},
	"fivetran_destination_certificates": {"fivetran_destination_certificates": {0}},
	"fivetran_destination_fingerprints": {"fivetran_destination_fingerprints": {0}},
}

// isOfficialProvider reports whether a provider address (HOSTNAME/NAMESPACE/TYPE)
// is the official provider's, whatever host (a mirror) it was installed from.
// OpenTofu 1.10 sends only the type implied by the source type's name
// ("fivetran"); the source types accepted exist only in the official
// provider, so that is taken as the official provider too.
func isOfficialProvider(addr string) bool {
	parts := strings.Split(addr, "/")
	n := len(parts)
	if n == 1 {
		return strings.EqualFold(addr, "fivetran")
	}
	return strings.EqualFold(parts[n-2], "fivetran") && strings.EqualFold(parts[n-1], "fivetran")
}

// maskedSecret is how Fivetran returns a secret; the official provider
// stores it so after an import.
const maskedSecret = "******"

// movedConnection is what a fivetran_connection takes from an official state.
// Empty strings and nil pointers are "not in the old state": the Read that
// follows the move fills them from Fivetran.
type movedConnection struct {
	ID, GroupID, Service, Name string
	DestinationSchema          map[string]string // attribute → value; nil when absent
	Config, Auth               map[string]any    // nil when absent
	// MaskedKeys are the config and auth keys (dotted paths) left out because
	// the old state holds them masked: their values are not known.
	MaskedKeys []string

	RunSetupTests, TrustCertificates, TrustFingerprints *bool
	Paused, PauseAfterTrial                             *bool
	SyncFrequency, DataDelayThreshold                   *int64
	ScheduleType, DailySyncTime, DataDelaySensitivity   *string
	NetworkingMethod, PrivateLinkID, ProxyAgentID       *string
	HybridDeploymentAgentID                             *string
}

// moveError is a problem with an old state; its message names attributes and
// versions, never a value from the state.
type moveError struct{ msg string }

func (e *moveError) Error() string { return e.msg }

func moveErrorf(format string, args ...any) error { return &moveError{fmt.Sprintf(format, args...)} }

// decodeRawState decodes a raw state's JSON object, numbers kept as written.
// A syntax error is reported by its offset only: the text around it may be a
// secret.
func decodeRawState(raw []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, moveErrorf("the old state is empty")
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, moveErrorf("the old state is not valid JSON (at byte %d)", se.Offset)
		}
		return nil, moveErrorf("the old state is not valid JSON (it ends too early)")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, moveErrorf("the old state is %s, not an object", kindOf(v))
	}
	return m, nil
}

// officialConnection reads the state of an official fivetran_connector,
// fivetran_connection or fivetran_connection_config.
func officialConnection(typeName string, version int64, raw []byte) (movedConnection, error) {
	var mc movedConnection
	s, err := decodeRawState(raw)
	if err != nil {
		return mc, err
	}
	r := stateReader{s: s}
	if typeName == "fivetran_connection_config" {
		mc.ID = r.str("connection_id")
	} else {
		mc.ID = r.str("id")
		mc.GroupID = r.str("group_id")
		mc.Service = r.str("service")
		mc.Name = r.str("name")
	}
	if mc.ID == "" {
		if r.err != nil {
			return mc, r.err
		}
		what := "id"
		if typeName == "fivetran_connection_config" {
			what = "connection_id"
		}
		return mc, moveErrorf("the old state has no %s", what)
	}
	mc.RunSetupTests = r.boolean("run_setup_tests")
	mc.TrustCertificates = r.boolean("trust_certificates")
	mc.TrustFingerprints = r.boolean("trust_fingerprints")
	if typeName != "fivetran_connection_config" {
		if ds := r.block("destination_schema"); ds != nil {
			mc.DestinationSchema = map[string]string{}
			for _, k := range destinationSchemaKeys {
				if v, ok := ds[k.attr].(string); ok && v != "" {
					mc.DestinationSchema[k.attr] = v
				}
			}
		}
		mc.NetworkingMethod = r.optStr("networking_method")
		mc.PrivateLinkID = r.optStr("private_link_id")
		mc.ProxyAgentID = r.optStr("proxy_agent_id")
		mc.HybridDeploymentAgentID = r.optStr("hybrid_deployment_agent_id")
		if mc.HybridDeploymentAgentID == nil && version == 3 {
			mc.HybridDeploymentAgentID = r.optStr("local_processing_agent_id") // its name in version 3
		}
		mc.DataDelaySensitivity = r.optStr("data_delay_sensitivity")
		mc.DataDelayThreshold = r.integer("data_delay_threshold")
		// Only a connector of version 0 kept the schedule; later ones left it
		// to fivetran_connector_schedule.
		mc.SyncFrequency = r.integer("sync_frequency")
		mc.ScheduleType = r.optStr("schedule_type")
		mc.Paused = r.boolean("paused")
		mc.PauseAfterTrial = r.boolean("pause_after_trial")
		mc.DailySyncTime = r.optStr("daily_sync_time")
	}
	var config, auth any
	switch typeName {
	case "fivetran_connector":
		if b := r.block("config"); b != nil {
			config = b
		}
		if b := r.block("auth"); b != nil {
			auth = b
		}
	case "fivetran_connection":
		config = r.jsonString("config")
	case "fivetran_connection_config":
		config = r.jsonString("config")
		auth = r.jsonString("auth")
	}
	if r.err != nil {
		return movedConnection{}, r.err
	}
	var masked []string
	mc.Config = managedConfig(config, "config", &masked)
	mc.Auth = managedConfig(auth, "auth", &masked)
	// destination_schema's keys live in their own attribute, never in config.
	for _, k := range schemaConfigKeys {
		delete(mc.Config, k)
	}
	if len(mc.Config) == 0 {
		mc.Config = nil
	}
	sort.Strings(masked)
	mc.MaskedKeys = masked
	return mc, nil
}

// managedConfig is the part of an old config (or auth) that the moved state
// manages: every value that is set, at any depth. Nulls go (the official
// provider stores every attribute of its schema, set or not), and so do
// empty lists and objects (a block that was never written is stored empty)
// and masked secrets (their value is not known; their paths are added to
// masked). What remains is what the configuration wrote.
func managedConfig(v any, at string, masked *[]string) map[string]any {
	m, ok := clean(v, at, masked).(map[string]any)
	if !ok || len(m) == 0 {
		return nil
	}
	return m
}

func clean(v any, at string, masked *[]string) any {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		if t == maskedSecret {
			*masked = append(*masked, at)
			return nil
		}
		return t
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			if c := clean(e, at+"."+k, masked); c != nil {
				out[k] = c
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		var before = len(*masked)
		out := make([]any, 0, len(t))
		for i, e := range t {
			c := clean(e, fmt.Sprintf("%s[%d]", at, i), masked)
			out = append(out, c)
		}
		if len(*masked) > before {
			// A list with a masked element cannot be written back as it was.
			*masked = append((*masked)[:before], at)
			return nil
		}
		if len(out) == 0 {
			return nil
		}
		return out
	default:
		return t
	}
}

// stateReader reads attributes of a decoded state, tolerating the forms the
// official provider used over its versions (booleans and numbers as strings,
// blocks as one-element lists). The first attribute of a wrong kind is kept
// in err, named without its value.
type stateReader struct {
	s   map[string]any
	err error
}

func (r *stateReader) wrong(name, want string, got any) {
	if r.err == nil {
		r.err = moveErrorf("attribute %q of the old state is %s, not %s", name, kindOf(got), want)
	}
}

func (r *stateReader) str(name string) string {
	if p := r.optStr(name); p != nil {
		return *p
	}
	return ""
}

// optStr is nil for a null or empty string.
func (r *stateReader) optStr(name string) *string {
	switch v := r.s[name].(type) {
	case nil:
		return nil
	case string:
		if v == "" {
			return nil
		}
		return &v
	default:
		r.wrong(name, "a string", v)
		return nil
	}
}

func (r *stateReader) boolean(name string) *bool {
	switch v := r.s[name].(type) {
	case nil:
		return nil
	case bool:
		return &v
	case string:
		if v == "" {
			return nil
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			r.wrong(name, "a boolean", v)
			return nil
		}
		return &b
	default:
		r.wrong(name, "a boolean", v)
		return nil
	}
}

func (r *stateReader) integer(name string) *int64 {
	var s string
	switch v := r.s[name].(type) {
	case nil:
		return nil
	case json.Number:
		s = v.String()
	case string:
		if v == "" {
			return nil
		}
		s = v
	default:
		r.wrong(name, "a number", v)
		return nil
	}
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		r.wrong(name, "a whole number", s)
		return nil
	}
	return &i
}

// block reads a nested block: an object, or (versions written by the older
// plugin SDK) a list holding at most one object.
func (r *stateReader) block(name string) map[string]any {
	switch v := r.s[name].(type) {
	case nil:
		return nil
	case map[string]any:
		return v
	case []any:
		switch {
		case len(v) == 0:
			return nil
		case len(v) > 1:
			r.wrong(name, "one block", v)
			return nil
		}
		m, ok := v[0].(map[string]any)
		if !ok {
			r.wrong(name, "a block", v[0])
		}
		return m
	default:
		r.wrong(name, "a block", v)
		return nil
	}
}

// jsonString reads an attribute that holds JSON in a string.
func (r *stateReader) jsonString(name string) any {
	s := r.optStr(name)
	if s == nil {
		return nil
	}
	d := json.NewDecoder(strings.NewReader(*s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		if r.err == nil {
			r.err = moveErrorf("attribute %q of the old state does not hold JSON", name)
		}
		return nil
	}
	if _, ok := v.(map[string]any); !ok && v != nil {
		r.wrong(name, "a JSON object", v)
		return nil
	}
	return v
}

// movedSchemaConfig is what a fivetran_connection_schema takes from an
// official fivetran_connector_schema_config.
type movedSchemaConfig struct {
	ConnectionID string
	Policy       *string
	Flat         schemachoice.Flat
}

// officialSchemaConfig reads the state of an official
// fivetran_connector_schema_config. Its choices are in one of three forms:
// `schema` blocks (a list of schemas, each with `table` blocks with `column`
// blocks), the `schemas` map (schema → tables → columns) or `schemas_json`
// (the same map as JSON). Every choice the old state records is kept: a
// schema's and table's `enabled`, a table's `sync_mode`, a column's
// `enabled` and `hashed` (as "excluded", "hashed" or "included").
func officialSchemaConfig(raw []byte) (movedSchemaConfig, error) {
	var out movedSchemaConfig
	s, err := decodeRawState(raw)
	if err != nil {
		return out, err
	}
	r := stateReader{s: s}
	out.ConnectionID = cmp.Or(r.str("connector_id"), r.str("id"))
	out.Policy = r.optStr("schema_change_handling")
	if r.err != nil {
		return out, r.err
	}
	if out.ConnectionID == "" {
		return out, moveErrorf("the old state has no connector_id")
	}
	c := schemachoice.Choices{Schemas: map[string]*schemachoice.Schema{}}
	var errs []error
	if blocks, ok := s["schema"].([]any); ok {
		errs = append(errs, readSchemaBlocks(blocks, c.Schemas))
	} else if s["schema"] != nil {
		errs = append(errs, moveErrorf("attribute \"schema\" of the old state is %s, not a list of blocks", kindOf(s["schema"])))
	}
	if m, ok := s["schemas"].(map[string]any); ok {
		errs = append(errs, readSchemaMap(m, "schemas", c.Schemas))
	} else if s["schemas"] != nil {
		errs = append(errs, moveErrorf("attribute \"schemas\" of the old state is %s, not a map", kindOf(s["schemas"])))
	}
	if m, ok := r.jsonString("schemas_json").(map[string]any); ok {
		errs = append(errs, readSchemaMap(m, "schemas_json", c.Schemas))
	}
	if err := errors.Join(append(errs, r.err)...); err != nil {
		return out, err
	}
	out.Flat = c.Flat()
	return out, nil
}

// A choice's flags: a null or missing one is not a choice.
func flagOf(m map[string]any, name, at string) (*bool, error) {
	switch v := m[name].(type) {
	case nil:
		return nil, nil
	case bool:
		return &v, nil
	case string: // schemas_json written by hand
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, moveErrorf("%s.%s of the old state is not a boolean", at, name)
		}
		return &b, nil
	default:
		return nil, moveErrorf("%s.%s of the old state is %s, not a boolean", at, name, kindOf(v))
	}
}

func syncModeOf(m map[string]any, at string) (*string, error) {
	switch v := m["sync_mode"].(type) {
	case nil:
		return nil, nil
	case string:
		if v == "" {
			return nil, nil
		}
		if !slices.Contains(schemachoice.SyncModes, v) {
			return nil, moveErrorf("%s.sync_mode of the old state is not one of %s", at, strings.Join(schemachoice.SyncModes, ", "))
		}
		return &v, nil
	default:
		return nil, moveErrorf("%s.sync_mode of the old state is %s, not a string", at, kindOf(v))
	}
}

// entry is one schema, table or column of an old state, by name.
type entry struct {
	name   string
	fields map[string]any
}

// blockEntries reads a list of named blocks.
func blockEntries(v any, at string) ([]entry, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, moveErrorf("%s of the old state is %s, not a list of blocks", at, kindOf(v))
	}
	out := make([]entry, 0, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		name, _ := m["name"].(string)
		if !ok || name == "" {
			return nil, moveErrorf("%s[%d] of the old state has no name", at, i)
		}
		out = append(out, entry{name, m})
	}
	return out, nil
}

// mapEntries reads a map of objects keyed by name.
func mapEntries(v any, at string) ([]entry, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, moveErrorf("%s of the old state is %s, not a map", at, kindOf(v))
	}
	out := make([]entry, 0, len(m))
	for name, e := range m {
		fields, ok := e.(map[string]any)
		if !ok && e != nil {
			return nil, moveErrorf("%s[%q] of the old state is %s, not an object", at, name, kindOf(e))
		}
		out = append(out, entry{name, fields})
	}
	return out, nil
}

func readSchemaBlocks(blocks []any, into map[string]*schemachoice.Schema) error {
	return readSchemas(blocks, "schema", "table", "column", blockEntries, into)
}

func readSchemaMap(m map[string]any, at string, into map[string]*schemachoice.Schema) error {
	return readSchemas(m, at, "tables", "columns", mapEntries, into)
}

// readSchemas reads schemas, their tables and their columns into into, the
// nested parts under tablesKey and columnsKey, each level listed by list.
func readSchemas(v any, at, tablesKey, columnsKey string, list func(any, string) ([]entry, error),
	into map[string]*schemachoice.Schema) error {
	schemas, err := list(v, at)
	if err != nil {
		return err
	}
	for _, se := range schemas {
		sAt := fmt.Sprintf("%s[%q]", at, se.name)
		sc := into[se.name]
		if sc == nil {
			sc = &schemachoice.Schema{}
			into[se.name] = sc
		}
		if sc.Enabled, err = flagOf(se.fields, "enabled", sAt); err != nil {
			return err
		}
		tables, err := list(se.fields[tablesKey], sAt+"."+tablesKey)
		if err != nil {
			return err
		}
		for _, te := range tables {
			tAt := fmt.Sprintf("%s.%s[%q]", sAt, tablesKey, te.name)
			t := &schemachoice.Table{}
			if t.Enabled, err = flagOf(te.fields, "enabled", tAt); err != nil {
				return err
			}
			if t.SyncMode, err = syncModeOf(te.fields, tAt); err != nil {
				return err
			}
			columns, err := list(te.fields[columnsKey], tAt+"."+columnsKey)
			if err != nil {
				return err
			}
			for _, ce := range columns {
				cAt := fmt.Sprintf("%s.%s[%q]", tAt, columnsKey, ce.name)
				col := &schemachoice.Column{}
				if col.Enabled, err = flagOf(ce.fields, "enabled", cAt); err != nil {
					return err
				}
				if col.Hashed, err = flagOf(ce.fields, "hashed", cAt); err != nil {
					return err
				}
				if col.Enabled == nil && col.Hashed == nil {
					continue // no choice recorded
				}
				if t.Columns == nil {
					t.Columns = map[string]*schemachoice.Column{}
				}
				t.Columns[ce.name] = col
			}
			if sc.Tables == nil {
				sc.Tables = map[string]*schemachoice.Table{}
			}
			sc.Tables[te.name] = t
		}
	}
	return nil
}

// movedGroup is what a fivetran_group takes from an official state; the
// Read after the move fills created_at.
type movedGroup struct{ ID, Name string }

func officialGroup(raw []byte) (movedGroup, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedGroup{}, err
	}
	r := stateReader{s: s}
	g := movedGroup{ID: r.str("id"), Name: r.str("name")}
	if r.err != nil {
		return movedGroup{}, r.err
	}
	if g.ID == "" {
		return movedGroup{}, moveErrorf("the old state has no id")
	}
	return g, nil
}

// movedProxyAgent is what a fivetran_proxy_agent takes from an official
// state. The secrets come along: Fivetran never shows them again, so the
// old state is the only place they are kept. Empty strings are "not in the
// old state".
type movedProxyAgent struct {
	ID, DisplayName, Region                 string
	AuthToken, ClientCert, ClientPrivateKey string
	SecretsVersion                          *int64
}

func officialProxyAgent(raw []byte) (movedProxyAgent, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedProxyAgent{}, err
	}
	r := stateReader{s: s}
	a := movedProxyAgent{
		ID: r.str("id"), DisplayName: r.str("display_name"), Region: r.str("group_region"),
		AuthToken: r.str("token"), ClientCert: r.str("client_cert"), ClientPrivateKey: r.str("client_private_key"),
		SecretsVersion: r.integer("regeneration_counter"),
	}
	if r.err != nil {
		return movedProxyAgent{}, r.err
	}
	if a.ID == "" {
		return movedProxyAgent{}, moveErrorf("the old state has no id")
	}
	return a, nil
}

// movedHybridAgent is what a fivetran_hybrid_deployment_agent takes from an
// official state. The credentials come along: Fivetran never shows them
// again, so the old state is the only place they are kept. Empty strings
// are "not in the old state".
type movedHybridAgent struct {
	ID, GroupID, DisplayName, EnvType, AuthType    string
	Token, ConfigJSON, AuthJSON, DockerComposeYAML string
	SecretsVersion                                 *int64
}

func officialHybridAgent(raw []byte) (movedHybridAgent, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedHybridAgent{}, err
	}
	r := stateReader{s: s}
	a := movedHybridAgent{
		ID: r.str("id"), GroupID: r.str("group_id"), DisplayName: r.str("display_name"), EnvType: r.str("env_type"),
		AuthType: r.str("auth_type"), Token: r.str("token"), ConfigJSON: r.str("config_json"), AuthJSON: r.str("auth_json"),
		DockerComposeYAML: r.str("docker_compose_yaml"), SecretsVersion: r.integer("authentication_counter"),
	}
	if r.err != nil {
		return movedHybridAgent{}, r.err
	}
	if a.ID == "" {
		return movedHybridAgent{}, moveErrorf("the old state has no id")
	}
	return a, nil
}

// movedWebhook is what a fivetran_webhook takes from an official state: the
// secret comes along (Fivetran never shows it; the official state holds it
// as written). Empty strings and nil are "not in the old state".
type movedWebhook struct {
	ID, GroupID, URL, Secret string
	Events                   []string
	Active, RunTests         *bool
}

func officialWebhook(raw []byte) (movedWebhook, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedWebhook{}, err
	}
	r := stateReader{s: s}
	w := movedWebhook{ID: r.str("id"), GroupID: r.str("group_id"), URL: r.str("url"), Secret: r.str("secret"),
		Active: r.boolean("active"), RunTests: r.boolean("run_tests")}
	switch ev := s["events"].(type) {
	case nil:
	case []any:
		for _, e := range ev {
			if str, ok := e.(string); ok {
				w.Events = append(w.Events, str)
			} else {
				r.wrong("events", "a list of strings", ev)
			}
		}
	default:
		r.wrong("events", "a list", ev)
	}
	if r.err != nil {
		return movedWebhook{}, r.err
	}
	if w.ID == "" {
		return movedWebhook{}, moveErrorf("the old state has no id")
	}
	return w, nil
}

// movedPrivateLink is what a fivetran_private_link takes from an official
// state: the id, name, region, service and config (config_map, without its
// null keys). The Read after the move fills the rest. Empty strings are
// "not in the old state".
type movedPrivateLink struct {
	ID, Name, Region, Service string
	Config                    map[string]string // nil when absent
}

func officialPrivateLink(raw []byte) (movedPrivateLink, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedPrivateLink{}, err
	}
	r := stateReader{s: s}
	l := movedPrivateLink{ID: r.str("id"), Name: r.str("name"), Region: r.str("region"), Service: r.str("service")}
	switch m := s["config_map"].(type) {
	case nil:
	case map[string]any:
		l.Config = map[string]string{}
		for k, v := range m {
			switch v := v.(type) {
			case nil:
			case string:
				l.Config[k] = v
			default:
				r.wrong("config_map."+k, "a string", v)
			}
		}
	default:
		r.wrong("config_map", "a map", m)
	}
	if r.err != nil {
		return movedPrivateLink{}, r.err
	}
	if l.ID == "" {
		return movedPrivateLink{}, moveErrorf("the old state has no id")
	}
	return l, nil
}

// movedDestination is what a fivetran_destination takes from an official
// state, in the same terms as movedConnection.
type movedDestination struct {
	ID, GroupID, Service, Region, TimeZoneOffset        string
	Config                                              map[string]any
	MaskedKeys                                          []string
	DaylightSavingTimeEnabled                           *bool
	RunSetupTests, TrustCertificates, TrustFingerprints *bool
	NetworkingMethod, PrivateLinkID, ProxyAgentID       *string
	HybridDeploymentAgentID                             *string
}

func officialDestination(version int64, raw []byte) (movedDestination, error) {
	var md movedDestination
	s, err := decodeRawState(raw)
	if err != nil {
		return md, err
	}
	r := stateReader{s: s}
	md.ID, md.GroupID, md.Service = r.str("id"), r.str("group_id"), r.str("service")
	md.Region, md.TimeZoneOffset = r.str("region"), r.str("time_zone_offset")
	md.DaylightSavingTimeEnabled = r.boolean("daylight_saving_time_enabled")
	md.RunSetupTests = r.boolean("run_setup_tests")
	md.TrustCertificates = r.boolean("trust_certificates")
	md.TrustFingerprints = r.boolean("trust_fingerprints")
	md.NetworkingMethod = r.optStr("networking_method")
	md.PrivateLinkID = r.optStr("private_link_id")
	md.ProxyAgentID = r.optStr("proxy_agent_id")
	md.HybridDeploymentAgentID = r.optStr("hybrid_deployment_agent_id")
	if md.HybridDeploymentAgentID == nil && version == 1 {
		md.HybridDeploymentAgentID = r.optStr("local_processing_agent_id") // its name in version 1
	}
	var config any
	if b := r.block("config"); b != nil {
		config = b
	}
	if r.err != nil {
		return movedDestination{}, r.err
	}
	if md.ID == "" {
		return movedDestination{}, moveErrorf("the old state has no id")
	}
	var masked []string
	md.Config = managedConfig(config, "config", &masked)
	sort.Strings(masked)
	md.MaskedKeys = masked
	return md, nil
}

// movedUser is what a fivetran_user takes from an official state: the id
// and what the configuration writes. invited, verified and created_at are
// left for the Read that follows; logged_in_at is not in this resource (it
// changes at every login). Empty strings are "not in the old state".
type movedUser struct {
	ID, Email, GivenName, FamilyName, Phone, Picture, Role string
}

func officialUser(raw []byte) (movedUser, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedUser{}, err
	}
	r := stateReader{s: s}
	u := movedUser{ID: r.str("id"), Email: r.str("email"), GivenName: r.str("given_name"), FamilyName: r.str("family_name"),
		Phone: r.str("phone"), Picture: r.str("picture"), Role: r.str("role")}
	if r.err != nil {
		return movedUser{}, r.err
	}
	if u.ID == "" {
		return movedUser{}, moveErrorf("the old state has no id")
	}
	return u, nil
}

// movedTeam is what a fivetran_team takes from an official state: all of
// it (id, name, description, role).
type movedTeam struct {
	ID, Name, Description, Role string
}

func officialTeam(raw []byte) (movedTeam, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedTeam{}, err
	}
	r := stateReader{s: s}
	t := movedTeam{ID: r.str("id"), Name: r.str("name"), Description: r.str("description"), Role: r.str("role")}
	if r.err != nil {
		return movedTeam{}, r.err
	}
	if t.ID == "" {
		return movedTeam{}, moveErrorf("the old state has no id")
	}
	return t, nil
}

// movedExternalLogging is what a fivetran_external_logging takes from an
// official state: the id, group, service, enabled, run_setup_tests and the
// config keys it holds (its config block has every service's keys, null
// where unused; those are dropped, and so are masked values, named in
// MaskedKeys).
type movedExternalLogging struct {
	ID, GroupID, Service   string
	Enabled, RunSetupTests *bool
	Config                 map[string]any
	MaskedKeys             []string
}

func officialExternalLogging(raw []byte) (movedExternalLogging, error) {
	s, err := decodeRawState(raw)
	if err != nil {
		return movedExternalLogging{}, err
	}
	r := stateReader{s: s}
	m := movedExternalLogging{ID: r.str("id"), GroupID: r.str("group_id"), Service: r.str("service"),
		Enabled: r.boolean("enabled"), RunSetupTests: r.boolean("run_setup_tests")}
	var config any
	if b := r.block("config"); b != nil {
		config = b
	}
	if r.err != nil {
		return movedExternalLogging{}, r.err
	}
	if m.ID == "" {
		return movedExternalLogging{}, moveErrorf("the old state has no id")
	}
	m.Config = managedConfig(config, "config", &m.MaskedKeys)
	sort.Strings(m.MaskedKeys)
	return m, nil
}

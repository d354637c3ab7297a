// Package migrate writes the HCL that moves a state written by the official
// Fivetran provider (registry.terraform.io/fivetran/fivetran) to this
// provider: per official resource a `moved` block and this provider's
// resource, a `removed` block for what cannot move (schedules, the
// connection-config companion), and a sensitive variable for every secret
// of a configuration. A proxy agent's secrets and a hybrid deployment
// agent's credentials are not of its configuration (Fivetran issues them)
// and move with its state, so none is written.
//
// It reads `terraform show -json`, whose values are already decoded by the
// official provider's schema. The provider's own reading of the official
// states (internal/provider/move_official.go) works on raw stored state and
// is unexported inside a package that pulls in the plugin framework; moving
// its several hundred lines out would touch the move itself, so this package
// reads the few attributes it needs on its own, with the same rules: nulls,
// empty lists and empty objects are not written; values keep their JSON type.
package migrate

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/schemachoice"
)

// Options change what Generate writes.
type Options struct {
	// Provider is the local name this provider has during the migration; every
	// new resource names it with `provider = <Provider>`. Empty: no provider
	// argument.
	Provider string
}

// Stats count what Generate wrote.
type Stats struct {
	Moved, Removed, Variables, Unknown int
}

const maskedSecret = "******"

// showJSON is the part of `terraform show -json` read here.
type showJSON struct {
	Values *struct {
		RootModule module `json:"root_module"`
	} `json:"values"`
}

type module struct {
	Resources    []resource `json:"resources"`
	ChildModules []module   `json:"child_modules"`
}

type resource struct {
	Address         string          `json:"address"`
	Mode            string          `json:"mode"`
	Type            string          `json:"type"`
	Name            string          `json:"name"`
	Index           any             `json:"index"`
	ProviderName    string          `json:"provider_name"`
	Values          map[string]any  `json:"values"`
	SensitiveValues json.RawMessage `json:"sensitive_values"`

	sensitive any // SensitiveValues decoded
	newName   string
}

// isOfficial reports whether a provider address is the official provider's,
// from any host.
func isOfficial(addr string) bool {
	parts := strings.Split(addr, "/")
	n := len(parts)
	return n >= 2 && strings.EqualFold(parts[n-2], "fivetran") && strings.EqualFold(parts[n-1], "fivetran")
}

// ourType is this provider's type for each official type that moves.
var ourType = map[string]string{
	"fivetran_group":                     "fivetran_group",
	"fivetran_destination":               "fivetran_destination",
	"fivetran_connector":                 "fivetran_connection",
	"fivetran_connection":                "fivetran_connection",
	"fivetran_connector_schema_config":   "fivetran_connection_schema",
	"fivetran_proxy_agent":               "fivetran_proxy_agent",
	"fivetran_private_link":              "fivetran_private_link",
	"fivetran_hybrid_deployment_agent":   "fivetran_hybrid_deployment_agent",
	"fivetran_webhook":                   "fivetran_webhook",
	"fivetran_user":                      "fivetran_user",
	"fivetran_team":                      "fivetran_team",
	"fivetran_user_group_membership":     "fivetran_user_group_membership",
	"fivetran_user_connector_membership": "fivetran_user_connector_membership",
	"fivetran_team_user_membership":      "fivetran_team_user_membership",
	"fivetran_team_group_membership":     "fivetran_team_group_membership",
	"fivetran_team_connector_membership": "fivetran_team_connector_membership",
	"fivetran_external_logging":          "fivetran_external_logging",
	"fivetran_connector_certificates":    "fivetran_connector_certificates",
	"fivetran_connector_fingerprints":    "fivetran_connector_fingerprints",
	"fivetran_destination_certificates":  "fivetran_destination_certificates",
	"fivetran_destination_fingerprints":  "fivetran_destination_fingerprints",
}

// approvals are the official approval types: the owner's attribute and
// reference kind, the block, and what each block approves.
var approvals = map[string]struct{ owner, ownerRef, block, value string }{
	"fivetran_connector_certificates":   {"connector_id", "connection", "certificate", "encoded_cert"},
	"fivetran_connector_fingerprints":   {"connector_id", "connection", "fingerprint", "public_key"},
	"fivetran_destination_certificates": {"destination_id", "destination", "certificate", "encoded_cert"},
	"fivetran_destination_fingerprints": {"destination_id", "destination", "fingerprint", "public_key"},
}

// memberships are the official membership types: the owner's attribute and
// reference kind, the block, and its target's attribute and reference kind.
var memberships = map[string]struct{ owner, ownerRef, block, target, targetRef string }{
	"fivetran_user_group_membership":     {"user_id", "user", "group", "group_id", "group"},
	"fivetran_user_connector_membership": {"user_id", "user", "connector", "connector_id", "connection"},
	"fivetran_team_user_membership":      {"team_id", "team", "user", "user_id", "user"},
	"fivetran_team_group_membership":     {"team_id", "team", "group", "group_id", "group"},
	"fivetran_team_connector_membership": {"team_id", "team", "connector", "connector_id", "connection"},
}

// Generate reads `terraform show -json` from in and writes the migration's
// HCL to out. A secret's value is never written: it becomes a variable.
func Generate(in io.Reader, out io.Writer, opts Options) (Stats, error) {
	var st Stats
	d := json.NewDecoder(in)
	d.UseNumber()
	var doc showJSON
	if err := d.Decode(&doc); err != nil {
		// The offset only: the text around it may be a secret.
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return st, fmt.Errorf("the input is not `terraform show -json` output (invalid JSON at byte %d)", se.Offset)
		}
		return st, fmt.Errorf("the input is not `terraform show -json` output (%T)", err)
	}
	if doc.Values == nil {
		return st, fmt.Errorf("the input has no state values: give it `terraform show -json` of an applied state")
	}
	g := &gen{opts: opts, used: map[string]bool{}, vars: map[string]bool{}, refs: map[string]string{}, removedFrom: map[string]bool{}}
	g.collect(doc.Values.RootModule, true)
	g.write()
	st = g.stats
	_, err := out.Write(g.buf.Bytes())
	return st, err
}

type gen struct {
	opts  Options
	stats Stats
	buf   bytes.Buffer

	groups, proxyAgents, privateLinks, hybridAgents, webhooks, users, teams, memberships, logs, approvals, destinations, connectors, connections, configs, schedules, schemaConfigs []*resource
	unknown, inModules                                                                                                                                                              []string

	used        map[string]bool   // type.name taken, old and new
	vars        map[string]bool   // variable names taken
	refs        map[string]string // "group:<id>" etc. → reference expression
	removedFrom map[string]bool   // addresses given a removed block
	varBlocks   []string
}

func (g *gen) collect(m module, root bool) {
	for i := range m.Resources {
		r := &m.Resources[i]
		if r.Mode != "managed" || !isOfficial(r.ProviderName) {
			continue
		}
		if len(r.SensitiveValues) > 0 {
			_ = json.Unmarshal(r.SensitiveValues, &r.sensitive)
		}
		g.used[r.Type+"."+baseName(r)] = true
		if !root {
			g.inModules = append(g.inModules, r.Address)
			continue
		}
		switch r.Type {
		case "fivetran_group":
			g.groups = append(g.groups, r)
		case "fivetran_proxy_agent":
			g.proxyAgents = append(g.proxyAgents, r)
		case "fivetran_private_link":
			g.privateLinks = append(g.privateLinks, r)
		case "fivetran_hybrid_deployment_agent":
			g.hybridAgents = append(g.hybridAgents, r)
		case "fivetran_webhook":
			g.webhooks = append(g.webhooks, r)
		case "fivetran_user":
			g.users = append(g.users, r)
		case "fivetran_team":
			g.teams = append(g.teams, r)
		case "fivetran_user_group_membership", "fivetran_user_connector_membership", "fivetran_team_user_membership",
			"fivetran_team_group_membership", "fivetran_team_connector_membership":
			g.memberships = append(g.memberships, r)
		case "fivetran_external_logging":
			g.logs = append(g.logs, r)
		case "fivetran_connector_certificates", "fivetran_connector_fingerprints", "fivetran_destination_certificates",
			"fivetran_destination_fingerprints":
			g.approvals = append(g.approvals, r)
		case "fivetran_destination":
			g.destinations = append(g.destinations, r)
		case "fivetran_connector":
			g.connectors = append(g.connectors, r)
		case "fivetran_connection":
			g.connections = append(g.connections, r)
		case "fivetran_connection_config":
			g.configs = append(g.configs, r)
		case "fivetran_connector_schedule":
			g.schedules = append(g.schedules, r)
		case "fivetran_connector_schema_config":
			g.schemaConfigs = append(g.schemaConfigs, r)
		default:
			g.unknown = append(g.unknown, r.Address)
		}
	}
	for _, c := range m.ChildModules {
		g.collect(c, false)
	}
}

var notIdent = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// baseName is the resource's name with its instance key, as an identifier.
func baseName(r *resource) string {
	switch k := r.Index.(type) {
	case nil:
		return r.Name
	case json.Number:
		return r.Name + "_" + k.String()
	case string:
		return r.Name + "_" + strings.Trim(notIdent.ReplaceAllString(k, "_"), "_")
	}
	return r.Name
}

// newName picks the name at the new address: the old one when the type
// changes, otherwise (same type name in both providers) a new one.
func (g *gen) newName(r *resource) string {
	to := ourType[r.Type]
	name := baseName(r)
	// Taken: by an official resource of the same type name, or by a new one.
	if to == r.Type || g.used[to+"."+name] {
		base := name
		name = base + "_v2"
		for i := 3; g.used[to+"."+name]; i++ {
			name = fmt.Sprintf("%s_v%d", base, i)
		}
	}
	g.used[to+"."+name] = true
	r.newName = name
	return name
}

func str(v map[string]any, k string) string { s, _ := v[k].(string); return s }

func (g *gen) write() {
	g.buf.WriteString("# Written by fivetran-migrate from `terraform show -json`: the official provider's resources\n" +
		"# moved to this provider. Check that `terraform plan` shows only moves before you apply.\n")
	if len(g.unknown)+len(g.inModules) > 0 {
		g.buf.WriteString("#\n")
	}
	if len(g.unknown) > 0 {
		g.stats.Unknown = len(g.unknown)
		slices.Sort(g.unknown)
		g.buf.WriteString("# These official resources have no counterpart in this provider. Keep them on the official\n" +
			"# provider (its resource blocks stay as they are), or forget them with `removed` and import\n# them when a counterpart exists:\n")
		for _, a := range g.unknown {
			g.buf.WriteString("#   " + a + "\n")
		}
	}
	if len(g.inModules) > 0 {
		slices.Sort(g.inModules)
		g.buf.WriteString("# These official resources are inside modules and were not written here; write their new\n" +
			"# resource and `moved` blocks inside the module:\n")
		for _, a := range g.inModules {
			g.buf.WriteString("#   " + a + "\n")
		}
	}
	for _, r := range g.groups {
		name := g.newName(r)
		g.refs["group:"+str(r.Values, "id")] = "fivetran_group." + name + ".id"
	}
	for _, r := range g.proxyAgents {
		name := g.newName(r)
		g.refs["proxy_agent:"+str(r.Values, "id")] = "fivetran_proxy_agent." + name + ".id"
	}
	for _, r := range g.privateLinks {
		name := g.newName(r)
		g.refs["private_link:"+str(r.Values, "id")] = "fivetran_private_link." + name + ".id"
	}
	for _, r := range slices.Concat(g.webhooks, g.memberships, g.logs, g.approvals) {
		g.newName(r)
	}
	for _, r := range g.users {
		g.refs["user:"+str(r.Values, "id")] = "fivetran_user." + g.newName(r) + ".id"
	}
	for _, r := range g.teams {
		g.refs["team:"+str(r.Values, "id")] = "fivetran_team." + g.newName(r) + ".id"
	}
	for _, r := range g.hybridAgents {
		name := g.newName(r)
		g.refs["hybrid_agent:"+str(r.Values, "id")] = "fivetran_hybrid_deployment_agent." + name + ".id"
	}
	for _, r := range g.destinations {
		name := g.newName(r)
		g.refs["destination:"+str(r.Values, "id")] = "fivetran_destination." + name + ".id"
	}
	for _, r := range slices.Concat(g.connectors, g.connections) {
		name := g.newName(r)
		g.refs["connection:"+str(r.Values, "id")] = "fivetran_connection." + name + ".id"
	}
	for _, r := range g.schemaConfigs {
		g.newName(r)
	}
	for _, r := range g.groups {
		b := g.block()
		b.attr("name", str(r.Values, "name"))
		g.emit(r, b)
	}
	for _, r := range g.proxyAgents {
		// The secrets (token, client_cert, client_private_key) are computed:
		// they move with the state and have no place in the configuration.
		// regeneration_counter becomes secrets_version with the same number,
		// so that the move regenerates nothing.
		b := g.block()
		b.attr("display_name", str(r.Values, "display_name"))
		b.attr("region", str(r.Values, "group_region"))
		if n, ok := number(r.Values["regeneration_counter"]); ok {
			b.raw("secrets_version", n)
		}
		g.emit(r, b)
	}
	for _, r := range g.privateLinks {
		// config_map holds every key of every service, null where the
		// link's service has none: only the set ones are written.
		b := g.block()
		b.strings(r.Values, "name", "region", "service")
		if m, ok := r.Values["config_map"].(map[string]any); ok {
			cfg := hclValue{object: true}
			for _, k := range slices.Sorted(maps.Keys(m)) {
				if v, ok := m[k].(string); ok {
					cfg.keys = append(cfg.keys, k)
					cfg.elems = append(cfg.elems, hclValue{line: quote(v)})
				}
			}
			b.obj("config", cfg)
		}
		g.emit(r, b)
	}
	for _, r := range g.hybridAgents {
		// The credentials (token and files) are computed: they move with the
		// state. authentication_counter becomes secrets_version with the same
		// number, so that the move issues no new credentials; accept_terms,
		// which the official provider sends without an attribute, is written.
		b := g.block()
		b.raw("group_id", g.groupRef(str(r.Values, "group_id")))
		b.strings(r.Values, "display_name", "env_type", "auth_type")
		b.raw("accept_terms", "true")
		if n, ok := number(r.Values["authentication_counter"]); ok {
			b.raw("secrets_version", n)
		}
		g.emit(r, b)
	}
	for _, r := range g.webhooks {
		// type follows from group_id here; the secret, which the official
		// state holds as written, becomes a sensitive variable.
		b := g.block()
		if gid := str(r.Values, "group_id"); gid != "" {
			b.raw("group_id", g.groupRef(gid))
		}
		b.strings(r.Values, "url")
		if ev, ok := r.Values["events"].([]any); ok {
			b.obj("events", g.value(ev, nil, "", r))
		}
		b.booleans(r.Values, "active", "run_tests")
		if sec, ok := r.Values["secret"].(string); ok && sec != "" {
			b.obj("secret", g.value(sec, true, r.newName+"_secret", r))
		}
		g.emit(r, b)
	}
	for _, r := range g.users {
		// invited, verified and logged_in_at are Fivetran's: they are not
		// written. phone and picture are written when the old state has them.
		b := g.block()
		b.strings(r.Values, "email", "given_name", "family_name", "phone", "picture", "role")
		g.emit(r, b)
	}
	for _, r := range g.teams {
		b := g.block()
		b.strings(r.Values, "name", "description", "role")
		g.emit(r, b)
	}
	for _, r := range g.memberships {
		// The owner and each target refer to their moved resource, else
		// keep the id; created_at, in each official block, is Fivetran's.
		m := memberships[r.Type]
		b := g.block()
		b.raw(m.owner, g.ref(m.ownerRef, str(r.Values, m.owner)))
		items, _ := r.Values[m.block].([]any)
		for _, it := range items {
			v, _ := it.(map[string]any)
			inner := b.nestedBlock(m.block)
			inner.raw(m.target, g.ref(m.targetRef, str(v, m.target)))
			inner.strings(v, "role")
		}
		g.emit(r, b)
	}
	for _, r := range g.logs {
		// The config block holds every service's keys, null where unused:
		// only the set ones are written, secrets as variables.
		b := g.block()
		b.raw("group_id", g.groupRef(str(r.Values, "group_id")))
		b.strings(r.Values, "service")
		b.booleans(r.Values, "enabled", "run_setup_tests")
		g.secretObject(b, r, "config", blockOf(r.Values["config"]), sub(r.sensitive, "config"))
		g.emit(r, b)
	}
	for _, r := range g.approvals {
		// The details Fivetran computes (name, sha1, validated_by, ...) are
		// not written; a value the state marks sensitive becomes a variable.
		a := approvals[r.Type]
		b := g.block()
		b.raw(a.owner, g.ref(a.ownerRef, cmp.Or(str(r.Values, a.owner), str(r.Values, "id"))))
		items, _ := r.Values[a.block].([]any)
		sens, _ := sub(r.sensitive, a.block).([]any)
		for i, it := range items {
			v, _ := it.(map[string]any)
			inner := b.nestedBlock(a.block)
			inner.strings(v, "hash")
			var s any
			if i < len(sens) {
				s = sub(sens[i], a.value)
			}
			if val, ok := v[a.value].(string); ok && val != "" {
				inner.obj(a.value, g.value(val, s, fmt.Sprintf("%s_%s_%d", r.newName, a.value, i), r))
			}
		}
		g.emit(r, b)
	}
	for _, r := range g.destinations {
		b := g.block()
		// A destination's id is its group's: only the group is referred to
		// (the destination itself would be a cycle).
		gid := str(r.Values, "group_id")
		b.raw("group_id", cmp.Or(g.refs["group:"+gid], quote(gid)))
		b.strings(r.Values, "service", "region", "time_zone_offset")
		b.booleans(r.Values, "daylight_saving_time_enabled", "run_setup_tests", "trust_certificates", "trust_fingerprints")
		b.strings(r.Values, "networking_method")
		g.networkRefs(b, r.Values)
		g.hybridAgentRef(b, r.Values)
		g.secretObject(b, r, "config", blockOf(r.Values["config"]), sub(r.sensitive, "config"))
		g.emit(r, b)
	}
	configByID := map[string]*resource{}
	for _, c := range g.configs {
		configByID[str(c.Values, "connection_id")] = c
	}
	schedByID := map[string]*resource{}
	for _, s := range g.schedules {
		schedByID[cmp.Or(str(s.Values, "connector_id"), str(s.Values, "id"))] = s
	}
	for _, r := range slices.Concat(g.connectors, g.connections) {
		id := str(r.Values, "id")
		b := g.block()
		if gid := str(r.Values, "group_id"); gid != "" {
			b.raw("group_id", g.groupRef(gid))
		}
		b.strings(r.Values, "service")
		flags := r.Values
		if c := configByID[id]; c != nil && r.Values["run_setup_tests"] == nil {
			flags = c.Values // the companion holds them
		}
		b.booleans(flags, "run_setup_tests", "trust_certificates", "trust_fingerprints")
		b.strings(r.Values, "networking_method")
		g.networkRefs(b, r.Values)
		g.hybridAgentRef(b, r.Values)
		b.strings(r.Values, "data_delay_sensitivity")
		b.integers(r.Values, "data_delay_threshold")
		ds := blockOf(r.Values["destination_schema"])
		config := blockOf(r.Values["config"])
		var auth map[string]any
		configSens, authSens := sub(r.sensitive, "config"), sub(r.sensitive, "auth")
		if r.Type == "fivetran_connection" {
			config = jsonObject(r.Values["config"])
			configSens = wholeIf(configSens)
		}
		if c := configByID[id]; c != nil {
			// The companion's config and auth are JSON strings; one marked
			// sensitive is secret as a whole, so every value in it becomes a
			// variable. Its config keys join the connection's: the move keeps
			// the connection's, and a key only the companion holds is written
			// too, so that it stays managed (the first apply sends it).
			if cc := jsonObject(c.Values["config"]); cc != nil {
				merged, sens := map[string]any{}, map[string]any{}
				for k, v := range config {
					merged[k], sens[k] = v, sub(configSens, k)
				}
				companionSens := wholeIf(sub(c.sensitive, "config"))
				for k, v := range cc {
					merged[k], sens[k] = v, companionSens
				}
				config, configSens = merged, sens
			}
			if ca := jsonObject(c.Values["auth"]); ca != nil {
				auth = ca
				authSens = wholeIf(sub(c.sensitive, "auth"))
			}
		} else if r.Type == "fivetran_connector" {
			auth = blockOf(r.Values["auth"])
		}
		// destination_schema's keys live in their own attribute, never in
		// config.
		for _, k := range []string{"schema", "table", "schema_prefix", "table_group_name"} {
			delete(config, k)
		}
		for k, v := range ds {
			if v == "" {
				delete(ds, k)
			}
		}
		if dsv, ok := cleanValue(ds).(map[string]any); ok {
			b.obj("destination_schema", g.value(dsv, nil, "", nil))
		}
		g.secretObject(b, r, "config", config, configSens)
		g.secretObject(b, r, "auth", auth, authSens)
		s := schedByID[id]
		if s == nil && r.Type == "fivetran_connector" {
			s = r // a connector of schema version 0 held its own schedule
		}
		if s != nil {
			b.integers(s.Values, "sync_frequency")
			b.strings(s.Values, "schedule_type", "daily_sync_time")
			b.booleans(s.Values, "paused", "pause_after_trial")
		}
		g.emit(r, b)
		if sc := schedByID[id]; sc != nil {
			g.removed(sc)
			delete(schedByID, id)
		}
		if c := configByID[id]; c != nil && r.Type == "fivetran_connection" {
			g.removed(c)
			delete(configByID, id)
		}
	}
	// A schedule or companion whose connection is not in the state still
	// leaves it: nothing here could move it.
	for _, k := range slices.Sorted(maps.Keys(schedByID)) {
		g.removed(schedByID[k])
	}
	for _, k := range slices.Sorted(maps.Keys(configByID)) {
		g.removed(configByID[k])
	}
	for _, r := range g.schemaConfigs {
		b := g.block()
		id := cmp.Or(str(r.Values, "connector_id"), str(r.Values, "id"))
		b.raw("connection_id", cmp.Or(g.refs["connection:"+id], quote(id)))
		b.strings(r.Values, "schema_change_handling")
		f := schemaChoices(r.Values).Flat()
		for _, m := range []struct {
			name string
			v    map[string]string
		}{{"schemas", f.Schemas}, {"tables", f.Tables}, {"sync_modes", f.SyncModes}, {"columns", f.Columns}} {
			if len(m.v) > 0 {
				om := map[string]any{}
				for k, v := range m.v {
					om[k] = v
				}
				b.obj(m.name, g.value(om, nil, "", nil))
			}
		}
		g.emit(r, b)
	}
	for _, v := range g.varBlocks {
		g.buf.WriteString("\n" + v)
	}
}

// ref refers to the moved object of a kind ("user", "team", "group",
// "destination", "connection") with id, else to the id itself.
func (g *gen) ref(kind, id string) string {
	switch kind {
	case "group":
		return g.groupRef(id)
	case "destination":
		return cmp.Or(g.refs["destination:"+id], quote(id))
	}
	return cmp.Or(g.refs[kind+":"+id], quote(id))
}

// groupRef refers to a connection's group: the moved group, else the moved
// destination of the same id, else the id itself.
func (g *gen) groupRef(id string) string {
	return cmp.Or(g.refs["group:"+id], g.refs["destination:"+id], quote(id))
}

// hybridAgentRef writes hybrid_deployment_agent_id (or the older
// local_processing_agent_id): a reference to the moved agent of that id,
// else the id itself.
func (g *gen) hybridAgentRef(b *body, v map[string]any) {
	if id := cmp.Or(str(v, "hybrid_deployment_agent_id"), str(v, "local_processing_agent_id")); id != "" {
		b.raw("hybrid_deployment_agent_id", cmp.Or(g.refs["hybrid_agent:"+id], quote(id)))
	}
}

// networkRefs writes private_link_id and proxy_agent_id: each a reference
// to the moved link or agent of that id (so that Terraform creates or
// replaces it first), else the id itself.
func (g *gen) networkRefs(b *body, v map[string]any) {
	if id := str(v, "private_link_id"); id != "" {
		b.raw("private_link_id", cmp.Or(g.refs["private_link:"+id], quote(id)))
	}
	if id := str(v, "proxy_agent_id"); id != "" {
		b.raw("proxy_agent_id", cmp.Or(g.refs["proxy_agent:"+id], quote(id)))
	}
}

func (g *gen) block() *body {
	b := &body{indent: "  "}
	if g.opts.Provider != "" {
		b.raw("provider", g.opts.Provider)
	}
	return b
}

func (g *gen) emit(r *resource, b *body) {
	to := ourType[r.Type]
	fmt.Fprintf(&g.buf, "\nresource %q %q {\n%s}\n", to, r.newName, b.String())
	fmt.Fprintf(&g.buf, "\nmoved {\n  from = %s\n  to   = %s.%s\n}\n", r.Address, to, r.newName)
	g.stats.Moved++
}

func (g *gen) removed(r *resource) {
	from := removedFrom(r)
	if g.removedFrom[from] {
		return // instances of one resource (count, for_each) share one block
	}
	g.removedFrom[from] = true
	fmt.Fprintf(&g.buf, "\nremoved {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", from)
	g.stats.Removed++
}

// removedFrom is the address a removed block takes: it names a resource, not
// an instance, so all instances of it go.
func removedFrom(r *resource) string { return r.Type + "." + r.Name }

// secretObject writes attribute name as an object, each secret in it (marked
// sensitive, or masked) replaced by a variable.
func (g *gen) secretObject(b *body, r *resource, name string, v map[string]any, sens any) {
	if c, ok := cleanValue(v).(map[string]any); ok {
		b.obj(name, g.value(c, sens, r.newName+"_"+name, r))
	}
}

// value renders v as HCL at the given indent level (written by body.obj).
// sens mirrors v with true where a value is secret; prefix names variables.
func (g *gen) value(v any, sens any, prefix string, r *resource) hclValue {
	switch v.(type) {
	case map[string]any, []any:
		// A secret object or list: each value in it is a variable of its own,
		// so that every variable is a plain string, number or boolean.
	default:
		if sens == true || v == maskedSecret {
			return hclValue{line: "var." + g.variable(prefix, r, v == maskedSecret, v)}
		}
	}
	switch t := v.(type) {
	case map[string]any:
		var o hclValue
		o.keys = slices.Sorted(maps.Keys(t))
		for _, k := range o.keys {
			o.elems = append(o.elems, g.value(t[k], sub(sens, k), prefix+"_"+k, r))
		}
		o.object = true
		return o
	case []any:
		l := hclValue{list: true}
		for i, e := range t {
			l.elems = append(l.elems, g.value(e, subIndex(sens, i), fmt.Sprintf("%s_%d", prefix, i), r))
		}
		return l
	case string:
		return hclValue{line: quote(t)}
	case json.Number:
		return hclValue{line: t.String()}
	case bool:
		return hclValue{line: strconv.FormatBool(t)}
	}
	return hclValue{line: "null"}
}

// variable declares a sensitive variable for a secret and returns its name.
// The value is never written.
func (g *gen) variable(prefix string, r *resource, masked bool, v any) string {
	name := strings.Trim(notIdent.ReplaceAllString(strings.ReplaceAll(prefix, "-", "_"), "_"), "_")
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		name = "secret_" + name
	}
	base := name
	for i := 2; g.vars[name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	g.vars[name] = true
	g.stats.Variables++
	what := "A secret"
	if r != nil {
		what = "A secret of " + ourType[r.Type] + "." + r.newName
	}
	if masked {
		what += " (masked in the old state: the move leaves it out and the first apply sends it)"
	}
	b := &body{indent: "  "}
	b.raw("description", quote(what))
	if _, ok := v.(string); ok {
		b.raw("type", "string")
	}
	b.raw("sensitive", "true")
	g.varBlocks = append(g.varBlocks, fmt.Sprintf("variable %q {\n%s}\n", name, b.String()))
	return name
}

// sub is the sensitivity of key k inside s: true for all of a secret
// object, nil for none.
func sub(s any, k string) any {
	switch t := s.(type) {
	case bool:
		return t
	case map[string]any:
		return t[k]
	case []any:
		if len(t) == 1 { // a block stored as a one-element list
			return sub(t[0], k)
		}
	}
	return nil
}

func subIndex(s any, i int) any {
	switch t := s.(type) {
	case bool:
		return t
	case []any:
		if i < len(t) {
			return t[i]
		}
	}
	return nil
}

// wholeIf makes a sensitive JSON string attribute secret in every value.
func wholeIf(s any) any {
	if s == true {
		return true
	}
	return nil
}

// blockOf reads a nested block: an object or a list holding one.
func blockOf(v any) map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return maps.Clone(t)
	case []any:
		if len(t) == 1 {
			m, _ := t[0].(map[string]any)
			return maps.Clone(m)
		}
	}
	return nil
}

func jsonObject(v any) map[string]any {
	s, ok := v.(string)
	if !ok || s == "" {
		return nil
	}
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var m map[string]any
	if d.Decode(&m) != nil {
		return nil
	}
	return m
}

// cleanValue drops nulls, empty lists and empty objects, at any depth.
func cleanValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			if c := cleanValue(e); c != nil {
				out[k] = c
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		out := []any{}
		for _, e := range t {
			if c := cleanValue(e); c != nil {
				out = append(out, c)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case string:
		return t
	}
	return v
}

func number(v any) (string, bool) {
	switch t := v.(type) {
	case json.Number:
		return t.String(), true
	case string:
		if _, err := strconv.ParseInt(t, 10, 64); err == nil {
			return t, true
		}
	}
	return "", false
}

func boolean(v any) (bool, bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case string:
		b, err := strconv.ParseBool(t)
		return b, err == nil
	}
	return false, false
}

// schemaChoices reads an official schema config's choices in any of its
// three forms (schema blocks, the schemas map, schemas_json).
func schemaChoices(v map[string]any) schemachoice.Choices {
	c := schemachoice.Choices{Schemas: map[string]*schemachoice.Schema{}}
	if l, ok := v["schema"].([]any); ok {
		readSchemas(l, "table", "column", c.Schemas)
	}
	if m, ok := v["schemas"].(map[string]any); ok {
		readSchemas(m, "tables", "columns", c.Schemas)
	}
	if m := jsonObject(v["schemas_json"]); m != nil {
		readSchemas(m, "tables", "columns", c.Schemas)
	}
	return c
}

// named lists a level's entries by name: blocks with a name, or a map.
func named(v any) map[string]map[string]any {
	out := map[string]map[string]any{}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if m, ok := e.(map[string]any); ok && str(m, "name") != "" {
				out[str(m, "name")] = m
			}
		}
	case map[string]any:
		for k, e := range t {
			m, _ := e.(map[string]any)
			out[k] = m
		}
	}
	return out
}

func flagOf(m map[string]any, k string) *bool {
	if b, ok := boolean(m[k]); ok {
		return &b
	}
	return nil
}

func readSchemas(v any, tablesKey, columnsKey string, into map[string]*schemachoice.Schema) {
	for sn, sf := range named(v) {
		s := into[sn]
		if s == nil {
			s = &schemachoice.Schema{}
			into[sn] = s
		}
		s.Enabled = flagOf(sf, "enabled")
		for tn, tf := range named(sf[tablesKey]) {
			t := &schemachoice.Table{Enabled: flagOf(tf, "enabled")}
			if m := str(tf, "sync_mode"); m != "" {
				t.SyncMode = &m
			}
			for cn, cf := range named(tf[columnsKey]) {
				col := &schemachoice.Column{Enabled: flagOf(cf, "enabled"), Hashed: flagOf(cf, "hashed")}
				if col.Enabled == nil && col.Hashed == nil {
					continue
				}
				if t.Columns == nil {
					t.Columns = map[string]*schemachoice.Column{}
				}
				t.Columns[cn] = col
			}
			if s.Tables == nil {
				s.Tables = map[string]*schemachoice.Table{}
			}
			s.Tables[tn] = t
		}
	}
}

package emulator

import (
	"fmt"
	"reflect"
	"strconv"
)

// The emulator's rules for the top-level fields of group, destination and
// connection bodies, one table per object (API.md, "Groups", "Destinations", "Connections");
// users and teams keep theirs beside their handlers (userRules, teamRules).
// Creates and updates read their bodies through parseBody; only what a rule
// cannot say (where a value is stored, what it sets in status) stays in the
// handlers.

type fieldKind int

const (
	kindString        fieldKind = iota
	kindBool                    // true/false, or a string strconv.ParseBool accepts
	kindCount                   // a non-negative integer
	kindObject                  // a JSON object, stored as sent
	kindRef                     // the id of another object; null clears it, "" is refused
	kindSyncFrequency           // one of syncFrequencyEnum (minutes)
	kindHour                    // "HH:00"
)

// fieldRule is what the API accepts for one field.
type fieldRule struct {
	name      string
	kind      fieldKind
	enum      []string // allowed values of a string
	required  bool     // a create must send it (null counts as absent)
	notEmpty  bool     // "" is refused with "<name> cannot be empty"
	immutable bool     // an update may repeat the value, not change it
	clearable bool     // a null in an update unsets the field
	flag      bool     // a test-control flag: checked, never stored
	create    bool     // create-only: an update ignores it
	def       any      // stored by a create that leaves the field out
	nullable  bool     // stored as null by a create that leaves it out (sent as null when unset)
}

// testFlagRules are the setup-test flags every write accepts.
var testFlagRules = []fieldRule{
	{name: "run_setup_tests", kind: kindBool, flag: true},
	{name: "trust_certificates", kind: kindBool, flag: true},
	{name: "trust_fingerprints", kind: kindBool, flag: true},
}

// syncRules and connectCardRules are the options of POST
// /connections/{id}/sync and of a Connect Card's connect_card_config.
var (
	syncRules        = []fieldRule{{name: "force", kind: kindBool}}
	connectCardRules = []fieldRule{{name: "hide_setup_guide", kind: kindBool}, {name: "all_fields", kind: kindBool}}
)

// refRules are the ids of networking and secrets objects. Of these the
// emulator models proxy agents, private links and hybrid deployment
// agents: a proxy_agent_id, private_link_id or hybrid_deployment_agent_id
// must name one (checkProxyAgentRef, proxy_agents.go; checkPrivateLinkRef,
// private_links.go; checkHybridAgentRef, hybrid_agents.go); the others may
// be any id.
var refRules = []fieldRule{
	{name: "private_link_id", kind: kindRef, clearable: true, nullable: true},
	{name: "proxy_agent_id", kind: kindRef, clearable: true, nullable: true},
	{name: "hybrid_deployment_agent_id", kind: kindRef, clearable: true, nullable: true},
	{name: "external_secrets_manager_id", kind: kindRef, clearable: true, nullable: true},
}

var groupRules = []fieldRule{
	{name: "name", kind: kindString, required: true},
}

var destinationRules = concat([]fieldRule{
	{name: "group_id", kind: kindString, required: true, immutable: true},
	{name: "service", kind: kindString, required: true, immutable: true},
	{name: "time_zone_offset", kind: kindString, enum: timeZoneEnum, required: true},
	{name: "region", kind: kindString, enum: regionEnum, notEmpty: true, def: "GCP_US_EAST4"},
	{name: "networking_method", kind: kindString, enum: networkingEnum, def: "Directly"},
	{name: "daylight_saving_time_enabled", kind: kindBool, def: false},
	{name: "config", kind: kindObject},
}, refRules, testFlagRules)

var connectionRules = concat([]fieldRule{
	{name: "group_id", kind: kindString, required: true, immutable: true},
	{name: "service", kind: kindString, required: true, immutable: true},
	{name: "config", kind: kindObject, required: true},
	{name: "auth", kind: kindObject},
	{name: "paused", kind: kindBool, def: false},
	{name: "pause_after_trial", kind: kindBool, def: false},
	{name: "is_historical_sync", kind: kindBool},
	{name: "sync_frequency", kind: kindSyncFrequency, def: int64(360)},
	{name: "daily_sync_time", kind: kindHour, clearable: true},
	{name: "schedule_type", kind: kindString, enum: scheduleTypeEnum, def: "auto"},
	{name: "data_delay_sensitivity", kind: kindString, enum: delaySensEnum, def: "NORMAL"},
	{name: "data_delay_threshold", kind: kindCount, def: int64(0)},
	{name: "networking_method", kind: kindString, enum: networkingEnum, def: "Directly"},
	{name: "destination_schema_names", kind: kindString, enum: schemaNamesEnum, immutable: true},
	{name: "schema_status", kind: kindString, enum: schemaStatusEnum},
	{name: "destination_configuration", kind: kindObject, clearable: true},
	{name: "external_secrets_keys_config", kind: kindObject},
	{name: "schedule", kind: kindObject, clearable: true},
	{name: "connect_card_config", kind: kindObject, create: true}, // accepted on create only (API.md, "Connections")
}, refRules, testFlagRules)

func concat(parts ...[]fieldRule) []fieldRule {
	var out []fieldRule
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// parseBody checks a create (current == nil) or update body against rules and
// returns the fields it sets, converted (integers as int64).
// Absent fields are left out; a null is absent, except that in an update it
// unsets a clearable field (the result then holds nil). In an update an
// immutable field must keep its current value: changeMsg is the error format.
func parseBody(rules []fieldRule, body, current map[string]any, changeMsg string) (map[string]any, *APIError) {
	out := map[string]any{}
	for _, r := range rules {
		if current != nil && r.create {
			continue
		}
		v, inBody := body[r.name]
		if !inBody || v == nil {
			switch {
			case current == nil && r.required:
				return nil, invalid("Field '%s' is required", r.name)
			case current != nil && inBody && r.clearable:
				out[r.name] = nil
			}
			continue
		}
		val, err := r.check(v)
		if err != nil {
			return nil, err
		}
		if current != nil && r.immutable && !reflect.DeepEqual(normalizeNumber(val), normalizeNumber(current[r.name])) {
			return nil, invalid(changeMsg, r.name)
		}
		out[r.name] = val
	}
	return out, nil
}

// check validates one non-null value and returns it in stored form.
func (r fieldRule) check(v any) (any, *APIError) {
	switch r.kind {
	case kindBool:
		b, ok := toBool(v)
		if !ok {
			return nil, invalid("Field '%s' must be a boolean", r.name)
		}
		return b, nil
	case kindCount:
		i, ok := toInt(v)
		if !ok {
			return nil, invalid("Field '%s' must be an integer", r.name)
		}
		if i < 0 {
			return nil, invalid("Field '%s' must not be negative", r.name)
		}
		return i, nil
	case kindSyncFrequency:
		if i, ok := toInt(v); ok {
			for _, x := range syncFrequencyEnum {
				if x == i {
					return i, nil
				}
			}
		}
		allowed := make([]string, len(syncFrequencyEnum))
		for k, x := range syncFrequencyEnum {
			allowed[k] = strconv.FormatInt(x, 10)
		}
		return nil, enumErr(r.name, fmt.Sprint(v), allowed)
	case kindObject:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, invalid("Field '%s' must be an object", r.name)
		}
		return deepCopyMap(m), nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, invalid("Field '%s' must be a string", r.name)
	}
	switch {
	case r.kind == kindRef && s == "":
		// An id must name an object: null, not "", clears it (API.md, "Clearing with null").
		return nil, invalid("Field '%s' cannot be empty. Send null to remove it", r.name)
	case r.notEmpty && s == "":
		return nil, invalid("%s cannot be empty", r.name)
	case len(r.enum) > 0 && !inEnum(s, r.enum):
		return nil, enumErr(r.name, s, r.enum)
	case r.kind == kindHour && !dailySyncTimeRe.MatchString(s):
		return nil, invalid("Field '%s' has an invalid value '%s'. It must be a whole hour from 00:00 to 23:00", r.name, s)
	}
	return s, nil
}

// defaults returns the values a create stores for the fields it left out.
func defaults(rules []fieldRule, parsed map[string]any) map[string]any {
	out := map[string]any{}
	for _, r := range rules {
		if _, set := parsed[r.name]; set || r.flag {
			continue
		}
		if r.def != nil || r.nullable {
			out[r.name] = r.def
		}
	}
	return out
}

// persistent reports whether an update body changes anything stored (test
// flags alone do not; a null counts only where it unsets a field).
func persistent(rules []fieldRule, body map[string]any) bool {
	for _, r := range rules {
		if v, inBody := body[r.name]; inBody && !r.flag && !r.create && (v != nil || r.clearable) {
			return true
		}
	}
	return false
}

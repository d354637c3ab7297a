package configproj

import (
	"sort"
	"strconv"
)

// Changes returns the top-level config keys to send in a PATCH (rule 6).
// Fivetran merges config shallowly, so a changed key is sent with its whole
// planned value. A planned nil is sent as nil (JSON null clears the key)
// unless prior already held nil, and keys only in prior are not sent: they are
// no longer managed (rule 5). A planned value containing Unknown counts as
// changed. The result is never nil; it is empty when nothing changed.
func Changes(prior, planned map[string]any, opts Options) map[string]any {
	out := map[string]any{}
	for k, p := range planned {
		if ContainsUnknown(p) {
			out[k] = cloneValue(p)
			continue
		}
		old, had := prior[k]
		if p == nil {
			if !had || old != nil {
				out[k] = nil
			}
			continue
		}
		if !had || !Equal(old, p, []string{k}, opts) {
			out[k] = cloneValue(p)
		}
	}
	return out
}

// ForCreate returns the config to send on create: planned without its
// top-level nil values (rule 5; nested nils are kept). The result is never
// nil.
func ForCreate(planned map[string]any) map[string]any {
	out := make(map[string]any, len(planned))
	for k, v := range planned {
		if v == nil {
			continue
		}
		out[k] = cloneValue(v)
	}
	return out
}

// ImportView returns the config to adopt when nothing is configured yet
// (import), rule 7: every key the API returns except the top-level keys in
// drop, nulls (in objects, at any depth) and masked secrets. droppedSecrets
// lists, sorted, the paths of the secrets left out ("password",
// "tunnel.private_key", "reports[0].token"); a list that holds masked items
// directly is left out whole and reported by its own path ("tokens"). The
// view is never nil.
func ImportView(api map[string]any, drop []string) (view map[string]any, droppedSecrets []string) {
	skip := make(map[string]bool, len(drop))
	for _, k := range drop {
		skip[k] = true
	}
	view = map[string]any{}
	for k, v := range api {
		if skip[k] {
			continue
		}
		if nv, keep := importValue(v, k, &droppedSecrets); keep {
			view[k] = nv
		}
	}
	sort.Strings(droppedSecrets)
	return view, droppedSecrets
}

// importValue strips masks and nulls from v (at display path disp); keep is
// false when v itself is to be left out.
func importValue(v any, disp string, secrets *[]string) (out any, keep bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case string:
		if x == Masked {
			*secrets = append(*secrets, disp)
			return nil, false
		}
		return x, true
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			if ne, keep := importValue(e, disp+"."+k, secrets); keep {
				m[k] = ne
			}
		}
		return m, true
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && s == Masked {
				*secrets = append(*secrets, disp)
				return nil, false
			}
		}
		l := make([]any, len(x))
		for i, e := range x {
			// Null items stay: removing them would shift the indexes.
			l[i], _ = importValue(e, disp+"["+strconv.Itoa(i)+"]", secrets)
		}
		return l, true
	}
	return v, true
}

// ImmutableChanges returns the paths of the keys the schema marks immutable
// (Fivetran sets them at creation only) whose planned value differs from
// prior, recursing into objects; the caller plans a replacement for them.
// Only a value the user managed before and changes now counts: a key newly
// written (absent from prior) or no longer written (absent from planned) is
// not a change of the object. A planned nil where prior held a value, and a
// value where prior held nil, are changes; so is a planned value that holds
// Unknown (it may turn out different). Paths are sorted.
func ImmutableChanges(prior, planned map[string]any, schema *Schema, opts Options) [][]string {
	var out [][]string
	immutableChanges(prior, planned, schema, nil, opts, &out)
	sort.Slice(out, func(i, j int) bool { return comparePaths(out[i], out[j]) < 0 })
	return out
}

func immutableChanges(prior, planned map[string]any, s *Schema, path []string, opts Options, out *[][]string) {
	if s == nil || s.Properties == nil {
		return
	}
	for k, p := range planned {
		ps := s.Properties[k]
		old, had := prior[k]
		if ps == nil || !had {
			continue
		}
		at := sub(path, k)
		if ps.Immutable {
			if ContainsUnknown(p) || (p == nil) != (old == nil) || (p != nil && !Equal(old, p, at, opts)) {
				*out = append(*out, at)
			}
			continue
		}
		pm, pok := p.(map[string]any)
		om, ook := old.(map[string]any)
		if pok && ook {
			immutableChanges(om, pm, ps, at, opts, out)
		}
	}
}

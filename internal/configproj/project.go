package configproj

import (
	"encoding/json"
	"strconv"
)

// Project maps the config the API returned onto the configured keys (rules
// 1-5). The result has exactly the keys of configured (nil when configured is
// nil); api may be nil (every configured key then reads as nil). Inputs are
// not modified and the result shares no maps or lists with them.
func Project(configured, api map[string]any, opts Options) map[string]any {
	if configured == nil {
		return nil
	}
	return projectMap(configured, api, nil, opts)
}

func projectMap(configured, api map[string]any, path []string, opts Options) map[string]any {
	out := make(map[string]any, len(configured))
	for k, c := range configured {
		a, ok := api[k]
		if !ok {
			// Rule 4: a configured key the API no longer returns reads as
			// nil, so the plan re-adds it (or, for a null, stays null).
			out[k] = nil
			continue
		}
		out[k] = ProjectValue(c, a, sub(path, k), opts)
	}
	return out
}

// ProjectValue projects one API value onto one configured value at path
// (rules 2-4); see Project.
func ProjectValue(configured, api any, path []string, opts Options) any {
	if IsUnknown(configured) {
		// Project never receives Unknown; the API value is the best answer.
		return cloneValue(api)
	}
	// Rule 3: a mask keeps whatever was configured, whole.
	if s, ok := api.(string); ok && s == Masked {
		return cloneValue(configured)
	}
	switch c := configured.(type) {
	case nil:
		// Rule 4: the user asked for null; a value there is drift.
		return cloneValue(api)
	case map[string]any:
		a, ok := api.(map[string]any)
		if !ok {
			a, ok = jsonContainer(api).(map[string]any)
		}
		if !ok {
			return cloneValue(api)
		}
		if c == nil {
			c = map[string]any{}
		}
		return projectMap(c, a, path, opts)
	case []any:
		a, ok := api.([]any)
		if !ok {
			a, ok = jsonContainer(api).([]any)
		}
		if !ok {
			return cloneValue(api)
		}
		return projectList(c, a, path, opts)
	}
	// A configured scalar.
	if Equal(configured, api, path, opts) {
		return configured
	}
	return coerce(configured, api, path)
}

// jsonContainer returns the object or list held in a JSON string, or nil.
func jsonContainer(v any) any {
	if s, ok := v.(string); ok {
		if p, ok := parseJSONText(s); ok {
			return p
		}
	}
	return nil
}

// projectList implements rule 4 for lists.
func projectList(c, a []any, path []string, opts Options) []any {
	out := make([]any, len(a))
	kind := listKind(c)
	for i, e := range a {
		if i < len(c) {
			out[i] = ProjectValue(c[i], e, sub(path, strconv.Itoa(i)), opts)
			continue
		}
		if kind != nil {
			out[i] = coerce(kind, e, sub(path, strconv.Itoa(i)))
			continue
		}
		out[i] = cloneValue(e)
	}
	return out
}

// listKind returns a representative scalar of the configured list when all
// its elements are scalars of one kind (number, string or bool), else nil.
func listKind(c []any) any {
	var rep any
	for _, e := range c {
		k := scalarKind(e)
		if k == "" {
			return nil
		}
		if rep == nil {
			rep = e
		} else if scalarKind(rep) != k {
			return nil
		}
	}
	if s, ok := rep.(string); ok {
		if _, isJSON := parseJSONText(s); isJSON {
			return nil // strings holding JSON are not a simple kind
		}
	}
	return rep
}

func scalarKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "bool"
	}
	if isNumeric(v) {
		return "number"
	}
	return ""
}

// coerce converts the API value api to the kind of the configured scalar
// when that is possible without loss of meaning (rule 4); otherwise it
// returns api unchanged (numbers normalized to json.Number).
func coerce(configured, api any, path []string) any {
	switch c := configured.(type) {
	case string:
		if s, ok := api.(string); ok {
			return s
		}
		if n, ok := numCanon(api); ok {
			return n
		}
		if b, ok := api.(bool); ok {
			return strconv.FormatBool(b)
		}
		if inner, isJSON := parseJSONText(c); isJSON {
			switch api.(type) {
			case map[string]any, []any:
				// Project onto the JSON held in the string, so masks and
				// server-added keys inside do not show, then re-encode.
				p := ProjectValue(inner, api, path, Options{})
				if Equal(p, inner, nil, Options{}) {
					return configured
				}
				if txt, ok := marshalJSON(p); ok {
					return txt
				}
			}
		}
	case bool:
		if s, ok := api.(string); ok {
			if b, ok := parseBool(s); ok {
				return b
			}
		}
	default:
		if isNumeric(configured) {
			if s, ok := api.(string); ok {
				if n, ok := strCanon(s); ok {
					return json.Number(n)
				}
			}
		}
	}
	if n, ok := numCanon(api); ok {
		return json.Number(n)
	}
	return cloneValue(api)
}

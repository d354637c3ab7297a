package configproj

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/suggest"
)

// Schema is the JSON-schema-like metadata Fivetran publishes for a connector
// or destination type's config.
type Schema struct {
	Type       string             // string|integer|number|boolean|array|object ("" = any)
	Enum       []string           // allowed values (compared as text)
	Items      *Schema            // for arrays
	Properties map[string]*Schema // for objects; nil = any keys allowed
	Required   []string           // not checked by Validate
	Secret     bool
	Readonly   bool
	Immutable  bool
}

// Problem is one finding of Validate. Path holds the keys, and list indexes
// as plain decimal strings ("reports", "0", "table").
type Problem struct {
	Path    []string
	Summary string
	Detail  string
}

// ValidateOptions tunes Validate.
type ValidateOptions struct {
	// SkipKeys are top-level keys not checked (and not suggested); the
	// provider handles the destination-schema keys itself.
	SkipKeys []string
	// What names the checked type in messages, e.g. `connector type "postgres"`.
	What string
}

// Problem summaries.
const (
	SummaryUnknownKey = "Unknown config key"
	SummaryWrongType  = "Wrong config value type"
	SummaryInvalid    = "Invalid config value"
	SummaryReadonly   = "Read-only config key"
)

const maxListedKeys = 10

// Validate checks config against schema: unknown keys, value types, enum
// values and read-only keys, recursing into objects and list items. Nil
// values (which clear a key) and Unknown values are not checked; required
// keys are not checked. Problems are sorted by path. A nil schema accepts
// everything.
func Validate(config map[string]any, schema *Schema, opts ValidateOptions) []Problem {
	if schema == nil {
		return nil
	}
	v := validator{opts: opts, skip: map[string]bool{}}
	for _, k := range opts.SkipKeys {
		v.skip[k] = true
	}
	v.object(config, schema, nil, "")
	sort.SliceStable(v.problems, func(i, j int) bool {
		a, b := v.problems[i], v.problems[j]
		if c := comparePaths(a.Path, b.Path); c != 0 {
			return c < 0
		}
		if a.Summary != b.Summary {
			return a.Summary < b.Summary
		}
		return a.Detail < b.Detail
	})
	return v.problems
}

type validator struct {
	opts     ValidateOptions
	skip     map[string]bool
	problems []Problem
}

func (v *validator) add(path []string, summary, detail string) {
	v.problems = append(v.problems, Problem{Path: path, Summary: summary, Detail: detail})
}

// of returns ` of connector type "x"` (or "").
func (v *validator) of() string {
	if v.opts.What == "" {
		return ""
	}
	return " of " + v.opts.What
}

func (v *validator) object(m map[string]any, s *Schema, path []string, disp string) {
	top := len(path) == 0
	keys := make([]string, 0, len(m))
	for k := range m {
		if top && v.skip[k] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := sub(path, k)
		d := k
		if disp != "" {
			d = disp + "." + k
		}
		if s.Properties == nil {
			v.value(m[k], nil, p, d)
			continue
		}
		ps, ok := s.Properties[k]
		if !ok {
			v.unknownKey(k, s, top, p, d)
			continue
		}
		v.value(m[k], ps, p, d)
	}
}

func (v *validator) unknownKey(k string, s *Schema, top bool, p []string, d string) {
	var valid []string
	for name, ps := range s.Properties {
		if (top && v.skip[name]) || (ps != nil && ps.Readonly) {
			continue
		}
		valid = append(valid, name)
	}
	sort.Strings(valid)
	where := " is not a config field" + v.of() + "."
	if v.opts.What == "" {
		where = " is not a known config field."
	}
	detail := fmt.Sprintf("Key %q%s", d, where)
	if sug := Suggest(k, valid); sug != "" {
		detail += fmt.Sprintf(" Did you mean %q?", sug)
	} else if len(valid) == 0 {
		detail += " No keys are allowed here."
	} else if len(valid) <= maxListedKeys {
		detail += " Valid keys: " + QuoteList(valid) + "."
	} else {
		detail += fmt.Sprintf(" Valid keys include: %s (and %d more).",
			QuoteList(valid[:maxListedKeys]), len(valid)-maxListedKeys)
	}
	v.add(p, SummaryUnknownKey, detail)
}

func (v *validator) value(val any, s *Schema, p []string, d string) {
	if val == nil || IsUnknown(val) || s == nil {
		return
	}
	if s.Readonly {
		v.add(p, SummaryReadonly, fmt.Sprintf(
			"Key %q%s is read-only: Fivetran sets it. Remove it from config.", d, v.of()))
		return
	}
	if !typeOK(val, s.Type) {
		v.add(p, SummaryWrongType, fmt.Sprintf("Key %q%s expects %s, got %s.",
			d, v.of(), typeName(s.Type), kindOf(val)))
		return
	}
	switch x := val.(type) {
	case map[string]any:
		if s.Properties != nil || s.Type == "object" {
			v.object(x, s, p, d)
		}
		return
	case []any:
		for i, e := range x {
			v.value(e, s.Items, sub(p, strconv.Itoa(i)), d+"["+strconv.Itoa(i)+"]")
		}
		return
	}
	if len(s.Enum) > 0 {
		txt, ok := scalarText(val)
		if !ok {
			return
		}
		for _, e := range s.Enum {
			if e == txt {
				return
			}
			if n, ok := strCanon(e); ok && isNumeric(val) && n == txt {
				return
			}
		}
		// The value given is never quoted (see "What a diagnostic may quote"
		// in DESIGN.md): it may come from a sensitive variable. A suggestion
		// names an allowed value, and is left out for a field the metadata
		// marks secret, where even that would say too much.
		detail := fmt.Sprintf("Key %q%s must be one of %s.", d, v.of(), QuoteList(s.Enum))
		hint := ""
		if !s.Secret {
			for _, e := range s.Enum {
				if strings.EqualFold(e, txt) {
					hint = e
					break
				}
			}
			if hint == "" {
				hint = Suggest(txt, s.Enum)
			}
		}
		if hint != "" {
			detail += fmt.Sprintf(" Did you mean %q?", hint)
		}
		v.add(p, SummaryInvalid, detail)
	}
}

// typeOK reports whether val is acceptable for the schema type, with the
// leniency Fivetran itself has (numbers as strings and back, "true"/"false").
func typeOK(val any, typ string) bool {
	switch typ {
	case "":
		return true
	case "string":
		_, ok := scalarText(val)
		return ok
	case "integer":
		var c string
		var ok bool
		if s, isStr := val.(string); isStr {
			c, ok = strCanon(strings.TrimSpace(s))
		} else {
			c, ok = numCanon(val)
		}
		return ok && isIntegerCanon(c)
	case "number":
		if s, isStr := val.(string); isStr {
			_, ok := strCanon(strings.TrimSpace(s))
			return ok
		}
		return isNumeric(val)
	case "boolean":
		if s, isStr := val.(string); isStr {
			_, ok := parseBool(s)
			return ok
		}
		_, ok := val.(bool)
		return ok
	case "array":
		_, ok := val.([]any)
		return ok
	case "object":
		_, ok := val.(map[string]any)
		return ok
	}
	return true // a type this package does not know: do not block the user
}

// isIntegerCanon reports whether a canonical number (see strCanon) is whole.
func isIntegerCanon(c string) bool {
	mant, exp, sci := strings.Cut(c, "e")
	_, frac, _ := strings.Cut(mant, ".")
	if !sci {
		return frac == ""
	}
	e, err := strconv.Atoi(exp)
	return err == nil && e >= len(frac)
}

// scalarText is the text of a scalar (numbers canonical); false for others.
func scalarText(val any) (string, bool) {
	switch x := val.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	}
	return numCanon(val)
}

func typeName(t string) string {
	switch t {
	case "string":
		return "a string"
	case "integer":
		return "an integer"
	case "number":
		return "a number"
	case "boolean":
		return "a boolean"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return strconv.Quote(t)
}

// kindOf names the kind of a value, never the value itself: a diagnostic
// must not quote config values (they may be secrets).
func kindOf(val any) string {
	switch val.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	if isNumeric(val) {
		return "a number"
	}
	return fmt.Sprintf("a value of type %T", val)
}

// QuoteList is items quoted and joined with commas, for a diagnostic that
// lists the allowed words (never the value given).
func QuoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// comparePaths orders paths element by element; elements that are both
// decimal indexes compare numerically.
func comparePaths(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] == b[i] {
			continue
		}
		ai, aerr := strconv.Atoi(a[i])
		bi, berr := strconv.Atoi(b[i])
		if aerr == nil && berr == nil && ai != bi {
			if ai < bi {
				return -1
			}
			return 1
		}
		if a[i] < b[i] {
			return -1
		}
		return 1
	}
	return len(a) - len(b)
}

// Suggest returns the candidate closest to word, or "" when none is close
// (suggest.Closest: the provider's one did-you-mean rule).
func Suggest(word string, candidates []string) string {
	return suggest.Closest(word, candidates)
}

package configproj

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
)

// Masked is the literal value the Fivetran API returns for secret fields.
const Masked = "******"

// unknownValue is the type of the Unknown sentinel.
type unknownValue struct{}

// String makes the sentinel readable in test output and error messages.
func (unknownValue) String() string { return "<unknown>" }

// Unknown marks a value that is not known yet (at plan time). The provider
// puts it wherever Terraform has an unknown value.
var Unknown = unknownValue{}

// IsUnknown reports whether v is the Unknown sentinel.
func IsUnknown(v any) bool {
	_, ok := v.(unknownValue)
	return ok
}

// ContainsUnknown reports whether v is Unknown or holds Unknown at any depth.
func ContainsUnknown(v any) bool {
	switch x := v.(type) {
	case unknownValue:
		return true
	case map[string]any:
		for _, e := range x {
			if ContainsUnknown(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if ContainsUnknown(e) {
				return true
			}
		}
	}
	return false
}

// Options tunes semantic comparison.
type Options struct {
	// CaseInsensitive reports whether string values at path (keys, with list
	// indexes as plain decimal strings such as "0") compare case-insensitively,
	// typically because the field is an enum. Nil means every path is exact.
	CaseInsensitive func(path []string) bool
}

func (o Options) caseInsensitive(path []string) bool {
	return o.CaseInsensitive != nil && o.CaseInsensitive(path)
}

// Normalize returns v with every numeric value (json.Number, float64, int,
// *big.Float, ...) replaced by a json.Number in canonical form (shortest
// exact decimal, no trailing zeros, "-0" as "0"), recursing into maps and
// lists (which are copied). Other values are returned as they are.
func Normalize(v any) any {
	return mapLeaves(v, func(leaf any) any {
		if c, ok := numCanon(leaf); ok {
			return json.Number(c)
		}
		return leaf
	})
}

// Equal reports whether a and b mean the same config value (rule 2). path is
// the location of the values, used for Options.CaseInsensitive. The mask
// "******" is equal only to itself: Project, not Equal, handles masks.
// Unknown is never equal to anything.
func Equal(a, b any, path []string, opts Options) bool {
	if IsUnknown(a) || IsUnknown(b) {
		return false
	}
	as, aStr := a.(string)
	bs, bStr := b.(string)
	if aStr && bStr {
		if as == bs {
			return true
		}
		if as == Masked || bs == Masked {
			return false
		}
		if strings.EqualFold(as, bs) && opts.caseInsensitive(path) {
			return true
		}
		if av, ok := parseJSONText(as); ok {
			if bv, ok := parseJSONText(bs); ok {
				return Equal(av, bv, nil, Options{})
			}
		}
		return false
	}
	if (aStr && as == Masked) || (bStr && bs == Masked) {
		return false
	}
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	// Numbers, and a number against a numeric string.
	if an, ok := numCanon(a); ok {
		if bn, ok := numCanon(b); ok {
			return an == bn
		}
		if bStr {
			bn, ok := strCanon(bs)
			return ok && an == bn
		}
		return false
	}
	if bn, ok := numCanon(b); ok {
		if aStr {
			an, ok := strCanon(as)
			return ok && an == bn
		}
		return false
	}
	// Bools, and a bool against "true"/"false".
	if ab, ok := a.(bool); ok {
		if bb, ok := b.(bool); ok {
			return ab == bb
		}
		if bStr {
			bb, ok := parseBool(bs)
			return ok && ab == bb
		}
		return false
	}
	if bb, ok := b.(bool); ok {
		if aStr {
			ab, ok := parseBool(as)
			return ok && ab == bb
		}
		return false
	}
	// A string holding JSON against the object or list itself.
	if aStr {
		if av, ok := parseJSONText(as); ok {
			return Equal(av, b, nil, Options{})
		}
		return false
	}
	if bStr {
		if bv, ok := parseJSONText(bs); ok {
			return Equal(a, bv, nil, Options{})
		}
		return false
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !Equal(xv, yv, sub(path, k), opts) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i], sub(path, strconv.Itoa(i)), opts) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// sub returns path + elem in a fresh slice (callers may keep paths).
func sub(path []string, elem string) []string {
	out := make([]string, len(path)+1)
	copy(out, path)
	out[len(path)] = elem
	return out
}

func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// parseJSONText decodes s when it holds a JSON object or array (and nothing
// else). Scalars are not parsed: "5" and "5.0" stay different strings.
func parseJSONText(s string) (any, bool) {
	t := strings.TrimSpace(s)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return nil, false
	}
	dec := json.NewDecoder(strings.NewReader(t))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return v, true
}

// marshalJSON renders v as compact JSON with numbers in canonical form.
func marshalJSON(v any) (string, bool) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Normalize(v)); err != nil {
		return "", false
	}
	return strings.TrimSuffix(buf.String(), "\n"), true
}

// isNumeric reports whether v is a Go numeric kind (or json.Number).
func isNumeric(v any) bool {
	_, ok := numCanon(v)
	return ok
}

// numCanon returns the canonical decimal text of a numeric value.
func numCanon(v any) (string, bool) {
	switch x := v.(type) {
	case json.Number:
		return strCanon(string(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", false
		}
		return strCanon(strconv.FormatFloat(x, 'g', -1, 64))
	case float32:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return "", false
		}
		return strCanon(strconv.FormatFloat(f, 'g', -1, 32))
	case int:
		return strconv.FormatInt(int64(x), 10), true
	case int8:
		return strconv.FormatInt(int64(x), 10), true
	case int16:
		return strconv.FormatInt(int64(x), 10), true
	case int32:
		return strconv.FormatInt(int64(x), 10), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case uint:
		return strconv.FormatUint(uint64(x), 10), true
	case uint8:
		return strconv.FormatUint(uint64(x), 10), true
	case uint16:
		return strconv.FormatUint(uint64(x), 10), true
	case uint32:
		return strconv.FormatUint(uint64(x), 10), true
	case uint64:
		return strconv.FormatUint(x, 10), true
	case *big.Float:
		if x == nil || x.IsInf() {
			return "", false
		}
		return strCanon(x.Text('g', -1))
	case *big.Int:
		if x == nil {
			return "", false
		}
		return x.String(), true
	}
	return "", false
}

// strCanon returns the canonical form of s when s is a JSON number
// (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?); it works on the digits, so it is
// exact for any size. Canonical: no trailing zeros, plain notation while the
// number has at most 21 integer digits and at most 6 leading fraction zeros,
// scientific ("1.5e30", "1e-7") beyond.
func strCanon(s string) (string, bool) {
	i := 0
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	start := i
	if i < len(s) && s[i] == '0' {
		i++
	} else if i < len(s) && s[i] >= '1' && s[i] <= '9' {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i == start {
		return "", false
	}
	intPart := s[start:i]
	frac := ""
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == fs {
			return "", false
		}
		frac = s[fs:i]
	}
	exp := int64(0)
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		es := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == es || i-es > 15 {
			return "", false
		}
		e, err := strconv.ParseInt(s[es:i], 10, 64)
		if err != nil {
			return "", false
		}
		if eneg {
			e = -e
		}
		exp = e
	}
	if i != len(s) {
		return "", false
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= int64(len(frac))
	if digits == "" {
		return "0", true
	}
	trimmed := strings.TrimRight(digits, "0")
	exp += int64(len(digits) - len(trimmed))
	digits = trimmed
	// point is the position of the decimal point relative to digits[0].
	point := int64(len(digits)) + exp
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case exp >= 0 && point <= 21:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", int(exp)))
	case exp < 0 && point > 0:
		b.WriteString(digits[:point])
		b.WriteByte('.')
		b.WriteString(digits[point:])
	case exp < 0 && point > -6:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", int(-point)))
		b.WriteString(digits)
	default:
		b.WriteByte(digits[0])
		if len(digits) > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('e')
		b.WriteString(strconv.FormatInt(point-1, 10))
	}
	return b.String(), true
}

// cloneValue deep-copies maps and lists so results never alias inputs.
func cloneValue(v any) any {
	return mapLeaves(v, func(leaf any) any { return leaf })
}

// mapLeaves copies the maps and lists of v (nil ones stay nil) and replaces
// every other value by leaf(value).
func mapLeaves(v any, leaf func(any) any) any {
	switch x := v.(type) {
	case map[string]any:
		if x == nil {
			return x
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = mapLeaves(e, leaf)
		}
		return out
	case []any:
		if x == nil {
			return x
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = mapLeaves(e, leaf)
		}
		return out
	}
	return leaf(v)
}

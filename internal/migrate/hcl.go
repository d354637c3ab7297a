package migrate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// hclValue is a value to write: one line, or an object or list of values.
type hclValue struct {
	line         string
	object, list bool
	keys         []string // of an object, in order
	elems        []hclValue
	// nested is a nested block's body: the key is the block's type.
	nested *body
}

// multiline is whether the value spans lines: objects with entries always
// do (as terraform fmt leaves them), lists when an element does.
func (v hclValue) multiline() bool {
	if v.nested != nil {
		return true
	}
	if v.object {
		return len(v.elems) > 0
	}
	for _, e := range v.elems {
		if e.multiline() {
			return true
		}
	}
	return false
}

// inline is a value that fits on one line.
func (v hclValue) inline() string {
	switch {
	case v.object:
		return "{}"
	case v.list:
		parts := make([]string, len(v.elems))
		for i, e := range v.elems {
			parts[i] = e.inline()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return v.line
}

// render writes a multi-line value whose first line follows "key = ".
func (v hclValue) render(sb *strings.Builder, indent string) {
	in := indent + "  "
	if v.object {
		b := &body{indent: in}
		for i, k := range v.keys {
			b.put(objectKey(k), v.elems[i])
		}
		sb.WriteString("{\n" + b.String() + indent + "}")
		return
	}
	sb.WriteString("[\n")
	for _, e := range v.elems {
		sb.WriteString(in)
		if e.multiline() {
			e.render(sb, in)
		} else {
			sb.WriteString(e.inline())
		}
		sb.WriteString(",\n")
	}
	sb.WriteString(indent + "]")
}

// body is the inside of a block or object: attributes in order, the `=` of
// consecutive one-line attributes aligned as terraform fmt aligns them.
type body struct {
	indent string
	keys   []string
	vals   []hclValue
}

func (b *body) put(k string, v hclValue) { b.keys = append(b.keys, k); b.vals = append(b.vals, v) }
func (b *body) raw(k, expr string)       { b.put(k, hclValue{line: expr}) }

// attr writes a string attribute; an empty one is not written.
func (b *body) attr(k, s string) {
	if s != "" {
		b.raw(k, quote(s))
	}
}
func (b *body) obj(k string, v hclValue) { b.put(k, v) }

// nestedBlock adds a nested block of type k, and returns its body.
func (b *body) nestedBlock(k string) *body {
	inner := &body{indent: b.indent + "  "}
	b.put(k, hclValue{nested: inner})
	return inner
}

// strings writes each string attribute of m that is set and not empty.
func (b *body) strings(m map[string]any, keys ...string) {
	for _, k := range keys {
		if s, ok := m[k].(string); ok && s != "" {
			b.attr(k, s)
		}
	}
}

// booleans writes each boolean attribute of m that is set; older official
// states hold them as strings.
func (b *body) booleans(m map[string]any, keys ...string) {
	for _, k := range keys {
		if v, ok := boolean(m[k]); ok {
			b.raw(k, strconv.FormatBool(v))
		}
	}
}

// integers writes each whole-number attribute of m that is set, as a
// number (older official states hold them as strings).
func (b *body) integers(m map[string]any, keys ...string) {
	for _, k := range keys {
		if n, ok := number(m[k]); ok {
			b.raw(k, n)
		}
	}
}

func (b *body) String() string {
	var sb strings.Builder
	for i := 0; i < len(b.keys); {
		if n := b.vals[i].nested; n != nil {
			sb.WriteString(b.indent + b.keys[i] + " {\n" + n.String() + b.indent + "}\n")
			i++
			continue
		}
		if b.vals[i].multiline() {
			sb.WriteString(b.indent + b.keys[i] + " = ")
			b.vals[i].render(&sb, b.indent)
			sb.WriteString("\n")
			i++
			continue
		}
		j, width := i, 0
		for ; j < len(b.keys) && !b.vals[j].multiline(); j++ {
			width = max(width, len(b.keys[j]))
		}
		for ; i < j; i++ {
			fmt.Fprintf(&sb, "%s%-*s = %s\n", b.indent, width, b.keys[i], b.vals[i].inline())
		}
	}
	return sb.String()
}

var ident = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// objectKey is a key of an object constructor: bare when it is an
// identifier HCL would not read as a keyword, quoted otherwise.
func objectKey(k string) string {
	switch k {
	case "null", "true", "false", "for", "in", "if", "endif", "endfor", "else":
	default:
		if ident.MatchString(k) {
			return k
		}
	}
	return quote(k)
}

// quote writes s as an HCL string literal: the JSON escapes HCL shares, and
// template sequences ("${", "%{") escaped so they stay literal text.
func quote(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"':
			sb.WriteString(`\"`)
		case r == '\\':
			sb.WriteString(`\\`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&sb, `\u%04x`, r)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			sb.WriteRune(r)
			sb.WriteRune(r)
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

package emulator

import "github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"

// Masking: secrets come back as "******" on every read, also inside nested
// objects and array items, and only where a value was set.

const maskValue = "******"

func isEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	}
	return false
}

// maskConfig returns a copy of cfg with secret values replaced by "******".
func maskConfig(cfg map[string]any, fields []catalog.Field) map[string]any {
	out := make(map[string]any, len(cfg))
	byName := make(map[string]*catalog.Field, len(fields))
	for i := range fields {
		byName[fields[i].Name] = &fields[i]
	}
	for k, v := range cfg {
		f := byName[k]
		if f == nil {
			out[k] = deepCopy(v)
			continue
		}
		out[k] = maskValueFor(v, f)
	}
	return out
}

func maskValueFor(v any, f *catalog.Field) any {
	if v == nil {
		return nil
	}
	switch t := v.(type) {
	case map[string]any:
		if len(f.Fields) > 0 {
			return maskConfig(t, f.Fields)
		}
		if f.Secret {
			return maskAll(t)
		}
		return deepCopy(t)
	case []any:
		item := f.Items
		if item == nil && f.Secret {
			item = &catalog.Field{Type: "string", Secret: true}
		}
		if item == nil && len(f.Fields) > 0 {
			item = &catalog.Field{Type: "object", Fields: f.Fields}
		}
		out := make([]any, len(t))
		for i, x := range t {
			if item == nil {
				out[i] = deepCopy(x)
				continue
			}
			out[i] = maskValueFor(x, item)
		}
		return out
	default:
		if f.Secret && !isEmpty(v) {
			return maskValue
		}
		return v
	}
}

func maskAll(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch t := v.(type) {
		case map[string]any:
			out[k] = maskAll(t)
		default:
			if isEmpty(v) {
				out[k] = v
			} else {
				out[k] = maskValue
			}
		}
	}
	return out
}

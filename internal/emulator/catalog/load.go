package catalog

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

// builtinJSON is the built-in catalog: a hand-curated set of connector and
// destination types that the emulator knows without a spec file. Field
// names, types, enums and which fields are secret follow Fivetran's
// published API (the OpenAPI spec's `format: password`, plus Fivetran's
// field catalog); the descriptions are short paraphrases written for the
// emulator. Where the spec and recorded live answers disagree (server
// defaults in config, service_version), the data holds the live answers.
//
// For the full catalog (773 connector types, 37 destination types) start the
// emulator with `-catalog openapi.json`, see LoadOpenAPI.
//
//go:embed builtin.json
var builtinJSON []byte

// Builtin returns the emulator's built-in catalog: about fifty connector
// types across databases, applications, ads, files and events, and the
// common destination types. Each call returns a fresh, indexed value.
func Builtin() *Catalog {
	c, err := Load(builtinJSON)
	if err != nil {
		panic("catalog: the built-in catalog does not load: " + err.Error()) // a build mistake; a test loads it
	}
	return c
}

// Load reads a catalog in the format of builtin.json: an object with
// "connectors" and "destinations", each a list of types whose "config" (and
// "auth") fields are {name, type, secret, enum, items, fields, readonly,
// immutable, nullable, description, default}. Unknown keys are errors, so a
// misspelt attribute cannot silently drop a rule.
func Load(raw []byte) (*Catalog, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, err
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	c.index()
	return &c, nil
}

// check refuses what the emulator could not serve: a type without an id,
// the same id twice, an unknown destination-schema format or field type.
func (c *Catalog) check() error {
	seen := map[string]bool{}
	for _, ct := range c.Connectors {
		if ct.ID == "" || seen["c/"+ct.ID] {
			return fmt.Errorf("connector type %q: missing or repeated id", ct.ID)
		}
		seen["c/"+ct.ID] = true
		if !knownFormat(ct.SchemaFormat) {
			return fmt.Errorf("connector type %q: unknown schema_format %q", ct.ID, ct.SchemaFormat)
		}
		for _, fs := range [][]Field{ct.Config, ct.Auth} {
			if err := checkFields(ct.ID, fs); err != nil {
				return err
			}
		}
	}
	for _, dt := range c.Destinations {
		if dt.ID == "" || seen["d/"+dt.ID] {
			return fmt.Errorf("destination type %q: missing or repeated id", dt.ID)
		}
		seen["d/"+dt.ID] = true
		if err := checkFields(dt.ID, dt.Config); err != nil {
			return err
		}
	}
	return nil
}

func knownFormat(f SchemaFormat) bool {
	for _, sf := range schemaFormats {
		if sf.format == f {
			return true
		}
	}
	return false
}

func checkFields(owner string, fields []Field) error {
	for _, f := range fields {
		switch f.Type {
		case "string", "integer", "number", "boolean", "object":
		case "array":
			if f.Items == nil {
				return fmt.Errorf("%s: field %q: an array needs items", owner, f.Name)
			}
			if err := checkFields(owner+"."+f.Name, []Field{*f.Items}); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: field %q: unknown type %q", owner, f.Name, f.Type)
		}
		if err := checkFields(owner+"."+f.Name, f.Fields); err != nil {
			return err
		}
	}
	return nil
}

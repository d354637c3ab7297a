package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// fieldCatalogEntry is one key of Fivetran's field catalog (fields.json,
// destination-fields.json): its type, whether it is sensitive, and the
// services that use it (the keys of description), minus the services listed
// in sensitive_exclusions.
type fieldCatalogEntry struct {
	Type                string          `json:"type"`
	Sensitive           bool            `json:"sensitive"`
	Nullable            bool            `json:"nullable"`
	Description         map[string]any  `json:"description"`
	SensitiveExclusions map[string]bool `json:"sensitive_exclusions"`
}

// AddSensitiveFields reads Fivetran's field catalog from dir (fields.json for
// connector types, destination-fields.json for destination types; a missing
// file is skipped) and makes every key it marks sensitive for a service a
// secret of that service's type: an existing field becomes Secret, a key the
// type does not list is added as a secret field. The live API masks these
// keys although the spec's per-service schemas leave some of them out (e.g.
// github `pat`, itunes_connect `password`). It returns the number of fields
// marked or added.
func (c *Catalog) AddSensitiveFields(dir string) (int, error) {
	n := 0
	for _, part := range []struct {
		file  string
		types func(service string) *[]Field
	}{
		{"fields.json", func(s string) *[]Field {
			if t, ok := c.Connector(s); ok {
				return &t.Config
			}
			return nil
		}},
		{"destination-fields.json", func(s string) *[]Field {
			if t, ok := c.Destination(s); ok {
				return &t.Config
			}
			return nil
		}},
	} {
		entries, err := readFieldCatalog(filepath.Join(dir, part.file))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return n, err
		}
		for _, name := range oaSortedKeys(entries) {
			ent := entries[name]
			if !ent.Sensitive {
				continue
			}
			for _, service := range oaSortedKeys(ent.Description) {
				if ent.SensitiveExclusions[service] {
					continue
				}
				if fields := part.types(service); fields != nil && markSecret(fields, name, ent) {
					n++
				}
			}
		}
	}
	return n, nil
}

func readFieldCatalog(path string) (map[string]fieldCatalogEntry, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out map[string]fieldCatalogEntry
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("catalog: %s is not a field catalog: %w", path, err)
	}
	return out, nil
}

// markSecret makes the field name of fields a secret, adding it when absent.
// It reports whether anything changed.
func markSecret(fields *[]Field, name string, ent fieldCatalogEntry) bool {
	for i := range *fields {
		f := &(*fields)[i]
		if f.Name != name {
			continue
		}
		if f.Secret {
			return false
		}
		f.Secret = true
		if f.Items != nil && len(f.Items.Fields) == 0 {
			f.Items.Secret = true
		}
		return true
	}
	f := Field{Name: name, Type: "string", Secret: true, Nullable: ent.Nullable}
	switch ent.Type {
	case "integer", "boolean", "object":
		f.Type = ent.Type
	case "string_list":
		f.Type, f.Items = "array", &Field{Type: "string", Secret: true}
	case "object_list":
		f.Type, f.Items = "array", &Field{Type: "object"}
	}
	*fields = append(*fields, f)
	return true
}

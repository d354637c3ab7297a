package emulator

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

func (e *Emulator) metadataShort(ct *catalog.ConnectorType) map[string]any {
	m := map[string]any{"id": ct.ID, "name": ct.Name, "type": ct.Type}
	if m["name"] == "" {
		m["name"] = ct.ID
	}
	if m["type"] == "" {
		m["type"] = "API"
	}
	m["description"] = ct.Description
	m["icons"] = []any{}
	if ct.IconURL != "" {
		// As live: icon_url is the svg; icons adds a large png and a small svg.
		m["icon_url"] = ct.IconURL
		base := strings.TrimSuffix(ct.IconURL, ".svg")
		m["icons"] = []any{base + "_512.png", base + "_40.svg"}
	}
	if ct.LinkToDocs != "" {
		m["link_to_docs"] = ct.LinkToDocs
	}
	if ct.LinkToErd != "" {
		m["link_to_erd"] = ct.LinkToErd
	}
	if ct.ConnectorClass != "" {
		m["connector_class"] = ct.ConnectorClass
	}
	if ct.ServiceStatus != "" {
		m["service_status"] = ct.ServiceStatus
		// A date, not the date-time the spec says (API.md, "Connector metadata").
		m["service_status_updated_at"] = cmp.Or(ct.ServiceStatusUpdatedAt, "2024-01-15")
	}
	features := make([]any, 0, len(ct.SupportedFeatures))
	for _, f := range ct.SupportedFeatures {
		features = append(features, map[string]any{"id": f, "notes": ""})
	}
	m["supported_features"] = features
	return m
}

var schemaKeyDocs = map[string][2]string{
	"schema":           {"Destination schema", "The destination schema name. The value is permanent and cannot be changed after connection creation."},
	"table":            {"Destination table", "The destination table name. The value is permanent and cannot be changed after connection creation."},
	"schema_prefix":    {"Destination schema prefix", "The destination schema name prefix. The value is permanent and cannot be changed after connection creation."},
	"table_group_name": {"Table group name", "The table group name. The value is permanent and cannot be changed after connection creation."},
}

// titleOf turns "api_key" into "Api key".
func titleOf(name string) string {
	s := strings.ReplaceAll(name, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// fieldNode builds the JSON-schema-like metadata node of a catalog field.
func fieldNode(f *catalog.Field) map[string]any {
	typ := f.Type
	if typ == "" {
		typ = "string"
	}
	n := map[string]any{
		"type": typ, "title": titleOf(f.Name), "description": f.Description,
		"readonly": f.Readonly, "fieldStatus": "general_availability",
	}
	if f.Secret {
		n["format"] = "password"
	}
	if f.Immutable {
		n["immutable"] = true
	}
	if f.Nullable {
		n["nullable"] = true
	}
	if len(f.Enum) > 0 {
		enum := make([]any, len(f.Enum))
		for i, v := range f.Enum {
			enum[i] = v
		}
		n["enum"] = enum
	}
	switch typ {
	case "array":
		item := f.Items
		if item == nil {
			item = &catalog.Field{Type: "string", Secret: f.Secret}
			if len(f.Fields) > 0 {
				item = &catalog.Field{Type: "object", Fields: f.Fields}
			}
		}
		in := fieldNode(item)
		delete(in, "title")
		n["items"] = in
	case "object":
		n["properties"] = propertiesOf(f.Fields)
	}
	return n
}

func propertiesOf(fields []catalog.Field) map[string]any {
	props := map[string]any{}
	for i := range fields {
		props[fields[i].Name] = fieldNode(&fields[i])
	}
	return props
}

func (e *Emulator) metadataDetails(ct *catalog.ConnectorType) map[string]any {
	m := e.metadataShort(ct)
	props := propertiesOf(ct.Config)
	var required []any
	for _, k := range ct.SchemaFormat.SchemaKeys() {
		doc := schemaKeyDocs[k]
		props[k] = map[string]any{
			"type": "string", "title": doc[0], "description": doc[1], "readonly": false,
			"immutable": true, "fieldStatus": "general_availability",
		}
		required = append(required, k)
	}
	name := ct.Name
	if name == "" {
		name = ct.ID
	}
	m["config"] = map[string]any{
		"type": "object", "title": name + " config object", "description": "", "readonly": false,
		"required": required, "properties": props,
	}
	if ct.Auth != nil {
		m["auth"] = map[string]any{
			"type": "object", "title": name + " auth object", "description": "", "readonly": false,
			"properties": propertiesOf(ct.Auth),
		}
	}
	return m
}

func (e *Emulator) listMetadata(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	items := make([]any, 0, len(e.catalog.Connectors))
	for i := range e.catalog.Connectors {
		items = append(items, e.metadataShort(&e.catalog.Connectors[i]))
	}
	return ok(http.StatusOK, "Connectors list retrieved successfully", paginate(items, p))
}

func (e *Emulator) getMetadata(q *request) *response {
	service := q.r.PathValue("service")
	ct := e.connectorType(service)
	if ct == nil {
		return errResp(apiErr(http.StatusNotFound, "NotFound", "Connector type '%s' does not exist.", service))
	}
	return ok(http.StatusOK, "Connector configuration retrieved successfully", e.metadataDetails(ct))
}

package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
)

// LoadOpenAPI builds the full catalog from Fivetran's published
// OpenAPI 3 spec (the emulator's `-catalog FILE` flag).
//
// Connection types come from the create-connection request, a union
// discriminated on `service` (`NewConnectorRequestV1`): each mapped schema is
// an allOf of the common request, `<service>_config_V1` (the `config`
// properties), a `schema_format_*` schema (the destination-schema keys) and,
// for OAuth services, `<service>_auth_V1` (the `auth` properties).
// Destination types come from the same kind of union, `NewDestinationRequest`.
//
// Fields: `format: password` means Secret; a description starting with
// "(Immutable)" means Immutable; `readOnly` and `nullable` are kept. The spec
// types every enum as `object`; such enum-only objects become strings.
// Display names, categories, descriptions and docs links are not in the spec:
// they are taken from the built-in catalog for the types it curates, and are
// derived from the service id otherwise (type "API").
func LoadOpenAPI(path string) (*Catalog, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("catalog: reading OpenAPI spec: %w", err)
	}
	var doc oaDocument
	if err := json.Unmarshal(raw, &doc); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + bytes.Count(raw[:min(int(se.Offset), len(raw))], []byte("\n"))
			return nil, fmt.Errorf("catalog: OpenAPI spec %s is not valid JSON (line %d): %w", path, line, err)
		}
		return nil, fmt.Errorf("catalog: OpenAPI spec %s is not valid JSON for an OpenAPI document: %w", path, err)
	}
	if len(doc.Components.Schemas) == 0 {
		return nil, fmt.Errorf("catalog: %s is not an OpenAPI 3 document with components.schemas (openapi=%q)", path, doc.OpenAPI)
	}
	l := &oaLoader{schemas: doc.Components.Schemas}

	connUnion, connMap, err := l.findUnion([]string{"NewConnectorRequestV1", "NewConnectionRequestV1", "NewConnectorRequest", "NewConnectionRequest"}, "Conn")
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: connection create-request union not found: %w", path, err)
	}
	destUnion, destMap, err := l.findUnion([]string{"NewDestinationRequest", "NewDestinationRequestV1"}, "Destination")
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: destination create-request union not found: %w", path, err)
	}

	curated := Builtin()
	c := &Catalog{}
	for _, id := range oaSortedKeys(connMap) {
		variant, err := l.ref(connMap[id])
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: service %q in %s: %w", path, id, connUnion, err)
		}
		cfgProps := l.collectProperty(variant, "config")
		authProps := l.collectProperty(variant, "auth")

		format := FormatOf(func(k string) bool { return cfgProps[k] != nil })
		for k := range cfgProps {
			if IsSchemaKey(k) {
				delete(cfgProps, k)
			}
		}

		ct := ConnectorType{
			ID:             id,
			ServiceStatus:  "general_availability",
			ConnectorClass: "standard",
			SchemaFormat:   format,
			Config:         l.fields(cfgProps),
		}
		if authProps != nil {
			ct.Auth = l.fields(authProps)
			if ct.Auth == nil {
				ct.Auth = []Field{}
			}
		}
		if known, ok := curated.Connector(id); ok {
			ct.Name, ct.Type, ct.Description = known.Name, known.Type, known.Description
			ct.ServiceStatus, ct.ConnectorClass = known.ServiceStatus, known.ConnectorClass
			ct.LinkToDocs, ct.LinkToErd, ct.IconURL = known.LinkToDocs, known.LinkToErd, known.IconURL
			ct.SupportedFeatures = append([]string(nil), known.SupportedFeatures...)
			ct.ServiceVersion = known.ServiceVersion
			oaCopyDefaults(ct.Config, known.Config)
		} else {
			ct.Name = oaTitle(variant, oaNameFromID(id))
			ct.Type = "API"
			ct.Description = ct.Name + " connector."
			ct.LinkToDocs = "https://fivetran.com/docs/connectors/applications/" + strings.ReplaceAll(id, "_", "-")
			ct.LinkToErd = ct.LinkToDocs + "#schemainformation"
			ct.IconURL = "https://fivetran.com/integrations/" + id + "/resources/" + id + ".svg"
			ct.SupportedFeatures = []string{featAPIConfigurable}
		}
		// The spec is authoritative on whether an auth section exists.
		ct.SupportedFeatures = oaSetFeature(ct.SupportedFeatures, featAuthViaAPI, ct.Auth != nil)
		c.Connectors = append(c.Connectors, ct)
	}

	for _, id := range oaSortedKeys(destMap) {
		variant, err := l.ref(destMap[id])
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: destination %q in %s: %w", path, id, destUnion, err)
		}
		dt := DestinationType{ID: id, Config: l.fields(l.collectProperty(variant, "config"))}
		if known, ok := curated.Destination(id); ok {
			dt.Name = known.Name
		} else {
			dt.Name = oaTitle(variant, oaNameFromID(id))
		}
		c.Destinations = append(c.Destinations, dt)
	}
	c.index()
	return c, nil
}

// The supported features every type the API can configure has, and the one
// that says its auth section can be set through the API.
const (
	featAPIConfigurable = "API_CONFIGURABLE"
	featAuthViaAPI      = "AUTHORIZATION_VIA_API"
)

// oaDocument is the part of an OpenAPI 3 document the loader reads.
type oaDocument struct {
	OpenAPI    string `json:"openapi"`
	Components struct {
		Schemas map[string]*oaSchema `json:"schemas"`
	} `json:"components"`
}

type oaSchema struct {
	Ref           string               `json:"$ref"`
	Type          string               `json:"type"`
	Format        string               `json:"format"`
	Title         string               `json:"title"`
	Description   string               `json:"description"`
	Enum          []json.RawMessage    `json:"enum"`
	Items         *oaSchema            `json:"items"`
	Properties    map[string]*oaSchema `json:"properties"`
	AllOf         []*oaSchema          `json:"allOf"`
	OneOf         []*oaSchema          `json:"oneOf"`
	AnyOf         []*oaSchema          `json:"anyOf"`
	ReadOnly      bool                 `json:"readOnly"`
	Nullable      bool                 `json:"nullable"`
	Discriminator *struct {
		PropertyName string            `json:"propertyName"`
		Mapping      map[string]string `json:"mapping"`
	} `json:"discriminator"`
}

type oaLoader struct {
	schemas map[string]*oaSchema
}

const oaRefPrefix = "#/components/schemas/"

// ref returns the named component schema a local reference points at.
func (l *oaLoader) ref(ref string) (*oaSchema, error) {
	name, ok := strings.CutPrefix(ref, oaRefPrefix)
	if !ok {
		return nil, fmt.Errorf("unsupported $ref %q (only %s... is supported)", ref, oaRefPrefix)
	}
	s := l.schemas[name]
	if s == nil {
		return nil, fmt.Errorf("$ref %q points at a missing schema", ref)
	}
	return s, nil
}

// deref follows a chain of $refs; it returns nil on a broken or cyclic chain.
func (l *oaLoader) deref(s *oaSchema) *oaSchema {
	for hops := 0; s != nil && s.Ref != ""; hops++ {
		if hops > 64 {
			return nil
		}
		t, err := l.ref(s.Ref)
		if err != nil {
			return nil
		}
		s = t
	}
	return s
}

// findUnion locates a create-request union discriminated on `service`: first
// by its usual names, then by searching for a request schema whose name
// contains keyword and which has a discriminator mapping on `service`.
func (l *oaLoader) findUnion(names []string, keyword string) (string, map[string]string, error) {
	ok := func(s *oaSchema) bool {
		return s != nil && s.Discriminator != nil && s.Discriminator.PropertyName == "service" && len(s.Discriminator.Mapping) > 0
	}
	for _, n := range names {
		if ok(l.schemas[n]) {
			return n, l.schemas[n].Discriminator.Mapping, nil
		}
	}
	for _, n := range oaSortedKeys(l.schemas) {
		if strings.HasPrefix(n, "New") && strings.Contains(n, keyword) && strings.Contains(n, "Request") && ok(l.schemas[n]) {
			return n, l.schemas[n].Discriminator.Mapping, nil
		}
	}
	return "", nil, fmt.Errorf("no schema %s (or other New*%s*Request schema) with a discriminator mapping on \"service\" in components.schemas", strings.Join(names, "/"), keyword)
}

// collectProperty returns the merged sub-properties of the object property
// prop (e.g. "config") found anywhere in s's allOf/oneOf/anyOf composition,
// following $refs with a cycle guard. It returns nil when no such property
// exists, and an empty map when it exists without properties.
func (l *oaLoader) collectProperty(s *oaSchema, prop string) map[string]*oaSchema {
	var out map[string]*oaSchema
	seen := map[*oaSchema]bool{}
	var walk func(*oaSchema)
	walk = func(s *oaSchema) {
		s = l.deref(s)
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		if p := s.Properties[prop]; p != nil {
			if out == nil {
				out = map[string]*oaSchema{}
			}
			l.mergeProperties(p, out, map[*oaSchema]bool{})
		}
		for _, group := range [][]*oaSchema{s.AllOf, s.OneOf, s.AnyOf} {
			for _, sub := range group {
				walk(sub)
			}
		}
	}
	walk(s)
	return out
}

// mergeProperties adds the properties of s (and of its composition) to out.
func (l *oaLoader) mergeProperties(s *oaSchema, out map[string]*oaSchema, seen map[*oaSchema]bool) {
	s = l.deref(s)
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	for k, v := range s.Properties {
		if v != nil {
			out[k] = v
		}
	}
	for _, group := range [][]*oaSchema{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			l.mergeProperties(sub, out, seen)
		}
	}
}

// fields converts a property map to Fields sorted by name; nil when empty.
func (l *oaLoader) fields(props map[string]*oaSchema) []Field {
	if len(props) == 0 {
		return nil
	}
	out := make([]Field, 0, len(props))
	for _, name := range oaSortedKeys(props) {
		out = append(out, l.field(name, props[name], map[*oaSchema]bool{}))
	}
	return out
}

// field converts one property schema. stack guards against recursive schemas.
func (l *oaLoader) field(name string, s *oaSchema, stack map[*oaSchema]bool) Field {
	s = l.deref(s)
	f := Field{Name: name, Type: "string"}
	if s == nil {
		return f
	}
	if stack[s] {
		f.Type = "object" // recursive schema: stop here
		return f
	}
	stack[s] = true
	defer delete(stack, s)

	// Flatten allOf members into one view of the schema.
	m := *s
	if len(s.AllOf) > 0 {
		m.Properties = map[string]*oaSchema{}
		l.mergeProperties(s, m.Properties, map[*oaSchema]bool{})
		for _, sub := range s.AllOf {
			if sub = l.deref(sub); sub == nil {
				continue
			}
			if m.Type == "" {
				m.Type = sub.Type
			}
			if m.Format == "" {
				m.Format = sub.Format
			}
			if m.Description == "" {
				m.Description = sub.Description
			}
			if m.Items == nil {
				m.Items = sub.Items
			}
			if len(m.Enum) == 0 {
				m.Enum = sub.Enum
			}
			m.ReadOnly = m.ReadOnly || sub.ReadOnly
			m.Nullable = m.Nullable || sub.Nullable
		}
	}

	f.Description = strings.TrimSpace(m.Description)
	f.Readonly = m.ReadOnly
	f.Nullable = m.Nullable
	f.Immutable = strings.HasPrefix(f.Description, "(Immutable)")
	f.Secret = m.Format == "password"
	for _, raw := range m.Enum {
		var str string
		if json.Unmarshal(raw, &str) == nil {
			f.Enum = append(f.Enum, str)
		} else if v := strings.TrimSpace(string(raw)); v != "null" {
			f.Enum = append(f.Enum, v)
		}
	}

	switch t := m.Type; {
	case t == "array" || (t == "" && m.Items != nil):
		f.Type = "array"
		item := Field{Type: "string"}
		if m.Items != nil {
			item = l.field("", m.Items, stack)
		}
		f.Items = &item
		if item.Secret {
			f.Secret = true // an array of secrets: every element is masked
		}
	case t == "object" || (t == "" && len(m.Properties) > 0):
		if len(f.Enum) > 0 && len(m.Properties) == 0 {
			f.Type = "string" // the spec types enums as "object"
			break
		}
		f.Type = "object"
		for _, k := range oaSortedKeys(m.Properties) {
			f.Fields = append(f.Fields, l.field(k, m.Properties[k], stack))
		}
	case t == "integer" || t == "number" || t == "boolean" || t == "string":
		f.Type = t
	default:
		f.Type = "string"
	}
	return f
}

// oaTitle returns the schema's title (or the title of a schema in its allOf).
func oaTitle(s *oaSchema, fallback string) string {
	if s != nil && strings.TrimSpace(s.Title) != "" {
		return strings.TrimSpace(s.Title)
	}
	return fallback
}

// oaWordNames spells out the words of service ids that are not simply capitalised.
var oaWordNames = map[string]string{
	"ads": "Ads", "api": "API", "aws": "AWS", "bi": "BI", "cdc": "CDC", "cms": "CMS", "crm": "CRM",
	"db": "DB", "dsp": "DSP", "ebs": "EBS", "ecc": "ECC", "erp": "ERP", "ftp": "FTP", "gcp": "GCP",
	"gcs": "GCS", "hcm": "HCM", "hr": "HR", "hva": "HVA", "io": "IO", "it": "IT", "lms": "LMS",
	"msk": "MSK", "rds": "RDS", "s3": "S3", "s4": "S4", "sap": "SAP", "sdk": "SDK", "sftp": "SFTP",
	"sql": "SQL", "sso": "SSO", "rac": "RAC", "dts": "DTS", "pos": "POS", "ui": "UI", "url": "URL", "us": "US", "wh": "Warehouse", "xml": "XML",
	"hana": "HANA", "fscm": "FSCM", "mysql": "MySQL", "postgres": "Postgres", "postgresql": "PostgreSQL",
	"mongo": "Mongo", "mongodb": "MongoDB", "bigquery": "BigQuery", "dynamodb": "DynamoDB",
	"github": "GitHub", "gitlab": "GitLab", "hubspot": "HubSpot", "linkedin": "LinkedIn",
	"youtube": "YouTube", "tiktok": "TikTok", "netsuite": "NetSuite", "servicenow": "ServiceNow",
	"woocommerce": "WooCommerce", "wordpress": "WordPress", "paypal": "PayPal", "quickbooks": "QuickBooks",
	"salesforce": "Salesforce", "zendesk": "Zendesk", "and": "and", "by": "by", "for": "for", "of": "of", "the": "the",
}

// oaNameFromID derives a readable display name from a service id,
// e.g. "google_cloud_postgresql" -> "Google Cloud PostgreSQL".
func oaNameFromID(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '_' || r == '-' })
	for i, w := range words {
		if n, ok := oaWordNames[w]; ok && (i > 0 || strings.ToUpper(n[:1]) == n[:1]) {
			words[i] = n
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return id
	}
	return strings.Join(words, " ")
}

// oaSetFeature adds or removes one supported-feature id.
func oaSetFeature(feats []string, id string, on bool) []string {
	out := make([]string, 0, len(feats)+1)
	for _, f := range feats {
		if f != id {
			out = append(out, f)
		}
	}
	if on {
		out = append(out, id)
	}
	return out
}

func oaSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// oaCopyDefaults copies the server-filled defaults of the curated fields onto
// the fields of the same name (the spec records no defaults).
func oaCopyDefaults(fields, curated []Field) {
	for i := range fields {
		for _, k := range curated {
			if k.Name == fields[i].Name && k.Default != nil {
				fields[i].Default = k.Default
			}
		}
	}
}

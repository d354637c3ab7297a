package catalog

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The reference data lives outside the project (../shared/fivetran-api from the
// repository root). Tests that need it skip when it is absent.

func catalogSharedDir() string {
	if d := os.Getenv("FIVETRAN_SHARED_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "..", "shared")
}

func catalogRefDir() string { return filepath.Join(catalogSharedDir(), "fivetran-api", "catalog") }

func catalogSpecPath() string {
	if p := os.Getenv("FIVETRAN_OPENAPI_SPEC"); p != "" {
		return p
	}
	return filepath.Join(catalogSharedDir(), "fivetran-api", "openapi.json")
}

func readRefFile(t *testing.T, name string) []byte {
	t.Helper()
	p := filepath.Join(catalogRefDir(), name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("reference data %s not readable (%v); set FIVETRAN_SHARED_DIR to the shared folder to run this check", p, err)
	}
	return b
}

func readIDList(t *testing.T, name string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, line := range strings.Split(string(readRefFile(t, name)), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			ids[line] = true
		}
	}
	return ids
}

// walkFields calls fn for every field, nested ones included, with a dotted path.
func walkFields(prefix string, fields []Field, fn func(path string, f Field)) {
	for _, f := range fields {
		p := prefix + f.Name
		fn(p, f)
		if f.Items != nil {
			fn(p+"[]", *f.Items)
			walkFields(p+"[].", f.Items.Fields, fn)
		}
		walkFields(p+".", f.Fields, fn)
	}
}

func hasSecret(fields []Field) bool {
	found := false
	walkFields("", fields, func(_ string, f Field) { found = found || f.Secret })
	return found
}

func findField(fields []Field, path ...string) (Field, bool) {
	if len(path) == 0 {
		return Field{}, false
	}
	name, rest := path[0], path[1:]
	for _, f := range fields {
		if f.Name != name {
			continue
		}
		if len(rest) == 0 {
			return f, true
		}
		sub := f.Fields
		if f.Items != nil {
			sub = f.Items.Fields
		}
		return findField(sub, rest...)
	}
	return Field{}, false
}

// ---------------------------------------------------------------------------
// Built-in catalog.

func TestCatalogBuiltinCountsAndLookup(t *testing.T) {
	c := Builtin()
	if n := len(c.Connectors); n < 44 {
		t.Errorf("builtin has %d connector types, want >= 44", n)
	}
	if n := len(c.Destinations); n < 12 {
		t.Errorf("builtin has %d destination types, want >= 12", n)
	}
	seen := map[string]bool{}
	for i, ct := range c.Connectors {
		if seen[ct.ID] {
			t.Errorf("duplicate connector id %q", ct.ID)
		}
		seen[ct.ID] = true
		if i > 0 && c.Connectors[i-1].ID >= ct.ID {
			t.Errorf("connectors not sorted at %q", ct.ID)
		}
		if ct.Name == "" || ct.Type == "" || ct.Description == "" || ct.LinkToDocs == "" || ct.IconURL == "" {
			t.Errorf("%s: missing name/type/description/links: %+v", ct.ID, ct)
		}
		if !strings.HasPrefix(ct.LinkToDocs, "https://fivetran.com/docs/connectors/") {
			t.Errorf("%s: link_to_docs %q", ct.ID, ct.LinkToDocs)
		}
		if ct.ServiceStatus != "general_availability" && ct.ServiceStatus != "beta" {
			t.Errorf("%s: service_status %q", ct.ID, ct.ServiceStatus)
		}
		if ct.ConnectorClass != "standard" && ct.ConnectorClass != "lite" {
			t.Errorf("%s: connector_class %q", ct.ID, ct.ConnectorClass)
		}
	}
	dseen := map[string]bool{}
	for _, d := range c.Destinations {
		if dseen[d.ID] {
			t.Errorf("duplicate destination id %q", d.ID)
		}
		dseen[d.ID] = true
		if d.Name == "" || len(d.Config) == 0 {
			t.Errorf("destination %s: no name or no config", d.ID)
		}
	}

	pg, ok := c.Connector("postgres")
	if !ok || pg.ID != "postgres" || pg.Name != "PostgreSQL" {
		t.Fatalf("Connector(postgres) = %+v, %v", pg, ok)
	}
	if _, ok := c.Connector("no_such_service"); ok {
		t.Error("Connector(no_such_service) found")
	}
	sf, ok := c.Destination("snowflake")
	if !ok || sf.ID != "snowflake" {
		t.Fatalf("Destination(snowflake) = %+v, %v", sf, ok)
	}
	if _, ok := c.Destination("postgres"); ok {
		t.Error("Destination(postgres) found: connector ids must not resolve as destinations")
	}

	// Each call returns a fresh value.
	pg.Config[0].Name = "mutated"
	pg.Config[0].Enum = append(pg.Config[0].Enum, "X")
	if again, _ := Builtin().Connector("postgres"); again.Config[0].Name == "mutated" {
		t.Error("Builtin shares state between calls")
	}

	counts := map[string]int{}
	formats := map[SchemaFormat]int{}
	for _, ct := range c.Connectors {
		counts[ct.Type]++
		formats[ct.SchemaFormat]++
	}
	t.Logf("builtin: %d connectors by type %v, by format %v; %d destinations", len(c.Connectors), counts, formats, len(c.Destinations))
}

func TestCatalogBuiltinFormatsFeaturesAuth(t *testing.T) {
	c := Builtin()
	formats := map[SchemaFormat][]string{}
	withAuth := 0
	for _, ct := range c.Connectors {
		formats[ct.SchemaFormat] = append(formats[ct.SchemaFormat], ct.ID)
		if !slices.Contains(ct.SupportedFeatures, "API_CONFIGURABLE") {
			t.Errorf("%s: no API_CONFIGURABLE", ct.ID)
		}
		if got := slices.Contains(ct.SupportedFeatures, "AUTHORIZATION_VIA_API"); got != (ct.Auth != nil) {
			t.Errorf("%s: AUTHORIZATION_VIA_API=%v but has auth=%v", ct.ID, got, ct.Auth != nil)
		}
		if ct.Type == "Database" && !slices.Contains(ct.SupportedFeatures, "PRIVATE_NETWORKING") {
			t.Errorf("%s: database without PRIVATE_NETWORKING", ct.ID)
		}
		if ct.Auth != nil {
			withAuth++
			if len(ct.Auth) == 0 {
				t.Errorf("%s: empty auth section", ct.ID)
			}
		}
		for _, k := range ct.SchemaFormat.SchemaKeys() {
			if _, ok := findField(ct.Config, k); ok {
				t.Errorf("%s: config includes destination-schema key %q", ct.ID, k)
			}
		}
	}
	for _, f := range []SchemaFormat{FormatSchema, FormatSchemaTable, FormatSchemaPrefix, FormatSchemaTableGroup} {
		if len(formats[f]) < 2 {
			t.Errorf("format %s used by %v, want at least 2", f, formats[f])
		}
	}
	if len(formats) != 4 {
		t.Errorf("unexpected formats: %v", formats)
	}
	if withAuth < 8 {
		t.Errorf("%d connector types with auth, want >= 8", withAuth)
	}
	statuses := map[string]int{}
	for _, ct := range c.Connectors {
		statuses[ct.ServiceStatus]++
	}
	if statuses["beta"] < 1 || statuses["general_availability"] < len(c.Connectors)/2 {
		t.Errorf("service statuses %v: want mostly general_availability and some beta", statuses)
	}
}

// builtinNoSecretReasons documents the built-in connector types that have no
// secret field at all (neither in config nor in auth), and why.
var builtinNoSecretReasons = map[string]string{
	"slack":    "authorised interactively through the Fivetran dashboard (OAuth); the API takes no credentials for it",
	"snowplow": "events are pushed to a Fivetran-hosted collector endpoint; the connection stores no credentials",
	"email":    "files arrive as attachments of emails sent to a Fivetran-generated address; the connection stores no credentials",
}

func TestCatalogBuiltinSecrets(t *testing.T) {
	c := Builtin()
	withSecret := 0
	for _, ct := range c.Connectors {
		has := hasSecret(ct.Config) || hasSecret(ct.Auth)
		reason, documented := builtinNoSecretReasons[ct.ID]
		switch {
		case has:
			withSecret++
			if documented {
				t.Errorf("%s has secret fields but is listed in builtinNoSecretReasons", ct.ID)
			}
		case !documented || reason == "":
			t.Errorf("%s has no secret field and no documented reason", ct.ID)
		}
	}
	for id := range builtinNoSecretReasons {
		if _, ok := c.Connector(id); !ok {
			t.Errorf("builtinNoSecretReasons names unknown connector %q", id)
		}
	}
	if withSecret < 30 {
		t.Errorf("%d connector types with a secret field, want >= 30", withSecret)
	}
	for _, d := range c.Destinations {
		if !hasSecret(d.Config) {
			t.Errorf("destination %s has no secret field", d.ID)
		}
	}
}

var validFieldTypes = map[string]bool{"string": true, "integer": true, "number": true, "boolean": true, "array": true, "object": true}

func checkFieldShapes(t *testing.T, owner string, fields []Field) {
	t.Helper()
	names := map[string]bool{}
	for _, f := range fields {
		if f.Name == "" {
			t.Errorf("%s: field without a name", owner)
		}
		if names[f.Name] {
			t.Errorf("%s: duplicate field %q", owner, f.Name)
		}
		names[f.Name] = true
		checkField(t, owner+"."+f.Name, f)
	}
}

func checkField(t *testing.T, path string, f Field) {
	t.Helper()
	if !validFieldTypes[f.Type] {
		t.Errorf("%s: invalid type %q", path, f.Type)
	}
	if f.Enum != nil {
		if len(f.Enum) == 0 {
			t.Errorf("%s: empty enum", path)
		}
		seen := map[string]bool{}
		for _, v := range f.Enum {
			if seen[v] {
				t.Errorf("%s: duplicate enum value %q", path, v)
			}
			seen[v] = true
		}
		if f.Type != "string" {
			t.Errorf("%s: enum on a %s field", path, f.Type)
		}
	}
	switch f.Type {
	case "array":
		if f.Items == nil {
			t.Errorf("%s: array without items", path)
		} else {
			checkField(t, path+"[]", *f.Items)
			if f.Items.Secret != f.Secret {
				t.Errorf("%s: array secret=%v but items secret=%v", path, f.Secret, f.Items.Secret)
			}
		}
	case "object":
		if len(f.Fields) == 0 {
			t.Errorf("%s: object without fields", path)
		}
		checkFieldShapes(t, path, f.Fields)
	}
	if f.Type != "array" && f.Items != nil {
		t.Errorf("%s: items on a %s field", path, f.Type)
	}
	if f.Type != "object" && len(f.Fields) > 0 {
		t.Errorf("%s: fields on a %s field", path, f.Type)
	}
	if f.Secret && f.Type != "string" && f.Type != "array" {
		t.Errorf("%s: secret %s field", path, f.Type)
	}
	if (f.Name == "port" || f.Name == "tunnel_port" || f.Name == "replica_id") && f.Type != "integer" {
		t.Errorf("%s: %s, want integer", path, f.Type)
	}
}

func TestCatalogBuiltinFieldShapes(t *testing.T) {
	c := Builtin()
	var nestedSecret, secretArray, nullable, immutable, readonly bool
	note := func(_ string, f Field) {
		nullable = nullable || f.Nullable
		immutable = immutable || f.Immutable
		readonly = readonly || f.Readonly
		if f.Type == "array" && f.Items != nil && f.Items.Type == "string" && f.Items.Secret {
			secretArray = true
		}
		for _, sub := range f.Fields {
			nestedSecret = nestedSecret || sub.Secret
		}
		if f.Items != nil {
			for _, sub := range f.Items.Fields {
				nestedSecret = nestedSecret || sub.Secret
			}
		}
	}
	for _, ct := range c.Connectors {
		checkFieldShapes(t, ct.ID+".config", ct.Config)
		checkFieldShapes(t, ct.ID+".auth", ct.Auth)
		walkFields("", ct.Config, note)
		walkFields("", ct.Auth, note)
	}
	for _, d := range c.Destinations {
		checkFieldShapes(t, d.ID+"(destination).config", d.Config)
		walkFields("", d.Config, note)
	}
	if !nestedSecret || !secretArray || !nullable || !immutable || !readonly {
		t.Errorf("edge cases missing: nested secret %v, array of secrets %v, nullable %v, immutable %v, readonly %v",
			nestedSecret, secretArray, nullable, immutable, readonly)
	}

	must := func(service string, dest bool, path ...string) Field {
		t.Helper()
		var fields []Field
		if dest {
			d, ok := c.Destination(service)
			if !ok {
				t.Fatalf("destination %s missing", service)
			}
			fields = d.Config
		} else {
			ct, ok := c.Connector(service)
			if !ok {
				t.Fatalf("connector %s missing", service)
			}
			fields = ct.Config
			if path[0] == "auth" {
				fields, path = ct.Auth, path[1:]
			}
		}
		f, ok := findField(fields, path...)
		if !ok {
			t.Fatalf("%s: field %s missing", service, strings.Join(path, "."))
		}
		return f
	}
	if f := must("postgres", false, "password"); !f.Secret {
		t.Error("postgres password not secret")
	}
	if f := must("postgres", false, "port"); f.Type != "integer" {
		t.Errorf("postgres port type %s", f.Type)
	}
	for _, v := range []string{"XMIN", "WAL", "TELEPORT", "QUERY_BASED", "WAL_PGOUTPUT"} {
		if f := must("postgres", false, "update_method"); !slices.Contains(f.Enum, v) {
			t.Errorf("postgres update_method enum %v lacks %s", f.Enum, v)
		}
	}
	if f := must("postgres", false, "connection_type"); !slices.Contains(f.Enum, "SshTunnel") {
		t.Errorf("postgres connection_type enum %v", f.Enum)
	}
	if f := must("google_ads", false, "sync_mode"); !slices.Equal(f.Enum, []string{"ManagerAccounts", "AllAccounts", "SpecificAccounts"}) {
		t.Errorf("google_ads sync_mode enum %v", f.Enum)
	}
	if f := must("google_ads", false, "timeframe_months"); !f.Immutable {
		t.Error("google_ads timeframe_months not immutable")
	}
	if f := must("google_ads", false, "reports"); f.Type != "array" || f.Items == nil || f.Items.Type != "object" {
		t.Errorf("google_ads reports: %+v", f)
	}
	if f := must("google_ads", false, "reports", "fields"); f.Type != "array" || f.Items.Type != "string" {
		t.Errorf("google_ads reports.fields: %+v", f)
	}
	must("google_ads", false, "reports", "report_type")
	must("google_ads", false, "reports", "table")
	if f := must("google_ads", false, "auth", "client_access", "client_secret"); !f.Secret {
		t.Error("google_ads auth.client_access.client_secret not secret")
	}
	if f := must("google_ads", false, "auth", "refresh_token"); !f.Secret {
		t.Error("google_ads auth.refresh_token not secret")
	}
	if f := must("google_ads", false, "auth", "client_access", "developer_token"); f.Secret {
		t.Error("google_ads developer_token is secret")
	}
	if f := must("s3", false, "file_type"); !slices.Contains(f.Enum, "csv") || !slices.Contains(f.Enum, "parquet") {
		t.Errorf("s3 file_type enum %v", f.Enum)
	}
	if f := must("github", false, "pats"); !f.Secret || !f.Items.Secret {
		t.Error("github pats not an array of secrets")
	}
	if f := must("snowflake", true, "auth"); !slices.Contains(f.Enum, "PASSWORD") || !slices.Contains(f.Enum, "KEY_PAIR") {
		t.Errorf("snowflake destination auth enum %v", f.Enum)
	}
	for _, k := range []string{"password", "private_key", "passphrase"} {
		if f := must("snowflake", true, k); !f.Secret {
			t.Errorf("snowflake destination %s not secret", k)
		}
	}
	if f := must("big_query", true, "secret_key"); !f.Secret {
		t.Error("big_query secret_key not secret")
	}
	if f := must("managed_data_lake", true, "bucket"); !f.Immutable {
		t.Error("managed_data_lake bucket not immutable")
	}
}

func TestCatalogBuiltinServiceIDsAreReal(t *testing.T) {
	conns := readIDList(t, "services.txt")
	dests := readIDList(t, "destination-services.txt")
	if len(conns) != 773 || len(dests) != 37 {
		t.Logf("reference lists have %d connector and %d destination ids", len(conns), len(dests))
	}
	c := Builtin()
	for _, ct := range c.Connectors {
		if !conns[ct.ID] {
			t.Errorf("builtin connector %q is not in services.txt", ct.ID)
		}
	}
	for _, d := range c.Destinations {
		if !dests[d.ID] {
			t.Errorf("builtin destination %q is not in destination-services.txt", d.ID)
		}
	}
}

// refField is an entry of fields.json / auth-fields.json / destination-fields.json.
type refField struct {
	Sensitive           bool                 `json:"sensitive"`
	SensitiveExclusions map[string]bool      `json:"sensitive_exclusions"`
	Type                string               `json:"type"`
	Fields              map[string]*refField `json:"fields"`
	Description         map[string]string    `json:"description"`
	APIField            string               `json:"api_field"`
}

// sensitiveFor applies sensitive_exclusions: the per-service value overrides the default.
func (r *refField) sensitiveFor(service string) bool {
	if v, ok := r.SensitiveExclusions[service]; ok {
		return v
	}
	return r.Sensitive
}

func loadRefFields(t *testing.T, name string) map[string]*refField {
	t.Helper()
	var m map[string]*refField
	if err := json.Unmarshal(readRefFile(t, name), &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// refFieldsFor returns the top-level entries that apply to service, keyed by API name.
func refFieldsFor(all map[string]*refField, service string) map[string]*refField {
	out := map[string]*refField{}
	for key, e := range all {
		if _, ok := e.Description[service]; !ok {
			continue
		}
		name := key
		if e.APIField != "" {
			name = e.APIField
		}
		out[name] = e
	}
	return out
}

// crossCheckSecrets compares Secret with the reference sensitivity, recursing
// into objects and arrays of objects. It returns the paths not in the data.
func crossCheckSecrets(t *testing.T, service, prefix string, fields []Field, ref map[string]*refField, top bool) (checked int, unknown []string) {
	t.Helper()
	for _, f := range fields {
		path := prefix + f.Name
		e := ref[f.Name]
		if e == nil {
			unknown = append(unknown, path)
			continue
		}
		checked++
		want := e.Sensitive
		if top {
			want = e.sensitiveFor(service)
		}
		if f.Secret != want {
			t.Errorf("%s: %s Secret=%v but the reference data says sensitive=%v", service, path, f.Secret, want)
		}
		sub := f.Fields
		if f.Items != nil {
			sub = f.Items.Fields
		}
		if len(sub) > 0 {
			n, u := crossCheckSecrets(t, service, path+".", sub, e.Fields, false)
			checked += n
			unknown = append(unknown, u...)
		}
	}
	return checked, unknown
}

func TestCatalogBuiltinSecretsMatchReferenceData(t *testing.T) {
	fieldsRef := loadRefFields(t, "fields.json")
	authRef := loadRefFields(t, "auth-fields.json")
	destRef := loadRefFields(t, "destination-fields.json")
	c := Builtin()
	checked := 0
	var unknown []string
	for _, ct := range c.Connectors {
		n, u := crossCheckSecrets(t, ct.ID, "config.", ct.Config, refFieldsFor(fieldsRef, ct.ID), true)
		checked += n
		unknown = append(unknown, prefixAll(ct.ID+":", u)...)
		n, u = crossCheckSecrets(t, ct.ID, "auth.", ct.Auth, refFieldsFor(authRef, ct.ID), true)
		checked += n
		unknown = append(unknown, prefixAll(ct.ID+":", u)...)
	}
	for _, d := range c.Destinations {
		ref := refFieldsFor(destRef, d.ID)
		if len(ref) == 0 {
			t.Logf("destination %s: no reference data (its published config is empty); fields not cross-checked", d.ID)
			continue
		}
		n, u := crossCheckSecrets(t, d.ID, "config.", d.Config, ref, true)
		checked += n
		unknown = append(unknown, prefixAll(d.ID+"(destination):", u)...)
	}
	if checked < 300 {
		t.Errorf("only %d builtin fields matched the reference data", checked)
	}
	t.Logf("cross-checked %d builtin fields against the reference data; %d not in it: %v", checked, len(unknown), unknown)
	if len(unknown) > checked/10 {
		t.Errorf("too many builtin fields unknown to the reference data (%d of %d)", len(unknown), checked+len(unknown))
	}
}

func prefixAll(p string, s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = p + v
	}
	return out
}

// ---------------------------------------------------------------------------
// OpenAPI loader.

func TestCatalogOpenAPIMiniSpec(t *testing.T) {
	c, err := LoadOpenAPI(filepath.Join("testdata", "mini-openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Connectors) != 4 || len(c.Destinations) != 2 {
		t.Fatalf("got %d connectors, %d destinations", len(c.Connectors), len(c.Destinations))
	}
	formats := map[string]SchemaFormat{"postgres": FormatSchemaPrefix, "beta_app_crm": FormatSchema, "gamma_sheet": FormatSchemaTable, "delta_files": FormatSchemaTableGroup}
	for id, want := range formats {
		ct, ok := c.Connector(id)
		if !ok {
			t.Fatalf("%s missing", id)
		}
		if ct.SchemaFormat != want {
			t.Errorf("%s format %s, want %s", id, ct.SchemaFormat, want)
		}
		for _, k := range []string{"schema", "table", "schema_prefix", "table_group_name"} {
			if _, ok := findField(ct.Config, k); ok {
				t.Errorf("%s: config keeps schema key %s", id, k)
			}
		}
	}

	pg, _ := c.Connector("postgres")
	if pg.Name != "PostgreSQL" || pg.Type != "Database" {
		t.Errorf("postgres metadata not taken from the curated catalog: %q %q", pg.Name, pg.Type)
	}
	if pg.Auth != nil || slices.Contains(pg.SupportedFeatures, "AUTHORIZATION_VIA_API") {
		t.Errorf("postgres: auth %v features %v", pg.Auth, pg.SupportedFeatures)
	}
	if f, _ := findField(pg.Config, "password"); !f.Secret {
		t.Error("postgres password not secret")
	}
	if f, _ := findField(pg.Config, "port"); f.Type != "integer" {
		t.Errorf("postgres port %s", f.Type)
	}
	if f, _ := findField(pg.Config, "update_method"); f.Type != "string" || !slices.Equal(f.Enum, []string{"QUERY_BASED", "WAL_PGOUTPUT"}) {
		t.Errorf("enum typed object not turned into a string enum: %+v", f)
	}
	tun, _ := findField(pg.Config, "tunnel")
	if tun.Type != "object" || !tun.Nullable {
		t.Errorf("tunnel: %+v", tun)
	}
	if f, _ := findField(pg.Config, "tunnel", "private_key"); !f.Secret {
		t.Error("nested secret through $ref lost")
	}
	if f, ok := findField(pg.Config, "tunnel", "next_hop"); !ok || f.Type != "object" {
		t.Errorf("recursive $ref: %+v %v", f, ok)
	}

	b, _ := c.Connector("beta_app_crm")
	if b.Name != "Beta App CRM" || b.Type != "API" {
		t.Errorf("derived name/type: %q %q", b.Name, b.Type)
	}
	if !slices.Contains(b.SupportedFeatures, "AUTHORIZATION_VIA_API") || !slices.Contains(b.SupportedFeatures, "API_CONFIGURABLE") {
		t.Errorf("features %v", b.SupportedFeatures)
	}
	if f, ok := findField(b.Config, "api_key"); !ok || !f.Secret {
		t.Error("config property from allOf inside config lost")
	}
	if f, _ := findField(b.Config, "tokens"); f.Type != "array" || !f.Secret || f.Items == nil || !f.Items.Secret {
		t.Errorf("array of secrets: %+v", f)
	}
	if f, _ := findField(b.Config, "reports", "fields"); f.Type != "array" || f.Items.Type != "string" {
		t.Errorf("reports.fields: %+v", f)
	}
	if f, _ := findField(b.Config, "reports", "level"); f.Type != "string" || len(f.Enum) != 2 {
		t.Errorf("reports.level: %+v", f)
	}
	if f, _ := findField(b.Config, "start"); !f.Immutable || f.Type != "string" {
		t.Errorf("start: %+v", f)
	}
	if f, _ := findField(b.Config, "computed"); !f.Readonly {
		t.Errorf("computed: %+v", f)
	}
	if f, _ := findField(b.Config, "ratio"); f.Type != "number" {
		t.Errorf("ratio: %+v", f)
	}
	if f, _ := findField(b.Auth, "client_access", "client_secret"); !f.Secret {
		t.Error("auth client_secret not secret")
	}
	if f, _ := findField(b.Auth, "refresh_token"); !f.Secret {
		t.Error("auth refresh_token not secret")
	}

	g, _ := c.Connector("gamma_sheet")
	if len(g.Config) != 0 {
		t.Errorf("gamma_sheet config %+v", g.Config)
	}
	d, _ := c.Connector("delta_files")
	if f, ok := findField(d.Config, "secret_key"); !ok || !f.Secret {
		t.Errorf("allOf cycle: config lost: %+v", d.Config)
	}

	sf, ok := c.Destination("snowflake")
	if !ok || sf.Name != "Snowflake" {
		t.Fatalf("snowflake destination %+v", sf)
	}
	if f, _ := findField(sf.Config, "private_key"); !f.Secret {
		t.Error("snowflake private_key not secret")
	}
	om, _ := c.Destination("omega_wh")
	if om.Name != "Omega Warehouse" {
		t.Errorf("omega_wh name %q", om.Name)
	}
	if f, _ := findField(om.Config, "bucket"); !f.Immutable {
		t.Error("omega_wh bucket not immutable")
	}
}

func TestCatalogOpenAPIErrors(t *testing.T) {
	dir := t.TempDir()

	missing := filepath.Join(dir, "nope.json")
	_, err := LoadOpenAPI(missing)
	if err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}

	notJSON := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(notJSON, []byte("openapi: 3.0.1\ninfo:\n  title: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = LoadOpenAPI(notJSON)
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("not JSON: %v", err)
	}

	truncated := filepath.Join(dir, "truncated.json")
	if err := os.WriteFile(truncated, []byte(`{"openapi": "3.0.1", "components": {"schemas": {`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err = LoadOpenAPI(truncated); err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("truncated JSON: %v", err)
	}

	notSpec := filepath.Join(dir, "array.json")
	if err := os.WriteFile(notSpec, []byte(`{"hello": "world"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err = LoadOpenAPI(notSpec); err == nil || !strings.Contains(err.Error(), "components.schemas") {
		t.Errorf("not an OpenAPI document: %v", err)
	}

	noUnion := filepath.Join(dir, "nounion.json")
	if err := os.WriteFile(noUnion, []byte(`{"openapi": "3.0.1", "components": {"schemas": {"Group": {"type": "object"}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = LoadOpenAPI(noUnion)
	if err == nil || !strings.Contains(err.Error(), "union not found") || !strings.Contains(err.Error(), "NewConnectorRequestV1") {
		t.Errorf("no union: %v", err)
	}

	noDest := filepath.Join(dir, "nodest.json")
	if err := os.WriteFile(noDest, []byte(`{"openapi": "3.0.1", "components": {"schemas": {"NewConnectorRequestV1": {"discriminator": {"propertyName": "service", "mapping": {"x": "#/components/schemas/x"}}}, "x": {}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err = LoadOpenAPI(noDest); err == nil || !strings.Contains(err.Error(), "destination") {
		t.Errorf("no destination union: %v", err)
	}

	badRef := filepath.Join(dir, "badref.json")
	if err := os.WriteFile(badRef, []byte(`{"openapi": "3.0.1", "components": {"schemas": {
		"NewConnectorRequestV1": {"discriminator": {"propertyName": "service", "mapping": {"x": "#/components/schemas/missing"}}},
		"NewDestinationRequest": {"discriminator": {"propertyName": "service", "mapping": {"y": "#/components/schemas/NewDestinationRequest"}}}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err = LoadOpenAPI(badRef); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("broken mapping: %v", err)
	}
}

func TestCatalogOpenAPIPublishedSpec(t *testing.T) {
	spec := catalogSpecPath()
	if _, err := os.Stat(spec); err != nil {
		t.Skipf("published spec %s not readable (%v); set FIVETRAN_SHARED_DIR or FIVETRAN_OPENAPI_SPEC to run this test", spec, err)
	}
	start := time.Now()
	c, err := LoadOpenAPI(spec)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %s in %v: %d connectors, %d destinations", spec, elapsed, len(c.Connectors), len(c.Destinations))
	if len(c.Connectors) != 773 {
		t.Errorf("%d connectors, want 773", len(c.Connectors))
	}
	if len(c.Destinations) != 37 {
		t.Errorf("%d destinations, want 37", len(c.Destinations))
	}

	formats := map[SchemaFormat]int{}
	auth, secrets, fields := 0, 0, 0
	for _, ct := range c.Connectors {
		formats[ct.SchemaFormat]++
		if ct.Auth != nil {
			auth++
		}
		checkFieldShapesLoose(t, ct.ID, ct.Config)
		walkFields("", ct.Config, func(_ string, f Field) {
			fields++
			if f.Secret {
				secrets++
			}
		})
	}
	t.Logf("formats %v, %d with auth, %d config fields (nested included), %d secret", formats, auth, fields, secrets)
	// The spec's 773 connector types by naming format: schema 654, schema+table 57, schema_prefix 49, schema+table_group_name 13; 142 with auth.
	want := map[SchemaFormat]int{FormatSchema: 654, FormatSchemaTable: 57, FormatSchemaPrefix: 49, FormatSchemaTableGroup: 13}
	for f, n := range want {
		if formats[f] != n {
			t.Errorf("format %s: %d services, want %d", f, formats[f], n)
		}
	}
	if auth != 142 {
		t.Errorf("%d services with auth, want 142", auth)
	}

	pg, ok := c.Connector("postgres")
	if !ok {
		t.Fatal("postgres missing")
	}
	if f, ok := findField(pg.Config, "password"); !ok || !f.Secret {
		t.Errorf("postgres password: %+v", f)
	}
	if f, ok := findField(pg.Config, "port"); !ok || f.Type != "integer" {
		t.Errorf("postgres port: %+v", f)
	}
	if f, _ := findField(pg.Config, "update_method"); f.Type != "string" || len(f.Enum) == 0 {
		t.Errorf("postgres update_method: %+v", f)
	}
	if pg.SchemaFormat != FormatSchemaPrefix {
		t.Errorf("postgres format %s", pg.SchemaFormat)
	}
	// Services the reference data documents with schema+table only.
	for _, id := range []string{"google_sheets", "webhooks", "slack"} {
		if ct, _ := c.Connector(id); ct == nil || ct.SchemaFormat != FormatSchemaTable {
			t.Errorf("%s: want %s, got %+v", id, FormatSchemaTable, ct)
		}
	}
	if ct, _ := c.Connector("s3"); ct.SchemaFormat != FormatSchemaTableGroup {
		t.Errorf("s3 format %s", ct.SchemaFormat)
	}
	if f, _ := findField(mustConn(t, c, "github").Config, "pats"); !f.Secret || f.Items == nil || !f.Items.Secret {
		t.Errorf("github pats: %+v", f)
	}
	if f, _ := findField(mustConn(t, c, "servicenow").Config, "include_inherited_columns"); !f.Immutable {
		t.Errorf("servicenow include_inherited_columns: %+v", f)
	}
	if f, _ := findField(mustConn(t, c, "google_ads").Config, "reports", "fields"); f.Type != "array" || f.Items.Type != "string" {
		t.Errorf("google_ads reports.fields: %+v", f)
	}
	ga := mustConn(t, c, "google_ads")
	if _, ok := findField(ga.Auth, "client_access", "developer_token"); !ok {
		t.Errorf("google_ads auth: %+v", ga.Auth)
	}
	if f, _ := findField(mustConn(t, c, "amplitude").Config, "project_credentials", "secret_key"); !f.Secret {
		t.Errorf("amplitude project_credentials.secret_key: %+v", f)
	}
	sf, _ := c.Destination("snowflake")
	if sf == nil {
		t.Fatal("snowflake destination missing")
	}
	for _, k := range []string{"password", "private_key", "passphrase"} {
		if f, ok := findField(sf.Config, k); !ok || !f.Secret {
			t.Errorf("snowflake %s: %+v", k, f)
		}
	}
	if f, _ := findField(sf.Config, "port"); f.Type != "integer" {
		t.Errorf("snowflake port %+v", f)
	}
	if f, _ := findField(mustDest(t, c, "managed_data_lake").Config, "bucket"); !f.Immutable {
		t.Errorf("managed_data_lake bucket %+v", f)
	}

	// The spec's union is the same set of ids as services.txt, when that is readable.
	if b, err := os.ReadFile(filepath.Join(catalogRefDir(), "services.txt")); err == nil {
		for _, id := range strings.Fields(string(b)) {
			if _, ok := c.Connector(id); !ok {
				t.Errorf("services.txt id %q not loaded", id)
			}
		}
	}
	// Every builtin type exists in the full catalog.
	for _, ct := range Builtin().Connectors {
		if _, ok := c.Connector(ct.ID); !ok {
			t.Errorf("builtin connector %s not in the spec", ct.ID)
		}
	}
}

// checkFieldShapesLoose checks the structural invariants the emulator relies on.
func checkFieldShapesLoose(t *testing.T, owner string, fields []Field) {
	t.Helper()
	walkFields(owner+".", fields, func(path string, f Field) {
		if !validFieldTypes[f.Type] {
			t.Errorf("%s: type %q", path, f.Type)
		}
		if f.Type == "array" && f.Items == nil {
			t.Errorf("%s: array without items", path)
		}
		if f.Enum != nil && len(f.Enum) == 0 {
			t.Errorf("%s: empty enum", path)
		}
	})
}

func mustConn(t *testing.T, c *Catalog, id string) *ConnectorType {
	t.Helper()
	ct, ok := c.Connector(id)
	if !ok {
		t.Fatalf("connector %s missing", id)
	}
	return ct
}

func mustDest(t *testing.T, c *Catalog, id string) *DestinationType {
	t.Helper()
	d, ok := c.Destination(id)
	if !ok {
		t.Fatalf("destination %s missing", id)
	}
	return d
}

func BenchmarkCatalogLoadOpenAPI(b *testing.B) {
	spec := catalogSpecPath()
	if _, err := os.Stat(spec); err != nil {
		b.Skipf("published spec %s not readable", spec)
	}
	for i := 0; i < b.N; i++ {
		if _, err := LoadOpenAPI(spec); err != nil {
			b.Fatal(err)
		}
	}
}

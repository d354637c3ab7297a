package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestSchemasAreDescribed: every attribute of every resource and data source
// has a MarkdownDescription (the docs are generated from them).
func TestSchemasAreDescribed(t *testing.T) {
	ctx := context.Background()
	p := &fivetranProvider{version: "test"}
	for _, newRes := range p.Resources(ctx) {
		r := newRes()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "fivetran"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no description", meta.TypeName)
		}
		checkResourceAttrs(t, meta.TypeName, resp.Schema.Attributes)
	}
	for _, newDS := range p.DataSources(ctx) {
		d := newDS()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "fivetran"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("data source %s has no description", meta.TypeName)
		}
		checkDataSourceAttrs(t, meta.TypeName, resp.Schema.Attributes)
	}
}

func checkResourceAttrs(t *testing.T, prefix string, attrs map[string]rschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if name == "timeouts" {
			continue // described by terraform-plugin-framework-timeouts, per field
		}
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no MarkdownDescription", prefix, name)
		}
		if n, ok := a.(rschema.SingleNestedAttribute); ok {
			checkResourceAttrs(t, prefix+"."+name, n.Attributes)
		}
	}
}

func checkDataSourceAttrs(t *testing.T, prefix string, attrs map[string]dschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("data source %s.%s has no MarkdownDescription", prefix, name)
		}
		switch n := a.(type) {
		case dschema.SingleNestedAttribute:
			checkDataSourceAttrs(t, prefix+"."+name, n.Attributes)
		case dschema.ListNestedAttribute:
			checkDataSourceAttrs(t, prefix+"."+name, n.NestedObject.Attributes)
		}
	}
}

// TestConnectionSchemaTypesMemoized: the schema-config resource's nested maps
// carry their value types (memoizedTypes), equal to what the framework would
// compute from their attributes and to the types the model's values are built
// with, so the memo changes no value, only the cost of resolving paths.
func TestConnectionSchemaTypesMemoized(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewConnectionSchemaResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	schemas, ok := resp.Schema.Attributes["schemas"].(rschema.MapNestedAttribute)
	if !ok {
		t.Fatalf("schemas is %T", resp.Schema.Attributes["schemas"])
	}
	tables, ok := schemas.NestedObject.Attributes["tables"].(rschema.MapNestedAttribute)
	if !ok {
		t.Fatalf("tables is %T", schemas.NestedObject.Attributes["tables"])
	}
	for name, a := range map[string]rschema.MapNestedAttribute{"schemas": schemas, "tables": tables} {
		if a.CustomType == nil || a.NestedObject.CustomType == nil {
			t.Fatalf("%s: types not memoized", name)
		}
		plain := a
		plain.CustomType, plain.NestedObject.CustomType = nil, nil
		if !a.GetType().Equal(plain.GetType()) {
			t.Errorf("%s: memoized type %s, computed %s", name, a.GetType(), plain.GetType())
		}
	}
	if !schemas.NestedObject.CustomType.Equal(schemaSchemaType) || !tables.NestedObject.CustomType.Equal(schemaTableType) {
		t.Errorf("memoized types differ from the model's: %s / %s", schemas.NestedObject.CustomType, tables.NestedObject.CustomType)
	}
}

// TestConnectionSchemaDataTypesMemoized: the same for the data source's three
// nested maps.
func TestConnectionSchemaDataTypesMemoized(t *testing.T) {
	ctx := context.Background()
	var resp datasource.SchemaResponse
	NewConnectionSchemaDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
	a, ok := resp.Schema.Attributes["schemas"].(dschema.MapNestedAttribute)
	for _, name := range []string{"schemas", "tables", "columns"} {
		if !ok {
			t.Fatalf("%s is not a map of nested objects", name)
		}
		if a.CustomType == nil || a.NestedObject.CustomType == nil {
			t.Fatalf("%s: types not memoized", name)
		}
		plain := a
		plain.CustomType, plain.NestedObject.CustomType = nil, nil
		if !a.GetType().Equal(plain.GetType()) {
			t.Errorf("%s: memoized type %s, computed %s", name, a.GetType(), plain.GetType())
		}
		next := map[string]string{"schemas": "tables", "tables": "columns"}[name]
		a, ok = a.NestedObject.Attributes[next].(dschema.MapNestedAttribute)
	}
}

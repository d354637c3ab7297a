package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
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

// TestConnectionSchemaIsFlat: the schema-config resource's choices are flat
// maps of strings. Nested attributes multiply the plan cost of Terraform and
// of the framework (DESIGN.md, "Shape for speed"); this keeps them out.
func TestConnectionSchemaIsFlat(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewConnectionSchemaResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	for name, a := range resp.Schema.Attributes {
		switch a := a.(type) {
		case rschema.StringAttribute, rschema.BoolAttribute:
		case rschema.MapAttribute:
			if !a.ElementType.Equal(types.StringType) {
				t.Errorf("%s: a map of %s, want a map of strings", name, a.ElementType)
			}
		default:
			if name != "timeouts" {
				t.Errorf("%s: %T, want a string, a bool or a map of strings", name, a)
			}
		}
	}
	for _, name := range []string{"schemas", "tables", "sync_modes", "columns"} {
		if _, ok := resp.Schema.Attributes[name].(rschema.MapAttribute); !ok {
			t.Errorf("%s: missing or not a map", name)
		}
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

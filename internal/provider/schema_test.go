package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
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

// TestPriorOfAgreesWithModel: Read takes the prior state's choices straight
// from its Terraform value (priorOf); they must be what the model route
// (State.Get, flatOf) reads, for null, empty and filled maps alike.
func TestPriorOfAgreesWithModel(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewConnectionSchemaResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	str := func(s string) types.String { return types.StringValue(s) }
	strMap := func(kv ...string) types.Map {
		m := map[string]attr.Value{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = str(kv[i+1])
		}
		return types.MapValueMust(types.StringType, m)
	}
	to := timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType,
		"update": types.StringType, "delete": types.StringType})}
	for name, m := range map[string]connectionSchemaModel{
		"all null": {ConnectionID: str("conn_1"), SchemaChangeHandling: types.StringNull(), Exclusive: types.BoolNull(),
			Schemas: types.MapNull(types.StringType), Tables: types.MapNull(types.StringType),
			SyncModes: types.MapNull(types.StringType), Columns: types.MapNull(types.StringType),
			SwitchedTables: types.MapNull(types.StringType), Timeouts: to},
		"empty and filled": {ConnectionID: str("conn_2"), SchemaChangeHandling: str("BLOCK_ALL"), Exclusive: types.BoolValue(true),
			Schemas: strMap(), Tables: strMap("public.orders", "excluded", "sales.eu.v1.events", "included"),
			SyncModes: strMap("public.orders", "HISTORY"), Columns: strMap("public.users.email", "hashed"),
			SwitchedTables: strMap("public.events", "excluded"), Timeouts: to},
	} {
		t.Run(name, func(t *testing.T) {
			state := tfsdk.State{Schema: resp.Schema, Raw: tftypes.NewValue(resp.Schema.Type().TerraformType(ctx), nil)}
			if d := state.Set(ctx, &m); d.HasError() {
				t.Fatal(d)
			}
			got, err := priorOf(state.Raw)
			if err != nil {
				t.Fatal(err)
			}
			var back connectionSchemaModel
			if d := state.Get(ctx, &back); d.HasError() {
				t.Fatal(d)
			}
			want, _ := flatOf(&back)
			if !reflect.DeepEqual(got.flat, want) {
				t.Errorf("maps: priorOf %#v, the model %#v", got.flat, want)
			}
			// switched_tables read the way flatOf reads tables.
			sw, _ := flatOf(&connectionSchemaModel{Tables: back.SwitchedTables, SchemaChangeHandling: types.StringNull(),
				Schemas: types.MapNull(types.StringType), SyncModes: types.MapNull(types.StringType), Columns: types.MapNull(types.StringType)})
			if !reflect.DeepEqual(got.switched, sw.Tables) {
				t.Errorf("switched_tables: priorOf %#v, the model %#v", got.switched, sw.Tables)
			}
			if got.connectionID != back.ConnectionID.ValueString() || got.exclusive != back.Exclusive.ValueBool() ||
				!reflect.DeepEqual(got.policy, optString(back.SchemaChangeHandling)) {
				t.Errorf("scalars: priorOf %q %v %v, the model %v %v %v", got.connectionID, got.exclusive, got.policy,
					back.ConnectionID, back.Exclusive, back.SchemaChangeHandling)
			}
		})
	}
}

// Package shapecost measures, in process, what terraform-plugin-framework
// costs per request for fivetran_connection_schema's value under a few
// schema shapes, with no resource code and no Terraform: the evidence for
// the shape chosen (DESIGN.md, "Shape for speed"). Each benchmark sends the
// three requests of a no-change plan that carry the whole value
// (ValidateResourceConfig, ReadResource, PlanResourceChange) to the
// framework's protocol server for a shape-only resource whose Read reads the
// state into a value and writes it back.
//
//	go test -run - -bench . -benchmem ./bench/shapecost
//
// Shapes, all holding one schema of 20 tables with two column choices each
// (the schema-config benchmark's instance):
//   - Shipped: the resource's own schema, from provider.New (four flat maps
//     of strings: 20 table entries, 40 column entries).
//   - Nested: the shape shipped before (a map of schemas holding a map of
//     table objects holding a map of column words), with the nested maps'
//     types memoized as it had them.
//   - NestedPlain: Nested without the memoized types (what the framework
//     computes at every path step otherwise).
//   - Dynamic: Nested's `schemas` as one Dynamic attribute (the HCL is the
//     same; the framework does not walk inside it, but carries its type as
//     JSON).
//   - Floor: floor_item's six strings.
//
// These measure the framework alone; with Terraform the nested shapes cost
// more again (BENCHMARKS.md, schema config; DESIGN.md, "Shape for speed").
package shapecost

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	fivetran "github.com/openpipes/terraform-provider-fivetran/internal/provider"
)

const tables, columns = 20, 2

func shippedSchema(b *testing.B) schema.Schema {
	ctx := context.Background()
	for _, newResource := range fivetran.New("bench")().Resources(ctx) {
		r := newResource()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "fivetran"}, &md)
		if md.TypeName != "fivetran_connection_schema" {
			continue
		}
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		if sr.Diagnostics.HasError() {
			b.Fatal(sr.Diagnostics)
		}
		return sr.Schema
	}
	b.Fatal("no fivetran_connection_schema")
	return schema.Schema{}
}

// withSchemas copies s with the four flat maps replaced by one `schemas`
// attribute a.
func withSchemas(s schema.Schema, a schema.Attribute) schema.Schema {
	attrs := map[string]schema.Attribute{}
	for k, v := range s.Attributes {
		switch k {
		case "schemas", "tables", "sync_modes", "columns":
		default:
			attrs[k] = v
		}
	}
	attrs["schemas"] = a
	s.Attributes = attrs
	return s
}

// nestedAttribute is the nested shape: schemas → {enabled, tables →
// {enabled, sync_mode, columns → word}}; memoized gives each map of objects
// its types once, as its CustomType.
func nestedAttribute(memoized bool) schema.MapNestedAttribute {
	memo := func(a schema.MapNestedAttribute) schema.MapNestedAttribute {
		if memoized {
			obj, _ := a.NestedObject.Type().(types.ObjectType)
			a.NestedObject.CustomType = obj
			a.CustomType = types.MapType{ElemType: obj}
		}
		return a
	}
	tables := memo(schema.MapNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"enabled":   schema.BoolAttribute{Optional: true},
		"sync_mode": schema.StringAttribute{Optional: true},
		"columns":   schema.MapAttribute{Optional: true, ElementType: types.StringType},
	}}})
	return memo(schema.MapNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"enabled": schema.BoolAttribute{Optional: true},
		"tables":  tables,
	}}})
}

func nestedSchema(b *testing.B) schema.Schema {
	return withSchemas(shippedSchema(b), nestedAttribute(true))
}
func plainSchema(b *testing.B) schema.Schema {
	return withSchemas(shippedSchema(b), nestedAttribute(false))
}

func dynamicSchema(b *testing.B) schema.Schema {
	return withSchemas(shippedSchema(b), schema.DynamicAttribute{Optional: true})
}

func floorSchema(*testing.B) schema.Schema {
	opt := func() schema.StringAttribute { return schema.StringAttribute{Optional: true} }
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true}, "name": schema.StringAttribute{Required: true},
		"parent": opt(), "kind": opt(), "value": opt(), "secret": schema.StringAttribute{Optional: true, Sensitive: true},
	}}
}

// schemasValue is the `schemas` value: as the nested schema types it, or as
// HCL types an object literal (what a Dynamic attribute receives).
func schemasValue(dynamic bool) tftypes.Value {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	colVals := map[string]tftypes.Value{}
	colTypes := map[string]tftypes.Type{}
	for c := 1; c <= columns; c++ {
		name := fmt.Sprintf("col_%03d", c+1)
		colVals[name], colTypes[name] = str([]string{"hashed", "excluded"}[c%2]), tftypes.String
	}
	colsT := tftypes.Type(tftypes.Map{ElementType: tftypes.String})
	tableT := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"enabled": tftypes.Bool, "sync_mode": tftypes.String, "columns": colsT}}
	if dynamic {
		colsT = tftypes.Object{AttributeTypes: colTypes}
		tableT = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"enabled": tftypes.Bool, "columns": colsT}}
	}
	tableVals := map[string]tftypes.Value{}
	tableTypes := map[string]tftypes.Type{}
	for t := 0; t < tables; t++ {
		v := map[string]tftypes.Value{"enabled": tftypes.NewValue(tftypes.Bool, true), "columns": tftypes.NewValue(colsT, colVals)}
		if !dynamic {
			v["sync_mode"] = tftypes.NewValue(tftypes.String, nil)
		}
		name := fmt.Sprintf("table_%04d", t*10+1)
		tableVals[name], tableTypes[name] = tftypes.NewValue(tableT, v), tableT
	}
	tablesT := tftypes.Type(tftypes.Map{ElementType: tableT})
	schemaT := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"enabled": tftypes.Bool, "tables": tablesT}}
	if dynamic {
		tablesT = tftypes.Object{AttributeTypes: tableTypes}
		schemaT = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"tables": tablesT}}
	}
	sv := map[string]tftypes.Value{"tables": tftypes.NewValue(tablesT, tableVals)}
	if !dynamic {
		sv["enabled"] = tftypes.NewValue(tftypes.Bool, nil)
		return tftypes.NewValue(tftypes.Map{ElementType: schemaT}, map[string]tftypes.Value{"schema_001": tftypes.NewValue(schemaT, sv)})
	}
	allT := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"schema_001": schemaT}}
	return tftypes.NewValue(allT, map[string]tftypes.Value{"schema_001": tftypes.NewValue(schemaT, sv)})
}

// flatValues are the flat shape's tables and columns maps for the same
// choices as schemasValue.
func flatValues() (tablesV, columnsV tftypes.Value) {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	t, c := map[string]tftypes.Value{}, map[string]tftypes.Value{}
	for i := 0; i < tables; i++ {
		table := fmt.Sprintf("schema_001.table_%04d", i*10+1)
		t[table] = str("included")
		for k := 1; k <= columns; k++ {
			c[fmt.Sprintf("%s.col_%03d", table, k+1)] = str([]string{"hashed", "excluded"}[k%2])
		}
	}
	m := tftypes.Map{ElementType: tftypes.String}
	return tftypes.NewValue(m, t), tftypes.NewValue(m, c)
}

// instance is a state (withID) or a config value of the resource type typ.
func instance(typ tftypes.Object, withID, dynamic bool) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for k, t := range typ.AttributeTypes {
		vals[k] = tftypes.NewValue(t, nil)
	}
	set := func(k string, v tftypes.Value) {
		if _, ok := vals[k]; ok {
			vals[k] = v
		}
	}
	if _, ok := vals["connection_id"]; ok {
		set("connection_id", tftypes.NewValue(tftypes.String, "conn_0001"))
		set("schema_change_handling", tftypes.NewValue(tftypes.String, "ALLOW_ALL"))
		if _, flat := vals["tables"]; flat {
			t, c := flatValues()
			set("tables", t)
			set("columns", c)
		} else {
			set("schemas", schemasValue(dynamic))
		}
	} else {
		for _, k := range []string{"name", "parent", "kind", "value", "secret"} {
			set(k, tftypes.NewValue(tftypes.String, "some-value"))
		}
	}
	if withID {
		set("id", tftypes.NewValue(tftypes.String, "conn_0001"))
	}
	return tftypes.NewValue(typ, vals)
}

func run(b *testing.B, s schema.Schema, dynamic bool) {
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(shapeProvider{s})()
	if err != nil {
		b.Fatal(err)
	}
	typ, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		b.Fatal("the schema's type is not an object")
	}
	state, err := tfprotov6.NewDynamicValue(typ, instance(typ, true, dynamic))
	if err != nil {
		b.Fatal(err)
	}
	config, err := tfprotov6.NewDynamicValue(typ, instance(typ, false, dynamic))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		b.Fatal(err)
	}
	empty, _ := tfprotov6.NewDynamicValue(tftypes.Object{}, tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{}))
	if _, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &empty}); err != nil {
		b.Fatal(err)
	}
	check := func(d []*tfprotov6.Diagnostic) {
		if len(d) > 0 {
			b.Fatal(d[0].Summary, ": ", d[0].Detail)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, _ := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "shape_thing", Config: &config})
		check(v.Diagnostics)
		r, _ := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "shape_thing", CurrentState: &state})
		check(r.Diagnostics)
		p, _ := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "shape_thing", Config: &config, PriorState: r.NewState, ProposedNewState: r.NewState})
		check(p.Diagnostics)
	}
}

func BenchmarkShipped(b *testing.B)     { run(b, shippedSchema(b), false) }
func BenchmarkNested(b *testing.B)      { run(b, nestedSchema(b), false) }
func BenchmarkNestedPlain(b *testing.B) { run(b, plainSchema(b), false) }
func BenchmarkDynamic(b *testing.B)     { run(b, dynamicSchema(b), true) }
func BenchmarkFloor(b *testing.B)       { run(b, floorSchema(b), false) }

// shapeProvider serves one resource, shape_thing, with the given schema and no
// behaviour but Read (state in, the same value out, through types.Object).
type shapeProvider struct{ s schema.Schema }

func (shapeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "shape"
}
func (shapeProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (shapeProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (p shapeProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return shapeResource(p) }}
}
func (shapeProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type shapeResource struct{ s schema.Schema }

func (shapeResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "shape_thing"
}
func (r shapeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.s
}
func (shapeResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (shapeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var v types.Object
	resp.Diagnostics.Append(req.State.Get(ctx, &v)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, v)...)
}
func (shapeResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (shapeResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// data "fivetran_connection_schema": the schema config Fivetran has
// discovered for a connection (one GET), with the flags a for_each rule
// needs: primary keys, whether a table takes column choices or history
// mode, and whether "enabled" may be changed.

var (
	_ datasource.DataSource              = (*connectionSchemaDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectionSchemaDataSource)(nil)
)

func NewConnectionSchemaDataSource() datasource.DataSource { return &connectionSchemaDataSource{} }

type connectionSchemaDataSource struct {
	data *providerData
}

type connectionSchemaDataModel struct {
	ID                   types.String `tfsdk:"id"`
	ConnectionID         types.String `tfsdk:"connection_id"`
	SchemaChangeHandling types.String `tfsdk:"schema_change_handling"`
	Schemas              types.Map    `tfsdk:"schemas"`
}

var (
	dsColumnType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name_in_destination": types.StringType, "enabled": types.BoolType, "hashed": types.BoolType,
		"is_primary_key": types.BoolType, "enabled_patch_allowed": types.BoolType}}
	dsTableType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name_in_destination": types.StringType, "enabled": types.BoolType, "sync_mode": types.StringType,
		"supports_columns_config": types.BoolType, "supports_history_mode": types.BoolType, "enabled_patch_allowed": types.BoolType,
		"columns": types.MapType{ElemType: dsColumnType}}}
	dsSchemaType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name_in_destination": types.StringType, "enabled": types.BoolType, "tables": types.MapType{ElemType: dsTableType}}}
)

func (d *connectionSchemaDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_schema"
}

func (d *connectionSchemaDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	boo := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The schemas, tables and columns Fivetran has discovered in a connection's source, with what syncs now " +
			"and the flags that say what may be chosen (one `GET /v1/connections/{id}/schemas`, then one `GET .../columns` per table " +
			"that takes column choices, since the schema config lists only the columns set after the initial sync). Use it to write rules over the " +
			"source, such as hashing every column whose name contains `email`, and feed them to `fivetran_connection_schema`. " +
			"Before Fivetran has discovered the source, `schemas` is empty.",
		Attributes: map[string]schema.Attribute{
			"id": str("The connection's id."),
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The connection whose schema config to read.",
				Required:            true,
				Validators:          []validator.String{idValidator{what: "connection"}},
			},
			"schema_change_handling": str("The schema-change policy: `ALLOW_ALL`, `ALLOW_COLUMNS` or `BLOCK_ALL`."),
			"schemas": memoizedDataTypes(schema.MapNestedAttribute{
				MarkdownDescription: "The source's schemas, by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name_in_destination": str("The schema's name in the destination."),
					"enabled":             boo("Whether the schema syncs."),
					"tables": memoizedDataTypes(schema.MapNestedAttribute{
						MarkdownDescription: "The schema's tables, by name.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"name_in_destination":     str("The table's name in the destination."),
							"enabled":                 boo("Whether the table syncs."),
							"sync_mode":               str("`SOFT_DELETE`, `HISTORY` or `LIVE`; null when the connection cannot switch modes."),
							"supports_columns_config": boo("Whether the table takes column choices."),
							"supports_history_mode":   boo("Whether the table supports history mode."),
							"enabled_patch_allowed":   boo("Whether Fivetran lets you change whether the table syncs (false for system tables)."),
							"columns": memoizedDataTypes(schema.MapNestedAttribute{
								MarkdownDescription: "The table's columns, by name.",
								Computed:            true,
								NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
									"name_in_destination":   str("The column's name in the destination."),
									"enabled":               boo("Whether the column syncs."),
									"hashed":                boo("Whether the column is hashed."),
									"is_primary_key":        boo("Whether the column is part of the primary key (it cannot be excluded)."),
									"enabled_patch_allowed": boo("Whether Fivetran lets you change whether the column syncs."),
								}},
							}),
						}},
					}),
				}},
			}),
		},
	}
}

// memoizedDataTypes gives a data source's map of nested objects its value
// types once, computed from its own attributes, as its CustomType. Without it
// the framework rebuilds the nested object's type from its attributes at every
// step of every attribute path it resolves; a source of hundreds of tables is
// thousands of value nodes. The values stay plain types.Map and types.Object.
// Apply it inside out, so that an outer map uses the inner map's memoized type.
func memoizedDataTypes(a schema.MapNestedAttribute) schema.MapNestedAttribute {
	a.NestedObject.CustomType, a.CustomType = nil, nil
	obj, _ := a.NestedObject.Type().(types.ObjectType)
	a.NestedObject.CustomType = obj
	a.CustomType = types.MapType{ElemType: obj}
	return a
}

func (d *connectionSchemaDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectionSchemaDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m connectionSchemaDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := m.ConnectionID.ValueString()
	sc, err := d.data.client.GetConnectionSchema(d.data.logContext(ctx), id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "read the schema config of", "connection", id, err)
		return
	}
	// The schema config lists only the columns set after the initial sync:
	// read every column-configurable table's full list.
	for sn, se := range sc.Schemas {
		for tn, te := range se.Tables {
			if te.SupportsColumnsConfig != nil && !*te.SupportsColumnsConfig {
				continue
			}
			cols, err := d.data.client.ListTableColumns(d.data.logContext(ctx), id, sn, tn)
			if err != nil {
				addAPIError(&resp.Diagnostics, "read the columns of", "connection", id, err)
				return
			}
			te.Columns = cols
		}
	}
	m.ID = types.StringValue(id)
	m.SchemaChangeHandling = types.StringValue(sc.SchemaChangeHandling)
	m.Schemas = discoveredSchemas(sc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func optBoolValue(p *bool, def bool) types.Bool {
	if p == nil {
		return types.BoolValue(def)
	}
	return types.BoolValue(*p)
}

func discoveredSchemas(sc *fivetran.SchemaConfig) types.Map {
	schemas := make(map[string]attr.Value, len(sc.Schemas))
	for sn, s := range sc.Schemas {
		tables := make(map[string]attr.Value, len(s.Tables))
		for tn, t := range s.Tables {
			columns := make(map[string]attr.Value, len(t.Columns))
			for cn, c := range t.Columns {
				columns[cn] = types.ObjectValueMust(dsColumnType.AttrTypes, map[string]attr.Value{
					"name_in_destination": types.StringValue(c.NameInDestination), "enabled": types.BoolValue(c.Enabled),
					"hashed": types.BoolValue(c.Hashed), "is_primary_key": optBoolValue(c.IsPrimaryKey, false),
					"enabled_patch_allowed": types.BoolValue(c.EnabledPatchSettings.IsAllowed()),
				})
			}
			tables[tn] = types.ObjectValueMust(dsTableType.AttrTypes, map[string]attr.Value{
				"name_in_destination": types.StringValue(t.NameInDestination), "enabled": types.BoolValue(t.Enabled),
				"sync_mode": stringOrNull(t.SyncMode), "supports_columns_config": optBoolValue(t.SupportsColumnsConfig, true),
				"supports_history_mode": optBoolValue(t.SupportsHistoryMode, false), "enabled_patch_allowed": types.BoolValue(t.EnabledPatchSettings.IsAllowed()),
				"columns": types.MapValueMust(dsColumnType, columns),
			})
		}
		schemas[sn] = types.ObjectValueMust(dsSchemaType.AttrTypes, map[string]attr.Value{
			"name_in_destination": types.StringValue(s.NameInDestination), "enabled": types.BoolValue(s.Enabled),
			"tables": types.MapValueMust(dsTableType, tables),
		})
	}
	return types.MapValueMust(dsSchemaType, schemas)
}

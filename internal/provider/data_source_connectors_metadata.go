package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*connectorsMetadataDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectorsMetadataDataSource)(nil)
)

// NewConnectorsMetadataDataSource is the fivetran_connectors_metadata data
// source: every connector type Fivetran offers, optionally filtered.
func NewConnectorsMetadataDataSource() datasource.DataSource { return &connectorsMetadataDataSource{} }

type connectorsMetadataDataSource struct {
	data *providerData
}

type connectorsMetadataModel struct {
	ID               types.String        `tfsdk:"id"`
	Type             types.String        `tfsdk:"type"`
	Search           types.String        `tfsdk:"search"`
	SupportedFeature types.String        `tfsdk:"supported_feature"`
	Connectors       []connectorTypeItem `tfsdk:"connectors"`
}

type connectorTypeItem struct {
	ID                types.String   `tfsdk:"id"`
	Name              types.String   `tfsdk:"name"`
	Type              types.String   `tfsdk:"type"`
	Description       types.String   `tfsdk:"description"`
	ServiceStatus     types.String   `tfsdk:"service_status"`
	IconURL           types.String   `tfsdk:"icon_url"`
	LinkToDocs        types.String   `tfsdk:"link_to_docs"`
	LinkToErd         types.String   `tfsdk:"link_to_erd"`
	SupportedFeatures []types.String `tfsdk:"supported_features"`
}

func (d *connectorsMetadataDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connectors_metadata"
}

func (d *connectorsMetadataDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every connector type Fivetran offers (its `id` is what `fivetran_connection.service` takes), read from " +
			"`GET /v1/metadata/connector-types` in pages of 1000, optionally filtered by type, by a search string, or by a supported feature.",
		Attributes: map[string]schema.Attribute{
			"id":                computedString("A fixed id for this data source (`connectors_metadata`)."),
			"type":              filterString("Keep only connector types of this category, such as `Database`, `Marketing`, `File` or `Events` (case-insensitive)."),
			"search":            filterString("Keep only connector types whose id or name contains this text (case-insensitive)."),
			"supported_feature": filterString("Keep only connector types that support this feature, such as `AUTHORIZATION_VIA_API` or `PRIVATE_NETWORKING` (case-insensitive)."),
			"connectors": schema.ListNestedAttribute{
				MarkdownDescription: "The connector types, ordered by id.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":             computedString("The service id, as used in `fivetran_connection.service`."),
					"name":           computedString("The display name."),
					"type":           computedString("The category, such as `Database` or `Marketing`."),
					"description":    computedString("What the source is."),
					"service_status": computedString("`general_availability`, `beta`, `private_preview`, `sunset` or `development`."),
					"icon_url":       computedString("The icon's URL."),
					"link_to_docs":   computedString("The connector's documentation."),
					"link_to_erd":    computedString("The connector's schema diagram."),
					"supported_features": schema.ListAttribute{
						MarkdownDescription: "The ids of the features the type supports, such as `API_CONFIGURABLE` or `AUTHORIZATION_VIA_API`.",
						Computed:            true,
						ElementType:         types.StringType,
					},
				}},
			},
		},
	}
}

func (d *connectorsMetadataDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectorsMetadataDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m connectorsMetadataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	all, err := d.data.client.ListConnectorTypes(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "connector types", "", err)
		return
	}
	m.ID = types.StringValue("connectors_metadata")
	m.Connectors = filterConnectorTypes(all, m.Type.ValueString(), m.Search.ValueString(), m.SupportedFeature.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// filterConnectorTypes applies the optional filters ("" = no filter) and
// converts the survivors, ordered by id.
func filterConnectorTypes(all []fivetran.ConnectorType, typ, search, feature string) []connectorTypeItem {
	search = strings.ToLower(search)
	out := []connectorTypeItem{}
	for _, ct := range all {
		if typ != "" && !strings.EqualFold(ct.Type, typ) {
			continue
		}
		if search != "" && !strings.Contains(strings.ToLower(ct.ID), search) && !strings.Contains(strings.ToLower(ct.Name), search) {
			continue
		}
		features := make([]types.String, 0, len(ct.SupportedFeatures))
		has := feature == ""
		for _, f := range ct.SupportedFeatures {
			features = append(features, types.StringValue(f.ID))
			has = has || strings.EqualFold(f.ID, feature)
		}
		if !has {
			continue
		}
		out = append(out, connectorTypeItem{
			ID: types.StringValue(ct.ID), Name: types.StringValue(ct.Name), Type: types.StringValue(ct.Type),
			Description: types.StringValue(ct.Description), ServiceStatus: types.StringValue(ct.ServiceStatus),
			IconURL: types.StringValue(ct.IconURL), LinkToDocs: types.StringValue(ct.LinkToDocs),
			LinkToErd: types.StringValue(ct.LinkToErd), SupportedFeatures: features,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID.ValueString() < out[j].ID.ValueString() })
	return out
}

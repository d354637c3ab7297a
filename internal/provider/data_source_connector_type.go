package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*connectorTypeDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectorTypeDataSource)(nil)
)

// NewConnectorTypeDataSource is the fivetran_connector_type data source: one
// connector type's metadata, with its config and auth schemas.
func NewConnectorTypeDataSource() datasource.DataSource { return &connectorTypeDataSource{} }

type connectorTypeDataSource struct {
	data *providerData
}

type connectorTypeDataModel struct {
	Service               types.String   `tfsdk:"service"`
	ID                    types.String   `tfsdk:"id"`
	Name                  types.String   `tfsdk:"name"`
	Type                  types.String   `tfsdk:"type"`
	Description           types.String   `tfsdk:"description"`
	ServiceStatus         types.String   `tfsdk:"service_status"`
	IconURL               types.String   `tfsdk:"icon_url"`
	LinkToDocs            types.String   `tfsdk:"link_to_docs"`
	LinkToErd             types.String   `tfsdk:"link_to_erd"`
	SupportedFeatures     []types.String `tfsdk:"supported_features"`
	ConfigSchema          types.String   `tfsdk:"config_schema"`
	AuthSchema            types.String   `tfsdk:"auth_schema"`
	SecretConfigKeys      []types.String `tfsdk:"secret_config_keys"`
	SecretAuthKeys        []types.String `tfsdk:"secret_auth_keys"`
	DestinationSchemaKeys types.List     `tfsdk:"destination_schema_keys"`
}

func (d *connectorTypeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connector_type"
}

func (d *connectorTypeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	strList := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: types.StringType}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One connector type (what `fivetran_connection.service` takes), read from `GET /v1/metadata/connector-types/{service}`: " +
			"its description, the JSON schemas of its `config` and `auth`, which config keys are secrets, and which `destination_schema` keys a connection of this type needs. " +
			"The answer is cached for the run, and shared with the plan-time checks of `fivetran_connection`. An unknown service is an error that suggests the nearest one; " +
			"the `fivetran_connectors_metadata` data source lists them all.",
		Attributes: map[string]schema.Attribute{
			"service": schema.StringAttribute{
				MarkdownDescription: "The connector type's id, such as `postgres`, `salesforce` or `google_ads`.",
				Required:            true,
				Validators:          []validator.String{serviceIDValidator{}},
			},
			"id":             computedString("The connector type's id (the same as `service`)."),
			"name":           computedString("The display name, such as `PostgreSQL`."),
			"type":           computedString("The category, such as `Database`, `Marketing`, `File` or `Events`."),
			"description":    computedString("What the source is."),
			"service_status": computedString("`general_availability`, `beta`, `private_preview`, `sunset` or `development`."),
			"icon_url":       computedString("The icon's URL."),
			"link_to_docs":   computedString("The connector's documentation."),
			"link_to_erd":    computedString("The connector's schema diagram."),
			"supported_features": strList("The ids of the features the type supports, such as `API_CONFIGURABLE`, `AUTHORIZATION_VIA_API` or `PRIVATE_NETWORKING`, " +
				"in Fivetran's order."),
			"config_schema": computedString("The JSON schema of the connection's `config` as Fivetran publishes it (JSON text: read it with `jsondecode()`), " +
				"destination-schema keys included; null when Fivetran publishes none. Nodes with `\"format\": \"password\"` are secrets."),
			"auth_schema": computedString("The JSON schema of the connection's `auth` section (JSON text: read it with `jsondecode()`); null when the type takes no `auth`, " +
				"in which case credentials go in `config`."),
			"secret_config_keys": strList("The config keys whose values are secrets (Fivetran returns them masked as `\"******\"`), sorted, as dotted paths " +
				"such as `password` or `tunnel.private_key`; the items of a list share the list's path. Pass these from sensitive variables."),
			"secret_auth_keys": strList("The same as `secret_config_keys`, for the `auth` section (such as `refresh_token` or `client_access.client_secret`). Empty when the type takes no `auth`."),
			"destination_schema_keys": strList("The `destination_schema` keys a `fivetran_connection` of this type needs, and the only ones it takes: " +
				"`[\"name\"]` (most types), `[\"name\", \"table\"]` (files and single-table types), `[\"name\", \"table_group_name\"]`, or `[\"prefix\"]` (types that write several schemas). " +
				"Null when Fivetran publishes no config schema for the type."),
		},
	}
}

func (d *connectorTypeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectorTypeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m connectorTypeDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	service := m.Service.ValueString()
	ct, err := d.data.metadata.connectorType(ctx, service)
	if errors.Is(err, errUnknownService) {
		d.data.metadata.addUnknownService(ctx, service, &resp.Diagnostics)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "connector type", service, err)
		return
	}
	// ct is shared by the metadata cache: read it, never change it.
	configSchema, err := schemaJSON(ct.Config)
	if err == nil {
		m.AuthSchema, err = schemaJSON(ct.Auth)
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to read connector type", fmt.Sprintf("The schemas of connector type %q could not be converted to JSON: %s.", service, err))
		return
	}
	m.ConfigSchema = configSchema
	m.ID = types.StringValue(ct.ID)
	m.Name = types.StringValue(ct.Name)
	m.Type = types.StringValue(ct.Type)
	m.Description = types.StringValue(ct.Description)
	m.ServiceStatus = stringOrNull(ct.ServiceStatus)
	m.IconURL = stringOrNull(ct.IconURL)
	m.LinkToDocs = stringOrNull(ct.LinkToDocs)
	m.LinkToErd = stringOrNull(ct.LinkToErd)
	m.SupportedFeatures = make([]types.String, 0, len(ct.SupportedFeatures))
	for _, f := range ct.SupportedFeatures {
		m.SupportedFeatures = append(m.SupportedFeatures, types.StringValue(f.ID))
	}
	m.SecretConfigKeys = stringValues(secretKeys(ct.Config))
	m.SecretAuthKeys = stringValues(secretKeys(ct.Auth))
	m.DestinationSchemaKeys = types.ListNull(types.StringType)
	if _, keys, ok := destinationSchemaRule(ct); ok {
		list, diags := types.ListValueFrom(ctx, types.StringType, keys)
		resp.Diagnostics.Append(diags...)
		m.DestinationSchemaKeys = list
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// destinationSchemaRule says how a connector type names its place in the
// destination, from the destination-schema keys its config declares: a
// phrase for messages ("name and table") and the destination_schema keys a
// connection of the type needs, which are also the only ones it takes. ok is
// false when the metadata declares no config properties (nothing to go by).
func destinationSchemaRule(ct *fivetran.ConnectorType) (format string, keys []string, ok bool) {
	if ct == nil || ct.Config == nil || ct.Config.Properties == nil {
		return "", nil, false
	}
	has := func(k string) bool { _, found := ct.Config.Properties[k]; return found }
	configKeys := []string{"schema"}
	switch {
	case has("schema_prefix"):
		configKeys = []string{"schema_prefix"}
	case has("table_group_name"):
		configKeys = []string{"schema", "table_group_name"}
	case has("table"):
		configKeys = []string{"schema", "table"}
	}
	for _, k := range configKeys {
		keys = append(keys, schemaAttrOf(k))
	}
	return strings.Join(keys, " and "), keys, true
}

// schemaJSON is a metadata tree as JSON text; null when absent.
func schemaJSON(n *fivetran.SchemaNode) (types.String, error) {
	if n == nil {
		return types.StringNull(), nil
	}
	b, err := json.Marshal(n)
	if err != nil {
		return types.StringNull(), err
	}
	return types.StringValue(string(b)), nil
}

// secretKeys lists, sorted and without duplicates, the dotted paths of the
// nodes of a metadata tree whose format is "password", recursing into object
// properties and array items (an item shares its array's path).
func secretKeys(root *fivetran.SchemaNode) []string {
	seen := map[string]bool{}
	var walk func(n *fivetran.SchemaNode, at string)
	walk = func(n *fivetran.SchemaNode, at string) {
		if n == nil {
			return
		}
		if n.Format == "password" && at != "" {
			seen[at] = true
		}
		for k, p := range n.Properties {
			child := k
			if at != "" {
				child = at + "." + k
			}
			walk(p, child)
		}
		walk(n.Items, at)
	}
	walk(root, "")
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func stringValues(ss []string) []types.String {
	out := make([]types.String, len(ss))
	for i, s := range ss {
		out[i] = types.StringValue(s)
	}
	return out
}

package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource                     = (*destinationDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*destinationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*destinationDataSource)(nil)
)

// NewDestinationDataSource is the fivetran_destination data source: the
// destination of one existing group, with its config as Fivetran returns it.
func NewDestinationDataSource() datasource.DataSource { return &destinationDataSource{} }

type destinationDataSource struct {
	data *providerData
}

type destinationDataModel struct {
	ID                        types.String  `tfsdk:"id"`
	GroupID                   types.String  `tfsdk:"group_id"`
	Service                   types.String  `tfsdk:"service"`
	Region                    types.String  `tfsdk:"region"`
	TimeZoneOffset            types.String  `tfsdk:"time_zone_offset"`
	DaylightSavingTimeEnabled types.Bool    `tfsdk:"daylight_saving_time_enabled"`
	NetworkingMethod          types.String  `tfsdk:"networking_method"`
	PrivateLinkID             types.String  `tfsdk:"private_link_id"`
	ProxyAgentID              types.String  `tfsdk:"proxy_agent_id"`
	HybridDeploymentAgentID   types.String  `tfsdk:"hybrid_deployment_agent_id"`
	Config                    types.Dynamic `tfsdk:"config"`
	SetupStatus               types.String  `tfsdk:"setup_status"`
}

func (d *destinationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_destination"
}

func (d *destinationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The destination of one existing Fivetran group: the warehouse or lake the group loads into, with every setting of the " +
			"`fivetran_destination` resource and its `config` as Fivetran returns it. A group has at most one destination and the destination's id is the group's id, " +
			"so set either `id` or `group_id` (one `GET /v1/destinations/{id}`). A group without a destination, or no group at all, is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The destination's id, which is its group's id. Set this or `group_id`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{idValidator{what: "destination"}},
			},
			"group_id": schema.StringAttribute{
				MarkdownDescription: "The id of the group whose destination to read, such as `data.fivetran_group.<name>.id`. Set this or `id`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"service": computedString("The destination type, such as `snowflake`, `big_query`, `redshift`, `databricks` or `postgres_warehouse`."),
			"region":  computedString("Where Fivetran processes the data, such as `GCP_US_EAST4` or `AWS_EU_CENTRAL_1`."),
			"time_zone_offset": computedString("The time zone of the destination's daily schedules, as an offset from UTC: " +
				"`\"-11\"` … `\"0\"` … `\"+12\"`."),
			"daylight_saving_time_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the time zone observes daylight saving time.",
				Computed:            true,
			},
			"networking_method": computedString("How Fivetran reaches the destination: `Directly`, `PrivateLink`, `SshTunnel` or `ProxyAgent`."),
			"private_link_id":   computedString("The PrivateLink Fivetran uses (with `networking_method = \"PrivateLink\"`); null when none."),
			"proxy_agent_id":    computedString("The proxy agent Fivetran uses (with `networking_method = \"ProxyAgent\"`); null when none."),
			"hybrid_deployment_agent_id": computedString("The hybrid deployment agent that processes this destination's data; " +
				"null when Fivetran processes it."),
			"config": schema.DynamicAttribute{
				MarkdownDescription: "The destination's settings as Fivetran returns them, as an object (for Snowflake: `host`, `port`, `database`, `auth`, `user`, `role`, …). " +
					"Secrets come back masked as `\"******\"`: Fivetran never returns them. Sensitive, because some keys that are not masked may still be confidential. " +
					"Read a key with `data.fivetran_destination.<name>.config.host` (wrap in `nonsensitive()` to show a key you know to be harmless).",
				Computed:  true,
				Sensitive: true,
			},
			"setup_status": computedString("The destination's setup state as Fivetran reports it, in lower case: `incomplete`, `connected` or `broken`."),
		},
	}
}

func (d *destinationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("group_id")),
	}
}

func (d *destinationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *destinationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m destinationDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	id, at := m.ID.ValueString(), path.Root("id")
	if id == "" {
		id, at = m.GroupID.ValueString(), path.Root("group_id")
	}
	dest, err := d.data.client.GetDestination(ctx, id)
	if fivetran.IsNotFoundKind(err, fivetran.KindDestination) {
		resp.Diagnostics.AddAttributeError(at, "Destination not found",
			fmt.Sprintf("Fivetran has no destination with id %q: no group has this id, or the group has no destination yet "+
				"(a destination's id is its group's id). %s", id, explainError(err)))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "destination", id, err)
		return
	}
	m, err = destinationDataOf(ctx, dest)
	if err != nil {
		resp.Diagnostics.AddError("Unable to read destination",
			fmt.Sprintf("The config of destination %q could not be converted: %s.", dest.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*destinationsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*destinationsDataSource)(nil)
)

// NewDestinationsDataSource is the fivetran_destinations data source: the
// account's destinations, without their config (the data source of one
// reads that).
func NewDestinationsDataSource() datasource.DataSource { return &destinationsDataSource{} }

type destinationsDataSource struct {
	data *providerData
}

// destinationListItem is a destination as the list shows it.
type destinationListItem struct {
	ID                        types.String `tfsdk:"id"`
	GroupID                   types.String `tfsdk:"group_id"`
	Service                   types.String `tfsdk:"service"`
	Region                    types.String `tfsdk:"region"`
	TimeZoneOffset            types.String `tfsdk:"time_zone_offset"`
	DaylightSavingTimeEnabled types.Bool   `tfsdk:"daylight_saving_time_enabled"`
	NetworkingMethod          types.String `tfsdk:"networking_method"`
	PrivateLinkID             types.String `tfsdk:"private_link_id"`
	ProxyAgentID              types.String `tfsdk:"proxy_agent_id"`
	HybridDeploymentAgentID   types.String `tfsdk:"hybrid_deployment_agent_id"`
	SetupStatus               types.String `tfsdk:"setup_status"`
}

type destinationsDataModel struct {
	ID           types.String          `tfsdk:"id"`
	Destinations []destinationListItem `tfsdk:"destinations"`
}

func (d *destinationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_destinations"
}

func (d *destinationsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	var one datasource.SchemaResponse
	(&destinationDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &one)
	attrs := map[string]schema.Attribute{}
	for name, a := range one.Schema.Attributes {
		if name == "config" {
			continue
		}
		if s, ok := a.(schema.StringAttribute); ok {
			a = schema.StringAttribute{MarkdownDescription: s.MarkdownDescription, Computed: true}
		}
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's destinations, read from `GET /v1/destinations` (all pages), each with the settings of the " +
			"`fivetran_destination` data source but `config` (read one destination for it).",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`destinations`)."),
			"destinations": schema.ListNestedAttribute{
				MarkdownDescription: "The destinations, ordered by group id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *destinationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *destinationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	dests, err := d.data.client.ListDestinations(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "destinations", "", err)
		return
	}
	slices.SortFunc(dests, func(a, b fivetran.Destination) int {
		return cmp.Compare(destinationGroupID(&a), destinationGroupID(&b))
	})
	m := destinationsDataModel{ID: types.StringValue("destinations"), Destinations: make([]destinationListItem, len(dests))}
	for i := range dests {
		var x destinationModel
		x.fromAPI(&dests[i])
		m.Destinations[i] = destinationListItem{ID: x.ID, GroupID: x.GroupID, Service: x.Service, Region: x.Region, TimeZoneOffset: x.TimeZoneOffset,
			DaylightSavingTimeEnabled: x.DaylightSavingTimeEnabled, NetworkingMethod: x.NetworkingMethod, PrivateLinkID: x.PrivateLinkID,
			ProxyAgentID: x.ProxyAgentID, HybridDeploymentAgentID: x.HybridDeploymentAgentID, SetupStatus: x.SetupStatus}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

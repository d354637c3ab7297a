package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource                     = (*connectionDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*connectionDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*connectionDataSource)(nil)
)

// NewConnectionDataSource is the fivetran_connection data source: one
// existing connection, by id or by group and name, with its config as
// Fivetran returns it.
func NewConnectionDataSource() datasource.DataSource { return &connectionDataSource{} }

type connectionDataSource struct {
	data *providerData
}

// connectionSummaryModel is what both connection data sources show: every
// attribute of the resource that the API returns outside config. The list
// of fivetran_connections holds these.
type connectionSummaryModel struct {
	ID                      types.String `tfsdk:"id"`
	GroupID                 types.String `tfsdk:"group_id"`
	Service                 types.String `tfsdk:"service"`
	Name                    types.String `tfsdk:"name"`
	Paused                  types.Bool   `tfsdk:"paused"`
	PauseAfterTrial         types.Bool   `tfsdk:"pause_after_trial"`
	SyncFrequency           types.Int64  `tfsdk:"sync_frequency"`
	ScheduleType            types.String `tfsdk:"schedule_type"`
	DailySyncTime           types.String `tfsdk:"daily_sync_time"`
	DataDelaySensitivity    types.String `tfsdk:"data_delay_sensitivity"`
	DataDelayThreshold      types.Int64  `tfsdk:"data_delay_threshold"`
	NetworkingMethod        types.String `tfsdk:"networking_method"`
	PrivateLinkID           types.String `tfsdk:"private_link_id"`
	ProxyAgentID            types.String `tfsdk:"proxy_agent_id"`
	HybridDeploymentAgentID types.String `tfsdk:"hybrid_deployment_agent_id"`
	ConnectedBy             types.String `tfsdk:"connected_by"`
	CreatedAt               types.String `tfsdk:"created_at"`
	SetupState              types.String `tfsdk:"setup_state"`
	SyncState               types.String `tfsdk:"sync_state"`
	Status                  types.Object `tfsdk:"status"`
}

type connectionDataModel struct {
	ID                      types.String  `tfsdk:"id"`
	GroupID                 types.String  `tfsdk:"group_id"`
	Service                 types.String  `tfsdk:"service"`
	DestinationSchema       types.Object  `tfsdk:"destination_schema"`
	Name                    types.String  `tfsdk:"name"`
	Config                  types.Dynamic `tfsdk:"config"`
	Paused                  types.Bool    `tfsdk:"paused"`
	PauseAfterTrial         types.Bool    `tfsdk:"pause_after_trial"`
	SyncFrequency           types.Int64   `tfsdk:"sync_frequency"`
	ScheduleType            types.String  `tfsdk:"schedule_type"`
	DailySyncTime           types.String  `tfsdk:"daily_sync_time"`
	DataDelaySensitivity    types.String  `tfsdk:"data_delay_sensitivity"`
	DataDelayThreshold      types.Int64   `tfsdk:"data_delay_threshold"`
	NetworkingMethod        types.String  `tfsdk:"networking_method"`
	PrivateLinkID           types.String  `tfsdk:"private_link_id"`
	ProxyAgentID            types.String  `tfsdk:"proxy_agent_id"`
	HybridDeploymentAgentID types.String  `tfsdk:"hybrid_deployment_agent_id"`
	ConnectedBy             types.String  `tfsdk:"connected_by"`
	CreatedAt               types.String  `tfsdk:"created_at"`
	SetupState              types.String  `tfsdk:"setup_state"`
	SyncState               types.String  `tfsdk:"sync_state"`
	Status                  types.Object  `tfsdk:"status"`
}

// connectionSummaryAttributes are the schema of connectionSummaryModel.
// lookup marks the attributes the fivetran_connection data source takes as
// input (id, group_id, name).
func connectionSummaryAttributes(lookup bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id":       computedString("The connection's id."),
		"group_id": computedString("The group whose destination the connection loads into."),
		"service":  computedString("The connector type, such as `postgres`, `salesforce`, `google_ads` or `s3` (see the `fivetran_connector_type` data source)."),
		"name": computedString("The connection's name, which Fivetran derives from its destination schema: `name`, `name.table`, `name.table_group_name` or `prefix`. " +
			"Unique within a group."),
		"paused":            schema.BoolAttribute{MarkdownDescription: "Whether syncs are paused.", Computed: true},
		"pause_after_trial": schema.BoolAttribute{MarkdownDescription: "Whether Fivetran pauses the connection when its free trial ends.", Computed: true},
		"sync_frequency": schema.Int64Attribute{
			MarkdownDescription: "Minutes between syncs: `1`, `5`, `15`, `30`, `60`, `120`, `180`, `360`, `480`, `720` or `1440`.",
			Computed:            true,
		},
		"schedule_type":          computedString("`auto`: Fivetran syncs on schedule; `manual`: only an API call starts a sync."),
		"daily_sync_time":        computedString("The hour of the daily sync (`\"00:00\"` to `\"23:00\"`, in the destination's time zone) when `sync_frequency` is `1440`; null otherwise."),
		"data_delay_sensitivity": computedString("When Fivetran reports data as delayed: `LOW`, `NORMAL`, `HIGH`, `CUSTOM` (with `data_delay_threshold`) or `SYNC_FREQUENCY`."),
		"data_delay_threshold": schema.Int64Attribute{
			MarkdownDescription: "Minutes of delay before a notification, used with `data_delay_sensitivity = \"CUSTOM\"`.",
			Computed:            true,
		},
		"networking_method":          computedString("How Fivetran reaches the source: `Directly`, `PrivateLink`, `SshTunnel` or `ProxyAgent`."),
		"private_link_id":            computedString("The PrivateLink Fivetran uses (with `networking_method = \"PrivateLink\"`); null when none."),
		"proxy_agent_id":             computedString("The proxy agent Fivetran uses (with `networking_method = \"ProxyAgent\"`); null when none."),
		"hybrid_deployment_agent_id": computedString("The hybrid deployment agent that runs this connection; null when Fivetran runs it."),
		"connected_by":               computedString("The id of the Fivetran user who created the connection (null for system keys)."),
		"created_at":                 computedString("When the connection was created (RFC 3339, UTC)."),
		"setup_state":                computedString("The setup state Fivetran reports: `incomplete`, `connected` or `broken`."),
		"sync_state":                 computedString("The sync state Fivetran reports: `scheduled`, `syncing`, `paused` or `rescheduled`."),
		"status":                     connectionStatusDataAttribute(),
	}
	if lookup {
		attrs["id"] = schema.StringAttribute{
			MarkdownDescription: "The connection's id, such as `speak_inexpensive`. Set this, or `group_id` and `name`.",
			Optional:            true, Computed: true,
			Validators: []validator.String{idValidator{what: "connection"}},
		}
		attrs["group_id"] = schema.StringAttribute{
			MarkdownDescription: "The group whose destination the connection loads into. Set it with `name` to look the connection up by name.",
			Optional:            true, Computed: true,
			Validators: []validator.String{idValidator{what: "group"}},
		}
		attrs["name"] = schema.StringAttribute{
			MarkdownDescription: "The connection's name, which Fivetran derives from its destination schema: `name`, `name.table`, `name.table_group_name` or `prefix` " +
				"(as `fivetran_connection.name` shows it). Unique within a group; set it with `group_id` to look the connection up by name.",
			Optional: true, Computed: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		}
	}
	return attrs
}

func (d *connectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (d *connectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := connectionSummaryAttributes(true)
	attrs["destination_schema"] = schema.SingleNestedAttribute{
		MarkdownDescription: "Where the connection writes in the destination: the keys the `fivetran_connection` resource takes, here all four. " +
			"Which keys are set depends on the connector type (see `fivetran_connector_type.destination_schema_keys`); the others are null.",
		Computed: true,
		Attributes: map[string]schema.Attribute{
			"name":             computedString("The schema name in the destination (config key `schema`)."),
			"table":            computedString("The table name in the destination (config key `table`)."),
			"prefix":           computedString("The prefix of the schemas the connection creates (config key `schema_prefix`)."),
			"table_group_name": computedString("The table group name (config key `table_group_name`)."),
		},
	}
	attrs["config"] = schema.DynamicAttribute{
		MarkdownDescription: "The connector type's settings as Fivetran returns them, as an object, without the destination-schema keys (they are in `destination_schema`). " +
			"Secrets come back masked as `\"******\"`: Fivetran never returns them, nor the `auth` section. Sensitive, because some keys that are not masked may still be confidential. " +
			"Read a key with `data.fivetran_connection.<name>.config.host` (wrap in `nonsensitive()` to show a key you know to be harmless).",
		Computed:  true,
		Sensitive: true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One existing Fivetran connection, with every setting of the `fivetran_connection` resource and its `config` as Fivetran returns it. " +
			"Look it up by `id` (one `GET /v1/connections/{id}`), or by `group_id` and `name` (a connection's name is unique in its group). " +
			"A connection that does not exist is an error.",
		Attributes: attrs,
	}
}

func (d *connectionDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("group_id"), path.MatchRoot("name")),
	}
}

func (d *connectionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m connectionDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)

	id := m.ID.ValueString()
	if id == "" {
		found, ok := d.findByName(ctx, m.GroupID.ValueString(), m.Name.ValueString(), &resp.Diagnostics)
		if !ok {
			return
		}
		id = found
	}
	c, err := d.data.client.GetConnection(ctx, id)
	if fivetran.IsNotFoundKind(err, fivetran.KindConnection) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Connection not found",
			fmt.Sprintf("Fivetran has no connection with id %q. The fivetran_connections data source lists the connections of a group. %s", id, explainError(err)))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "connection", id, err)
		return
	}

	dm, err := connectionDataOf(ctx, c)
	if err != nil {
		resp.Diagnostics.AddError("Unable to read connection",
			fmt.Sprintf("The config of connection %q could not be converted: %s.", c.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &dm)...)
}

// findByName returns the id of the connection of the group with this name
// (one list call, filtered by the API and checked here). When there is none,
// it lists the group's connections once more to say whether the group exists
// and which names it has.
func (d *connectionDataSource) findByName(ctx context.Context, groupID, name string, diags *diag.Diagnostics) (string, bool) {
	found, err := d.data.client.ListConnections(ctx, fivetran.ListConnectionsOptions{GroupID: groupID, Schema: name})
	if err != nil {
		addAPIError(diags, "list", "connections", groupID+"/"+name, err)
		return "", false
	}
	for _, c := range found {
		if c.Schema == name && (c.GroupID == "" || c.GroupID == groupID) {
			return c.ID, true
		}
	}
	all, err := d.data.client.ListGroupConnections(ctx, groupID, "")
	if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
		diags.AddAttributeError(path.Root("group_id"), "Group not found",
			fmt.Sprintf("Fivetran has no group with id %q, so it has no connection named %q.", groupID, name))
		return "", false
	}
	detail := fmt.Sprintf("Group %q has no connection named %q. The name is the destination schema (name, name.table, name.table_group_name or the prefix), as fivetran_connection.name shows it.", groupID, name)
	if err == nil {
		names := make([]string, 0, len(all))
		for _, c := range all {
			names = append(names, c.Schema)
		}
		sort.Strings(names)
		switch s := configproj.Suggest(name, names); {
		case s != "":
			detail += fmt.Sprintf(" Did you mean %q?", s)
		case len(names) == 0:
			detail += " The group has no connections."
		case len(names) <= 20:
			detail += " Its connections are named: " + strings.Join(names, ", ") + "."
		}
	}
	diags.AddAttributeError(path.Root("name"), "Connection not found", detail)
	return "", false
}

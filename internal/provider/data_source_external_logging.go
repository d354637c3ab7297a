package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*externalLoggingDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*externalLoggingDataSource)(nil)
)

// NewExternalLoggingDataSource is the fivetran_external_logging data
// source: one group's log service.
func NewExternalLoggingDataSource() datasource.DataSource { return &externalLoggingDataSource{} }

type externalLoggingDataSource struct {
	data *providerData
}

func (d *externalLoggingDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_external_logging"
}

// externalLoggingDataAttributes are the attributes every form of a log
// service as data shows, but the id and config (which the list does not
// carry).
func externalLoggingDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"group_id": computedString("The group whose logs it sends (its id is the group's)."),
		"service":  computedString("The logging tool."),
		"enabled":  schema.BoolAttribute{MarkdownDescription: "Whether Fivetran sends the logs.", Computed: true},
	}
}

func (d *externalLoggingDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := externalLoggingDataAttributes()
	attrs["config"] = schema.DynamicAttribute{
		MarkdownDescription: "The settings as Fivetran returns them, secrets masked (`******`).",
		Computed:            true,
	}
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The log service's id: its group's id.",
		Required:            true,
		Validators:          []validator.String{idValidator{what: "log service"}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One group's log service, by its id, the group's (one `GET /v1/external-logging/{id}`). A log service that does " +
			"not exist is an error.",
		Attributes: attrs,
	}
}

func (d *externalLoggingDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *externalLoggingDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	l, err := d.data.client.GetExternalLogging(ctx, id.ValueString())
	if err != nil {
		if d.data.externalLoggingGone(ctx, err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Log service not found",
				fmt.Sprintf("Fivetran has no log service with id %q. The fivetran_external_logs data source lists them.", id.ValueString()))
			return
		}
		addAPIError(&resp.Diagnostics, "read", "log service", id.ValueString(), err)
		return
	}
	m, err := externalLoggingDataOf(ctx, l)
	if err != nil {
		resp.Diagnostics.AddError("Unable to read log service", fmt.Sprintf("The config of log service %q could not be converted: %s.", l.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*externalLogsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*externalLogsDataSource)(nil)
)

// NewExternalLogsDataSource is the fivetran_external_logs data source: the
// account's log services (named as the official provider names it).
func NewExternalLogsDataSource() datasource.DataSource { return &externalLogsDataSource{} }

type externalLogsDataSource struct {
	data *providerData
}

type externalLogsDataModel struct {
	ID   types.String          `tfsdk:"id"`
	Logs []externalLogListItem `tfsdk:"logs"`
}

// externalLogListItem is a log service as the list shows it: without its
// config, which the list does not carry.
type externalLogListItem struct {
	ID      types.String `tfsdk:"id"`
	GroupID types.String `tfsdk:"group_id"`
	Service types.String `tfsdk:"service"`
	Enabled types.Bool   `tfsdk:"enabled"`
}

func (d *externalLogsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_external_logs"
}

func (d *externalLogsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := externalLoggingDataAttributes()
	attrs["id"] = computedString("The log service's id: its group's id.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's log services, read from `GET /v1/external-logging` (all pages), without their config (the list " +
			"does not carry it: the `fivetran_external_logging` data source reads one with it).",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`external_logs`)."),
			"logs": schema.ListNestedAttribute{
				MarkdownDescription: "The log services, ordered by id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *externalLogsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *externalLogsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	logs, err := d.data.client.ListExternalLogging(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "log services", "", err)
		return
	}
	sortExternalLogs(logs)
	m := externalLogsDataModel{ID: types.StringValue("external_logs"), Logs: make([]externalLogListItem, len(logs))}
	for i, l := range logs {
		m.Logs[i] = externalLogListItem{ID: types.StringValue(l.ID), GroupID: types.StringValue(l.ID), Service: types.StringValue(l.Service),
			Enabled: types.BoolValue(l.Enabled)}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// sortExternalLogs orders log services by id.
func sortExternalLogs(logs []fivetran.ExternalLogging) {
	slices.SortFunc(logs, func(a, b fivetran.ExternalLogging) int { return cmp.Compare(a.ID, b.ID) })
}

package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*connectionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectionsDataSource)(nil)
)

// NewConnectionsDataSource is the fivetran_connections data source: the
// connections of one group, optionally of one connector type.
func NewConnectionsDataSource() datasource.DataSource { return &connectionsDataSource{} }

type connectionsDataSource struct {
	data *providerData
}

type connectionsDataModel struct {
	ID          types.String             `tfsdk:"id"`
	GroupID     types.String             `tfsdk:"group_id"`
	Service     types.String             `tfsdk:"service"`
	Connections []connectionSummaryModel `tfsdk:"connections"`
}

func (d *connectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connections"
}

func (d *connectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The connections of one Fivetran group, read from `GET /v1/connections?group_id=…` (all pages), optionally of one connector type. " +
			"Each item has the connection's settings and states but not its `config` nor `destination_schema`: Fivetran's list does not return them. " +
			"For those, read one connection with the `fivetran_connection` data source (for example with `for_each` over the ids). " +
			"A group without connections gives an empty list; a group that does not exist is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The id of this result: the group id, followed by `/` and the service when `service` is set.",
				Computed:            true,
			},
			"group_id": schema.StringAttribute{
				MarkdownDescription: "The group whose connections to list, such as `data.fivetran_group.<name>.id`.",
				Required:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"service": schema.StringAttribute{
				MarkdownDescription: "Keep only the connections of this connector type, such as `postgres` or `google_ads` (filtered by the provider, case-insensitive).",
				Optional:            true,
				Validators:          []validator.String{serviceIDValidator{}},
			},
			"connections": schema.ListNestedAttribute{
				MarkdownDescription: "The connections, ordered by name, then id. Items carry no `config` (Fivetran's list does not return it).",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: connectionSummaryAttributes(false)},
			},
		},
	}
}

func (d *connectionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m connectionsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	groupID := m.GroupID.ValueString()
	all, err := d.data.client.ListConnections(ctx, fivetran.ListConnectionsOptions{GroupID: groupID})
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "connections of group", groupID, err)
		return
	}
	if len(all) == 0 {
		// An empty list may hide a mistyped group id: say so, at one more GET.
		if _, err := d.data.client.GetGroup(ctx, groupID); fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
			resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Group not found",
				fmt.Sprintf("Fivetran has no group with id %q. The fivetran_groups data source lists the groups this API key can see.", groupID))
			return
		} else if err != nil {
			addAPIError(&resp.Diagnostics, "read", "group", groupID, err)
			return
		}
	}
	service := m.Service.ValueString()
	m.ID = types.StringValue(groupID)
	if service != "" {
		m.ID = types.StringValue(groupID + "/" + service)
	}
	m.Connections = filterConnections(all, groupID, service)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// filterConnections keeps the connections of the group (and of the service,
// when not ""), ordered by name, then id.
func filterConnections(all []fivetran.Connection, groupID, service string) []connectionSummaryModel {
	kept := make([]fivetran.Connection, 0, len(all))
	for _, c := range all {
		if c.GroupID != "" && c.GroupID != groupID {
			continue
		}
		if service != "" && !strings.EqualFold(c.Service, service) {
			continue
		}
		kept = append(kept, c)
	}
	slices.SortFunc(kept, func(a, b fivetran.Connection) int {
		return cmp.Or(cmp.Compare(a.Schema, b.Schema), cmp.Compare(a.ID, b.ID))
	})
	out := make([]connectionSummaryModel, len(kept))
	for i := range kept {
		out[i] = connectionSummaryOf(&kept[i])
	}
	return out
}

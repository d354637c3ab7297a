package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource                     = (*groupDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*groupDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*groupDataSource)(nil)
)

// NewGroupDataSource is the fivetran_group data source: one existing group,
// looked up by id or by its unique name.
func NewGroupDataSource() datasource.DataSource { return &groupDataSource{} }

type groupDataSource struct {
	data *providerData
}

type groupDataModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *groupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (d *groupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One existing Fivetran group (the container of a destination and its connections), looked up by `id` " +
			"(one `GET /v1/groups/{id}`) or by `name` (the list of groups, matched exactly). Set exactly one of them. " +
			"Fivetran does not require group names to be unique: a name that several groups share is an error that lists them, so that you can look the right one up by id. " +
			"A group that does not exist is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The group's id, such as `decent_dropsy`. The id of the group's destination is the same. Set this or `name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The group's name, matched exactly (case-sensitive). Set this or `id`; when set, exactly one group must have this name.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the group was created (RFC 3339, UTC).",
				Computed:            true,
			},
		},
	}
}

func (d *groupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *groupDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *groupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)

	var g *fivetran.Group
	if id := m.ID.ValueString(); id != "" {
		found, err := d.data.client.GetGroup(ctx, id)
		if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Group not found",
				fmt.Sprintf("Fivetran has no group with id %q. The fivetran_groups data source lists the groups this API key can see.", id))
			return
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, "read", "group", id, err)
			return
		}
		g = found
	} else {
		name := m.Name.ValueString()
		groups, err := d.data.client.ListGroups(ctx)
		if err != nil {
			addAPIError(&resp.Diagnostics, "list", "groups", "", err)
			return
		}
		found, lookupErr := groupByName(groups, name)
		if lookupErr != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name"), lookupErr.summary, lookupErr.message(
				"The fivetran_groups data source lists the groups this API key can see.",
				"Look the group up by id instead (id = \"<one of the ids above>\"), or rename the others."))
			return
		}
		g = found
	}
	m = groupDataOf(g)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

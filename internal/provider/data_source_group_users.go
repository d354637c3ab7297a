package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*groupUsersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*groupUsersDataSource)(nil)
)

// NewGroupUsersDataSource is the fivetran_group_users data source: the users
// with a role in one group, and that role. It reads; the roles are managed
// per user (fivetran_user_group_membership), so that two resources never
// manage one membership.
func NewGroupUsersDataSource() datasource.DataSource { return &groupUsersDataSource{} }

type groupUsersDataSource struct {
	data *providerData
}

type groupUsersDataModel struct {
	ID    types.String    `tfsdk:"id"`
	Users []userDataModel `tfsdk:"users"`
}

func (d *groupUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_users"
}

func (d *groupUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userDataAttributes()
	attrs["id"] = computedString("The user's id.")
	attrs["email"] = computedString("The user's email.")
	attrs["role"] = computedString("The user's role in the group.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The users with a role in one group, and that role, read from `GET /v1/groups/{id}/users` (all pages). " +
			"Manage the roles per user with `fivetran_user_group_membership`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The group's id.",
				Required:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"users": schema.ListNestedAttribute{
				MarkdownDescription: "The users, ordered by email, then id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *groupUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *groupUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupUsersDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	users, err := d.data.client.ListGroupUsers(ctx, m.ID.ValueString())
	if err != nil {
		if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Group not found",
				fmt.Sprintf("Fivetran has no group with id %q. The fivetran_groups data source lists them.", m.ID.ValueString()))
			return
		}
		addAPIError(&resp.Diagnostics, "list the users of", "group", m.ID.ValueString(), err)
		return
	}
	sortUsers(users)
	m.Users = make([]userDataModel, len(users))
	for i := range users {
		m.Users[i] = userDataOf(&users[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

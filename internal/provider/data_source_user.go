package provider

import (
	"cmp"
	"context"
	"slices"
	"strings"

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
	_ datasource.DataSource                     = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

// NewUserDataSource is the fivetran_user data source: one user, by id or
// by email.
func NewUserDataSource() datasource.DataSource { return &userDataSource{} }

type userDataSource struct {
	data *providerData
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

// userDataAttributes are the attributes every form of a user as data
// shows, but the id and the email.
func userDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"given_name":   computedString("The user's first name."),
		"family_name":  computedString("The user's last name."),
		"phone":        computedString("The user's phone number; null when none."),
		"picture":      computedString("The user's avatar (a URL or a `data:` URI); null when none."),
		"role":         computedString("The user's account role; null when none."),
		"invited":      schema.BoolAttribute{MarkdownDescription: "Whether the user is invited and has not joined yet.", Computed: true},
		"verified":     schema.BoolAttribute{MarkdownDescription: "Whether the user has verified their email.", Computed: true},
		"active":       schema.BoolAttribute{MarkdownDescription: "Whether the user is active (false: suspended).", Computed: true},
		"logged_in_at": computedString("When the user last logged in; null when never."),
		"created_at":   computedString("When the user was invited or created."),
	}
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userDataAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The user's id. Set this or `email`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{idValidator{what: "user"}},
	}
	attrs["email"] = schema.StringAttribute{
		MarkdownDescription: "The user's email, matched ignoring case. Set this or `id`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One user of the account, looked up by `id` or by `email` (one `GET /v1/users/{id}`, after the list of users " +
			"for an email). A user that does not exist is an error.",
		Attributes: attrs,
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email")),
	}
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m userDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	u, ok := readByIDOrName(ctx, byIDOrName[fivetran.User]{object: "user", listedBy: "fivetran_users",
		nameAttr: "email", matched: "ignoring case", id: m.ID.ValueString(),
		named: func(ctx context.Context) (string, error) {
			users, err := d.data.client.ListUsers(ctx)
			if u, found := userWithEmail(users, m.Email.ValueString()); found {
				return u.ID, err
			}
			return "", err
		},
		get:  d.data.client.GetUser,
		gone: d.data.userGone}, &resp.Diagnostics)
	if !ok {
		return
	}
	m = userDataOf(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*usersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)
)

// NewUsersDataSource is the fivetran_users data source: the account's users.
func NewUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersDataSource struct {
	data *providerData
}

type usersDataModel struct {
	ID    types.String    `tfsdk:"id"`
	Users []userDataModel `tfsdk:"users"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userDataAttributes()
	attrs["id"] = computedString("The user's id.")
	attrs["email"] = computedString("The user's email.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's users, invited and suspended ones included, read from `GET /v1/users` (all pages).",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`users`)."),
			"users": schema.ListNestedAttribute{
				MarkdownDescription: "The users, ordered by email, then id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *usersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	users, err := d.data.client.ListUsers(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "users", "", err)
		return
	}
	sortUsers(users)
	m := usersDataModel{ID: types.StringValue("users"), Users: make([]userDataModel, len(users))}
	for i := range users {
		m.Users[i] = userDataOf(&users[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// sortUsers orders users by email (ignoring case), then id: the data
// source's and the list resource's order.
func sortUsers(users []fivetran.User) {
	slices.SortFunc(users, func(a, b fivetran.User) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), cmp.Compare(a.ID, b.ID))
	})
}

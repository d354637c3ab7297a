package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*rolesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*rolesDataSource)(nil)
)

// NewRolesDataSource is the fivetran_roles data source: the roles the
// account can give, standard and custom.
func NewRolesDataSource() datasource.DataSource { return &rolesDataSource{} }

type rolesDataSource struct {
	data *providerData
}

type rolesDataModel struct {
	ID    types.String    `tfsdk:"id"`
	Scope types.String    `tfsdk:"scope"`
	Roles []roleDataModel `tfsdk:"roles"`
}

type roleDataModel struct {
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	IsCustom            types.Bool   `tfsdk:"is_custom"`
	Scope               types.Set    `tfsdk:"scope"`
	IsDeprecated        types.Bool   `tfsdk:"is_deprecated"`
	ReplacementRoleName types.String `tfsdk:"replacement_role_name"`
}

var roleScopes = []string{fivetran.RoleScopeAccount, fivetran.RoleScopeDestination, fivetran.RoleScopeConnector, fivetran.RoleScopeTeam}

func (d *rolesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_roles"
}

func (d *rolesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The roles the account can give, Fivetran's and custom ones, read from `GET /v1/roles` (all pages): what " +
			"`role` takes in `fivetran_user` and `fivetran_team`.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`roles`)."),
			"scope": schema.StringAttribute{
				MarkdownDescription: "Only the roles of this scope: `ACCOUNT` (an account role), `DESTINATION` (in a group), `CONNECTOR` " +
					"(in a connection) or `TEAM` (in a team).",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(roleScopes...)},
			},
			"roles": schema.ListNestedAttribute{
				MarkdownDescription: "The roles, ordered by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":        computedString("The role's name, as `role` takes it."),
					"description": computedString("What the role allows."),
					"is_custom":   schema.BoolAttribute{MarkdownDescription: "Whether the account made the role.", Computed: true},
					"scope": schema.SetAttribute{
						MarkdownDescription: "Where the role can be given: `ACCOUNT`, `DESTINATION`, `CONNECTOR`, `TEAM`.",
						ElementType:         types.StringType, Computed: true,
					},
					"is_deprecated":         schema.BoolAttribute{MarkdownDescription: "Whether Fivetran deprecated the role.", Computed: true},
					"replacement_role_name": computedString("The role Fivetran names in place of a deprecated one; null when none."),
				}},
			},
		},
	}
}

func (d *rolesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *rolesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m rolesDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	all, err := d.data.roles(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "roles", "", err)
		return
	}
	all = slices.Clone(all)
	if s := m.Scope.ValueString(); s != "" {
		all = slices.DeleteFunc(all, func(r fivetran.Role) bool { return !r.HasScope(s) })
	}
	slices.SortFunc(all, func(a, b fivetran.Role) int { return strings.Compare(a.Name, b.Name) })
	m.ID = types.StringValue("roles")
	m.Roles = make([]roleDataModel, len(all))
	for i, r := range all {
		m.Roles[i] = roleDataModel{Name: types.StringValue(r.Name), Description: stringOrNull(r.Description), IsCustom: types.BoolValue(r.IsCustom),
			Scope: stringSet(r.Scope), IsDeprecated: types.BoolValue(r.IsDeprecated), ReplacementRoleName: stringOrNull(r.ReplacementRoleName)}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

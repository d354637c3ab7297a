package provider

import (
	"cmp"
	"context"
	"slices"

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
	_ datasource.DataSource                     = (*teamDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*teamDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*teamDataSource)(nil)
)

// NewTeamDataSource is the fivetran_team data source: one team, by id or by
// name (a team made by an identity provider's sync has no id the
// configuration knows).
func NewTeamDataSource() datasource.DataSource { return &teamDataSource{} }

type teamDataSource struct {
	data *providerData
}

func (d *teamDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_team"
}

func (d *teamDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One team of the account, looked up by `id` or by `name` (one `GET /v1/teams/{id}`, after the list of teams " +
			"for a name). A team that does not exist is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The team's id. Set this or `name`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{idValidator{what: "team"}},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The team's name, matched exactly. Set this or `id`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description": computedString("What the team is for; null when not said."),
			"role":        computedString("The team's account role; null when none."),
		},
	}
}

func (d *teamDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *teamDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *teamDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m teamDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	t, ok := readByIDOrName(ctx, byIDOrName[fivetran.Team]{object: "team", listedBy: "fivetran_teams",
		nameAttr: "name", matched: "exactly", id: m.ID.ValueString(),
		named: func(ctx context.Context) (string, error) {
			teams, err := d.data.client.ListTeams(ctx)
			return teamNamed(teams, m.Name.ValueString()), err
		},
		get:  d.data.client.GetTeam,
		gone: func(_ context.Context, err error) bool { return fivetran.IsNotFoundKind(err, fivetran.KindTeam) }}, &resp.Diagnostics)
	if !ok {
		return
	}
	m = teamDataOf(t)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*teamsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*teamsDataSource)(nil)
)

// NewTeamsDataSource is the fivetran_teams data source: the account's teams.
func NewTeamsDataSource() datasource.DataSource { return &teamsDataSource{} }

type teamsDataSource struct {
	data *providerData
}

type teamsDataModel struct {
	ID    types.String    `tfsdk:"id"`
	Teams []teamDataModel `tfsdk:"teams"`
}

func (d *teamsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_teams"
}

func (d *teamsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's teams, read from `GET /v1/teams` (all pages).",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`teams`)."),
			"teams": schema.ListNestedAttribute{
				MarkdownDescription: "The teams, ordered by name, then id.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          computedString("The team's id."),
					"name":        computedString("The team's name."),
					"description": computedString("What the team is for; null when not said."),
					"role":        computedString("The team's account role; null when none."),
				}},
			},
		},
	}
}

func (d *teamsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *teamsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	teams, err := d.data.client.ListTeams(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "teams", "", err)
		return
	}
	sortTeams(teams)
	m := teamsDataModel{ID: types.StringValue("teams"), Teams: make([]teamDataModel, len(teams))}
	for i := range teams {
		m.Teams[i] = teamDataOf(&teams[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// sortTeams orders teams by name, then id.
func sortTeams(teams []fivetran.Team) {
	slices.SortFunc(teams, func(a, b fivetran.Team) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
}

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
	_ datasource.DataSource                     = (*hybridAgentDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*hybridAgentDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*hybridAgentDataSource)(nil)
)

// NewHybridAgentDataSource is the fivetran_hybrid_deployment_agent data
// source: one existing agent, looked up by id or by its name, with whether
// it is online and what runs on it.
func NewHybridAgentDataSource() datasource.DataSource { return &hybridAgentDataSource{} }

type hybridAgentDataSource struct {
	data *providerData
}

func (d *hybridAgentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hybrid_deployment_agent"
}

// hybridAgentDataAttributes are the attributes every form of an agent as
// data shows, but the id and name, whose roles differ.
func hybridAgentDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"group_id":      computedString("The group whose connections and destinations the agent serves."),
		"env_type":      computedString("Where the agent runs: `DOCKER`, `PODMAN`, `KUBERNETES` or `SNOWPARK`."),
		"enabled":       schema.BoolAttribute{MarkdownDescription: "Whether Fivetran lets the agent work.", Computed: true},
		"online":        schema.BoolAttribute{MarkdownDescription: "Whether the agent, run with its current credentials, is connected to Fivetran now.", Computed: true},
		"version":       computedString("The version of the agent software that connected; null before it has."),
		"registered_at": computedString("When the agent was created (RFC 3339, UTC)."),
		"last_used_at":  computedString("When the agent was last online; null before it has been."),
		"created_by":    computedString("The id of the user or API key that created the agent."),
		"connection_ids": schema.ListAttribute{
			MarkdownDescription: "The ids of the connections that run on the agent, sorted.",
			ElementType:         types.StringType,
			Computed:            true,
		},
	}
}

func (d *hybridAgentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := hybridAgentDataAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The agent's id. Set this or `display_name`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{idValidator{what: "hybrid deployment agent"}},
	}
	attrs["display_name"] = schema.StringAttribute{
		MarkdownDescription: "The agent's name, matched exactly. Set this or `id`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One existing Fivetran hybrid deployment agent, looked up by `id` or by `display_name` (names are unique in an " +
			"account), with whether it is online and the connections that run on it (one `GET /v1/hybrid-deployment-agents/{id}`, after the " +
			"list of agents for a name). Its credentials are not shown: Fivetran shows them only to the create. An agent that does not exist is an error.",
		Attributes: attrs,
	}
}

func (d *hybridAgentDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("display_name")),
	}
}

func (d *hybridAgentDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *hybridAgentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m hybridAgentDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)

	a, ok := readByIDOrName(ctx, byIDOrName[fivetran.HybridAgent]{object: "hybrid deployment agent", listedBy: "fivetran_hybrid_deployment_agents",
		nameAttr: "display_name", matched: "exactly", id: m.ID.ValueString(),
		named: func(ctx context.Context) (string, error) {
			items, err := d.data.client.ListHybridAgents(ctx, "")
			return hybridAgentNamed(items, m.DisplayName.ValueString()), err
		},
		get:  d.data.client.GetHybridAgent,
		gone: func(_ context.Context, err error) bool { return fivetran.IsNotFoundKind(err, fivetran.KindHybridAgent) }}, &resp.Diagnostics)
	if !ok {
		return
	}
	m = hybridAgentDataOf(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*hybridAgentsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*hybridAgentsDataSource)(nil)
)

// NewHybridAgentsDataSource is the fivetran_hybrid_deployment_agents data
// source: the account's agents, or one group's.
func NewHybridAgentsDataSource() datasource.DataSource { return &hybridAgentsDataSource{} }

type hybridAgentsDataSource struct {
	data *providerData
}

type hybridAgentsDataModel struct {
	ID      types.String           `tfsdk:"id"`
	GroupID types.String           `tfsdk:"group_id"`
	Agents  []hybridAgentDataModel `tfsdk:"hybrid_deployment_agents"`
}

func (d *hybridAgentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hybrid_deployment_agents"
}

func (d *hybridAgentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := hybridAgentDataAttributes()
	attrs["id"] = computedString("The agent's id.")
	attrs["display_name"] = computedString("The agent's name.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's hybrid deployment agents, or one group's, read from `GET /v1/hybrid-deployment-agents` (all pages). " +
			"An empty result is not an error.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`hybrid_deployment_agents`)."),
			"group_id": schema.StringAttribute{
				MarkdownDescription: "Only the agents of this group.",
				Optional:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"hybrid_deployment_agents": schema.ListNestedAttribute{
				MarkdownDescription: "The agents, ordered by name, then id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *hybridAgentsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *hybridAgentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m hybridAgentsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	agents, err := d.data.client.ListHybridAgents(ctx, m.GroupID.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "hybrid deployment agents", "", err)
		return
	}
	sortHybridAgents(agents)
	m.ID = types.StringValue("hybrid_deployment_agents")
	m.Agents = make([]hybridAgentDataModel, len(agents))
	for i := range agents {
		m.Agents[i] = hybridAgentDataOf(&agents[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// sortHybridAgents orders agents by name, then id: the data source's and
// the list resource's order.
func sortHybridAgents(agents []fivetran.HybridAgent) {
	slices.SortFunc(agents, func(a, b fivetran.HybridAgent) int {
		return cmp.Or(cmp.Compare(a.DisplayName, b.DisplayName), cmp.Compare(a.ID, b.ID))
	})
}

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
	_ datasource.DataSource                     = (*proxyAgentDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*proxyAgentDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*proxyAgentDataSource)(nil)
)

// NewProxyAgentDataSource is the fivetran_proxy_agent data source: one
// existing proxy agent, looked up by id or by its name, with its status and
// what uses it.
func NewProxyAgentDataSource() datasource.DataSource { return &proxyAgentDataSource{} }

type proxyAgentDataSource struct {
	data *providerData
}

func (d *proxyAgentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxy_agent"
}

func (d *proxyAgentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One existing Fivetran proxy agent, looked up by `id` or by `display_name` (names are unique in an account), " +
			"with its status and the connections and destinations that use it (one `GET /v1/proxy/{id}`, after the list of agents for a name). " +
			"Its secrets are not shown: Fivetran shows them only to the create. An agent that does not exist is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The agent's id. Set this or `display_name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{idValidator{what: "proxy agent"}},
			},
			"display_name": schema.StringAttribute{
				MarkdownDescription: "The agent's name, matched exactly. Set this or `id`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"region":        computedString("Where Fivetran runs its side of the agent's traffic (a data processing location such as `GCP_US_EAST4`)."),
			"status":        computedString("Whether the agent is connected to Fivetran: `CONNECTED` once the agent you run has connected with its secrets, `NOT_CONNECTED` before that and after its secrets are regenerated, or `NOT_FOUND`."),
			"version":       computedString("The version of the agent software that connected; null before it has."),
			"registered_at": computedString("When the agent was created (RFC 3339, UTC)."),
			"created_by":    computedString("The id of the user or API key that created the agent."),
			"connection_ids": schema.ListAttribute{
				MarkdownDescription: "The ids of the connections that use the agent, sorted.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"destination_ids": schema.ListAttribute{
				MarkdownDescription: "The ids of the destinations that use the agent, sorted.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

func (d *proxyAgentDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("display_name")),
	}
}

func (d *proxyAgentDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *proxyAgentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m proxyAgentDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)

	a, ok := readByIDOrName(ctx, byIDOrName[fivetran.ProxyAgent]{object: "proxy agent", listedBy: "fivetran_proxy_agents",
		nameAttr: "display_name", matched: "exactly", id: m.ID.ValueString(),
		named: func(ctx context.Context) (string, error) {
			items, err := d.data.client.ListProxyAgents(ctx)
			return proxyAgentNamed(items, m.DisplayName.ValueString()), err
		},
		get: d.data.client.GetProxyAgent, gone: d.data.proxyAgentGone}, &resp.Diagnostics)
	if !ok {
		return
	}
	m = proxyAgentDataOf(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*proxyAgentsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*proxyAgentsDataSource)(nil)
)

// NewProxyAgentsDataSource is the fivetran_proxy_agents data source: every
// proxy agent of the account.
func NewProxyAgentsDataSource() datasource.DataSource { return &proxyAgentsDataSource{} }

type proxyAgentsDataSource struct {
	data *providerData
}

type proxyAgentsDataModel struct {
	ID     types.String          `tfsdk:"id"`
	Agents []proxyAgentItemModel `tfsdk:"proxy_agents"`
}

func (d *proxyAgentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxy_agents"
}

func (d *proxyAgentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every proxy agent of the account, read from `GET /v1/proxy` (all pages). An empty result is not an error. " +
			"To look up one agent with the ids of what uses it, use the `fivetran_proxy_agent` data source.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`proxy_agents`)."),
			"proxy_agents": schema.ListNestedAttribute{
				MarkdownDescription: "The agents, ordered by name, then id.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                computedString("The agent's id."),
					"display_name":      computedString("The agent's name."),
					"region":            computedString("Where Fivetran runs its side of the agent's traffic."),
					"status":            computedString("`CONNECTED`, `NOT_CONNECTED` or `NOT_FOUND`."),
					"version":           computedString("The version of the agent software that connected; null before it has."),
					"registered_at":     computedString("When the agent was created (RFC 3339, UTC)."),
					"created_by":        computedString("The id of the user or API key that created the agent."),
					"connection_count":  schema.Int64Attribute{MarkdownDescription: "How many connections use the agent.", Computed: true},
					"destination_count": schema.Int64Attribute{MarkdownDescription: "How many destinations use the agent.", Computed: true},
				}},
			},
		},
	}
}

func (d *proxyAgentsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *proxyAgentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	agents, err := d.data.client.ListProxyAgents(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "proxy agents", "", err)
		return
	}
	sortProxyAgents(agents)
	m := proxyAgentsDataModel{ID: types.StringValue("proxy_agents"), Agents: make([]proxyAgentItemModel, len(agents))}
	for i := range agents {
		m.Agents[i] = proxyAgentItemOf(&agents[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// sortProxyAgents orders agents by name, then id: the data source's and the
// list resource's order.
func sortProxyAgents(agents []fivetran.ProxyAgent) {
	slices.SortFunc(agents, func(a, b fivetran.ProxyAgent) int {
		return cmp.Or(cmp.Compare(a.DisplayName, b.DisplayName), cmp.Compare(a.ID, b.ID))
	})
}

package provider

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The hybrid deployment agent's mapping, in the order every object's
// mapping file keeps (group_mapping.go): the resource model; fromAPI;
// hybridAgentImported; the data-source form; the create request; the
// update (a re-authentication, the only change Fivetran makes in place);
// and the rules plan and apply share.
//
// A hybrid deployment agent is software a customer runs in its own
// environment that does the work of a group's connections and destinations
// there, so that the data never leaves it; connections and destinations
// name it in hybrid_deployment_agent_id (a connection that names none runs
// on its destination's). Fivetran shows its credentials (the token and the
// files the agent starts with) once, in the answer to the create or to a
// re-authentication: the resource keeps them in state, because the agent
// cannot be started without them, and marks the secret ones sensitive.

type hybridAgentModel struct {
	ID                types.String   `tfsdk:"id"`
	GroupID           types.String   `tfsdk:"group_id"`
	DisplayName       types.String   `tfsdk:"display_name"`
	EnvType           types.String   `tfsdk:"env_type"`
	AuthType          types.String   `tfsdk:"auth_type"`
	AcceptTerms       types.Bool     `tfsdk:"accept_terms"`
	SecretsVersion    types.Int64    `tfsdk:"secrets_version"`
	Token             types.String   `tfsdk:"token"`
	ConfigJSON        types.String   `tfsdk:"config_json"`
	AuthJSON          types.String   `tfsdk:"auth_json"`
	DockerComposeYAML types.String   `tfsdk:"docker_compose_yaml"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what a GET returns into the model: the id, the group, the
// name and the environment. The credentials are not in a GET's answer, nor
// is auth_type, so the model keeps what it holds; secrets_version,
// accept_terms and the timeouts are the caller's.
func (m *hybridAgentModel) fromAPI(a *fivetran.HybridAgent) {
	m.ID = types.StringValue(a.ID)
	m.GroupID = types.StringValue(a.GroupID)
	m.DisplayName = types.StringValue(a.DisplayName)
	if a.DeploymentType != "" {
		m.EnvType = types.StringValue(a.DeploymentType)
	}
}

// setCredentials stores the credentials of a create's or a
// re-authentication's answer.
func (m *hybridAgentModel) setCredentials(c *fivetran.HybridAgentCredentials) {
	m.Token = stringOrNull(c.Token)
	m.ConfigJSON = stringOrNull(c.ConfigJSON)
	m.AuthJSON = stringOrNull(c.AuthJSON)
	m.DockerComposeYAML = stringOrNull(c.DockerComposeYAML)
}

// hybridAgentImported is what an import by id reads, and so what a list
// result holds: no credentials (Fivetran never shows them again; a change
// of secrets_version has new ones issued), no auth_type (no GET shows it)
// and no secrets_version. accept_terms is true: the agent exists, so its
// terms were accepted.
func hybridAgentImported(a *fivetran.HybridAgent, t timeouts.Value) hybridAgentModel {
	m := hybridAgentModel{
		EnvType: types.StringNull(), AuthType: types.StringNull(), AcceptTerms: types.BoolValue(true),
		SecretsVersion: types.Int64Null(), Token: types.StringNull(), ConfigJSON: types.StringNull(), AuthJSON: types.StringNull(),
		DockerComposeYAML: types.StringNull(), Timeouts: t,
	}
	m.fromAPI(a)
	return m
}

// hybridAgentDataModel is an agent as the fivetran_hybrid_deployment_agent
// data source and the items of fivetran_hybrid_deployment_agents show it:
// what a GET returns, whether it is online and what runs on it included,
// its credentials not.
type hybridAgentDataModel struct {
	ID            types.String `tfsdk:"id"`
	DisplayName   types.String `tfsdk:"display_name"`
	GroupID       types.String `tfsdk:"group_id"`
	EnvType       types.String `tfsdk:"env_type"`
	Enabled       types.Bool   `tfsdk:"enabled"`
	Online        types.Bool   `tfsdk:"online"`
	Version       types.String `tfsdk:"version"`
	RegisteredAt  types.String `tfsdk:"registered_at"`
	LastUsedAt    types.String `tfsdk:"last_used_at"`
	CreatedBy     types.String `tfsdk:"created_by"`
	ConnectionIDs types.List   `tfsdk:"connection_ids"`
}

func hybridAgentDataOf(a *fivetran.HybridAgent) hybridAgentDataModel {
	return hybridAgentDataModel{
		ID: types.StringValue(a.ID), DisplayName: types.StringValue(a.DisplayName), GroupID: stringOrNull(a.GroupID),
		EnvType: stringOrNull(a.DeploymentType), Enabled: types.BoolValue(a.Enabled), Online: types.BoolValue(a.Online),
		Version: stringOrNull(a.Version), RegisteredAt: stringOrNull(a.RegisteredAt), LastUsedAt: stringOrNull(a.LastUsedAt),
		CreatedBy: stringOrNull(a.CreatedBy), ConnectionIDs: idList(hybridAgentConnections(a)),
	}
}

// hybridAgentConnections are the ids of the connections that run on the
// agent, sorted.
func hybridAgentConnections(a *fivetran.HybridAgent) []string {
	ids := []string{}
	for _, u := range a.Usage {
		ids = append(ids, u.ConnectionID)
	}
	slices.Sort(ids)
	return ids
}

// hybridAgentCreate is what a create sends. accept_terms is true: the
// schema accepts no other value.
func hybridAgentCreate(plan hybridAgentModel) fivetran.HybridAgentCreate {
	return fivetran.HybridAgentCreate{
		GroupID: plan.GroupID.ValueString(), DisplayName: plan.DisplayName.ValueString(), EnvType: plan.EnvType.ValueString(),
		AuthType: plan.AuthType.ValueString(), AcceptTerms: plan.AcceptTerms.ValueBool(),
	}
}

// hybridAgentReAuths reports whether an update has Fivetran issue new
// credentials: secrets_version set to a value other than the prior one, or
// auth_type changed from a known value (it takes effect with new
// credentials). Taking either out of the configuration changes nothing in
// Fivetran, nor does an auth_type written after an import, when the prior
// one is not known.
func hybridAgentReAuths(plan, prior hybridAgentModel) bool {
	if !plan.SecretsVersion.IsNull() && !plan.SecretsVersion.Equal(prior.SecretsVersion) {
		return true
	}
	return !plan.AuthType.IsNull() && !prior.AuthType.IsNull() && !plan.AuthType.Equal(prior.AuthType)
}

// hybridAgentCreatedBy picks, among the listed agents, the one a create
// whose answer was lost made: the one with this name, registered since the
// request was sent (less reconcileClockSkew).
func hybridAgentCreatedBy(agents []fivetran.HybridAgent, name string, sent time.Time) (*fivetran.HybridAgent, bool) {
	for i, a := range agents {
		registered, perr := time.Parse(time.RFC3339Nano, a.RegisteredAt)
		if a.DisplayName == name && (perr != nil || !registered.Before(sent.Add(-reconcileClockSkew))) {
			return &agents[i], true
		}
	}
	return nil, false
}

// hybridAgentNamed returns the id of the agent with this name, or "".
func hybridAgentNamed(agents []fivetran.HybridAgent, name string) string {
	for _, a := range agents {
		if a.DisplayName == name {
			return a.ID
		}
	}
	return ""
}

// hybridAgentUsersText names what still uses an agent, for the error of a
// delete that Fivetran refused: the connections its GET names and the
// destinations that name it.
func hybridAgentUsersText(a *fivetran.HybridAgent, dests []fivetran.Destination) string {
	var parts []string
	for _, u := range a.Usage {
		parts = append(parts, fmt.Sprintf("connection %q (id %s, %s)", u.Schema, u.ConnectionID, u.Service))
	}
	for _, d := range dests {
		if d.HybridDeploymentAgentID == a.ID {
			parts = append(parts, fmt.Sprintf("destination %s (%s)", d.ID, d.Service))
		}
	}
	return strings.Join(parts, ", ")
}

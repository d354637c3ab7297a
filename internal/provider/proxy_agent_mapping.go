package provider

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The proxy agent's mapping, in the order every object's mapping file keeps
// (group_mapping.go): the resource model; fromAPI; proxyAgentImported; the
// data-source form; the create request; the update (a regeneration of the
// secrets, the only change Fivetran makes in place); and the rules plan and
// apply share.
//
// A proxy agent is the software a customer runs in its own network so that
// Fivetran reaches databases there through it; connections and destinations
// name it in proxy_agent_id. Fivetran shows its secrets (the auth token, the
// client certificate and its private key) once, in the answer to the create
// or to a regeneration, and never again: the resource keeps them in state,
// because the agent cannot be run without them, and marks the token and the
// key sensitive.

type proxyAgentModel struct {
	ID               types.String   `tfsdk:"id"`
	DisplayName      types.String   `tfsdk:"display_name"`
	Region           types.String   `tfsdk:"region"`
	SecretsVersion   types.Int64    `tfsdk:"secrets_version"`
	AuthToken        types.String   `tfsdk:"auth_token"`
	ClientCert       types.String   `tfsdk:"client_cert"`
	ClientPrivateKey types.String   `tfsdk:"client_private_key"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what a GET returns into the model: the id, the name and the
// region. The secrets are not in a GET's answer, so the model keeps the ones
// it holds, and secrets_version and the timeouts are the caller's.
func (m *proxyAgentModel) fromAPI(a *fivetran.ProxyAgent) {
	m.ID = types.StringValue(a.ID)
	m.DisplayName = types.StringValue(a.DisplayName)
	m.Region = types.StringValue(a.Region)
}

// setSecrets stores the secrets of a create's or a regeneration's answer.
func (m *proxyAgentModel) setSecrets(s *fivetran.ProxyAgentSecrets) {
	m.AuthToken = stringOrNull(s.AuthToken)
	m.ClientCert = stringOrNull(s.ClientCert)
	m.ClientPrivateKey = stringOrNull(s.ClientPrivateKey)
}

// proxyAgentImported is what an import by id reads, and so what a list
// result holds: the name and region, with no secrets (Fivetran never shows
// them again; a change of secrets_version has new ones issued) and no
// secrets_version.
func proxyAgentImported(a *fivetran.ProxyAgent, t timeouts.Value) proxyAgentModel {
	m := proxyAgentModel{
		SecretsVersion: types.Int64Null(), AuthToken: types.StringNull(), ClientCert: types.StringNull(),
		ClientPrivateKey: types.StringNull(), Timeouts: t,
	}
	m.fromAPI(a)
	return m
}

// proxyAgentDataModel is a proxy agent as the fivetran_proxy_agent data
// source shows it: what a GET returns, the agent's status and what uses it
// included, its secrets not.
type proxyAgentDataModel struct {
	ID             types.String `tfsdk:"id"`
	DisplayName    types.String `tfsdk:"display_name"`
	Region         types.String `tfsdk:"region"`
	Status         types.String `tfsdk:"status"`
	Version        types.String `tfsdk:"version"`
	RegisteredAt   types.String `tfsdk:"registered_at"`
	CreatedBy      types.String `tfsdk:"created_by"`
	ConnectionIDs  types.List   `tfsdk:"connection_ids"`
	DestinationIDs types.List   `tfsdk:"destination_ids"`
}

func proxyAgentDataOf(a *fivetran.ProxyAgent) proxyAgentDataModel {
	conns, dests := proxyAgentUsers(a)
	return proxyAgentDataModel{
		ID: types.StringValue(a.ID), DisplayName: types.StringValue(a.DisplayName), Region: stringOrNull(a.Region),
		Status: stringOrNull(a.Status), Version: stringOrNull(a.Version), RegisteredAt: stringOrNull(a.RegisteredAt),
		CreatedBy: stringOrNull(a.CreatedBy), ConnectionIDs: idList(conns), DestinationIDs: idList(dests),
	}
}

// proxyAgentItemModel is one agent of the fivetran_proxy_agents data source:
// what the list returns, which counts the agent's users instead of naming them.
type proxyAgentItemModel struct {
	ID               types.String `tfsdk:"id"`
	DisplayName      types.String `tfsdk:"display_name"`
	Region           types.String `tfsdk:"region"`
	Status           types.String `tfsdk:"status"`
	Version          types.String `tfsdk:"version"`
	RegisteredAt     types.String `tfsdk:"registered_at"`
	CreatedBy        types.String `tfsdk:"created_by"`
	ConnectionCount  types.Int64  `tfsdk:"connection_count"`
	DestinationCount types.Int64  `tfsdk:"destination_count"`
}

func proxyAgentItemOf(a *fivetran.ProxyAgent) proxyAgentItemModel {
	count := func(n *int) types.Int64 {
		if n == nil {
			return types.Int64Null()
		}
		return types.Int64Value(int64(*n))
	}
	return proxyAgentItemModel{
		ID: types.StringValue(a.ID), DisplayName: types.StringValue(a.DisplayName), Region: stringOrNull(a.Region),
		Status: stringOrNull(a.Status), Version: stringOrNull(a.Version), RegisteredAt: stringOrNull(a.RegisteredAt),
		CreatedBy: stringOrNull(a.CreatedBy), ConnectionCount: count(a.ConnectorCount), DestinationCount: count(a.DestinationCount),
	}
}

// proxyAgentUsers splits an agent's usage into connection ids and
// destination ids, each sorted: Fivetran gives a destination no schema.
func proxyAgentUsers(a *fivetran.ProxyAgent) (connections, destinations []string) {
	connections, destinations = []string{}, []string{}
	for _, u := range a.Usage {
		if u.Schema == "" {
			destinations = append(destinations, u.ID)
		} else {
			connections = append(connections, u.ID)
		}
	}
	slices.Sort(connections)
	slices.Sort(destinations)
	return connections, destinations
}

func idList(ss []string) types.List {
	vs := make([]attr.Value, len(ss))
	for i, s := range ss {
		vs[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, vs)
}

// proxyAgentCreate is what a create sends: the name and the region.
func proxyAgentCreate(plan proxyAgentModel) (displayName, region string) {
	return plan.DisplayName.ValueString(), plan.Region.ValueString()
}

// proxyAgentRegenerates reports whether an update asks Fivetran for new
// secrets: secrets_version set to a value other than the prior one. Taking
// secrets_version out of the configuration changes nothing in Fivetran.
func proxyAgentRegenerates(plan, prior proxyAgentModel) bool {
	return !plan.SecretsVersion.IsNull() && !plan.SecretsVersion.Equal(prior.SecretsVersion)
}

// proxyAgentCreatedBy picks, among the listed agents, the one a create whose
// answer was lost made: Fivetran refuses a second agent with a name, so the
// one with this name, registered since the request was sent (less
// reconcileClockSkew), is it. An older agent with the name would have made
// the create fail with 409, which the create reports itself.
func proxyAgentCreatedBy(agents []fivetran.ProxyAgent, name string, sent time.Time) (*fivetran.ProxyAgent, bool) {
	for i, a := range agents {
		registered, perr := time.Parse(time.RFC3339Nano, a.RegisteredAt)
		if a.DisplayName == name && (perr != nil || !registered.Before(sent.Add(-reconcileClockSkew))) {
			return &agents[i], true
		}
	}
	return nil, false
}

// proxyAgentNamed returns the id of the agent with this name, or "".
func proxyAgentNamed(agents []fivetran.ProxyAgent, name string) string {
	for _, a := range agents {
		if a.DisplayName == name {
			return a.ID
		}
	}
	return ""
}

// proxyAgentUsersText names what still uses an agent, for the error of a
// delete that Fivetran refused.
func proxyAgentUsersText(a *fivetran.ProxyAgent) string {
	var parts []string
	for _, u := range a.Usage {
		if u.Schema == "" {
			parts = append(parts, fmt.Sprintf("destination %s (%s)", u.ID, u.Service))
		} else {
			parts = append(parts, fmt.Sprintf("connection %q (id %s, %s)", u.Schema, u.ID, u.Service))
		}
	}
	return strings.Join(parts, ", ")
}

package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                 = (*proxyAgentResource)(nil)
	_ resource.ResourceWithUpgradeState = (*proxyAgentResource)(nil)
	_ resource.ResourceWithConfigure    = (*proxyAgentResource)(nil)
	_ resource.ResourceWithImportState  = (*proxyAgentResource)(nil)
	_ resource.ResourceWithModifyPlan   = (*proxyAgentResource)(nil)
)

// NewProxyAgentResource is the fivetran_proxy_agent resource: a proxy agent
// that connections and destinations reach private networks through.
func NewProxyAgentResource() resource.Resource { return &proxyAgentResource{} }

type proxyAgentResource struct {
	data *providerData
}

func (r *proxyAgentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxy_agent"
}

func (r *proxyAgentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Version: proxyAgentSchemaVersion,
		MarkdownDescription: "A Fivetran proxy agent: software run in your own network through which Fivetran reaches sources and destinations " +
			"that are not open to the internet. Connections and destinations use it with `networking_method = \"ProxyAgent\"` and " +
			"`proxy_agent_id` set to this resource's `id`. Fivetran shows the agent's secrets once, when it is created or its secrets are " +
			"regenerated; they are kept in state, for you to hand to the agent you run.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The agent's id, assigned by Fivetran: the value of `proxy_agent_id` in a connection or destination.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"display_name": schema.StringAttribute{
				MarkdownDescription: "The agent's name, unique in the account. Fivetran cannot rename an agent: a change replaces it, with new secrets.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), notBlankValidator{}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Where Fivetran runs its side of the agent's traffic, such as `GCP_US_EAST4` or `AWS_US_EAST_1` (Fivetran's data processing locations). " +
					"Usually the region of the destination the agent serves. A change replaces the agent, with new secrets.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1), notBlankValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"secrets_version": schema.Int64Attribute{
				MarkdownDescription: "Any number you choose. Changing it to another number has Fivetran issue new secrets in place: the token, " +
					"certificate and key change, and the old ones stop working. Removing it changes nothing. After an import the secrets are not known " +
					"(Fivetran never shows them again); set this to have new ones issued.",
				Optional: true,
			},
			"auth_token": schema.StringAttribute{
				MarkdownDescription: "The token the agent authenticates with. Null after an import until `secrets_version` is set.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"client_cert": schema.StringAttribute{
				MarkdownDescription: "The agent's client certificate (PEM). Null after an import until `secrets_version` is set.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"client_private_key": schema.StringAttribute{
				MarkdownDescription: "The private key of the client certificate (PEM). Null after an import until `secrets_version` is set.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
}

func (r *proxyAgentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan warns when a create's name is already an agent's in Fivetran,
// and shows the secrets as known only after apply when an update
// regenerates them.
func (r *proxyAgentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		// A create of a name an agent already has is named at plan (duplicates.go).
		if name, ok := r.data.duplicates.plannedCreate(ctx, "proxy_agent", path.Root("display_name"), req, &resp.Diagnostics); ok {
			r.data.duplicates.checkUniqueName(r.data.logContext(ctx), proxyAgentNames(r.data.client), name, &resp.Diagnostics)
		}
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior proxyAgentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	// A secrets_version known only at apply may regenerate the secrets: the
	// plan cannot promise them either.
	if resp.Diagnostics.HasError() || (!plan.SecretsVersion.IsUnknown() && !proxyAgentRegenerates(plan, prior)) {
		return
	}
	for _, a := range []string{"auth_token", "client_cert", "client_private_key"} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.StringUnknown())...)
	}
}

func (r *proxyAgentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan proxyAgentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = r.data.logContext(ctx)

	name, region := proxyAgentCreate(plan)
	sent := time.Now()
	created, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.ProxyAgentSecrets, error) { return r.data.client.CreateProxyAgent(ctx, name, region) },
		func() (*fivetran.ProxyAgentSecrets, bool, error) {
			agents, err := r.data.client.ListProxyAgents(ctx)
			if err != nil {
				return nil, false, err
			}
			a, found := proxyAgentCreatedBy(agents, name, sent)
			if !found {
				return nil, false, nil
			}
			return &fivetran.ProxyAgentSecrets{AgentID: a.ID}, true, nil // its secrets were in the lost answer
		})
	if err != nil {
		r.addCreateError(ctx, name, err, resp)
		return
	}
	if created.AuthToken == "" {
		// The create's answer was lost and the agent it made was adopted: its
		// secrets were in that answer only, so new ones are issued.
		id := created.AgentID
		tflog.Info(ctx, "Adopted the proxy agent a lost create made; having its secrets issued again", map[string]any{"proxy_agent_id": id})
		if created, err = r.regenerate(ctx, id); err != nil {
			// The agent exists: it goes into state (nothing created is lost),
			// without secrets, and the apply reports why.
			resp.Diagnostics.AddError("Unable to create proxy agent",
				fmt.Sprintf("Proxy agent %s was created, but the answer carrying its secrets was lost, and having new ones issued failed: %s "+
					"The agent is in the state, tainted: the next apply replaces it, and the new one's secrets come with it.", id, explainError(err)))
			plan.ID = types.StringValue(id)
			plan.AuthToken, plan.ClientCert, plan.ClientPrivateKey = types.StringNull(), types.StringNull(), types.StringNull()
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
			setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
			return
		}
	}
	tflog.Debug(ctx, "Created proxy agent", map[string]any{"proxy_agent_id": created.AgentID})
	plan.ID = types.StringValue(created.AgentID)
	plan.setSecrets(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

// addCreateError explains a refused create; a name already taken names the
// agent that has it and how to adopt it.
func (r *proxyAgentResource) addCreateError(ctx context.Context, name string, err error, resp *resource.CreateResponse) {
	var apiErr *fivetran.APIError
	switch {
	case fivetran.IsConflict(err):
		existing := ""
		if agents, lerr := r.data.client.ListProxyAgents(ctx); lerr == nil {
			if id := proxyAgentNamed(agents, name); id != "" {
				existing = fmt.Sprintf(" (id %q)", id)
			}
		}
		resp.Diagnostics.AddAttributeError(path.Root("display_name"), "Proxy agent name already taken",
			fmt.Sprintf("Fivetran already has a proxy agent with this display_name%s, and names are unique in an account. Choose another name, or adopt "+
				"that agent with an import block; its secrets cannot be read back, so set secrets_version to have new ones issued. %s",
				existing, explainError(err)))
	case errors.As(err, &apiErr) && apiErr.StatusCode == 400 && strings.Contains(strings.ToLower(apiErr.Message), "region"):
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Region not supported for proxy agents",
			"Fivetran does not run proxy agents in this region: use one of its data processing locations, such as GCP_US_EAST4 or AWS_US_EAST_1. "+
				explainError(err))
	default:
		addAPIError(&resp.Diagnostics, "create", "proxy agent", name, err)
	}
}

// regenerate has new secrets issued. A regeneration whose answer was lost is
// asked for again: the old secrets may be void either way, and only an
// answer carries the new ones.
func (r *proxyAgentResource) regenerate(ctx context.Context, id string) (*fivetran.ProxyAgentSecrets, error) {
	return askAgainIfLost(ctx, r.data.createAttempts(), "A regeneration of proxy agent secrets", id,
		func() (*fivetran.ProxyAgentSecrets, error) { return r.data.client.RegenerateProxyAgentSecrets(ctx, id) })
}

func (r *proxyAgentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state proxyAgentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.readOperation(ctx, state.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = r.data.logContext(ctx)

	id := state.ID.ValueString()
	r.data.duplicates.remember("proxy_agent", id)
	a, err := r.data.client.GetProxyAgent(ctx, id)
	if err != nil {
		if r.data.proxyAgentGone(ctx, err) {
			tflog.Debug(ctx, "Proxy agent is gone from Fivetran; removing it from state", map[string]any{"proxy_agent_id": id})
			resp.State.RemoveResource(ctx)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read", "proxy agent", id, err)
		return
	}
	state.fromAPI(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

// proxyAgentGone reports whether err proves the agent is gone. Fivetran
// answers an unknown agent with the plain NotFound that an unknown route
// gives too (an api_url without /v1, or a proxy in between), so that answer
// counts only once the list of agents, on the same base URL, is answered.
func (d *providerData) proxyAgentGone(ctx context.Context, err error) bool {
	return goneConfirmed(ctx, err, fivetran.KindProxyAgent, func(ctx context.Context) error { _, err := d.client.ListProxyAgents(ctx); return err })
}

func (r *proxyAgentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state proxyAgentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = r.data.logContext(ctx)

	plan.ID = state.ID
	plan.AuthToken, plan.ClientCert, plan.ClientPrivateKey = state.AuthToken, state.ClientCert, state.ClientPrivateKey
	if proxyAgentRegenerates(plan, state) {
		s, err := r.regenerate(ctx, state.ID.ValueString())
		if err != nil {
			addAPIError(&resp.Diagnostics, "regenerate the secrets of", "proxy agent", state.ID.ValueString(), err)
			return
		}
		tflog.Info(ctx, "Regenerated proxy agent secrets", map[string]any{"proxy_agent_id": state.ID.ValueString()})
		plan.setSecrets(s)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *proxyAgentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state proxyAgentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = r.data.logContext(ctx)

	id := state.ID.ValueString()
	r.data.duplicates.remember("proxy_agent", id)
	named, inUse, err := deleteUnlessUsed(ctx,
		func() (bool, error) {
			err := r.data.client.DeleteProxyAgent(ctx, id)
			if err == nil || r.data.proxyAgentGone(ctx, err) {
				return true, nil
			}
			return false, err
		},
		func() string {
			if a, gerr := r.data.client.GetProxyAgent(ctx, id); gerr == nil {
				return proxyAgentUsersText(a)
			}
			return ""
		})
	switch {
	case inUse:
		resp.Diagnostics.AddError("Unable to delete proxy agent",
			fmt.Sprintf("Proxy agent %q is still used (%s), and Fivetran deletes an agent only when nothing uses it. Point them elsewhere "+
				"(networking_method and proxy_agent_id) or delete them first. When they are managed in Terraform with proxy_agent_id "+
				"referencing this resource, Terraform changes them first; for a replacement of the agent, add "+
				"lifecycle { create_before_destroy = true } to it, so that the new agent exists before the old one goes "+
				"(with a new display_name: names are unique). %s", id, cmp.Or(named, "none named any more"), explainError(err)))
	case err != nil:
		addAPIError(&resp.Diagnostics, "delete", "proxy agent", id, err)
	}
}

func (r *proxyAgentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp, "proxy agent", "terraform import fivetran_proxy_agent.office proxy_agent_id", "fivetran_proxy_agents")
}

// proxyAgentSchemaVersion is fivetran_proxy_agent's schema version. It
// starts at 1 because 0 is the official provider's fivetran_proxy_agent,
// which has the same type name: Terraform hands such a state to this
// provider as an upgrade from 0 when a configuration only switches the
// resource's provider, and OpenTofu does so for a `moved` block between the
// two. A state of the current version is decoded without any upgrader
// (attributes it does not know dropped), so an official state at our
// version would lose its token and regeneration_counter unseen, and the
// next apply would issue new secrets and cut off the running agent.
const proxyAgentSchemaVersion = 1

// UpgradeState takes version 0, the official provider's state, as a move
// from it does (move_state.go): the secrets and the counter come along.
func (r *proxyAgentResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran_proxy_agent", officialProxyAgent, " (its secrets are then issued again with secrets_version)")
}

// explainProxyAgentTests adds, to the failed setup tests of a connection or
// destination that reaches its source through a proxy agent, why they most
// likely failed when the agent is not connected: Fivetran cannot get through
// an agent nobody runs yet, which is the state of every agent created in the
// same apply. It is a warning at proxy_agent_id beside the error, and best
// effort: a failed look-up adds nothing.
func (d *providerData) explainProxyAgentTests(ctx context.Context, method, agentID types.String, diags *diag.Diagnostics) {
	if d == nil || method.ValueString() != "ProxyAgent" || agentID.ValueString() == "" {
		return
	}
	a, err := d.client.GetProxyAgent(d.logContext(ctx), agentID.ValueString())
	if err != nil || a.Status == "CONNECTED" {
		return
	}
	diags.AddAttributeWarning(path.Root("proxy_agent_id"), "Proxy agent not connected",
		fmt.Sprintf("The setup tests reach the source through proxy agent %q, which Fivetran reports %s: nothing runs it with its "+
			"current secrets yet. Start the agent with the auth_token, client_cert and client_private_key of its fivetran_proxy_agent "+
			"(after a change of secrets_version, restart it with the new ones), then apply again. In the apply that creates the agent, "+
			"run_setup_tests = false on what uses it avoids this failure; the fivetran_connection_test and fivetran_destination_test "+
			"actions run the tests later.", a.ID, cmp.Or(a.Status, "not connected")))
}

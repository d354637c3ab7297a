package provider

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
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
	_ resource.Resource                 = (*hybridAgentResource)(nil)
	_ resource.ResourceWithUpgradeState = (*hybridAgentResource)(nil)
	_ resource.ResourceWithConfigure    = (*hybridAgentResource)(nil)
	_ resource.ResourceWithImportState  = (*hybridAgentResource)(nil)
	_ resource.ResourceWithModifyPlan   = (*hybridAgentResource)(nil)
)

// NewHybridAgentResource is the fivetran_hybrid_deployment_agent resource:
// an agent that does the work of connections and destinations in the
// customer's own environment.
func NewHybridAgentResource() resource.Resource { return &hybridAgentResource{} }

type hybridAgentResource struct {
	data *providerData
}

// hybridAgentCredentialAttrs are the attributes a re-authentication
// replaces.
var hybridAgentCredentialAttrs = []string{"token", "config_json", "auth_json", "docker_compose_yaml"}

func (r *hybridAgentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hybrid_deployment_agent"
}

func (r *hybridAgentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Version: hybridAgentSchemaVersion,
		MarkdownDescription: "A Fivetran hybrid deployment agent: software you run in your own environment (Docker, Podman, Kubernetes or " +
			"Snowpark) that does the work of a group's connections and destinations there, so that the data never leaves it. Connections and " +
			"destinations use it with `hybrid_deployment_agent_id` set to this resource's `id`; a connection that sets none runs on its " +
			"destination's. Fivetran shows the agent's credentials once, when it is created or re-authenticated; they are kept in state, " +
			"for you to hand to the agent you run.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The agent's id, assigned by Fivetran: the value of `hybrid_deployment_agent_id` in a connection or destination.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"group_id": schema.StringAttribute{
				MarkdownDescription: "The group whose connections and destinations the agent serves. A change replaces the agent, with new credentials.",
				Required:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
				PlanModifiers:       replace,
			},
			"display_name": schema.StringAttribute{
				MarkdownDescription: "The agent's name, unique in the account. Fivetran cannot rename an agent: a change replaces it, with new credentials.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), notBlankValidator{}},
				PlanModifiers:       replace,
			},
			"env_type": schema.StringAttribute{
				MarkdownDescription: "Where the agent runs: `DOCKER`, `PODMAN`, `KUBERNETES` or `SNOWPARK`; `docker_compose_yaml` is the file for it. A change replaces the agent.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(fivetran.HybridAgentEnvTypes...)},
				PlanModifiers:       replace,
			},
			"auth_type": schema.StringAttribute{
				MarkdownDescription: "How the agent is authorised: `AUTO` (Fivetran's default when not set) or `MANUAL`. A change has new " +
					"credentials issued in place. Fivetran does not show it back, so after an import the value written is taken as it is.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(fivetran.HybridAgentAuthTypes...)},
			},
			"accept_terms": schema.BoolAttribute{
				MarkdownDescription: "Must be `true`: you accept Fivetran's license terms for the agent software, which Fivetran requires to create an agent.",
				Required:            true,
				Validators:          []validator.Bool{boolvalidator.Equals(true)},
			},
			"secrets_version": schema.Int64Attribute{
				MarkdownDescription: "Any number you choose. Changing it to another number has Fivetran issue new credentials in place (a " +
					"re-authentication): the token and the files change, and the old ones stop working. Removing it changes nothing. After an " +
					"import the credentials are not known (Fivetran never shows them again); set this to have new ones issued.",
				Optional: true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The agent's token (base64). Null after an import until `secrets_version` is set.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"config_json": schema.StringAttribute{
				MarkdownDescription: "The agent's `config.json` (base64). Null after an import until `secrets_version` is set.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"auth_json": schema.StringAttribute{
				MarkdownDescription: "The agent's `auth.json`, its credentials (base64). Null after an import until `secrets_version` is set.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"docker_compose_yaml": schema.StringAttribute{
				MarkdownDescription: "The compose file that starts the agent in its environment (base64). Null after an import until `secrets_version` is set.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
}

func (r *hybridAgentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan warns when a create's name is already an agent's in Fivetran,
// and shows the credentials as known only after apply when an update
// re-authenticates.
func (r *hybridAgentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		if name, ok := r.data.duplicates.plannedCreate(ctx, "hybrid_agent", path.Root("display_name"), req, &resp.Diagnostics); ok {
			r.data.duplicates.checkUniqueName(r.data.logContext(ctx), hybridAgentNames(r.data.client), name, &resp.Diagnostics)
		}
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior hybridAgentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	// A secrets_version or auth_type known only at apply may re-authenticate:
	// the plan cannot promise the credentials either.
	unknown := plan.SecretsVersion.IsUnknown() || plan.AuthType.IsUnknown()
	if resp.Diagnostics.HasError() || (!unknown && !hybridAgentReAuths(plan, prior)) {
		return
	}
	for _, a := range hybridAgentCredentialAttrs {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.StringUnknown())...)
	}
}

func (r *hybridAgentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan hybridAgentModel
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

	in := hybridAgentCreate(plan)
	type issued struct {
		agent *fivetran.HybridAgent
		creds *fivetran.HybridAgentCredentials
	}
	sent := time.Now()
	created, err := createReconciled(ctx, r.data.createAttempts(),
		func() (issued, error) {
			a, c, err := r.data.client.CreateHybridAgent(ctx, in)
			return issued{a, c}, err
		},
		func() (issued, bool, error) {
			agents, err := r.data.client.ListHybridAgents(ctx, in.GroupID)
			if err != nil {
				return issued{}, false, err
			}
			a, found := hybridAgentCreatedBy(agents, in.DisplayName, sent)
			return issued{agent: a}, found, nil // its credentials were in the lost answer
		})
	if err != nil {
		r.addCreateError(ctx, in, err, resp)
		return
	}
	plan.ID = types.StringValue(created.agent.ID)
	if created.creds == nil {
		// The create's answer was lost and the agent it made was adopted: its
		// credentials were in that answer only, so new ones are issued.
		id := created.agent.ID
		tflog.Info(ctx, "Adopted the hybrid deployment agent a lost create made; having its credentials issued again", map[string]any{"hybrid_deployment_agent_id": id})
		if created.creds, err = r.reAuth(ctx, id, in.AuthType); err != nil {
			resp.Diagnostics.AddError("Unable to create hybrid deployment agent",
				fmt.Sprintf("Hybrid deployment agent %s was created, but the answer carrying its credentials was lost, and having new ones issued failed: %s "+
					"The agent is in the state, tainted: the next apply replaces it, and the new one's credentials come with it.", id, explainError(err)))
			plan.setCredentials(&fivetran.HybridAgentCredentials{})
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
			setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
			return
		}
	}
	tflog.Debug(ctx, "Created hybrid deployment agent", map[string]any{"hybrid_deployment_agent_id": plan.ID.ValueString()})
	plan.setCredentials(created.creds)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

// addCreateError explains a refused create; a name already taken names the
// agent that has it and how to adopt it.
func (r *hybridAgentResource) addCreateError(ctx context.Context, in fivetran.HybridAgentCreate, err error, resp *resource.CreateResponse) {
	switch {
	case fivetran.IsConflict(err):
		existing := ""
		if agents, lerr := r.data.client.ListHybridAgents(ctx, ""); lerr == nil {
			if id := hybridAgentNamed(agents, in.DisplayName); id != "" {
				existing = fmt.Sprintf(" (id %q)", id)
			}
		}
		resp.Diagnostics.AddAttributeError(path.Root("display_name"), "Hybrid deployment agent name already taken",
			fmt.Sprintf("Fivetran already has a hybrid deployment agent with this display_name%s, and names are unique in an account. Choose another "+
				"name, or adopt that agent with an import block; its credentials cannot be read back, so set secrets_version to have new ones issued. %s",
				existing, explainError(err)))
	case fivetran.IsNotFoundKind(err, fivetran.KindGroup):
		resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Unknown group",
			fmt.Sprintf("Group %q does not exist in Fivetran, or the API key cannot see it: reference a fivetran_group resource's id. %s",
				in.GroupID, explainError(err)))
	default:
		addAPIError(&resp.Diagnostics, "create", "hybrid deployment agent", in.DisplayName, err)
	}
}

// reAuth has new credentials issued. One whose answer was lost is asked for
// again: the old credentials may be void either way, and only an answer
// carries the new ones.
func (r *hybridAgentResource) reAuth(ctx context.Context, id, authType string) (*fivetran.HybridAgentCredentials, error) {
	return askAgainIfLost(ctx, r.data.createAttempts(), "A re-authentication of a hybrid deployment agent", id,
		func() (*fivetran.HybridAgentCredentials, error) {
			_, c, err := r.data.client.ReAuthHybridAgent(ctx, id, authType)
			return c, err
		})
}

func (r *hybridAgentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state hybridAgentModel
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
	r.data.duplicates.remember("hybrid_agent", id)
	a, err := r.data.client.GetHybridAgent(ctx, id)
	if err != nil {
		if fivetran.IsNotFoundKind(err, fivetran.KindHybridAgent) {
			tflog.Debug(ctx, "Hybrid deployment agent is gone from Fivetran; removing it from state", map[string]any{"hybrid_deployment_agent_id": id})
			resp.State.RemoveResource(ctx)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read", "hybrid deployment agent", id, err)
		return
	}
	state.fromAPI(a)
	if state.AcceptTerms.IsNull() {
		state.AcceptTerms = types.BoolValue(true) // an import: the agent exists, so its terms were accepted
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *hybridAgentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state hybridAgentModel
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
	plan.Token, plan.ConfigJSON, plan.AuthJSON, plan.DockerComposeYAML = state.Token, state.ConfigJSON, state.AuthJSON, state.DockerComposeYAML
	if hybridAgentReAuths(plan, state) {
		c, err := r.reAuth(ctx, state.ID.ValueString(), plan.AuthType.ValueString())
		if err != nil {
			addAPIError(&resp.Diagnostics, "re-authenticate", "hybrid deployment agent", state.ID.ValueString(), err)
			return
		}
		tflog.Info(ctx, "Re-authenticated hybrid deployment agent", map[string]any{"hybrid_deployment_agent_id": state.ID.ValueString()})
		plan.setCredentials(c)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *hybridAgentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state hybridAgentModel
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
	r.data.duplicates.remember("hybrid_agent", id)
	named, inUse, err := deleteUnlessUsed(ctx,
		func() (bool, error) {
			err := r.data.client.DeleteHybridAgent(ctx, id)
			if err == nil || fivetran.IsNotFoundKind(err, fivetran.KindHybridAgent) {
				return true, nil
			}
			return false, err
		},
		func() string {
			a, gerr := r.data.client.GetHybridAgent(ctx, id)
			if gerr != nil {
				return ""
			}
			dests, _ := r.data.client.ListDestinations(ctx)
			return hybridAgentUsersText(a, dests)
		})
	switch {
	case inUse:
		resp.Diagnostics.AddError("Unable to delete hybrid deployment agent",
			fmt.Sprintf("Hybrid deployment agent %q is still used (%s), and Fivetran deletes an agent only when nothing uses it. Point them "+
				"elsewhere (hybrid_deployment_agent_id) or delete them first; a connection that sets no agent runs on its destination's. "+
				"When they are managed in Terraform with hybrid_deployment_agent_id referencing this resource, Terraform changes them first; "+
				"for a replacement of the agent, add lifecycle { create_before_destroy = true } to it, with a new display_name (names are "+
				"unique). %s", id, cmp.Or(named, "none named any more"), explainError(err)))
	case err != nil:
		addAPIError(&resp.Diagnostics, "delete", "hybrid deployment agent", id, err)
	}
}

func (r *hybridAgentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp, "hybrid deployment agent", "terraform import fivetran_hybrid_deployment_agent.dc agent_id",
		"fivetran_hybrid_deployment_agents")
}

// hybridAgentSchemaVersion is fivetran_hybrid_deployment_agent's schema
// version. It starts at 1 because 0 is the official provider's resource of
// the same type name (see proxyAgentSchemaVersion): its state, handed over
// as an upgrade from 0, is read as a move reads it, credentials kept.
const hybridAgentSchemaVersion = 1

// UpgradeState takes version 0, the official provider's state, as a move
// from it does (move_state.go): the credentials and the counter come along.
func (r *hybridAgentResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran_hybrid_deployment_agent", officialHybridAgent,
		" (its credentials are then issued again with secrets_version)")
}

// explainHybridAgentTests adds, to the failed setup tests of a connection
// or destination that runs on a hybrid deployment agent, why they most
// likely failed when the agent is offline: the agent does the work, and
// nothing runs it yet, which is the state of every agent created in the
// same apply. It is a warning at hybrid_deployment_agent_id beside the
// error, and best effort: a failed look-up adds nothing.
func (d *providerData) explainHybridAgentTests(ctx context.Context, agentID types.String, diags *diag.Diagnostics) {
	if d == nil || agentID.IsUnknown() || agentID.ValueString() == "" {
		return
	}
	a, err := d.client.GetHybridAgent(d.logContext(ctx), agentID.ValueString())
	if err != nil || a.Online {
		return
	}
	diags.AddAttributeWarning(path.Root("hybrid_deployment_agent_id"), "Hybrid deployment agent offline",
		fmt.Sprintf("The setup tests run on hybrid deployment agent %q, which Fivetran reports offline: nothing runs it with its current "+
			"credentials yet. Start the agent with the files of its fivetran_hybrid_deployment_agent (after a change of secrets_version, "+
			"restart it with the new ones), then apply again. In the apply that creates the agent, run_setup_tests = false on what uses it "+
			"avoids this failure; the fivetran_connection_test and fivetran_destination_test actions run the tests later.", a.ID))
}

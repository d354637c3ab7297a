package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                 = (*teamResource)(nil)
	_ resource.ResourceWithConfigure    = (*teamResource)(nil)
	_ resource.ResourceWithImportState  = (*teamResource)(nil)
	_ resource.ResourceWithModifyPlan   = (*teamResource)(nil)
	_ resource.ResourceWithUpgradeState = (*teamResource)(nil)
)

// NewTeamResource is the fivetran_team resource: a named set of users given
// roles as one.
func NewTeamResource() resource.Resource { return &teamResource{} }

type teamResource struct {
	data *providerData
}

func (r *teamResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_team"
}

func (r *teamResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Version: teamSchemaVersion,
		MarkdownDescription: "A Fivetran team: a named set of users given roles as one, an account role (`role`) and roles in groups " +
			"and connections.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The team's id, assigned by Fivetran.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The team's name, unique in the account. Updated in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the team is for. Not set: left as it is in Fivetran. Updated in place.",
				Optional:            true, Computed: true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: keep,
			},
			"role": schema.StringAttribute{
				MarkdownDescription: "The team's account role, such as `Account Analyst` or `Account Reviewer`, or a custom role of " +
					"account scope (the `fivetran_roles` data source lists them). Checked at plan against the account's roles. Not set: " +
					"the team has no account role, only its roles in groups and connections; a role given in Fivetran's dashboard is " +
					"then planned away. Updated in place.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
}

func (r *teamResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks a role set or changed against the account's roles, and
// warns at the create of a team whose name the account has already.
func (r *teamResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	r.data.checkPlannedRole(ctx, req, path.Root("role"), fivetran.RoleScopeAccount, &resp.Diagnostics)
	if name, ok := r.data.duplicates.plannedCreate(ctx, "team", path.Root("name"), req, &resp.Diagnostics); ok {
		r.data.duplicates.checkUniqueName(r.data.logContext(ctx), teamNames(r.data.client), name, &resp.Diagnostics)
	}
}

func (r *teamResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan teamModel
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

	in := teamCreate(plan)
	created, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.Team, error) { return r.data.client.CreateTeam(ctx, in) },
		func() (*fivetran.Team, bool, error) {
			teams, err := r.data.client.ListTeams(ctx)
			if err != nil {
				return nil, false, err
			}
			id := teamNamed(teams, in.Name)
			if id == "" || r.data.duplicates.managed("team", id) {
				return nil, false, nil
			}
			t, err := r.data.client.GetTeam(ctx, id)
			return t, err == nil, err
		})
	if err != nil {
		if fivetran.IsConflict(err) {
			id, lerr := idListed(ctx, func() (string, error) {
				teams, err := r.data.client.ListTeams(ctx)
				return teamNamed(teams, in.Name), err
			})
			if lerr != nil || id == "" {
				id = "<the team's id>"
			}
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Team name already used",
				"Fivetran refused the create: the account has a team with this name already. "+fmt.Sprintf(adoptAdvice, "team", id)+" "+
					explainError(withholdSent(err, map[string]any{"name": in.Name, "description": in.Description})))
			return
		}
		addAPIError(&resp.Diagnostics, "create", "team", "", withholdSent(err, map[string]any{"name": in.Name, "description": in.Description}))
		return
	}
	tflog.Debug(ctx, "Created team", map[string]any{"team_id": created.ID})
	plan.computedFromAPI(created)
	r.data.duplicates.remember("team", created.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *teamResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state teamModel
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
	r.data.duplicates.remember("team", id)
	t, err := r.data.client.GetTeam(ctx, id)
	if err != nil {
		if fivetran.IsNotFoundKind(err, fivetran.KindTeam) {
			tflog.Debug(ctx, "Team is gone from Fivetran; removing it from state", map[string]any{"team_id": id})
			resp.State.RemoveResource(ctx)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read", "team", id, err)
		return
	}
	state.fromAPI(t)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *teamResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state teamModel
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

	id := state.ID.ValueString()
	plan.ID = state.ID
	u, changed, removeRole := teamUpdate(plan, state)
	if changed {
		t, err := r.data.client.UpdateTeam(ctx, id, u)
		if err != nil {
			addAPIError(&resp.Diagnostics, "update", "team", id, withholdSent(err, map[string]any{"name": plan.Name.ValueString(),
				"description": plan.Description.ValueString()}))
			return
		}
		plan.computedFromAPI(t)
	}
	if removeRole {
		if err := r.data.client.RemoveTeamRole(ctx, id); err != nil {
			addAPIError(&resp.Diagnostics, "remove the account role of", "team", id, err)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *teamResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state teamModel
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
	if err := r.data.client.DeleteTeam(ctx, id); err != nil && !fivetran.IsNotFoundKind(err, fivetran.KindTeam) {
		addAPIError(&resp.Diagnostics, "delete", "team", id, err)
	}
}

func (r *teamResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp, "team", "terraform import fivetran_team.analysts team_id", "fivetran_teams")
}

// teamSchemaVersion is fivetran_team's schema version. It starts at 1
// because 0 is the official provider's resource of the same type name (see
// proxyAgentSchemaVersion).
const teamSchemaVersion = 1

// UpgradeState takes version 0, the official provider's state, as a move
// from it does (move_state.go).
func (r *teamResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran_team", officialTeam, "")
}

// teamNames is the unique-name rule of teams (duplicates.go).
func teamNames(client *fivetran.Client) uniqueNamed {
	return uniqueNamed{kind: "team", object: "team", attr: "name",
		names: func(ctx context.Context) (map[string]string, error) {
			teams, err := client.ListTeams(ctx)
			out := make(map[string]string, len(teams))
			for _, t := range teams {
				out[t.Name] = t.ID
			}
			return out, err
		}}
}

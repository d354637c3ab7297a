package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                 = (*userResource)(nil)
	_ resource.ResourceWithConfigure    = (*userResource)(nil)
	_ resource.ResourceWithImportState  = (*userResource)(nil)
	_ resource.ResourceWithModifyPlan   = (*userResource)(nil)
	_ resource.ResourceWithUpgradeState = (*userResource)(nil)
)

// NewUserResource is the fivetran_user resource: a person invited to the
// account, with their account role.
func NewUserResource() resource.Resource { return &userResource{} }

type userResource struct {
	data *providerData
}

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (r *userResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	keepBool := []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Version: userSchemaVersion,
		MarkdownDescription: "A user of the Fivetran account: a create invites the person by email, and they join when they accept. " +
			"`role` is their account role; their roles in groups, connections and teams are given apart.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The user's id, assigned by Fivetran.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "The email the invitation goes to; unique in the account, ignoring case. Fivetran cannot change a " +
					"user's email: a change replaces the user (removes them, with their memberships, and invites the new address). A change " +
					"of case only is the same address: it changes the state alone.",
				Required:   true,
				Validators: []validator.String{stringvalidator.RegexMatches(emailPattern, "must be an email address")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						resp.RequiresReplace = !strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString())
					}, "A new address replaces the user; a change of case only does not.", "A new address replaces the user; a change of case only does not.")},
			},
			"given_name": schema.StringAttribute{
				MarkdownDescription: "The user's first name. Updated in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"family_name": schema.StringAttribute{
				MarkdownDescription: "The user's last name. Updated in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"phone": schema.StringAttribute{
				MarkdownDescription: "The user's phone number. Not set: left as the person sets it in Fivetran (no change is planned " +
					"when they do). Updated in place.",
				Optional: true, Computed: true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: keep,
			},
			"picture": schema.StringAttribute{
				MarkdownDescription: "The user's avatar: a URL, or a `data:` URI. Not set: left as the person sets it in Fivetran. " +
					"Updated in place.",
				Optional: true, Computed: true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: keep,
			},
			"role": schema.StringAttribute{
				MarkdownDescription: "The user's account role, such as `Account Administrator`, `Account Analyst`, `Account Reviewer`, or a " +
					"custom role of account scope (the `fivetran_roles` data source lists them). Checked at plan against the account's roles. " +
					"Not set: the user has no account role, only the roles given in groups, connections and teams; a role given in " +
					"Fivetran's dashboard is then planned away. Updated in place.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"invited": schema.BoolAttribute{
				MarkdownDescription: "Whether the user is invited and has not joined yet: `true` from the create until the person accepts.",
				Computed:            true,
				PlanModifiers:       keepBool,
			},
			"verified": schema.BoolAttribute{
				MarkdownDescription: "Whether the user has verified their email, by accepting the invitation.",
				Computed:            true,
				PlanModifiers:       keepBool,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the user was invited.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
}

func (r *userResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks a role set or changed against the account's roles, and
// warns at the create of a user whose email the account has already.
func (r *userResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	r.data.checkPlannedRole(ctx, req, path.Root("role"), fivetran.RoleScopeAccount, &resp.Diagnostics)
	if email, ok := r.data.duplicates.plannedCreate(ctx, "user", path.Root("email"), req, &resp.Diagnostics); ok {
		r.data.duplicates.checkUniqueName(r.data.logContext(ctx), userEmails(r.data.client), strings.ToLower(email), &resp.Diagnostics)
	}
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
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

	in := userCreate(plan)
	sent := time.Now()
	created, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.User, error) { return r.data.client.CreateUser(ctx, in) },
		func() (*fivetran.User, bool, error) {
			users, err := r.data.client.ListUsers(ctx)
			if err != nil {
				return nil, false, err
			}
			u, found := userInvitedBy(users, in.Email, sent, func(id string) bool { return r.data.duplicates.managed("user", id) })
			return u, found, nil
		})
	if err != nil {
		// Fivetran's messages may quote what was sent: withheld.
		sent := map[string]any{"email": in.Email, "given_name": in.GivenName, "family_name": in.FamilyName, "phone": in.Phone,
			"picture": in.Picture}
		if fivetran.IsConflict(err) {
			r.explainTakenEmail(ctx, in.Email, withholdSent(err, sent), &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "invite", "user", "", withholdSent(err, sent))
		return
	}
	tflog.Debug(ctx, "Invited user", map[string]any{"user_id": created.ID})
	plan.computedFromAPI(created)
	r.data.duplicates.remember("user", created.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

// explainTakenEmail turns Fivetran's refusal of an email the account has
// into an error at the attribute that says how to adopt the user, found in
// the list (waited for a while: lists lag writes).
func (r *userResource) explainTakenEmail(ctx context.Context, email string, err error, diags *diag.Diagnostics) {
	id, lerr := idListed(ctx, func() (string, error) {
		users, err := r.data.client.ListUsers(ctx)
		if u, ok := userWithEmail(users, email); ok {
			return u.ID, err
		}
		return "", err
	})
	if lerr != nil || id == "" {
		id = "<the user's id>"
	}
	diags.AddAttributeError(path.Root("email"), "User already in the account",
		"Fivetran refused the invitation: the account has a user with this email already (emails are unique, ignoring case). "+
			fmt.Sprintf(adoptAdvice, "user", id)+" "+explainError(err))
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userModel
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
	r.data.duplicates.remember("user", id)
	u, err := r.data.client.GetUser(ctx, id)
	if err != nil {
		if r.data.userGone(ctx, err) {
			tflog.Debug(ctx, "User is gone from Fivetran; removing it from state", map[string]any{"user_id": id})
			resp.State.RemoveResource(ctx)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read", "user", id, err)
		return
	}
	state.fromAPI(u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

// userGone reports whether err proves the user is gone: the live API
// answers the plain NotFound an unknown route answers too (KindUser), so it
// counts only once the list of users, on the same base URL, is answered.
func (d *providerData) userGone(ctx context.Context, err error) bool {
	return goneConfirmed(ctx, err, fivetran.KindUser, func(ctx context.Context) error { _, err := d.client.ListUsers(ctx); return err })
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state userModel
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
	plan.ID, plan.Invited, plan.Verified, plan.CreatedAt = state.ID, state.Invited, state.Verified, state.CreatedAt
	u, changed, removeRole := userUpdate(plan, state)
	if changed {
		got, err := r.data.client.UpdateUser(ctx, id, u)
		if err != nil {
			addAPIError(&resp.Diagnostics, "update", "user", id, withholdSent(err, map[string]any{"given_name": plan.GivenName.ValueString(),
				"family_name": plan.FamilyName.ValueString(), "phone": plan.Phone.ValueString(), "picture": plan.Picture.ValueString()}))
			return
		}
		plan.computedFromAPI(got)
	}
	if removeRole {
		if err := r.data.client.RemoveUserRole(ctx, id); err != nil {
			addAPIError(&resp.Diagnostics, "remove the account role of", "user", id, err)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userModel
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
	if err := r.data.client.DeleteUser(ctx, id); err != nil && !r.data.userGone(ctx, err) {
		addAPIError(&resp.Diagnostics, "delete", "user", id, err)
	}
}

// ImportState imports a user by id (or identity), or by email: an import
// id with an @ is looked up in the list of users.
func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	email := strings.TrimSpace(req.ID)
	if !strings.Contains(email, "@") {
		importByID(ctx, req, resp, "user", "terraform import fivetran_user.ada user_id (or the user's email)", "fivetran_users")
		return
	}
	ctx = r.data.logContext(ctx)
	users, err := r.data.client.ListUsers(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "users", "", err)
		return
	}
	u, ok := userWithEmail(users, email)
	if !ok {
		resp.Diagnostics.AddError("User not found",
			"Fivetran has no user with the email given as import id (matched ignoring case). The fivetran_users data source lists the account's users.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), u.ID)...)
}

// userSchemaVersion is fivetran_user's schema version. It starts at 1
// because 0 is the official provider's resource of the same type name (see
// proxyAgentSchemaVersion).
const userSchemaVersion = 1

// UpgradeState takes version 0, the official provider's state, as a move
// from it does (move_state.go).
func (r *userResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran_user", officialUser, "")
}

// userEmails is the unique-name rule of users (duplicates.go): emails,
// compared ignoring case.
func userEmails(client *fivetran.Client) uniqueNamed {
	return uniqueNamed{kind: "user", object: "user", attr: "email",
		names: func(ctx context.Context) (map[string]string, error) {
			users, err := client.ListUsers(ctx)
			out := make(map[string]string, len(users))
			for _, u := range users {
				out[strings.ToLower(u.Email)] = u.ID
			}
			return out, err
		}}
}

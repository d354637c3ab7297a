package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

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
	_ resource.Resource                = (*groupResource)(nil)
	_ resource.ResourceWithConfigure   = (*groupResource)(nil)
	_ resource.ResourceWithImportState = (*groupResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*groupResource)(nil)
)

// NewGroupResource is the fivetran_group resource: a Fivetran group, the
// container of one destination and its connections.
func NewGroupResource() resource.Resource { return &groupResource{} }

type groupResource struct {
	data *providerData
}

func (r *groupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (r *groupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Fivetran group: the container of one destination and of the connections that load into it. " +
			"Create the group first, then its `fivetran_destination`, then connections that reference the destination.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The group's id, assigned by Fivetran. The destination of this group has the same id.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The group's name, 1 to 256 characters, not blank. Renaming updates the group in place; it is never replaced. " +
					"A new group may not take the name of a group Fivetran already has (the plan fails, naming that group and how to adopt it) unless the provider setting `allow_duplicate_group_names` is `true`.",
				Required: true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 256),
					notBlankValidator{},
				},
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the group was created (RFC 3339, UTC).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
}

func (r *groupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *groupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan groupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	name := groupCreateName(plan)
	release := r.data.duplicates.refuseGroupCreate(r.data.logContext(ctx), r.data.client, name, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sent := time.Now()
	g, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.Group, error) { return r.data.client.CreateGroup(ctx, name) },
		func() (*fivetran.Group, bool, error) {
			groups, err := r.data.client.ListGroups(ctx)
			if err != nil {
				return nil, false, err
			}
			return groupCreatedBy(groups, name, sent)
		})
	if err != nil {
		release()
		addAPIError(&resp.Diagnostics, "create", "group", plan.Name.ValueString(), err)
		return
	}
	tflog.Debug(ctx, "Created group", map[string]any{"group_id": g.ID})
	// A group made a moment ago holds nothing: its destination and
	// connections planned next in this apply need no look-up.
	r.data.duplicates.rememberCreated(g.ID, name)
	plan.fromAPI(g)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *groupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state groupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.readOperation(ctx, state.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	r.data.duplicates.remember("group", state.ID.ValueString())
	// A list may confirm the prior state (bulk_reads.go); resp.State then holds it.
	g, fromList, err := r.data.readGroup(ctx, state, func(g *fivetran.Group) bool {
		m := state
		m.fromAPI(g)
		return sameState(ctx, &resp.State, req.State.Raw, &m)
	})
	if fromList {
		setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
		return
	}
	if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
		tflog.Debug(ctx, "Group is gone from Fivetran; removing it from state", map[string]any{"group_id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics) // the framework wants one even now (identity.go)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "group", state.ID.ValueString(), err)
		return
	}
	state.fromAPI(g)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *groupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state groupModel
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

	if name := groupRename(plan, state); name != "" {
		g, err := r.data.client.RenameGroup(ctx, state.ID.ValueString(), name)
		if err != nil {
			addAPIError(&resp.Diagnostics, "rename", "group", state.ID.ValueString(), err)
			return
		}
		plan.fromAPI(g)
	}
	plan.ID, plan.CreatedAt = state.ID, state.CreatedAt
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
}

func (r *groupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state groupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	id := state.ID.ValueString()
	r.data.duplicates.remember("group", id)
	err := r.data.client.DeleteGroup(ctx, id)
	if err == nil || fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
		return
	}
	if fivetran.IsConflict(err) {
		names := connectionNames(ctx, r.data.client, id)
		resp.Diagnostics.AddError("Unable to delete group",
			fmt.Sprintf("Group %q still has connections (%s), and Fivetran deletes a group only when it has none. "+
				"Manage them in Terraform with group_id referencing this group's destination, so that Terraform deletes them first, "+
				"or delete them in Fivetran. %s", id, names, explainError(err)))
		return
	}
	addAPIError(&resp.Diagnostics, "delete", "group", id, err)
}

// ModifyPlan warns when a create's name is already a group's in Fivetran
// (duplicates.go).
func (r *groupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return // not configured yet
	}
	if name, ok := r.data.duplicates.plannedCreate(ctx, "group", path.Root("name"), req, &resp.Diagnostics); ok {
		r.data.duplicates.checkGroup(r.data.logContext(ctx), r.data.client, name, &resp.Diagnostics)
	}
}

func (r *groupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if id, ok := importedByIdentity(ctx, req, "group", &resp.Diagnostics); ok {
		if id != "" {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
		}
		return
	}
	id := strings.TrimSpace(req.ID)
	if name, ok := strings.CutPrefix(id, "name:"); ok && name != "" && r.data != nil {
		if id = groupIDByName(r.data.logContext(ctx), r.data.client, name, "group", &resp.Diagnostics); id == "" {
			return
		}
	}
	if id == "" || !idPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import a group by its id or by its unique name, for example: terraform import fivetran_group.main decent_dropsy, "+
				"or terraform import fivetran_group.main name:analytics (got %q).", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// connectionNames lists a group's connections as "name (id)" for error
// messages; it is best effort, because it only explains another error.
func connectionNames(ctx context.Context, client *fivetran.Client, groupID string) string {
	conns, err := client.ListGroupConnections(ctx, groupID, "")
	if err != nil {
		return "could not list them: " + explainError(err)
	}
	if len(conns) == 0 {
		return "none listed any more"
	}
	parts := make([]string, 0, len(conns))
	for _, c := range conns {
		parts = append(parts, fmt.Sprintf("%s %q (id %s)", c.Service, c.Schema, c.ID))
	}
	return strings.Join(parts, ", ")
}

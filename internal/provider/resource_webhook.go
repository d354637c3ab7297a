package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                 = (*webhookResource)(nil)
	_ resource.ResourceWithConfigure    = (*webhookResource)(nil)
	_ resource.ResourceWithImportState  = (*webhookResource)(nil)
	_ resource.ResourceWithUpgradeState = (*webhookResource)(nil)
)

// NewWebhookResource is the fivetran_webhook resource: Fivetran posting
// events of the account, or of one group, to a URL.
func NewWebhookResource() resource.Resource { return &webhookResource{} }

type webhookResource struct {
	data *providerData
}

func (r *webhookResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (r *webhookResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Version: webhookSchemaVersion,
		MarkdownDescription: "A Fivetran webhook: Fivetran posts the events it names (a sync's start and end, a connection's changes, ...) to " +
			"`url`, signed with `secret`, for the whole account, or for one group when `group_id` is set.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The webhook's id, assigned by Fivetran.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"group_id": schema.StringAttribute{
				MarkdownDescription: "The group whose events the webhook sends, usually `fivetran_group.<name>.id`. Not set: the whole " +
					"account's (an account webhook). A change replaces the webhook.",
				Optional:      true,
				Validators:    []validator.String{idValidator{what: "group"}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "`account` or `group`, from `group_id`.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Where Fivetran posts the events: an `http` or `https` URL. Updated in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(webhookURLPattern, "must be an absolute http or https URL")},
			},
			"events": schema.SetAttribute{
				MarkdownDescription: "The events to send, such as `sync_start`, `sync_end`, `status`, `connection_successful` or " +
					"`connection_failure` (Fivetran's list of webhook events). Updated in place.",
				ElementType: types.StringType,
				Required:    true,
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether Fivetran sends the events. Defaults to `false`. Updated in place.",
				Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The secret Fivetran signs each event with, so that your endpoint can check where it comes from. " +
					"Fivetran never shows it back, so a change made outside Terraform cannot be seen; taking it out of the configuration " +
					"stops managing it and leaves it in Fivetran. Pass it from a sensitive variable. Updated in place.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"run_tests": schema.BoolAttribute{
				MarkdownDescription: "Have Fivetran send a test of each event to `url` after a create or a change, and fail the apply when " +
					"the endpoint does not answer with success. Defaults to `false`. Not stored by Fivetran: changing only this sends nothing.",
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the webhook was created.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"created_by": schema.StringAttribute{
				MarkdownDescription: "The id of the user who created the webhook.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
}

func (r *webhookResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan webhookModel
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

	in := webhookCreate(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	groupID := plan.GroupID.ValueString()
	sent := time.Now()
	created, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.Webhook, error) {
			if groupID == "" {
				return r.data.client.CreateAccountWebhook(ctx, in)
			}
			return r.data.client.CreateGroupWebhook(ctx, groupID, in)
		},
		func() (*fivetran.Webhook, bool, error) {
			hooks, err := r.data.client.ListWebhooks(ctx)
			if err != nil {
				return nil, false, err
			}
			w, found := webhookCreatedBy(hooks, in, groupID, sent, func(id string) bool { return r.data.duplicates.managed("webhook", id) })
			return w, found, nil
		})
	if err != nil {
		if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
			resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Unknown group",
				fmt.Sprintf("Group %q does not exist in Fivetran, or the API key cannot see it: reference a fivetran_group resource's id. %s",
					groupID, explainError(err)))
			return
		}
		addAPIError(&resp.Diagnostics, "create", "webhook", in.URL, err)
		return
	}
	tflog.Debug(ctx, "Created webhook", map[string]any{"webhook_id": created.ID})
	plan.computedFromAPI(created)
	r.data.duplicates.remember("webhook", created.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if plan.RunTests.ValueBool() {
		r.runTests(ctx, plan, &resp.Diagnostics)
	}
}

// runTests has Fivetran send a test of each event to the webhook's URL, and
// fails, naming each event the endpoint refused, with its status.
func (r *webhookResource) runTests(ctx context.Context, m webhookModel, diags *diag.Diagnostics) {
	var failed []string
	for _, event := range webhookEvents(ctx, m.Events, diags) {
		res, err := r.data.client.TestWebhook(ctx, m.ID.ValueString(), event)
		if err != nil {
			addAPIError(diags, "test", "webhook", m.ID.ValueString(), err)
			return
		}
		if !res.Succeed {
			status := "no answer"
			if res.Status != 0 {
				status = fmt.Sprintf("HTTP %d", res.Status)
			}
			failed = append(failed, fmt.Sprintf("%s (%s)", event, status))
		}
	}
	if len(failed) > 0 {
		diags.AddAttributeError(path.Root("url"), "Webhook test failed",
			fmt.Sprintf("Fivetran sent a test of each event to the webhook's URL, and the endpoint did not take %s. Check that the URL is "+
				"reachable from Fivetran and answers with success; run_tests = false skips the tests. The webhook %s exists in Fivetran "+
				"all the same.", strings.Join(failed, ", "), m.ID.ValueString()))
	}
}

func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state webhookModel
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
	r.data.duplicates.remember("webhook", id)
	w, err := r.data.client.GetWebhook(ctx, id)
	if err != nil {
		if r.data.webhookGone(ctx, err) {
			tflog.Debug(ctx, "Webhook is gone from Fivetran; removing it from state", map[string]any{"webhook_id": id})
			resp.State.RemoveResource(ctx)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read", "webhook", id, err)
		return
	}
	state.fromAPI(w)
	if state.RunTests.IsNull() {
		state.RunTests = types.BoolValue(false) // an import: the default
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

// webhookGone reports whether err proves the webhook is gone: its NotFound
// code is not established (KindWebhook), so it counts only once the list of
// webhooks, on the same base URL, is answered.
func (d *providerData) webhookGone(ctx context.Context, err error) bool {
	return goneConfirmed(ctx, err, fivetran.KindWebhook, func(ctx context.Context) error { _, err := d.client.ListWebhooks(ctx); return err })
}

func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state webhookModel
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

	plan.ID, plan.Type, plan.CreatedAt, plan.CreatedBy = state.ID, state.Type, state.CreatedAt, state.CreatedBy
	u, changed := webhookUpdate(ctx, plan, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if changed {
		w, err := r.data.client.UpdateWebhook(ctx, state.ID.ValueString(), u)
		if err != nil {
			addAPIError(&resp.Diagnostics, "update", "webhook", state.ID.ValueString(), err)
			return
		}
		plan.computedFromAPI(w)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if changed && plan.RunTests.ValueBool() {
		r.runTests(ctx, plan, &resp.Diagnostics)
	}
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookModel
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
	if err := r.data.client.DeleteWebhook(ctx, id); err != nil && !r.data.webhookGone(ctx, err) {
		addAPIError(&resp.Diagnostics, "delete", "webhook", id, err)
	}
}

func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp, "webhook", "terraform import fivetran_webhook.alerts webhook_id", "fivetran_webhooks")
}

// webhookSchemaVersion is fivetran_webhook's schema version. It starts at 1
// because 0 is the official provider's resource of the same type name (see
// proxyAgentSchemaVersion).
const webhookSchemaVersion = 1

// UpgradeState takes version 0, the official provider's state, as a move
// from it does (move_state.go).
func (r *webhookResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran_webhook", officialWebhook, " (then set its secret in the configuration: the next apply sends it)")
}

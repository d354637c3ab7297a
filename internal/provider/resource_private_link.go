package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
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
	_ resource.Resource                   = (*privateLinkResource)(nil)
	_ resource.ResourceWithConfigure      = (*privateLinkResource)(nil)
	_ resource.ResourceWithImportState    = (*privateLinkResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*privateLinkResource)(nil)
	_ resource.ResourceWithValidateConfig = (*privateLinkResource)(nil)
	_ resource.ResourceWithUpgradeState   = (*privateLinkResource)(nil)
)

// NewPrivateLinkResource is the fivetran_private_link resource: an endpoint
// Fivetran provisions to reach one of your services over the cloud's
// private network.
func NewPrivateLinkResource() resource.Resource { return &privateLinkResource{} }

type privateLinkResource struct {
	data *providerData
}

// privateLinkPoll is how often a create, update or delete reads the link
// while Fivetran works on it (a fixed interval: provisioning takes minutes),
// and how often a refused delete asks again. Tests shorten it.
var privateLinkPoll = 15 * time.Second

// privateLinkTimeout is the default of the link's create, update and delete
// timeouts: provisioning takes minutes to tens of minutes, and a create may
// first wait for Fivetran's hourly limit on private link creates.
const privateLinkTimeout = time.Hour

func (r *privateLinkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_private_link"
}

func (r *privateLinkResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	services := make([]string, 0, len(fivetran.PrivateLinkServices))
	for _, s := range fivetran.PrivateLinkServices {
		services = append(services, s.Name)
	}
	resp.Schema = schema.Schema{
		Version: privateLinkSchemaVersion,
		MarkdownDescription: "A Fivetran private link: an endpoint Fivetran provisions in its cloud network to reach one of your services (a database, " +
			"a warehouse) over the cloud provider's private network instead of the internet. Connections and destinations use it with " +
			"`networking_method = \"PrivateLink\"` and `private_link_id` set to this resource's `id`. A create or a change of `config` " +
			"waits until Fivetran reports the link `OK`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The link's id, assigned by Fivetran: the value of `private_link_id` in a connection or destination.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The link's name, unique in the account: letters, digits and underscores, at most %d. "+
					"Fivetran cannot rename a link: a change replaces it.", privateLinkNameMax),
				Required: true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, privateLinkNameMax),
					stringvalidator.RegexMatches(privateLinkNamePattern, "may hold only letters, digits and underscores"),
				},
				PlanModifiers: replace,
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Where Fivetran provisions the link: one of its data processing locations in the service's cloud, such as " +
					"`AWS_US_EAST_1`, usually the region of the destination that uses it. A change replaces the link.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(fivetran.PrivateLinkRegions...)},
				PlanModifiers: replace,
			},
			"service": schema.StringAttribute{
				MarkdownDescription: "What the link reaches, and in which cloud: `SOURCE_AWS`, `SOURCE_AZURE` or `SOURCE_GCP` for a source, " +
					"otherwise the destination's kind (such as `SNOWFLAKE_AWS` or `DATABRICKS_AZURE`). A change replaces the link.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(services...)},
				PlanModifiers: replace,
			},
			"config": schema.MapAttribute{
				MarkdownDescription: "The endpoint to reach: the keys the service takes (the resource's documentation lists them for each service), all strings. A change is " +
					"made in place: Fivetran provisions the link again.",
				ElementType: types.StringType,
				Required:    true,
				Validators:  []validator.Map{mapvalidator.SizeAtLeast(1)},
			},
			"cloud_provider": schema.StringAttribute{
				MarkdownDescription: "The cloud the link lives in: `AWS`, `AZURE` or `GCP`.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"state": schema.StringAttribute{
				MarkdownDescription: "Fivetran's state of the link: `OK` once provisioned; `CREATING`, `UPDATING` or `DESTROYING` while Fivetran " +
					"works on it; `FAIL` when provisioning failed (see `state_summary`).",
				Computed:      true,
				PlanModifiers: keep,
			},
			"state_summary": schema.StringAttribute{
				MarkdownDescription: "Fivetran's explanation of the state.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"host": schema.StringAttribute{
				MarkdownDescription: "The host name of the link's endpoint, once provisioned: what connections and destinations behind the link connect to.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the link was created.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"created_by": schema.StringAttribute{
				MarkdownDescription: "The id of the user who created the link.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
				Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long a create may take: waiting for a free slot of Fivetran's hourly limit on private link creates, " +
					"and for the link to be provisioned. Defaults to " + shortDuration(privateLinkTimeout) + ".",
				ReadDescription:   "How long a refresh may take, retries included. Defaults to " + shortDuration(defaultReadTimeout) + ".",
				UpdateDescription: "How long a change of config may take, its provisioning included. Defaults to " + shortDuration(privateLinkTimeout) + ".",
				DeleteDescription: "How long a delete may take, until Fivetran has taken the link down. Defaults to " + shortDuration(privateLinkTimeout) + ".",
			}),
		},
	}
}

func (r *privateLinkResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks what the attributes' own validators cannot: the
// config's keys against the service, and the region against the service's
// cloud. Values unknown at validation are checked at apply by Fivetran.
func (r *privateLinkResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var service, region types.String
	var config types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("service"), &service)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("region"), &region)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("config"), &config)...)
	if resp.Diagnostics.HasError() || service.IsUnknown() || service.IsNull() {
		return
	}
	if !region.IsUnknown() && !region.IsNull() {
		if p := privateLinkRegionProblem(service.ValueString(), region.ValueString()); p != "" {
			resp.Diagnostics.AddAttributeError(path.Root("region"), "Region not in the service's cloud", p)
		}
	}
	if config.IsUnknown() || config.IsNull() {
		return
	}
	known := map[string]string{}
	for k, v := range config.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() {
			known[k] = "unknown"
			continue
		}
		known[k] = s.ValueString()
	}
	for _, p := range privateLinkConfigProblems(service.ValueString(), known) {
		resp.Diagnostics.AddAttributeError(path.Root("config"), "Invalid private link config", p+".")
	}
}

// ModifyPlan warns when a create's name is already a link's in Fivetran,
// shows the state and host as known only after apply when the config
// changes, and says when the link Fivetran reports is failed or being
// taken down: a plan with nothing to change would otherwise hide it.
func (r *privateLinkResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		if name, ok := r.data.duplicates.plannedCreate(ctx, "private_link", path.Root("name"), req, &resp.Diagnostics); ok {
			r.data.duplicates.checkUniqueName(r.data.logContext(ctx), privateLinkNames(r.data.client), name, &resp.Diagnostics)
		}
		r.warnOverLimit(ctx, req, resp)
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior privateLinkModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if privateLinkConfigChanged(plan, prior) {
		for _, a := range []string{"state", "state_summary", "host"} {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.StringUnknown())...)
		}
		return
	}
	switch prior.State.ValueString() {
	case fivetran.PrivateLinkFailed:
		resp.Diagnostics.AddAttributeWarning(privateLinkAt, "Private link failed",
			fmt.Sprintf("Fivetran reports private link %s as FAIL: %s Connections and destinations cannot reach their service through it. "+
				"Correct the endpoint it reaches (config), or have it created again with terraform apply -replace.",
				prior.ID.ValueString(), sentence(prior.StateSummary.ValueString())))
	case fivetran.PrivateLinkDestroying:
		resp.Diagnostics.AddAttributeWarning(privateLinkAt, "Private link being deleted",
			fmt.Sprintf("Fivetran is deleting private link %s, not at this configuration's request. Once it is gone, the next plan creates it again.",
				prior.ID.ValueString()))
	}
}

// privateLinkCreatesPerHour is Fivetran's documented limit on private link
// creates of a paid account (a trial account has one).
const privateLinkCreatesPerHour = 5

// plannedCreates counts the creates of a kind that one plan holds: one
// plan is one provider process, which plans every resource.
type plannedCreates struct {
	mu   sync.Mutex
	seen map[string]bool // resource addresses, so that a plan asked twice counts once
}

// add counts a planned create at key and returns how many there are.
func (p *plannedCreates) add(key string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	p.seen[key] = true
	return len(p.seen)
}

// warnOverLimit warns at a create (or replacement) that comes beyond
// Fivetran's hourly limit on private link creates among those this plan
// holds: the apply will wait for free slots, an hour for every five, or
// fail where the create's timeout is shorter.
func (r *privateLinkResource) warnOverLimit(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	replaced := false
	if !req.State.Raw.IsNull() {
		for _, p := range []string{"name", "region", "service"} {
			var planned, prior types.String
			resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(p), &planned)...)
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(p), &prior)...)
			replaced = replaced || !planned.Equal(prior)
		}
		if !replaced {
			return
		}
	}
	var name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	key := name.ValueString()
	if name.IsUnknown() {
		key = fmt.Sprintf("unknown name %p", resp) // one per resource: names are unique, a create's is its key
	}
	n := r.data.plannedLinks.add(key)
	if n <= privateLinkCreatesPerHour {
		return
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("name"), "More private link creates than Fivetran allows in an hour",
		fmt.Sprintf("This plan creates at least %d private links, and Fivetran allows %d creates an hour (1 on a trial account). The apply "+
			"waits for free slots, about an hour for every %d more, where timeouts.create allows it (an hour by default); a create whose "+
			"timeout is shorter fails, creating nothing, and the next apply makes it.", n, privateLinkCreatesPerHour, privateLinkCreatesPerHour))
}

// sentence ends s with a period, or says that Fivetran gave no reason.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "Fivetran gives no reason."
	case strings.HasSuffix(s, "."):
		return s
	}
	return s + "."
}

func (r *privateLinkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan privateLinkModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.bounded(ctx, plan.Timeouts.Create, privateLinkTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = r.data.logContext(ctx)

	in := privateLinkCreate(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sent := time.Now()
	created, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.PrivateLink, error) { return r.createWithinLimit(ctx, in) },
		func() (*fivetran.PrivateLink, bool, error) {
			links, err := r.data.client.ListPrivateLinks(ctx)
			if err != nil {
				return nil, false, err
			}
			l, found := privateLinkCreatedBy(links, in.Name, sent)
			return l, found, nil
		})
	if err != nil {
		r.addCreateError(ctx, in.Name, err, resp)
		return
	}
	id := created.ID
	tflog.Info(ctx, "Created private link; waiting for Fivetran to provision it", map[string]any{"private_link_id": id})
	// In state at once: a wait that fails leaves the link there, tainted,
	// instead of orphaned.
	plan.computedFromAPI(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	l, err := r.waitProvisioned(ctx, id, "create")
	if l != nil {
		plan.computedFromAPI(l)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		resp.Diagnostics.AddError("Private link not provisioned",
			capitalize(err.Error())+". The link is in the state, tainted: the next apply replaces it. If Fivetran reports it OK by then, "+
				"terraform untaint keeps it instead.")
	}
}

// errPrivateLinkLimit is a private link create that Fivetran's hourly
// limit refused, with no time left in the create's timeout to wait for the
// next slot. Nothing was created.
type errPrivateLinkLimit struct {
	wait, left time.Duration
	err        error
}

func (e *errPrivateLinkLimit) Error() string { return e.err.Error() }
func (e *errPrivateLinkLimit) Unwrap() error { return e.err }

// createWithinLimit sends the create, and when Fivetran's hourly limit on
// private link creates refuses it, waits for the slot its Retry-After names
// and sends it again, as long as the create's timeout leaves time for that.
// A refused create made nothing, so sending it again is safe.
func (r *privateLinkResource) createWithinLimit(ctx context.Context, in fivetran.PrivateLinkCreate) (*fivetran.PrivateLink, error) {
	for {
		l, err := r.data.client.CreatePrivateLink(ctx, in)
		wait, limited := fivetran.IsTooManyRequests(err)
		if !limited {
			return l, err
		}
		wait = max(wait, time.Second) // an answer without Retry-After: ask again soon, bounded by the timeout
		left := time.Hour
		if deadline, ok := ctx.Deadline(); ok {
			left = time.Until(deadline)
		}
		if wait >= left {
			return nil, &errPrivateLinkLimit{wait: wait, left: left, err: err}
		}
		tflog.Info(ctx, "Fivetran's limit on private link creates is reached; waiting for the next slot",
			map[string]any{"name": in.Name, "wait_s": int(wait.Seconds())})
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(wait):
		}
	}
}

// addCreateError explains a refused create.
func (r *privateLinkResource) addCreateError(ctx context.Context, name string, err error, resp *resource.CreateResponse) {
	var limit *errPrivateLinkLimit
	var apiErr *fivetran.APIError
	switch {
	case errors.As(err, &limit):
		resp.Diagnostics.AddError("Private link create limit reached",
			fmt.Sprintf("Fivetran allows only a few private link creates an hour (five on a paid account, one on a trial), and they are used up: "+
				"the next is possible in about %s, more than is left of this create's timeout (%s). Nothing was created. Apply again then, "+
				"or give timeouts.create more time, and the apply waits for the slot. %s",
				shortDuration(limit.wait.Round(time.Minute)), shortDuration(limit.left.Round(time.Second)), explainError(limit.err)))
	case fivetran.IsConflict(err):
		existing := ""
		if links, lerr := r.data.client.ListPrivateLinks(ctx); lerr == nil {
			if id := privateLinkNamed(links, name); id != "" {
				existing = fmt.Sprintf(" (id %q)", id)
			}
		}
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Private link name already taken",
			fmt.Sprintf("Fivetran already has a private link with this name%s, and names are unique in an account. Choose another name, or adopt "+
				"that link with an import block. %s", existing, explainError(err)))
	case errors.As(err, &apiErr) && apiErr.StatusCode == 400:
		resp.Diagnostics.AddAttributeError(privateLinkAt, "Private link refused",
			"Fivetran refused the private link: check its service, region and config against the resource's documentation. "+explainError(err))
	default:
		addAPIError(&resp.Diagnostics, "create", "private link", name, err)
	}
}

// waitProvisioned reads the link until Fivetran has done its work on it:
// nil error once it is OK; an error when it failed (its summary), vanished
// or the timeout came first. It returns the last link read, if any.
func (r *privateLinkResource) waitProvisioned(ctx context.Context, id, what string) (*fivetran.PrivateLink, error) {
	var last *fivetran.PrivateLink
	err := poll(ctx, every(privateLinkPoll), func() (bool, error) {
		l, err := r.data.client.GetPrivateLink(ctx, id)
		if err != nil {
			if r.data.privateLinkGone(ctx, err) {
				return false, fmt.Errorf("private link %s was deleted while Fivetran provisioned it", id)
			}
			return false, err
		}
		last = l
		switch l.State {
		case fivetran.PrivateLinkOK:
			return true, nil
		case fivetran.PrivateLinkFailed:
			return false, fmt.Errorf("the provisioning of private link %s failed after its %s, Fivetran says: %s Check the endpoint in config "+
				"(and, where the service needs it, that the endpoint accepts Fivetran's connection)", id, what, sentence(l.StateSummary))
		case fivetran.PrivateLinkDestroying:
			return false, fmt.Errorf("private link %s is being deleted, not at this configuration's request", id)
		}
		tflog.Debug(ctx, "Private link still being provisioned", map[string]any{"private_link_id": id, "state": l.State})
		return false, nil
	})
	if errors.Is(err, errWaitEnded) {
		state := "not yet OK"
		if last != nil {
			state = cmp.Or(last.State, state)
		}
		return last, fmt.Errorf("private link %s is still %s: the %s's timeout ran out while Fivetran provisioned it. Provisioning can take "+
			"a while; give timeouts more time. (%w)", id, state, what, err)
	}
	return last, err
}

func (r *privateLinkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state privateLinkModel
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
	r.data.duplicates.remember("private_link", id)
	l, err := r.data.client.GetPrivateLink(ctx, id)
	if err != nil {
		if r.data.privateLinkGone(ctx, err) {
			tflog.Debug(ctx, "Private link is gone from Fivetran; removing it from state", map[string]any{"private_link_id": id})
			resp.State.RemoveResource(ctx)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read", "private link", id, err)
		return
	}
	state.fromAPI(l)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

// privateLinkGone reports whether err proves the link is gone: like a proxy
// agent's, Fivetran's NotFound for it is the plain one an unknown route
// gives too, so it counts only once the list of links, on the same base
// URL, is answered.
func (d *providerData) privateLinkGone(ctx context.Context, err error) bool {
	return goneConfirmed(ctx, err, fivetran.KindPrivateLink, func(ctx context.Context) error { _, err := d.client.ListPrivateLinks(ctx); return err })
}

func (r *privateLinkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state privateLinkModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.bounded(ctx, plan.Timeouts.Update, privateLinkTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = r.data.logContext(ctx)

	id := state.ID.ValueString()
	if !privateLinkConfigChanged(plan, state) {
		// Only timeouts changed: nothing to send.
		plan.ID, plan.CloudProvider, plan.State, plan.StateSummary = state.ID, state.CloudProvider, state.State, state.StateSummary
		plan.Host, plan.CreatedAt, plan.CreatedBy = state.Host, state.CreatedAt, state.CreatedBy
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
		return
	}
	config := privateLinkConfig(ctx, plan.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Fivetran refuses a change while it works on the link (IllegalState):
	// wait for it, then send the change.
	var updated *fivetran.PrivateLink
	err := poll(ctx, every(privateLinkPoll), func() (bool, error) {
		l, err := r.data.client.UpdatePrivateLink(ctx, id, config)
		if fivetran.IsIllegalState(err) {
			tflog.Info(ctx, "Fivetran is still working on the private link; waiting to change it", map[string]any{"private_link_id": id})
			return false, nil
		}
		updated = l
		return err == nil, err
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "update", "private link", id, err)
		return
	}
	plan.computedFromAPI(updated)
	l, err := r.waitProvisioned(ctx, id, "change")
	if l != nil {
		plan.computedFromAPI(l)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if err != nil {
		resp.Diagnostics.AddAttributeError(privateLinkAt, "Private link change not provisioned", capitalize(err.Error())+".")
	}
}

func (r *privateLinkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state privateLinkModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.bounded(ctx, state.Timeouts.Delete, privateLinkTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = r.data.logContext(ctx)

	id := state.ID.ValueString()
	r.data.duplicates.remember("private_link", id)
	// Fivetran refuses a delete while it works on the link (IllegalState:
	// wait) and while anything uses it (name what).
	named, inUse, err := deleteUnlessUsed(ctx,
		func() (bool, error) {
			err := r.data.client.DeletePrivateLink(ctx, id)
			switch {
			case err == nil || r.data.privateLinkGone(ctx, err):
				return true, nil
			case fivetran.IsIllegalState(err):
				if l, gerr := r.data.client.GetPrivateLink(ctx, id); gerr == nil && l.State == fivetran.PrivateLinkDestroying {
					return true, nil // already being deleted: wait for it below
				}
				tflog.Info(ctx, "Fivetran is still working on the private link; waiting to delete it", map[string]any{"private_link_id": id})
				return false, nil
			}
			return false, err
		},
		func() string { return r.privateLinkUsers(ctx, id) })
	switch {
	case inUse:
		resp.Diagnostics.AddError("Unable to delete private link",
			fmt.Sprintf("Private link %q is still used (%s), and Fivetran deletes a link only when nothing uses it. Point them elsewhere "+
				"(networking_method and private_link_id) or delete them first. When they are managed in Terraform with private_link_id "+
				"referencing this resource, Terraform changes them first; for a replacement of the link, add "+
				"lifecycle { create_before_destroy = true } to it, so that the new link exists before the old one goes "+
				"(with a new name: names are unique). %s", id, cmp.Or(named, "none found"), explainError(err)))
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, "delete", "private link", id, err)
		return
	}
	// Fivetran takes the link down after answering (DESTROYING): wait until
	// it is gone, so that a link created next with the same name does not
	// meet it.
	err = poll(ctx, every(privateLinkPoll), func() (bool, error) {
		_, err := r.data.client.GetPrivateLink(ctx, id)
		if err == nil {
			return false, nil
		}
		if r.data.privateLinkGone(ctx, err) {
			return true, nil
		}
		return false, err
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "wait for the deletion of", "private link", id, err)
	}
}

// privateLinkUsers names what uses the link, from the lists of connections
// and destinations (Fivetran's refusal names nothing); "" when the lists
// show nothing or fail.
func (r *privateLinkResource) privateLinkUsers(ctx context.Context, id string) string {
	conns, cerr := r.data.client.ListConnections(ctx, fivetran.ListConnectionsOptions{})
	dests, derr := r.data.client.ListDestinations(ctx)
	if cerr != nil || derr != nil {
		return ""
	}
	// Lists lag: a connection deleted a moment ago may still be listed. A
	// GET, which does not lag, confirms each one named.
	conns = slices.DeleteFunc(conns, func(c fivetran.Connection) bool {
		if c.PrivateLinkID != id {
			return true
		}
		_, err := r.data.client.GetConnection(ctx, c.ID)
		return fivetran.IsNotFoundKind(err, fivetran.KindConnection)
	})
	dests = slices.DeleteFunc(dests, func(d fivetran.Destination) bool {
		if d.PrivateLinkID != id {
			return true
		}
		_, err := r.data.client.GetDestination(ctx, d.ID)
		return fivetran.IsNotFoundKind(err, fivetran.KindDestination)
	})
	return privateLinkUsersText(conns, dests, id)
}

func (r *privateLinkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp, "private link", "terraform import fivetran_private_link.warehouse private_link_id", "fivetran_private_links")
}

// privateLinkSchemaVersion is fivetran_private_link's schema version. It
// starts at 1 because 0 is the official provider's fivetran_private_link,
// which has the same type name (see proxyAgentSchemaVersion): its state,
// handed over as an upgrade from 0, is read as a move reads it.
const privateLinkSchemaVersion = 1

// UpgradeState takes version 0, the official provider's state, as a move
// from it does (move_state.go).
func (r *privateLinkResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran_private_link", officialPrivateLink, "")
}

// explainPrivateLinkTests adds, to the failed setup tests of a connection
// or destination that reaches its service through a private link, why they
// most likely failed when the link is not OK: Fivetran cannot get through a
// link it has not provisioned, or failed to. It is a warning at
// private_link_id beside the error, and best effort: a failed look-up adds
// nothing.
func (d *providerData) explainPrivateLinkTests(ctx context.Context, method, linkID types.String, diags *diag.Diagnostics) {
	if d == nil || method.ValueString() != "PrivateLink" || linkID.ValueString() == "" {
		return
	}
	l, err := d.client.GetPrivateLink(d.logContext(ctx), linkID.ValueString())
	if err != nil || l.State == fivetran.PrivateLinkOK {
		return
	}
	diags.AddAttributeWarning(path.Root("private_link_id"), "Private link not OK",
		fmt.Sprintf("The setup tests reach the service through private link %q, which Fivetran reports %s: %s Once it is OK (the "+
			"fivetran_private_link resource waits for that when it creates or changes the link), apply again.",
			l.ID, cmp.Or(l.State, "not OK"), sentence(l.StateSummary)))
}

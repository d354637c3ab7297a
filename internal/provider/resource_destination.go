package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                     = (*destinationResource)(nil)
	_ resource.ResourceWithConfigure        = (*destinationResource)(nil)
	_ resource.ResourceWithImportState      = (*destinationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*destinationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*destinationResource)(nil)
)

// NewDestinationResource is the fivetran_destination resource: the warehouse
// or lake a group loads into. Its id is the id of its group.
func NewDestinationResource() resource.Resource { return &destinationResource{} }

type destinationResource struct {
	data *providerData
}

// Regions Fivetran accepts for a destination (API.md, "Destinations").
var destinationRegions = []string{
	"GCP_US_EAST4", "GCP_US_WEST1", "GCP_US_CENTRAL1", "GCP_EUROPE_WEST3", "GCP_AUSTRALIA_SOUTHEAST1",
	"GCP_NORTHAMERICA_NORTHEAST1", "GCP_EUROPE_WEST2", "GCP_ASIA_SOUTHEAST1", "GCP_ASIA_SOUTHEAST2",
	"GCP_ASIA_SOUTH1", "GCP_ASIA_NORTHEAST1", "AWS_US_EAST_1", "AWS_US_EAST_2", "AWS_US_WEST_2",
	"AWS_AP_NORTHEAST_1", "AWS_AP_SOUTHEAST_1", "AWS_AP_SOUTHEAST_2", "AWS_EU_CENTRAL_1", "AWS_EU_WEST_1",
	"AWS_EU_WEST_2", "AWS_AP_SOUTH_1", "AWS_CA_CENTRAL_1", "AWS_US_GOV_WEST_1", "AZURE_EASTUS2",
	"AZURE_AUSTRALIAEAST", "AZURE_UKSOUTH", "AZURE_WESTEUROPE", "AZURE_CENTRALUS", "AZURE_CANADACENTRAL",
	"AZURE_UAENORTH", "AZURE_SOUTHEASTASIA", "AZURE_EASTUS", "AZURE_JAPANEAST", "AZURE_CENTRALINDIA",
}

// timeZoneOffsets are "-11" … "-1", "0", "+1" … "+12".
var timeZoneOffsets = func() []string {
	var out []string
	for i := -11; i <= 12; i++ {
		switch {
		case i < 0:
			out = append(out, fmt.Sprint(i))
		case i == 0:
			out = append(out, "0")
		default:
			out = append(out, fmt.Sprintf("+%d", i))
		}
	}
	return out
}()

var networkingMethods = []string{"Directly", "PrivateLink", "SshTunnel", "ProxyAgent"}

func (r *destinationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_destination"
}

func (r *destinationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Fivetran destination: the warehouse or lake that a group loads into. A group has at most one destination, " +
			"and the destination's `id` is the group's id. Connections should set `group_id = fivetran_destination.<name>.group_id` " +
			"so that Terraform creates them after the destination and deletes them before it. Deleting waits, up to the delete timeout, for the group's connections to go.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The destination's id, which is the id of its group.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"group_id": schema.StringAttribute{
				MarkdownDescription: "The id of the group this destination belongs to, usually `fivetran_group.<name>.id`. Changing it replaces the destination.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"service": schema.StringAttribute{
				MarkdownDescription: "The destination type, such as `snowflake`, `big_query`, `redshift`, `databricks` or `postgres_warehouse`. Changing it replaces the destination.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{serviceIDValidator{}},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Where Fivetran processes the data: a region such as `GCP_US_EAST4` (Fivetran's default), `AWS_EU_CENTRAL_1` or `AZURE_EASTUS2`; the validator lists all 34. Updated in place.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.OneOf(destinationRegions...)},
			},
			"time_zone_offset": schema.StringAttribute{
				MarkdownDescription: "The time zone of the destination's daily schedules, as an offset from UTC: `\"-11\"` … `\"0\"` … `\"+12\"` (no sign for zero, `+` for positive). Defaults to `\"0\"`. Updated in place.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("0"),
				Validators:          []validator.String{stringvalidator.OneOf(timeZoneOffsets...)},
			},
			"daylight_saving_time_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the time zone observes daylight saving time. Defaults to `false`. Updated in place.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"networking_method": schema.StringAttribute{
				MarkdownDescription: "How Fivetran reaches the destination: `Directly` (default), `PrivateLink` (with `private_link_id`), `SshTunnel` or `ProxyAgent` (with `proxy_agent_id`). Updated in place.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("Directly"),
				Validators:          []validator.String{stringvalidator.OneOf(networkingMethods...)},
			},
			"private_link_id": schema.StringAttribute{
				MarkdownDescription: "The private link to use, usually `fivetran_private_link.<name>.id`; needs `networking_method = \"PrivateLink\"`. An id that names no link fails the plan. Updated in place.",
				Optional:            true,
				Validators:          []validator.String{idValidator{what: "private link"}},
			},
			"proxy_agent_id": schema.StringAttribute{
				MarkdownDescription: "The proxy agent to use, usually `fivetran_proxy_agent.<name>.id`; needs `networking_method = \"ProxyAgent\"`. An id that names no agent fails the plan. Updated in place.",
				Optional:            true,
				Validators:          []validator.String{idValidator{what: "proxy agent"}},
			},
			"hybrid_deployment_agent_id": schema.StringAttribute{
				MarkdownDescription: "The hybrid deployment agent that processes this destination's data, usually `fivetran_hybrid_deployment_agent.<name>.id`; its connections run on it unless they name another. An id that names no agent fails the plan. Updated in place.",
				Optional:            true,
				Validators:          []validator.String{idValidator{what: "hybrid deployment agent"}},
			},
			"config": schema.DynamicAttribute{
				MarkdownDescription: "The destination's settings as an object, with the keys of its type's configuration " +
					"(for Snowflake: `host`, `port`, `database`, `auth`, `user`, `password`, `role`, …). Only the keys you write are managed; " +
					"values that Fivetran returns masked (`******`) keep the value you wrote, so pass secrets from sensitive variables. " +
					"Setting a key to `null` clears it in Fivetran; removing a key stops managing it. Values that mean the same do not diff (`5432` and `\"5432\"`, equal JSON strings). " +
					"Not checked against metadata at plan time (Fivetran offers none for destinations); Fivetran checks it on apply. Updated in place.",
				Optional:   true,
				Validators: []validator.Dynamic{objectValidator{}},
			},
			"run_setup_tests": schema.BoolAttribute{
				MarkdownDescription: "Run Fivetran's setup tests when the destination is created or its settings change. A failed test is an error. Defaults to `true`. Not stored by Fivetran: an import sets the default, and changing only this sends nothing.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"trust_certificates": schema.BoolAttribute{
				MarkdownDescription: "Trust the destination's TLS certificates during setup tests. Defaults to `false`. Not stored by Fivetran: an import sets the default, and changing only this sends nothing.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"trust_fingerprints": schema.BoolAttribute{
				MarkdownDescription: "Trust the destination's SSH fingerprints during setup tests. Defaults to `false`. Not stored by Fivetran: an import sets the default, and changing only this sends nothing.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"setup_status": schema.StringAttribute{
				MarkdownDescription: "The destination's setup state as Fivetran reports it, in lower case: `incomplete`, `connected` or `broken`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{destinationSetupStatusPlan{}},
			},
			"timeouts": timeoutsAttribute(ctx, " It is also how long the delete keeps retrying while the group still has connections; then it fails and names them."),
		},
	}
	maps.Copy(resp.Schema.Attributes, configWriteOnly.attributes("destination")) // config_wo, config_wo_version: writeonly.go
}

func (r *destinationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *destinationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{networkingValidator{}, writeOnlyValidator{pairs: []writeOnlyPair{configWriteOnly}}}
}

func (r *destinationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan destinationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, ok := planConfig(plan.Config, path.Root("config"), &resp.Diagnostics)
	secrets, ok2 := configWriteOnly.read(ctx, req.Config, &resp.Diagnostics)
	if !ok || !ok2 {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	groupID := plan.GroupID.ValueString()
	req2 := destinationCreateRequest(plan, cfg, secrets)
	d, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.Destination, error) { return r.data.client.CreateDestination(ctx, req2) },
		// The destination's id is its group's id: one GET settles it.
		func() (*fivetran.Destination, bool, error) {
			found, err := r.data.client.GetDestination(ctx, groupID)
			switch {
			case fivetran.IsNotFoundKind(err, fivetran.KindDestination):
				return nil, false, nil
			case err != nil:
				return nil, false, err
			case !strings.EqualFold(found.Service, req2.Service):
				return nil, false, fmt.Errorf("group %q has a %s destination, not %s", groupID, found.Service, req2.Service)
			}
			return found, true, nil
		})
	if err != nil {
		err = withholdSent(err, cfg, secrets)
		switch {
		case groupMissing(ctx, r.data.client, groupID, err):
			resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Unable to create destination",
				fmt.Sprintf("Group %q does not exist. Create the group first and reference it: group_id = fivetran_group.<name>.id. %s", groupID, explainError(err)))
		case fivetran.IsConflict(err):
			resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Unable to create destination",
				fmt.Sprintf("Group %q already has a destination (a group has at most one). Import it instead: terraform import <address> %s. %s", groupID, groupID, explainError(err)))
		default:
			addAPIError(&resp.Diagnostics, "create", "destination", groupID, err)
		}
		return
	}
	tflog.Debug(ctx, "Created destination", map[string]any{"destination_id": d.ID, "setup_status": d.SetupStatus})
	plan.applyComputed(d)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if failed := failedSetupTests(d.SetupTests); len(failed) > 0 {
		addSetupTestError(&resp.Diagnostics, "destination", d.ID, failed)
		r.data.explainProxyAgentTests(ctx, plan.NetworkingMethod, plan.ProxyAgentID, &resp.Diagnostics)
		r.data.explainPrivateLinkTests(ctx, plan.NetworkingMethod, plan.PrivateLinkID, &resp.Diagnostics)
		r.data.explainHybridAgentTests(ctx, plan.HybridDeploymentAgentID, &resp.Diagnostics)
	}
	addSetupTestWarnings(&resp.Diagnostics, "destination", d.ID, d.SetupTests)
}

func (r *destinationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state destinationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.readOperation(ctx, state.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	r.data.duplicates.remember("destination", state.ID.ValueString())
	importing, diags := req.Private.GetKey(ctx, importingKey)
	resp.Diagnostics.Append(diags...)
	isImport := len(importing) > 0

	var d *fivetran.Destination
	var fromList bool
	var err error
	if isImport { // the read after an import takes everything from its GET
		d, err = r.data.client.GetDestination(ctx, state.ID.ValueString())
	} else {
		// A list may confirm the prior state (bulk_reads.go); resp.State then holds it.
		d, fromList, err = r.data.readDestination(ctx, state, func(d *fivetran.Destination) bool {
			var scratch diag.Diagnostics
			m := destinationRead(ctx, state, d, false, &scratch)
			return !scratch.HasError() && sameState(ctx, &resp.State, req.State.Raw, &m)
		})
	}
	if fivetran.IsNotFoundKind(err, fivetran.KindDestination) {
		tflog.Debug(ctx, "Destination is gone from Fivetran; removing it from state", map[string]any{"destination_id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics) // the framework wants one even now (identity.go)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "destination", state.ID.ValueString(), err)
		return
	}
	if strings.EqualFold(d.SetupStatus, "connected") {
		// The setup tests passed since (run in Fivetran): nothing to re-run.
		resp.Diagnostics.Append(recordSetupTests(ctx, resp.Private, false)...)
	}
	if fromList {
		setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
		return
	}
	state = destinationRead(ctx, state, d, isImport, &resp.Diagnostics)
	if isImport {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, nil)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *destinationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state destinationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned, ok := planConfig(plan.Config, path.Root("config"), &resp.Diagnostics)
	if !ok {
		return
	}
	prior, _ := dynamicToMap(state.Config)
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	upd := destinationUpdateRequest(plan, state, planned, prior)
	if upd.Config = withWriteOnlyConfig(ctx, req, upd.Config, planned, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	failedBefore, diags := setupTestsFailed(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	runTests := updateRunsSetupTests(plan.RunSetupTests, failedBefore, destinationTestedChange(plan, state))
	var d *fivetran.Destination
	var err error
	switch {
	case reflect.ValueOf(upd).IsZero() && !runTests:
		// Only settings Fivetran does not keep changed: nothing to send.
		plan.ID, plan.SetupStatus = state.ID, state.SetupStatus
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
		if failedBefore { // run_setup_tests = false: no more re-runs
			resp.Diagnostics.Append(recordSetupTests(ctx, resp.Private, false)...)
		}
		return
	case reflect.ValueOf(upd).IsZero():
		d, err = r.data.client.TestDestination(ctx, id, optBool(plan.TrustCertificates), optBool(plan.TrustFingerprints))
	default:
		if runTests {
			upd.RunSetupTests = optBool(plan.RunSetupTests)
			upd.TrustCertificates = optBool(plan.TrustCertificates)
			upd.TrustFingerprints = optBool(plan.TrustFingerprints)
		}
		d, err = r.data.client.UpdateDestination(ctx, id, upd)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "update", "destination", id, withholdSent(err, planned, upd.Config))
		return
	}
	plan.applyComputed(d)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	failed := failedSetupTests(d.SetupTests)
	if runTests || failedBefore { // tests not run after a failure: run_setup_tests was turned off
		resp.Diagnostics.Append(recordSetupTests(ctx, resp.Private, runTests && len(failed) > 0)...)
	}
	if len(failed) > 0 {
		addUpdateSetupTestError(&resp.Diagnostics, "destination", id, failed, configWriteOnly.inUse(ctx, req.Config)...)
		r.data.explainProxyAgentTests(ctx, plan.NetworkingMethod, plan.ProxyAgentID, &resp.Diagnostics)
		r.data.explainPrivateLinkTests(ctx, plan.NetworkingMethod, plan.PrivateLinkID, &resp.Diagnostics)
		r.data.explainHybridAgentTests(ctx, plan.HybridDeploymentAgentID, &resp.Diagnostics)
	}
	addSetupTestWarnings(&resp.Diagnostics, "destination", id, d.SetupTests)
}

func (r *destinationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state destinationModel
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
	r.data.duplicates.remember("destination", id)
	conflicted := false
	var wait deleteWait
	var blockers []fivetran.Connection
	errBlocked := errors.New("blocked by connections nobody deletes")
	err := poll(ctx, every(destinationDeletePoll), func() (bool, error) {
		err := r.data.client.DeleteDestination(ctx, id)
		if err == nil || fivetran.IsNotFoundKind(err, fivetran.KindDestination) {
			return true, nil
		}
		if !fivetran.IsConflict(err) {
			return false, err
		}
		// 409: the group still has connections. Wait only while they are
		// going away; fail at once on those nobody is deleting.
		conflicted = true
		conns, lerr := r.data.client.ListGroupConnections(ctx, id, "")
		if lerr != nil {
			return false, lerr
		}
		var stuck bool
		blockers, stuck = wait.next(conns, r.data.deletions.goingAway)
		switch {
		case stuck && len(conns) == 0:
			return false, err // refused, yet no connection is listed: not a wait that can end
		case stuck:
			return false, errBlocked
		}
		tflog.Debug(ctx, "Destination still has connections that are going away; waiting",
			map[string]any{"destination_id": id, "connections": len(conns)})
		return false, nil
	})
	switch {
	case err == nil:
		return
	case errors.Is(err, errBlocked):
		resp.Diagnostics.AddError("Unable to delete destination", blockedDeleteMessage(id, blockers))
		return
	case !conflicted || ctx.Err() == nil:
		addAPIError(&resp.Diagnostics, "delete", "destination", id, err)
		return
	}
	// The delete timeout ran out while the group still had connections going
	// away (also when it ran out during a retry): list them with a short
	// fresh budget, to say which.
	lctx, lcancel := context.WithTimeout(context.WithoutCancel(ctx), deleteReportBudget)
	names := connectionNames(lctx, r.data.client, id)
	lcancel()
	resp.Diagnostics.AddError("Unable to delete destination",
		fmt.Sprintf("Destination %q cannot be deleted while its group has connections, and they were still there when the delete timeout ran out: %s. "+
			"Declare those connections with group_id = fivetran_destination.<name>.group_id so that Terraform deletes them first, "+
			"or delete them in Fivetran (Fivetran may create some, such as fivetran_log, by itself). The destination still exists.", id, names))
}

// deleteWait decides, after each 409 of a destination delete, whether the
// connections left in the group are going away. A connection is going away
// when this provider process is deleting it or has deleted it (deletions).
// The others block the delete; the wait goes on while every connection
// listed is going away, or while the number of blockers shrinks, and gives
// up once destinationDeleteStall polls in a row brought no progress. A 409
// with no connection listed at all counts as no progress too (a listing that
// lags the delete settles within the stall window; anything else will not).
type deleteWait struct {
	last    int // blockers at the previous poll
	stalled int
	started bool
}

// next returns the connections that block the delete and whether to give up.
func (w *deleteWait) next(conns []fivetran.Connection, goingAway func(id string) bool) (blockers []fivetran.Connection, stuck bool) {
	for _, c := range conns {
		if !goingAway(c.ID) {
			blockers = append(blockers, c)
		}
	}
	switch {
	case len(conns) > 0 && len(blockers) == 0:
		w.stalled = 0 // all going away: wait for them
	case w.started && len(blockers) < w.last:
		w.stalled = 0 // progress
	default:
		w.stalled++
	}
	w.started, w.last = true, len(blockers)
	return blockers, w.stalled > destinationDeleteStall
}

// blockedDeleteMessage names the connections that keep a destination's
// group busy and says what to do about them.
func blockedDeleteMessage(id string, blockers []fivetran.Connection) string {
	parts := make([]string, 0, len(blockers))
	for _, c := range blockers {
		parts = append(parts, fmt.Sprintf("%s %q (id %s)", c.Service, c.Schema, c.ID))
	}
	return fmt.Sprintf("Destination %q cannot be deleted while its group has connections, and these are not being deleted by this run: %s. "+
		"Terraform does not manage them here: Fivetran creates some by itself (such as fivetran_log), others come from the UI or another configuration. "+
		"Either bring them under this configuration (terraform import fivetran_connection.<name> <id>) so that Terraform deletes them first, "+
		"delete them in Fivetran, or keep them and stop managing the destination (terraform state rm <address of the destination>). "+
		"The destination still exists.", id, strings.Join(parts, ", "))
}

// ModifyPlan refuses a create for a group that has a destination already
// (duplicates.go), and a proxy_agent_id that names no agent.
func (r *destinationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return // not configured yet
	}
	if groupID, ok := r.data.duplicates.plannedCreate(ctx, "destination", path.Root("group_id"), req, &resp.Diagnostics); ok {
		r.data.duplicates.checkDestination(r.data.logContext(ctx), r.data.client, groupID, &resp.Diagnostics)
	}
	r.data.checkNetworkRefs(r.data.logContext(ctx), req, &resp.Diagnostics)
}

func (r *destinationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if id, ok := importedByIdentity(ctx, req, "destination", &resp.Diagnostics); ok {
		if id != "" {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, []byte(`true`))...)
		}
		return
	}
	id := strings.TrimSpace(req.ID)
	if name, ok := strings.CutPrefix(id, "name:"); ok && name != "" && r.data != nil {
		if id = groupIDByName(r.data.logContext(ctx), r.data.client, name, "destination", &resp.Diagnostics); id == "" {
			return
		}
	}
	if id == "" || !idPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import a destination by its id, which is its group's id, or by its group's unique name, for example: "+
				"terraform import fivetran_destination.main decent_dropsy, or terraform import fivetran_destination.main name:analytics (got %q).", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, []byte(`true`))...)
}

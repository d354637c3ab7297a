package provider

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                     = (*externalLoggingResource)(nil)
	_ resource.ResourceWithConfigure        = (*externalLoggingResource)(nil)
	_ resource.ResourceWithImportState      = (*externalLoggingResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*externalLoggingResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*externalLoggingResource)(nil)
	_ resource.ResourceWithUpgradeState     = (*externalLoggingResource)(nil)
	_ resource.ResourceWithConfigValidators = (*externalLoggingResource)(nil)
)

// NewExternalLoggingResource is the fivetran_external_logging resource: a
// group's log service.
func NewExternalLoggingResource() resource.Resource { return &externalLoggingResource{} }

type externalLoggingResource struct {
	data *providerData
}

func (r *externalLoggingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_external_logging"
}

func (r *externalLoggingResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The log service's id: its group's id.",
			Computed:            true,
			PlanModifiers:       keep,
		},
		"group_id": schema.StringAttribute{
			MarkdownDescription: "The group whose connections' logs are sent, usually `fivetran_group.<name>.id`. A group has at most one " +
				"log service. A change replaces it.",
			Required:      true,
			Validators:    []validator.String{idValidator{what: "group"}},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"service": schema.StringAttribute{
			MarkdownDescription: "The logging tool: " + quotedMarkdown(externalLoggingServiceNames()) + ". A change replaces the log service.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf(externalLoggingServiceNames()...)},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"enabled": schema.BoolAttribute{
			MarkdownDescription: "Whether Fivetran sends the logs. Not set: as Fivetran has it (a new log service as Fivetran makes it). Updated in place.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		"config": schema.DynamicAttribute{
			MarkdownDescription: "The service's settings as an object, such as `{ workspace_id = \"…\", primary_key = var.key }` for " +
				"`azure_monitor_log` or `{ api_key = var.key, region = \"US1\" }` for `datadog_log`. A key the service is not known to take " +
				"is a warning at plan. Only the keys you write are managed; values Fivetran returns masked (`******`) keep the value you wrote, so pass " +
				"secrets from sensitive variables (or `config_wo`). Updated in place.",
			Optional:   true,
			Validators: []validator.Dynamic{objectValidator{}},
		},
		"run_setup_tests": schema.BoolAttribute{
			MarkdownDescription: "Have Fivetran test the log service after a create or a change of `config`, `config_wo_version` or `enabled`, " +
				"and fail the apply, naming each failed test, when one fails. Defaults to `false`. Not stored by Fivetran: changing only this " +
				"sends nothing.",
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
		},
		"timeouts": timeoutsAttribute(ctx, ""),
	}
	for k, v := range configWriteOnly.attributes("log service") {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		Version: externalLoggingSchemaVersion,
		MarkdownDescription: "A group's log service: Fivetran sends the logs of the group's connections to Azure Monitor, CloudWatch, " +
			"Datadog, Grafana Loki, New Relic, Splunk or Google Cloud Logging.",
		Attributes: attrs,
	}
}

// quotedMarkdown is names as inline code, comma-separated.
func quotedMarkdown(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += "`" + n + "`"
	}
	return out
}

func (r *externalLoggingResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ConfigValidators refuses a key set in both config and config_wo, as a
// destination's do.
func (r *externalLoggingResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{writeOnlyValidator{pairs: []writeOnlyPair{configWriteOnly}}}
}

// ValidateConfig warns of config keys the service is not known to take, in
// config and in config_wo: the API takes any key (a misspelt one is kept and
// does nothing), and Fivetran may add keys this provider does not know yet,
// so it is a warning, before any request.
func (r *externalLoggingResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m externalLoggingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Service.IsUnknown() || m.Service.IsNull() {
		return
	}
	service := m.Service.ValueString()
	if _, ok := externalLoggingServices[service]; !ok {
		return // the attribute's validator says so
	}
	for _, attr := range []struct {
		name string
		v    types.Dynamic
	}{{"config", m.Config}, {"config_wo", m.ConfigWO}} {
		if attr.v.IsUnknown() || attr.v.IsNull() || attr.v.IsUnderlyingValueUnknown() {
			continue
		}
		cfg, err := dynamicToMap(attr.v)
		if err != nil {
			continue // objectValidator says so
		}
		if unknown := externalLoggingUnknownKeys(service, cfg); len(unknown) > 0 {
			resp.Diagnostics.AddAttributeWarning(path.Root(attr.name), "Unknown log service settings",
				fmt.Sprintf("A %s log service is not known to take %s: Fivetran keeps a setting it does not use, so a misspelt one does "+
					"nothing. Its settings are: %s.", service, quotedList(unknown), quotedList(externalLoggingServices[service])))
		}
	}
}

// ModifyPlan warns at the create of a log service for a group that has one
// already: Fivetran refuses a second.
func (r *externalLoggingResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	groupID, ok := r.data.duplicates.plannedCreate(ctx, "external_logging", path.Root("group_id"), req, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = r.data.logContext(ctx)
	existing, err := lookupOnce(&r.data.duplicates, "external_logging/"+groupID, func() (*fivetran.ExternalLogging, error) {
		l, err := r.data.client.GetExternalLogging(ctx, groupID)
		if err != nil && r.data.externalLoggingGone(ctx, err) {
			return nil, nil
		}
		return l, err
	})
	switch {
	case err != nil:
		lookupFailed(&resp.Diagnostics, path.Root("group_id"), "log service", "the group's log service", err)
	case existing != nil && !r.data.duplicates.managed("external_logging", existing.ID):
		resp.Diagnostics.AddAttributeWarning(path.Root("group_id"), "Group has a log service",
			fmt.Sprintf("Group %q already has a %s log service, and a group has at most one, so Fivetran will refuse this create.\n\n",
				groupID, existing.Service)+fmt.Sprintf(adoptAdvice, "log service", existing.ID))
	}
}

func (r *externalLoggingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan externalLoggingModel
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
	in := externalLoggingCreate(plan, cfg, secrets)
	l, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.ExternalLogging, error) { return r.data.client.CreateExternalLogging(ctx, in) },
		// The log service's id is its group's: one GET settles it.
		func() (*fivetran.ExternalLogging, bool, error) {
			found, err := r.data.client.GetExternalLogging(ctx, groupID)
			switch {
			case err != nil && r.data.externalLoggingGone(ctx, err):
				return nil, false, nil
			case err != nil:
				return nil, false, err
			case found.Service != in.Service:
				return nil, false, fmt.Errorf("group %q has a %s log service, not %s", groupID, found.Service, in.Service)
			}
			return found, true, nil
		})
	if err != nil {
		err = withholdSent(err, cfg, secrets)
		switch {
		case groupMissing(ctx, r.data.client, groupID, err):
			resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Unable to create log service",
				fmt.Sprintf("Group %q does not exist. Create the group first and reference it: group_id = fivetran_group.<name>.id. %s", groupID, explainError(err)))
		case fivetran.IsConflict(err):
			resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Unable to create log service",
				fmt.Sprintf("Group %q already has a log service (a group has at most one). ", groupID)+
					fmt.Sprintf(adoptAdvice, "log service", groupID)+" "+explainError(err))
		default:
			addAPIError(&resp.Diagnostics, "create", "log service", groupID, err)
		}
		return
	}
	tflog.Debug(ctx, "Created log service", map[string]any{"external_logging_id": l.ID})
	plan.ID = types.StringValue(l.ID)
	if plan.Enabled.IsUnknown() {
		plan.Enabled = types.BoolValue(l.Enabled)
	}
	r.data.duplicates.remember("external_logging", l.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if plan.RunSetupTests.ValueBool() {
		r.runTests(ctx, l.ID, true, &resp.Diagnostics)
	}
}

// runTests runs the log service's setup tests and fails, naming each failed
// test; the log service is in the state all the same (after a create,
// tainted: the next apply makes it again; after a change, with the change).
func (r *externalLoggingResource) runTests(ctx context.Context, id string, created bool, diags *diag.Diagnostics) {
	res, err := r.data.client.TestExternalLogging(ctx, id)
	if err != nil {
		addAPIError(diags, "test", "log service", id, err)
		return
	}
	switch failed := failedSetupTests(res.SetupTests); {
	case len(failed) > 0 && created:
		addSetupTestError(diags, "log service", id, failed)
	case len(failed) > 0:
		diags.AddError("Log service setup tests failed",
			fmt.Sprintf("Fivetran applied the change to log service %q, but its setup tests failed:\n  - %s\n\nThe log service keeps "+
				"the change, in Fivetran and in the Terraform state. Correct config (or the logging tool's side) and apply again; "+
				"run_setup_tests = false skips the tests.", id, strings.Join(failed, "\n  - ")))
	}
	addSetupTestWarnings(diags, "log service", id, res.SetupTests)
}

func (r *externalLoggingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state externalLoggingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.readOperation(ctx, state.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	id := state.ID.ValueString()
	r.data.duplicates.remember("external_logging", id)
	l, err := r.data.client.GetExternalLogging(ctx, id)
	if err != nil {
		if r.data.externalLoggingGone(ctx, err) {
			tflog.Debug(ctx, "Log service is gone from Fivetran; removing it from state", map[string]any{"external_logging_id": id})
			resp.State.RemoveResource(ctx)
			setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read", "log service", id, err)
		return
	}
	if state.Service.IsNull() { // the Read that follows an import
		state = externalLoggingImported(ctx, l, state.Timeouts, &resp.Diagnostics)
	} else {
		state.fromAPI(l)
		state.Config = readConfig(ctx, state.Config, l.Config, false, nil, configproj.Options{}, fmt.Sprintf("log service %q", id), &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

// externalLoggingGone reports whether err proves the log service gone. No
// recorded answer shows a code of its own, so a NotFound counts only once
// the list of log services, on the same base URL, is answered.
func (d *providerData) externalLoggingGone(ctx context.Context, err error) bool {
	return goneConfirmed(ctx, err, fivetran.KindExternalLogging, func(ctx context.Context) error {
		_, err := d.client.ListExternalLogging(ctx)
		return err
	})
}

func (r *externalLoggingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state externalLoggingModel
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

	id := state.ID.ValueString()
	plan.ID = state.ID
	u := externalLoggingUpdate(plan, state, planned, prior)
	if u.Config = withWriteOnlyConfig(ctx, req, u.Config, planned, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	changed := !reflect.ValueOf(u).IsZero()
	if changed {
		l, err := r.data.client.UpdateExternalLogging(ctx, id, u)
		if err != nil {
			addAPIError(&resp.Diagnostics, "update", "log service", id, withholdSent(err, planned, u.Config))
			return
		}
		if plan.Enabled.IsUnknown() {
			plan.Enabled = types.BoolValue(l.Enabled)
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if changed && plan.RunSetupTests.ValueBool() {
		r.runTests(ctx, id, false, &resp.Diagnostics)
	}
}

func (r *externalLoggingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state externalLoggingModel
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
	if err := r.data.client.DeleteExternalLogging(ctx, id); err != nil && !r.data.externalLoggingGone(ctx, err) {
		addAPIError(&resp.Diagnostics, "delete", "log service", id, err)
	}
}

func (r *externalLoggingResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp, "log service", "terraform import fivetran_external_logging.logs group_id", "fivetran_external_logs")
}

// externalLoggingSchemaVersion starts at 1 because 0 is the official
// provider's resource of the same type name (see proxyAgentSchemaVersion).
const externalLoggingSchemaVersion = 1

// UpgradeState takes version 0, the official provider's state, as a move
// from it does (move_state.go).
func (r *externalLoggingResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran_external_logging", officialExternalLogging, "")
}

package provider

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The destination's mapping (see group_mapping.go for the parts every
// object's mapping has): how a Fivetran destination becomes Terraform values
// and a plan becomes a request. The resource (resource_destination.go), the
// data source (data_source_destination.go) and the list resource
// (list_destination.go) call it and convert nothing themselves.

type destinationModel struct {
	ID                        types.String   `tfsdk:"id"`
	GroupID                   types.String   `tfsdk:"group_id"`
	Service                   types.String   `tfsdk:"service"`
	Region                    types.String   `tfsdk:"region"`
	TimeZoneOffset            types.String   `tfsdk:"time_zone_offset"`
	DaylightSavingTimeEnabled types.Bool     `tfsdk:"daylight_saving_time_enabled"`
	NetworkingMethod          types.String   `tfsdk:"networking_method"`
	PrivateLinkID             types.String   `tfsdk:"private_link_id"`
	ProxyAgentID              types.String   `tfsdk:"proxy_agent_id"`
	HybridDeploymentAgentID   types.String   `tfsdk:"hybrid_deployment_agent_id"`
	Config                    types.Dynamic  `tfsdk:"config"`
	ConfigWO                  types.Dynamic  `tfsdk:"config_wo"`
	ConfigWOVersion           types.Int64    `tfsdk:"config_wo_version"`
	RunSetupTests             types.Bool     `tfsdk:"run_setup_tests"`
	TrustCertificates         types.Bool     `tfsdk:"trust_certificates"`
	TrustFingerprints         types.Bool     `tfsdk:"trust_fingerprints"`
	SetupStatus               types.String   `tfsdk:"setup_status"`
	Timeouts                  timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what Fivetran returns into the model (a read). config, the
// write-only settings and timeouts are left to the caller: a refresh
// projects config onto the configured keys (readConfig), an import takes
// every non-secret key (destinationImported).
func (m *destinationModel) fromAPI(d *fivetran.Destination) {
	m.ID = types.StringValue(d.ID)
	m.GroupID = types.StringValue(cmp.Or(d.GroupID, d.ID))
	m.Service = types.StringValue(d.Service)
	m.Region = types.StringValue(d.Region)
	m.TimeZoneOffset = types.StringValue(d.TimeZoneOffset)
	m.DaylightSavingTimeEnabled = types.BoolValue(d.DaylightSavingTimeEnabled)
	m.NetworkingMethod = types.StringValue(cmp.Or(d.NetworkingMethod, "Directly"))
	m.PrivateLinkID = stringOrNull(d.PrivateLinkID)
	m.ProxyAgentID = stringOrNull(d.ProxyAgentID)
	m.HybridDeploymentAgentID = stringOrNull(d.HybridDeploymentAgentID)
	m.SetupStatus = types.StringValue(strings.ToLower(d.SetupStatus))
}

// applyComputed sets what only Fivetran decides (Create, Update); what the
// user wrote stays exactly as planned, so apply never contradicts the plan.
func (m *destinationModel) applyComputed(d *fivetran.Destination) {
	m.ID = types.StringValue(d.ID)
	m.SetupStatus = types.StringValue(strings.ToLower(d.SetupStatus))
	if m.Region.IsUnknown() {
		m.Region = types.StringValue(d.Region)
	}
}

// destinationImported is what an import by id reads, and so exactly what a
// list result holds: everything Fivetran returns, config with every
// non-secret key (a warning in diags names the secret keys left out), and
// the defaults of the settings Fivetran does not store.
func destinationImported(ctx context.Context, d *fivetran.Destination, t timeouts.Value, diags *diag.Diagnostics) destinationModel {
	m := destinationModel{Timeouts: t}
	m.fromAPI(d)
	m.Config = readConfig(ctx, types.DynamicNull(), d.Config, true, nil, configproj.Options{}, fmt.Sprintf("destination %q", d.ID), diags)
	m.RunSetupTests, m.TrustCertificates, m.TrustFingerprints = types.BoolValue(true), types.BoolValue(false), types.BoolValue(false)
	return m
}

// destinationRead is what a refresh stores: what Fivetran returns, with
// config projected onto the keys the prior state manages, or, on the Read
// that follows an import, what the import reads.
func destinationRead(ctx context.Context, prior destinationModel, d *fivetran.Destination, importing bool, diags *diag.Diagnostics) destinationModel {
	if importing {
		return destinationImported(ctx, d, prior.Timeouts, diags)
	}
	m := prior
	m.fromAPI(d)
	m.Config = readConfig(ctx, prior.Config, d.Config, false, nil, configproj.Options{}, fmt.Sprintf("destination %q", d.ID), diags)
	return m
}

// destinationDataOf is the destination as the fivetran_destination data
// source shows it: the resource's attributes, with config as Fivetran
// returns it (masked secrets included).
func destinationDataOf(ctx context.Context, d *fivetran.Destination) (destinationDataModel, error) {
	cfg, err := mapToDynamic(ctx, d.Config, types.DynamicNull())
	if err != nil {
		return destinationDataModel{}, err
	}
	var m destinationModel
	m.fromAPI(d)
	return destinationDataModel{
		ID: m.ID, GroupID: m.GroupID, Service: m.Service, Region: m.Region,
		TimeZoneOffset: m.TimeZoneOffset, DaylightSavingTimeEnabled: m.DaylightSavingTimeEnabled,
		NetworkingMethod: m.NetworkingMethod, PrivateLinkID: m.PrivateLinkID, ProxyAgentID: m.ProxyAgentID,
		HybridDeploymentAgentID: m.HybridDeploymentAgentID, Config: cfg, SetupStatus: m.SetupStatus,
	}, nil
}

// destinationGroupID is the group a destination belongs to: its group_id,
// or its id (the same) when an answer leaves group_id out. Every rule that
// goes by a destination's group (the list's filter, name and order) uses it.
func destinationGroupID(d *fivetran.Destination) string { return cmp.Or(d.GroupID, d.ID) }

// destinationCreateRequest is the create request of a plan: cfg is the
// planned config, secrets the config_wo object (merged over it).
func destinationCreateRequest(plan destinationModel, cfg, secrets map[string]any) fivetran.DestinationCreate {
	return fivetran.DestinationCreate{
		GroupID:                   plan.GroupID.ValueString(),
		Service:                   plan.Service.ValueString(),
		Region:                    optString(plan.Region),
		TimeZoneOffset:            optString(plan.TimeZoneOffset),
		DaylightSavingTimeEnabled: optBool(plan.DaylightSavingTimeEnabled),
		NetworkingMethod:          optString(plan.NetworkingMethod),
		PrivateLinkID:             optString(plan.PrivateLinkID),
		ProxyAgentID:              optString(plan.ProxyAgentID),
		HybridDeploymentAgentID:   optString(plan.HybridDeploymentAgentID),
		Config:                    overlayWriteOnly(configproj.ForCreate(cfg), secrets),
		RunSetupTests:             optBool(plan.RunSetupTests),
		TrustCertificates:         optBool(plan.TrustCertificates),
		TrustFingerprints:         optBool(plan.TrustFingerprints),
	}
}

// destinationUpdateRequest is the PATCH of an update: only what changed
// between prior and plan (planned and priorCfg are their config objects;
// config_wo is added by the caller, which holds the request's config).
// Update adds the setup-test flags when updateRunsSetupTests says so.
func destinationUpdateRequest(plan, prior destinationModel, planned, priorCfg map[string]any) fivetran.DestinationUpdate {
	upd := fivetran.DestinationUpdate{
		Region:                    changedString(plan.Region, prior.Region),
		TimeZoneOffset:            changedString(plan.TimeZoneOffset, prior.TimeZoneOffset),
		DaylightSavingTimeEnabled: changedBool(plan.DaylightSavingTimeEnabled, prior.DaylightSavingTimeEnabled),
		NetworkingMethod:          changedString(plan.NetworkingMethod, prior.NetworkingMethod),
		PrivateLinkID:             changedNullable(plan.PrivateLinkID, prior.PrivateLinkID),
		ProxyAgentID:              changedNullable(plan.ProxyAgentID, prior.ProxyAgentID),
		HybridDeploymentAgentID:   changedNullable(plan.HybridDeploymentAgentID, prior.HybridDeploymentAgentID),
	}
	if changes := configproj.Changes(priorCfg, planned, configproj.Options{}); len(changes) > 0 {
		upd.Config = changes
	}
	return upd
}

// destinationTestedChange is the destination's half of updateRunsSetupTests:
// the setup tests check every setting Fivetran stores, so any change an
// update sends counts (config_wo_version too: it sends config_wo), and only
// changes of the settings Fivetran does not keep (run_setup_tests, trust_*,
// timeouts) do not. A value the plan does not know yet counts as a change.
func destinationTestedChange(plan, prior destinationModel) bool {
	return !plan.Region.IsUnknown() && !plan.Region.Equal(prior.Region) ||
		!plan.TimeZoneOffset.Equal(prior.TimeZoneOffset) ||
		!plan.DaylightSavingTimeEnabled.Equal(prior.DaylightSavingTimeEnabled) ||
		!plan.NetworkingMethod.Equal(prior.NetworkingMethod) ||
		!plan.PrivateLinkID.Equal(prior.PrivateLinkID) ||
		!plan.ProxyAgentID.Equal(prior.ProxyAgentID) ||
		!plan.HybridDeploymentAgentID.Equal(prior.HybridDeploymentAgentID) ||
		!plan.Config.Equal(prior.Config) ||
		!plan.ConfigWOVersion.Equal(prior.ConfigWOVersion)
}

// destinationSetupStatusPlan plans setup_status unknown when the update
// runs the setup tests (updateRunsSetupTests); on other updates the
// framework's plan stands (unknown whenever anything changes, since Update
// stores the status Fivetran answers).
type destinationSetupStatusPlan struct{}

func (destinationSetupStatusPlan) Description(context.Context) string {
	return "Unknown when the update runs the setup tests."
}
func (m destinationSetupStatusPlan) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}
func (destinationSetupStatusPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior destinationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if planSetupTests(ctx, req, "destination", destinationTestedChange(plan, prior), &resp.Diagnostics) {
		resp.PlanValue = types.StringUnknown()
	}
}

package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Moving state from the official provider's resource types (Terraform 1.8 or
// later, `moved` blocks whose `from` is another provider's type). The moved
// state holds what our model manages and what the old state recorded of it;
// everything Fivetran decides is left null, and the Read Terraform runs right
// after the move fills it with one GET (no write). move_official.go reads the
// old states; DESIGN.md, "Moving state from the official provider", has the
// rules.

var (
	_ resource.ResourceWithMoveState = (*connectionResource)(nil)
	_ resource.ResourceWithMoveState = (*connectionSchemaResource)(nil)
	_ resource.ResourceWithMoveState = (*groupResource)(nil)
	_ resource.ResourceWithMoveState = (*destinationResource)(nil)
	_ resource.ResourceWithMoveState = (*proxyAgentResource)(nil)
	_ resource.ResourceWithMoveState = (*privateLinkResource)(nil)
	_ resource.ResourceWithMoveState = (*hybridAgentResource)(nil)
	_ resource.ResourceWithMoveState = (*webhookResource)(nil)
	_ resource.ResourceWithMoveState = (*userResource)(nil)
	_ resource.ResourceWithMoveState = (*teamResource)(nil)
	_ resource.ResourceWithMoveState = (*externalLoggingResource)(nil)
)

func (r *groupResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveGroupState}}
}

func (r *proxyAgentResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveProxyAgentState}}
}

func (r *privateLinkResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: movePrivateLinkState}}
}

func (r *hybridAgentResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveHybridAgentState}}
}

func (r *webhookResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveWebhookState}}
}

// A user, a team and a log service have the same type name in both
// providers; their state moves as parsed (officialUser, officialTeam,
// officialExternalLogging), and the Read that follows fills what Fivetran
// decides.
func (r *userResource) MoveState(context.Context) []resource.StateMover {
	return moveFromOfficial("fivetran_user", officialUser)
}

func (r *teamResource) MoveState(context.Context) []resource.StateMover {
	return moveFromOfficial("fivetran_team", officialTeam)
}

func (r *destinationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveDestinationState}}
}

func (r *connectionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveConnectionState}}
}

func (r *connectionSchemaResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveConnectionSchemaState}}
}

// checkMoveSource reports, as an error diagnostic, a source that target does
// not accept: another provider's type, a type with no counterpart here, or a
// schema version the official provider has not shipped.
func checkMoveSource(req resource.MoveStateRequest, target string, diags *diag.Diagnostics) bool {
	versions, known := officialSources[target][req.SourceTypeName]
	var why string
	switch {
	case !isOfficialProvider(req.SourceProviderAddress):
		why = fmt.Sprintf("%s takes state only from the official Fivetran provider (registry.terraform.io/fivetran/fivetran), not from %s.",
			target, req.SourceProviderAddress)
	case !known:
		why = fmt.Sprintf("%s cannot take the state of the official provider's %s: it is not the same kind of object (%s takes %s).",
			target, req.SourceTypeName, target, strings.Join(slices.Sorted(maps.Keys(officialSources[target])), ", "))
	case !slices.Contains(versions, req.SourceSchemaVersion):
		why = fmt.Sprintf("The state of %s has schema version %d; the official provider has shipped versions %s of it, and only those can be moved.",
			req.SourceTypeName, req.SourceSchemaVersion, versionList(versions))
	default:
		return true
	}
	diags.AddError("Cannot move this state into "+target, why+"\n\n"+importInstead(req.SourceTypeName, target))
	return false
}

// importInstead is what to do when a state cannot be moved: the object is
// adopted by import instead, and the old resource leaves state without being
// destroyed. Nothing in Fivetran changes either way.
func importInstead(source, target string) string {
	return fmt.Sprintf("Remove the moved block and adopt the object by import instead: a `removed` block for the %s "+
		"with `lifecycle { destroy = false }` (so it leaves the state without being destroyed in Fivetran) and an `import` "+
		"block for the %s with the object's id (`terraform query` lists them, Terraform 1.14 or later). The state is unchanged.",
		source, target)
}

// moveDetail is what a failed read of an official state says: the
// moveError's own message (which names attributes, never values), or that
// it could not be read.
func moveDetail(err error) string {
	var me *moveError
	if errors.As(err, &me) {
		return me.msg
	}
	return "it could not be read"
}

func addMoveError(diags *diag.Diagnostics, req resource.MoveStateRequest, target string, err error) {
	detail := moveDetail(err)
	diags.AddError("Cannot move this state into "+target,
		fmt.Sprintf("The state of the official provider's %s (schema version %d) cannot be moved: %s.\n\n%s",
			req.SourceTypeName, req.SourceSchemaVersion, detail, importInstead(req.SourceTypeName, target)))
}

func moveConnectionState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_connection"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	mc, err := officialConnection(req.SourceTypeName, req.SourceSchemaVersion, req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving connection state from the official provider", map[string]any{
		"source_type": req.SourceTypeName, "source_schema_version": req.SourceSchemaVersion, "connection_id": mc.ID,
		"config_keys": len(mc.Config), "auth_keys": len(mc.Auth), "masked_keys": len(mc.MaskedKeys),
	})
	resp.Diagnostics.Append(mc.setState(ctx, &resp.TargetState)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.TargetIdentity, types.StringValue(mc.ID), &resp.Diagnostics)
	if len(mc.MaskedKeys) > 0 {
		resp.Diagnostics.AddWarning("Secret values are not moved",
			fmt.Sprintf("The state of connection %q holds these values masked, as Fivetran returns them, so they were not moved: %s. "+
				"Until you add them to config or auth (from a sensitive variable) they are not managed; once added, the next apply sends them.",
				mc.ID, strings.Join(mc.MaskedKeys, ", ")))
	}
}

// setState writes the moved connection into state: what the old state had
// of what we manage, the defaults of the settings Fivetran does not store
// (setup tests, trust) where the old state left them unset, and null for the
// rest, which the Read after the move fills from Fivetran.
func (mc movedConnection) setState(ctx context.Context, st *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	set := func(name string, v attr.Value) { diags.Append(st.SetAttribute(ctx, path.Root(name), v)...) }
	str := func(name string, v *string) {
		if v != nil {
			set(name, types.StringValue(*v))
		}
	}
	strIf := func(name, v string) {
		if v != "" {
			set(name, types.StringValue(v))
		}
	}
	boolOr := func(name string, v *bool, def bool) {
		set(name, types.BoolValue(cmpOrBool(v, def)))
	}
	strIf("id", mc.ID)
	strIf("group_id", mc.GroupID)
	strIf("service", mc.Service)
	strIf("name", mc.Name)
	if len(mc.DestinationSchema) > 0 {
		elems := map[string]attr.Value{}
		for _, k := range destinationSchemaKeys {
			if v, ok := mc.DestinationSchema[k.attr]; ok && v != "" {
				elems[k.attr] = types.StringValue(v)
			}
		}
		set("destination_schema", types.MapValueMust(types.StringType, elems))
	}
	for _, d := range []struct {
		name string
		m    map[string]any
	}{{"config", mc.Config}, {"auth", mc.Auth}} {
		if d.m == nil {
			continue
		}
		v, err := mapToDynamic(ctx, d.m, types.DynamicNull())
		if err != nil {
			diags.AddAttributeError(path.Root(d.name), "Cannot move this state into fivetran_connection",
				fmt.Sprintf("The %s of connection %q in the old state could not be converted: %s.", d.name, mc.ID, err))
			continue
		}
		set(d.name, v)
	}
	// Not stored by Fivetran: the old value, or the default our schema plans.
	boolOr("run_setup_tests", mc.RunSetupTests, true)
	boolOr("trust_certificates", mc.TrustCertificates, false)
	boolOr("trust_fingerprints", mc.TrustFingerprints, false)
	if mc.Paused != nil {
		set("paused", types.BoolValue(*mc.Paused))
	}
	if mc.PauseAfterTrial != nil {
		set("pause_after_trial", types.BoolValue(*mc.PauseAfterTrial))
	}
	if mc.SyncFrequency != nil {
		set("sync_frequency", types.Int64Value(*mc.SyncFrequency))
	}
	if mc.DataDelayThreshold != nil {
		set("data_delay_threshold", types.Int64Value(*mc.DataDelayThreshold))
	}
	str("schedule_type", mc.ScheduleType)
	str("daily_sync_time", mc.DailySyncTime)
	str("data_delay_sensitivity", mc.DataDelaySensitivity)
	str("networking_method", mc.NetworkingMethod)
	str("private_link_id", mc.PrivateLinkID)
	str("proxy_agent_id", mc.ProxyAgentID)
	str("hybrid_deployment_agent_id", mc.HybridDeploymentAgentID)
	return diags
}

func cmpOrBool(v *bool, def bool) bool {
	if v == nil {
		return def
	}
	return *v
}

func moveConnectionSchemaState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_connection_schema"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	ms, err := officialSchemaConfig(req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving schema config state from the official provider", map[string]any{
		"source_type": req.SourceTypeName, "source_schema_version": req.SourceSchemaVersion, "connection_id": ms.ConnectionID,
		"schemas": len(ms.Flat.Schemas), "tables": len(ms.Flat.Tables), "columns": len(ms.Flat.Columns),
	})
	resp.Diagnostics.Append(ms.setState(ctx, &resp.TargetState)...)
}

// setState writes the moved schema config: the connection, the policy and
// the four maps (null when the old state records no such choice, as a
// configuration that does not write them plans).
func (ms movedSchemaConfig) setState(ctx context.Context, st *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(st.SetAttribute(ctx, path.Root("connection_id"), types.StringValue(ms.ConnectionID))...)
	diags.Append(st.SetAttribute(ctx, path.Root("schema_change_handling"), stringValuePtr(ms.Policy))...)
	for _, m := range []struct {
		name string
		m    map[string]string
	}{{"schemas", ms.Flat.Schemas}, {"tables", ms.Flat.Tables}, {"sync_modes", ms.Flat.SyncModes}, {"columns", ms.Flat.Columns}} {
		v := types.MapNull(types.StringType)
		if len(m.m) > 0 {
			elems := make(map[string]attr.Value, len(m.m))
			for k, w := range m.m {
				elems[k] = types.StringValue(w)
			}
			v = types.MapValueMust(types.StringType, elems)
		}
		diags.Append(st.SetAttribute(ctx, path.Root(m.name), v)...)
	}
	return diags
}

func versionList(vs []int64) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, ", ")
}

// A group or destination has the same type name in both providers, so it
// moves to a new address; Terraform hands this provider the old state.

func moveGroupState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_group"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	g, err := officialGroup(req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving group state from the official provider", map[string]any{"group_id": g.ID})
	resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, path.Root("id"), types.StringValue(g.ID))...)
	if g.Name != "" {
		resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, path.Root("name"), types.StringValue(g.Name))...)
	}
	setIdentity(ctx, resp.TargetIdentity, types.StringValue(g.ID), &resp.Diagnostics)
}

func moveDestinationState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_destination"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	md, err := officialDestination(req.SourceSchemaVersion, req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving destination state from the official provider", map[string]any{
		"source_schema_version": req.SourceSchemaVersion, "destination_id": md.ID,
		"config_keys": len(md.Config), "masked_keys": len(md.MaskedKeys),
	})
	st := &resp.TargetState
	var diags diag.Diagnostics
	set := func(name string, v attr.Value) { diags.Append(st.SetAttribute(ctx, path.Root(name), v)...) }
	for name, v := range map[string]string{"id": md.ID, "group_id": md.GroupID, "service": md.Service, "region": md.Region,
		"time_zone_offset": md.TimeZoneOffset} {
		if v != "" {
			set(name, types.StringValue(v))
		}
	}
	for name, v := range map[string]*string{"networking_method": md.NetworkingMethod, "private_link_id": md.PrivateLinkID,
		"proxy_agent_id": md.ProxyAgentID, "hybrid_deployment_agent_id": md.HybridDeploymentAgentID} {
		if v != nil {
			set(name, types.StringValue(*v))
		}
	}
	if md.DaylightSavingTimeEnabled != nil {
		set("daylight_saving_time_enabled", types.BoolValue(*md.DaylightSavingTimeEnabled))
	}
	set("run_setup_tests", types.BoolValue(cmpOrBool(md.RunSetupTests, true)))
	set("trust_certificates", types.BoolValue(cmpOrBool(md.TrustCertificates, false)))
	set("trust_fingerprints", types.BoolValue(cmpOrBool(md.TrustFingerprints, false)))
	if md.Config != nil {
		v, err := mapToDynamic(ctx, md.Config, types.DynamicNull())
		if err != nil {
			diags.AddAttributeError(path.Root("config"), "Cannot move this state into "+target,
				fmt.Sprintf("The config of destination %q in the old state could not be converted: %s.", md.ID, err))
		} else {
			set("config", v)
		}
	}
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	setIdentity(ctx, resp.TargetIdentity, types.StringValue(md.ID), &resp.Diagnostics)
	if len(md.MaskedKeys) > 0 {
		resp.Diagnostics.AddWarning("Secret values are not moved",
			fmt.Sprintf("The state of destination %q holds these values masked, as Fivetran returns them, so they were not moved: %s. "+
				"Until you add them to config (from a sensitive variable) they are not managed; once added, the next apply sends them.",
				md.ID, strings.Join(md.MaskedKeys, ", ")))
	}
}

// A proxy agent has the same type name in both providers too. Its secrets
// move with it (the official provider keeps them as this one does), and its
// regeneration_counter becomes secrets_version, so that the first plan after
// the move changes nothing.
func moveProxyAgentState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_proxy_agent"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	a, err := officialProxyAgent(req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving proxy agent state from the official provider", map[string]any{"proxy_agent_id": a.ID})
	a.setState(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// setState writes the moved agent into st (and its identity).
func (a movedProxyAgent) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	set := func(name string, v attr.Value) {
		diags.Append(st.SetAttribute(ctx, path.Root(name), v)...)
	}
	set("id", types.StringValue(a.ID))
	set("display_name", stringOrNull(a.DisplayName))
	set("region", stringOrNull(a.Region))
	set("secrets_version", types.Int64PointerValue(a.SecretsVersion))
	set("auth_token", stringOrNull(a.AuthToken))
	set("client_cert", stringOrNull(a.ClientCert))
	set("client_private_key", stringOrNull(a.ClientPrivateKey))
	setIdentity(ctx, identity, types.StringValue(a.ID), diags)
}

// A private link has the same type name in both providers. Its config_map
// becomes config, without the keys the official provider stores as null
// for the services the link is not of.
func movePrivateLinkState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_private_link"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	l, err := officialPrivateLink(req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving private link state from the official provider", map[string]any{"private_link_id": l.ID})
	l.setState(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// setState writes the moved link into st (and its identity).
func (l movedPrivateLink) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	set := func(name string, v attr.Value) {
		diags.Append(st.SetAttribute(ctx, path.Root(name), v)...)
	}
	set("id", types.StringValue(l.ID))
	set("name", stringOrNull(l.Name))
	set("region", stringOrNull(l.Region))
	set("service", stringOrNull(l.Service))
	config := types.MapNull(types.StringType)
	if l.Config != nil {
		config = stringMap(l.Config)
	}
	set("config", config)
	setIdentity(ctx, identity, types.StringValue(l.ID), diags)
}

// A hybrid deployment agent has the same type name in both providers. Its
// credentials move with it, and its authentication_counter becomes
// secrets_version, so that the first plan after the move changes nothing.
// accept_terms, which the official provider sends without an attribute, is
// true: the agent exists.
func moveHybridAgentState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_hybrid_deployment_agent"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	a, err := officialHybridAgent(req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving hybrid deployment agent state from the official provider", map[string]any{"hybrid_deployment_agent_id": a.ID})
	a.setState(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// setState writes the moved agent into st (and its identity).
func (a movedHybridAgent) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	set := func(name string, v attr.Value) {
		diags.Append(st.SetAttribute(ctx, path.Root(name), v)...)
	}
	set("id", types.StringValue(a.ID))
	set("group_id", stringOrNull(a.GroupID))
	set("display_name", stringOrNull(a.DisplayName))
	set("env_type", stringOrNull(a.EnvType))
	set("auth_type", stringOrNull(a.AuthType))
	set("accept_terms", types.BoolValue(true))
	set("secrets_version", types.Int64PointerValue(a.SecretsVersion))
	set("token", stringOrNull(a.Token))
	set("config_json", stringOrNull(a.ConfigJSON))
	set("auth_json", stringOrNull(a.AuthJSON))
	set("docker_compose_yaml", stringOrNull(a.DockerComposeYAML))
	setIdentity(ctx, identity, types.StringValue(a.ID), diags)
}

// A webhook has the same type name in both providers; its secret moves with
// it, so the first plan after the move changes nothing.
func moveWebhookState(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	const target = "fivetran_webhook"
	if !checkMoveSource(req, target, &resp.Diagnostics) {
		return
	}
	if req.SourceRawState == nil {
		addMoveError(&resp.Diagnostics, req, target, moveErrorf("Terraform sent no state"))
		return
	}
	w, err := officialWebhook(req.SourceRawState.JSON)
	if err != nil {
		addMoveError(&resp.Diagnostics, req, target, err)
		return
	}
	tflog.Debug(ctx, "Moving webhook state from the official provider", map[string]any{"webhook_id": w.ID})
	w.setState(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// setState writes the moved webhook into st (and its identity). type,
// created_at and created_by are left for the Read that follows.
func (w movedWebhook) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	set := func(name string, v attr.Value) {
		diags.Append(st.SetAttribute(ctx, path.Root(name), v)...)
	}
	set("id", types.StringValue(w.ID))
	set("group_id", stringOrNull(w.GroupID))
	set("url", stringOrNull(w.URL))
	events := types.SetNull(types.StringType)
	if w.Events != nil {
		events = stringSet(w.Events)
	}
	set("events", events)
	set("active", types.BoolValue(w.Active != nil && *w.Active))
	set("secret", stringOrNull(w.Secret))
	set("run_tests", types.BoolValue(w.RunTests != nil && *w.RunTests))
	setIdentity(ctx, identity, types.StringValue(w.ID), diags)
}

// setState writes the moved user into st (and its identity).
func (u movedUser) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	set := func(name string, v attr.Value) {
		diags.Append(st.SetAttribute(ctx, path.Root(name), v)...)
	}
	set("id", types.StringValue(u.ID))
	set("email", stringOrNull(u.Email))
	set("given_name", stringOrNull(u.GivenName))
	set("family_name", stringOrNull(u.FamilyName))
	set("phone", stringOrNull(u.Phone))
	set("picture", stringOrNull(u.Picture))
	set("role", stringOrNull(u.Role))
	setIdentity(ctx, identity, types.StringValue(u.ID), diags)
}

// setState writes the moved team into st (and its identity).
func (t movedTeam) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	set := func(name string, v attr.Value) {
		diags.Append(st.SetAttribute(ctx, path.Root(name), v)...)
	}
	set("id", types.StringValue(t.ID))
	set("name", stringOrNull(t.Name))
	set("description", stringOrNull(t.Description))
	set("role", stringOrNull(t.Role))
	setIdentity(ctx, identity, types.StringValue(t.ID), diags)
}

func (r *externalLoggingResource) MoveState(context.Context) []resource.StateMover {
	return moveFromOfficial("fivetran_external_logging", officialExternalLogging)
}

// setState writes the moved log service into st (and its identity).
func (m movedExternalLogging) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	set := func(name string, v attr.Value) { diags.Append(st.SetAttribute(ctx, path.Root(name), v)...) }
	set("id", types.StringValue(m.ID))
	set("group_id", types.StringValue(cmp.Or(m.GroupID, m.ID)))
	set("service", stringOrNull(m.Service))
	if m.Enabled != nil {
		set("enabled", types.BoolValue(*m.Enabled))
	}
	set("run_setup_tests", types.BoolValue(cmpOrBool(m.RunSetupTests, false)))
	if m.Config != nil {
		v, err := mapToDynamic(ctx, m.Config, types.DynamicNull())
		if err != nil {
			diags.AddAttributeError(path.Root("config"), "Cannot move this state into fivetran_external_logging",
				fmt.Sprintf("The config of log service %q in the old state could not be converted: %s.", m.ID, err))
			return
		}
		set("config", v)
	}
	setIdentity(ctx, identity, types.StringValue(m.ID), diags)
	if len(m.MaskedKeys) > 0 {
		diags.AddWarning("Secret values are not moved",
			fmt.Sprintf("The state of log service %q holds these values masked, so they were not moved: %s. Until you add them to config "+
				"(from a sensitive variable) they are not managed; once added, the next apply sends them.", m.ID, strings.Join(m.MaskedKeys, ", ")))
	}
}

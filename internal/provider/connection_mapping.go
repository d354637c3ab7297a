package provider

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The connection's mapping (see group_mapping.go for the parts every
// object's mapping has): how a Fivetran connection becomes Terraform values
// and a plan becomes a request, and the rules the plan and Update share
// (which update runs the setup tests, the destination-schema keys). The
// resource (resource_connection.go), both data sources
// (data_source_connection.go, data_source_connections.go) and the list
// resource (list_connection.go) call it and convert nothing themselves.

type connectionModel struct {
	ID                      types.String   `tfsdk:"id"`
	GroupID                 types.String   `tfsdk:"group_id"`
	Service                 types.String   `tfsdk:"service"`
	DestinationSchema       types.Map      `tfsdk:"destination_schema"`
	Name                    types.String   `tfsdk:"name"`
	Config                  types.Dynamic  `tfsdk:"config"`
	Auth                    types.Dynamic  `tfsdk:"auth"`
	ConfigWO                types.Dynamic  `tfsdk:"config_wo"`
	ConfigWOVersion         types.Int64    `tfsdk:"config_wo_version"`
	AuthWO                  types.Dynamic  `tfsdk:"auth_wo"`
	AuthWOVersion           types.Int64    `tfsdk:"auth_wo_version"`
	Paused                  types.Bool     `tfsdk:"paused"`
	PauseAfterTrial         types.Bool     `tfsdk:"pause_after_trial"`
	SyncFrequency           types.Int64    `tfsdk:"sync_frequency"`
	ScheduleType            types.String   `tfsdk:"schedule_type"`
	DailySyncTime           types.String   `tfsdk:"daily_sync_time"`
	DataDelaySensitivity    types.String   `tfsdk:"data_delay_sensitivity"`
	DataDelayThreshold      types.Int64    `tfsdk:"data_delay_threshold"`
	NetworkingMethod        types.String   `tfsdk:"networking_method"`
	PrivateLinkID           types.String   `tfsdk:"private_link_id"`
	ProxyAgentID            types.String   `tfsdk:"proxy_agent_id"`
	HybridDeploymentAgentID types.String   `tfsdk:"hybrid_deployment_agent_id"`
	RunSetupTests           types.Bool     `tfsdk:"run_setup_tests"`
	TrustCertificates       types.Bool     `tfsdk:"trust_certificates"`
	TrustFingerprints       types.Bool     `tfsdk:"trust_fingerprints"`
	SetupState              types.String   `tfsdk:"setup_state"`
	ConnectCardConfig       types.Object   `tfsdk:"connect_card_config"`
	ConnectCardURI          types.String   `tfsdk:"connect_card_uri"`
	Timeouts                timeouts.Value `tfsdk:"timeouts"`
}

type connectCardConfigModel struct {
	RedirectURI    types.String `tfsdk:"redirect_uri"`
	HideSetupGuide types.Bool   `tfsdk:"hide_setup_guide"`
}

// destinationSchemaKeys is the one place that maps each destination_schema
// attribute to the config key that carries it in the API. These keys live in
// the destination_schema attribute, never in config.
var destinationSchemaKeys = []struct{ attr, configKey string }{
	{"name", "schema"}, {"table", "table"}, {"prefix", "schema_prefix"}, {"table_group_name", "table_group_name"},
}

// destinationSchemaAttrNames are the keys destination_schema takes.
var destinationSchemaAttrNames = func() []string {
	out := make([]string, len(destinationSchemaKeys))
	for i, k := range destinationSchemaKeys {
		out[i] = k.attr
	}
	return out
}()

var destinationSchemaAttrTypes = func() map[string]attr.Type {
	out := map[string]attr.Type{}
	for _, k := range destinationSchemaKeys {
		out[k.attr] = types.StringType
	}
	return out
}()

// schemaConfigKeys are the config keys of destinationSchemaKeys.
var schemaConfigKeys = func() []string {
	out := make([]string, len(destinationSchemaKeys))
	for i, k := range destinationSchemaKeys {
		out[i] = k.configKey
	}
	return out
}()

// schemaAttrOf returns the destination_schema attribute of a config key.
func schemaAttrOf(configKey string) string {
	for _, k := range destinationSchemaKeys {
		if k.configKey == configKey {
			return k.attr
		}
	}
	return ""
}

// destinationSchema is destination_schema as plain strings ("" = not set).
type destinationSchema struct {
	name, table, prefix, tableGroupName string
	unknown                             bool
}

// destinationSchemaOf reads destination_schema, a map that holds only the
// keys the user writes. A key the user sets to null counts as not set.
func destinationSchemaOf(v types.Map) (destinationSchema, bool) {
	if v.IsNull() {
		return destinationSchema{}, false
	}
	if v.IsUnknown() {
		return destinationSchema{unknown: true}, true
	}
	var ds destinationSchema
	for k, e := range v.Elements() {
		s, ok := e.(types.String)
		if !ok {
			continue
		}
		if s.IsUnknown() {
			ds.unknown = true
			continue
		}
		switch k {
		case "name":
			ds.name = s.ValueString()
		case "table":
			ds.table = s.ValueString()
		case "prefix":
			ds.prefix = s.ValueString()
		case "table_group_name":
			ds.tableGroupName = s.ValueString()
		}
	}
	return ds, true
}

func (d destinationSchema) known() bool { return !d.unknown }

// byAttr is the destination schema keyed by attribute name ("" = not set).
func (d destinationSchema) byAttr() map[string]string {
	return map[string]string{"name": d.name, "table": d.table, "prefix": d.prefix, "table_group_name": d.tableGroupName}
}

// connectionName is the name Fivetran derives (the `schema` of the API).
func (d destinationSchema) connectionName() string {
	switch {
	case d.prefix != "":
		return d.prefix
	case d.table != "":
		return d.name + "." + d.table
	case d.tableGroupName != "":
		return d.name + "." + d.tableGroupName
	default:
		return d.name
	}
}

func (d destinationSchema) configKeys() map[string]any {
	out := map[string]any{}
	set := d.byAttr()
	for _, k := range destinationSchemaKeys {
		if v := set[k.attr]; v != "" {
			out[k.configKey] = v
		}
	}
	return out
}

// destinationSchemaFromConfig is the resource's destination_schema of an
// API config: only the keys Fivetran holds, so that the state carries no
// null key for the ones a connector type does not take.
func destinationSchemaFromConfig(cfg map[string]any) types.Map {
	elems := map[string]attr.Value{}
	for _, k := range destinationSchemaKeys {
		if s, ok := cfg[k.configKey].(string); ok && s != "" {
			elems[k.attr] = types.StringValue(s)
		}
	}
	return types.MapValueMust(types.StringType, elems)
}

// destinationSchemaRead is destinationSchemaFromConfig on a refresh: a key
// the prior state holds as null (the user wrote `key = null`) stays, while
// Fivetran has no value for it, so that the refresh matches the config and
// plans no replacement.
func destinationSchemaRead(prior types.Map, cfg map[string]any) types.Map {
	read := destinationSchemaFromConfig(cfg)
	if prior.IsNull() || prior.IsUnknown() {
		return read
	}
	elems := read.Elements()
	for k, e := range prior.Elements() {
		if _, held := elems[k]; !held && e.IsNull() {
			elems[k] = e
		}
	}
	return types.MapValueMust(types.StringType, elems)
}

// destinationSchemaMoves says whether a plan changes where the connection
// writes: a key's value, not a key written as null where the state has none
// (or the reverse), which Fivetran cannot tell apart and an update stores
// without sending anything.
func destinationSchemaMoves(_ context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
	before, ok := destinationSchemaOf(req.StateValue)
	after, ok2 := destinationSchemaOf(req.PlanValue)
	resp.RequiresReplace = !ok || !ok2 || before.unknown || after.unknown || before != after
}

// destinationSchemaObject is destination_schema as the data sources show it:
// every key, null where the connector type does not use it.
func destinationSchemaObject(cfg map[string]any) types.Object {
	attrs := destinationSchemaFromConfig(cfg).Elements()
	for _, k := range destinationSchemaAttrNames {
		if attrs[k] == nil {
			attrs[k] = types.StringNull()
		}
	}
	return types.ObjectValueMust(destinationSchemaAttrTypes, attrs)
}

// checkDestinationSchema compares destination_schema with the keys the
// connector type's config declares.
func checkDestinationSchema(d destinationSchema, ct *fivetran.ConnectorType, diags *diag.Diagnostics) {
	format, need, ok := destinationSchemaRule(ct)
	if d.unknown || !ok {
		return
	}
	set := d.byAttr()
	for _, k := range need {
		if set[k] == "" {
			diags.AddAttributeError(path.Root("destination_schema"), "Missing destination_schema."+k,
				fmt.Sprintf("Connector type %q writes to the destination by %s, so destination_schema needs %s.", ct.ID, format, strings.Join(need, " and ")))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(set)) {
		if set[k] != "" && !slices.Contains(need, k) {
			diags.AddAttributeError(path.Root("destination_schema").AtMapKey(k), "Unexpected destination_schema."+k,
				fmt.Sprintf("Connector type %q writes to the destination by %s; destination_schema.%s does not apply to it. Remove it.", ct.ID, format, k))
		}
	}
}

// fromAPI copies everything Fivetran returns into the model (Read).
func (m *connectionModel) fromAPI(c *fivetran.Connection) {
	m.ID = types.StringValue(c.ID)
	m.GroupID = types.StringValue(c.GroupID)
	m.Service = types.StringValue(c.Service)
	m.DestinationSchema = destinationSchemaFromConfig(c.Config)
	m.Paused = types.BoolValue(c.Paused)
	m.PauseAfterTrial = types.BoolValue(c.PauseAfterTrial)
	m.SyncFrequency = types.Int64Value(int64(c.SyncFrequency))
	m.ScheduleType = types.StringValue(c.ScheduleType)
	m.DailySyncTime = stringOrNull(c.DailySyncTime)
	m.DataDelaySensitivity = types.StringValue(c.DataDelaySensitivity)
	m.DataDelayThreshold = types.Int64Value(int64(c.DataDelayThreshold))
	m.NetworkingMethod = types.StringValue(cmp.Or(c.NetworkingMethod, "Directly"))
	m.PrivateLinkID = stringOrNull(c.PrivateLinkID)
	m.ProxyAgentID = stringOrNull(c.ProxyAgentID)
	m.HybridDeploymentAgentID = stringOrNull(c.HybridDeploymentAgentID)
	m.SetupState = types.StringUnknown()
	m.applyComputed(c)
}

// applyComputed sets the attributes only Fivetran decides (Create, Update):
// what the user wrote stays exactly as planned, so apply never produces an
// inconsistent result; the next Read detects any real difference.
func (m *connectionModel) applyComputed(c *fivetran.Connection) {
	m.ID = types.StringValue(c.ID)
	m.Name = types.StringValue(c.Schema)
	// A state planned as known (the update could not move it) keeps the
	// planned value; the next refresh reports what Fivetran says later.
	if m.SetupState.IsUnknown() {
		m.SetupState = types.StringValue(strings.ToLower(c.Status.SetupState))
	}
	if m.HybridDeploymentAgentID.IsUnknown() {
		m.HybridDeploymentAgentID = stringOrNull(c.HybridDeploymentAgentID)
	}
	// The Connect Card is the one made at creation: only the create answer
	// sets it, and nothing later moves it (a card made afterwards with
	// fivetran_connect_card belongs to that resource).
	if m.ConnectCardURI.IsUnknown() {
		m.ConnectCardURI = types.StringNull()
		if c.ConnectCard != nil && c.ConnectCard.URI != "" {
			m.ConnectCardURI = types.StringValue(c.ConnectCard.URI)
		}
	}
}

// copyComputed fills what is still unknown in the plan from the prior state
// (an update that sent nothing, or that left something unanswered).
func (m *connectionModel) copyComputed(s *connectionModel) {
	for _, p := range []struct{ dst, src *types.String }{
		{&m.ID, &s.ID}, {&m.Name, &s.Name}, {&m.SetupState, &s.SetupState},
		{&m.ConnectCardURI, &s.ConnectCardURI}, {&m.HybridDeploymentAgentID, &s.HybridDeploymentAgentID},
	} {
		if p.dst.IsUnknown() {
			*p.dst = *p.src
		}
	}
}

// connectCardConfigOf turns connect_card_config into the create request's.
func connectCardConfigOf(ctx context.Context, v types.Object, diags *diag.Diagnostics) *fivetran.ConnectCardConfig {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var m connectCardConfigModel
	diags.Append(v.As(ctx, &m, basetypesObjectAsOptions)...)
	return &fivetran.ConnectCardConfig{RedirectURI: m.RedirectURI.ValueString(), HideSetupGuide: optBool(m.HideSetupGuide)}
}

// nullWithoutConnectCard plans connect_card_uri as null when no
// connect_card_config is given: no card will be made, so the plan need not
// show "(known after apply)" or "(sensitive value)".
type nullWithoutConnectCard struct{}

func (nullWithoutConnectCard) Description(context.Context) string {
	return "Null when connect_card_config is not set."
}

func (m nullWithoutConnectCard) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (nullWithoutConnectCard) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !resp.PlanValue.IsUnknown() {
		return
	}
	var cc types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("connect_card_config"), &cc)...)
	if cc.IsNull() {
		resp.PlanValue = types.StringNull()
	}
}

// connectionTested holds the settings whose change makes an update run a
// connection's setup tests: config and auth, their write-only versions (a
// new version sends config_wo or auth_wo) and the networking settings. A
// schedule, pause or delay change is not tested.
type connectionTested struct {
	Config, Auth                                                           types.Dynamic
	ConfigWOVersion, AuthWOVersion                                         types.Int64
	NetworkingMethod, PrivateLinkID, ProxyAgentID, HybridDeploymentAgentID types.String
}

func (m *connectionModel) tested() connectionTested {
	return connectionTested{Config: m.Config, Auth: m.Auth, ConfigWOVersion: m.ConfigWOVersion, AuthWOVersion: m.AuthWOVersion,
		NetworkingMethod: m.NetworkingMethod, PrivateLinkID: m.PrivateLinkID, ProxyAgentID: m.ProxyAgentID,
		HybridDeploymentAgentID: m.HybridDeploymentAgentID}
}

// readTested reads connectionTested attribute by attribute (a plan modifier
// runs for every connection of every plan: reading the whole model there is
// a measurable cost at a thousand connections).
func readTested(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics) (connectionTested, diag.Diagnostics) {
	var t connectionTested
	var diags diag.Diagnostics
	for name, dst := range map[string]any{"config": &t.Config, "auth": &t.Auth, "config_wo_version": &t.ConfigWOVersion,
		"auth_wo_version": &t.AuthWOVersion, "networking_method": &t.NetworkingMethod, "private_link_id": &t.PrivateLinkID,
		"proxy_agent_id": &t.ProxyAgentID, "hybrid_deployment_agent_id": &t.HybridDeploymentAgentID} {
		diags.Append(get(ctx, path.Root(name), dst)...)
	}
	return t, diags
}

// connectionTestedChange is the connection's half of updateRunsSetupTests:
// whether the update changes a setting the setup tests check. A value the
// plan does not know yet counts as a change.
func connectionTestedChange(plan, prior connectionTested) bool {
	return !plan.Config.Equal(prior.Config) || !plan.Auth.Equal(prior.Auth) ||
		!plan.ConfigWOVersion.Equal(prior.ConfigWOVersion) || !plan.AuthWOVersion.Equal(prior.AuthWOVersion) ||
		!plan.NetworkingMethod.Equal(prior.NetworkingMethod) || !plan.PrivateLinkID.Equal(prior.PrivateLinkID) ||
		!plan.ProxyAgentID.Equal(prior.ProxyAgentID) || !plan.HybridDeploymentAgentID.Equal(prior.HybridDeploymentAgentID)
}

// setupTestsMayRun, setup_state's plan rule: the update runs the setup
// tests (updateRunsSetupTests), so setup_state is known after apply.
func setupTestsMayRun(ctx context.Context, req planmodifier.StringRequest) (bool, diag.Diagnostics) {
	plan, diags := readTested(ctx, req.Plan.GetAttribute)
	prior, d := readTested(ctx, req.State.GetAttribute)
	diags.Append(d...)
	var configured types.String
	diags.Append(req.Config.GetAttribute(ctx, path.Root("hybrid_deployment_agent_id"), &configured)...)
	if plan.HybridDeploymentAgentID.IsUnknown() && configured.IsNull() {
		// Not written: its own plan modifier keeps the prior value.
		plan.HybridDeploymentAgentID = prior.HybridDeploymentAgentID
	}
	if diags.HasError() {
		return false, diags
	}
	return planSetupTests(ctx, req, "connection", connectionTestedChange(plan, prior), &diags), diags
}

// projectionOptions makes enum values compare case-insensitively, using the
// connector type's metadata. The metadata is fetched (once per service per
// process) only when two values differ in case alone, so a refresh without
// such a difference makes no metadata call.
func (d *providerData) projectionOptions(ctx context.Context, service string) configproj.Options {
	if d == nil || !d.validateConfig || service == "" {
		return configproj.Options{}
	}
	return configproj.Options{CaseInsensitive: func(p []string) bool {
		ct, err := d.metadata.connectorType(ctx, service)
		if err != nil || ct.Config == nil {
			return false
		}
		n := ct.Config
		for _, k := range p {
			switch {
			case n == nil:
				return false
			case n.Properties != nil && n.Properties[k] != nil:
				n = n.Properties[k]
			case n.Items != nil:
				n = n.Items
			default:
				return false
			}
		}
		return n != nil && len(n.Enum) > 0
	}}
}

// connectionSummaryOf converts a connection with the resource's own
// conversion (connectionModel.fromAPI), so that data sources and the
// resource always show the same values. What only the data sources show
// (who created the connection and when, the sync state, the monitoring
// status) is taken from the answer here: the resource does not keep it in
// state.
func connectionSummaryOf(c *fivetran.Connection) connectionSummaryModel {
	var m connectionModel
	m.fromAPI(c)
	return connectionSummaryModel{
		ID: m.ID, GroupID: m.GroupID, Service: m.Service, Name: m.Name,
		Paused: m.Paused, PauseAfterTrial: m.PauseAfterTrial, SyncFrequency: m.SyncFrequency,
		ScheduleType: m.ScheduleType, DailySyncTime: m.DailySyncTime,
		DataDelaySensitivity: m.DataDelaySensitivity, DataDelayThreshold: m.DataDelayThreshold,
		NetworkingMethod: m.NetworkingMethod, PrivateLinkID: m.PrivateLinkID, ProxyAgentID: m.ProxyAgentID,
		HybridDeploymentAgentID: m.HybridDeploymentAgentID, ConnectedBy: stringOrNull(c.ConnectedBy), CreatedAt: types.StringValue(c.CreatedAt),
		SetupState: m.SetupState, SyncState: types.StringValue(strings.ToLower(c.Status.SyncState)), Status: connectionStatusValue(c),
	}
}

// connectCardConfigAttrTypes are connect_card_config's attributes.
var connectCardConfigAttrTypes = map[string]attr.Type{"redirect_uri": types.StringType, "hide_setup_guide": types.BoolType}

// connectionImported is what an import by id reads, and so exactly what a
// list result holds: everything Fivetran returns, config with every
// non-secret key except the destination-schema ones (a warning in diags
// names the secret keys left out), and the defaults of the settings
// Fivetran does not store or return (auth, the setup-test flags, the
// Connect Card request).
func connectionImported(ctx context.Context, c *fivetran.Connection, opts configproj.Options, t timeouts.Value, diags *diag.Diagnostics) connectionModel {
	m := connectionModel{Timeouts: t}
	m.fromAPI(c)
	m.Config = readConfig(ctx, types.DynamicNull(), c.Config, true, schemaConfigKeys, opts, fmt.Sprintf("connection %q", c.ID), diags)
	m.RunSetupTests, m.TrustCertificates, m.TrustFingerprints = types.BoolValue(true), types.BoolValue(false), types.BoolValue(false)
	m.Auth = types.DynamicNull()
	m.ConnectCardConfig = types.ObjectNull(connectCardConfigAttrTypes)
	return m
}

// connectionRead is what a refresh stores: what Fivetran returns, with
// config projected onto the keys the prior state manages, or, on the Read
// that follows an import, what the import reads.
func connectionRead(ctx context.Context, prior connectionModel, c *fivetran.Connection, importing bool, opts configproj.Options,
	diags *diag.Diagnostics) connectionModel {
	if importing {
		return connectionImported(ctx, c, opts, prior.Timeouts, diags)
	}
	m := prior
	m.fromAPI(c)
	m.DestinationSchema = destinationSchemaRead(prior.DestinationSchema, c.Config)
	m.Config = readConfig(ctx, prior.Config, c.Config, false, schemaConfigKeys, opts, fmt.Sprintf("connection %q", c.ID), diags)
	return m
}

// connectionDataOf is the connection as the fivetran_connection data source
// shows it: the resource's attributes, with config as Fivetran returns it
// (masked secrets included) minus the destination-schema keys.
func connectionDataOf(ctx context.Context, c *fivetran.Connection) (connectionDataModel, error) {
	var cfg map[string]any
	if c.Config != nil {
		cfg = maps.Clone(c.Config)
		for _, k := range schemaConfigKeys {
			delete(cfg, k)
		}
	}
	config, err := mapToDynamic(ctx, cfg, types.DynamicNull())
	if err != nil {
		return connectionDataModel{}, err
	}
	s := connectionSummaryOf(c)
	return connectionDataModel{
		ID: s.ID, GroupID: s.GroupID, Service: s.Service, DestinationSchema: destinationSchemaObject(c.Config), Name: s.Name, Config: config,
		Paused: s.Paused, PauseAfterTrial: s.PauseAfterTrial, SyncFrequency: s.SyncFrequency, ScheduleType: s.ScheduleType,
		DailySyncTime: s.DailySyncTime, DataDelaySensitivity: s.DataDelaySensitivity, DataDelayThreshold: s.DataDelayThreshold,
		NetworkingMethod: s.NetworkingMethod, PrivateLinkID: s.PrivateLinkID, ProxyAgentID: s.ProxyAgentID,
		HybridDeploymentAgentID: s.HybridDeploymentAgentID, ConnectedBy: s.ConnectedBy, CreatedAt: s.CreatedAt,
		SetupState: s.SetupState, SyncState: s.SyncState, Status: s.Status,
	}, nil
}

// connectionCreateRequest is the create request of a plan: cfg and auth are
// the planned objects, configSecrets and authSecrets the config_wo and
// auth_wo objects (merged over them), ds the planned destination schema
// (its keys go into config).
func connectionCreateRequest(ctx context.Context, plan connectionModel, ds destinationSchema, cfg, auth, configSecrets, authSecrets map[string]any,
	diags *diag.Diagnostics) fivetran.ConnectionCreate {
	body := overlayWriteOnly(configproj.ForCreate(cfg), configSecrets)
	if body == nil {
		body = map[string]any{}
	}
	maps.Copy(body, ds.configKeys())
	return fivetran.ConnectionCreate{
		GroupID:                 plan.GroupID.ValueString(),
		Service:                 plan.Service.ValueString(),
		Config:                  body,
		Auth:                    overlayWriteOnly(configproj.ForCreate(auth), authSecrets),
		Paused:                  optBool(plan.Paused),
		PauseAfterTrial:         optBool(plan.PauseAfterTrial),
		SyncFrequency:           optInt(plan.SyncFrequency),
		ScheduleType:            optString(plan.ScheduleType),
		DailySyncTime:           optString(plan.DailySyncTime),
		DataDelaySensitivity:    optString(plan.DataDelaySensitivity),
		DataDelayThreshold:      optInt(plan.DataDelayThreshold),
		NetworkingMethod:        optString(plan.NetworkingMethod),
		PrivateLinkID:           optString(plan.PrivateLinkID),
		ProxyAgentID:            optString(plan.ProxyAgentID),
		HybridDeploymentAgentID: optString(plan.HybridDeploymentAgentID),
		RunSetupTests:           optBool(plan.RunSetupTests),
		TrustCertificates:       optBool(plan.TrustCertificates),
		TrustFingerprints:       optBool(plan.TrustFingerprints),
		ConnectCardConfig:       connectCardConfigOf(ctx, plan.ConnectCardConfig, diags),
	}
}

// connectionUpdateRequest is the PATCH of an update: only what changed
// between prior and plan (planned, priorCfg, plannedAuth and priorAuth are
// their config and auth objects; config_wo and auth_wo are added by the
// caller, which holds the request's config). Auth is sent whole: it is never
// read back. Update adds the setup-test flags when updateRunsSetupTests says
// so.
func connectionUpdateRequest(plan, prior connectionModel, planned, priorCfg, plannedAuth, priorAuth map[string]any,
	opts configproj.Options) fivetran.ConnectionUpdate {
	upd := fivetran.ConnectionUpdate{
		Paused:                  changedBool(plan.Paused, prior.Paused),
		PauseAfterTrial:         changedBool(plan.PauseAfterTrial, prior.PauseAfterTrial),
		SyncFrequency:           changedInt(plan.SyncFrequency, prior.SyncFrequency),
		ScheduleType:            changedString(plan.ScheduleType, prior.ScheduleType),
		DailySyncTime:           changedNullable(plan.DailySyncTime, prior.DailySyncTime),
		DataDelaySensitivity:    changedString(plan.DataDelaySensitivity, prior.DataDelaySensitivity),
		DataDelayThreshold:      changedInt(plan.DataDelayThreshold, prior.DataDelayThreshold),
		NetworkingMethod:        changedString(plan.NetworkingMethod, prior.NetworkingMethod),
		PrivateLinkID:           changedNullable(plan.PrivateLinkID, prior.PrivateLinkID),
		ProxyAgentID:            changedNullable(plan.ProxyAgentID, prior.ProxyAgentID),
		HybridDeploymentAgentID: changedNullable(plan.HybridDeploymentAgentID, prior.HybridDeploymentAgentID),
	}
	if upd.SyncFrequency != nil && *upd.SyncFrequency == 1440 && !plan.DailySyncTime.IsNull() && !plan.DailySyncTime.IsUnknown() {
		// Fivetran keeps daily_sync_time only with a daily frequency: send both.
		upd.DailySyncTime = fivetran.Set(plan.DailySyncTime.ValueString())
	}
	if changes := configproj.Changes(priorCfg, planned, opts); len(changes) > 0 {
		upd.Config = changes
	}
	if len(configproj.Changes(priorAuth, plannedAuth, configproj.Options{})) > 0 {
		upd.Auth = configproj.ForCreate(plannedAuth)
	}
	return upd
}

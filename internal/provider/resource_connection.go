package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                     = (*connectionResource)(nil)
	_ resource.ResourceWithConfigure        = (*connectionResource)(nil)
	_ resource.ResourceWithImportState      = (*connectionResource)(nil)
	_ resource.ResourceWithConfigValidators = (*connectionResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*connectionResource)(nil)
)

// NewConnectionResource is the fivetran_connection resource: one source
// (a database, an application, files, events) loading into a group's destination.
func NewConnectionResource() resource.Resource { return &connectionResource{} }

type connectionResource struct {
	data *providerData
}

var (
	syncFrequencies        = []int64{1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440}
	scheduleTypes          = []string{"auto", "manual"}
	dataDelaySensitivities = []string{"LOW", "NORMAL", "HIGH", "CUSTOM", "SYNC_FREQUENCY"}
	dailySyncTimePattern   = regexp.MustCompile(`^([01]\d|2[0-3]):00$`)
)

func (r *connectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (r *connectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optString := func(desc string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: v}
	}
	resp.Schema = schema.Schema{
		Version: connectionSchemaVersion,
		MarkdownDescription: "A Fivetran connection: one source (a database, an application, files or events) that loads into the destination of a group. " +
			"Set `group_id = fivetran_destination.<name>.group_id` so that Terraform creates the connection after its destination and deletes it before. " +
			"Schedule, pause and networking settings are all here and are updated in place. " +
			"Its sync status (`status`), who created it and when are in the `fivetran_connection` data source, read fresh at every plan.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The connection's id, assigned by Fivetran.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"group_id": schema.StringAttribute{
				MarkdownDescription: "The group whose destination this connection loads into. Write `fivetran_destination.<name>.group_id` so that the destination exists first. Changing it replaces the connection.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"service": schema.StringAttribute{
				MarkdownDescription: "The connector type, such as `postgres`, `salesforce`, `google_ads` or `s3` (see the `fivetran_connectors_metadata` data source). Checked at plan time against Fivetran's metadata. Changing it replaces the connection.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{serviceIDValidator{}},
			},
			"destination_schema": schema.MapAttribute{
				MarkdownDescription: "Where the connection writes in the destination, as a map of these keys. Which keys a connector type needs depends on it " +
					"(checked at plan time): `name` (most types), `name` and `table` (files and single-table types), `prefix` (types that write several schemas), " +
					"or `name` and `table_group_name`. `name` is the schema name (config key `schema`), `table` the table name (`table`), " +
					"`prefix` the prefix of the schemas the connection creates (`schema_prefix`), `table_group_name` the table group name (`table_group_name`). " +
					"The state holds only the keys you write. Fivetran cannot change these after creation: changing them replaces the connection.",
				Required:    true,
				ElementType: types.StringType,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplaceIf(destinationSchemaMoves,
					"Changing a key's value replaces the connection; a key written as null counts as not written.",
					"Changing a key's value replaces the connection; a key written as `null` counts as not written.")},
				Validators: []validator.Map{
					mapvalidator.KeysAre(stringvalidator.OneOf(destinationSchemaAttrNames...)),
					mapvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The connection's name as Fivetran derives it from `destination_schema`: `name`, `name.table`, `name.table_group_name` or `prefix`. Unique within a group.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"config": schema.DynamicAttribute{
				MarkdownDescription: "The connector type's settings as an object, such as `{ host = \"db.example.com\", port = 5432, user = \"fivetran\", password = var.pg_password }`. " +
					"Keys, value types and enum values are checked at plan time against Fivetran's metadata for the connector type. Only the keys you write are managed; " +
					"values Fivetran returns masked (`******`) keep the value you wrote (pass secrets from sensitive variables; drift of a secret cannot be detected). " +
					"Setting a key to `null` clears it in Fivetran; removing a key stops managing it. The destination-schema keys go in `destination_schema`, not here. Updated in place.",
				Optional:   true,
				Validators: []validator.Dynamic{objectValidator{}},
			},
			"auth": schema.DynamicAttribute{
				MarkdownDescription: "Credentials for connector types that take an `auth` section (OAuth client, refresh token, …), as an object. " +
					"Sent to Fivetran, never read back (Fivetran does not return it), so changes made outside Terraform are not detected; changing it here sends the new value. Sensitive.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.Dynamic{objectValidator{}},
			},
			"paused": schema.BoolAttribute{
				MarkdownDescription: "Whether syncs are paused. Defaults to `false`. Updated in place.",
				Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"pause_after_trial": schema.BoolAttribute{
				MarkdownDescription: "Whether Fivetran pauses the connection when its free trial ends. Defaults to `false`. Updated in place.",
				Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"sync_frequency": schema.Int64Attribute{
				MarkdownDescription: "Minutes between syncs: one of `1`, `5`, `15`, `30`, `60`, `120`, `180`, `360` (default), `480`, `720`, `1440`. Updated in place.",
				Optional:            true, Computed: true, Default: int64default.StaticInt64(360),
				Validators: []validator.Int64{int64validator.OneOf(syncFrequencies...)},
			},
			"schedule_type": schema.StringAttribute{
				MarkdownDescription: "`auto` (default): Fivetran syncs on schedule; `manual`: only an API call starts a sync. Updated in place.",
				Optional:            true, Computed: true, Default: stringdefault.StaticString("auto"),
				Validators: []validator.String{stringvalidator.OneOf(scheduleTypes...)},
			},
			"daily_sync_time": schema.StringAttribute{
				MarkdownDescription: "The hour of the daily sync, `\"00:00\"` to `\"23:00\"` (whole hours, in the destination's time zone). Only with `sync_frequency = 1440`. Updated in place; removing it (also when leaving daily syncs) clears it in Fivetran.",
				Optional:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(dailySyncTimePattern,
					"must be a whole hour from \"00:00\" to \"23:00\"")},
			},
			"data_delay_sensitivity": schema.StringAttribute{
				MarkdownDescription: "When Fivetran reports data as delayed: `LOW`, `NORMAL` (default), `HIGH`, `CUSTOM` (with `data_delay_threshold`) or `SYNC_FREQUENCY`. Updated in place.",
				Optional:            true, Computed: true, Default: stringdefault.StaticString("NORMAL"),
				Validators: []validator.String{stringvalidator.OneOf(dataDelaySensitivities...)},
			},
			"data_delay_threshold": schema.Int64Attribute{
				MarkdownDescription: "Minutes of delay before a notification, used with `data_delay_sensitivity = \"CUSTOM\"`. Defaults to `0`. Updated in place.",
				Optional:            true, Computed: true, Default: int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"networking_method": schema.StringAttribute{
				MarkdownDescription: "How Fivetran reaches the source: `Directly` (default), `PrivateLink` (with `private_link_id`), `SshTunnel` or `ProxyAgent` (with `proxy_agent_id`). Updated in place.",
				Optional:            true, Computed: true, Default: stringdefault.StaticString("Directly"),
				Validators: []validator.String{stringvalidator.OneOf(networkingMethods...)},
			},
			"private_link_id": optString("The private link to use, usually `fivetran_private_link.<name>.id`; needs `networking_method = \"PrivateLink\"`. An id that names no link fails the plan. Updated in place.", idValidator{what: "private link"}),
			"proxy_agent_id":  optString("The proxy agent to use, usually `fivetran_proxy_agent.<name>.id`; needs `networking_method = \"ProxyAgent\"`. An id that names no agent fails the plan. Updated in place.", idValidator{what: "proxy agent"}),
			"hybrid_deployment_agent_id": schema.StringAttribute{
				MarkdownDescription: "The hybrid deployment agent that runs this connection, usually `fivetran_hybrid_deployment_agent.<name>.id`. When not set, Fivetran uses the destination's. An id that names no agent fails the plan. Updated in place.",
				Optional:            true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{idValidator{what: "hybrid deployment agent"}},
			},
			"run_setup_tests": schema.BoolAttribute{
				MarkdownDescription: "Run Fivetran's setup tests when the connection is created or its config, auth or networking change. A failed test is an error. Defaults to `true`. Not stored by Fivetran: an import sets the default, and changing only this sends nothing.",
				Optional:            true, Computed: true, Default: booldefault.StaticBool(true),
			},
			"trust_certificates": schema.BoolAttribute{
				MarkdownDescription: "Trust the source's TLS certificates during setup tests. Defaults to `false`. Not stored by Fivetran: an import sets the default, and changing only this sends nothing.",
				Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"trust_fingerprints": schema.BoolAttribute{
				MarkdownDescription: "Trust the source's SSH fingerprints during setup tests. Defaults to `false`. Not stored by Fivetran: an import sets the default, and changing only this sends nothing.",
				Optional:            true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"connect_card_config": schema.SingleNestedAttribute{
				MarkdownDescription: "Ask Fivetran for a Connect Card when the connection is created: a hosted page where the source's owner " +
					"signs in and authorizes the connection, so that whoever runs Terraform never handles the credentials. " +
					"The card's link is in `connect_card_uri` (sensitive). Usually with `run_setup_tests = false` (there is nothing to test until the owner has signed in). " +
					"Only used at creation: changing it replaces the connection; for a new card on an existing connection use `fivetran_connect_card`.",
				Optional:      true,
				PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
				Attributes: map[string]schema.Attribute{
					"redirect_uri": schema.StringAttribute{
						MarkdownDescription: "Where the card sends the owner when they are done, such as `https://example.com/fivetran-done`.",
						Required:            true,
						Validators:          []validator.String{absoluteURLValidator{}},
					},
					"hide_setup_guide": schema.BoolAttribute{
						MarkdownDescription: "Hide Fivetran's setup guide on the card.",
						Optional:            true,
					},
				},
			},
			"connect_card_uri": schema.StringAttribute{
				MarkdownDescription: "The link of the Connect Card Fivetran made at creation (with `connect_card_config`), to give the source's owner. Null otherwise. " +
					"It stays the card made at creation: a card made later with `fivetran_connect_card` does not replace it. " +
					"Sensitive, since the link embeds the card's token: output it with `sensitive = true` and read it with `terraform output -raw`.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), nullWithoutConnectCard{}},
			},
			"setup_state": schema.StringAttribute{
				MarkdownDescription: "The setup state Fivetran reports: `incomplete`, `connected` or `broken`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stateUnlessUpdateMoves{setupTestsMayRun}},
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
	// config_wo, auth_wo and their versions: writeonly.go
	maps.Copy(resp.Schema.Attributes, configWriteOnly.attributes("connection"))
	maps.Copy(resp.Schema.Attributes, authWriteOnly.attributes("connection"))
}

func (r *connectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *connectionResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{networkingValidator{}, connectionConfigValidator{},
		writeOnlyValidator{pairs: []writeOnlyPair{configWriteOnly, authWriteOnly}, reserved: schemaConfigKeys}}
}

func (r *connectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan connectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, ok := planConfig(plan.Config, path.Root("config"), &resp.Diagnostics)
	auth, ok2 := planConfig(plan.Auth, path.Root("auth"), &resp.Diagnostics)
	ds, ok3 := destinationSchemaOf(plan.DestinationSchema)
	configSecrets, ok4 := configWriteOnly.read(ctx, req.Config, &resp.Diagnostics)
	authSecrets, ok5 := authWriteOnly.read(ctx, req.Config, &resp.Diagnostics)
	if !ok || !ok2 || !ok3 || !ok4 || !ok5 {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	groupID, service, name := plan.GroupID.ValueString(), plan.Service.ValueString(), ds.connectionName()
	creq := connectionCreateRequest(ctx, plan, ds, cfg, auth, configSecrets, authSecrets, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := createReconciled(ctx, r.data.createAttempts(),
		func() (*fivetran.Connection, error) { return r.data.client.CreateConnection(ctx, creq) },
		// A connection's name is unique in its group: one filtered list settles it.
		func() (*fivetran.Connection, bool, error) {
			found, err := r.data.client.ListConnections(ctx, fivetran.ListConnectionsOptions{GroupID: groupID, Schema: name})
			if err != nil {
				return nil, false, err
			}
			for i := range found {
				if found[i].Schema == name && found[i].Service == service {
					return &found[i], true, nil
				}
			}
			return nil, false, nil
		})
	if err != nil {
		r.explainCreateError(ctx, groupID, name, withholdSent(err, cfg, auth, configSecrets, authSecrets), &resp.Diagnostics)
		return
	}
	tflog.Debug(ctx, "Created connection", map[string]any{"connection_id": c.ID, "setup_state": c.Status.SetupState})
	plan.applyComputed(c)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	if failed := failedSetupTests(c.SetupTests); len(failed) > 0 {
		addSetupTestError(&resp.Diagnostics, "connection", c.ID, failed)
		r.data.explainProxyAgentTests(ctx, plan.NetworkingMethod, plan.ProxyAgentID, &resp.Diagnostics)
		r.data.explainPrivateLinkTests(ctx, plan.NetworkingMethod, plan.PrivateLinkID, &resp.Diagnostics)
		r.data.explainHybridAgentTests(ctx, plan.HybridDeploymentAgentID, &resp.Diagnostics)
	}
	addSetupTestWarnings(&resp.Diagnostics, "connection", c.ID, c.SetupTests)
}

// explainCreateError turns the ways a create fails because of the order of
// objects into errors that say which reference to write.
func (r *connectionResource) explainCreateError(ctx context.Context, groupID, name string, err error, diags *diag.Diagnostics) {
	switch {
	case groupMissing(ctx, r.data.client, groupID, err):
		diags.AddAttributeError(path.Root("group_id"), "Unable to create connection",
			fmt.Sprintf("Group %q does not exist. Create the group and its destination first, and reference the destination: "+
				"group_id = fivetran_destination.<name>.group_id. %s", groupID, explainError(err)))
		return
	case fivetran.IsConflict(err):
		diags.AddAttributeError(path.Root("destination_schema"), "Connection name already used in its group",
			r.duplicateNameDetail(ctx, groupID, name, err))
		return
	}
	if apiErr := (*fivetran.APIError)(nil); errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest {
		if _, derr := r.data.client.GetDestination(ctx, groupID); fivetran.IsNotFoundKind(derr, fivetran.KindDestination) {
			diags.AddAttributeError(path.Root("group_id"), "Unable to create connection",
				fmt.Sprintf("Group %q has no destination yet, and Fivetran refused a connection in it. "+
					"Declare the destination and reference it, so that Terraform creates it first: "+
					"group_id = fivetran_destination.<name>.group_id. %s", groupID, explainError(err)))
			return
		}
	}
	addAPIError(diags, "create", "connection", name, err)
}

// duplicateNameDetail explains a create refused because the group already
// has a connection with this name. The provider cannot tell whether that
// connection is the one this resource is replacing with create_before_destroy
// (Terraform does not say), so the text covers both cases and names the
// existing connection's id, which the user can compare with the state.
func (r *connectionResource) duplicateNameDetail(ctx context.Context, groupID, name string, err error) string {
	existing := ""
	if found, lerr := r.data.client.ListConnections(ctx, fivetran.ListConnectionsOptions{GroupID: groupID, Schema: name}); lerr == nil {
		for _, c := range found {
			if c.Schema == name {
				existing = fmt.Sprintf(" (id %q, created %s)", c.ID, c.CreatedAt)
			}
		}
	}
	return fmt.Sprintf("Group %q already has a connection named %q%s, and a connection's name (from destination_schema) is unique in its group.\n\n"+
		"If that is the connection this resource is replacing, with lifecycle { create_before_destroy = true }: a connection cannot be created "+
		"before its old self is destroyed, since both would have the same name in the same group. Set create_before_destroy = false for this "+
		"connection (Terraform then destroys the old one first), or give the replacement another destination_schema.\n\n"+
		"Otherwise another connection has this name: choose another destination_schema, or manage that connection by importing it "+
		"(terraform import <address> %s/%s).\n\n%s",
		groupID, name, existing, groupID, name, explainError(err))
}

func (r *connectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state connectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.readOperation(ctx, state.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	r.data.duplicates.remember("connection", state.ID.ValueString())
	importing, diags := req.Private.GetKey(ctx, importingKey)
	resp.Diagnostics.Append(diags...)
	isImport := len(importing) > 0

	var c *fivetran.Connection
	var fromList bool
	var err error
	if isImport { // the read after an import takes everything from its GET
		c, err = r.data.client.GetConnection(ctx, state.ID.ValueString())
	} else {
		// A list may confirm the prior state (bulk_reads.go); resp.State then holds it.
		c, fromList, err = r.data.readConnection(ctx, state, func(c *fivetran.Connection) bool {
			var scratch diag.Diagnostics
			m := connectionRead(ctx, state, c, false, r.data.projectionOptions(ctx, c.Service), &scratch)
			return !scratch.HasError() && sameState(ctx, &resp.State, req.State.Raw, &m)
		})
	}
	if fivetran.IsNotFoundKind(err, fivetran.KindConnection) {
		tflog.Debug(ctx, "Connection is gone from Fivetran; removing it from state", map[string]any{"connection_id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics) // the framework wants one even now (identity.go)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "connection", state.ID.ValueString(), err)
		return
	}
	if strings.EqualFold(c.Status.SetupState, "connected") {
		// The setup tests passed since (run in Fivetran): nothing to re-run.
		resp.Diagnostics.Append(recordSetupTests(ctx, resp.Private, false)...)
	}
	if fromList {
		setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
		return
	}
	state = connectionRead(ctx, state, c, isImport, r.data.projectionOptions(ctx, c.Service), &resp.Diagnostics)
	if isImport {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, nil)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
}

func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state connectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned, ok := planConfig(plan.Config, path.Root("config"), &resp.Diagnostics)
	plannedAuth, ok2 := planConfig(plan.Auth, path.Root("auth"), &resp.Diagnostics)
	if !ok || !ok2 {
		return
	}
	prior, _ := dynamicToMap(state.Config)
	priorAuth, _ := dynamicToMap(state.Auth)
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	upd := connectionUpdateRequest(plan, state, planned, prior, plannedAuth, priorAuth, r.data.projectionOptions(ctx, state.Service.ValueString()))
	upd.Config = withWriteOnlyConfig(ctx, req, upd.Config, planned, &resp.Diagnostics)
	upd.Auth = withWriteOnlyAuth(ctx, req, upd.Auth, plannedAuth, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	failedBefore, diags := setupTestsFailed(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	runTests := updateRunsSetupTests(plan.RunSetupTests, failedBefore, connectionTestedChange(plan.tested(), state.tested()))
	var c *fivetran.Connection
	var err error
	switch {
	case reflect.ValueOf(upd).IsZero() && !runTests:
		// Only settings Fivetran does not keep (run_setup_tests, trust_*)
		// changed: there is nothing to send.
		plan.copyComputed(&state)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
		if failedBefore { // run_setup_tests = false: no more re-runs
			resp.Diagnostics.Append(recordSetupTests(ctx, resp.Private, false)...)
		}
		return
	case reflect.ValueOf(upd).IsZero():
		c, err = r.data.client.TestConnection(ctx, id, optBool(plan.TrustCertificates), optBool(plan.TrustFingerprints))
	default:
		if runTests {
			upd.RunSetupTests = optBool(plan.RunSetupTests)
			upd.TrustCertificates = optBool(plan.TrustCertificates)
			upd.TrustFingerprints = optBool(plan.TrustFingerprints)
		}
		c, err = r.data.client.UpdateConnection(ctx, id, upd)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "update", "connection", id, withholdSent(err, planned, plannedAuth, upd.Config, upd.Auth))
		return
	}
	plan.applyComputed(c)
	plan.copyComputed(&state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.ID, &resp.Diagnostics)
	failed := failedSetupTests(c.SetupTests)
	if runTests || failedBefore { // tests not run after a failure: run_setup_tests was turned off
		resp.Diagnostics.Append(recordSetupTests(ctx, resp.Private, runTests && len(failed) > 0)...)
	}
	if len(failed) > 0 {
		addUpdateSetupTestError(&resp.Diagnostics, "connection", id, failed,
			append(configWriteOnly.inUse(ctx, req.Config), authWriteOnly.inUse(ctx, req.Config)...)...)
		r.data.explainProxyAgentTests(ctx, plan.NetworkingMethod, plan.ProxyAgentID, &resp.Diagnostics)
		r.data.explainPrivateLinkTests(ctx, plan.NetworkingMethod, plan.PrivateLinkID, &resp.Diagnostics)
		r.data.explainHybridAgentTests(ctx, plan.HybridDeploymentAgentID, &resp.Diagnostics)
	}
	addSetupTestWarnings(&resp.Diagnostics, "connection", id, c.SetupTests)
}

func (r *connectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state connectionModel
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
	// The destination's delete, which may run at the same time, waits for
	// the connections this process deletes.
	r.data.deletions.start(id)
	r.data.duplicates.remember("connection", id)
	if err := r.data.client.DeleteConnection(ctx, id); err != nil && !fivetran.IsNotFoundKind(err, fivetran.KindConnection) {
		r.data.deletions.failed(id)
		addAPIError(&resp.Diagnostics, "delete", "connection", id, err)
	}
}

func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if id, ok := importedByIdentity(ctx, req, "connection", &resp.Diagnostics); ok {
		if id != "" {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, []byte(`true`))...)
		}
		return
	}
	id := strings.TrimSpace(req.ID)
	if groupID, name, ok := strings.Cut(id, "/"); ok && r.data != nil {
		// <group_id>/<name>: a connection's name is unique in its group.
		found, err := r.data.client.ListConnections(r.data.logContext(ctx), fivetran.ListConnectionsOptions{GroupID: groupID, Schema: name})
		switch {
		case err != nil:
			addAPIError(&resp.Diagnostics, "import", "connection", id, err)
			return
		case len(found) != 1:
			resp.Diagnostics.AddError("Unable to import connection",
				fmt.Sprintf("Group %q has no connection named %q. The name is the destination schema (name, name.table or the prefix), as fivetran_connection.name shows it.", groupID, name))
			return
		}
		id = found[0].ID
	}
	if id == "" || !idPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import a connection by its id or by <group id>/<name>, for example: terraform import fivetran_connection.pg speak_inexpensive, "+
				"or terraform import fivetran_connection.pg decent_dropsy/app_db (got %q).", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, []byte(`true`))...)
}

// ModifyPlan derives the connection's name from destination_schema (so plans
// show it instead of "known after apply"), warns when a create's name is
// taken in its group (duplicates.go), and checks the plan against the
// connector type's metadata: the service exists, destination_schema has the
// keys the type needs, config and auth keys, value types and enum values;
// a changed config key the metadata marks immutable plans a replacement.
// It runs after the provider is configured; `terraform validate` needs no
// credentials. Unknown values are skipped.
func (r *connectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	plan, diags := readChecked(ctx, req.Plan.GetAttribute)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ds, ok := destinationSchemaOf(plan.DestinationSchema)
	if ok && ds.known() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("name"), types.StringValue(ds.connectionName()))...)
	}
	if r.data != nil {
		groupID, creates := r.data.duplicates.plannedCreate(ctx, "connection", path.Root("group_id"), req, &resp.Diagnostics)
		if creates && ok && ds.known() {
			r.data.duplicates.checkConnection(r.data.logContext(ctx), r.data.client, groupID, ds, &resp.Diagnostics)
		}
		r.data.checkNetworkRefs(r.data.logContext(ctx), req, &resp.Diagnostics)
	}
	if r.data == nil || !r.data.validateConfig || plan.Service.IsUnknown() || plan.Service.IsNull() {
		return
	}
	var state *connectionChecked
	if !req.State.Raw.IsNull() {
		s, diags := readChecked(ctx, req.State.GetAttribute)
		resp.Diagnostics.Append(diags...)
		if s.Config.Equal(plan.Config) && s.Auth.Equal(plan.Auth) && s.DestinationSchema.Equal(plan.DestinationSchema) &&
			!configWriteOnly.changed(ctx, req.State, req.Plan) && !authWriteOnly.changed(ctx, req.State, req.Plan) {
			return // nothing checked here changed (nor anything write-only to send): no need for metadata
		}
		state = &s
	}
	ctx = r.data.logContext(ctx)
	service := plan.Service.ValueString()
	ct, err := r.data.metadata.connectorType(ctx, service)
	if errors.Is(err, errUnknownService) {
		r.data.metadata.addUnknownService(ctx, service, &resp.Diagnostics)
		return
	}
	if err != nil {
		r.data.metadata.addUnreachable(service, err, &resp.Diagnostics)
		return
	}
	if ok {
		checkDestinationSchema(ds, ct, &resp.Diagnostics)
	}
	what := fmt.Sprintf("connector type %q", service)
	if cfg, err := dynamicToMap(plan.Config); err == nil && ct.Config != nil {
		schema := schemaFromNode(ct.Config)
		addProblems(&resp.Diagnostics, path.Root("config"),
			configproj.Validate(cfg, schema, configproj.ValidateOptions{SkipKeys: schemaConfigKeys, What: what}))
		if state != nil {
			r.requireReplaceForImmutable(ctx, state.Config, cfg, schema, service, resp)
		}
	}
	if auth, err := dynamicToMap(plan.Auth); err == nil && auth != nil {
		if ct.Auth == nil {
			resp.Diagnostics.AddAttributeError(path.Root("auth"), "Connector type takes no auth",
				fmt.Sprintf("Connector type %q has no auth section in Fivetran's metadata; put its credentials in config.", service))
		} else {
			addProblems(&resp.Diagnostics, path.Root("auth"),
				configproj.Validate(auth, schemaFromNode(ct.Auth), configproj.ValidateOptions{What: what + " (auth)"}))
		}
	}
	checkWriteOnlyAgainstMetadata(ctx, req.Config, ct, what, &resp.Diagnostics)
}

// requireReplaceForImmutable plans a replacement when a config key that the
// connector metadata marks immutable changes: Fivetran sets such keys only
// at creation and answers a PATCH changing one with 400 (timeframe_months of
// google_ads, for example). A warning on the key says why the connection is
// replaced; like every diagnostic it names the key, never its values.
func (r *connectionResource) requireReplaceForImmutable(ctx context.Context, prior types.Dynamic, planned map[string]any,
	schema *configproj.Schema, service string, resp *resource.ModifyPlanResponse) {
	old, err := dynamicToMap(prior)
	if err != nil || old == nil {
		return
	}
	for _, p := range configproj.ImmutableChanges(old, planned, schema, r.data.projectionOptions(ctx, service)) {
		at := attributePath(path.Root("config"), p)
		resp.RequiresReplace = append(resp.RequiresReplace, at)
		resp.Diagnostics.AddAttributeWarning(at, "Config change forces replacement",
			fmt.Sprintf("Fivetran sets config key %q of connector type %q only when a connection is created, so changing it "+
				"replaces the connection: Terraform destroys it and creates it again, and its data is synced again from the start. "+
				"Restore the previous value to keep the connection.", strings.Join(p, "."), service))
	}
}

// connectionChecked holds the attributes that ModifyPlan and the config
// validator look at. They read only these (GetAttribute per attribute):
// reading the whole model for every connection of every plan is a measurable
// cost at a thousand connections (see BENCHMARKS.md).
type connectionChecked struct {
	Service, DailySyncTime types.String
	SyncFrequency          types.Int64
	DestinationSchema      types.Map
	Config, Auth           types.Dynamic
}

func readChecked(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics) (connectionChecked, diag.Diagnostics) {
	var m connectionChecked
	var diags diag.Diagnostics
	diags.Append(get(ctx, path.Root("service"), &m.Service)...)
	diags.Append(get(ctx, path.Root("daily_sync_time"), &m.DailySyncTime)...)
	diags.Append(get(ctx, path.Root("sync_frequency"), &m.SyncFrequency)...)
	diags.Append(get(ctx, path.Root("destination_schema"), &m.DestinationSchema)...)
	diags.Append(get(ctx, path.Root("config"), &m.Config)...)
	diags.Append(get(ctx, path.Root("auth"), &m.Auth)...)
	return m, diags
}

// connectionConfigValidator holds the static rules of a connection's
// settings, checked by `terraform validate` without credentials.
type connectionConfigValidator struct{}

func (connectionConfigValidator) Description(context.Context) string {
	return "daily_sync_time needs sync_frequency = 1440; destination_schema keys go together; config holds no destination-schema keys"
}
func (v connectionConfigValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// nameErrorElsewhere says whether a destination_schema without a name or
// prefix already has an error that explains it: an empty name or prefix, or
// a key it does not take (a misspelt name), each reported by its validator.
func nameErrorElsewhere(m types.Map) bool {
	for k, v := range m.Elements() {
		if !slices.Contains(destinationSchemaAttrNames, k) || ((k == "name" || k == "prefix") && !v.IsNull()) {
			return true
		}
	}
	return false
}

func (connectionConfigValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, diags := readChecked(ctx, req.Config.GetAttribute)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !m.DailySyncTime.IsNull() && !m.DailySyncTime.IsUnknown() && !m.SyncFrequency.IsUnknown() &&
		(m.SyncFrequency.IsNull() || m.SyncFrequency.ValueInt64() != 1440) {
		freq := "the default 360"
		if !m.SyncFrequency.IsNull() {
			freq = fmt.Sprint(m.SyncFrequency.ValueInt64())
		}
		resp.Diagnostics.AddAttributeError(path.Root("daily_sync_time"), "daily_sync_time needs a daily sync",
			fmt.Sprintf("daily_sync_time applies only to daily syncs, but sync_frequency is %s: set sync_frequency = 1440, or remove daily_sync_time.", freq))
	}
	if ds, ok := destinationSchemaOf(m.DestinationSchema); ok && !ds.unknown {
		p := path.Root("destination_schema")
		switch {
		case ds.prefix != "" && (ds.name != "" || ds.table != "" || ds.tableGroupName != ""):
			resp.Diagnostics.AddAttributeError(p, "Conflicting destination_schema keys",
				"prefix names the schemas of a connection that writes several; it cannot go with name, table or table_group_name.")
		case ds.prefix == "" && ds.name == "" && !nameErrorElsewhere(m.DestinationSchema):
			resp.Diagnostics.AddAttributeError(p, "Missing destination_schema.name",
				"destination_schema needs name (or prefix, for connector types that write several schemas).")
		case ds.table != "" && ds.tableGroupName != "":
			resp.Diagnostics.AddAttributeError(p, "Conflicting destination_schema keys",
				"table and table_group_name do not go together: connector types take one or the other.")
		}
	}
	if cfg, err := dynamicToMap(m.Config); err == nil {
		for _, k := range schemaConfigKeys {
			if _, ok := cfg[k]; ok {
				field := schemaAttrOf(k)
				resp.Diagnostics.AddAttributeError(path.Root("config").AtMapKey(k), "Destination-schema key in config",
					fmt.Sprintf("Set %q through destination_schema.%s, not in config: Fivetran cannot change it after creation, so the provider manages it apart.", k, field))
			}
		}
	}
}

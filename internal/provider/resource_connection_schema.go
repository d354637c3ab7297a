package provider

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
	"github.com/openpipes/terraform-provider-fivetran/internal/schemachoice"
)

// fivetran_connection_schema: which schemas, tables and columns of one
// connection sync, and the schema-change policy. Only what the configuration
// writes is managed (the rest follows the policy and Fivetran, and never
// shows as a diff); the decisions (what to PATCH, what a refresh keeps, what
// import writes, what a plan can refuse) live in internal/schemachoice.

var (
	_ resource.Resource                = (*connectionSchemaResource)(nil)
	_ resource.ResourceWithConfigure   = (*connectionSchemaResource)(nil)
	_ resource.ResourceWithImportState = (*connectionSchemaResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*connectionSchemaResource)(nil)
)

func NewConnectionSchemaResource() resource.Resource { return &connectionSchemaResource{} }

type connectionSchemaResource struct {
	data *providerData
}

// importedKey marks, in private state, a Read that follows an import: that
// Read writes the choices that differ from the policy.
const importedKey = "imported"

func (r *connectionSchemaResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_schema"
}

func (r *connectionSchemaResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Which schemas, tables and columns of one connection sync, and what happens to new ones " +
			"(the schema-change policy). One per connection. Only what you write is managed: every table, column and " +
			"attribute you leave out follows `schema_change_handling` and Fivetran, and never shows as a diff; a change " +
			"made in Fivetran to something you wrote shows as exactly that change. Works on a connection created in the " +
			"same apply: create waits for Fivetran to discover the source (asking it to reload) before applying the choices. " +
			"Then every table is new to you: under `BLOCK_ALL` or `ALLOW_COLUMNS` only the tables the configuration names " +
			"(in `tables`, `sync_modes` or `columns`) sync; create switches off the others and lists them in `switched_tables`. " +
			"Destroying this resource only stops managing the choices: Fivetran keeps them. See the guide " +
			"\"Choosing tables and columns\".",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection whose schema config this is, and the id to import it by. Changing it " +
					"replaces the resource. (The resource has no separate `id` attribute: each top-level attribute adds to the cost " +
					"of every plan, and it would only repeat this one.)",
				Required:      true,
				Validators:    []validator.String{idValidator{what: "connection"}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"schema_change_handling": schema.StringAttribute{
				MarkdownDescription: "What happens to schemas, tables and columns that appear in the source later: `ALLOW_ALL` " +
					"(they sync), `ALLOW_COLUMNS` (new columns sync, new schemas and tables do not) or `BLOCK_ALL` (nothing new syncs). " +
					"Also the default every table you do not name follows. Unset: left as it is in Fivetran.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(fivetran.PolicyAllowAll, fivetran.PolicyAllowColumns, fivetran.PolicyBlockAll)},
			},
			"exclusive": schema.BoolAttribute{
				MarkdownDescription: "When true, every table no entry names (in `tables`, `sync_modes` or `columns`) that differs from the policy (included under " +
					"`BLOCK_ALL` or `ALLOW_COLUMNS`, excluded under `ALLOW_ALL`) is set to the policy by apply, and the plan lists " +
					"each such table in `switched_tables` first: on a new resource, when `exclusive` is turned on, when " +
					"`schema_change_handling` changes, and when a table drifts in Fivetran. Default false: unnamed tables are not managed.",
				Optional: true,
			},
			"switched_tables": schema.MapAttribute{
				MarkdownDescription: "Set by the provider: in a plan, the tables no entry names that apply will switch to the " +
					"policy, by `\"schema.table\"`, with the value each gets (`\"included\"` or `\"excluded\"`); apply switches " +
					"exactly these. That is every such table that differs from the policy under `exclusive = true`, and on create " +
					"before Fivetran has discovered the source (a connection created in the same apply) the tables that " +
					"`BLOCK_ALL` or `ALLOW_COLUMNS` holds back. Known after apply when the tables are not known at plan time. " +
					"After a refresh: empty under `exclusive`, null otherwise.",
				Computed:    true,
				ElementType: types.StringType,
			},
			"schemas": schema.MapAttribute{
				MarkdownDescription: "Whether whole schemas sync, by schema name (as Fivetran names it in the source; case-sensitive): " +
					"`\"included\"` or `\"excluded\"`. A schema not named here is not managed.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{choiceMap{words: []string{schemachoice.Included, schemachoice.Excluded}}},
			},
			"tables": schema.MapAttribute{
				MarkdownDescription: "Whether tables sync, by `\"schema.table\"`: `\"included\"` or `\"excluded\"`. A table not named " +
					"here is not managed (the policy decides).",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{choiceMap{key: keyTable, words: []string{schemachoice.Included, schemachoice.Excluded}}},
			},
			"sync_modes": schema.MapAttribute{
				MarkdownDescription: "Tables' sync modes, by `\"schema.table\"`: `SOFT_DELETE`, `HISTORY` (history mode; only where the " +
					"table supports it) or `LIVE`. A table not named here keeps its mode.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{choiceMap{key: keyTable, words: schemachoice.SyncModes}},
			},
			"columns": schema.MapAttribute{
				MarkdownDescription: "Column choices, by `\"schema.table.column\"` (only on tables that support column choices): " +
					"`\"included\"` (syncs as it is), `\"hashed\"` (syncs, its values hashed) or `\"excluded\"` (does not sync; " +
					"not possible for a primary-key column). A column not named here is not managed.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{choiceMap{key: keyColumn, words: []string{schemachoice.Included, schemachoice.Hashed, schemachoice.Excluded}}},
			},
			"timeouts": timeoutsAttribute(ctx, " Delete makes no API call."),
		},
	}
}

// choiceMap validates one of the flat maps in one pass: each key names what
// key says (a schema, "schema.table" or "schema.table.column"), each value
// is one of words. Its diagnostics point at the entry and never quote the
// value. (One validator instead of a key and a value validator per entry:
// the framework builds a request and a path per entry and per validator,
// which showed in the profile of a no-change plan.)
type choiceMap struct {
	key   keyKind
	words []string
}

type keyKind int

const (
	keySchema keyKind = iota
	keyTable
	keyColumn
)

func (v choiceMap) Description(context.Context) string {
	return "each key names " + v.keyHelp() + "; each value is one of " + configproj.QuoteList(v.words)
}

func (v choiceMap) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v choiceMap) keyHelp() string {
	switch v.key {
	case keyTable:
		return `a table as "schema.table"`
	case keyColumn:
		return `a column as "schema.table.column"`
	}
	return "a schema"
}

func (v choiceMap) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for k, e := range req.ConfigValue.Elements() {
		ok := k != ""
		switch v.key {
		case keyTable:
			_, _, ok = schemachoice.SplitTableKey(k, nil)
		case keyColumn:
			_, _, _, ok = schemachoice.SplitColumnKey(k, nil)
		}
		if !ok {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Invalid key",
				"The key must name "+v.keyHelp()+", with no empty name.")
		}
		s, isString := e.(types.String)
		if !isString || s.IsNull() || s.IsUnknown() {
			if isString && s.IsNull() {
				resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Missing choice", "Each entry needs a value, one of: "+configproj.QuoteList(v.words)+". Leave out an entry to leave its choice unmanaged.")
			}
			continue
		}
		if !slices.Contains(v.words, s.ValueString()) {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Invalid choice", "The value must be one of: "+configproj.QuoteList(v.words)+".")
		}
	}
}

func (r *connectionSchemaResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ---------------------------------------------------------------------------
// Hand-overs inside one provider process. The schema configs read by a
// refresh serve the plan that follows it (so a plan that checks names costs
// no second GET); the column lists read by a plan serve the apply of the same
// change (Terraform's apply walk plans each change right before applying it,
// in the same process). Each entry is taken out by its one user, so the
// caches hold at most the resources between those two steps.

// takeOnce holds values handed from one step to the next: a value taken is gone.
type takeOnce[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

func (c *takeOnce[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]V{}
	}
	c.m[key] = v
}

func (c *takeOnce[V]) take(key string) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.m[key]
	delete(c.m, key)
	return v
}

// ---------------------------------------------------------------------------
// CRUD

// maxPlanColumnReads bounds the GET .../columns calls one resource's plan
// makes to check column names; apply checks the rest.
const maxPlanColumnReads = 20

// tableUnchanged reports whether the plan leaves a table's columns as the
// prior state had them (then they were checked when they were applied).
func tableUnchanged(prior, desired schemachoice.Choices, st [2]string) bool {
	ps, ds := prior.Schemas[st[0]], desired.Schemas[st[0]]
	if ps == nil || ds == nil || ps.Tables[st[1]] == nil || ds.Tables[st[1]] == nil {
		return false
	}
	return reflect.DeepEqual(ps.Tables[st[1]].Columns, ds.Tables[st[1]].Columns)
}

func (r *connectionSchemaResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	unchanged := !req.State.Raw.IsNull() && req.Plan.Raw.Equal(req.State.Raw)
	if unchanged {
		var id types.String
		var exclusive types.Bool
		d := req.State.GetAttribute(ctx, path.Root("connection_id"), &id)
		d.Append(req.State.GetAttribute(ctx, path.Root("exclusive"), &exclusive)...)
		if d.HasError() || !exclusive.ValueBool() {
			// Nothing changes and nothing is switched, so nothing to check:
			// drop the refresh's answer and skip converting the whole value
			// into the model.
			r.data.schemaConfigs.take(id.ValueString())
			return
		}
		// Exclusive mode: a table may have drifted from the policy, which
		// only the schema config can tell.
	}
	var plan connectionSchemaModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var prior *connectionSchemaModel
	if !req.State.Raw.IsNull() {
		var state connectionSchemaModel
		if d := req.State.Get(ctx, &state); !d.HasError() {
			prior = &state
		}
	}
	sw := planSwitches{exclusive: plan.Exclusive, resp: resp}
	if !sw.on() {
		sw.set(ctx, types.MapNull(types.StringType))
	}
	// A schema config created before Fivetran has discovered the source
	// (the connection is created in this apply, or not discovered yet):
	// every table is new to the user, so the policy applies to all that no
	// entry names, once discovered. The plan cannot list them yet.
	firstConfig := req.State.Raw.IsNull() && !sw.on() && policyHoldsBack(plan.SchemaChangeHandling)
	if plan.ConnectionID.IsUnknown() {
		sw.notKnownYet(ctx, "the connection is created in this apply")
		if firstConfig {
			sw.set(ctx, types.MapUnknown(types.StringType))
		}
		if flat, known := flatOf(&plan); known {
			// Nothing to check names against yet, but choices that
			// contradict each other are wrong whatever the source holds.
			addSchemaProblems(&resp.Diagnostics, schemachoice.Validate(choicesOf(flat, nil, nil), nil, nil), flat, nil)
		}
		return
	}
	id := plan.ConnectionID.ValueString()
	cached := r.data.schemaConfigs.take(id)
	flat, known := flatOf(&plan)
	declares := flat.Schemas != nil || flat.Tables != nil || flat.SyncModes != nil || flat.Columns != nil
	if !sw.on() && !firstConfig && !known {
		return
	}
	// Read even when nothing is declared: a plan that changes the resource
	// is checked against Fivetran (credentials, the connection's id).
	ctx = r.data.logContext(ctx)
	actual := cached
	if actual == nil {
		sc, err := r.data.client.GetConnectionSchema(ctx, id)
		if err != nil {
			if !addPlanCallError(&resp.Diagnostics, path.Root("connection_id"), fivetran.KindConnection, "read the schema config of", "connection", id, err) {
				sw.notKnownYet(ctx, "its schema config could not be read at plan time")
			}
			return
		}
		actual = sc
		if r.data.schemaOnChange {
			// Once the plan is final: only an update sets choices back.
			defer func() {
				if !resp.Plan.Raw.Equal(req.State.Raw) {
					warnUnrefreshedDrift(req.State.Raw, sc, id, &resp.Diagnostics)
				}
			}()
		}
	}
	desired := choicesOf(flat, optString(plan.SchemaChangeHandling), actual)
	if firstConfig && len(actual.Schemas) == 0 {
		sw.set(ctx, types.MapUnknown(types.StringType))
	}
	if sw.on() {
		switch {
		case len(actual.Schemas) == 0:
			sw.notKnownYet(ctx, "Fivetran has not discovered its source yet")
		case !known || plan.Exclusive.IsUnknown():
			sw.set(ctx, types.MapUnknown(types.StringType))
		default:
			switches := schemachoice.Switches(desired, actual)
			if len(switches) == 0 && prior != nil && !prior.SwitchedTables.IsNull() && !prior.SwitchedTables.IsUnknown() {
				// Nothing to switch: keep what the state says (what the
				// last apply switched, when no refresh ran since).
				if !unchanged {
					sw.set(ctx, prior.SwitchedTables)
				}
			} else if !unchanged || len(switches) > 0 {
				sw.set(ctx, switchedValue(switches))
			}
		}
	}
	if unchanged || !known || !declares {
		return
	}
	// Column lists for the tables whose declared columns changed in this
	// plan and are not all listed (at most maxPlanColumnReads tables).
	var priorChoices schemachoice.Choices
	if prior != nil {
		if f, known := flatOf(prior); known {
			priorChoices = choicesOf(f, optString(prior.SchemaChangeHandling), actual)
		}
	}
	var need [][2]string
	for _, st := range schemachoice.NeedColumns(desired, actual) {
		if len(need) < maxPlanColumnReads && !tableUnchanged(priorChoices, desired, st) {
			need = append(need, st)
		}
	}
	complete, err := r.completeColumns(ctx, id, actual, need, true)
	if err != nil {
		if addPlanCallError(&resp.Diagnostics, path.Root("columns"), fivetran.KindConnection, "read the columns of", "connection", id, err) {
			return
		}
		complete = nil
	}
	for _, p := range schemachoice.Validate(desired, actual, complete) {
		at := problemPath(p, flat, actual)
		if p.NotFound && !p.Close {
			resp.Diagnostics.AddAttributeWarning(at, p.Summary+" (yet)", p.Detail+
				" If it was added to the source recently, apply asks Fivetran to reload the schema config before it decides; otherwise correct the name.")
			continue
		}
		resp.Diagnostics.AddAttributeError(at, p.Summary, p.Detail)
	}
}

// warnUnrefreshedDrift: with schema_refresh = "on_change" the state was not
// refreshed, so where Fivetran's schema config differs from it in a choice the
// resource declares, the plan of an update (from the state) does not show
// what its apply (from Fivetran's) will set back. The plan cannot show it as a
// change; it says so instead.
func warnUnrefreshedDrift(state tftypes.Value, actual *fivetran.SchemaConfig, id string, diags *diag.Diagnostics) {
	if state.IsNull() {
		return
	}
	prior, err := priorOf(state)
	if err != nil {
		return
	}
	if _, agrees := prior.refreshed(actual); agrees {
		return
	}
	diags.AddWarning("Schema config changed outside Terraform",
		fmt.Sprintf("With schema_refresh = \"on_change\" this plan did not refresh the schema config of connection %q, and Fivetran's now differs "+
			"from the state in schemas, tables or columns this resource declares. The plan shows the changes from the state; the apply sets "+
			"every declared choice to the configuration, so it also sets back what was changed outside Terraform. "+
			"To see those changes in the plan, plan with schema_refresh = \"always\" (the default).", id))
}

// policyHoldsBack reports whether a planned policy keeps tables nobody
// chose from syncing (BLOCK_ALL, ALLOW_COLUMNS), or may (unknown).
func policyHoldsBack(p types.String) bool {
	return p.IsUnknown() || p.ValueString() == fivetran.PolicyBlockAll || p.ValueString() == fivetran.PolicyAllowColumns
}

// planSwitches plans switched_tables: what exclusive mode, or the first
// schema config of a new connection, will switch.
type planSwitches struct {
	exclusive types.Bool
	resp      *resource.ModifyPlanResponse
}

// on: exclusive is on in the plan, or may be (unknown).
func (s planSwitches) on() bool { return s.exclusive.ValueBool() || s.exclusive.IsUnknown() }

func (s planSwitches) set(ctx context.Context, v types.Map) {
	s.resp.Diagnostics.Append(s.resp.Plan.SetAttribute(ctx, path.Root("switched_tables"), v)...)
}

// notKnownYet plans switched_tables as known after apply and says why the
// plan cannot list the tables.
func (s planSwitches) notKnownYet(ctx context.Context, why string) {
	if !s.on() {
		return
	}
	s.set(ctx, types.MapUnknown(types.StringType))
	s.resp.Diagnostics.AddAttributeWarning(path.Root("exclusive"), "Tables to switch not known yet",
		"The plan cannot list the tables that exclusive mode will switch, because "+why+
			": apply sets every table not named in tables to the policy once Fivetran has discovered the source, "+
			"and switched_tables shows them after apply.")
}

// completeColumns reads the full column list (GET .../columns) of the given
// tables into actual, and returns the "complete" test for Validate. Fivetran's
// schema config lists only the columns set after the initial sync, so names,
// primary keys and patch settings of the others need this call; it is made
// only for tables with declared columns that are not listed.
func (r *connectionSchemaResource) completeColumns(ctx context.Context, id string, actual *fivetran.SchemaConfig, tables [][2]string, keep bool) (func(string, string) bool, error) {
	done := map[[2]string]bool{}
	for _, st := range tables {
		at := actual.Schemas[st[0]].Tables[st[1]]
		if at.Columns == nil {
			at.Columns = map[string]*fivetran.ColumnEntry{}
		}
		key := id + "\x00" + st[0] + "\x00" + st[1]
		if cols := r.data.columnLists.take(key); cols != nil {
			// Read by this process's plan of the same change a moment ago:
			// it fills in the unlisted columns; the listed ones just read win.
			for cn, c := range cols {
				if _, listed := at.Columns[cn]; !listed {
					at.Columns[cn] = c
				}
			}
			done[st] = true
			continue
		}
		cols, err := r.data.client.ListTableColumns(ctx, id, st[0], st[1])
		if err != nil {
			return nil, err
		}
		for cn, c := range cols {
			at.Columns[cn] = c
		}
		if keep {
			r.data.columnLists.put(key, cols)
		}
		done[st] = true
	}
	return func(s, t string) bool { return done[[2]string{s, t}] }, nil
}

// discovered returns the schema config once Fivetran has discovered the
// schemas and tables the choices name (with everyTable, the source): it asks for a reload when they are
// missing, then polls (with growing waits, logging progress) until the
// source has schemas or ctx ends.
func (r *connectionSchemaResource) discovered(ctx context.Context, id string, f schemachoice.Flat, everyTable bool) (*fivetran.SchemaConfig, error) {
	sc, err := r.data.client.GetConnectionSchema(ctx, id)
	if err != nil {
		return sc, err
	}
	missing := schemachoice.Missing(schemachoice.FromFlat(f, sc), sc)
	if len(missing) == 0 && (!everyTable || len(sc.Schemas) > 0) {
		// Switching tables nobody named needs every table, so it waits
		// for discovery even when the configuration names none.
		return sc, nil
	}
	tflog.Info(ctx, "Schemas or tables named in the configuration are not in the connection's schema config yet; asking Fivetran to reload it",
		map[string]any{"connection_id": id, "missing": len(missing)})
	if sc, err = r.data.client.ReloadConnectionSchema(ctx, id, ""); err != nil {
		return nil, err
	}
	start, reloaded := time.Now(), true
	err = poll(ctx, schedule{first: schemaDiscoveryPoll, max: schemaDiscoveryPollMax}, func() (bool, error) {
		if !reloaded {
			if sc, err = r.data.client.GetConnectionSchema(ctx, id); err != nil {
				return false, err
			}
		}
		reloaded = false
		if len(sc.Schemas) > 0 {
			return true, nil
		}
		tflog.Info(ctx, "Waiting for Fivetran to discover the connection's source", map[string]any{
			"connection_id": id, "elapsed": time.Since(start).Round(time.Second).String()})
		return false, nil
	})
	if errors.Is(err, errWaitEnded) {
		return nil, fmt.Errorf("fivetran had not discovered the source's schemas after %s (the create timeout); "+
			"run the connection's setup tests or a sync so that Fivetran can read the source, then apply again: %w",
			time.Since(start).Round(time.Second), ctx.Err())
	}
	if err != nil {
		return nil, err
	}
	return sc, nil
}

// apply makes Fivetran match plan (one GET, at most one PATCH) and returns
// the state to store.
func (r *connectionSchemaResource) apply(ctx context.Context, plan *connectionSchemaModel, diags *diag.Diagnostics, verb string) {
	id := plan.ConnectionID.ValueString()
	flat, known := flatOf(plan)
	if !known {
		diags.AddError("Unknown schema choices", "Some schema choices are still unknown at apply time; this is a bug in the provider or in Terraform.")
		return
	}
	actual, err := r.discovered(ctx, id, flat, plan.Exclusive.ValueBool() || plan.SwitchedTables.IsUnknown())
	if err != nil {
		addAPIError(diags, verb+" the schema config of", "connection", id, err)
		return
	}
	desired := choicesOf(flat, optString(plan.SchemaChangeHandling), actual)
	complete, err := r.completeColumns(ctx, id, actual, schemachoice.NeedColumns(desired, actual), false)
	if err != nil {
		addAPIError(diags, "read the columns of", "connection", id, err)
		return
	}
	if ps := schemachoice.Validate(desired, actual, complete); len(ps) > 0 {
		addSchemaProblems(diags, ps, flat, actual)
		return
	}
	// Apply switches exactly the tables the plan listed; only a plan that
	// could not list them (known after apply: exclusive mode, or the first
	// schema config of a new connection, before discovery) leaves the
	// choice to now, when the source is discovered.
	var switches map[[2]string]bool
	switch {
	case plan.SwitchedTables.IsUnknown():
		switches = schemachoice.Switches(desired, actual)
		plan.SwitchedTables = switchedValue(switches)
	case plan.SwitchedTables.IsNull():
		if plan.Exclusive.ValueBool() {
			switches = schemachoice.Switches(desired, actual)
			plan.SwitchedTables = switchedValue(switches)
		}
	default:
		switches = switchesOf(plan.SwitchedTables, actual)
	}
	if up, changed := schemachoice.Delta(desired, actual, switches); changed {
		tflog.Debug(ctx, "Patching the schema config", map[string]any{"connection_id": id, "schemas": len(up.Schemas)})
		if actual, err = r.data.client.UpdateConnectionSchema(ctx, id, up); err != nil {
			addAPIError(diags, verb+" the schema config of", "connection", id, err)
			return
		}
	}
	plan.setChoices(schemachoice.Project(desired, actual))
}

func (r *connectionSchemaResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan connectionSchemaModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.apply(ctx, &plan, &resp.Diagnostics, "set")
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setConnectionIdentity(ctx, resp.Identity, plan.ConnectionID.ValueString(), &resp.Diagnostics)
}

func (r *connectionSchemaResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	prior, err := priorOf(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Unreadable state", "The state of this schema config does not have the shape the provider expects: "+err.Error())
		return
	}
	var t timeouts.Value
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.readOperation(ctx, t, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := prior.connectionID
	// Every Read sets the identity, also one that removes the resource
	// (identity.go).
	setConnectionIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	imported, ds := req.Private.GetKey(ctx, importedKey)
	resp.Diagnostics.Append(ds...)
	if r.data.schemaOnChange && len(imported) == 0 && prior.switchedIsRefreshed() {
		// schema_refresh = "on_change": Fivetran has no list of schema
		// configs, so this is the only way a large refresh spends no request
		// per schema config. The state stays as it is (resp.State holds it);
		// ModifyPlan reads Fivetran's when the configuration changes it.
		tflog.Debug(ctx, "schema_refresh = \"on_change\": schema config not read", map[string]any{"connection_id": id})
		return
	}
	actual, err := r.data.client.GetConnectionSchema(ctx, id)
	if fivetran.IsNotFoundKind(err, fivetran.KindConnection) {
		tflog.Debug(ctx, "Connection is gone from Fivetran; removing its schema config from state", map[string]any{"connection_id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read the schema config of", "connection", id, err)
		return
	}
	var got schemachoice.Choices
	if len(imported) > 0 {
		got = schemachoice.Generate(actual)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
	} else {
		var agrees bool
		got, agrees = prior.refreshed(actual)
		if agrees && prior.switchedIsRefreshed() {
			// Fivetran agrees with every declared choice: the state stays
			// as it is (resp.State holds it already), with no conversion.
			r.data.schemaConfigs.put(id, actual)
			return
		}
	}
	r.data.schemaConfigs.put(id, actual)
	var state connectionSchemaModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.setChoices(got)
	state.SwitchedTables = refreshedSwitched(prior.exclusive)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *connectionSchemaResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan connectionSchemaModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r.apply(ctx, &plan, &resp.Diagnostics, "update")
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setConnectionIdentity(ctx, resp.Identity, plan.ConnectionID.ValueString(), &resp.Diagnostics)
}

// Delete only forgets the choices: a connection always has a schema config,
// and Fivetran keeps it as it is.
func (r *connectionSchemaResource) Delete(ctx context.Context, req resource.DeleteRequest, _ *resource.DeleteResponse) {
	tflog.Info(ctx, "Removing fivetran_connection_schema from state only; Fivetran keeps the connection's schema config as it is")
}

func (r *connectionSchemaResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, byIdentity := importedByConnectionIdentity(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !byIdentity {
		id = strings.TrimSpace(req.ID)
	}
	if id == "" || !idPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id",
			"Import a connection's schema config by the connection's id, for example: terraform import fivetran_connection_schema.main decent_dropsy.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("connection_id"), id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
	setConnectionIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

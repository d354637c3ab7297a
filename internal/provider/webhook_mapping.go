package provider

import (
	"context"
	"regexp"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The webhook's mapping, in the order every object's mapping file keeps
// (group_mapping.go): the resource model; fromAPI; webhookImported; the
// data-source form; the create request; the update; and the rules plan and
// apply share.
//
// A webhook has Fivetran post the events it names to its URL, signed with
// its secret: for the whole account, or for one group when group_id is set.
// Fivetran never shows the secret back (it answers "******"), so the state
// keeps the one written.

type webhookModel struct {
	ID        types.String   `tfsdk:"id"`
	GroupID   types.String   `tfsdk:"group_id"`
	Type      types.String   `tfsdk:"type"`
	URL       types.String   `tfsdk:"url"`
	Events    types.Set      `tfsdk:"events"`
	Active    types.Bool     `tfsdk:"active"`
	Secret    types.String   `tfsdk:"secret"`
	RunTests  types.Bool     `tfsdk:"run_tests"`
	CreatedAt types.String   `tfsdk:"created_at"`
	CreatedBy types.String   `tfsdk:"created_by"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what a GET returns into the model. The secret is not in
// it: the model keeps the one it holds, unless Fivetran says the webhook
// has none (then it is null, and a configured secret plans a change).
// run_tests and the timeouts are the caller's.
func (m *webhookModel) fromAPI(w *fivetran.Webhook) {
	m.ID = types.StringValue(w.ID)
	m.GroupID = stringOrNull(w.GroupID)
	m.URL = types.StringValue(w.URL)
	m.Events = stringSet(w.Events)
	m.Active = types.BoolValue(w.Active)
	if w.Secret == "" {
		m.Secret = types.StringNull()
	}
	m.computedFromAPI(w)
}

// computedFromAPI copies only what Fivetran decides: a create and an update
// keep what the plan says of the rest.
func (m *webhookModel) computedFromAPI(w *fivetran.Webhook) {
	m.ID = types.StringValue(w.ID)
	m.Type = stringOrNull(w.Type)
	m.CreatedAt = stringOrNull(w.CreatedAt)
	m.CreatedBy = stringOrNull(w.CreatedBy)
}

func stringSet(ss []string) types.Set {
	vs := make([]attr.Value, 0, len(ss))
	for _, s := range ss {
		vs = append(vs, types.StringValue(s))
	}
	return types.SetValueMust(types.StringType, vs)
}

// webhookImported is what an import by id reads, and so what a list result
// holds: everything a GET shows, no secret (Fivetran never shows it; set
// it in the configuration and the next apply sends it).
func webhookImported(w *fivetran.Webhook, t timeouts.Value) webhookModel {
	m := webhookModel{Secret: types.StringNull(), RunTests: types.BoolValue(false), Timeouts: t}
	m.fromAPI(w)
	return m
}

// webhookDataModel is a webhook as the data sources show it.
type webhookDataModel struct {
	ID        types.String `tfsdk:"id"`
	GroupID   types.String `tfsdk:"group_id"`
	Type      types.String `tfsdk:"type"`
	URL       types.String `tfsdk:"url"`
	Events    types.Set    `tfsdk:"events"`
	Active    types.Bool   `tfsdk:"active"`
	HasSecret types.Bool   `tfsdk:"has_secret"`
	CreatedAt types.String `tfsdk:"created_at"`
	CreatedBy types.String `tfsdk:"created_by"`
}

func webhookDataOf(w *fivetran.Webhook) webhookDataModel {
	return webhookDataModel{
		ID: types.StringValue(w.ID), GroupID: stringOrNull(w.GroupID), Type: stringOrNull(w.Type), URL: types.StringValue(w.URL),
		Events: stringSet(w.Events), Active: types.BoolValue(w.Active), HasSecret: types.BoolValue(w.Secret != ""),
		CreatedAt: stringOrNull(w.CreatedAt), CreatedBy: stringOrNull(w.CreatedBy),
	}
}

// webhookEvents reads a plan's events, sorted.
func webhookEvents(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	slices.Sort(out)
	return out
}

// webhookCreate is what a create sends.
func webhookCreate(ctx context.Context, plan webhookModel, diags *diag.Diagnostics) fivetran.WebhookCreate {
	return fivetran.WebhookCreate{URL: plan.URL.ValueString(), Events: webhookEvents(ctx, plan.Events, diags),
		Active: plan.Active.ValueBool(), Secret: plan.Secret.ValueString()}
}

// webhookUpdate is what an update sends: the fields that changed. A secret
// taken out of the configuration is not cleared in Fivetran (the API has no
// way to say so): it stops being managed.
func webhookUpdate(ctx context.Context, plan, prior webhookModel, diags *diag.Diagnostics) (fivetran.WebhookUpdate, bool) {
	var u fivetran.WebhookUpdate
	changed := false
	if !plan.URL.Equal(prior.URL) {
		u.URL, changed = plan.URL.ValueStringPointer(), true
	}
	if !plan.Events.Equal(prior.Events) {
		u.Events, changed = webhookEvents(ctx, plan.Events, diags), true
	}
	if !plan.Active.Equal(prior.Active) {
		u.Active, changed = plan.Active.ValueBoolPointer(), true
	}
	if !plan.Secret.IsNull() && !plan.Secret.Equal(prior.Secret) {
		u.Secret, changed = plan.Secret.ValueStringPointer(), true
	}
	return u, changed
}

// webhookURLPattern is an absolute http or https URL: what Fivetran posts to.
var webhookURLPattern = regexp.MustCompile(`^https?://[^\s/?#]+[^\s]*$`)

// webhookCreatedBy picks, among the listed webhooks, the one a create whose
// answer was lost made: webhooks have no name, so it is one with the same
// group, URL and events, created since the request was sent (less
// reconcileClockSkew), that no resource of this configuration holds.
func webhookCreatedBy(hooks []fivetran.Webhook, in fivetran.WebhookCreate, groupID string, sent time.Time, managed func(string) bool) (*fivetran.Webhook, bool) {
	for i, w := range hooks {
		events := slices.Clone(w.Events)
		slices.Sort(events)
		created, perr := time.Parse(time.RFC3339Nano, w.CreatedAt)
		if w.GroupID == groupID && w.URL == in.URL && slices.Equal(events, in.Events) && !managed(w.ID) &&
			(perr != nil || !created.Before(sent.Add(-reconcileClockSkew))) {
			return &hooks[i], true
		}
	}
	return nil, false
}

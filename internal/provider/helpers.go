package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// operation starts a resource operation: ctx bounded by one of the
// resource's timeouts (a timeouts.Value method such as plan.Timeouts.Create,
// defaulting to defaultTimeout), so that a hung API can never hang an apply,
// and with the credentials masked from every log line.
func (d *providerData) operation(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	return d.bounded(ctx, get, defaultTimeout, diags)
}

// readOperation is operation for Read, whose timeout defaults to 5 minutes.
func (d *providerData) readOperation(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	return d.bounded(ctx, t.Read, 5*time.Minute, diags)
}

func (d *providerData) bounded(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	limit, ds := get(ctx, def)
	diags.Append(ds...)
	if ds.HasError() {
		return ctx, func() {}, false
	}
	c, cancel := context.WithTimeout(d.logContext(ctx), limit)
	return c, cancel, true
}

// stringOrNull maps the API's "" (or null) for an unset string to a null value.
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// optString returns a pointer to a known, non-null string value, else nil.
func optString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

func optBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

func optInt(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	i := int(v.ValueInt64())
	return &i
}

// changedString returns the planned value when it differs from the prior
// one. For attributes that cannot be cleared (those with a default), a null
// plan sends nothing; clearable ones use changedNullable.
func changedString(plan, prior types.String) *string {
	if plan.IsUnknown() || plan.IsNull() || plan.Equal(prior) {
		return nil
	}
	return optString(plan)
}

// changedNullable is changedString for the attributes a user can remove
// (daily_sync_time, the agent and link ids): left alone when unchanged, set
// to the planned value, or cleared with JSON null when the plan removes it.
// Fivetran refuses "" for these fields.
func changedNullable(plan, prior types.String) fivetran.Nullable[string] {
	switch {
	case plan.IsUnknown() || plan.Equal(prior):
		return fivetran.Nullable[string]{}
	case plan.IsNull():
		return fivetran.Clear[string]()
	default:
		return fivetran.Set(plan.ValueString())
	}
}

func changedBool(plan, prior types.Bool) *bool {
	if plan.IsUnknown() || plan.IsNull() || plan.Equal(prior) {
		return nil
	}
	return optBool(plan)
}

func changedInt(plan, prior types.Int64) *int {
	if plan.IsUnknown() || plan.IsNull() || plan.Equal(prior) {
		return nil
	}
	return optInt(plan)
}

// setupTestsFailedKey marks, in private state, an object whose setup tests
// failed on its last update. Terraform taints only on create, so without it
// the next plan would be empty while the tests still fail.
const setupTestsFailedKey = "setup_tests_failed"

// privateGetter is the GetKey half of the framework's private state, as
// plan modifiers and resource requests hold it.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// setupTestsFailed reports whether the last update's setup tests failed.
func setupTestsFailed(ctx context.Context, p privateGetter) (bool, diag.Diagnostics) {
	if p == nil {
		return false, nil
	}
	v, diags := p.GetKey(ctx, setupTestsFailedKey)
	return len(v) > 0, diags
}

// privateSetter is the SetKey half of the framework's private state.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// recordSetupTests records in private state whether an update's setup
// tests failed, so that the next plan runs them again (or not).
func recordSetupTests(ctx context.Context, p privateSetter, failed bool) diag.Diagnostics {
	if failed {
		return p.SetKey(ctx, setupTestsFailedKey, []byte(`true`))
	}
	return p.SetKey(ctx, setupTestsFailedKey, nil)
}

// retestPlanned reports, for the plan modifier of setup_state or
// setup_status, whether the setup tests failed on the object's last update
// and run_setup_tests is on: then the plan runs them again (the caller plans
// the value unknown, so the plan shows an update) and a warning says why.
func retestPlanned(ctx context.Context, req planmodifier.StringRequest, object string, diags *diag.Diagnostics) bool {
	if req.State.Raw.IsNull() {
		return false
	}
	failed, d := setupTestsFailed(ctx, req.Private)
	diags.Append(d...)
	if !failed {
		return false
	}
	var run types.Bool
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("run_setup_tests"), &run)...)
	if !run.IsUnknown() && !run.ValueBool() {
		return false
	}
	diags.AddAttributeWarning(req.Path, "Setup tests to run again",
		fmt.Sprintf("The setup tests of this %s failed on its last update. This plan runs them again (%s is known after apply); "+
			"set run_setup_tests = false to stop running them.", object, req.Path.String()))
	return true
}

// notBlankValidator rejects strings made only of white space.
type notBlankValidator struct{}

func (notBlankValidator) Description(context.Context) string { return "must not be blank" }
func (v notBlankValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}
func (v notBlankValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Blank value", "The value must not be empty or only white space.")
	}
}

// idPattern is the shape of Fivetran ids (groups, destinations, connections,
// agents): lowercase words joined by underscores, or hex.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_\-]+$`)

type idValidator struct{ what string }

func (v idValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a Fivetran %s id such as decent_dropsy", v.what)
}
func (v idValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (v idValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if !idPattern.MatchString(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid id",
			fmt.Sprintf("The value %s (letters, digits and underscores only).", v.Description(ctx)))
	}
}

// serviceIDValidator checks the shape of a service id (snowflake, google_ads,
// 15five). Whether the service exists is checked at plan time against the
// API's metadata, so that new Fivetran types need no provider release.
type serviceIDValidator struct{}

var serviceIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_]*$`)

func (serviceIDValidator) Description(context.Context) string {
	return "must be a Fivetran service id in lower case, such as snowflake or google_ads"
}
func (v serviceIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}
func (v serviceIDValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if !serviceIDPattern.MatchString(s) {
		hint := ""
		if l := strings.ToLower(strings.TrimSpace(s)); serviceIDPattern.MatchString(l) {
			hint = fmt.Sprintf(" Did you mean %q?", l)
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid service", fmt.Sprintf("%q %s.%s", s, v.Description(ctx), hint))
	}
}

// networkingValidator checks that the agent and link ids go with the
// networking method that uses them (destinations and connections alike).
type networkingValidator struct{}

func (networkingValidator) Description(context.Context) string {
	return "private_link_id needs networking_method = \"PrivateLink\"; proxy_agent_id needs networking_method = \"ProxyAgent\""
}
func (v networkingValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}
func (v networkingValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var method, link, proxy types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("networking_method"), &method)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("private_link_id"), &link)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("proxy_agent_id"), &proxy)...)
	if method.IsUnknown() || resp.Diagnostics.HasError() {
		return
	}
	m := method.ValueString()
	if m == "" {
		m = "Directly"
	}
	if !link.IsNull() && !link.IsUnknown() && m != "PrivateLink" {
		resp.Diagnostics.AddAttributeError(path.Root("private_link_id"), "Conflicting networking settings",
			fmt.Sprintf("private_link_id is set, but networking_method is %q: set networking_method = \"PrivateLink\", or remove private_link_id.", m))
	}
	if !proxy.IsNull() && !proxy.IsUnknown() && m != "ProxyAgent" {
		resp.Diagnostics.AddAttributeError(path.Root("proxy_agent_id"), "Conflicting networking settings",
			fmt.Sprintf("proxy_agent_id is set, but networking_method is %q: set networking_method = \"ProxyAgent\", or remove proxy_agent_id.", m))
	}
	if m == "PrivateLink" && link.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("private_link_id"), "Missing private_link_id",
			"networking_method = \"PrivateLink\" needs private_link_id: the id of the PrivateLink to use.")
	}
	if m == "ProxyAgent" && proxy.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("proxy_agent_id"), "Missing proxy_agent_id",
			"networking_method = \"ProxyAgent\" needs proxy_agent_id: the id of the proxy agent to use.")
	}
}

var basetypesObjectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// How long createReconciled keeps looking for an object whose create had no
// answer, and its first wait between looks (doubled each time, at most
// reconcileWaitMax). Fivetran's lists lag its writes: a create that
// succeeded may be missing from a list for a while, and a re-sent create may
// meet the first one (409) before any list shows it. Tests shorten these.
var (
	reconcileSettle  = 30 * time.Second
	reconcileWait    = time.Second
	reconcileWaitMax = 8 * time.Second
)

// createReconciled runs create. When the outcome is unknown (the request was
// sent but no definitive answer came back) it looks for the object with
// find, again and again with backoff for up to reconcileSettle while it is
// missing: found, it is adopted; still missing, the create is tried again (the
// server did not act), at most attempts times in all. A re-sent create that
// meets 409 Conflict means the lost one did act: the object is looked for
// again, with the same patience, and adopted. Anything else is an error that
// says what to check. So a lost answer never makes a duplicate, and a
// transient fault never fails the apply.
func createReconciled[T any](ctx context.Context, attempts int, create func() (T, error), find func() (T, bool, error)) (T, error) {
	var zero T
	var lastErr error
	unknown := false // an earlier attempt may have created the object
	for attempt := 1; attempt <= max(1, attempts); attempt++ {
		obj, err := create()
		switch {
		case err == nil:
			return obj, nil
		case fivetran.IsOutcomeUnknown(err):
			lastErr, unknown = err, true
			tflog.Warn(ctx, "Create had no answer; looking for the object before trying again", map[string]any{"attempt": attempt})
		case unknown && fivetran.IsConflict(err):
			tflog.Warn(ctx, "The create was sent again and met the object the first one made; looking for it", map[string]any{"attempt": attempt})
			found, ok, ferr := lookPatiently(ctx, find)
			switch {
			case ferr != nil:
				return zero, fmt.Errorf("%w (the first create's answer was lost, and looking for the object it made failed: %s)", err, explainError(ferr))
			case ok:
				tflog.Info(ctx, "The first create had succeeded: adopting the object")
				return found, nil
			}
			return zero, fmt.Errorf("%w (the first create's answer was lost and the object it made was not found within %s: "+
				"check Fivetran and import it)", err, reconcileSettle)
		default:
			return obj, err
		}
		found, ok, ferr := lookPatiently(ctx, find)
		if ferr != nil {
			return zero, fmt.Errorf("%w (and looking for the object failed too: %s)", err, explainError(ferr))
		}
		if ok {
			tflog.Info(ctx, "The create had succeeded: adopting the object")
			return found, nil
		}
		if ctx.Err() != nil {
			return zero, err
		}
	}
	return zero, lastErr
}

// lookPatiently runs find until it finds the object, fails, reconcileSettle
// has passed or ctx ends, waiting with backoff between looks.
func lookPatiently[T any](ctx context.Context, find func() (T, bool, error)) (T, bool, error) {
	deadline := time.Now().Add(reconcileSettle)
	wait := reconcileWait
	for {
		found, ok, err := find()
		if ok || err != nil {
			return found, ok, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return found, false, nil
		}
		t := time.NewTimer(min(wait, left))
		select {
		case <-ctx.Done():
			t.Stop()
			return found, false, nil
		case <-t.C:
		}
		wait = min(2*wait, reconcileWaitMax)
	}
}

// objectValidator requires a Dynamic attribute (config, auth) to hold an
// object such as { key = "value" }, so that `terraform validate` reports a
// string or a list on the attribute itself.
type objectValidator struct{}

func (objectValidator) Description(context.Context) string {
	return `must be an object such as { host = "db.example.com", port = 5432 }`
}
func (v objectValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (v objectValidator) ValidateDynamic(ctx context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.IsUnderlyingValueNull() ||
		req.ConfigValue.IsUnderlyingValueUnknown() {
		return
	}
	switch req.ConfigValue.UnderlyingValue().(type) {
	case basetypes.ObjectValue, basetypes.MapValue:
		return
	}
	g, _ := attrToGo(req.ConfigValue.UnderlyingValue())
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s %s, got %s.", req.Path.String(), v.Description(ctx), kindOf(g)))
}

// timeoutsAttribute is the `timeouts` attribute of every resource, with the
// defaults stated.
func timeoutsAttribute(ctx context.Context, deleteNote string) schema.Attribute {
	return timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: "How long a create may take, retries included (a Go duration such as \"10m\"). Defaults to 20m.",
		ReadDescription:   "How long a refresh may take, retries included. Defaults to 5m.",
		UpdateDescription: "How long an update may take, retries included. Defaults to 20m.",
		DeleteDescription: "How long a delete may take, retries included. Defaults to 20m." + deleteNote,
	})
}

// groupMissing reports whether a create failed because its group does not
// exist. Fivetran answers a create in a missing group with NotFound_Group or,
// per its spec, a plain NotFound, which an unknown route (a wrong base URL)
// answers too: the plain one is confirmed with one GET of the group.
func groupMissing(ctx context.Context, client *fivetran.Client, groupID string, err error) bool {
	if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
		return true
	}
	var apiErr *fivetran.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return false
	}
	_, gerr := client.GetGroup(ctx, groupID)
	return fivetran.IsNotFoundKind(gerr, fivetran.KindGroup)
}

package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// Write-only secrets (Terraform 1.11 and later). `config_wo` (and a
// connection's `auth_wo`) hold secret settings that Terraform passes to the
// provider on apply and never stores: they are null in every plan and state.
// They are sent to Fivetran on create and again whenever their companion
// `…_version` number changes; the version is an ordinary attribute, kept in
// state, because nothing else can tell that a value nobody stores has
// changed. Their keys are merged into the request over `config` (`auth`); a
// key may not be in both. Keys in config_wo are not projected or managed in
// state (configproj never sees them); plan-time validation still checks them
// against the connector type's metadata. Terraform before 1.11 cannot send
// write-only values: the framework rejects a non-null one with an error that
// names the version needed.

// writeOnlyPair is a write-only attribute and the attribute it completes.
type writeOnlyPair struct{ writeOnly, version, plain string }

var (
	configWriteOnly = writeOnlyPair{writeOnly: "config_wo", version: "config_wo_version", plain: "config"}
	authWriteOnly   = writeOnlyPair{writeOnly: "auth_wo", version: "auth_wo_version", plain: "auth"}
)

// writeOnlyAttributes returns the schema of a write-only pair.
func (p writeOnlyPair) attributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		p.writeOnly: schema.DynamicAttribute{
			MarkdownDescription: fmt.Sprintf("**Write-only** (Terraform 1.11 and later): secret %s settings, as an object like `%s`, "+
				"that never reach the plan or the state. They are merged into `%s` key by key, also inside nested objects "+
				"(such as `client_access = { client_secret = … }` in `auth_wo` beside `client_access = { client_id = … }` in `auth`); "+
				"the same key may not be set in both. They are sent when the %s is created and whenever `%s` changes; changing only the values here sends nothing. "+
				"Not read back, so changes made outside Terraform are not detected. Keys are checked against Fivetran's metadata at plan time where it has any. "+
				"With older Terraform, or OpenTofu before 1.11, setting it is an error: use `%s` from a sensitive variable instead.",
				p.plain, map[string]string{"config": "{ password = var.db_password }", "auth": "{ client_access = { client_secret = var.secret } }"}[p.plain],
				p.plain, what, p.version, p.plain),
			Optional:   true,
			WriteOnly:  true,
			Validators: []validator.Dynamic{objectValidator{}},
		},
		p.version: schema.Int64Attribute{
			MarkdownDescription: fmt.Sprintf("Any number, such as `1`; change it (usually increase it) to send the values of `%s` again, "+
				"for example after rotating a secret. Stored in state; changing it updates the %s in place.", p.writeOnly, what),
			Optional:   true,
			Validators: []validator.Int64{int64validator.AtLeast(0)},
		},
	}
}

// read returns the write-only object of the request's configuration (nil
// when not set).
func (p writeOnlyPair) read(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) (map[string]any, bool) {
	var v types.Dynamic
	if d := cfg.GetAttribute(ctx, path.Root(p.writeOnly), &v); d.HasError() {
		diags.Append(d...)
		return nil, false
	}
	return planConfig(v, path.Root(p.writeOnly), diags)
}

// readKnown is read at plan time: nil when the object is null or not known
// yet (values inside it may be unknown: configproj skips those), or is not an
// object (its validator reports that).
func (p writeOnlyPair) readKnown(ctx context.Context, cfg tfsdk.Config) map[string]any {
	var v types.Dynamic
	if d := cfg.GetAttribute(ctx, path.Root(p.writeOnly), &v); d.HasError() {
		return nil
	}
	m, err := dynamicToMap(v)
	if err != nil {
		return nil
	}
	return m
}

// inUse returns the pair when the configuration sets its write-only
// attribute, for messages that must mention its version (nil otherwise).
func (p writeOnlyPair) inUse(ctx context.Context, cfg tfsdk.Config) []writeOnlyPair {
	var v types.Dynamic
	if d := cfg.GetAttribute(ctx, path.Root(p.writeOnly), &v); d.HasError() || v.IsNull() {
		return nil
	}
	return []writeOnlyPair{p}
}

// changed reports whether the version differs between state and plan.
func (p writeOnlyPair) changed(ctx context.Context, state tfsdk.State, plan tfsdk.Plan) bool {
	var before, after types.Int64
	state.GetAttribute(ctx, path.Root(p.version), &before)
	plan.GetAttribute(ctx, path.Root(p.version), &after)
	return !before.Equal(after)
}

// overlayWriteOnly returns body with the write-only object merged into it
// (a new map; body is not changed): key by key, also inside nested
// objects, so that `client_access = { client_id = … }` in auth and
// `client_access = { client_secret = … }` in auth_wo make one client_access.
// Top-level nulls are not sent, as on create. The same leaf in both is
// refused by writeOnlyValidator before any request is made.
func overlayWriteOnly(body, wo map[string]any) map[string]any {
	if len(wo) == 0 {
		return body
	}
	out := maps.Clone(body)
	if out == nil {
		out = map[string]any{}
	}
	for k, v := range configproj.ForCreate(wo) {
		out[k] = mergeWriteOnly(out[k], v)
	}
	return out
}

// mergeWriteOnly merges a write-only value into a plain one: two objects
// key by key (recursively), anything else is the write-only value.
func mergeWriteOnly(plain, wo any) any {
	pm, ok := plain.(map[string]any)
	wm, ok2 := wo.(map[string]any)
	if !ok || !ok2 {
		return wo
	}
	out := maps.Clone(pm)
	for k, v := range wm {
		out[k] = mergeWriteOnly(pm[k], v)
	}
	return out
}

// writeOnlyConflicts returns the paths (below the top level, such as
// client_access.client_id) that both the plain object and the write-only
// one set, where the merge would have to drop one of two values. Objects in
// both are looked into; a value not known yet is no conflict (yet).
func writeOnlyConflicts(plain, wo map[string]any, at []string) [][]string {
	var out [][]string
	for _, k := range slices.Sorted(maps.Keys(wo)) {
		p, both := plain[k]
		if !both || configproj.IsUnknown(p) || configproj.IsUnknown(wo[k]) {
			continue
		}
		here := append(slices.Clone(at), k)
		pm, ok := p.(map[string]any)
		wm, ok2 := wo[k].(map[string]any)
		if ok && ok2 {
			out = append(out, writeOnlyConflicts(pm, wm, here)...)
			continue
		}
		out = append(out, here)
	}
	return out
}

// writeOnlyForUpdate is the config (or auth) a PATCH sends, given what it
// sends without the write-only object (sent: the changed top-level keys),
// the planned object and the write-only one. Fivetran replaces a top-level
// key whole, so a write-only value goes with every top-level key that is
// sent (merged into the planned object there, lest its secret half be
// lost), and with all of them when the version changed (each merged with
// its planned half, lest that half be lost).
func writeOnlyForUpdate(sent, planned, wo map[string]any, versionChanged bool) map[string]any {
	var out map[string]any
	for k, v := range configproj.ForCreate(wo) {
		if _, isSent := sent[k]; !isSent && !versionChanged {
			continue
		}
		if out == nil {
			out = maps.Clone(sent)
			if out == nil {
				out = map[string]any{}
			}
		}
		out[k] = mergeWriteOnly(planned[k], v)
	}
	if out == nil {
		return sent
	}
	return out
}

// writeOnlyValidator rejects a key set both in a plain attribute and in its
// write-only companion, and destination-schema keys in a connection's
// config_wo.
type writeOnlyValidator struct {
	pairs    []writeOnlyPair
	reserved []string // keys config_wo may not hold
}

var _ resource.ConfigValidator = writeOnlyValidator{}

func (writeOnlyValidator) Description(context.Context) string {
	return "a key is set either in config or in config_wo (auth or auth_wo), not in both"
}
func (v writeOnlyValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v writeOnlyValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	for _, p := range v.pairs {
		var plain, wo types.Dynamic
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(p.plain), &plain)...)
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(p.writeOnly), &wo)...)
		woMap, err := dynamicToMap(wo)
		if err != nil || woMap == nil {
			continue // not an object: the attribute's own validator says so
		}
		plainMap, _ := dynamicToMap(plain)
		for _, at := range writeOnlyConflicts(plainMap, woMap, nil) {
			resp.Diagnostics.AddAttributeError(attributePath(path.Root(p.writeOnly), at), "Key in both "+p.plain+" and "+p.writeOnly,
				fmt.Sprintf("%q is set in %s and in %s; set it in one of them (secrets in %s, which Terraform never stores). "+
					"Objects may be split between the two: %s = { client_access = { client_id = … } } with %s = { client_access = { client_secret = … } }.",
					strings.Join(at, "."), p.plain, p.writeOnly, p.writeOnly, p.plain, p.writeOnly))
		}
		for _, k := range slices.Sorted(maps.Keys(woMap)) {
			if p == configWriteOnly && slices.Contains(v.reserved, k) {
				resp.Diagnostics.AddAttributeError(path.Root(p.writeOnly).AtMapKey(k), "Destination-schema key in config_wo",
					fmt.Sprintf("Set %q through destination_schema, not in config_wo: it is no secret, and Fivetran cannot change it after creation.", k))
			}
		}
	}
}

// checkWriteOnlyAgainstMetadata validates the keys, value types and enum
// values of a connection's config_wo and auth_wo against its connector
// type's metadata (at plan time, when the values are known).
func checkWriteOnlyAgainstMetadata(ctx context.Context, cfg tfsdk.Config, ct *fivetran.ConnectorType, what string, diags *diag.Diagnostics) {
	if wo := configWriteOnly.readKnown(ctx, cfg); wo != nil && ct.Config != nil {
		addProblems(diags, path.Root(configWriteOnly.writeOnly),
			configproj.Validate(wo, schemaFromNode(ct.Config), configproj.ValidateOptions{SkipKeys: schemaConfigKeys, What: what}))
	}
	if wo := authWriteOnly.readKnown(ctx, cfg); wo != nil {
		if ct.Auth == nil {
			diags.AddAttributeError(path.Root(authWriteOnly.writeOnly), "Connector type takes no auth",
				fmt.Sprintf("%s has no auth section in Fivetran's metadata; put its secrets in config_wo.", what))
			return
		}
		addProblems(diags, path.Root(authWriteOnly.writeOnly),
			configproj.Validate(wo, schemaFromNode(ct.Auth), configproj.ValidateOptions{What: what + " (auth)"}))
	}
}

// withWriteOnlyConfig returns the config to PATCH on update: changes (the
// changed keys of config, or nil) with config_wo merged in as
// writeOnlyForUpdate says.
func withWriteOnlyConfig(ctx context.Context, req resource.UpdateRequest, changes, planned map[string]any, diags *diag.Diagnostics) map[string]any {
	wo, ok := configWriteOnly.read(ctx, req.Config, diags)
	if !ok || len(wo) == 0 {
		return changes
	}
	return writeOnlyForUpdate(changes, planned, wo, configWriteOnly.changed(ctx, req.State, req.Plan))
}

// withWriteOnlyAuth returns the auth to PATCH on update. Auth is sent whole
// (send is non-nil when auth changed): then auth_wo goes with it, lest the
// secrets be left out of the new auth; when only auth_wo_version changed,
// auth and auth_wo are sent together for the same reason.
func withWriteOnlyAuth(ctx context.Context, req resource.UpdateRequest, send, plannedAuth map[string]any, diags *diag.Diagnostics) map[string]any {
	if send == nil && !authWriteOnly.changed(ctx, req.State, req.Plan) {
		return send
	}
	wo, ok := authWriteOnly.read(ctx, req.Config, diags)
	if !ok || len(wo) == 0 {
		return send
	}
	return overlayWriteOnly(configproj.ForCreate(plannedAuth), wo)
}

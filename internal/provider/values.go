package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

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

var basetypesObjectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The team's mapping, in the order every object's mapping file keeps
// (group_mapping.go): the resource model; fromAPI; teamImported; the
// data-source form; the create request; the update; and the rules plan and
// apply share.
//
// A team is a named set of users given roles as one. Its account role is
// the configuration's (not set: none); its description is the
// configuration's when set.

type teamModel struct {
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	Description types.String   `tfsdk:"description"`
	Role        types.String   `tfsdk:"role"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what a GET returns into the model; the timeouts are the
// caller's.
func (m *teamModel) fromAPI(t *fivetran.Team) {
	m.Name = types.StringValue(t.Name)
	m.Description = stringOrNull(t.Description)
	m.Role = stringOrNull(t.Role)
	m.computedFromAPI(t)
}

// computedFromAPI copies only what Fivetran decides, and the description
// where the plan leaves it to Fivetran.
func (m *teamModel) computedFromAPI(t *fivetran.Team) {
	m.ID = types.StringValue(t.ID)
	if m.Description.IsUnknown() {
		m.Description = stringOrNull(t.Description)
	}
}

// teamImported is what an import by id reads, and so what a list result
// holds: everything a GET shows.
func teamImported(t *fivetran.Team, to timeouts.Value) teamModel {
	m := teamModel{Timeouts: to}
	m.fromAPI(t)
	return m
}

// teamDataModel is a team as the data sources show it.
type teamDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Role        types.String `tfsdk:"role"`
}

func teamDataOf(t *fivetran.Team) teamDataModel {
	return teamDataModel{ID: types.StringValue(t.ID), Name: types.StringValue(t.Name), Description: stringOrNull(t.Description),
		Role: stringOrNull(t.Role)}
}

// teamCreate is what a create sends.
func teamCreate(plan teamModel) fivetran.TeamCreate {
	return fivetran.TeamCreate{Name: plan.Name.ValueString(), Description: plan.Description.ValueString(), Role: plan.Role.ValueString()}
}

// teamUpdate is what an update sends: the fields that changed. A role taken
// out of the configuration is removed with its own request (removeRole).
func teamUpdate(plan, prior teamModel) (u fivetran.TeamUpdate, changed, removeRole bool) {
	if !plan.Name.Equal(prior.Name) {
		u.Name, changed = plan.Name.ValueStringPointer(), true
	}
	if !plan.Description.IsUnknown() && !plan.Description.IsNull() && !plan.Description.Equal(prior.Description) {
		u.Description, changed = plan.Description.ValueStringPointer(), true
	}
	switch {
	case plan.Role.Equal(prior.Role):
	case plan.Role.IsNull():
		removeRole = true
	default:
		u.Role, changed = plan.Role.ValueStringPointer(), true
	}
	return u, changed, removeRole
}

// teamNamed returns the id of the listed team with the name, "" when none.
func teamNamed(teams []fivetran.Team, name string) string {
	for _, t := range teams {
		if t.Name == name {
			return t.ID
		}
	}
	return ""
}

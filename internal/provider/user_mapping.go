package provider

import (
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The user's mapping, in the order every object's mapping file keeps
// (group_mapping.go): the resource model; fromAPI; userImported; the
// data-source form; the create request; the update; and the rules plan and
// apply share.
//
// A user is a person invited to the account by email. Their names and
// account role are the configuration's; their phone and picture are theirs
// to set unless the configuration sets them; whether they accepted the
// invitation (invited, verified) is Fivetran's. When they last logged in is
// in the data sources only: it changes at every login, and in the resource
// it would rewrite the state at every refresh.

type userModel struct {
	ID         types.String   `tfsdk:"id"`
	Email      types.String   `tfsdk:"email"`
	GivenName  types.String   `tfsdk:"given_name"`
	FamilyName types.String   `tfsdk:"family_name"`
	Phone      types.String   `tfsdk:"phone"`
	Picture    types.String   `tfsdk:"picture"`
	Role       types.String   `tfsdk:"role"`
	Invited    types.Bool     `tfsdk:"invited"`
	Verified   types.Bool     `tfsdk:"verified"`
	CreatedAt  types.String   `tfsdk:"created_at"`
	Timeouts   timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what a GET returns into the model; the timeouts are the
// caller's. An email that differs from the model's in case only is the
// same address (Fivetran compares emails ignoring case): the model's stays.
func (m *userModel) fromAPI(u *fivetran.User) {
	if !strings.EqualFold(m.Email.ValueString(), u.Email) {
		m.Email = types.StringValue(u.Email)
	}
	m.GivenName = types.StringValue(u.GivenName)
	m.FamilyName = types.StringValue(u.FamilyName)
	m.Phone = stringOrNull(u.Phone)
	m.Picture = stringOrNull(u.Picture)
	m.Role = stringOrNull(u.Role)
	m.computedFromAPI(u)
}

// computedFromAPI copies only what Fivetran decides, and the phone and
// picture where the plan leaves them to the person: a create and an update
// keep what the plan says of the rest.
func (m *userModel) computedFromAPI(u *fivetran.User) {
	m.ID = types.StringValue(u.ID)
	m.Invited = types.BoolValue(u.Invited)
	m.Verified = types.BoolValue(u.Verified)
	m.CreatedAt = stringOrNull(u.CreatedAt)
	if m.Phone.IsUnknown() {
		m.Phone = stringOrNull(u.Phone)
	}
	if m.Picture.IsUnknown() {
		m.Picture = stringOrNull(u.Picture)
	}
}

// userImported is what an import by id reads, and so what a list result
// holds: everything a GET shows.
func userImported(u *fivetran.User, t timeouts.Value) userModel {
	m := userModel{Timeouts: t}
	m.fromAPI(u)
	return m
}

// userDataModel is a user as the data sources show it.
type userDataModel struct {
	ID         types.String `tfsdk:"id"`
	Email      types.String `tfsdk:"email"`
	GivenName  types.String `tfsdk:"given_name"`
	FamilyName types.String `tfsdk:"family_name"`
	Phone      types.String `tfsdk:"phone"`
	Picture    types.String `tfsdk:"picture"`
	Role       types.String `tfsdk:"role"`
	Invited    types.Bool   `tfsdk:"invited"`
	Verified   types.Bool   `tfsdk:"verified"`
	Active     types.Bool   `tfsdk:"active"`
	LoggedInAt types.String `tfsdk:"logged_in_at"`
	CreatedAt  types.String `tfsdk:"created_at"`
}

func userDataOf(u *fivetran.User) userDataModel {
	return userDataModel{
		ID: types.StringValue(u.ID), Email: types.StringValue(u.Email), GivenName: types.StringValue(u.GivenName),
		FamilyName: types.StringValue(u.FamilyName), Phone: stringOrNull(u.Phone), Picture: stringOrNull(u.Picture), Role: stringOrNull(u.Role),
		Invited: types.BoolValue(u.Invited), Verified: types.BoolValue(u.Verified), Active: types.BoolValue(u.Active),
		LoggedInAt: stringOrNull(u.LoggedInAt), CreatedAt: stringOrNull(u.CreatedAt),
	}
}

// userCreate is what an invitation sends.
func userCreate(plan userModel) fivetran.UserCreate {
	return fivetran.UserCreate{Email: plan.Email.ValueString(), GivenName: plan.GivenName.ValueString(), FamilyName: plan.FamilyName.ValueString(),
		Phone: plan.Phone.ValueString(), Picture: plan.Picture.ValueString(), Role: plan.Role.ValueString()}
}

// userUpdate is what an update sends: the fields that changed. A role taken
// out of the configuration is not in it: removeRole says to remove it with
// its own request.
func userUpdate(plan, prior userModel) (u fivetran.UserUpdate, changed, removeRole bool) {
	if !plan.GivenName.Equal(prior.GivenName) {
		u.GivenName, changed = plan.GivenName.ValueStringPointer(), true
	}
	if !plan.FamilyName.Equal(prior.FamilyName) {
		u.FamilyName, changed = plan.FamilyName.ValueStringPointer(), true
	}
	if !plan.Phone.IsUnknown() && !plan.Phone.IsNull() && !plan.Phone.Equal(prior.Phone) {
		u.Phone, changed = fivetran.Set(plan.Phone.ValueString()), true
	}
	if !plan.Picture.IsUnknown() && !plan.Picture.IsNull() && !plan.Picture.Equal(prior.Picture) {
		u.Picture, changed = fivetran.Set(plan.Picture.ValueString()), true
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

// emailPattern is what Fivetran takes as an email: something, an @, a
// domain. (Fivetran's own recorded tests invite "name.@domain", so no
// stricter rule is applied.)
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// userWithEmail returns the listed user whose email is email, compared as
// Fivetran does: ignoring case.
func userWithEmail(users []fivetran.User, email string) (*fivetran.User, bool) {
	for i, u := range users {
		if strings.EqualFold(u.Email, email) {
			return &users[i], true
		}
	}
	return nil, false
}

// userInvitedBy picks, among the listed users, the one an invitation whose
// answer was lost made: the user with the email, invited since the request
// was sent (less reconcileClockSkew), that no resource of this
// configuration holds.
func userInvitedBy(users []fivetran.User, email string, sent time.Time, managed func(string) bool) (*fivetran.User, bool) {
	u, ok := userWithEmail(users, email)
	if !ok || managed(u.ID) {
		return nil, false
	}
	if created, err := time.Parse(time.RFC3339Nano, u.CreatedAt); err == nil && created.Before(sent.Add(-reconcileClockSkew)) {
		return nil, false
	}
	return u, true
}

package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The role rule that users, teams and memberships share: a role is named,
// and Fivetran refuses a name it does not have, or one of another scope
// (an account role given in a group), only when the apply sends it. So a
// plan that sets or changes a role checks it against the account's roles:
// one list per provider process, whatever the number of roles planned, and
// none for a plan that changes no role. An unknown name, or a role of
// another scope, is an error at the attribute that lists the roles that
// fit; a deprecated role is a warning naming its replacement. A list that
// fails is a warning: the plan goes on and Fivetran checks at apply.
//
// No message quotes the configured name: the attribute is named, and the
// roles that fit are listed.

// roleScopeWords names a scope in messages.
var roleScopeWords = map[string]string{
	fivetran.RoleScopeAccount:     "an account role",
	fivetran.RoleScopeDestination: "a role in a group",
	fivetran.RoleScopeConnector:   "a role in a connection",
	fivetran.RoleScopeTeam:        "a role in a team",
}

// roles lists the account's roles, once per provider process.
func (d *providerData) roles(ctx context.Context) ([]fivetran.Role, error) {
	return lookupOnce(&d.duplicates, "roles", func() ([]fivetran.Role, error) { return d.client.ListRoles(ctx) })
}

// checkPlannedRole checks the role planned at attr when a plan creates the
// object or changes the role.
func (d *providerData) checkPlannedRole(ctx context.Context, req resource.ModifyPlanRequest, attr path.Path, scope string, diags *diag.Diagnostics) {
	if d == nil || req.Plan.Raw.IsNull() {
		return
	}
	var planned, prior types.String
	diags.Append(req.Plan.GetAttribute(ctx, attr, &planned)...)
	if !req.State.Raw.IsNull() {
		diags.Append(req.State.GetAttribute(ctx, attr, &prior)...)
	}
	if planned.IsNull() || planned.IsUnknown() || planned.Equal(prior) {
		return
	}
	d.checkRole(d.logContext(ctx), planned.ValueString(), attr, scope, diags)
}

// checkRole checks one role name against the account's roles.
func (d *providerData) checkRole(ctx context.Context, name string, at path.Path, scope string, diags *diag.Diagnostics) {
	all, err := d.roles(ctx)
	if err != nil {
		diags.AddAttributeWarning(at, "Unable to check the role",
			"The provider could not list the account's roles to check this one, so Fivetran will check it when the apply sends it: "+
				explainError(err))
		return
	}
	fit := rolesOfScope(all, scope)
	i := slices.IndexFunc(all, func(r fivetran.Role) bool { return r.Name == name })
	switch {
	case i < 0:
		hint := ""
		if j := slices.IndexFunc(all, func(r fivetran.Role) bool { return strings.EqualFold(r.Name, name) }); j >= 0 {
			hint = fmt.Sprintf(" Role names are matched exactly: did you mean %q?", all[j].Name)
		}
		diags.AddAttributeError(at, "Unknown role",
			fmt.Sprintf("The account has no role of this name, so Fivetran would refuse it.%s The roles that can be given as %s: %s. "+
				"The fivetran_roles data source lists them with their scopes.", hint, roleScopeWords[scope], roleNames(fit)))
	case !all[i].HasScope(scope):
		diags.AddAttributeError(at, "Role of another scope",
			fmt.Sprintf("This role cannot be given as %s (its scope: %s). The roles that can: %s.", roleScopeWords[scope],
				strings.Join(all[i].Scope, ", "), roleNames(fit)))
	case all[i].IsDeprecated:
		instead := ""
		if all[i].ReplacementRoleName != "" {
			instead = fmt.Sprintf(" Fivetran names %q as its replacement.", all[i].ReplacementRoleName)
		}
		diags.AddAttributeWarning(at, "Deprecated role",
			"Fivetran marks this role as deprecated."+instead)
	}
}

// rolesOfScope returns the roles that can be given in scope and are not
// deprecated, by name.
func rolesOfScope(all []fivetran.Role, scope string) []fivetran.Role {
	var out []fivetran.Role
	for _, r := range all {
		if r.HasScope(scope) && !r.IsDeprecated {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b fivetran.Role) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func roleNames(rs []fivetran.Role) string {
	if len(rs) == 0 {
		return "none"
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return strings.Join(quoted(names), ", ")
}

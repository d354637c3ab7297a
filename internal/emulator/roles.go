package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Roles (API.md, "Users, teams and roles"): the named sets of permissions
// that users and teams hold in the account, in a group (a destination), in
// a connection, or, for users, in a team.
//
//   - GET /v1/roles lists Fivetran's standard roles, then the account's
//     custom roles (AddCustomRole), paginated like every list. Roles are
//     not written through the API, so the list never lags.
//   - A role is {name, description, is_custom, scope, is_deprecated,
//     replacement_role_name}; scope lists what the role can be given on:
//     ACCOUNT (a user's or team's role in the account), DESTINATION (a
//     group membership), CONNECTOR (a connection membership) or TEAM (a
//     user's membership in a team). replacement_role_name is null unless
//     the role is deprecated.
//   - Every write that gives a role checks it here: the name must be a
//     role's, exactly, and the role must have the scope of what it is
//     given on (400 otherwise). A deprecated role is still accepted:
//     recorded live tests give the older destination and connector roles
//     and pass.
//   - The standard roles are the emulator's own table (standardRoles):
//     the names come from the spec's examples, Fivetran's documentation
//     and the recorded live tests; the descriptions are the emulator's own
//     words; which older role each deprecated one points to is sourced for
//     Destination Administrator only (the spec's example) and by analogy
//     for the others.

// Role scopes, as the spec's RoleResponse lists them.
const (
	scopeAccount     = "ACCOUNT"
	scopeDestination = "DESTINATION"
	scopeConnector   = "CONNECTOR"
	scopeTeam        = "TEAM"
)

var roleScopes = []string{scopeAccount, scopeDestination, scopeConnector, scopeTeam}

// roleDef is one role. Custom roles are kept in the state file.
type roleDef struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Scope       []string `json:"scope"`
	Custom      bool     `json:"is_custom"`
	Deprecated  bool     `json:"is_deprecated,omitempty"`
	Replacement string   `json:"replacement_role_name,omitempty"`
}

// Role names the emulator itself gives.
const (
	roleAccountAdministrator = "Account Administrator"
	// roleGroupCreator is the role a group's creator holds in it
	// (groupCreatorMembership): the current name of the group
	// administrator's role.
	roleGroupCreator = "Manage Destination"
)

// standardRoles are Fivetran's standard roles, in the order GET /v1/roles
// lists them: the account's, then the destination's, the connection's and
// the team's, each with the current roles before the deprecated ones.
var standardRoles = []roleDef{
	{Name: roleAccountAdministrator, Scope: []string{scopeAccount}, Description: "Full access to the account: billing, users, teams, roles, API keys and security settings, and every destination and connection."},
	{Name: "Account Billing", Scope: []string{scopeAccount}, Description: "Sees and changes the account's billing and sees its usage; no access to destinations or connections."},
	{Name: "Account Analyst", Scope: []string{scopeAccount}, Description: "Sees the account's users, teams, usage and every destination and connection; changes none of them."},
	{Name: "Account Reviewer", Scope: []string{scopeAccount}, Description: "Sees the account's destinations and connections, read only."},
	{Name: "Destination Creator", Scope: []string{scopeAccount}, Description: "Creates destinations, and administers those it created."},

	{Name: "Manage Destination", Scope: []string{scopeDestination}, Description: "Administers a destination: its settings, members, transformations, logs and connections."},
	{Name: "Edit Destination", Scope: []string{scopeDestination}, Description: "Changes a destination's settings and its connections; cannot delete it or manage its members."},
	{Name: "View Destination", Scope: []string{scopeDestination}, Description: "Sees a destination and its connections, read only."},
	{Name: "Create Connection", Scope: []string{scopeDestination}, Description: "Creates connections in a destination and administers those it created."},
	{Name: "Destination Administrator", Scope: []string{scopeDestination}, Deprecated: true, Replacement: "Manage Destination", Description: "Older name of a destination's administrator role."},
	{Name: "Destination Analyst", Scope: []string{scopeDestination}, Deprecated: true, Replacement: "Edit Destination", Description: "Older destination role that changes connections but not the destination."},
	{Name: "Destination Reviewer", Scope: []string{scopeDestination}, Deprecated: true, Replacement: "View Destination", Description: "Older read-only destination role."},

	{Name: "Manage Connection", Scope: []string{scopeConnector}, Description: "Administers a connection: its settings, schedule, schema and members."},
	{Name: "Edit Connection", Scope: []string{scopeConnector}, Description: "Changes a connection's settings, schedule and schema; cannot delete it."},
	{Name: "View Connection", Scope: []string{scopeConnector}, Description: "Sees a connection, read only."},
	{Name: "Connector Administrator", Scope: []string{scopeConnector}, Deprecated: true, Replacement: "Manage Connection", Description: "Older name of a connection's administrator role."},
	{Name: "Connector Collaborator", Scope: []string{scopeConnector}, Deprecated: true, Replacement: "Edit Connection", Description: "Older connection role that changes a connection but cannot delete it."},
	{Name: "Connector Reviewer", Scope: []string{scopeConnector}, Deprecated: true, Replacement: "View Connection", Description: "Older read-only connection role."},

	{Name: "Team Manager", Scope: []string{scopeTeam}, Description: "Manages a team's members and what the team can reach."},
	{Name: "Team Member", Scope: []string{scopeTeam}, Description: "Holds the team's access to the account, destinations and connections."},
}

// scopeWhat names what a role of a scope is given on, for messages.
var scopeWhat = map[string]string{
	scopeAccount:     "the account",
	scopeDestination: "a group",
	scopeConnector:   "a connection",
	scopeTeam:        "a team",
}

// roles returns every role of the account in list order. Call with e.mu held.
func (e *Emulator) roles() []roleDef {
	return append(slices.Clone(standardRoles), e.st.CustomRoles...)
}

// findRole returns the role of that exact name, or nil. Call with e.mu held.
func (e *Emulator) findRole(name string) *roleDef {
	for _, r := range e.roles() {
		if r.Name == name {
			return &r
		}
	}
	return nil
}

// checkRole checks a role given on something of scope: a non-empty string
// naming a role of that scope. Call with e.mu held.
func (e *Emulator) checkRole(v any, scope string) (string, *APIError) {
	name, isString := v.(string)
	switch {
	case v == nil:
		return "", invalid("Field 'role' is required")
	case !isString:
		return "", invalid("Field 'role' must be a string")
	case strings.TrimSpace(name) == "":
		return "", invalid("Field 'role' cannot be empty")
	}
	r := e.findRole(name)
	if r == nil {
		return "", invalid("Field 'role' has an invalid value '%s': no role of the account has that name", name)
	}
	if !slices.Contains(r.Scope, scope) {
		return "", invalid("Field 'role' has an invalid value '%s': the role cannot be given on %s (its scope is %s)",
			name, scopeWhat[scope], strings.Join(r.Scope, ", "))
	}
	return name, nil
}

// renderRole renders a role as GET /v1/roles lists it; replacement_role_name
// is null for a role that is not deprecated, also under OmitNulls, since
// the spec requires the field.
func renderRole(r roleDef) map[string]any {
	scope := make([]any, len(r.Scope))
	for i, s := range r.Scope {
		scope[i] = s
	}
	var replacement any
	if r.Deprecated && r.Replacement != "" {
		replacement = r.Replacement
	}
	return map[string]any{
		"name": r.Name, "description": r.Description, "is_custom": r.Custom, "scope": scope,
		"is_deprecated": r.Deprecated, "replacement_role_name": replacement,
	}
}

func (e *Emulator) listRoles(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	items := []any{}
	for _, r := range e.roles() {
		items = append(items, renderRole(r))
	}
	return ok(http.StatusOK, "Roles list retrieved successfully", paginate(items, p))
}

// ---------------------------------------------------------------------------
// Out of band

// Roles returns every role of the account as GET /v1/roles lists it: the
// standard roles, then the custom ones in the order they were added.
func (e *Emulator) Roles() []map[string]any {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []map[string]any
	for _, r := range e.roles() {
		out = append(out, plain(renderRole(r)))
	}
	return out
}

// AddCustomRole adds a custom role to the account, as an administrator
// would in Fivetran's dashboard (the API cannot). scopes are what it can be
// given on (ACCOUNT, DESTINATION, CONNECTOR, TEAM; at least one). A name
// already taken, by a standard role too, is an error.
func (e *Emulator) AddCustomRole(name string, scopes ...string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("emulator: a custom role needs a name")
	}
	if len(scopes) == 0 {
		return fmt.Errorf("emulator: custom role %q: give at least one scope (%s)", name, strings.Join(roleScopes, ", "))
	}
	var scope []string
	for _, s := range scopes {
		if !slices.Contains(roleScopes, s) {
			return fmt.Errorf("emulator: custom role %q: scope %q: want one of %s", name, s, strings.Join(roleScopes, ", "))
		}
		if !slices.Contains(scope, s) {
			scope = append(scope, s)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.findRole(name) != nil {
		return fmt.Errorf("emulator: a role named %q already exists", name)
	}
	e.st.CustomRoles = append(e.st.CustomRoles, roleDef{Name: name, Scope: scope, Custom: true, Description: "A custom role of this account."})
	e.commit()
	return nil
}

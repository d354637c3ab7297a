package fivetran

import (
	"context"
	"slices"
)

// Role is one of the account's roles: Fivetran's standard ones and the
// custom ones the account made. Scope says where it can be given: ACCOUNT
// (a user's or a team's account role), DESTINATION (in a group),
// CONNECTOR (in a connection), TEAM (in a team).
type Role struct {
	Name                string   `json:"name"`
	Description         string   `json:"description"`
	IsCustom            bool     `json:"is_custom"`
	Scope               []string `json:"scope"`
	IsDeprecated        bool     `json:"is_deprecated"`
	ReplacementRoleName string   `json:"replacement_role_name"`
}

// The scopes of a role.
const (
	RoleScopeAccount     = "ACCOUNT"
	RoleScopeDestination = "DESTINATION"
	RoleScopeConnector   = "CONNECTOR"
	RoleScopeTeam        = "TEAM"
)

// HasScope reports whether the role can be given in scope s.
func (r Role) HasScope(s string) bool { return slices.Contains(r.Scope, s) }

// ListRoles returns the account's roles (GET /roles, all pages).
func (c *Client) ListRoles(ctx context.Context) ([]Role, error) {
	return listAll[Role](ctx, c, "/roles", nil, optsV1)
}

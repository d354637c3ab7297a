package fivetran

import (
	"context"
	"net/http"
)

// Team is a named set of users of the account, given roles as one: an
// account role (Role) and roles in groups and connections.
type Team struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"` // "" when none
	// Role is the team's account role; "" when it has none.
	Role string `json:"role"`
}

// TeamCreate is the body of a team's create (POST /teams); the optional
// fields are sent only when set.
type TeamCreate struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Role        string `json:"role,omitempty"`
}

// TeamUpdate is the body of a team's PATCH: the fields set are sent. The
// account role is removed with RemoveTeamRole, not here.
type TeamUpdate struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Role        *string `json:"role,omitempty"`
}

// CreateTeam creates a team (POST /teams). Like every create it is not
// repeatable: after a 5xx or a lost answer it returns an
// *OutcomeUnknownError, and the caller looks for the team (by name) before
// creating it again.
func (c *Client) CreateTeam(ctx context.Context, in TeamCreate) (*Team, error) {
	var out Team
	if err := c.call(ctx, http.MethodPost, "/teams", nil, in, &out, optsV1); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetTeam returns one team (GET /teams/{id}); an unknown one answers
// NotFound_Team (KindTeam).
func (c *Client) GetTeam(ctx context.Context, id string) (*Team, error) {
	return callObj[Team](ctx, c, http.MethodGet, "/teams", id, "", nil, optsV1)
}

// ListTeams returns every team of the account (GET /teams, all pages).
func (c *Client) ListTeams(ctx context.Context) ([]Team, error) {
	return listAll[Team](ctx, c, "/teams", nil, optsV1)
}

// UpdateTeam changes a team (PATCH /teams/{id}).
func (c *Client) UpdateTeam(ctx context.Context, id string, in TeamUpdate) (*Team, error) {
	return callObj[Team](ctx, c, http.MethodPatch, "/teams", id, "", in, optsV1)
}

// RemoveTeamRole takes the team's account role away
// (DELETE /teams/{id}/role); its memberships stay.
func (c *Client) RemoveTeamRole(ctx context.Context, id string) error {
	return c.noData(ctx, http.MethodDelete, "/teams", id, "/role", nil, optsV1)
}

// DeleteTeam deletes a team (DELETE /teams/{id}) and its memberships; its
// users stay in the account.
func (c *Client) DeleteTeam(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/teams", id, optsV1)
}

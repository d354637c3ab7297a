package fivetran

import (
	"context"
	"net/http"
)

// User is a member of the Fivetran account. A user created through the API
// is invited: Invited is true and Verified false until the person accepts
// the invitation and logs in, which nothing in the API can do for them.
type User struct {
	ID         string `json:"id"`
	Email      string `json:"email"`
	GivenName  string `json:"given_name"`
	FamilyName string `json:"family_name"`
	Phone      string `json:"phone"`   // "" when none
	Picture    string `json:"picture"` // "" when none
	// Role is the user's account role ("Account Administrator", or a
	// custom role of account scope); "" when the user has none.
	Role       string `json:"role"`
	Verified   bool   `json:"verified"`
	Invited    bool   `json:"invited"`
	Active     bool   `json:"active"`
	LoggedInAt string `json:"logged_in_at"`
	CreatedAt  string `json:"created_at"`
}

// UserCreate is the body of an invitation (POST /users). The optional
// fields are sent only when set; without a role the user has no account
// role.
type UserCreate struct {
	Email      string `json:"email"`
	GivenName  string `json:"given_name"`
	FamilyName string `json:"family_name"`
	Phone      string `json:"phone,omitempty"`
	Picture    string `json:"picture,omitempty"`
	Role       string `json:"role,omitempty"`
}

// UserUpdate is the body of a user's PATCH: the fields set are sent, and a
// Clear()ed phone or picture is sent as null. The email cannot be changed,
// and the account role is removed with RemoveUserRole, not here.
type UserUpdate struct {
	GivenName  *string          `json:"given_name,omitempty"`
	FamilyName *string          `json:"family_name,omitempty"`
	Phone      Nullable[string] `json:"phone,omitzero"`
	Picture    Nullable[string] `json:"picture,omitzero"`
	Role       *string          `json:"role,omitempty"`
}

// CreateUser invites a user to the account (POST /users). Like every
// create it is not repeatable: after a 5xx or a lost answer it returns an
// *OutcomeUnknownError, and the caller looks for the user (by email, which
// is unique in the account) before inviting again.
func (c *Client) CreateUser(ctx context.Context, in UserCreate) (*User, error) {
	var out User
	if err := c.call(ctx, http.MethodPost, "/users", nil, in, &out, optsV1); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetUser returns one user (GET /users/{id}); an unknown one answers the
// plain NotFound, which only the list of users confirms (KindUser).
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	return callObj[User](ctx, c, http.MethodGet, "/users", id, "", nil, optsV1)
}

// ListUsers returns every user of the account (GET /users, all pages),
// invited and suspended ones included.
func (c *Client) ListUsers(ctx context.Context) ([]User, error) {
	return listAll[User](ctx, c, "/users", nil, optsV1)
}

// UpdateUser changes a user (PATCH /users/{id}).
func (c *Client) UpdateUser(ctx context.Context, id string, in UserUpdate) (*User, error) {
	return callObj[User](ctx, c, http.MethodPatch, "/users", id, "", in, optsV1)
}

// RemoveUserRole takes the user's account role away
// (DELETE /users/{id}/role): the user keeps their group, connection and team
// memberships.
func (c *Client) RemoveUserRole(ctx context.Context, id string) error {
	return c.noData(ctx, http.MethodDelete, "/users", id, "/role", nil, optsV1)
}

// DeleteUser removes a user from the account (DELETE /users/{id}), with
// their memberships.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/users", id, optsV1)
}

// ListGroupUsers returns the users with a role in a group
// (GET /groups/{id}/users, all pages), each with Role the role in the group
// rather than in the account: the memberships of UserGroups seen from the
// group.
func (c *Client) ListGroupUsers(ctx context.Context, groupID string) ([]User, error) {
	p, err := objPath("/groups", groupID, "/users")
	if err != nil {
		return nil, err
	}
	return listAll[User](ctx, c, p, nil, optsV1)
}

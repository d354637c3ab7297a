package fivetran

import (
	"context"
	"net/http"
)

// Membership is one role given to a user or a team (the owner) in a group,
// a connection or a team (the target). The target's id is in ID, or in
// UserID for a team's users, as Fivetran answers them: TargetID reads
// either.
type Membership struct {
	ID        string `json:"id"`
	UserID    string `json:"user_id"`
	Role      string `json:"role"`
	CreatedAt string `json:"created_at"`
}

// TargetID is the id of the group, connection or user the membership is in.
func (m Membership) TargetID() string {
	if m.ID != "" {
		return m.ID
	}
	return m.UserID
}

// MembershipKind says whose memberships in what: the routes below
// /{owner}/{id}/{target}, and the body field that names the target.
type MembershipKind struct {
	owner, target, idField string
	// OwnerKind and TargetKind are the kinds whose NotFound an answer may
	// carry: the owner's or the target's.
	OwnerKind, TargetKind Kind
	// Scope is the scope of the roles it takes.
	Scope string
}

// The five kinds of membership.
var (
	UserGroups      = MembershipKind{owner: "/users", target: "/groups", idField: "id", OwnerKind: KindUser, TargetKind: KindGroup, Scope: RoleScopeDestination}
	UserConnections = MembershipKind{owner: "/users", target: "/connections", idField: "id", OwnerKind: KindUser, TargetKind: KindConnection, Scope: RoleScopeConnector}
	TeamUsers       = MembershipKind{owner: "/teams", target: "/users", idField: "user_id", OwnerKind: KindTeam, TargetKind: KindUser, Scope: RoleScopeTeam}
	TeamGroups      = MembershipKind{owner: "/teams", target: "/groups", idField: "id", OwnerKind: KindTeam, TargetKind: KindGroup, Scope: RoleScopeDestination}
	TeamConnections = MembershipKind{owner: "/teams", target: "/connections", idField: "id", OwnerKind: KindTeam, TargetKind: KindConnection, Scope: RoleScopeConnector}
)

func (k MembershipKind) path(ownerID string) (string, error) {
	return objPath(k.owner, ownerID, k.target)
}

// ListMemberships returns the owner's memberships of the kind (all pages).
func (c *Client) ListMemberships(ctx context.Context, k MembershipKind, ownerID string) ([]Membership, error) {
	p, err := k.path(ownerID)
	if err != nil {
		return nil, err
	}
	return listAll[Membership](ctx, c, p, nil, optsV1)
}

// AddMembership gives the owner role in the target (POST). Like every
// create it is not repeatable: after a 5xx or a lost answer it returns an
// *OutcomeUnknownError, and the caller looks for the membership before
// adding it again. Whether the answer carries the membership differs by
// route: it is not read.
func (c *Client) AddMembership(ctx context.Context, k MembershipKind, ownerID, targetID, role string) error {
	return c.noData(ctx, http.MethodPost, k.owner, ownerID, k.target, map[string]string{k.idField: targetID, "role": role}, optsV1)
}

type membershipRole struct {
	Role string `json:"role"`
}

// UpdateMembership changes the owner's role in the target (PATCH).
func (c *Client) UpdateMembership(ctx context.Context, k MembershipKind, ownerID, targetID, role string) error {
	p, err := k.path(ownerID)
	if err != nil {
		return err
	}
	return c.noData(ctx, http.MethodPatch, p, targetID, "", membershipRole{Role: role}, optsV1)
}

// RemoveMembership takes the owner's role in the target away (DELETE).
func (c *Client) RemoveMembership(ctx context.Context, k MembershipKind, ownerID, targetID string) error {
	p, err := k.path(ownerID)
	if err != nil {
		return err
	}
	return c.noData(ctx, http.MethodDelete, p, targetID, "", nil, optsV1)
}

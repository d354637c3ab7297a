package emulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Memberships (API.md, "Users, teams and roles"): a user's or a team's role
// in a group or in a connection, and a user's role in a team. One store
// holds them all, whichever route wrote them, so that every view of one
// agrees: a user's membership in a group is the same record through
// /v1/users/{userId}/groups and through /v1/groups/{groupId}/users.
//
//   - POST .../{owner}/{items} {id (user_id for a team's users), role}
//     answers 201 with {id or user_id, role, created_at}; GET, PATCH {role}
//     and DELETE of .../{items}/{itemId} and the paginated list follow.
//     The role must be of the scope of what it is given on (roles.go): a
//     group takes DESTINATION roles, a connection CONNECTOR roles, a team
//     TEAM roles. role is required on every create and PATCH (an
//     assumption: the spec marks it optional on some of them, but a
//     membership without a role grants nothing).
//   - An unknown user, team, group or connection answers 404 with its
//     kind's code, in the path or in the body. A membership that does not
//     exist answers 404 with the plain code NotFound, which the official
//     provider tolerates when it removes a user from a group that no
//     longer has them; adding one that exists answers 409 Conflict (an
//     assumption).
//   - Which answers carry data follows the spec route by route: the PATCH
//     of a user's group membership answers without data, the DELETE of a
//     user's connection membership with the membership as it was.
//   - Deleting a user, a team, a group or a connection deletes its
//     memberships (dropMemberships). The lists of memberships do not lag
//     (ListLag applies to the lists of users and teams themselves), and
//     list a member's or an object's memberships in the order they were
//     made, as recorded live answers order a group's users.

// membership is one grant of a role: Member (a user or a team) holds Role
// in Target (a group, a connection or a team).
type membership struct {
	Seq       int64  `json:"seq"`
	Member    string `json:"member"` // "user" or "team"
	MemberID  string `json:"member_id"`
	Target    string `json:"target"` // "group", "connection" or "team"
	TargetID  string `json:"target_id"`
	Role      string `json:"role"`
	CreatedAt string `json:"created_at"`
}

func membershipKey(member, memberID, target, targetID string) string {
	return member + "/" + memberID + "/" + target + "/" + targetID
}

// addMembership records a new membership. Call with e.mu held.
func (e *Emulator) addMembership(member, memberID, target, targetID, role string) *membership {
	m := &membership{Seq: e.nextSeq(), Member: member, MemberID: memberID, Target: target, TargetID: targetID,
		Role: role, CreatedAt: e.clock().Format(timeLayout)}
	e.st.Memberships[membershipKey(member, memberID, target, targetID)] = m
	return m
}

// membershipsWhere returns the memberships keep selects, oldest first. Call
// with e.mu held.
func (e *Emulator) membershipsWhere(keep func(*membership) bool) []*membership {
	var out []*membership
	for _, m := range e.st.Memberships {
		if keep(m) {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b *membership) int { return int(a.Seq - b.Seq) })
	return out
}

// dropMemberships deletes the memberships of a user, team, group or
// connection being deleted, as member and as target: they belong to it.
// Call with e.mu held.
func (e *Emulator) dropMemberships(kind, id string) {
	for k, m := range e.st.Memberships {
		if m.Member == kind && m.MemberID == id || m.Target == kind && m.TargetID == id {
			delete(e.st.Memberships, k)
		}
	}
}

// accessObjectMissing answers 404 for an unknown object of kind, with its
// kind's code, or returns nil when it exists. Call with e.mu held.
func (e *Emulator) accessObjectMissing(kind, id string) *response {
	switch kind {
	case "user":
		if e.st.Users[id] == nil {
			return e.userNotFound(id)
		}
	case "team":
		if e.st.Teams[id] == nil {
			return e.teamNotFound(id)
		}
	case "group":
		if e.st.Groups[id] == nil {
			return e.groupNotFound(id)
		}
	case "connection":
		if e.st.Connections[id] == nil {
			return e.connectionNotFound(id)
		}
	}
	return nil
}

// membershipNotFound answers 404 for a membership that does not exist.
func membershipNotFound(member, memberID, target, targetID string) *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound", "%s '%s' is not a member of %s '%s'.",
		capitalize(member), memberID, target, targetID))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parseActive reads the optional active filter of the lists of users.
func parseActive(r *http.Request) (*bool, *APIError) {
	s := r.URL.Query().Get("active")
	if s == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return nil, invalid("Invalid value '%s' for parameter 'active': it must be true or false", s)
	}
	return &b, nil
}

// ---------------------------------------------------------------------------
// The routes of one kind of membership, from its owner's side

// accessView is one family of membership routes: .../{owner}/{items} and
// .../{owner}/{items}/{itemId}, where the path's owner and the listed item
// are the membership's member and target in one order or the other.
type accessView struct {
	owner, item           string // the path's object and the listed one: "user", "team", "group", "connection"
	ownerParam, itemParam string // their path wildcards
	scope                 string // the scope of the roles the membership takes
	idField               string // the field naming the item in a create's body and in answers
	created, got, updated string // answers' messages
	deleted, listed       string
	updateData            bool // a PATCH answers with the membership (as the spec's answer schema has it)
	deleteData            bool // a DELETE answers with the membership as it was
}

// Where the messages come from: recorded live answers where go-fivetran's
// end-to-end tests check them ("Group membership has been created", "User
// has been added to the team", "User role has been updated", "User has
// been removed from the team", "... has been updated", "... has been
// deleted" for groups), the spec's examples elsewhere.
var (
	userGroupsView = accessView{owner: "user", item: "group", ownerParam: "userId", itemParam: "groupId", scope: scopeDestination, idField: "id",
		created: "Group membership has been created", got: "User membership in group retrieved successfully",
		updated: "Group membership has been updated", deleted: "Group membership has been deleted",
		listed: "User memberships in groups retrieved successfully"}
	userConnectionsView = accessView{owner: "user", item: "connection", ownerParam: "userId", itemParam: "connectionId", scope: scopeConnector, idField: "id",
		created: "Connection membership has been created", got: "User membership in connection retrieved successfully",
		updated: "Connection membership has been updated", deleted: "Connection membership has been deleted",
		listed: "User memberships in connections retrieved successfully", updateData: true, deleteData: true}
	teamUsersView = accessView{owner: "team", item: "user", ownerParam: "teamId", itemParam: "userId", scope: scopeTeam, idField: "user_id",
		created: "User has been added to the team", got: "Team user details retrieved successfully",
		updated: "User role has been updated", deleted: "User has been removed from the team",
		listed: "Team users retrieved successfully", updateData: true}
	teamGroupsView = accessView{owner: "team", item: "group", ownerParam: "teamId", itemParam: "groupId", scope: scopeDestination, idField: "id",
		created: "Group membership has been created", got: "Team group membership retrieved successfully",
		updated: "Group membership has been updated", deleted: "Group membership has been deleted",
		listed: "Team group memberships retrieved successfully", updateData: true}
	teamConnectionsView = accessView{owner: "team", item: "connection", ownerParam: "teamId", itemParam: "connectionId", scope: scopeConnector, idField: "id",
		created: "Connection membership has been created", got: "Team connection membership retrieved successfully",
		updated: "Connection membership has been updated", deleted: "Connection membership has been deleted",
		listed: "Team connection memberships retrieved successfully", updateData: true}
)

// ends returns the membership's member and target for an owner and an item.
func (v accessView) ends(ownerID, itemID string) (member, memberID, target, targetID string) {
	if v.item == "user" { // a team's users: the user is the member
		return "user", itemID, v.owner, ownerID
	}
	return v.owner, ownerID, v.item, itemID
}

func (v accessView) render(m *membership) map[string]any {
	itemID := m.TargetID
	if v.item == "user" {
		itemID = m.MemberID
	}
	return map[string]any{v.idField: itemID, "role": m.Role, "created_at": m.CreatedAt}
}

// lookup finds the owner, the item and their membership, or answers 404.
// Call with e.mu held.
func (v accessView) lookup(e *Emulator, q *request) (*membership, *response) {
	ownerID, itemID := q.r.PathValue(v.ownerParam), q.r.PathValue(v.itemParam)
	if resp := e.accessObjectMissing(v.owner, ownerID); resp != nil {
		return nil, resp
	}
	if resp := e.accessObjectMissing(v.item, itemID); resp != nil {
		return nil, resp
	}
	member, memberID, target, targetID := v.ends(ownerID, itemID)
	m := e.st.Memberships[membershipKey(member, memberID, target, targetID)]
	if m == nil {
		return nil, membershipNotFound(member, memberID, target, targetID)
	}
	return m, nil
}

func (v accessView) listH(e *Emulator, q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	var active *bool
	if v.item == "user" {
		if active, perr = parseActive(q.r); perr != nil {
			return errResp(perr)
		}
	}
	ownerID := q.r.PathValue(v.ownerParam)
	e.mu.Lock()
	defer e.mu.Unlock()
	if resp := e.accessObjectMissing(v.owner, ownerID); resp != nil {
		return resp
	}
	items := []any{}
	for _, m := range e.membershipsWhere(func(m *membership) bool {
		if v.item == "user" {
			return m.Member == "user" && m.Target == v.owner && m.TargetID == ownerID
		}
		return m.Member == v.owner && m.MemberID == ownerID && m.Target == v.item
	}) {
		if active != nil && e.userActive(m.MemberID) != *active {
			continue
		}
		items = append(items, v.render(m))
	}
	return ok(http.StatusOK, v.listed, paginate(items, p))
}

func (v accessView) createH(e *Emulator, q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	ownerID := q.r.PathValue(v.ownerParam)
	e.mu.Lock()
	defer e.mu.Unlock()
	if resp := e.accessObjectMissing(v.owner, ownerID); resp != nil {
		return resp
	}
	itemID, isString := b[v.idField].(string)
	switch {
	case b[v.idField] == nil:
		return invalidResp("Field '%s' is required", v.idField)
	case !isString:
		return invalidResp("Field '%s' must be a string", v.idField)
	case itemID == "":
		return invalidResp("Field '%s' cannot be empty", v.idField)
	}
	if resp := e.accessObjectMissing(v.item, itemID); resp != nil {
		return resp
	}
	role, err := e.checkRole(b["role"], v.scope)
	if err != nil {
		return errResp(err)
	}
	member, memberID, target, targetID := v.ends(ownerID, itemID)
	if e.st.Memberships[membershipKey(member, memberID, target, targetID)] != nil {
		return errResp(apiErr(http.StatusConflict, "Conflict", "%s '%s' is already a member of %s '%s'.", capitalize(member), memberID, target, targetID))
	}
	m := e.addMembership(member, memberID, target, targetID, role)
	e.commit()
	return ok(http.StatusCreated, v.created, v.render(m))
}

func (v accessView) getH(e *Emulator, q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	m, resp := v.lookup(e, q)
	if resp != nil {
		return resp
	}
	return ok(http.StatusOK, v.got, v.render(m))
}

func (v accessView) patchH(e *Emulator, q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, resp := v.lookup(e, q)
	if resp != nil {
		return resp
	}
	role, err := e.checkRole(b["role"], v.scope)
	if err != nil {
		return errResp(err)
	}
	if role != m.Role {
		m.Role = role
		e.commit()
	}
	if !v.updateData {
		return ok(http.StatusOK, v.updated, nil)
	}
	return ok(http.StatusOK, v.updated, v.render(m))
}

func (v accessView) deleteH(e *Emulator, q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	m, resp := v.lookup(e, q)
	if resp != nil {
		return resp
	}
	delete(e.st.Memberships, membershipKey(m.Member, m.MemberID, m.Target, m.TargetID))
	e.commit()
	if !v.deleteData {
		return ok(http.StatusOK, v.deleted, nil)
	}
	return ok(http.StatusOK, v.deleted, v.render(m))
}

// routes registers the view's five routes under prefix (e.g.
// "/v1/users/{userId}/groups").
func (v accessView) routes(add func(string, handlerFunc), prefix string) {
	one := prefix + "/{" + v.itemParam + "}"
	add("GET "+prefix, v.listH)
	add("POST "+prefix, v.createH)
	add("GET "+one, v.getH)
	add("PATCH "+one, v.patchH)
	add("DELETE "+one, v.deleteH)
}

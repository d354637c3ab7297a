package emulator

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Users (API.md, "Users, teams and roles"): the people of the account, each
// with an optional role in the account (roles.go), and their memberships
// in groups and connections (memberships.go).
//
//   - POST /v1/users {email, given_name, family_name, phone, picture, role}
//     invites a user and answers 201 with the user as a GET shows it:
//     {id, email, given_name, family_name, verified, invited, picture,
//     phone, role, logged_in_at, created_at, active}. A new user is
//     invited (invited true, verified false, logged_in_at null) and
//     active. email, given_name and family_name are required and not
//     empty (400 naming the field); email must look like an address
//     (something@something.tld: the live API took
//     "william_addison.@fivetran.com", so nothing stricter) and is kept as
//     sent; no two users of the account share an email, compared without
//     regard to case (409 Conflict, an assumption). role is optional and
//     must be a role of ACCOUNT scope; without one the user has no account
//     role (null), as the live API answers a user created without one.
//   - PATCH /v1/users/{userId} {given_name, family_name, phone, picture,
//     role} changes what it sends; email cannot be sent (400), a null
//     phone or picture clears it, a null elsewhere is as if absent. DELETE
//     /v1/users/{userId}/role removes the account role (role null).
//     DELETE /v1/users/{userId} deletes the user and its memberships.
//   - The account has one user from the start: the owner, whose API key
//     makes every request (Options.UserID, which connections' connected_by
//     and webhooks' created_by name too), an Account Administrator who has
//     accepted, not invited. The owner cannot be deleted, nor its account
//     role removed or changed (400; the spec says a user cannot change its
//     own role, the rest is an assumption).
//   - Accepting the invitation is up to the person and happens later:
//     Options.UserAcceptsInviteAfter after the create (never when 0), or
//     AcceptInvitation at once, makes the user verified, no longer invited,
//     and logged in at that moment. It is computed when read, like a
//     sync's end.
//   - An unknown user answers 404 with the plain code NotFound, as the
//     official provider's end-to-end test, which ran against the live API,
//     expects after a user's delete; Options.NotFoundUserCode answers
//     NotFound_User, the code its resource looks for, instead.
//   - GET /v1/users is paginated and lags writes like every list; it and
//     the list of a group's users take the spec's active filter.
//   - /v1/groups/{groupId}/users is the same memberships seen from the
//     group: GET lists the group's users, each as a GET shows it with its
//     role in the group instead of its account role; POST {email, role}
//     adds an existing user (a DESTINATION role) and answers 200 without
//     data; DELETE .../{userId} removes one.
//   - A group created through the API has its creator, the owner, as a
//     member (groupCreatorMembership), as recorded live answers show: the
//     official provider's end-to-end test found the API key's user among
//     the users of a group it had just created, listed before the one it
//     added. Options.NoGroupCreatorMembership turns that off.

const (
	// ownerEmail and the owner's names are the emulator's own.
	ownerEmail      = "owner@emulator.invalid"
	ownerGivenName  = "Emulator"
	ownerFamilyName = "Owner"
)

// emailRe is what an email must look like: a local part, an @, and a
// domain with a dot, no spaces and no second @. The local part may end
// in a dot, which the live API accepted.
var emailRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.][^@\s]*$`)

// userRules are the fields of a user's create; userUpdateRules those a
// PATCH may send. role is checked apart (checkRole), email refused on a
// PATCH before these run.
var (
	userRules = []fieldRule{
		{name: "email", kind: kindString, required: true, notEmpty: true},
		{name: "given_name", kind: kindString, required: true, notEmpty: true},
		{name: "family_name", kind: kindString, required: true, notEmpty: true},
		{name: "phone", kind: kindString, clearable: true, nullable: true},
		{name: "picture", kind: kindString, clearable: true, nullable: true},
	}
	userUpdateRules = userRules[1:]
)

// ownerID is the id of the user whose API key makes the requests.
func (e *Emulator) ownerID() string { return e.opts.UserID }

// seedOwner adds the owner to a state that lacks it (a new one, or a state
// file written before users were modelled). Call with e.mu held.
func (e *Emulator) seedOwner() {
	id := e.ownerID()
	if e.st.Users[id] != nil {
		return
	}
	now := e.clock().Format(timeLayout)
	e.st.UsedIDs[id] = true
	e.st.Users[id] = &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "email": ownerEmail, "given_name": ownerGivenName, "family_name": ownerFamilyName,
		"verified": true, "invited": false, "picture": nil, "phone": nil, "role": roleAccountAdministrator,
		"logged_in_at": now, "created_at": now, "active": true,
	}}
}

func (e *Emulator) userNotFound(id string) *response {
	code := "NotFound"
	if e.opts.NotFoundUserCode {
		code = "NotFound_User"
	}
	return errResp(apiErr(http.StatusNotFound, code, "User with id '%s' does not exist.", id))
}

// userActive reports whether the user may log in. Call with e.mu held.
func (e *Emulator) userActive(id string) bool {
	u := e.st.Users[id]
	return u != nil && u.Data["active"] == true
}

// acceptedAt returns when an invited user accepts by itself
// (UserAcceptsInviteAfter after the invitation), and false when never.
func (e *Emulator) acceptedAt(o *object) (time.Time, bool) {
	if o.Data["invited"] != true || e.opts.UserAcceptsInviteAfter <= 0 {
		return time.Time{}, false
	}
	at, err := time.Parse(time.RFC3339Nano, str(o.Internal["invited_at"]))
	if err != nil {
		return time.Time{}, false
	}
	return at.Add(e.opts.UserAcceptsInviteAfter), true
}

// userView is a user as it is now: accepted if its time has come. Call with
// e.mu held.
func (e *Emulator) userView(o *object) map[string]any {
	m := copyMap(o.Data)
	if at, due := e.acceptedAt(o); due && !e.clock().Before(at) {
		m["verified"], m["invited"], m["logged_in_at"] = true, false, at.UTC().Format(timeLayout)
	}
	return m
}

// settleUser stores the user as it is now, before a write changes it.
// Call with e.mu held.
func (e *Emulator) settleUser(o *object) { o.Data = e.userView(o) }

// nullsKeeping is nulls, keeping the nulls of keep: fields the spec
// requires, which OmitNulls must not drop.
func (e *Emulator) nullsKeeping(m map[string]any, keep ...string) map[string]any {
	if !e.opts.OmitNulls {
		return m
	}
	for k, v := range m {
		if v == nil && !slices.Contains(keep, k) {
			delete(m, k)
		}
	}
	return m
}

// renderUser renders a user as every answer shows it. role and
// logged_in_at stay null under OmitNulls: the spec requires them.
func (e *Emulator) renderUser(o *object) map[string]any {
	return e.nullsKeeping(e.userView(o), "role", "logged_in_at")
}

// userByEmail returns the user whose email is email, compared without
// regard to case, or nil. Call with e.mu held.
func (e *Emulator) userByEmail(email string) *object {
	for _, o := range sorted(e.st.Users) {
		if strings.EqualFold(str(o.Data["email"]), email) {
			return o
		}
	}
	return nil
}

// doCreateUser validates and inserts an invited user. Call with e.mu held.
func (e *Emulator) doCreateUser(b map[string]any) (*object, *APIError) {
	in, err := parseBody(userRules, b, nil, "")
	if err != nil {
		return nil, err
	}
	email := str(in["email"])
	if !emailRe.MatchString(email) {
		return nil, invalid("Field 'email' has an invalid value '%s': it is not an email address", email)
	}
	for _, k := range []string{"given_name", "family_name"} {
		if strings.TrimSpace(str(in[k])) == "" {
			return nil, invalid("Field '%s' cannot be empty", k)
		}
	}
	var role any
	if b["role"] != nil {
		r, err := e.checkRole(b["role"], scopeAccount)
		if err != nil {
			return nil, err
		}
		role = r
	}
	if other := e.userByEmail(email); other != nil {
		return nil, apiErr(http.StatusConflict, "Conflict", "User with email '%s' already exists.", email)
	}
	now := e.clock()
	id := e.newID()
	o := &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "email": email, "given_name": in["given_name"], "family_name": in["family_name"],
		"verified": false, "invited": true, "picture": in["picture"], "phone": in["phone"], "role": role,
		"logged_in_at": nil, "created_at": now.Format(timeLayout), "active": true,
	}, Internal: map[string]any{"invited_at": now.Format(time.RFC3339Nano)}}
	e.st.Users[id] = o
	e.lagList("user", id)
	return o, nil
}

func (e *Emulator) listUsers(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	active, perr := parseActive(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	items := []any{}
	for _, o := range e.listed("user", e.st.Users) {
		u := e.renderUser(o)
		if active != nil && u["active"] != *active {
			continue
		}
		items = append(items, u)
	}
	return ok(http.StatusOK, "Users list retrieved successfully", paginate(items, p))
}

func (e *Emulator) createUserH(q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateUser(b)
	if err != nil {
		return errResp(err)
	}
	e.commit()
	return ok(http.StatusCreated, "User has been created", e.renderUser(o))
}

func (e *Emulator) getUser(q *request) *response {
	id := q.r.PathValue("userId")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Users[id]
	if o == nil {
		return e.userNotFound(id)
	}
	return ok(http.StatusOK, "User details retrieved successfully", e.renderUser(o))
}

func (e *Emulator) patchUser(q *request) *response {
	id := q.r.PathValue("userId")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Users[id]
	if o == nil {
		return e.userNotFound(id)
	}
	if _, sent := b["email"]; sent {
		return invalidResp("Field 'email' cannot be changed")
	}
	upd, err := parseBody(userUpdateRules, b, o.Data, "")
	if err != nil {
		return errResp(err)
	}
	for _, k := range []string{"given_name", "family_name"} {
		if v, set := upd[k]; set && strings.TrimSpace(str(v)) == "" {
			return invalidResp("Field '%s' cannot be empty", k)
		}
	}
	if b["role"] != nil {
		role, err := e.checkRole(b["role"], scopeAccount)
		if err != nil {
			return errResp(err)
		}
		if id == e.ownerID() && role != o.Data["role"] {
			return invalidResp("You cannot change your own role: user '%s' owns the API key of this request", id)
		}
		upd["role"] = role
	}
	if len(upd) > 0 {
		e.settleUser(o)
		e.keepVersion("user", o)
		for k, v := range upd {
			o.Data[k] = v
		}
		e.commit()
	}
	return ok(http.StatusOK, "User has been updated", e.renderUser(o))
}

func (e *Emulator) deleteUser(q *request) *response {
	id := q.r.PathValue("userId")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Users[id] == nil {
		return e.userNotFound(id)
	}
	if id == e.ownerID() {
		return invalidResp("You cannot delete your own user: user '%s' owns the API key of this request", id)
	}
	e.dropMemberships("user", id)
	e.remove("user", e.st.Users, id)
	e.commit()
	return ok(http.StatusOK, "User with id '"+id+"' has been deleted", nil)
}

func (e *Emulator) deleteUserRole(q *request) *response {
	id := q.r.PathValue("userId")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Users[id]
	if o == nil {
		return e.userNotFound(id)
	}
	if id == e.ownerID() {
		return invalidResp("You cannot remove your own role: user '%s' owns the API key of this request", id)
	}
	if o.Data["role"] != nil {
		e.settleUser(o)
		e.keepVersion("user", o)
		o.Data["role"] = nil
		e.commit()
	}
	return ok(http.StatusOK, "User role in account has been removed", nil)
}

// ---------------------------------------------------------------------------
// A group's users: the user-group memberships seen from the group

// groupCreatorMembership makes the owner, who created the group through
// the API, a member of it, unless Options.NoGroupCreatorMembership. Call
// with e.mu held.
func (e *Emulator) groupCreatorMembership(groupID string) {
	if e.opts.NoGroupCreatorMembership || e.st.Users[e.ownerID()] == nil {
		return
	}
	e.addMembership("user", e.ownerID(), "group", groupID, roleGroupCreator)
}

func (e *Emulator) listGroupUsers(q *request) *response {
	id := q.r.PathValue("id")
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	active, perr := parseActive(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Groups[id] == nil {
		return e.groupNotFound(id)
	}
	items := []any{}
	for _, m := range e.membershipsWhere(func(m *membership) bool {
		return m.Member == "user" && m.Target == "group" && m.TargetID == id
	}) {
		u := e.st.Users[m.MemberID]
		if u == nil || active != nil && e.userActive(m.MemberID) != *active {
			continue
		}
		item := e.renderUser(u)
		item["role"] = m.Role // the role in this group, not in the account
		items = append(items, item)
	}
	return ok(http.StatusOK, "Group users retrieved successfully", paginate(items, p))
}

func (e *Emulator) addGroupUser(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Groups[id] == nil {
		return e.groupNotFound(id)
	}
	email, isString := b["email"].(string)
	switch {
	case b["email"] == nil:
		return invalidResp("Field 'email' is required")
	case !isString:
		return invalidResp("Field 'email' must be a string")
	case strings.TrimSpace(email) == "":
		return invalidResp("Field 'email' cannot be empty")
	}
	u := e.userByEmail(email)
	if u == nil {
		code := "NotFound"
		if e.opts.NotFoundUserCode {
			code = "NotFound_User"
		}
		return errResp(apiErr(http.StatusNotFound, code, "User with email '%s' does not exist.", email))
	}
	role, err := e.checkRole(b["role"], scopeDestination)
	if err != nil {
		return errResp(err)
	}
	userID := str(u.Data["id"])
	if e.st.Memberships[membershipKey("user", userID, "group", id)] != nil {
		return errResp(apiErr(http.StatusConflict, "Conflict", "User '%s' is already a member of group '%s'.", userID, id))
	}
	e.addMembership("user", userID, "group", id, role)
	e.commit()
	return ok(http.StatusOK, "User has been added to the group", nil)
}

func (e *Emulator) removeGroupUser(q *request) *response {
	id, userID := q.r.PathValue("id"), q.r.PathValue("userId")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Groups[id] == nil {
		return e.groupNotFound(id)
	}
	if e.st.Users[userID] == nil {
		return e.userNotFound(userID)
	}
	key := membershipKey("user", userID, "group", id)
	if e.st.Memberships[key] == nil {
		return membershipNotFound("user", userID, "group", id)
	}
	delete(e.st.Memberships, key)
	e.commit()
	return ok(http.StatusOK, "User with id '"+userID+"' has been removed from the group", nil)
}

// ---------------------------------------------------------------------------
// Out of band

// Users returns every user of the account, the owner first, as GET shows
// them.
func (e *Emulator) Users() []map[string]any { return e.list("user") }

// CreateUser invites a user out of band, with the same validation as POST
// /v1/users (body: email, given_name, family_name, phone, picture, role),
// and returns it as the create's answer shows it. Unlike the API's create
// it shows in lists at once.
func (e *Emulator) CreateUser(body map[string]any) (map[string]any, error) {
	b := plain(body)
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateUser(b)
	if err != nil {
		return nil, err
	}
	delete(e.visibleAt, "user/"+str(o.Data["id"]))
	e.commit()
	return plain(e.renderUser(o)), nil
}

// AcceptInvitation makes an invited user accept now, as the person would
// by following the invitation: verified, no longer invited, logged in now.
// A user who has accepted already is left as it is. Like every change out
// of band, lists show it at once.
func (e *Emulator) AcceptInvitation(userID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Users[userID]
	if o == nil {
		return fmt.Errorf("emulator: user %q not found", userID)
	}
	e.settleUser(o)
	if o.Data["invited"] == true {
		o.Data["verified"], o.Data["invited"], o.Data["logged_in_at"] = true, false, e.clock().Format(timeLayout)
	}
	e.commit()
	return nil
}

// accessKind names the kind of a table whose objects hold memberships, or
// "" for the others.
func accessKind(kind string) string {
	switch kind {
	case "user", "users":
		return "user"
	case "team", "teams":
		return "team"
	case "group", "groups":
		return "group"
	case "connection", "connections", "connector", "connectors":
		return "connection"
	}
	return ""
}

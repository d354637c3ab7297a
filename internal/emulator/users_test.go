package emulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The user, role and membership routes, driven over HTTP with every
// exchange validated against the OpenAPI spec (startPx). Where
// go-fivetran's end-to-end tests, which ran against the live API, sent a
// body or checked an answer, these tests send and check the same.

// userKeys are the fields of a user every answer that shows one carries.
var userKeys = []string{"id", "email", "given_name", "family_name", "verified", "invited", "picture", "phone", "role", "logged_in_at", "created_at", "active"}

const (
	ownerID    = "emulator_user" // Options.UserID's default
	ownerEmail = "owner@emulator.invalid"
	// startStamp is newPxClock's time as the emulator writes it.
	startStamp = "2026-03-01T12:00:00.000000Z"
)

// inviteBody is the body of the live tests' user invite.
func inviteBody() map[string]any {
	return map[string]any{"email": "william_addison.@fivetran.com", "given_name": "William", "family_name": "Addison",
		"phone": "+19876543210", "role": "Account Reviewer", "picture": "http://picture.com"}
}

// invite creates a user and returns the create's data.
func (c pxClient) invite(body map[string]any) map[string]any {
	c.t.Helper()
	return c.do("POST", "/users", body, 201, "Success").data()
}

// acConn creates a connection in group gid and returns its id.
func (c pxClient) acConn(gid, schema string) string {
	c.t.Helper()
	body := map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false, "config": map[string]any{"schema": schema}}
	return jsonString(c.t, c.do("POST", "/connections", body, 201, "Success").data()["id"])
}

// checkFields fails unless d has exactly the fields keys and, of them, the
// values of want.
func checkFields(t *testing.T, d map[string]any, keys []string, want map[string]any) {
	t.Helper()
	for _, k := range keys {
		if _, has := d[k]; !has {
			t.Errorf("no %s in %v", k, d)
		}
	}
	if len(d) != len(keys) {
		t.Errorf("fields of %v, want %v", d, keys)
	}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("%s = %v, want %v (%v)", k, d[k], v, d)
		}
	}
}

// ids returns the values of field in items.
func ids(t *testing.T, items []map[string]any, field string) []string {
	t.Helper()
	var out []string
	for _, it := range items {
		out = append(out, jsonString(t, it[field]))
	}
	return out
}

// TestUserInvite: a create answers 201 Success with the invited user as the
// live test checks it; the required fields, the email's form and the
// role's scope are checked; emails are unique without regard to case and
// kept as sent.
func TestUserInvite(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	r := c.do("POST", "/users", inviteBody(), 201, "Success")
	c.wantMessage(r, "User has been created")
	d := r.data()
	checkFields(t, d, userKeys, map[string]any{"email": "william_addison.@fivetran.com", "given_name": "William", "family_name": "Addison",
		"verified": false, "invited": true, "picture": "http://picture.com", "phone": "+19876543210", "role": "Account Reviewer",
		"logged_in_at": nil, "created_at": startStamp, "active": true})
	if !pxIDRe.MatchString(jsonString(t, d["id"])) {
		t.Errorf("id %v", d["id"])
	}

	// Without a role the user has none; phone and picture are null.
	jane := c.invite(map[string]any{"email": "Jane.Doe@Example.com", "given_name": "Jane", "family_name": "Doe"})
	checkFields(t, jane, userKeys, map[string]any{"email": "Jane.Doe@Example.com", "role": nil, "phone": nil, "picture": nil, "invited": true})

	before := len(emu.Users())
	bad := []struct {
		body    map[string]any
		field   string
		invalid bool // the request violates the spec too
	}{
		{with(inviteBody(), "email", nil), "email", true},
		{with(inviteBody(), "given_name", nil), "given_name", true},
		{with(inviteBody(), "family_name", nil), "family_name", true},
		{with(inviteBody(), "email", ""), "email", false},
		{with(inviteBody(), "given_name", ""), "given_name", false},
		{with(inviteBody(), "family_name", "  "), "family_name", false},
		{with(inviteBody(), "email", "no-at-sign"), "email", false},
		{with(inviteBody(), "email", "a@nodot"), "email", false},
		{with(inviteBody(), "email", "a b@c.d"), "email", false},
		{with(inviteBody(), "email", "a@b@c.d"), "email", false},
		{with(inviteBody(), "email", "a@b."), "email", false},
		{with(inviteBody(), "email", 7), "email", true},
		{with(inviteBody(), "phone", 7), "phone", true},
		{with(inviteBody(), "role", "Owner"), "role", false},
		{with(inviteBody(), "role", "account reviewer"), "role", false},
		{with(inviteBody(), "role", "Manage Destination"), "role", false},
		{with(inviteBody(), "role", "Team Member"), "role", false},
		{with(inviteBody(), "role", "Connector Administrator"), "role", false},
		{with(inviteBody(), "role", ""), "role", false},
		{with(inviteBody(), "role", 3), "role", true},
	}
	for _, b := range bad {
		var hdr []string
		if b.invalid {
			hdr = invalidReq
		}
		// The 400s come before the check of the email's uniqueness.
		r := c.do("POST", "/users", b.body, 400, "InvalidInput", hdr...)
		if msg, _ := r.body["message"].(string); !strings.Contains(msg, b.field) {
			t.Errorf("%v: message %q does not name %s", b.body, msg, b.field)
		}
	}
	c.do("POST", "/users", nil, 400, "InvalidInput", invalidReq...)

	// The same email in another case is taken; so is the owner's.
	for _, email := range []string{"WILLIAM_ADDISON.@FIVETRAN.COM", "jane.doe@example.com", ownerEmail} {
		r := c.do("POST", "/users", with(inviteBody(), "email", email), 409, "Conflict")
		if !strings.Contains(jsonString(t, r.body["message"]), email) {
			t.Errorf("409 does not name the email: %s", r.raw)
		}
	}
	if after := len(emu.Users()); after != before {
		t.Fatalf("refused creates created users: %d, then %d", before, after)
	}
	// A deleted user's email is free again.
	c.do("DELETE", "/users/"+jsonString(t, jane["id"]), nil, 200, "Success")
	c.invite(map[string]any{"email": "jane.doe@example.com", "given_name": "Jane", "family_name": "Doe"})
}

// TestUserGetPatchDelete: a GET shows what the create answered; a PATCH
// changes what it sends (the live test's body), never the email; null
// clears phone and picture; DELETE .../role and DELETE answer as the spec
// and the live tests say; an unknown user answers 404 NotFound on every
// route, or NotFound_User with NotFoundUserCode.
func TestUserGetPatchDelete(t *testing.T) {
	_, c := startPx(t, nil)
	made := c.invite(inviteBody())
	id := jsonString(t, made["id"])
	r := c.do("GET", "/users/"+id, nil, 200, "Success")
	c.wantMessage(r, "User details retrieved successfully")
	if fmt.Sprint(r.data()) != fmt.Sprint(made) {
		t.Fatalf("GET %v, create answered %v", r.data(), made)
	}

	// The live test's update.
	r = c.do("PATCH", "/users/"+id, map[string]any{"family_name": "Gerrard", "given_name": "Steven", "phone": "+19876543210",
		"picture": "http://picture.com", "role": "Destination Creator"}, 200, "Success")
	c.wantMessage(r, "User has been updated")
	want := with(made, "family_name", "Gerrard", "given_name", "Steven", "role", "Destination Creator")
	if fmt.Sprint(r.data()) != fmt.Sprint(want) {
		t.Fatalf("PATCH: %v, want %v", r.data(), want)
	}
	// email cannot be sent, not even unchanged; the other rules are the
	// create's; a refused PATCH changes nothing.
	for _, b := range []struct {
		body    map[string]any
		field   string
		invalid bool
	}{
		{map[string]any{"email": "new@example.com"}, "email", true},
		{map[string]any{"email": made["email"]}, "email", true},
		{map[string]any{"email": nil}, "email", true},
		{map[string]any{"given_name": ""}, "given_name", false},
		{map[string]any{"family_name": " "}, "family_name", false},
		{map[string]any{"role": "View Connection"}, "role", false},
		{map[string]any{"role": "Nobody"}, "role", false},
		{map[string]any{"picture": 5}, "picture", true},
	} {
		var hdr []string
		if b.invalid {
			hdr = invalidReq
		}
		r := c.do("PATCH", "/users/"+id, b.body, 400, "InvalidInput", hdr...)
		if !strings.Contains(jsonString(t, r.body["message"]), b.field) {
			t.Errorf("%v: %s", b.body, r.raw)
		}
	}
	if d := c.do("GET", "/users/"+id, nil, 200, "Success").data(); fmt.Sprint(d) != fmt.Sprint(want) {
		t.Fatalf("a refused PATCH changed the user: %v", d)
	}
	// A null phone or picture clears it; a null role or name is as if
	// absent (a null the spec does not allow).
	d := c.do("PATCH", "/users/"+id, map[string]any{"phone": nil, "picture": nil}, 200, "Success").data()
	want = with(want)
	want["phone"], want["picture"] = nil, nil
	if fmt.Sprint(d) != fmt.Sprint(want) {
		t.Fatalf("PATCH clearing phone and picture: %v, want %v", d, want)
	}
	d = c.do("PATCH", "/users/"+id, map[string]any{"role": nil, "given_name": nil}, 200, "Success", invalidReq...).data()
	if fmt.Sprint(d) != fmt.Sprint(want) {
		t.Fatalf("PATCH with null role and name: %v, want %v", d, want)
	}

	r = c.do("DELETE", "/users/"+id+"/role", nil, 200, "Success")
	c.wantMessage(r, "User role in account has been removed")
	if _, has := r.body["data"]; has {
		t.Errorf("DELETE role answered data: %s", r.raw)
	}
	if d := c.do("GET", "/users/"+id, nil, 200, "Success").data(); d["role"] != nil || d["email"] != made["email"] {
		t.Fatalf("after DELETE role: %v", d)
	}
	c.do("DELETE", "/users/"+id+"/role", nil, 200, "Success") // no role: nothing to remove, still fine

	r = c.do("DELETE", "/users/"+id, nil, 200, "Success")
	c.wantMessage(r, "User with id '"+id+"' has been deleted")
	for _, m := range []struct {
		method, path string
		body         any
	}{
		{"GET", "", nil}, {"PATCH", "", map[string]any{"given_name": "X"}}, {"DELETE", "", nil}, {"DELETE", "/role", nil},
		{"GET", "/groups", nil}, {"POST", "/groups", map[string]any{"id": "g", "role": "View Destination"}},
		{"GET", "/connections", nil}, {"GET", "/groups/g", nil}, {"DELETE", "/connections/c", nil},
	} {
		c.wantMessage(c.do(m.method, "/users/"+id+m.path, m.body, 404, "NotFound"), "User with id '"+id+"' does not exist.")
	}

	// NotFoundUserCode: the code the official provider's resource looks for.
	_, c2 := startPx(t, func(o *emulator.Options) { o.NotFoundUserCode = true })
	c2.do("GET", "/users/no_such", nil, 404, "NotFound_User")
	c2.do("DELETE", "/users/no_such", nil, 404, "NotFound_User")
	gid := c2.hdaGroup("g")
	c2.do("POST", "/groups/"+gid+"/users", map[string]any{"email": "nobody@example.com", "role": "View Destination"}, 404, "NotFound_User")
}

// TestUserOwner: the account starts with its owner, the user whose API key
// makes the requests: verified, not invited, an Account Administrator, the
// only user listed, as the live list of users of go-fivetran's account
// shows its predefined user. It cannot be deleted, nor its role removed or
// changed; its names can change. Reset and a custom UserID keep it.
func TestUserOwner(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	items := c.do("GET", "/users", nil, 200, "Success").items()
	if len(items) != 1 {
		t.Fatalf("users of a new account: %v", items)
	}
	checkFields(t, items[0], userKeys, map[string]any{"id": ownerID, "email": ownerEmail, "given_name": "Emulator", "family_name": "Owner",
		"verified": true, "invited": false, "picture": nil, "phone": nil, "role": "Account Administrator",
		"logged_in_at": startStamp, "created_at": startStamp, "active": true})

	for _, m := range [][2]string{{"DELETE", "/users/" + ownerID}, {"DELETE", "/users/" + ownerID + "/role"}} {
		r := c.do(m[0], m[1], nil, 400, "InvalidInput")
		if !strings.Contains(jsonString(t, r.body["message"]), "own") {
			t.Errorf("%v: %s", m, r.raw)
		}
	}
	c.do("PATCH", "/users/"+ownerID, map[string]any{"role": "Account Reviewer"}, 400, "InvalidInput")
	d := c.do("PATCH", "/users/"+ownerID, map[string]any{"role": "Account Administrator", "given_name": "Ada"}, 200, "Success").data()
	if d["given_name"] != "Ada" || d["role"] != "Account Administrator" {
		t.Fatalf("owner PATCH: %v", d)
	}
	if len(emu.Users()) != 1 {
		t.Fatalf("refused writes changed the users: %v", emu.Users())
	}

	// Reset leaves a new account: its owner, as it was at first.
	c.invite(inviteBody())
	emu.Reset()
	users := emu.Users()
	if len(users) != 1 || users[0]["id"] != ownerID || users[0]["given_name"] != "Emulator" {
		t.Fatalf("users after Reset: %v", users)
	}

	// The owner is the user Options.UserID names, like connected_by.
	emu3, c3 := startPx(t, func(o *emulator.Options) { o.UserID = "keen_owner" })
	if u, found := emu3.Get("user", "keen_owner"); !found || u["role"] != "Account Administrator" {
		t.Fatalf("owner with a custom UserID: %v %v", u, found)
	}
	c3.do("DELETE", "/users/keen_owner", nil, 400, "InvalidInput")
}

// TestUserAcceptsInvitation: an invited user accepts later: after
// UserAcceptsInviteAfter (computed when read), or at once through
// AcceptInvitation; then it is verified, no longer invited and logged in
// at that moment. Without either, it stays invited.
func TestUserAcceptsInvitation(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.UserAcceptsInviteAfter = 10 * time.Second })
	id := jsonString(t, c.invite(inviteBody())["id"])
	clock.advance(9 * time.Second)
	if d := c.do("GET", "/users/"+id, nil, 200, "Success").data(); d["invited"] != true || d["verified"] != false || d["logged_in_at"] != nil {
		t.Fatalf("accepted before its time: %v", d)
	}
	clock.advance(time.Second)
	accepted := map[string]any{"invited": false, "verified": true, "logged_in_at": "2026-03-01T12:00:10.000000Z"}
	checkFields(t, c.do("GET", "/users/"+id, nil, 200, "Success").data(), userKeys, accepted)
	for _, it := range c.do("GET", "/users", nil, 200, "Success").items() {
		if it["id"] == id {
			checkFields(t, it, userKeys, accepted)
		}
	}
	// A later PATCH keeps the acceptance.
	clock.advance(time.Hour)
	checkFields(t, c.do("PATCH", "/users/"+id, map[string]any{"given_name": "Will"}, 200, "Success").data(), userKeys, accepted)

	// Without the option nobody accepts by themselves; AcceptInvitation
	// accepts at once.
	clock2 := newPxClock()
	emu2, c2 := startPx(t, func(o *emulator.Options) { o.Now = clock2.Now })
	id2 := jsonString(t, c2.invite(inviteBody())["id"])
	clock2.advance(1000 * time.Hour)
	if d := c2.do("GET", "/users/"+id2, nil, 200, "Success").data(); d["invited"] != true {
		t.Fatalf("accepted without anyone accepting: %v", d)
	}
	if err := emu2.AcceptInvitation(id2); err != nil {
		t.Fatal(err)
	}
	checkFields(t, c2.do("GET", "/users/"+id2, nil, 200, "Success").data(), userKeys,
		map[string]any{"invited": false, "verified": true, "logged_in_at": "2026-04-12T04:00:00.000000Z"})
	if err := emu2.AcceptInvitation(ownerID); err != nil { // accepted long ago: nothing changes
		t.Fatal(err)
	}
	if err := emu2.AcceptInvitation("no_such"); err == nil {
		t.Fatal("AcceptInvitation of an unknown user")
	}
	_ = emu

	if _, err := emulator.New(emulator.Options{APIKey: "k", APISecret: "s", UserAcceptsInviteAfter: -time.Second}); err == nil {
		t.Fatal("a negative UserAcceptsInviteAfter was accepted")
	}
}

// TestUserList: the list is paged like every list, the owner first and
// then in creation order, filters on active, and lags writes (ListLag): a
// new user appears after the lag, a changed one shows as it was, a deleted
// one lingers; a GET by id is current.
func TestUserList(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.ListLag = 5 * time.Second })
	var created []string
	for i := range 4 {
		created = append(created, jsonString(t, c.invite(with(inviteBody(), "email", fmt.Sprintf("u%d@example.com", i)))["id"]))
	}
	list := func(query string) []string {
		t.Helper()
		var out []string
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("the pages do not end")
			}
			path := "/users?limit=2" + query
			if cursor != "" {
				path += "&cursor=" + cursor
			}
			r := c.do("GET", path, nil, 200, "Success")
			c.wantMessage(r, "Users list retrieved successfully")
			if len(r.items()) > 2 {
				t.Fatalf("a page of %d with limit 2", len(r.items()))
			}
			out = append(out, ids(t, r.items(), "id")...)
			next, _ := r.data()["next_cursor"].(string)
			if next == "" {
				return out
			}
			cursor = next
		}
	}
	if got := list(""); !slices.Equal(got, []string{ownerID}) {
		t.Fatalf("new users listed before the lag: %v", got)
	}
	c.do("GET", "/users/"+created[0], nil, 200, "Success")
	clock.advance(5 * time.Second)
	if got := list(""); !slices.Equal(got, append([]string{ownerID}, created...)) {
		t.Fatalf("listed %v, want the owner then %v", got, created)
	}
	if got := list("&active=true"); len(got) != 5 {
		t.Fatalf("active=true: %v", got)
	}
	if got := list("&active=false"); len(got) != 0 {
		t.Fatalf("active=false: %v", got)
	}
	c.do("GET", "/users?active=maybe", nil, 400, "InvalidInput", invalidReq...)
	c.do("GET", "/users?limit=0", nil, 400, "InvalidInput", invalidReq...)

	// A PATCH shows in the list after the lag; a delete lingers for it.
	c.do("PATCH", "/users/"+created[1], map[string]any{"given_name": "Changed"}, 200, "Success")
	c.do("DELETE", "/users/"+created[2], nil, 200, "Success")
	c.do("GET", "/users/"+created[2], nil, 404, "NotFound")
	names := func() map[string]any {
		out := map[string]any{}
		for _, it := range c.do("GET", "/users", nil, 200, "Success").items() {
			out[jsonString(t, it["id"])] = it["given_name"]
		}
		return out
	}
	if n := names(); n[created[1]] != "William" || n[created[2]] == nil {
		t.Fatalf("the list shows writes before the lag: %v", n)
	}
	clock.advance(5 * time.Second)
	if n := names(); n[created[1]] != "Changed" || n[created[2]] != nil || len(n) != 4 {
		t.Fatalf("the list after the lag: %v", n)
	}
}

// TestRoles: the standard roles, the first one as the live test checks it
// (a name, a description, a scope, no replacement), each with its scope;
// the deprecated ones name their replacement (Destination Administrator's
// from the spec's example); the list is paged; custom roles follow and can
// be given where their scope allows.
func TestRoles(t *testing.T) {
	emu, c := startPx(t, nil)
	r := c.do("GET", "/roles", nil, 200, "Success")
	c.wantMessage(r, "Roles list retrieved successfully")
	items := r.items()
	roleKeys := []string{"name", "description", "is_custom", "scope", "is_deprecated", "replacement_role_name"}
	checkFields(t, items[0], roleKeys, map[string]any{"name": "Account Administrator", "is_custom": false, "is_deprecated": false, "replacement_role_name": nil})
	want := map[string]string{
		"Account Administrator": "ACCOUNT", "Account Billing": "ACCOUNT", "Account Analyst": "ACCOUNT", "Account Reviewer": "ACCOUNT",
		"Destination Creator": "ACCOUNT", "Manage Destination": "DESTINATION", "Edit Destination": "DESTINATION",
		"View Destination": "DESTINATION", "Create Connection": "DESTINATION", "Destination Administrator": "DESTINATION",
		"Destination Analyst": "DESTINATION", "Destination Reviewer": "DESTINATION", "Manage Connection": "CONNECTOR",
		"Edit Connection": "CONNECTOR", "View Connection": "CONNECTOR", "Connector Administrator": "CONNECTOR",
		"Connector Collaborator": "CONNECTOR", "Connector Reviewer": "CONNECTOR", "Team Manager": "TEAM", "Team Member": "TEAM",
	}
	replacement := map[string]string{"Destination Administrator": "Manage Destination", "Destination Analyst": "Edit Destination",
		"Destination Reviewer": "View Destination", "Connector Administrator": "Manage Connection",
		"Connector Collaborator": "Edit Connection", "Connector Reviewer": "View Connection"}
	if len(items) != len(want) {
		t.Errorf("%d roles, want %d", len(items), len(want))
	}
	for _, it := range items {
		name := jsonString(t, it["name"])
		checkFields(t, it, roleKeys, nil)
		if fmt.Sprint(it["scope"]) != "["+want[name]+"]" || jsonString(t, it["description"]) == "" || it["is_custom"] != false {
			t.Errorf("role %v", it)
		}
		if rep, deprecated := replacement[name]; it["is_deprecated"] != deprecated || deprecated && it["replacement_role_name"] != rep ||
			!deprecated && it["replacement_role_name"] != nil {
			t.Errorf("role %v: want deprecated %v, replacement %q", it, deprecated, rep)
		}
	}

	// Custom roles come last, in the order they were added.
	if err := emu.AddCustomRole("Pipeline Operator", "DESTINATION", "CONNECTOR"); err != nil {
		t.Fatal(err)
	}
	if err := emu.AddCustomRole("Auditor", "ACCOUNT"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]string{{"Auditor", "ACCOUNT"}, {"Team Member", "TEAM"}, {"", "ACCOUNT"}, {"X"}, {"X", "GROUP"}} {
		if err := emu.AddCustomRole(bad[0], bad[1:]...); err == nil {
			t.Errorf("AddCustomRole%v accepted", bad)
		}
	}
	var names []string
	cursor := ""
	for pages := 0; pages < 20; pages++ {
		path := "/roles?limit=7"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := c.do("GET", path, nil, 200, "Success")
		names = append(names, ids(t, r.items(), "name")...)
		if cursor, _ = r.data()["next_cursor"].(string); cursor == "" {
			break
		}
	}
	if len(names) != len(want)+2 || names[len(names)-2] != "Pipeline Operator" || names[len(names)-1] != "Auditor" {
		t.Fatalf("paged roles: %v", names)
	}
	custom := emu.Roles()[len(names)-2]
	if custom["is_custom"] != true || fmt.Sprint(custom["scope"]) != "[DESTINATION CONNECTOR]" || custom["is_deprecated"] != false {
		t.Fatalf("custom role %v", custom)
	}
	// A custom role is given where its scope allows, and only there.
	c.invite(with(inviteBody(), "role", "Auditor"))
	c.do("POST", "/users", with(inviteBody(), "email", "x@example.com", "role", "Pipeline Operator"), 400, "InvalidInput")
	uid := jsonString(t, c.invite(with(inviteBody(), "email", "y@example.com"))["id"])
	gid := c.hdaGroup("g")
	c.do("POST", "/users/"+uid+"/groups", map[string]any{"id": gid, "role": "Pipeline Operator"}, 201, "Success")
	c.do("POST", "/users/"+uid+"/connections", map[string]any{"id": c.acConn(gid, "gh"), "role": "Pipeline Operator"}, 201, "Success")
}

// TestUserGroupMemberships: the live tests' flow (create, details, list,
// update, delete, with their roles and messages), and the rules: a
// DESTINATION role, a known group, one membership per user and group.
func TestUserGroupMemberships(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	gid := c.hdaGroup("test")
	uid := jsonString(t, c.invite(inviteBody())["id"])
	base := "/users/" + uid + "/groups"
	memberKeys := []string{"id", "role", "created_at"}

	r := c.do("POST", base, map[string]any{"id": gid, "role": "Destination Analyst"}, 201, "Success")
	c.wantMessage(r, "Group membership has been created")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": gid, "role": "Destination Analyst", "created_at": startStamp})
	r = c.do("GET", base+"/"+gid, nil, 200, "Success")
	c.wantMessage(r, "User membership in group retrieved successfully")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": gid, "role": "Destination Analyst"})
	r = c.do("GET", base, nil, 200, "Success")
	c.wantMessage(r, "User memberships in groups retrieved successfully")
	if items := r.items(); len(items) != 1 {
		t.Fatalf("list %v", items)
	} else {
		checkFields(t, items[0], memberKeys, map[string]any{"id": gid, "role": "Destination Analyst"})
	}
	r = c.do("PATCH", base+"/"+gid, map[string]any{"role": "Destination Reviewer"}, 200, "Success")
	c.wantMessage(r, "Group membership has been updated")
	if _, has := r.body["data"]; has {
		t.Errorf("the PATCH of a user's group membership answered data: %s", r.raw)
	}
	checkFields(t, c.do("GET", base+"/"+gid, nil, 200, "Success").data(), memberKeys, map[string]any{"role": "Destination Reviewer"})

	// The rules.
	c.do("POST", base, map[string]any{"id": gid, "role": "View Destination"}, 409, "Conflict")
	c.do("POST", base, map[string]any{"id": "no_such", "role": "View Destination"}, 404, "NotFound_Group")
	for _, role := range []any{"Connector Administrator", "Team Member", "Account Reviewer", "Nobody", ""} {
		c.do("POST", base, map[string]any{"id": c.hdaGroup(fmt.Sprint("g", role)), "role": role}, 400, "InvalidInput")
		c.do("PATCH", base+"/"+gid, map[string]any{"role": role}, 400, "InvalidInput")
	}
	c.do("POST", base, map[string]any{"role": "View Destination"}, 400, "InvalidInput", invalidReq...)
	c.do("POST", base, map[string]any{"id": gid}, 400, "InvalidInput", invalidReq...)
	c.do("PATCH", base+"/"+gid, map[string]any{}, 400, "InvalidInput")
	c.do("GET", base+"/no_such", nil, 404, "NotFound_Group")
	other := c.hdaGroup("other")
	c.wantMessage(c.do("GET", base+"/"+other, nil, 404, "NotFound"), "User '"+uid+"' is not a member of group '"+other+"'.")
	c.do("PATCH", base+"/"+other, map[string]any{"role": "View Destination"}, 404, "NotFound")
	c.do("DELETE", base+"/"+other, nil, 404, "NotFound")

	r = c.do("DELETE", base+"/"+gid, nil, 200, "Success")
	c.wantMessage(r, "Group membership has been deleted")
	c.do("GET", base+"/"+gid, nil, 404, "NotFound")
	c.do("DELETE", base+"/"+gid, nil, 404, "NotFound")
	if items := c.do("GET", base, nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("list after the delete: %v", items)
	}
}

// TestUserConnectionMemberships: the live tests' flow with their roles
// (Connector Administrator, then Connector Collaborator), the spec's
// answers (a PATCH and a DELETE carry the membership), and a CONNECTOR
// role on a known connection.
func TestUserConnectionMemberships(t *testing.T) {
	_, c := startPx(t, nil)
	gid := c.hdaGroup("g")
	cid := c.acConn(gid, "gh")
	uid := jsonString(t, c.invite(inviteBody())["id"])
	base := "/users/" + uid + "/connections"
	memberKeys := []string{"id", "role", "created_at"}

	r := c.do("POST", base, map[string]any{"id": cid, "role": "Connector Administrator"}, 201, "Success")
	c.wantMessage(r, "Connection membership has been created")
	made := r.data()
	checkFields(t, made, memberKeys, map[string]any{"id": cid, "role": "Connector Administrator"})
	r = c.do("GET", base+"/"+cid, nil, 200, "Success")
	c.wantMessage(r, "User membership in connection retrieved successfully")
	if fmt.Sprint(r.data()) != fmt.Sprint(made) {
		t.Fatalf("GET %v, create %v", r.data(), made)
	}
	c.wantMessage(c.do("GET", base, nil, 200, "Success"), "User memberships in connections retrieved successfully")
	r = c.do("PATCH", base+"/"+cid, map[string]any{"role": "Connector Collaborator"}, 200, "Success")
	c.wantMessage(r, "Connection membership has been updated")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": cid, "role": "Connector Collaborator", "created_at": made["created_at"]})

	c.do("POST", base, map[string]any{"id": cid, "role": "View Connection"}, 409, "Conflict")
	c.do("POST", base, map[string]any{"id": "no_such", "role": "View Connection"}, 404, "NotFound_Connector")
	c.do("POST", base, map[string]any{"id": c.acConn(gid, "other"), "role": "Manage Destination"}, 400, "InvalidInput")
	c.do("GET", base+"/no_such", nil, 404, "NotFound_Connector")

	r = c.do("DELETE", base+"/"+cid, nil, 200, "Success")
	c.wantMessage(r, "Connection membership has been deleted")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": cid, "role": "Connector Collaborator"})
	c.do("GET", base+"/"+cid, nil, 404, "NotFound")

	// NotFoundConnectionCode applies here too.
	_, c2 := startPx(t, func(o *emulator.Options) { o.NotFoundConnectionCode = true })
	c2.do("GET", "/users/"+ownerID+"/connections/no_such", nil, 404, "NotFound_Connection")
}

// TestGroupUsers: /v1/groups/{groupId}/users is the user memberships seen
// from the group: the group's creator (the owner) first, as the live test
// of a group the API created found it, then the users added, each with its
// role in the group; a user added by email shows through
// /v1/users/{userId}/groups, and a change there shows here.
func TestGroupUsers(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("test")
	uid := jsonString(t, c.invite(inviteBody())["id"])
	base := "/groups/" + gid + "/users"

	items := c.do("GET", base, nil, 200, "Success").items()
	if len(items) != 1 || items[0]["id"] != ownerID || items[0]["role"] != "Manage Destination" {
		t.Fatalf("users of a group the API created: %v", items)
	}
	// The live test's add, by email without regard to case.
	r := c.do("POST", base, map[string]any{"email": "William_Addison.@fivetran.com", "role": "Destination Administrator"}, 200, "Success")
	c.wantMessage(r, "User has been added to the group")
	if _, has := r.body["data"]; has {
		t.Errorf("the add answered data: %s", r.raw)
	}
	r = c.do("GET", base, nil, 200, "Success")
	c.wantMessage(r, "Group users retrieved successfully")
	items = r.items()
	if got := ids(t, items, "id"); !slices.Equal(got, []string{ownerID, uid}) {
		t.Fatalf("group users %v", got)
	}
	checkFields(t, items[1], userKeys, map[string]any{"email": "william_addison.@fivetran.com", "role": "Destination Administrator", "invited": true})
	if d := c.do("GET", "/users/"+uid, nil, 200, "Success").data(); d["role"] != "Account Reviewer" {
		t.Fatalf("the group role replaced the account role: %v", d)
	}
	// One store: the user's side sees the membership, and changes it.
	checkFields(t, c.do("GET", "/users/"+uid+"/groups/"+gid, nil, 200, "Success").data(), []string{"id", "role", "created_at"},
		map[string]any{"role": "Destination Administrator"})
	c.do("PATCH", "/users/"+uid+"/groups/"+gid, map[string]any{"role": "View Destination"}, 200, "Success")
	if items := c.do("GET", base, nil, 200, "Success").items(); items[1]["role"] != "View Destination" {
		t.Fatalf("a change through the user is not seen from the group: %v", items)
	}
	if items := c.do("GET", base+"?active=false", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("active=false: %v", items)
	}

	// The rules.
	c.do("POST", base, map[string]any{"email": "william_addison.@fivetran.com", "role": "View Destination"}, 409, "Conflict")
	c.wantMessage(c.do("POST", base, map[string]any{"email": "nobody@example.com", "role": "View Destination"}, 404, "NotFound"),
		"User with email 'nobody@example.com' does not exist.")
	c.do("POST", base, map[string]any{"role": "View Destination"}, 400, "InvalidInput")
	c.do("POST", "/groups/"+c.hdaGroup("g2")+"/users", map[string]any{"email": "william_addison.@fivetran.com", "role": "Connector Administrator"}, 400, "InvalidInput")
	c.do("POST", "/groups/"+c.hdaGroup("g3")+"/users", map[string]any{"email": "william_addison.@fivetran.com"}, 400, "InvalidInput")
	c.do("GET", "/groups/no_such/users", nil, 404, "NotFound_Group")
	c.do("DELETE", "/groups/no_such/users/"+uid, nil, 404, "NotFound_Group")
	c.do("POST", "/groups/no_such/users", map[string]any{"email": "william_addison.@fivetran.com", "role": "View Destination"}, 404, "NotFound_Group")

	r = c.do("DELETE", base+"/"+uid, nil, 200, "Success")
	c.wantMessage(r, "User with id '"+uid+"' has been removed from the group")
	c.do("GET", "/users/"+uid+"/groups/"+gid, nil, 404, "NotFound")
	c.do("DELETE", base+"/"+uid, nil, 404, "NotFound")
	c.do("DELETE", base+"/no_such", nil, 404, "NotFound")

	// The owner may leave a group it created.
	c.do("DELETE", base+"/"+ownerID, nil, 200, "Success")
	if items := c.do("GET", base, nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("users after both left: %v", items)
	}

	// A group made out of band, or with NoGroupCreatorMembership, has no
	// users.
	g := emu.CreateGroup("oob")
	if items := c.do("GET", "/groups/"+jsonString(t, g["id"])+"/users", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("users of a group made out of band: %v", items)
	}
	_, c2 := startPx(t, func(o *emulator.Options) { o.NoGroupCreatorMembership = true })
	if items := c2.do("GET", "/groups/"+c2.hdaGroup("g")+"/users", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("NoGroupCreatorMembership: %v", items)
	}
}

// TestAccessCascades: deleting a user, a team, a group or a connection
// deletes its memberships, through the API and out of band; nothing of the
// deleted object shows in any view.
func TestAccessCascades(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	emu, c := startPx(t, func(o *emulator.Options) { o.StatePath = path })
	gid := c.hdaGroup("g")
	cid := c.acConn(gid, "gh")
	uid := jsonString(t, c.invite(inviteBody())["id"])
	team := jsonString(t, c.do("POST", "/teams", map[string]any{"name": "t"}, 201, "Success").data()["id"])
	grant := func() { // the user's memberships
		t.Helper()
		c.do("POST", "/users/"+uid+"/groups", map[string]any{"id": gid, "role": "View Destination"}, 201, "Success")
		c.do("POST", "/users/"+uid+"/connections", map[string]any{"id": cid, "role": "View Connection"}, 201, "Success")
		c.do("POST", "/teams/"+team+"/users", map[string]any{"user_id": uid, "role": "Team Member"}, 201, "Success")
	}
	c.do("POST", "/teams/"+team+"/groups", map[string]any{"id": gid, "role": "View Destination"}, 201, "Success")
	c.do("POST", "/teams/"+team+"/connections", map[string]any{"id": cid, "role": "View Connection"}, 201, "Success")
	count := func(path string) int {
		t.Helper()
		return len(c.do("GET", path, nil, 200, "Success").items())
	}
	grant()

	// A user's delete takes its group, connection and team memberships.
	c.do("DELETE", "/users/"+uid, nil, 200, "Success")
	if n := count("/groups/" + gid + "/users"); n != 1 { // the owner
		t.Fatalf("the group still lists the deleted user: %d", n)
	}
	if n := count("/teams/" + team + "/users"); n != 0 {
		t.Fatalf("the team still lists the deleted user: %d", n)
	}
	if count("/teams/"+team+"/groups") != 1 || count("/teams/"+team+"/connections") != 1 {
		t.Fatal("a user's delete took the team's own memberships")
	}
	// A new user with the same email starts with nothing.
	uid = jsonString(t, c.invite(inviteBody())["id"])
	for _, p := range []string{"/users/" + uid + "/groups", "/users/" + uid + "/connections"} {
		if n := count(p); n != 0 {
			t.Fatalf("%s: %d", p, n)
		}
	}
	grant()

	// A connection's delete takes the users' and teams' memberships in it.
	c.do("DELETE", "/connections/"+cid, nil, 200, "Success")
	if count("/users/"+uid+"/connections") != 0 || count("/teams/"+team+"/connections") != 0 {
		t.Fatal("memberships of a deleted connection remain")
	}
	// A group's delete takes its users' and teams' memberships.
	c.do("DELETE", "/groups/"+gid, nil, 200, "Success")
	if count("/users/"+uid+"/groups") != 0 || count("/teams/"+team+"/groups") != 0 || count("/users/"+ownerID+"/groups") != 0 {
		t.Fatal("memberships of a deleted group remain")
	}
	// A team's delete takes its users and its grants.
	gid = c.hdaGroup("g2")
	c.do("POST", "/teams/"+team+"/groups", map[string]any{"id": gid, "role": "View Destination"}, 201, "Success")
	c.do("DELETE", "/teams/"+team, nil, 200, "Success")
	noDangling(t, emu, path, true)
	team = jsonString(t, c.do("POST", "/teams", map[string]any{"name": "t"}, 201, "Success").data()["id"])
	if count("/teams/"+team+"/users") != 0 || count("/teams/"+team+"/groups") != 0 {
		t.Fatal("a new team of the same name inherited memberships")
	}

	// Out of band too.
	c.do("POST", "/users/"+uid+"/groups", map[string]any{"id": gid, "role": "View Destination"}, 201, "Success")
	if err := emu.Delete("user", uid); err != nil {
		t.Fatal(err)
	}
	if n := count("/groups/" + gid + "/users"); n != 1 {
		t.Fatalf("a user deleted out of band is still in the group: %d", n)
	}
	if err := emu.Delete("group", gid); err != nil {
		t.Fatal(err)
	}
	if n := count("/users/" + ownerID + "/groups"); n != 0 {
		t.Fatalf("the owner is still in a group deleted out of band: %d", n)
	}
	noDangling(t, emu, path, false)
}

// noDangling fails if the state file at path holds a membership whose
// member or target is gone: what a delete would leave behind where no
// route shows it (nothing lists a deleted team's memberships). some says
// that memberships remain, so that an empty file proves nothing by
// accident.
func noDangling(t *testing.T, emu *emulator.Running, path string, some bool) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Memberships map[string]struct {
			Member   string `json:"member"`
			MemberID string `json:"member_id"`
			Target   string `json:"target"`
			TargetID string `json:"target_id"`
		} `json:"memberships"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	if some && len(st.Memberships) == 0 {
		t.Fatalf("no memberships in the state file: %s", raw)
	}
	for k, m := range st.Memberships {
		_, memberThere := emu.Get(m.Member, m.MemberID)
		_, targetThere := emu.Get(m.Target, m.TargetID)
		if !memberThere || !targetThere {
			t.Errorf("membership %s outlived its member or target", k)
		}
	}
}

// TestAccessState: users, teams, memberships and custom roles live in the
// state file and come back with it; Reset leaves the owner alone; ids are
// never reused; Observe sees the new routes' exchanges like any other's.
func TestAccessState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	var mu sync.Mutex
	var seen []string
	emu, c := startPx(t, func(o *emulator.Options) {
		o.StatePath = path
		o.Observe = func(x emulator.Exchange) {
			mu.Lock()
			seen = append(seen, x.Method+" "+x.Path)
			mu.Unlock()
		}
	})
	gid := c.hdaGroup("g")
	user := c.invite(inviteBody())
	uid := jsonString(t, user["id"])
	team := c.do("POST", "/teams", map[string]any{"name": "t", "role": "Account Analyst"}, 201, "Success").data()
	tid := jsonString(t, team["id"])
	c.do("POST", "/teams/"+tid+"/users", map[string]any{"user_id": uid, "role": "Team Manager"}, 201, "Success")
	if err := emu.AddCustomRole("Auditor", "DESTINATION"); err != nil {
		t.Fatal(err)
	}
	c.do("POST", "/users/"+uid+"/groups", map[string]any{"id": gid, "role": "Auditor"}, 201, "Success")
	if err := emu.AcceptInvitation(uid); err != nil {
		t.Fatal(err)
	}
	user, _ = emu.Get("user", uid)

	emu2, err := emulator.Start(emulator.Options{APIKey: "k", APISecret: "s", StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu2.Close)
	c2 := pxClient{t: t, base: emu2.URL}
	if d := c2.do("GET", "/users/"+uid, nil, 200, "Success").data(); fmt.Sprint(d) != fmt.Sprint(user) {
		t.Fatalf("user after a restart: %v, want %v", d, user)
	}
	if d := c2.do("GET", "/teams/"+tid, nil, 200, "Success").data(); fmt.Sprint(d) != fmt.Sprint(team) {
		t.Fatalf("team after a restart: %v, want %v", d, team)
	}
	if d := c2.do("GET", "/teams/"+tid+"/users/"+uid, nil, 200, "Success").data(); d["role"] != "Team Manager" {
		t.Fatalf("team membership after a restart: %v", d)
	}
	if d := c2.do("GET", "/users/"+uid+"/groups/"+gid, nil, 200, "Success").data(); d["role"] != "Auditor" {
		t.Fatalf("group membership after a restart: %v", d)
	}
	if items := c2.do("GET", "/groups/"+gid+"/users", nil, 200, "Success").items(); len(items) != 2 {
		t.Fatalf("group users after a restart: %v", items)
	}
	if roles := emu2.Roles(); roles[len(roles)-1]["name"] != "Auditor" {
		t.Fatalf("custom role after a restart: %v", roles[len(roles)-1])
	}
	if len(emu2.Users()) != 2 || emu2.Users()[0]["id"] != ownerID {
		t.Fatalf("users after a restart: %v", emu2.Users())
	}

	emu2.Reset()
	if len(emu2.Users()) != 1 || len(emu2.Teams()) != 0 || len(emu2.Roles()) != 20 {
		t.Fatalf("after Reset: users %v, teams %v, %d roles", emu2.Users(), emu2.Teams(), len(emu2.Roles()))
	}
	c2.do("GET", "/users/"+uid+"/groups", nil, 404, "NotFound")
	again := c2.invite(inviteBody())
	if again["id"] == uid {
		t.Fatalf("Reset handed out an id again: %v", again["id"])
	}

	emu.Close()
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(seen, "POST /v1/users") || !slices.Contains(seen, "POST /v1/teams/"+tid+"/users") {
		t.Fatalf("Observe did not see the new routes: %v", seen)
	}
}

// TestAccessFaultsAndLimits: injected faults and rate limits apply to the
// new routes as to any other: a fault in front of the API creates nothing,
// one after the commit loses the answer of a create that happened (which
// a repeat then meets as a 409), and a route's limit answers 429.
func TestAccessFaultsAndLimits(t *testing.T) {
	emu, c := startPx(t, nil)
	emu.InjectNext(emulator.Fault503, 1, http.MethodPost, "/v1/users")
	c.do("POST", "/users", inviteBody(), 503, "")
	if n := len(emu.Users()); n != 1 {
		t.Fatalf("a refused create created a user: %d users", n)
	}
	emu.InjectNext(emulator.Fault502AfterCommit, 1, http.MethodPost, "/v1/users")
	c.do("POST", "/users", inviteBody(), 502, "")
	if n := len(emu.Users()); n != 2 {
		t.Fatalf("the create whose answer was lost did not happen: %d users", n)
	}
	c.do("POST", "/users", inviteBody(), 409, "Conflict")

	emu.InjectNext(emulator.Fault502AfterCommit, 1, http.MethodPost, "/v1/teams/{teamId}/users")
	tid := jsonString(t, c.do("POST", "/teams", map[string]any{"name": "t"}, 201, "Success").data()["id"])
	c.do("POST", "/teams/"+tid+"/users", map[string]any{"user_id": ownerID, "role": "Team Member"}, 502, "")
	c.do("POST", "/teams/"+tid+"/users", map[string]any{"user_id": ownerID, "role": "Team Member"}, 409, "Conflict")

	emu.SetRateLimit("GET /v1/roles", 1, time.Minute)
	c.do("GET", "/roles", nil, 200, "Success")
	r := c.do("GET", "/roles", nil, 429, "TooManyRequests")
	if r.status != http.StatusTooManyRequests {
		t.Fatal(r.raw)
	}
	if n := emu.StatusCounts(429)["GET /v1/roles"]; n != 1 {
		t.Fatalf("429s counted for GET /v1/roles: %d", n)
	}
	if n := emu.Counts()["POST /v1/teams/{teamId}/users"]; n != 2 {
		t.Fatalf("the request log's count of team user creates: %d", n)
	}
}

// TestAccessOmitNulls: OmitNulls drops the optional nulls of users and
// teams but keeps those the spec requires (a user's role and logged_in_at,
// a team's role).
func TestAccessOmitNulls(t *testing.T) {
	_, c := startPx(t, func(o *emulator.Options) { o.OmitNulls = true })
	u := c.invite(map[string]any{"email": "a@example.com", "given_name": "A", "family_name": "B"})
	for _, k := range []string{"phone", "picture"} {
		if _, has := u[k]; has {
			t.Errorf("OmitNulls: %s in %v", k, u)
		}
	}
	for _, k := range []string{"role", "logged_in_at"} {
		if v, has := u[k]; !has || v != nil {
			t.Errorf("OmitNulls: %s = %v (present %v), want null", k, v, has)
		}
	}
	team := c.do("POST", "/teams", map[string]any{"name": "t"}, 201, "Success").data()
	if _, has := team["description"]; has {
		t.Errorf("OmitNulls: description in %v", team)
	}
	if v, has := team["role"]; !has || v != nil {
		t.Errorf("OmitNulls: team role %v (present %v)", v, has)
	}
}

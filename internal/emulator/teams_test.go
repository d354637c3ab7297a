package emulator_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The team routes and a team's memberships, driven over HTTP with every
// exchange validated against the OpenAPI spec (startPx). The bodies,
// roles and messages are those of go-fivetran's end-to-end tests, which
// ran against the live API, where they have them.

// teamKeys are the fields of a team every answer that shows one carries.
var teamKeys = []string{"id", "name", "description", "role"}

// teamBody is the body of the live tests' team create.
func teamBody() map[string]any {
	return map[string]any{"name": "test_team", "description": "test_description", "role": "Account Reviewer"}
}

// team creates a team and returns its id.
func (c pxClient) team(body map[string]any) string {
	c.t.Helper()
	return jsonString(c.t, c.do("POST", "/teams", body, 201, "Success").data()["id"])
}

// TestTeamCreate: a create answers 201 Success with the team as the live
// test checks it; name is required, not empty and unique; role is
// optional and of ACCOUNT scope.
func TestTeamCreate(t *testing.T) {
	emu, c := startPx(t, nil)
	r := c.do("POST", "/teams", teamBody(), 201, "Success")
	c.wantMessage(r, "Team has been created")
	d := r.data()
	checkFields(t, d, teamKeys, map[string]any{"name": "test_team", "description": "test_description", "role": "Account Reviewer"})
	if !pxIDRe.MatchString(jsonString(t, d["id"])) {
		t.Errorf("id %v", d["id"])
	}
	// Without a description or a role both are null.
	checkFields(t, c.do("POST", "/teams", map[string]any{"name": "bare"}, 201, "Success").data(), teamKeys,
		map[string]any{"name": "bare", "description": nil, "role": nil})

	before := len(emu.Teams())
	for _, b := range []struct {
		body    map[string]any
		field   string
		invalid bool
	}{
		{with(teamBody(), "name", nil), "name", false}, // the spec requires no field of a team
		{with(teamBody(), "name", ""), "name", false},
		{with(teamBody(), "name", "   "), "name", false},
		{with(teamBody(), "name", 4), "name", true},
		{with(teamBody(), "description", false), "description", true},
		{with(teamBody(), "role", "Team Member"), "role", false},
		{with(teamBody(), "role", "Manage Destination"), "role", false},
		{with(teamBody(), "role", "Nobody"), "role", false},
	} {
		var hdr []string
		if b.invalid {
			hdr = invalidReq
		}
		r := c.do("POST", "/teams", with(b.body, "name", b.body["name"]), 400, "InvalidInput", hdr...)
		if !strings.Contains(jsonString(t, r.body["message"]), b.field) {
			t.Errorf("%v: %s", b.body, r.raw)
		}
	}
	c.do("POST", "/teams", map[string]any{}, 400, "InvalidInput")
	c.wantMessage(c.do("POST", "/teams", teamBody(), 409, "Conflict"), "Team with name 'test_team' already exists.")
	if after := len(emu.Teams()); after != before {
		t.Fatalf("refused creates created teams: %d, then %d", before, after)
	}
	// A deleted team's name is free again.
	id := jsonString(t, d["id"])
	c.do("DELETE", "/teams/"+id, nil, 200, "Success")
	c.team(teamBody())
}

// TestTeamGetPatchDelete: a GET shows what the create answered; the live
// tests' PATCH, role removal and delete answer with their messages; a
// rename keeps names unique; an unknown team answers 404 NotFound_Team on
// every route, its lists of memberships included, as the official
// provider's live end-to-end tests expect.
func TestTeamGetPatchDelete(t *testing.T) {
	_, c := startPx(t, nil)
	id := c.team(teamBody())
	r := c.do("GET", "/teams/"+id, nil, 200, "Success")
	c.wantMessage(r, "Team details retrieved successfully")
	checkFields(t, r.data(), teamKeys, with(teamBody(), "id", id))

	r = c.do("PATCH", "/teams/"+id, map[string]any{"name": "test_team", "description": "test_description_2", "role": "Account Reviewer"}, 200, "Success")
	c.wantMessage(r, "Team has been updated")
	checkFields(t, r.data(), teamKeys, map[string]any{"id": id, "name": "test_team", "description": "test_description_2", "role": "Account Reviewer"})
	other := c.team(with(teamBody(), "name", "other"))
	c.do("PATCH", "/teams/"+id, map[string]any{"name": "other"}, 409, "Conflict")
	c.do("PATCH", "/teams/"+id, map[string]any{"name": ""}, 400, "InvalidInput")
	c.do("PATCH", "/teams/"+id, map[string]any{"role": "Team Manager"}, 400, "InvalidInput")
	d := c.do("PATCH", "/teams/"+id, map[string]any{"name": "test_team_2", "role": "Account Analyst"}, 200, "Success").data()
	checkFields(t, d, teamKeys, map[string]any{"name": "test_team_2", "description": "test_description_2", "role": "Account Analyst"})
	if got := c.do("GET", "/teams/"+id, nil, 200, "Success").data(); fmt.Sprint(got) != fmt.Sprint(d) {
		t.Fatalf("GET %v after PATCH %v", got, d)
	}

	r = c.do("DELETE", "/teams/"+id+"/role", nil, 200, "Success")
	c.wantMessage(r, "Team role in account has been removed")
	if got := c.do("GET", "/teams/"+id, nil, 200, "Success").data(); got["role"] != nil || got["name"] != "test_team_2" {
		t.Fatalf("after DELETE role: %v", got)
	}
	r = c.do("DELETE", "/teams/"+id, nil, 200, "Success")
	c.wantMessage(r, "Team has been deleted")
	for _, m := range []struct {
		method, path string
		body         any
	}{
		{"GET", "", nil}, {"PATCH", "", map[string]any{"name": "x"}}, {"DELETE", "", nil}, {"DELETE", "/role", nil},
		{"GET", "/users", nil}, {"POST", "/users", map[string]any{"user_id": ownerID, "role": "Team Member"}},
		{"GET", "/users/" + ownerID, nil}, {"GET", "/groups", nil}, {"GET", "/connections", nil},
		{"PATCH", "/groups/g", map[string]any{"role": "View Destination"}}, {"DELETE", "/connections/c", nil},
	} {
		c.wantMessage(c.do(m.method, "/teams/"+id+m.path, m.body, 404, "NotFound_Team"), "Team with id '"+id+"' does not exist.")
	}
	c.do("GET", "/teams/"+other, nil, 200, "Success")
}

// TestTeamList: paged like every list, in creation order, lagging writes.
func TestTeamList(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.ListLag = 5 * time.Second; o.MaxPageSize = 2 })
	var created []string
	for i := range 5 {
		created = append(created, c.team(with(teamBody(), "name", fmt.Sprintf("team_%d", i))))
	}
	list := func() []map[string]any {
		t.Helper()
		var out []map[string]any
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("the pages do not end")
			}
			path := "/teams"
			if cursor != "" {
				path += "?cursor=" + cursor
			}
			r := c.do("GET", path, nil, 200, "Success")
			c.wantMessage(r, "Teams retrieved successfully")
			if len(r.items()) > 2 {
				t.Fatalf("a page of %d under MaxPageSize 2", len(r.items()))
			}
			out = append(out, r.items()...)
			next, _ := r.data()["next_cursor"].(string)
			if next == "" {
				return out
			}
			cursor = next
		}
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("new teams listed before the lag: %v", got)
	}
	clock.advance(5 * time.Second)
	got := list()
	if !slices.Equal(ids(t, got, "id"), created) {
		t.Fatalf("listed %v, want %v", ids(t, got, "id"), created)
	}
	checkFields(t, got[0], teamKeys, map[string]any{"name": "team_0", "description": "test_description", "role": "Account Reviewer"})

	c.do("PATCH", "/teams/"+created[0], map[string]any{"description": "new"}, 200, "Success")
	c.do("DELETE", "/teams/"+created[1], nil, 200, "Success")
	if got := list(); len(got) != 5 || got[0]["description"] != "test_description" {
		t.Fatalf("the list shows writes before the lag: %v", got)
	}
	clock.advance(5 * time.Second)
	if got := list(); len(got) != 4 || got[0]["description"] != "new" {
		t.Fatalf("the list after the lag: %v", got)
	}
}

// TestTeamUserMemberships: the live tests' flow: the API key's user added
// as Team Member, read, listed, made Team Manager, removed, with their
// messages; a TEAM role, a known user, one membership per user and team.
func TestTeamUserMemberships(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	tid := c.team(teamBody())
	base := "/teams/" + tid + "/users"
	memberKeys := []string{"user_id", "role", "created_at"}

	r := c.do("POST", base, map[string]any{"user_id": ownerID, "role": "Team Member"}, 201, "Success")
	c.wantMessage(r, "User has been added to the team")
	checkFields(t, r.data(), memberKeys, map[string]any{"user_id": ownerID, "role": "Team Member", "created_at": startStamp})
	r = c.do("GET", base+"/"+ownerID, nil, 200, "Success")
	c.wantMessage(r, "Team user details retrieved successfully")
	checkFields(t, r.data(), memberKeys, map[string]any{"user_id": ownerID, "role": "Team Member"})
	r = c.do("GET", base, nil, 200, "Success")
	c.wantMessage(r, "Team users retrieved successfully")
	if items := r.items(); len(items) != 1 || items[0]["user_id"] != ownerID || items[0]["role"] != "Team Member" {
		t.Fatalf("list %v", items)
	}
	r = c.do("PATCH", base+"/"+ownerID, map[string]any{"role": "Team Manager"}, 200, "Success")
	c.wantMessage(r, "User role has been updated")
	checkFields(t, r.data(), memberKeys, map[string]any{"user_id": ownerID, "role": "Team Manager", "created_at": startStamp})

	// A second user; the list keeps the order of the adds, and filters on
	// active.
	uid := jsonString(t, c.invite(inviteBody())["id"])
	c.do("POST", base, map[string]any{"user_id": uid, "role": "Team Member"}, 201, "Success")
	if got := ids(t, c.do("GET", base, nil, 200, "Success").items(), "user_id"); !slices.Equal(got, []string{ownerID, uid}) {
		t.Fatalf("team users %v", got)
	}
	if items := c.do("GET", base+"?active=false", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("active=false: %v", items)
	}

	// The rules.
	c.do("POST", base, map[string]any{"user_id": uid, "role": "Team Member"}, 409, "Conflict")
	c.do("POST", base, map[string]any{"user_id": "no_such", "role": "Team Member"}, 404, "NotFound")
	c.do("POST", base, map[string]any{"role": "Team Member"}, 400, "InvalidInput", invalidReq...)
	c.do("POST", "/teams/"+c.team(with(teamBody(), "name", "t2"))+"/users", map[string]any{"user_id": uid}, 400, "InvalidInput")
	for _, role := range []string{"Manage Destination", "Account Administrator", "View Connection"} {
		c.do("PATCH", base+"/"+uid, map[string]any{"role": role}, 400, "InvalidInput")
	}
	c.do("PATCH", base+"/"+uid, map[string]any{}, 400, "InvalidInput", invalidReq...)
	other := jsonString(t, c.invite(with(inviteBody(), "email", "other@example.com"))["id"])
	c.do("GET", base+"/"+other, nil, 404, "NotFound")
	c.do("GET", base+"/no_such", nil, 404, "NotFound")

	r = c.do("DELETE", base+"/"+ownerID, nil, 200, "Success")
	c.wantMessage(r, "User has been removed from the team")
	c.do("GET", base+"/"+ownerID, nil, 404, "NotFound")
	c.do("DELETE", base+"/"+ownerID, nil, 404, "NotFound")
}

// TestTeamGroupMemberships: the live tests' flow with their roles
// (Destination Administrator on create, Destination Analyst read back,
// Destination Reviewer on update) and messages; DESTINATION roles only.
func TestTeamGroupMemberships(t *testing.T) {
	_, c := startPx(t, nil)
	tid := c.team(teamBody())
	gid := c.hdaGroup("test")
	base := "/teams/" + tid + "/groups"
	memberKeys := []string{"id", "role", "created_at"}

	r := c.do("POST", base, map[string]any{"id": gid, "role": "Destination Administrator"}, 201, "Success")
	c.wantMessage(r, "Group membership has been created")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": gid, "role": "Destination Administrator"})
	c.do("DELETE", base+"/"+gid, nil, 200, "Success")
	c.do("POST", base, map[string]any{"id": gid, "role": "Destination Analyst"}, 201, "Success")
	r = c.do("GET", base+"/"+gid, nil, 200, "Success")
	c.wantMessage(r, "Team group membership retrieved successfully")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": gid, "role": "Destination Analyst"})
	r = c.do("GET", base, nil, 200, "Success")
	c.wantMessage(r, "Team group memberships retrieved successfully")
	if items := r.items(); len(items) != 1 || items[0]["id"] != gid || items[0]["role"] != "Destination Analyst" {
		t.Fatalf("list %v", items)
	}
	r = c.do("PATCH", base+"/"+gid, map[string]any{"role": "Destination Reviewer"}, 200, "Success")
	c.wantMessage(r, "Group membership has been updated")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": gid, "role": "Destination Reviewer"})

	c.do("POST", base, map[string]any{"id": gid, "role": "View Destination"}, 409, "Conflict")
	c.do("POST", base, map[string]any{"id": "no_such", "role": "View Destination"}, 404, "NotFound_Group")
	c.do("POST", base, map[string]any{"id": c.hdaGroup("g2"), "role": "Team Member"}, 400, "InvalidInput")
	c.do("POST", base, map[string]any{"id": gid}, 400, "InvalidInput", invalidReq...)
	c.do("GET", base+"/"+c.hdaGroup("g3"), nil, 404, "NotFound")

	r = c.do("DELETE", base+"/"+gid, nil, 200, "Success")
	c.wantMessage(r, "Group membership has been deleted")
	if _, has := r.body["data"]; has {
		t.Errorf("the DELETE answered data: %s", r.raw)
	}
	c.do("GET", base+"/"+gid, nil, 404, "NotFound")
	// A team's group membership is not a user's: the group's users are
	// the owner alone.
	if items := c.do("GET", "/groups/"+gid+"/users", nil, 200, "Success").items(); len(items) != 1 {
		t.Fatalf("group users %v", items)
	}
}

// TestTeamConnectionMemberships: the live tests' flow with their roles
// (Connector Administrator, then Connector Collaborator); CONNECTOR roles
// only; the spec's messages.
func TestTeamConnectionMemberships(t *testing.T) {
	_, c := startPx(t, nil)
	tid := c.team(teamBody())
	cid := c.acConn(c.hdaGroup("g"), "gh")
	base := "/teams/" + tid + "/connections"
	memberKeys := []string{"id", "role", "created_at"}

	r := c.do("POST", base, map[string]any{"id": cid, "role": "Connector Administrator"}, 201, "Success")
	c.wantMessage(r, "Connection membership has been created")
	made := r.data()
	checkFields(t, made, memberKeys, map[string]any{"id": cid, "role": "Connector Administrator"})
	r = c.do("GET", base+"/"+cid, nil, 200, "Success")
	c.wantMessage(r, "Team connection membership retrieved successfully")
	if fmt.Sprint(r.data()) != fmt.Sprint(made) {
		t.Fatalf("GET %v, create %v", r.data(), made)
	}
	r = c.do("GET", base, nil, 200, "Success")
	c.wantMessage(r, "Team connection memberships retrieved successfully")
	if items := r.items(); len(items) != 1 || fmt.Sprint(items[0]) != fmt.Sprint(made) {
		t.Fatalf("list %v", items)
	}
	r = c.do("PATCH", base+"/"+cid, map[string]any{"role": "Connector Collaborator"}, 200, "Success")
	c.wantMessage(r, "Connection membership has been updated")
	checkFields(t, r.data(), memberKeys, map[string]any{"id": cid, "role": "Connector Collaborator"})

	c.do("POST", base, map[string]any{"id": cid, "role": "View Connection"}, 409, "Conflict")
	c.do("POST", base, map[string]any{"id": "no_such", "role": "View Connection"}, 404, "NotFound_Connector")
	c.do("PATCH", base+"/"+cid, map[string]any{"role": "Edit Destination"}, 400, "InvalidInput")
	c.do("GET", base+"/no_such", nil, 404, "NotFound_Connector")

	r = c.do("DELETE", base+"/"+cid, nil, 200, "Success")
	c.wantMessage(r, "Connection membership has been deleted")
	c.do("GET", base+"/"+cid, nil, 404, "NotFound")
}

// TestTeamsOutOfBand: CreateTeam validates like the API and shows in lists
// at once; Patch changes a team as someone in the dashboard would, and the
// next read shows it.
func TestTeamsOutOfBand(t *testing.T) {
	emu, c := startPx(t, func(o *emulator.Options) { o.ListLag = time.Hour })
	d, err := emu.CreateTeam(teamBody())
	if err != nil {
		t.Fatal(err)
	}
	id := jsonString(t, d["id"])
	if _, err := emu.CreateTeam(teamBody()); err == nil {
		t.Fatal("CreateTeam accepted a name taken")
	}
	if _, err := emu.CreateTeam(map[string]any{"name": "x", "role": "Team Member"}); err == nil {
		t.Fatal("CreateTeam accepted a role of TEAM scope")
	}
	if items := c.do("GET", "/teams", nil, 200, "Success").items(); len(items) != 1 || items[0]["id"] != id {
		t.Fatalf("a team made out of band is not listed at once: %v", items)
	}
	if err := emu.Patch("team", id, map[string]any{"name": "renamed"}); err != nil {
		t.Fatal(err)
	}
	if got := c.do("GET", "/teams/"+id, nil, 200, "Success").data(); got["name"] != "renamed" {
		t.Fatalf("out-of-band rename: %v", got)
	}

	// Users likewise: a user who renames themselves.
	u, err := emu.CreateUser(inviteBody())
	if err != nil {
		t.Fatal(err)
	}
	uid := jsonString(t, u["id"])
	if _, err := emu.CreateUser(with(inviteBody(), "email", "WILLIAM_ADDISON.@fivetran.com")); err == nil {
		t.Fatal("CreateUser accepted an email taken")
	}
	if err := emu.Patch("user", uid, map[string]any{"given_name": "Bill"}); err != nil {
		t.Fatal(err)
	}
	if got := c.do("GET", "/users/"+uid, nil, 200, "Success").data(); got["given_name"] != "Bill" {
		t.Fatalf("out-of-band rename: %v", got)
	}
	if got := ids(t, c.do("GET", "/users", nil, 200, "Success").items(), "id"); !slices.Equal(got, []string{ownerID, uid}) {
		t.Fatalf("a user made out of band is not listed at once: %v", got)
	}
}

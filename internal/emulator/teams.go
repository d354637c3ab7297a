package emulator

import (
	"net/http"
	"strings"
)

// Teams (API.md, "Users, teams and roles"): named sets of users that hold
// roles together: in the account, in groups and in connections. A team's
// members and grants are memberships (memberships.go).
//
//   - POST /v1/teams {name, description, role} answers 201 with the team as
//     a GET shows it, {id, name, description, role}. name is required and
//     not empty (400); no two teams of the account share a name (409
//     Conflict, an assumption). description is optional (null when not
//     sent). role is optional and must be a role of ACCOUNT scope; without
//     one the team has no account role (null).
//   - PATCH /v1/teams/{teamId} changes what it sends, with the create's
//     rules; a null is as if absent. DELETE /v1/teams/{teamId}/role removes
//     the account role ("Team role in account has been removed", as
//     recorded live). DELETE /v1/teams/{teamId} ("Team has been deleted",
//     as recorded live) deletes the team and its memberships.
//   - /v1/teams/{teamId}/users {user_id, role} holds users with a TEAM
//     role (Team Member, Team Manager); /v1/teams/{teamId}/groups and
//     /connections {id, role} give the team DESTINATION and CONNECTOR roles
//     (memberships.go).
//   - An unknown team answers 404 NotFound_Team, the code the official
//     provider's end-to-end tests, which ran against the live API, expect
//     after a team's delete, on the team and on its lists of memberships.
//   - GET /v1/teams is paginated and lags writes like every list.

var teamRules = []fieldRule{
	{name: "name", kind: kindString, required: true, notEmpty: true},
	{name: "description", kind: kindString, nullable: true},
}

func (e *Emulator) teamNotFound(id string) *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound_Team", "Team with id '%s' does not exist.", id))
}

// renderTeam renders a team as every answer shows it. role stays null under
// OmitNulls: the spec requires it.
func (e *Emulator) renderTeam(o *object) map[string]any {
	return e.nullsKeeping(copyMap(o.Data), "role")
}

// checkTeamName refuses an empty name and one another team has. Call with
// e.mu held.
func (e *Emulator) checkTeamName(name, selfID string) *APIError {
	if strings.TrimSpace(name) == "" {
		return invalid("Field 'name' cannot be empty")
	}
	for id, o := range e.st.Teams {
		if id != selfID && o.Data["name"] == name {
			return apiErr(http.StatusConflict, "Conflict", "Team with name '%s' already exists.", name)
		}
	}
	return nil
}

// parseTeamBody checks a create (current nil) or PATCH body and returns the
// fields it sets, role included. Call with e.mu held.
func (e *Emulator) parseTeamBody(b, current map[string]any, selfID string) (map[string]any, *APIError) {
	in, err := parseBody(teamRules, b, current, "")
	if err != nil {
		return nil, err
	}
	if b["role"] != nil {
		role, err := e.checkRole(b["role"], scopeAccount)
		if err != nil {
			return nil, err
		}
		in["role"] = role
	}
	if name, set := in["name"].(string); set {
		if err := e.checkTeamName(name, selfID); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// doCreateTeam validates and inserts a team. Call with e.mu held.
func (e *Emulator) doCreateTeam(b map[string]any) (*object, *APIError) {
	in, err := e.parseTeamBody(b, nil, "")
	if err != nil {
		return nil, err
	}
	id := e.newID()
	o := &object{Seq: e.nextSeq(), Data: map[string]any{"id": id, "name": in["name"], "description": in["description"], "role": in["role"]}}
	e.st.Teams[id] = o
	e.lagList("team", id)
	return o, nil
}

func (e *Emulator) listTeams(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	items := []any{}
	for _, o := range e.listed("team", e.st.Teams) {
		items = append(items, e.renderTeam(o))
	}
	return ok(http.StatusOK, "Teams retrieved successfully", paginate(items, p))
}

func (e *Emulator) createTeamH(q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateTeam(b)
	if err != nil {
		return errResp(err)
	}
	e.commit()
	return ok(http.StatusCreated, "Team has been created", e.renderTeam(o))
}

func (e *Emulator) getTeam(q *request) *response {
	id := q.r.PathValue("teamId")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Teams[id]
	if o == nil {
		return e.teamNotFound(id)
	}
	return ok(http.StatusOK, "Team details retrieved successfully", e.renderTeam(o))
}

func (e *Emulator) patchTeam(q *request) *response {
	id := q.r.PathValue("teamId")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Teams[id]
	if o == nil {
		return e.teamNotFound(id)
	}
	upd, err := e.parseTeamBody(b, o.Data, id)
	if err != nil {
		return errResp(err)
	}
	if len(upd) > 0 {
		e.keepVersion("team", o)
		for k, v := range upd {
			o.Data[k] = v
		}
		e.commit()
	}
	return ok(http.StatusOK, "Team has been updated", e.renderTeam(o))
}

func (e *Emulator) deleteTeam(q *request) *response {
	id := q.r.PathValue("teamId")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Teams[id] == nil {
		return e.teamNotFound(id)
	}
	e.dropMemberships("team", id)
	e.remove("team", e.st.Teams, id)
	e.commit()
	return ok(http.StatusOK, "Team has been deleted", nil)
}

func (e *Emulator) deleteTeamRole(q *request) *response {
	id := q.r.PathValue("teamId")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Teams[id]
	if o == nil {
		return e.teamNotFound(id)
	}
	if o.Data["role"] != nil {
		e.keepVersion("team", o)
		o.Data["role"] = nil
		e.commit()
	}
	return ok(http.StatusOK, "Team role in account has been removed", nil)
}

// ---------------------------------------------------------------------------
// Out of band

// Teams returns every team of the account as GET shows them.
func (e *Emulator) Teams() []map[string]any { return e.list("team") }

// CreateTeam creates a team out of band, with the same validation as POST
// /v1/teams (body: name, description, role), and returns it as the
// create's answer shows it. Unlike the API's create it shows in lists at
// once.
func (e *Emulator) CreateTeam(body map[string]any) (map[string]any, error) {
	b := plain(body)
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateTeam(b)
	if err != nil {
		return nil, err
	}
	delete(e.visibleAt, "team/"+str(o.Data["id"]))
	e.commit()
	return plain(e.renderTeam(o)), nil
}

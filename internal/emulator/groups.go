package emulator

import (
	"net/http"
	"strings"
)

func (e *Emulator) renderGroup(o *object) map[string]any {
	return e.nulls(copyMap(o.Data))
}

// nulls drops nil top-level values when OmitNulls is set (the live API sends them).
func (e *Emulator) nulls(m map[string]any) map[string]any {
	if !e.opts.OmitNulls {
		return m
	}
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
	return m
}

func (e *Emulator) insertGroup(name string) *object {
	id := e.newID()
	o := &object{Seq: e.nextSeq(), Data: map[string]any{"id": id, "name": name, "created_at": nowStamp()}}
	e.keyGroup(o) // its SSH public key (group_keys.go)
	e.st.Groups[id] = o
	return o
}

func (e *Emulator) groupNotFound(id string) *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound_Group", "Group with id '%s' does not exist.", id))
}

func (e *Emulator) checkGroupName(name, selfID string) *APIError {
	if strings.TrimSpace(name) == "" {
		return invalid("Field 'name' is required")
	}
	if !e.opts.StrictGroupNames {
		return nil
	}
	if !strictGroupNameRe.MatchString(name) {
		return invalid("Group name '%s' is invalid: it must start with a letter or underscore and can only contain letters, numbers, or underscores", name)
	}
	for id, g := range e.st.Groups {
		if id != selfID && g.Data["name"] == name {
			return apiErr(http.StatusConflict, "Conflict", "Group with name '%s' already exists", name)
		}
	}
	return nil
}

func (e *Emulator) listGroups(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var items []any
	for _, o := range e.listed("group", e.st.Groups) {
		items = append(items, e.renderGroup(o))
	}
	return ok(http.StatusOK, "Groups retrieved successfully", paginate(items, p))
}

func (e *Emulator) createGroupH(q *request) *response {
	in, err := parseBody(groupRules, q.body, nil, "")
	if err != nil {
		return errResp(err)
	}
	name := str(in["name"])
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.checkGroupName(name, ""); err != nil {
		return errResp(err)
	}
	o := e.insertGroup(name)
	e.lagList("group", str(o.Data["id"]))
	e.groupCreatorMembership(str(o.Data["id"])) // users.go
	e.commit()
	return ok(http.StatusCreated, "Group has been created", e.renderGroup(o))
}

func (e *Emulator) getGroup(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Groups[q.r.PathValue("id")]
	if o == nil {
		return e.groupNotFound(q.r.PathValue("id"))
	}
	return ok(http.StatusOK, "Group details retrieved successfully", e.renderGroup(o))
}

func (e *Emulator) patchGroup(q *request) *response {
	id := q.r.PathValue("id")
	body := q.body
	if body == nil {
		body = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Groups[id]
	if o == nil {
		return e.groupNotFound(id)
	}
	upd, err := parseBody(groupRules, body, o.Data, "")
	if err != nil {
		return errResp(err)
	}
	if name, found := upd["name"].(string); found {
		if err := e.checkGroupName(name, id); err != nil {
			return errResp(err)
		}
		e.keepVersion("group", o)
		o.Data["name"] = name
		e.commit()
	}
	return ok(http.StatusOK, "Group has been updated", e.renderGroup(o))
}

// groupConnections returns the connections of a group in creation order.
// Call with e.mu held.
func (e *Emulator) groupConnections(groupID string) []*object {
	var out []*object
	for _, o := range sorted(e.st.Connections) {
		if o.Data["group_id"] == groupID {
			out = append(out, o)
		}
	}
	return out
}

func (e *Emulator) deleteGroup(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Groups[id] == nil {
		return e.groupNotFound(id)
	}
	if conns := e.blockingConnections(id); len(conns) > 0 {
		return errResp(apiErr(http.StatusConflict, "Conflict",
			"Group with id '%s' cannot be deleted while it has connections: %s", id, describeConnections(conns)))
	}
	if agents := e.groupHybridAgents(id); len(agents) > 0 {
		// An agent belongs to its group (an assumption, API.md, "Hybrid
		// deployment agents"): deleting the group would strand it.
		return errResp(apiErr(http.StatusConflict, "Conflict",
			"Group with id '%s' cannot be deleted while it has hybrid deployment agents: %s", id, strings.Join(agents, ", ")))
	}
	if e.st.Destinations[id] != nil {
		if e.opts.StrictGroupDelete {
			return errResp(apiErr(http.StatusConflict, "Conflict",
				"Group with id '%s' cannot be deleted while it has a destination; delete destination '%s' first", id, id))
		}
		e.remove("destination", e.st.Destinations, id)
		e.dropApprovals(ownerDestination, id)
	}
	// A group's webhooks go with it, and never stop its delete (an
	// assumption, API.md, "Webhooks").
	e.deleteGroupWebhooks(id)
	// So does its log service, whose id is the group's (an assumption,
	// API.md, "External logging").
	e.deleteGroupLogService(id)
	// Its users' and teams' memberships go with it (memberships.go).
	e.dropMemberships("group", id)
	e.remove("group", e.st.Groups, id)
	e.commit()
	return ok(http.StatusOK, "Group with id '"+id+"' has been deleted", nil)
}

func describeConnections(conns []*object) string {
	parts := make([]string, 0, len(conns))
	for _, c := range conns {
		parts = append(parts, "'"+str(c.Data["id"])+"' ("+str(c.Data["service"])+" "+str(c.Data["schema"])+")")
	}
	return strings.Join(parts, ", ")
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func (e *Emulator) listGroupConnections(q *request) *response {
	id := q.r.PathValue("id")
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Groups[id] == nil {
		return e.groupNotFound(id)
	}
	schema := q.r.URL.Query().Get("schema")
	var items []any
	for _, o := range e.listed("connection", e.st.Connections) {
		if o.Data["group_id"] != id {
			continue
		}
		if schema != "" && o.Data["schema"] != schema {
			continue
		}
		items = append(items, e.connectionListItem(o))
	}
	return ok(http.StatusOK, "Group connections retrieved successfully", paginate(items, p))
}

package emulator

import (
	"net/http"
	"slices"
	"time"
)

// Behaviour over time: the switches that make the emulator answer the way the
// live API does when work takes time (Options.ListLag, SetupTestDelay,
// DeleteDelay), the pages it cuts (MaxPageSize), the setup-test results it
// gives (SetupTestStatuses) and the connection Fivetran makes itself
// (PlatformConnection). LiveProfile turns the realistic ones on.

// LiveProfile returns the options of the "live" profile (-profile live): the
// API as a client meets it in production rather than the kindest reading of
// the contract. Durations are the ones a person sees against Fivetran;
// tests shorten them with the same fields. Credentials, catalog and seed are
// left for the caller to fill in.
//
// The live data shapes (ports as strings, nulls for unset fields, server
// defaults in config, masking per Fivetran's field catalog, connections
// accepted in a group without a destination) are not set here: they are the
// emulator's default behaviour (i12-fidelity: NumericPorts, OmitNulls,
// RequireDestination and NoServerDefaults bring the older shapes back, and
// the profile leaves all four off). LIVE-PROFILE DATA SHAPES: should a
// data-shape switch ever be off by default, turn it on here.
//
// PlatformConnection is not part of the profile: Fivetran makes such a
// connection only for some destinations, and with it every destroy of a
// destination ends in the error that names it (by design, see DESIGN.md), so
// tests that want it ask for it.
func LiveProfile() Options {
	return Options{
		ListLag:           5 * time.Second,
		SetupTestDelay:    3 * time.Second,
		DeleteDelay:       2 * time.Second,
		MaxPageSize:       3,
		SetupTestStatuses: []string{"PASSED", "WARNING", "SKIPPED"},
	}
}

// ApplyLiveProfile turns on in o every switch of LiveProfile that o leaves
// at its zero value, keeping what o sets (credentials, catalog, shorter
// durations for tests).
func (o *Options) ApplyLiveProfile() {
	live := LiveProfile()
	if o.ListLag == 0 {
		o.ListLag = live.ListLag
	}
	if o.SetupTestDelay == 0 {
		o.SetupTestDelay = live.SetupTestDelay
	}
	if o.DeleteDelay == 0 {
		o.DeleteDelay = live.DeleteDelay
	}
	if o.MaxPageSize == 0 {
		o.MaxPageSize = live.MaxPageSize
	}
	if len(o.SetupTestStatuses) == 0 {
		o.SetupTestStatuses = live.SetupTestStatuses
	}
}

// setupTestStatuses are the results the emulator can give a passing test.
var setupTestStatuses = []string{"PASSED", "WARNING", "SKIPPED"}

func (e *Emulator) now() time.Time {
	if e.opts.Now != nil {
		return e.opts.Now()
	}
	return time.Now()
}

// ghost is a deleted object as lists and delete rules still see it.
type ghost struct {
	kind       string // "group", "destination" or "connection"
	o          *object
	goneAt     time.Time // until then a deleted connection still blocks deleting its destination and group (409)
	unlistedAt time.Time // until then lists still show it
}

// lagList hides a new object from lists for ListLag. Call with e.mu held.
func (e *Emulator) lagList(kind, id string) {
	if e.opts.ListLag > 0 {
		e.visibleAt[kind+"/"+id] = e.now().Add(e.opts.ListLag)
	}
}

// remove deletes an object through the API: it goes from its table at once
// (GET answers 404), but with DeleteDelay or ListLag it lives on as a ghost.
// Call with e.mu held.
func (e *Emulator) remove(kind string, t map[string]*object, id string) {
	o := t[id]
	delete(t, id)
	e.prune()
	_, neverListed := e.visibleAt[kind+"/"+id]
	delete(e.visibleAt, kind+"/"+id)
	if o == nil || (e.opts.DeleteDelay <= 0 && e.opts.ListLag <= 0) {
		return
	}
	gone := e.now().Add(e.opts.DeleteDelay)
	unlisted := gone.Add(e.opts.ListLag)
	if neverListed {
		unlisted = e.now() // lists never showed it; they do not start now
	}
	e.ghosts = append(e.ghosts, ghost{kind: kind, o: o, goneAt: gone, unlistedAt: unlisted})
}

// prune forgets ghosts nobody can see any more. Call with e.mu held.
func (e *Emulator) prune() {
	now := e.now()
	e.ghosts = slices.DeleteFunc(e.ghosts, func(g ghost) bool {
		return !now.Before(g.unlistedAt) && !now.Before(g.goneAt)
	})
	for id, at := range e.visibleAt {
		if !now.Before(at) {
			delete(e.visibleAt, id)
		}
	}
}

// listed returns what a list of kind shows now, in creation order: the
// table's objects past their ListLag, and deleted objects still within it.
// Call with e.mu held.
func (e *Emulator) listed(kind string, t map[string]*object) []*object {
	e.prune()
	out := make([]*object, 0, len(t))
	for id, o := range t {
		if _, lagging := e.visibleAt[kind+"/"+id]; !lagging {
			out = append(out, o)
		}
	}
	now := e.now()
	for _, g := range e.ghosts {
		if g.kind == kind && now.Before(g.unlistedAt) {
			out = append(out, g.o)
		}
	}
	slices.SortFunc(out, func(a, b *object) int { return int(a.Seq - b.Seq) })
	return out
}

// blockingConnections returns the connections of a group that stop it and
// its destination from being deleted: the live ones and those whose delete
// has not taken effect yet (DeleteDelay). Call with e.mu held.
func (e *Emulator) blockingConnections(groupID string) []*object {
	out := e.groupConnections(groupID)
	now := e.now()
	for _, g := range e.ghosts {
		if g.kind == "connection" && now.Before(g.goneAt) && g.o.Data["group_id"] == groupID {
			out = append(out, g.o)
		}
	}
	return out
}

// setupTestStatus is the result of the i-th passing setup test.
func (e *Emulator) setupTestStatus(i int) string {
	if s := e.opts.SetupTestStatuses; len(s) > 0 {
		return s[i%len(s)]
	}
	return "PASSED"
}

// runsSetupTests reports whether a response carries setup-test results:
// Fivetran answers such a request only once the tests are done.
func runsSetupTests(resp *response) bool {
	m, _ := resp.data.(map[string]any)
	_, found := m["setup_tests"]
	return found && resp.status < 300
}

// slowWork waits SetupTestDelay (or until the client gives up).
func (e *Emulator) slowWork(r *http.Request, resp *response) {
	if e.opts.SetupTestDelay <= 0 || !runsSetupTests(resp) {
		return
	}
	t := time.NewTimer(e.opts.SetupTestDelay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// platformService is the service of the connection Fivetran makes itself in
// a new destination's group (PlatformConnection).
const platformService = "fivetran_log"

// addPlatformConnection makes the connection Fivetran adds to a new
// destination's group. Call with e.mu held.
func (e *Emulator) addPlatformConnection(groupID string) {
	id := e.newID()
	status := map[string]any{
		"setup_state": "connected", "sync_state": "scheduled", "update_state": "on_schedule",
		"is_historical_sync": true, "rescheduled_for": nil, "tasks": []any{}, "warnings": []any{},
	}
	e.st.Connections[id] = &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "group_id": groupID, "service": platformService, "service_version": 1,
		"schema":       platformService,
		"connected_by": "system", "created_at": nowStamp(), "succeeded_at": nil, "failed_at": nil,
		"paused": false, "pause_after_trial": false, "sync_frequency": int64(360), "schedule_type": "auto",
		"data_delay_sensitivity": "NORMAL", "data_delay_threshold": int64(0), "networking_method": "Directly",
		"daily_sync_time": nil, "private_link_id": nil, "proxy_agent_id": nil,
		"hybrid_deployment_agent_id": nil, "external_secrets_manager_id": nil,
		"status": status, "config": map[string]any{},
	}}
	e.lagList("connection", id)
}

// faultAfterCommit maps the fault kinds that answer after the write has
// committed to the status they answer with.
var faultAfterCommit = map[string]int{
	Fault502AfterCommit: http.StatusBadGateway,
	Fault504AfterCommit: http.StatusGatewayTimeout,
}

// faultApplies reports whether a fault kind can hit a request of method:
// the after-commit kinds need a write.
func faultApplies(kind, method string) bool {
	switch {
	case kind == FaultDropAfterCommit:
		return method == http.MethodPost
	case faultAfterCommit[kind] != 0:
		return method == http.MethodPost || method == http.MethodPatch || method == http.MethodDelete
	}
	return true
}

package emulator

import (
	"net/http"
	"strings"
	"time"
)

// Syncs.
//
// A sync runs for a while: POST /connections/{id}/sync (or /resync for a
// historical one) sets status.sync_state to "syncing" and the
// sync ends SyncDuration later (SetSyncDuration; 1 second by default) on
// the emulator's clock (Options.Now). The emulator runs no timers: a connection's sync is settled whenever the
// connection is read or written after its end time, so a reader sees the
// state Fivetran would show at that moment. At its end:
//
//   - success: succeeded_at = the end time, sync_state "scheduled",
//     update_state "on_schedule", is_historical_sync false, tasks [];
//   - failure (FailSyncs, or the config value "emulator:fail-sync"):
//     failed_at = the end time, sync_state "scheduled" (Fivetran reschedules
//     a failed sync), update_state "delayed", and a task saying why
//     (is_historical_sync stays true: the historical sync did not complete).
//
// Fivetran's rules the emulator follows (API.md, "Syncs and re-syncs"):
//
//   - /sync with force=false (the default) does nothing while a sync runs;
//     force=true restarts it.
//   - /sync of a paused connection is answered 200, as the spec lists no
//     other success or refusal, and starts nothing: sync_state stays
//     "paused" (clients check paused before triggering; the provider does).
//   - /resync of a paused connection is accepted and marks the historical
//     sync for when the connection is unpaused (is_historical_sync true);
//     /resync while a sync runs is declined with 409 (the spec: "if it
//     fails [to complete the running sync] ... 409 Conflict"; the emulator
//     never completes it early). A scope must be non-empty and so must
//     each schema's table list (400).

// syncSim holds the sync timing. Guarded by Emulator.mu. The clock is the
// emulator's (Options.Now), which tests move instead of sleeping.
type syncSim struct {
	duration time.Duration // 0: defaultSyncDuration
	set      bool          // duration was set (so 0 means "ends at once")
}

const defaultSyncDuration = time.Second

// magicFailSync is the config value that makes every sync of a connection fail.
const magicFailSync = "emulator:fail-sync"

// SyncFailure says why a sync failed: it becomes a task in status.tasks
// (Fivetran's Alert shape: code, message, details).
type SyncFailure struct {
	Code, Message, Details string
	// Warning also adds the alert to status.warnings.
	Warning bool
}

// SetSyncDuration sets how long a simulated sync runs (0: it has ended by
// the next read).
func (e *Emulator) SetSyncDuration(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.sim.duration, e.sim.set = d, true
}

// FailSyncs makes every sync of the connection fail with f until
// ClearSyncFailure. An empty Code or Message gets a default.
func (e *Emulator) FailSyncs(connectionID string, f SyncFailure) {
	if f.Code == "" {
		f.Code = "sync_failed"
	}
	if f.Message == "" {
		f.Message = "Sync failed"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if o := e.st.Connections[connectionID]; o != nil {
		internal(o)["sync_fail"] = map[string]any{"code": f.Code, "message": f.Message, "details": f.Details, "warning": f.Warning}
		e.commit()
	}
}

// ClearSyncFailure lets the connection's next syncs succeed again.
func (e *Emulator) ClearSyncFailure(connectionID string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if o := e.st.Connections[connectionID]; o != nil {
		delete(internal(o), "sync_fail")
		e.commit()
	}
}

func internal(o *object) map[string]any {
	if o.Internal == nil {
		o.Internal = map[string]any{}
	}
	return o.Internal
}

func (e *Emulator) clock() time.Time { return e.now().UTC() }

func (e *Emulator) syncDuration() time.Duration {
	if e.sim.set {
		return e.sim.duration
	}
	return defaultSyncDuration
}

func connStatus(o *object) map[string]any {
	st, _ := o.Data["status"].(map[string]any)
	if st == nil {
		st = map[string]any{}
		o.Data["status"] = st
	}
	return st
}

// startSync starts a sync now (historical or not). Call with e.mu held.
func (e *Emulator) startSync(o *object, historical bool) {
	st := connStatus(o)
	st["sync_state"] = "syncing"
	if historical {
		st["is_historical_sync"] = true
	}
	internal(o)["sync_ends_at"] = e.clock().Add(e.syncDuration()).Format(time.RFC3339Nano)
}

// settleSync ends a running sync whose end time has passed. Call with e.mu
// held, before rendering or changing a connection.
func (e *Emulator) settleSync(o *object) {
	in := o.Internal
	if in == nil {
		return
	}
	raw, running := in["sync_ends_at"].(string)
	if !running {
		return
	}
	end, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil || e.clock().Before(end) {
		return
	}
	delete(in, "sync_ends_at")
	st := connStatus(o)
	stamp := end.UTC().Format(timeLayout)
	if o.Data["paused"] == true {
		st["sync_state"] = "paused"
	} else {
		st["sync_state"] = "scheduled"
	}
	if f := e.syncFailure(o); f != nil {
		o.Data["failed_at"] = stamp
		st["update_state"] = "delayed"
		alert := map[string]any{"code": f["code"], "message": f["message"], "details": f["details"]}
		st["tasks"] = []any{alert}
		if f["warning"] == true {
			st["warnings"] = append(anyList(st["warnings"]), alert)
		}
		return
	}
	o.Data["succeeded_at"] = stamp
	st["update_state"] = "on_schedule"
	st["is_historical_sync"] = false
	st["tasks"] = []any{}
}

func anyList(v any) []any {
	l, _ := v.([]any)
	return l
}

// syncFailure is the failure the connection's syncs end with, nil when they
// succeed.
func (e *Emulator) syncFailure(o *object) map[string]any {
	if f, found := o.Internal["sync_fail"].(map[string]any); found {
		return f
	}
	if containsValue(o.Data["config"], magicFailSync) {
		return map[string]any{
			"code":    "sync_failed",
			"message": "Sync failed: the emulator was told to fail this connection's syncs",
			"details": "config holds " + magicFailSync,
		}
	}
	return nil
}

func containsValue(v any, want string) bool {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t) == want
	case map[string]any:
		for _, x := range t {
			if containsValue(x, want) {
				return true
			}
		}
	case []any:
		for _, x := range t {
			if containsValue(x, want) {
				return true
			}
		}
	}
	return false
}

func syncing(o *object) bool {
	_, running := o.Internal["sync_ends_at"].(string)
	return running
}

func (e *Emulator) syncConnection(q *request) *response {
	id := q.r.PathValue("id")
	force := false
	if q.body != nil {
		vals, err := parseBody(syncRules, q.body, nil, "")
		if err != nil {
			return errResp(err)
		}
		force = vals["force"] == true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[id]
	if o == nil {
		return e.connectionNotFound(id)
	}
	e.settleSync(o)
	switch {
	case o.Data["paused"] == true:
		// Accepted, but a paused connection does not sync.
	case syncing(o) && !force:
		// Syncs only if it isn't syncing already.
	default:
		e.startSync(o, false)
	}
	e.commit()
	return ok(http.StatusOK, "Sync has been successfully triggered for connection with id '"+id+"'", nil)
}

func (e *Emulator) resyncConnection(q *request) *response {
	id := q.r.PathValue("id")
	if q.body != nil {
		if v, found := q.body["scope"]; found && v != nil {
			scope, isMap := v.(map[string]any)
			if !isMap {
				return invalidResp("Field 'scope' must be an object mapping schema names to lists of table names")
			}
			if len(scope) == 0 {
				return errResp(apiErr(http.StatusBadRequest, "BadRequest", "Field 'scope' must not be empty"))
			}
			for schema, tables := range scope {
				l, isList := tables.([]any)
				if !isList || len(l) == 0 {
					return errResp(apiErr(http.StatusBadRequest, "BadRequest", "Field 'scope.%s' must be a non-empty list of table names", schema))
				}
				for _, t := range l {
					if s, isStr := t.(string); !isStr || s == "" {
						return errResp(apiErr(http.StatusBadRequest, "BadRequest", "Field 'scope.%s' must hold table names", schema))
					}
				}
			}
		}
		for k := range q.body {
			if k != "scope" {
				return invalidResp("Unknown field '%s'", k)
			}
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[id]
	if o == nil {
		return e.connectionNotFound(id)
	}
	e.settleSync(o)
	if syncing(o) {
		return errResp(apiErr(http.StatusConflict, "Conflict", "A sync is in progress for connection with id '%s'; the re-sync cannot be scheduled", id))
	}
	if o.Data["paused"] == true {
		// Runs when the connection is unpaused.
		connStatus(o)["is_historical_sync"] = true
	} else {
		e.startSync(o, true)
	}
	e.commit()
	return ok(http.StatusOK, "Re-sync has been triggered successfully for connection with id '"+id+"'", nil)
}

package emulator

import (
	"slices"
	"time"
)

// Lists and deletes that take time (Options.ListLag, DeleteDelay): a list
// shows a new object only after ListLag, an updated one as it was before the
// update for ListLag, and a deleted object lives on as a ghost that lists
// still show and that still blocks deleting its group. In short, a list shows
// each object as it was ListLag ago (API.md, "Lists that lag"); reads by id
// are always current.

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

// version is an object as it was before a PATCH through the API replaced
// it; lists show it until ListLag after the replacement.
type version struct {
	o          *object // a copy of the object before the PATCH, rendered as it was
	replacedAt time.Time
}

// keepVersion records o as it is now, before a PATCH changes it, so that
// lists go on showing it for ListLag. Writes out of band (Patch) are not
// recorded: they stand for changes made before the test looks. Call with
// e.mu held.
func (e *Emulator) keepVersion(kind string, o *object) {
	if e.opts.ListLag <= 0 {
		return
	}
	// Internal is left out: the copy shows its sync state as it was and
	// does not settle (syncs.go).
	old := &object{Seq: o.Seq, Data: deepCopyMap(o.Data)}
	key := kind + "/" + str(o.Data["id"])
	e.versions[key] = append(e.versions[key], version{o: old, replacedAt: e.now()})
}

// asListed returns the version of o that lists show now: the oldest one
// replaced less than ListLag ago, else o itself. Call with e.mu held.
func (e *Emulator) asListed(kind string, o *object) *object {
	now := e.now()
	for _, v := range e.versions[kind+"/"+str(o.Data["id"])] {
		if now.Before(v.replacedAt.Add(e.opts.ListLag)) {
			return v.o
		}
	}
	return o
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
	for key, vs := range e.versions {
		vs = slices.DeleteFunc(vs, func(v version) bool { return !now.Before(v.replacedAt.Add(e.opts.ListLag)) })
		if len(vs) == 0 {
			delete(e.versions, key)
		} else {
			e.versions[key] = vs
		}
	}
}

// listed returns what a list of kind shows now, in creation order: the
// table's objects past their ListLag, and deleted objects still within it,
// each as it was ListLag ago. Call with e.mu held.
func (e *Emulator) listed(kind string, t map[string]*object) []*object {
	e.prune()
	out := make([]*object, 0, len(t))
	for id, o := range t {
		if _, lagging := e.visibleAt[kind+"/"+id]; !lagging {
			out = append(out, e.asListed(kind, o))
		}
	}
	now := e.now()
	for _, g := range e.ghosts {
		if g.kind == kind && now.Before(g.unlistedAt) {
			out = append(out, e.asListed(kind, g.o))
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

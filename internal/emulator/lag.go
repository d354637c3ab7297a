package emulator

import (
	"slices"
	"time"
)

// Lists and deletes that take time (Options.ListLag, DeleteDelay): a list
// shows a new object only after ListLag, and a deleted object lives on as a
// ghost that lists still show and that still blocks deleting its group.

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

package emulator

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is the clock of ListLag and DeleteDelay in these tests.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func ids(t *testing.T, items []any) []string {
	t.Helper()
	var out []string
	for _, it := range items {
		out = append(out, jsonAs[string](t, jsonAs[map[string]any](t, it)["id"]))
	}
	return out
}

func has(list []string, id string) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

func TestListLag(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, c := emuStart(t, func(o *Options) { o.ListLag = 5 * time.Second; o.Now = clock.Now })

	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	c.expect(c.do("GET", "/groups/"+gid, nil), 200, "Success") // GET by id is current
	if got := ids(t, c.expect(c.do("GET", "/groups", nil), 200, "").items()); has(got, gid) {
		t.Fatalf("a new group is listed before the lag: %v", got)
	}
	clock.advance(5 * time.Second)
	if got := ids(t, c.expect(c.do("GET", "/groups", nil), 200, "").items()); !has(got, gid) {
		t.Fatalf("the group is not listed after the lag: %v", got)
	}

	// A destination shares its group's id; its lag is its own.
	c.expect(c.do("POST", "/destinations", map[string]any{
		"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0", "config": map[string]any{"host": "h"},
	}), 201, "")
	if got := ids(t, c.expect(c.do("GET", "/groups", nil), 200, "").items()); !has(got, gid) {
		t.Fatal("creating the destination hid its group from the list")
	}
	if got := ids(t, c.expect(c.do("GET", "/destinations", nil), 200, "").items()); has(got, gid) {
		t.Fatal("a new destination is listed before the lag")
	}
	cid := jsonAs[string](t, c.expect(c.conn(gid, "s1", nil), 201, "").data()["id"])
	for _, path := range []string{"/connections", "/connections?group_id=" + gid, "/groups/" + gid + "/connections"} {
		if got := ids(t, c.expect(c.do("GET", path, nil), 200, "").items()); has(got, cid) {
			t.Fatalf("%s lists a new connection before the lag", path)
		}
	}
	clock.advance(5 * time.Second)
	c.expect(c.do("DELETE", "/connections/"+cid, nil), 200, "Success")
	c.expect(c.do("GET", "/connections/"+cid, nil), 404, "") // GET by id is current
	for _, path := range []string{"/connections", "/connections?group_id=" + gid, "/groups/" + gid + "/connections"} {
		if got := ids(t, c.expect(c.do("GET", path, nil), 200, "").items()); !has(got, cid) {
			t.Fatalf("%s no longer lists a just-deleted connection: %v", path, got)
		}
	}
	clock.advance(5 * time.Second)
	if got := ids(t, c.expect(c.do("GET", "/connections", nil), 200, "").items()); has(got, cid) {
		t.Fatalf("a deleted connection is listed after the lag: %v", got)
	}
	// Created and deleted within the lag: never listed.
	cid2 := jsonAs[string](t, c.expect(c.conn(gid, "s2", nil), 201, "").data()["id"])
	c.expect(c.do("DELETE", "/connections/"+cid2, nil), 200, "Success")
	if got := ids(t, c.expect(c.do("GET", "/connections", nil), 200, "").items()); has(got, cid2) {
		t.Fatalf("a connection deleted before it was ever listed shows up: %v", got)
	}
}

func TestDeleteDelay(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, c := emuStart(t, func(o *Options) { o.DeleteDelay = 2 * time.Second; o.Now = clock.Now })
	gid := c.setup()
	cid := jsonAs[string](t, c.expect(c.conn(gid, "s1", nil), 201, "").data()["id"])
	c.expect(c.do("DELETE", "/connections/"+cid, nil), 200, "Success")
	c.expect(c.do("GET", "/connections/"+cid, nil), 404, "")
	c.expect(c.do("DELETE", "/connections/"+cid, nil), 404, "")
	r := c.expect(c.do("DELETE", "/destinations/"+gid, nil), 409, "Conflict")
	if !strings.Contains(r.Raw, cid) {
		t.Fatalf("the 409 does not name the connection being deleted: %s", r.Raw)
	}
	c.expect(c.do("DELETE", "/groups/"+gid, nil), 409, "Conflict")
	// The name is free at once: a replacement can be created meanwhile.
	c.expect(c.conn(gid, "s1", nil), 201, "")
	clock.advance(2 * time.Second)
	r = c.expect(c.do("DELETE", "/destinations/"+gid, nil), 409, "Conflict")
	if strings.Contains(r.Raw, cid) {
		t.Fatalf("the deleted connection still blocks after the delay: %s", r.Raw)
	}
}

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

// TestListLagShowsPreviousVersion: under ListLag a list shows each object
// as it was ListLag ago. After a PATCH through the API, the object's list
// item is its previous version until ListLag has passed (after two PATCHes,
// first the oldest, then the middle one), while GET by id shows the PATCH
// at once; without ListLag, and for changes made out of band, lists show
// the change at once.
func TestListLagShowsPreviousVersion(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	emu, c := emuStart(t, func(o *Options) { o.ListLag = 5 * time.Second; o.Now = clock.Now })
	gid := c.setup()
	cid := jsonAs[string](t, c.expect(c.conn(gid, "s1", nil), 201, "").data()["id"])
	clock.advance(5 * time.Second) // everything is listed

	listed := func(path, id string) map[string]any {
		t.Helper()
		item := byID(t, c.expect(c.do("GET", path, nil), 200, "").items())[id]
		if item == nil {
			t.Fatalf("%s does not list %s", path, id)
		}
		return item
	}
	connPaths := []string{"/connections", "/connections?group_id=" + gid, "/groups/" + gid + "/connections"}
	wantListed := func(freq float64, paused bool, account any) { // account: config.account_id, nil when unset
		t.Helper()
		for _, path := range connPaths {
			item := listed(path, cid)
			if item["sync_frequency"] != freq || item["paused"] != paused || jsonAs[map[string]any](t, item["config"])["account_id"] != account {
				t.Fatalf("%s lists sync_frequency %v, paused %v, config %v; want %v, %v, account_id %v",
					path, item["sync_frequency"], item["paused"], item["config"], freq, paused, account)
			}
		}
	}

	c.expect(c.do("PATCH", "/connections/"+cid, map[string]any{"paused": true, "sync_frequency": 60, "config": map[string]any{"account_id": "a1"}}), 200, "") // t
	if got := c.expect(c.do("GET", "/connections/"+cid, nil), 200, "").data(); got["sync_frequency"] != 60.0 || got["paused"] != true {
		t.Fatalf("GET by id is not current: %v", got)
	}
	wantListed(360, false, nil)
	clock.advance(2 * time.Second)
	c.expect(c.do("PATCH", "/connections/"+cid, map[string]any{"sync_frequency": 120}), 200, "") // t+2s
	clock.advance(2 * time.Second)
	wantListed(360, false, nil) // t+4s: still as at t-1s
	clock.advance(time.Second)
	wantListed(60, true, "a1") // t+5s: as the first PATCH left it
	clock.advance(2 * time.Second)
	wantListed(120, true, "a1") // t+7s: current

	c.expect(c.do("PATCH", "/groups/"+gid, map[string]any{"name": "renamed"}), 200, "")
	c.expect(c.do("PATCH", "/destinations/"+gid, map[string]any{"region": "GCP_AUSTRALIA_SOUTHEAST1"}), 200, "")
	if got := listed("/groups", gid)["name"]; got != "g" {
		t.Fatalf("the group list shows name %v right after the rename, want the old name", got)
	}
	if got := listed("/destinations", gid)["region"]; got != "GCP_US_EAST4" {
		t.Fatalf("the destination list shows region %v right after the PATCH, want the old one", got)
	}
	clock.advance(5 * time.Second)
	if got := listed("/groups", gid)["name"]; got != "renamed" {
		t.Fatalf("the group list shows name %v after the lag", got)
	}
	if got := listed("/destinations", gid)["region"]; got != "GCP_AUSTRALIA_SOUTHEAST1" {
		t.Fatalf("the destination list shows region %v after the lag", got)
	}

	// Out of band: at once.
	if err := emu.Patch("connection", cid, map[string]any{"sync_frequency": 1440}); err != nil {
		t.Fatal(err)
	}
	wantListed(1440, true, "a1")

	// Without ListLag: at once.
	_, k := emuStart(t, nil)
	kg := k.setup()
	kc := jsonAs[string](t, k.expect(k.conn(kg, "s1", nil), 201, "").data()["id"])
	k.expect(k.do("PATCH", "/connections/"+kc, map[string]any{"sync_frequency": 60}), 200, "")
	if got := byID(t, k.expect(k.do("GET", "/connections", nil), 200, "").items())[kc]["sync_frequency"]; got != 60.0 {
		t.Fatalf("without ListLag the list shows sync_frequency %v after a PATCH", got)
	}
}

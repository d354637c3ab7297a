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

func TestMaxPageSize(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.MaxPageSize = 3 })
	for i := range 7 {
		c.expect(c.do("POST", "/groups", map[string]any{"name": "g" + string(rune('a'+i))}), 201, "")
	}
	var all []string
	cursor := ""
	pages := 0
	for {
		path := "/groups?limit=1000"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := c.expect(c.do("GET", path, nil), 200, "Success")
		items := r.items()
		if len(items) > 3 {
			t.Fatalf("page of %d items with MaxPageSize 3", len(items))
		}
		all = append(all, ids(t, items)...)
		pages++
		next, _ := r.data()["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if len(all) != 7 || pages != 3 {
		t.Fatalf("%d groups in %d pages, want 7 in 3", len(all), pages)
	}
	if got := c.expect(c.do("GET", "/groups?limit=2", nil), 200, "").items(); len(got) != 2 {
		t.Fatalf("a limit below the cap gives %d items", len(got))
	}
}

func TestSetupTestStatuses(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.SetupTestStatuses = []string{"PASSED", "WARNING", "SKIPPED"} })
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	d := c.expect(c.do("POST", "/destinations", map[string]any{
		"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0", "config": map[string]any{"host": "h"},
	}), 201, "").data()
	var got []string
	for _, x := range jsonAs[[]any](t, d["setup_tests"]) {
		got = append(got, jsonAs[string](t, jsonAs[map[string]any](t, x)["status"]))
	}
	if strings.Join(got, ",") != "PASSED,WARNING,SKIPPED" || d["setup_status"] != "connected" {
		t.Fatalf("statuses %v, setup_status %v", got, d["setup_status"])
	}
	// A forced failure still fails.
	cfg := map[string]any{"account_id": magicFail}
	conn := c.expect(c.conn(gid, "s1", map[string]any{"config": cfg}), 201, "").data()
	if jsonAs[map[string]any](t, conn["status"])["setup_state"] != "broken" {
		t.Fatal(conn)
	}
	if _, err := New(Options{APIKey: "k", APISecret: "s", SetupTestStatuses: []string{"OK"}}); err == nil {
		t.Fatal("an unknown setup test status was accepted")
	}
}

func TestSetupTestDelay(t *testing.T) {
	const delay = 150 * time.Millisecond
	emu, c := emuStart(t, func(o *Options) { o.SetupTestDelay = delay })
	gid := c.setup() // runs the destination's setup tests
	c.expect(c.conn(gid, "slow", nil), 201, "")
	for _, rec := range emu.Requests() {
		if rec.Route == "POST /v1/groups" {
			continue // no setup tests
		}
		if rec.Duration < delay {
			t.Fatalf("%s with setup tests answered after %s, before the tests' %s", rec.Route, rec.Duration, delay)
		}
	}

	// Requests without setup tests are not held back: with an hour's delay
	// they would time out this test.
	_, c2 := emuStart(t, func(o *Options) { o.SetupTestDelay = time.Hour })
	gid2 := jsonAs[string](t, c2.expect(c2.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	c2.expect(c2.do("POST", "/destinations", map[string]any{
		"group_id": gid2, "service": "postgres_warehouse", "time_zone_offset": "0", "run_setup_tests": false,
	}), 201, "")
	c2.expect(c2.conn(gid2, "fast", map[string]any{"run_setup_tests": false}), 201, "")
}

func TestFaultsAfterCommit(t *testing.T) {
	emu, c := emuStart(t, nil)
	emu.InjectNext(Fault502AfterCommit, 1, "POST", "/v1/groups")
	r := c.expect(c.do("POST", "/groups", map[string]any{"name": "kept"}), 502, "BadGateway")
	if gs := emu.Groups(); len(gs) != 1 || gs[0]["name"] != "kept" {
		t.Fatalf("the write did not commit before the 502: %v (%s)", gs, r.Raw)
	}
	gid := jsonAs[string](t, emu.Groups()[0]["id"])
	emu.InjectNext(Fault504AfterCommit, 1, "", "")             // not for the GET below
	c.expect(c.do("GET", "/groups/"+gid, nil), 200, "Success") // a read is never hit
	c.expect(c.do("PATCH", "/groups/"+gid, map[string]any{"name": "renamed"}), 504, "GatewayTimeout")
	if g, _ := emu.Get("group", gid); g["name"] != "renamed" {
		t.Fatalf("the PATCH did not commit before the 504: %v", g)
	}
	emu.InjectNext(Fault504AfterCommit, 1, "DELETE", "")
	c.expect(c.do("DELETE", "/groups/"+gid, nil), 504, "GatewayTimeout")
	if _, found := emu.Get("group", gid); found {
		t.Fatal("the DELETE did not commit before the 504")
	}
	var faults []string
	for _, rec := range emu.Requests() {
		faults = append(faults, rec.Fault)
	}
	if strings.Join(faults, ",") != "502-after-commit,,504-after-commit,504-after-commit" {
		t.Fatalf("request log faults: %q", faults)
	}
}

func TestPlatformConnection(t *testing.T) {
	emu, c := emuStart(t, func(o *Options) { o.PlatformConnection = true })
	gid := c.setup()
	var platform map[string]any
	for _, conn := range emu.Connections() {
		if conn["group_id"] == gid && conn["service"] == platformService {
			platform = conn
		}
	}
	if platform == nil {
		t.Fatal("no platform connection in the new destination's group")
	}
	r := c.expect(c.do("DELETE", "/destinations/"+gid, nil), 409, "Conflict")
	if !strings.Contains(r.Raw, jsonAs[string](t, platform["id"])) {
		t.Fatalf("the 409 does not name the platform connection: %s", r.Raw)
	}
	if got := ids(t, c.expect(c.do("GET", "/groups/"+gid+"/connections", nil), 200, "").items()); len(got) != 1 {
		t.Fatalf("group connections: %v", got)
	}
}

func TestLiveProfile(t *testing.T) {
	o := Options{ListLag: time.Millisecond}
	o.ApplyLiveProfile()
	live := LiveProfile()
	if o.ListLag != time.Millisecond || o.SetupTestDelay != live.SetupTestDelay || o.DeleteDelay != live.DeleteDelay ||
		o.MaxPageSize != live.MaxPageSize || len(o.SetupTestStatuses) != 3 || o.PlatformConnection {
		t.Fatalf("%+v", o)
	}
}

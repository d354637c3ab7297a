package emulator

import (
	"testing"
	"time"
)

func syncEmu(t *testing.T) (*Running, *emuClient, *fakeClock) {
	t.Helper()
	clk := &fakeClock{now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
	r, c := emuStart(t, func(o *Options) { o.Now = clk.Now })
	r.SetSyncDuration(time.Minute)
	return r, c, clk
}

func (c *emuClient) status(id string) (map[string]any, map[string]any) {
	c.t.Helper()
	d := c.expect(c.do("GET", "/connections/"+id, nil), 200, "Success").data()
	return d, jsonAs[map[string]any](c.t, d["status"])
}

func TestSyncRunsThenSucceeds(t *testing.T) {
	_, c, clk := syncEmu(t)
	gid := c.setup()
	id := jsonAs[string](t, c.expect(c.conn(gid, "s", nil), 201, "").data()["id"])

	c.expect(c.do("POST", "/connections/"+id+"/sync", map[string]any{}), 200, "Success")
	d, st := c.status(id)
	if st["sync_state"] != "syncing" || d["succeeded_at"] != nil {
		t.Fatalf("right after the trigger: %v %v", st, d["succeeded_at"])
	}
	clk.advance(59 * time.Second)
	if _, st = c.status(id); st["sync_state"] != "syncing" {
		t.Fatalf("before the end: %v", st)
	}
	// A second trigger without force changes nothing while it runs.
	c.expect(c.do("POST", "/connections/"+id+"/sync", nil), 200, "Success")
	clk.advance(time.Second)
	d, st = c.status(id)
	if st["sync_state"] != "scheduled" || st["is_historical_sync"] != false || st["update_state"] != "on_schedule" {
		t.Fatalf("after the end: %v", st)
	}
	if d["succeeded_at"] != "2026-11-28T12:01:00.000000Z" || d["failed_at"] != nil {
		t.Fatalf("succeeded_at %v failed_at %v", d["succeeded_at"], d["failed_at"])
	}
}

func TestSyncForceRestarts(t *testing.T) {
	_, c, clk := syncEmu(t)
	gid := c.setup()
	id := jsonAs[string](t, c.expect(c.conn(gid, "s", nil), 201, "").data()["id"])
	c.expect(c.do("POST", "/connections/"+id+"/sync", nil), 200, "Success")
	clk.advance(30 * time.Second)
	c.expect(c.do("POST", "/connections/"+id+"/sync", map[string]any{"force": true}), 200, "Success")
	clk.advance(45 * time.Second) // 75 s after the first start, 45 s after the restart
	if _, st := c.status(id); st["sync_state"] != "syncing" {
		t.Fatalf("force should restart the sync: %v", st)
	}
	clk.advance(15 * time.Second)
	if d, _ := c.status(id); d["succeeded_at"] != "2026-11-28T12:01:30.000000Z" {
		t.Fatalf("succeeded_at %v", d["succeeded_at"])
	}
	c.expect(c.do("POST", "/connections/"+id+"/sync", map[string]any{"force": "yes"}), 400, "InvalidInput")
	c.expect(c.do("POST", "/connections/no_such/sync", nil), 404, "NotFound_Connector")
}

func TestSyncFailureHookAndMagicValue(t *testing.T) {
	r, c, clk := syncEmu(t)
	gid := c.setup()
	id := jsonAs[string](t, c.expect(c.conn(gid, "s", nil), 201, "").data()["id"])
	r.FailSyncs(id, SyncFailure{Code: "reconnect", Message: "Reconnect the source", Details: "token expired", Warning: true})
	c.expect(c.do("POST", "/connections/"+id+"/sync", nil), 200, "Success")
	clk.advance(time.Minute)
	d, st := c.status(id)
	if d["failed_at"] != "2026-11-28T12:01:00.000000Z" || d["succeeded_at"] != nil {
		t.Fatalf("failed_at %v succeeded_at %v", d["failed_at"], d["succeeded_at"])
	}
	tasks := alerts(t, st["tasks"])
	warnings := alerts(t, st["warnings"])
	if st["sync_state"] != "scheduled" || st["update_state"] != "delayed" || st["is_historical_sync"] != true ||
		len(tasks) != 1 || tasks[0]["code"] != "reconnect" || tasks[0]["message"] != "Reconnect the source" || tasks[0]["details"] != "token expired" ||
		len(warnings) != 1 || warnings[0]["code"] != "reconnect" {
		t.Fatalf("after a failed sync: %v", st)
	}
	// Cleared: the next sync succeeds and clears the tasks.
	r.ClearSyncFailure(id)
	c.expect(c.do("POST", "/connections/"+id+"/sync", nil), 200, "Success")
	clk.advance(time.Minute)
	d, st = c.status(id)
	if d["succeeded_at"] != "2026-11-28T12:02:00.000000Z" || len(jsonAs[[]any](t, st["tasks"])) != 0 || st["update_state"] != "on_schedule" {
		t.Fatalf("after the next sync: %v %v", d["succeeded_at"], st)
	}

	// The magic config value fails every sync of its connection.
	id2 := jsonAs[string](t, c.expect(c.conn(gid, "s2", map[string]any{"config": map[string]any{"account_id": magicFailSync}}), 201, "").data()["id"])
	c.expect(c.do("POST", "/connections/"+id2+"/sync", nil), 200, "Success")
	clk.advance(time.Minute)
	d, st = c.status(id2)
	if d["failed_at"] == nil || len(jsonAs[[]any](t, st["tasks"])) != 1 {
		t.Fatalf("magic value: %v %v", d["failed_at"], st)
	}
}

func TestSyncOfPausedConnectionStartsNothing(t *testing.T) {
	_, c, clk := syncEmu(t)
	gid := c.setup()
	id := jsonAs[string](t, c.expect(c.conn(gid, "s", map[string]any{"paused": true}), 201, "").data()["id"])
	c.expect(c.do("POST", "/connections/"+id+"/sync", nil), 200, "Success")
	clk.advance(time.Hour)
	if d, st := c.status(id); st["sync_state"] != "paused" || d["succeeded_at"] != nil {
		t.Fatalf("a paused connection synced: %v %v", st, d["succeeded_at"])
	}
	// Pausing stops a running sync.
	id2 := jsonAs[string](t, c.expect(c.conn(gid, "s2", nil), 201, "").data()["id"])
	c.expect(c.do("POST", "/connections/"+id2+"/sync", nil), 200, "Success")
	c.expect(c.do("PATCH", "/connections/"+id2, map[string]any{"paused": true}), 200, "Success")
	clk.advance(time.Hour)
	if d, st := c.status(id2); st["sync_state"] != "paused" || d["succeeded_at"] != nil {
		t.Fatalf("a paused sync completed: %v %v", st, d["succeeded_at"])
	}
}

func TestResync(t *testing.T) {
	_, c, clk := syncEmu(t)
	gid := c.setup()
	id := jsonAs[string](t, c.expect(c.conn(gid, "s", nil), 201, "").data()["id"])
	// A first sync ends the initial historical sync.
	c.expect(c.do("POST", "/connections/"+id+"/sync", nil), 200, "Success")
	clk.advance(time.Minute)
	if _, st := c.status(id); st["is_historical_sync"] != false {
		t.Fatal(st)
	}
	c.expect(c.do("POST", "/connections/"+id+"/resync", map[string]any{"scope": map[string]any{"public": []any{"orders", "users"}}}), 200, "Success")
	if _, st := c.status(id); st["is_historical_sync"] != true || st["sync_state"] != "syncing" {
		t.Fatalf("resync: %v", st)
	}
	c.expect(c.do("POST", "/connections/"+id+"/resync", map[string]any{}), 409, "Conflict")
	clk.advance(time.Minute)
	if _, st := c.status(id); st["is_historical_sync"] != false || st["sync_state"] != "scheduled" {
		t.Fatalf("after the resync: %v", st)
	}
	c.expect(c.do("POST", "/connections/"+id+"/resync", map[string]any{"scope": map[string]any{}}), 400, "BadRequest")
	c.expect(c.do("POST", "/connections/"+id+"/resync", map[string]any{"scope": map[string]any{"public": []any{}}}), 400, "BadRequest")
	c.expect(c.do("POST", "/connections/"+id+"/resync", map[string]any{"scope": "public"}), 400, "InvalidInput")
	c.expect(c.do("POST", "/connections/no_such/resync", map[string]any{}), 404, "NotFound_Connector")

	// Paused: accepted, kept for when it is unpaused.
	c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"paused": true}), 200, "Success")
	c.expect(c.do("POST", "/connections/"+id+"/resync", nil), 200, "Success")
	if _, st := c.status(id); st["is_historical_sync"] != true || st["sync_state"] != "paused" {
		t.Fatalf("paused resync: %v", st)
	}
}

func alerts(t *testing.T, v any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, a := range jsonAs[[]any](t, v) {
		out = append(out, jsonAs[map[string]any](t, a))
	}
	return out
}

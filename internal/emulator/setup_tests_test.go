package emulator

import (
	"strings"
	"testing"
	"time"
)

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

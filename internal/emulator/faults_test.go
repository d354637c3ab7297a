package emulator

import (
	"strings"
	"testing"
)

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

package emulator

import (
	"strings"
	"testing"
)

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

package emulator

import (
	"fmt"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

// TestCreatePausedOnlyWhenAsked: a new connection is paused when the create
// sends paused: true, and only then, for postgres_rds as for any type: the
// recorded answers that come back paused answer creates that asked for it.
func TestCreatePausedOnlyWhenAsked(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.Catalog = nil })
	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"])
	for i, tc := range []struct {
		paused     any // nil: not sent
		wantPaused bool
		wantState  string
	}{
		{nil, false, "scheduled"},
		{false, false, "scheduled"},
		{true, true, "paused"},
	} {
		for _, service := range []string{"postgres_rds", "itunes_connect"} {
			ct, _ := catalog.Builtin().Connector(service)
			cfg := map[string]any{}
			for _, k := range ct.SchemaFormat.SchemaKeys() {
				cfg[k] = fmt.Sprintf("%s_%d", service, i)
			}
			body := map[string]any{"group_id": gid, "service": service, "run_setup_tests": false, "config": cfg}
			if tc.paused != nil {
				body["paused"] = tc.paused
			}
			created := c.expect(c.do("POST", "/connections", body), 201, "").data()
			read := c.expect(c.do("GET", "/connections/"+jsonAs[string](t, created["id"]), nil), 200, "").data()
			for _, d := range []map[string]any{created, read} {
				if d["paused"] != tc.wantPaused || jsonAs[map[string]any](t, d["status"])["sync_state"] != tc.wantState {
					t.Errorf("%s created with paused %v: paused %v, sync_state %v; want %v, %s",
						service, tc.paused, d["paused"], jsonAs[map[string]any](t, d["status"])["sync_state"], tc.wantPaused, tc.wantState)
				}
			}
		}
	}
}

package emulator

import (
	"net/http"
	"testing"
)

// TestSchemaPatchWithoutEnabled: entries of a schema config PATCH that leave
// out "enabled" (as other clients send them when it does not change)
// keep the current value, as the live API does; with
// RequireSchemaEnabled they are refused, as the spec reads, and nothing
// changes.
func TestSchemaPatchWithoutEnabled(t *testing.T) {
	body := map[string]any{"schemas": map[string]any{"public": map[string]any{"tables": map[string]any{
		"users":  map[string]any{"columns": map[string]any{"email": map[string]any{"hashed": true}}},
		"orders": map[string]any{"enabled": false},
	}}}}
	for _, strict := range []bool{false, true} {
		r, c := emuStart(t, func(o *Options) { o.RequireSchemaEnabled = strict })
		g := r.CreateGroup("g")
		conn, err := r.CreateConnection(map[string]any{"group_id": g["id"], "service": "test_service", "config": map[string]any{"schema": "s", "api_key": "k1"}})
		if err != nil {
			t.Fatal(err)
		}
		id := jsonAs[string](t, conn["id"])
		p := "/connections/" + id + "/schemas"
		if got := c.do("POST", p+"/reload", map[string]any{}); got.Status != http.StatusOK {
			t.Fatalf("reload: %s", got.Raw)
		}
		got := c.do("PATCH", p, body)
		sc, _ := r.SchemaConfig(id)
		public := jsonAs[map[string]any](t, jsonAs[map[string]any](t, sc["schemas"])["public"])
		tables := jsonAs[map[string]any](t, public["tables"])
		users, orders := jsonAs[map[string]any](t, tables["users"]), jsonAs[map[string]any](t, tables["orders"])
		email, _ := users["columns"].(map[string]any)["email"].(map[string]any)
		if strict {
			if got.Status != http.StatusBadRequest || orders["enabled"] != true || email != nil {
				t.Errorf("strict: status %d, orders %v, email %v: want 400 and nothing changed", got.Status, orders["enabled"], email)
			}
			continue
		}
		if got.Status != http.StatusOK {
			t.Fatalf("live: %s", got.Raw)
		}
		if public["enabled"] != true || users["enabled"] != true || orders["enabled"] != false ||
			email["enabled"] != true || email["hashed"] != true {
			t.Errorf("live: public %v, users %v, orders %v, email %v", public["enabled"], users["enabled"], orders["enabled"], email)
		}
	}
}

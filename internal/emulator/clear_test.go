package emulator

import "testing"

// TestEmptyStringIsNotNull: Fivetran refuses "" for daily_sync_time (not a
// whole hour) and for the agent and link ids (an id must name an object);
// JSON null is how a client clears them. The emulator refuses "" on POST and
// PATCH, connections and destinations, instead of quietly storing null.
func TestEmptyStringIsNotNull(t *testing.T) {
	_, c := emuStart(t, nil)
	gid := c.setup()
	agent := c.proxyAgent("agent_one")
	link := c.privateLink("link_one")
	hybrid := c.hybridAgent(gid, "hybrid_one")
	ids := []string{"private_link_id", "proxy_agent_id", "hybrid_deployment_agent_id"}

	for _, k := range append([]string{"daily_sync_time"}, ids...) {
		c.expect(c.conn(gid, "empty_"+k, map[string]any{"sync_frequency": 1440, k: ""}), 400, "InvalidInput")
	}
	id := jsonAs[string](t, c.expect(c.conn(gid, "main", map[string]any{
		"sync_frequency": 1440, "daily_sync_time": "05:00", "networking_method": "ProxyAgent", "proxy_agent_id": agent,
		"hybrid_deployment_agent_id": hybrid,
	}), 201, "Success").data()["id"])

	// Leaving the daily schedule with "" is refused and changes nothing.
	c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"sync_frequency": 60, "daily_sync_time": ""}), 400, "InvalidInput")
	for _, k := range ids {
		c.expect(c.do("PATCH", "/connections/"+id, map[string]any{k: ""}), 400, "InvalidInput")
	}
	d := c.expect(c.do("GET", "/connections/"+id, nil), 200, "Success").data()
	if d["sync_frequency"] != 1440.0 || d["daily_sync_time"] != "05:00" || d["proxy_agent_id"] != agent || d["hybrid_deployment_agent_id"] != hybrid {
		t.Fatalf("a refused PATCH changed the connection: %v", d)
	}
	// null clears.
	d = c.expect(c.do("PATCH", "/connections/"+id, map[string]any{
		"sync_frequency": 60, "daily_sync_time": nil, "networking_method": "Directly", "proxy_agent_id": nil, "hybrid_deployment_agent_id": nil,
	}), 200, "Success").data()
	if d["sync_frequency"] != 60.0 || d["daily_sync_time"] != nil || d["proxy_agent_id"] != nil || d["hybrid_deployment_agent_id"] != nil {
		t.Fatalf("null did not clear: %v", d)
	}
	// Back to daily: the old time is gone (cleared, not merely hidden).
	d = c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"sync_frequency": 1440}), 200, "Success").data()
	if d["daily_sync_time"] != nil {
		t.Fatalf("daily_sync_time survived a null: %v", d["daily_sync_time"])
	}

	// Destinations: the same for the ids.
	g2 := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g2"}), 201, "Success").data()["id"])
	dest := map[string]any{"group_id": g2, "service": "postgres_warehouse", "time_zone_offset": "0",
		"config": map[string]any{"host": "db", "port": 5432, "password": "pw"}}
	for _, k := range ids {
		body := map[string]any{k: ""}
		for dk, dv := range dest {
			body[dk] = dv
		}
		c.expect(c.do("POST", "/destinations", body), 400, "InvalidInput")
	}
	dest["networking_method"], dest["private_link_id"] = "PrivateLink", link
	c.expect(c.do("POST", "/destinations", dest), 201, "Success")
	for _, k := range ids {
		c.expect(c.do("PATCH", "/destinations/"+g2, map[string]any{k: ""}), 400, "InvalidInput")
	}
	if got := c.expect(c.do("GET", "/destinations/"+g2, nil), 200, "Success").data()["private_link_id"]; got != link {
		t.Fatalf("a refused PATCH changed private_link_id: %v", got)
	}
	d = c.expect(c.do("PATCH", "/destinations/"+g2, map[string]any{"networking_method": "Directly", "private_link_id": nil}), 200, "Success").data()
	if d["private_link_id"] != nil {
		t.Fatalf("null did not clear private_link_id: %v", d["private_link_id"])
	}
}

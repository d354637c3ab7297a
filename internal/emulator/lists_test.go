package emulator

import (
	"reflect"
	"testing"
)

// listFixture creates two groups, a destination and connections with
// secrets at the top level, nested in objects and in list items, one of
// them patched and paused, and returns the group ids and connection ids.
func listFixture(t *testing.T, c *emuClient) (groups, conns []string) {
	t.Helper()
	gid := c.setup()
	g2 := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "other"}), 201, "").data()["id"])
	for i, schema := range []string{"alpha", "beta"} {
		extra := map[string]any{"config": map[string]any{
			"account_id":  "acc",
			"credentials": map[string]any{"username": "u", "password": "p"},
			"accounts":    []any{map[string]any{"name": "a", "token": "t"}},
			"tokens":      []any{"x", "y"},
		}}
		group := []string{gid, g2}[i]
		conns = append(conns, jsonAs[string](t, c.expect(c.conn(group, schema, extra), 201, "").data()["id"]))
	}
	c.expect(c.do("PATCH", "/connections/"+conns[0], map[string]any{"paused": true, "sync_frequency": 60, "config": map[string]any{"account_id": "acc2"}}), 200, "")
	return []string{gid, g2}, conns
}

// byID indexes list items by id.
func byID(t *testing.T, items []any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, it := range items {
		m := jsonAs[map[string]any](t, it)
		out[jsonAs[string](t, m["id"])] = m
	}
	return out
}

// TestConnectionListItemsAreWhatGETShows: every connection list (the
// account's, filtered by group, a group's) carries each connection exactly
// as a GET of it shows it, masked config included; with ListsWithoutConfig
// the same without config. Destination list items are the GET without
// config (and without setup_tests, which a GET never has); group list items
// are the GET.
func TestConnectionListItemsAreWhatGETShows(t *testing.T) {
	for _, withoutConfig := range []bool{false, true} {
		name := "with config"
		if withoutConfig {
			name = "ListsWithoutConfig"
		}
		t.Run(name, func(t *testing.T) {
			_, c := emuStart(t, func(o *Options) { o.ListsWithoutConfig = withoutConfig })
			groups, conns := listFixture(t, c)
			get := func(kind, id string) map[string]any {
				return c.expect(c.do("GET", "/"+kind+"/"+id, nil), 200, "Success").data()
			}
			want := map[string]map[string]any{}
			for _, id := range conns {
				w := get("connections", id)
				cfg := jsonAs[map[string]any](t, w["config"])
				if cfg["api_key"] != "******" || jsonAs[map[string]any](t, cfg["credentials"])["password"] != "******" {
					t.Fatalf("GET does not mask: %v", cfg)
				}
				if withoutConfig {
					delete(w, "config")
				}
				want[id] = w
			}
			paths := []string{"/connections", "/connections?group_id=" + groups[0], "/connections?group_id=" + groups[1]}
			for _, g := range groups {
				paths = append(paths, "/groups/"+g+"/connections")
			}
			seen := map[string]bool{}
			for _, path := range paths {
				for id, item := range byID(t, c.expect(c.do("GET", path, nil), 200, "Success").items()) {
					seen[id] = true
					if !reflect.DeepEqual(item, want[id]) {
						t.Errorf("%s: item %s\n got %v\nwant %v", path, id, item, want[id])
					}
				}
			}
			if len(seen) != len(conns) {
				t.Errorf("lists showed %d connections, want %d", len(seen), len(conns))
			}

			dest := get("destinations", groups[0])
			delete(dest, "config")
			items := byID(t, c.expect(c.do("GET", "/destinations", nil), 200, "Success").items())
			if !reflect.DeepEqual(items[groups[0]], dest) {
				t.Errorf("destination list item\n got %v\nwant %v", items[groups[0]], dest)
			}
			gs := byID(t, c.expect(c.do("GET", "/groups", nil), 200, "Success").items())
			for _, g := range groups {
				if w := get("groups", g); !reflect.DeepEqual(gs[g], w) {
					t.Errorf("group list item\n got %v\nwant %v", gs[g], w)
				}
			}
			for _, k := range []string{"config", "setup_tests"} {
				if _, has := items[groups[0]][k]; has {
					t.Errorf("destination list item carries %s: %v", k, items[groups[0]])
				}
			}
		})
	}
}

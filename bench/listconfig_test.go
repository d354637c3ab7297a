package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// listFixture makes two groups with a destination and three connections
// each, out of band, in the same order for every emulator seeded alike (so
// their ids match), and returns the group ids.
func listFixture(t *testing.T, e *emulator.Emulator) []string {
	t.Helper()
	var groups []string
	for g := range 2 {
		id, _ := e.CreateGroup(fmt.Sprintf("group_%d", g))["id"].(string)
		if _, err := e.CreateDestination(id, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "0",
			"config": map[string]any{"host": "w.internal", "port": 5432, "database": "dw", "password": "secret"}}); err != nil {
			t.Fatal(err)
		}
		for c := range 3 {
			if _, err := e.CreateConnection(map[string]any{"group_id": id, "service": "github", "run_setup_tests": false,
				"config": map[string]any{"schema": fmt.Sprintf("github_%d_%d", g, c), "sync_mode": "AllRepositories"}}); err != nil {
				t.Fatal(err)
			}
		}
		groups = append(groups, id)
	}
	return groups
}

func getJSON(t *testing.T, url string) any {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(apiKey, apiSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("GET %s: %v: %s", url, err, body)
	}
	return withoutCreatedAt(v)
}

// withoutCreatedAt drops the creation times, which differ between two
// emulators that made the same objects.
func withoutCreatedAt(v any) any {
	switch t := v.(type) {
	case map[string]any:
		delete(t, "created_at")
		for _, x := range t {
			withoutCreatedAt(x)
		}
	case []any:
		for _, x := range t {
			withoutCreatedAt(x)
		}
	}
	return v
}

// The benchmark's switch answers exactly what the emulator answers with
// ListsWithoutConfig, for every connection list, and leaves every other
// answer alone; switched off, it is the emulator as it is.
func TestWithoutListConfigIsTheEmulatorsSwitch(t *testing.T) {
	start := func(withoutConfig bool) *emulator.Emulator {
		e, err := emulator.New(emulator.Options{APIKey: apiKey, APISecret: apiSecret, Seed: 7, ListsWithoutConfig: withoutConfig})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	var on atomic.Bool
	plain, native := start(false), start(true)
	wrapped := httptest.NewServer(withoutListConfig(plain, &on))
	defer wrapped.Close()
	reference := httptest.NewServer(native)
	defer reference.Close()
	groups := listFixture(t, plain)
	if again := listFixture(t, native); !reflect.DeepEqual(again, groups) {
		t.Fatalf("the two emulators made different ids: %v and %v", groups, again)
	}
	paths := []string{"/v1/connections", "/v1/connections?group_id=" + groups[1], "/v1/connections?limit=2", "/v1/groups/" + groups[0] + "/connections",
		"/v1/groups/" + groups[0], "/v1/destinations", "/v1/groups"}
	id, _ := plain.Connections()[0]["id"].(string)
	paths = append(paths, "/v1/connections/"+id)
	for _, p := range paths {
		on.Store(true)
		if got, want := getJSON(t, wrapped.URL+p), getJSON(t, reference.URL+p); !reflect.DeepEqual(got, want) {
			t.Errorf("switched on, GET %s:\n got %v\nwant %v", p, got, want)
		}
		on.Store(false)
		got := getJSON(t, wrapped.URL+p)
		var direct any
		{
			rec := httptest.NewRecorder()
			req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, p, nil)
			req.SetBasicAuth(apiKey, apiSecret)
			plain.ServeHTTP(rec, req)
			if err := json.Unmarshal(rec.Body.Bytes(), &direct); err != nil {
				t.Fatal(err)
			}
			withoutCreatedAt(direct)
		}
		if !reflect.DeepEqual(got, direct) {
			t.Errorf("switched off, GET %s differs from the emulator's own answer", p)
		}
	}
}

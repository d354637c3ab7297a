package emulator_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The hybrid deployment agent routes, driven over HTTP with every exchange
// validated against the OpenAPI spec (conformance.Attach, through startPx
// in proxy_agents_test.go). The tests send requests of their own rather
// than the client's: the emulator and the client are written
// independently.

const hdaPath = "/hybrid-deployment-agents"

// hdaGroup creates a group and returns its id.
func (c pxClient) hdaGroup(name string) string {
	c.t.Helper()
	return jsonString(c.t, c.do("POST", "/groups", map[string]any{"name": name}, 201, "Success").data()["id"])
}

// hda creates a hybrid deployment agent and returns the create's data.
func (c pxClient) hda(gid, name, env string) map[string]any {
	c.t.Helper()
	return c.do("POST", hdaPath, map[string]any{"group_id": gid, "display_name": name, "env_type": env, "accept_terms": true}, 201, "Success").data()
}

// hdaKeys are the fields of an agent every answer that shows one carries.
var hdaKeys = []string{"id", "display_name", "group_id", "registered_at", "created_by", "deployment_type", "enabled", "online",
	"version", "last_used_at", "updated_at"}

// decodeFile decodes one base64 file of a create's or re-auth's answer.
func decodeFile(t *testing.T, d map[string]any, key string) string {
	t.Helper()
	files, _ := d["files"].(map[string]any)
	raw, err := base64.StdEncoding.DecodeString(jsonString(t, files[key]))
	if err != nil {
		t.Fatalf("files.%s is not base64: %v", key, err)
	}
	return string(raw)
}

// decodeJSONFile decodes one of the JSON files of an answer.
func decodeJSONFile(t *testing.T, d map[string]any, key string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(decodeFile(t, d, key)), &m); err != nil {
		t.Fatalf("files.%s is not JSON: %v", key, err)
	}
	return m
}

// checkHdaSecrets checks the secrets of a create's or re-auth's answer:
// a base64 token of 48 bytes, auth.json carrying it, config.json naming the
// agent, and a compose file for the agent's env_type.
func checkHdaSecrets(t *testing.T, d map[string]any, authType string) {
	t.Helper()
	id, tok := jsonString(t, d["id"]), jsonString(t, d["token"])
	if raw, err := base64.StdEncoding.DecodeString(tok); err != nil || len(raw) != 48 {
		t.Errorf("token %q: want the base64 of 48 bytes (%v)", tok, err)
	}
	files, _ := d["files"].(map[string]any)
	if len(files) != 3 {
		t.Errorf("files %v: want config_json, auth_json and docker_compose_yaml", files)
	}
	auth := decodeJSONFile(t, d, "auth_json")
	if fmt.Sprint(auth) != fmt.Sprint(map[string]any{"agent_id": id, "auth_type": authType, "token": tok}) {
		t.Errorf("auth.json %v", auth)
	}
	cfg := decodeJSONFile(t, d, "config_json")
	want := map[string]any{"agent_id": id, "group_id": d["group_id"], "display_name": d["display_name"], "deployment_type": d["deployment_type"],
		"auth_type": authType, "auth_file": "auth.json"}
	if fmt.Sprint(cfg) != fmt.Sprint(want) {
		t.Errorf("config.json %v, want %v", cfg, want)
	}
	compose := decodeFile(t, d, "docker_compose_yaml")
	marker := map[string]string{"DOCKER": "docker.sock", "PODMAN": "podman.sock", "KUBERNETES": "credentialsSecret:", "SNOWPARK": "spec:\n  containers:"}
	env := jsonString(t, d["deployment_type"])
	if !strings.HasPrefix(compose, "# Fivetran hybrid deployment agent "+id+" ") || !strings.Contains(compose, marker[env]) ||
		!strings.Contains(compose, env+"\n") || strings.Contains(compose, tok) {
		t.Errorf("compose file for %s: %q", env, compose)
	}
	for e, m := range marker {
		if e != env && strings.Contains(compose, m) {
			t.Errorf("the %s compose file has the %s marker %q", env, e, m)
		}
	}
}

// hdaFragments are pieces of an answer's secrets that no other text holds.
func hdaFragments(t *testing.T, d map[string]any) []string {
	t.Helper()
	files, _ := d["files"].(map[string]any)
	out := []string{jsonString(t, d["token"])[:32]}
	for _, k := range []string{"config_json", "auth_json", "docker_compose_yaml"} {
		out = append(out, jsonString(t, files[k])[:40])
	}
	return out
}

// noHdaSecrets fails the test when an answer holds a secret key or value.
func noHdaSecrets(t *testing.T, r pxEnvelope, secrets ...map[string]any) {
	t.Helper()
	for _, k := range []string{`"files"`, `"token"`, `"auth_json"`, `"config_json"`, `"docker_compose_yaml"`} {
		if strings.Contains(r.raw, k) {
			t.Errorf("answer carries %s: %s", k, r.raw)
		}
	}
	for _, s := range secrets {
		for _, f := range hdaFragments(t, s) {
			if strings.Contains(r.raw, f) {
				t.Errorf("answer carries a secret: %s", r.raw)
			}
		}
	}
}

// TestHybridAgentCreate: the create's answer (the agent, its files and its
// token) and its rules: group_id, display_name, env_type and accept_terms
// required, accept_terms true, the spec's enums, an existing group (404
// NotFound_Group), a name no other agent of the account has (409); a
// refused create creates nothing.
func TestHybridAgentCreate(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	gid := c.hdaGroup("g")
	r := c.do("POST", hdaPath, map[string]any{"group_id": gid, "display_name": "office", "env_type": "DOCKER", "accept_terms": true}, 201, "Success")
	c.wantMessage(r, "Hybrid deployment agent has been created")
	d := r.data()
	id := jsonString(t, d["id"])
	if !pxIDRe.MatchString(id) {
		t.Fatalf("id %q", id)
	}
	want := map[string]any{"id": id, "display_name": "office", "group_id": gid, "registered_at": "2026-03-01T12:00:00.000000Z",
		"updated_at": "2026-03-01T12:00:00.000000Z", "created_by": "emulator_user", "deployment_type": "DOCKER", "enabled": true,
		"online": false, "version": nil, "last_used_at": nil}
	for k, v := range want {
		if got, has := d[k]; !has || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, has, v)
		}
	}
	if len(d) != len(want)+2 {
		t.Errorf("unexpected fields: %v", d)
	}
	checkHdaSecrets(t, d, "AUTO")

	// Every env_type gets its own compose file; auth_type is kept in the files.
	var tokens []any
	for i, env := range []string{"PODMAN", "KUBERNETES", "SNOWPARK"} {
		auth := []string{"MANUAL", "AUTO", "MANUAL"}[i]
		o := c.do("POST", hdaPath, map[string]any{"group_id": gid, "display_name": "agent " + env, "env_type": env, "accept_terms": true,
			"auth_type": auth}, 201, "Success").data()
		if o["deployment_type"] != env {
			t.Errorf("deployment_type %v, want %s", o["deployment_type"], env)
		}
		checkHdaSecrets(t, o, auth)
		tokens = append(tokens, o["token"])
	}
	if tokens = append(tokens, d["token"]); len(slices.Compact(slices.Clone(tokens))) != 4 {
		t.Errorf("two agents share a token: %v", tokens)
	}
	// accept_terms as a string true is read as a boolean, as other flags are;
	// unknown fields are ignored, as the other creates ignore them.
	c.do("POST", hdaPath, map[string]any{"group_id": gid, "display_name": "annex", "env_type": "DOCKER", "accept_terms": "true"}, 201, "Success",
		invalidReq...)
	c.do("POST", hdaPath, map[string]any{"group_id": gid, "display_name": "lab", "env_type": "DOCKER", "accept_terms": true, "colour": "red"}, 201, "Success")

	body := func(fields map[string]any) map[string]any {
		b := map[string]any{"group_id": gid, "display_name": "x", "env_type": "DOCKER", "accept_terms": true}
		for k, v := range fields {
			if v == "-" {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	for _, tc := range []struct {
		name string
		body map[string]any
		msg  string
		hdr  []string
	}{
		{"no body", nil, "Field 'group_id' is required", nil},
		{"no group_id", body(map[string]any{"group_id": "-"}), "Field 'group_id' is required", nil},
		{"empty group_id", body(map[string]any{"group_id": ""}), "Field 'group_id' is required", nil},
		{"no display_name", body(map[string]any{"display_name": "-"}), "Field 'display_name' is required", invalidReq},
		{"blank display_name", body(map[string]any{"display_name": "  "}), "Field 'display_name' is required", nil},
		{"numeric display_name", body(map[string]any{"display_name": 5}), "Field 'display_name' must be a string", invalidReq},
		{"no env_type", body(map[string]any{"env_type": "-"}), "Field 'env_type' is required", invalidReq},
		{"unknown env_type", body(map[string]any{"env_type": "LXC"}), "Field 'env_type' has an invalid value 'LXC'. Allowed values: DOCKER, PODMAN, KUBERNETES, SNOWPARK", invalidReq},
		{"lower-case env_type", body(map[string]any{"env_type": "docker"}), "Field 'env_type' has an invalid value 'docker'. Allowed values: DOCKER, PODMAN, KUBERNETES, SNOWPARK", invalidReq},
		{"no accept_terms", body(map[string]any{"accept_terms": "-"}), "Field 'accept_terms' is required", invalidReq},
		{"terms refused", body(map[string]any{"accept_terms": false}), "Field 'accept_terms' must be true: the license terms must be accepted to create a hybrid deployment agent", nil},
		{"accept_terms not a boolean", body(map[string]any{"accept_terms": "yes please"}), "Field 'accept_terms' must be a boolean", invalidReq},
		{"unknown auth_type", body(map[string]any{"auth_type": "TOKEN"}), "Field 'auth_type' has an invalid value 'TOKEN'. Allowed values: AUTO, MANUAL", invalidReq},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := pxClient{t: t, base: c.base}
			if tc.body == nil {
				c.wantMessage(c.do("POST", hdaPath, nil, 400, "InvalidInput", invalidReq...), tc.msg)
				return
			}
			c.wantMessage(c.do("POST", hdaPath, tc.body, 400, "InvalidInput", tc.hdr...), tc.msg)
		})
	}
	c.wantMessage(c.do("POST", hdaPath, body(map[string]any{"group_id": "no_such"}), 404, "NotFound_Group"), "Group with id 'no_such' does not exist.")
	// The same name again, also in another group and with another env_type: 409.
	other := c.hdaGroup("other")
	for _, g := range []string{gid, other} {
		dup := c.do("POST", hdaPath, body(map[string]any{"group_id": g, "display_name": "office", "env_type": "PODMAN"}), 409, "Conflict")
		c.wantMessage(dup, "Hybrid deployment agent with display name 'office' already exists.")
	}
	if n := len(emu.HybridAgents()); n != 6 {
		t.Fatalf("%d agents after the refused creates, want 6", n)
	}
	// Only the spec's routes are served: no PATCH of an agent itself.
	c.do("PATCH", hdaPath+"/"+id, map[string]any{"display_name": "renamed"}, 405, "MethodNotAllowed")
}

// TestHybridAgentGet: a GET shows the agent without secrets, with its
// usage; an unknown id is 404 NotFound_RemoteExecutionAgent on every route.
func TestHybridAgentGet(t *testing.T) {
	_, c := startPx(t, nil)
	gid := c.hdaGroup("g")
	s := c.hda(gid, "office", "KUBERNETES")
	id := jsonString(t, s["id"])
	r := c.do("GET", hdaPath+"/"+id, nil, 200, "Success")
	c.wantMessage(r, "Hybrid deployment agent details retrieved successfully")
	noHdaSecrets(t, r, s)
	d := r.data()
	for _, k := range hdaKeys {
		if fmt.Sprint(d[k]) != fmt.Sprint(s[k]) {
			t.Errorf("%s: GET %v, create %v", k, d[k], s[k])
		}
	}
	if u, isList := d["usage"].([]any); !isList || len(u) != 0 || len(d) != len(hdaKeys)+1 {
		t.Errorf("an unused agent: %v", d)
	}
	for _, call := range [][2]string{{"GET", hdaPath + "/no_such"}, {"GET", hdaPath + "/" + id + "x"}, {"DELETE", hdaPath + "/no_such"},
		{"PATCH", hdaPath + "/no_such/re-auth"}, {"POST", hdaPath + "/no_such/reset-credentials"}} {
		var b any
		if call[0] != "GET" && call[0] != "DELETE" {
			b = map[string]any{}
		}
		c.wantMessage(c.do(call[0], call[1], b, 404, "NotFound_RemoteExecutionAgent"), "Hybrid Deployment Agent not found.")
	}

	// OmitNulls keeps the null version and last_used_at, which the spec
	// requires, and drops other nulls.
	_, c2 := startPx(t, func(o *emulator.Options) { o.OmitNulls = true })
	g2 := c2.hdaGroup("g")
	id2 := jsonString(t, c2.hda(g2, "office", "DOCKER")["id"])
	c2.do("POST", "/connections", map[string]any{"group_id": g2, "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "gh"}, "hybrid_deployment_agent_id": id2}, 201, "Success")
	d2 := c2.do("GET", hdaPath+"/"+id2, nil, 200, "Success").data()
	for _, k := range []string{"version", "last_used_at"} {
		if v, has := d2[k]; !has || v != nil {
			t.Errorf("OmitNulls: %s %v (present %v)", k, v, has)
		}
	}
	if u := fmt.Sprint(d2["usage"]); !strings.Contains(u, "schema:gh") {
		t.Errorf("OmitNulls: usage %s", u)
	}
}

// TestHybridAgentList: the list is paged like every list, its items are
// the agents as a GET shows them (usage included, no secrets), it filters
// by group (group_id, or the spec's groupId), and it lags writes: a new
// agent appears after ListLag, a deleted one lingers for it.
func TestHybridAgentList(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.ListLag = 5 * time.Second })
	g1, g2 := c.hdaGroup("one"), c.hdaGroup("two")
	var created, inG2 []string
	var secrets []map[string]any
	for i := range 5 {
		g := []string{g1, g2}[i%2]
		s := c.hda(g, fmt.Sprintf("agent %d", i), "DOCKER")
		created = append(created, jsonString(t, s["id"]))
		if g == g2 {
			inG2 = append(inG2, jsonString(t, s["id"]))
		}
		secrets = append(secrets, s)
	}
	ids := func(query string) []string {
		t.Helper()
		var out []string
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 6 {
				t.Fatal("the pages do not end")
			}
			path := hdaPath + "?limit=2" + query
			if cursor != "" {
				path += "&cursor=" + cursor
			}
			r := c.do("GET", path, nil, 200, "Success")
			c.wantMessage(r, "Hybrid deployment agents retrieved successfully")
			noHdaSecrets(t, r, secrets...)
			items := r.items()
			if len(items) > 2 {
				t.Fatalf("page of %d items with limit 2", len(items))
			}
			for _, it := range items {
				out = append(out, jsonString(t, it["id"]))
				if u, isList := it["usage"].([]any); !isList || len(u) != 0 || len(it) != len(hdaKeys)+1 || it["online"] != false {
					t.Errorf("list item %v", it)
				}
			}
			if cursor, _ = r.data()["next_cursor"].(string); cursor == "" {
				return out
			}
		}
	}
	if got := ids(""); len(got) != 0 {
		t.Fatalf("new agents listed before the lag: %v", got)
	}
	c.do("GET", hdaPath+"/"+created[0], nil, 200, "Success") // GET by id is current
	clock.advance(5 * time.Second)
	if got := ids(""); !slices.Equal(got, created) {
		t.Fatalf("listed %v, want %v in creation order", got, created)
	}
	for _, q := range []string{"&group_id=" + g2, "&groupId=" + g2} {
		if got := ids(q); !slices.Equal(got, inG2) {
			t.Fatalf("%s: listed %v, want %v", q, got, inG2)
		}
	}
	if got := ids("&group_id=no_such"); len(got) != 0 {
		t.Fatalf("an unknown group's agents: %v", got)
	}
	c.do("GET", hdaPath+"?limit=0", nil, 400, "InvalidInput", invalidReq...)
	c.do("GET", hdaPath+"?cursor=%21%21", nil, 400, "InvalidInput")

	c.do("DELETE", hdaPath+"/"+created[1], nil, 200, "Success")
	c.do("GET", hdaPath+"/"+created[1], nil, 404, "NotFound_RemoteExecutionAgent")
	if got := ids(""); !slices.Contains(got, created[1]) {
		t.Fatalf("a just-deleted agent is no longer listed: %v", got)
	}
	clock.advance(5 * time.Second)
	if got := ids(""); slices.Contains(got, created[1]) || len(got) != 4 {
		t.Fatalf("a deleted agent is still listed after the lag: %v", got)
	}
}

// hdaState reads an agent's online, version and last_used_at by GET and
// checks that the list says the same.
func hdaState(c pxClient, id string) (online, version, lastUsed any) {
	c.t.Helper()
	d := c.do("GET", hdaPath+"/"+id, nil, 200, "Success").data()
	for _, it := range c.do("GET", hdaPath, nil, 200, "Success").items() {
		if it["id"] == id && (it["online"] != d["online"] || it["version"] != d["version"] || it["last_used_at"] != d["last_used_at"]) {
			c.t.Fatalf("the list says %v, the GET %v", it, d)
		}
	}
	return d["online"], d["version"], d["last_used_at"]
}

func wantHdaState(c pxClient, id string, online bool, version, lastUsed any) {
	c.t.Helper()
	if o, v, l := hdaState(c, id); o != online || v != version || l != lastUsed {
		c.t.Fatalf("online %v version %v last_used_at %v, want %v %v %v", o, v, l, online, version, lastUsed)
	}
}

// TestHybridAgentOnline: an agent is offline until its software runs with
// its current credentials; with HybridAgentOnlineAfter it comes online that
// long after its create and again that long after each re-auth (which takes
// it offline); version and last_used_at are null until it has first been
// online, then stay known. A credentials reset takes it offline for good,
// until a re-auth. Without the option it never comes online by itself.
func TestHybridAgentOnline(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.HybridAgentOnlineAfter = 10 * time.Second })
	gid := c.hdaGroup("g")
	id := jsonString(t, c.hda(gid, "office", "DOCKER")["id"])
	wantHdaState(c, id, false, nil, nil)
	clock.advance(9 * time.Second)
	wantHdaState(c, id, false, nil, nil)
	clock.advance(time.Second)
	first := "2026-03-01T12:00:10.000000Z"
	wantHdaState(c, id, true, "1.0.0", first)

	clock.advance(time.Minute)
	re := c.do("PATCH", hdaPath+"/"+id+"/re-auth", map[string]any{}, 200, "Success").data()
	if re["online"] != false || re["version"] != "1.0.0" || re["last_used_at"] != first || re["updated_at"] != "2026-03-01T12:01:10.000000Z" {
		t.Fatalf("the re-auth's answer: %v", re)
	}
	wantHdaState(c, id, false, "1.0.0", first)
	clock.advance(10 * time.Second)
	wantHdaState(c, id, true, "1.0.0", "2026-03-01T12:01:20.000000Z")

	// A reset voids the credentials: offline, and the option does not bring
	// it back, nor any token.
	r := c.do("POST", hdaPath+"/"+id+"/reset-credentials", map[string]any{}, 200, "Success")
	c.wantMessage(r, "Successfully reset credentials the agent with id = "+id)
	if _, has := r.body["data"]; has {
		t.Errorf("reset answer with data: %s", r.raw)
	}
	clock.advance(time.Hour)
	wantHdaState(c, id, false, "1.0.0", "2026-03-01T12:01:20.000000Z")
	if d := c.do("GET", hdaPath+"/"+id, nil, 200, "Success").data(); d["updated_at"] != "2026-03-01T12:01:20.000000Z" {
		t.Errorf("updated_at after the reset: %v", d["updated_at"])
	}
	c.do("PATCH", hdaPath+"/"+id+"/re-auth", nil, 200, "Success")
	clock.advance(10 * time.Second)
	wantHdaState(c, id, true, "1.0.0", "2026-03-01T13:01:30.000000Z")

	// Without the option nothing runs the agent: it never comes online.
	clock2 := newPxClock()
	_, c2 := startPx(t, func(o *emulator.Options) { o.Now = clock2.Now })
	id2 := jsonString(t, c2.hda(c2.hdaGroup("g"), "office", "DOCKER")["id"])
	clock2.advance(365 * 24 * time.Hour)
	wantHdaState(c2, id2, false, nil, nil)
}

// TestHybridAgentReAuth: a re-auth answers the agent with new files and a
// new token (the old ones stop working), keeps auth_type unless it sends
// one, and refuses an auth_type outside the enum. StartHybridAgent stands
// for the agent's software: it starts only with the current token, and a
// reset voids that too.
func TestHybridAgentReAuth(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	gid := c.hdaGroup("g")
	first := c.do("POST", hdaPath, map[string]any{"group_id": gid, "display_name": "office", "env_type": "PODMAN", "accept_terms": true,
		"auth_type": "MANUAL"}, 201, "Success").data()
	id := jsonString(t, first["id"])

	r := c.do("PATCH", hdaPath+"/"+id+"/re-auth", map[string]any{}, 200, "Success")
	c.wantMessage(r, "Hybrid deployment agent re-authentication successful")
	second := r.data()
	checkHdaSecrets(t, second, "MANUAL") // kept
	for _, k := range hdaKeys {
		if k != "updated_at" && fmt.Sprint(second[k]) != fmt.Sprint(first[k]) {
			t.Errorf("%s changed on re-auth: %v → %v", k, first[k], second[k])
		}
	}
	third := c.do("PATCH", hdaPath+"/"+id+"/re-auth", map[string]any{"auth_type": "AUTO"}, 200, "Success").data()
	checkHdaSecrets(t, third, "AUTO")
	fourth := c.do("PATCH", hdaPath+"/"+id+"/re-auth", nil, 200, "Success").data()
	checkHdaSecrets(t, fourth, "AUTO")
	all := []map[string]any{first, second, third, fourth}
	for i := range all {
		for j := range i {
			if all[i]["token"] == all[j]["token"] || fmt.Sprint(all[i]["files"]) == fmt.Sprint(all[j]["files"]) {
				t.Errorf("answers %d and %d share secrets", j, i)
			}
		}
	}
	c.wantMessage(c.do("PATCH", hdaPath+"/"+id+"/re-auth", map[string]any{"auth_type": "TOKEN"}, 400, "InvalidInput", invalidReq...),
		"Field 'auth_type' has an invalid value 'TOKEN'. Allowed values: AUTO, MANUAL")
	noHdaSecrets(t, c.do("GET", hdaPath+"/"+id, nil, 200, "Success"), all...)
	noHdaSecrets(t, c.do("GET", hdaPath, nil, 200, "Success"), all...)

	for _, old := range all[:3] {
		if err := emu.StartHybridAgent(id, jsonString(t, old["token"])); err == nil {
			t.Fatal("an agent started with a token a re-auth replaced")
		}
	}
	wantHdaState(c, id, false, nil, nil)
	clock.advance(time.Minute)
	if err := emu.StartHybridAgent(id, jsonString(t, fourth["token"])); err != nil {
		t.Fatal(err)
	}
	wantHdaState(c, id, true, "1.0.0", "2026-03-01T12:01:00.000000Z")
	clock.advance(time.Minute)
	if err := emu.StartHybridAgent(id, jsonString(t, fourth["token"])); err != nil { // again: still online since the first start
		t.Fatal(err)
	}
	wantHdaState(c, id, true, "1.0.0", "2026-03-01T12:01:00.000000Z")

	c.do("POST", hdaPath+"/"+id+"/reset-credentials", nil, 200, "Success")
	wantHdaState(c, id, false, "1.0.0", "2026-03-01T12:01:00.000000Z")
	if err := emu.StartHybridAgent(id, jsonString(t, fourth["token"])); err == nil {
		t.Fatal("an agent started with a token a reset voided")
	}
	fifth := c.do("PATCH", hdaPath+"/"+id+"/re-auth", map[string]any{}, 200, "Success").data()
	if err := emu.StartHybridAgent(id, jsonString(t, fifth["token"])); err != nil {
		t.Fatal(err)
	}
	if err := emu.StartHybridAgent("no_such", "x"); err == nil {
		t.Fatal("started an unknown agent")
	}
}

// TestHybridAgentReferences: a connection's or destination's
// hybrid_deployment_agent_id must name an existing agent, on create and
// PATCH (400 otherwise, and nothing changes); a connection that names none
// inherits its destination's; an agent's usage lists the connections that
// run on it, named or inherited; it cannot be deleted while a connection
// or destination names it (409), nor can its group; once deleted it is
// gone (404) and cannot be named.
func TestHybridAgentReferences(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("g")
	agent := jsonString(t, c.hda(gid, "office", "DOCKER")["id"])
	spare := jsonString(t, c.hda(gid, "spare", "DOCKER")["id"])
	dest := map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0", "run_setup_tests": false,
		"config": map[string]any{"host": "db", "port": 5432}}
	conn := func(schema string, extra map[string]any) map[string]any {
		b := map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false, "config": map[string]any{"schema": schema}}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	unknown := "Hybrid deployment agent with id 'no_such' does not exist."

	// Creates naming no agent are refused and create nothing.
	bad := map[string]any{"hybrid_deployment_agent_id": "no_such"}
	for k, v := range dest {
		bad[k] = v
	}
	c.wantMessage(c.do("POST", "/destinations", bad, 400, "InvalidInput"), unknown)
	c.wantMessage(c.do("POST", "/connections", conn("gh", map[string]any{"hybrid_deployment_agent_id": "no_such"}), 400, "InvalidInput"), unknown)
	if len(emu.Destinations()) != 0 || len(emu.Connections()) != 0 {
		t.Fatal("a refused create created something")
	}

	// A connection made before the destination names none; one made after
	// inherits the destination's agent; one may name its own.
	early := jsonString(t, c.do("POST", "/connections", conn("early", nil), 201, "Success").data()["id"])
	dest["hybrid_deployment_agent_id"] = agent
	dd := c.do("POST", "/destinations", dest, 201, "Success").data()
	if dd["hybrid_deployment_agent_id"] != agent || dd["local_processing_agent_id"] != agent {
		t.Fatalf("the destination's agent: %v", dd)
	}
	inherits := c.do("POST", "/connections", conn("inherits", nil), 201, "Success").data()
	if inherits["hybrid_deployment_agent_id"] != agent {
		t.Fatalf("a new connection did not inherit the destination's agent: %v", inherits["hybrid_deployment_agent_id"])
	}
	inh := jsonString(t, inherits["id"])
	own := jsonString(t, c.do("POST", "/connections", conn("own", map[string]any{"hybrid_deployment_agent_id": spare}), 201, "Success").data()["id"])
	if d := c.do("GET", "/connections/"+early, nil, 200, "Success").data(); d["hybrid_deployment_agent_id"] != nil {
		t.Fatalf("an older connection changed: %v", d["hybrid_deployment_agent_id"])
	}

	// PATCHes naming no agent are refused and change nothing.
	c.wantMessage(c.do("PATCH", "/connections/"+own, map[string]any{"hybrid_deployment_agent_id": "no_such"}, 400, "InvalidInput"), unknown)
	c.wantMessage(c.do("PATCH", "/destinations/"+gid, map[string]any{"hybrid_deployment_agent_id": "no_such"}, 400, "InvalidInput"), unknown)
	if d := c.do("GET", "/connections/"+own, nil, 200, "Success").data(); d["hybrid_deployment_agent_id"] != spare {
		t.Fatalf("a refused PATCH changed the connection: %v", d)
	}
	if d := c.do("GET", "/destinations/"+gid, nil, 200, "Success").data(); d["hybrid_deployment_agent_id"] != agent {
		t.Fatalf("a refused PATCH changed the destination: %v", d)
	}

	usage := func(id string) []string {
		t.Helper()
		var out []string
		d := c.do("GET", hdaPath+"/"+id, nil, 200, "Success").data()
		u, _ := d["usage"].([]any)
		for _, e := range u {
			m, _ := e.(map[string]any)
			if len(m) != 3 || m["service"] != "github" {
				t.Fatalf("usage entry %v", m)
			}
			out = append(out, fmt.Sprint(m["connection_id"], "/", m["schema"]))
		}
		return out
	}
	// early names none, so it runs on the destination's agent.
	if got, want := usage(agent), []string{early + "/early", inh + "/inherits"}; !slices.Equal(got, want) {
		t.Fatalf("usage %v, want %v", got, want)
	}
	if got := usage(spare); !slices.Equal(got, []string{own + "/own"}) {
		t.Fatalf("the spare agent's usage: %v", got)
	}
	listUsage := map[string]int{}
	for _, it := range c.do("GET", hdaPath, nil, 200, "Success").items() {
		u, _ := it["usage"].([]any)
		listUsage[jsonString(t, it["id"])] = len(u)
	}
	if listUsage[agent] != 2 || listUsage[spare] != 1 {
		t.Fatalf("usage in the list: %v", listUsage)
	}

	// No delete while a connection or destination names it.
	inUse := func(id, users string) {
		t.Helper()
		c.wantMessage(c.do("DELETE", hdaPath+"/"+id, nil, 409, "Conflict"),
			"Hybrid deployment agent with id = "+id+" cannot be deleted while it is used by "+users+".")
	}
	inUse(agent, "connection '"+inh+"', destination '"+gid+"'")
	inUse(spare, "connection '"+own+"'")
	c.do("PATCH", "/connections/"+inh, map[string]any{"hybrid_deployment_agent_id": nil}, 200, "Success")
	inUse(agent, "destination '"+gid+"'") // early and inh inherit it only
	c.do("PATCH", "/destinations/"+gid, map[string]any{"hybrid_deployment_agent_id": spare}, 200, "Success")
	if d := c.do("GET", "/destinations/"+gid, nil, 200, "Success").data(); d["local_processing_agent_id"] != spare {
		t.Fatalf("the alias did not follow: %v", d)
	}
	if got := usage(spare); !slices.Equal(got, []string{early + "/early", inh + "/inherits", own + "/own"}) {
		t.Fatalf("usage after the destination moved: %v", got)
	}
	if got := usage(agent); len(got) != 0 {
		t.Fatalf("the first agent's usage after the destination moved: %v", got)
	}

	// A group that holds an agent cannot be deleted.
	for _, id := range []string{early, inh, own} {
		c.do("DELETE", "/connections/"+id, nil, 200, "Success")
	}
	groupMsg := "Group with id '" + gid + "' cannot be deleted while it has hybrid deployment agents: '" + agent + "', '" + spare + "'"
	c.wantMessage(c.do("DELETE", "/groups/"+gid, nil, 409, "Conflict"), groupMsg)

	r := c.do("DELETE", hdaPath+"/"+agent, nil, 200, "Success")
	c.wantMessage(r, "Hybrid deployment agent with id = "+agent+" has been deleted.")
	if _, has := r.body["data"]; has {
		t.Errorf("delete answer with data: %s", r.raw)
	}
	c.do("GET", hdaPath+"/"+agent, nil, 404, "NotFound_RemoteExecutionAgent")
	gone := "Hybrid deployment agent with id '" + agent + "' does not exist."
	c.wantMessage(c.do("PATCH", "/destinations/"+gid, map[string]any{"hybrid_deployment_agent_id": agent}, 400, "InvalidInput"), gone)
	c.wantMessage(c.do("POST", "/connections", conn("late", map[string]any{"hybrid_deployment_agent_id": agent}), 400, "InvalidInput"), gone)
	inUse(spare, "destination '"+gid+"'")
	c.do("PATCH", "/destinations/"+gid, map[string]any{"hybrid_deployment_agent_id": nil}, 200, "Success")
	c.do("DELETE", hdaPath+"/"+spare, nil, 200, "Success")
	c.do("DELETE", "/groups/"+gid, nil, 200, "Success")
}

// TestHybridAgentDeleteWaitsForDeletedConnections: a connection whose
// delete has not taken effect yet (DeleteDelay) still holds its agent.
func TestHybridAgentDeleteWaitsForDeletedConnections(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.DeleteDelay = 2 * time.Second })
	gid := c.hdaGroup("g")
	agent := jsonString(t, c.hda(gid, "office", "DOCKER")["id"])
	cid := jsonString(t, c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "gh"}, "hybrid_deployment_agent_id": agent}, 201, "Success").data()["id"])
	c.do("DELETE", "/connections/"+cid, nil, 200, "Success")
	c.wantMessage(c.do("DELETE", hdaPath+"/"+agent, nil, 409, "Conflict"),
		"Hybrid deployment agent with id = "+agent+" cannot be deleted while it is used by connection '"+cid+"' (being deleted).")
	clock.advance(2 * time.Second)
	c.do("DELETE", hdaPath+"/"+agent, nil, 200, "Success")
}

// TestAnyHybridAgentID: the switch accepts ids that name no agent, as the
// emulator did before it modelled them, and such an id fails no setup test.
func TestAnyHybridAgentID(t *testing.T) {
	_, c := startPx(t, func(o *emulator.Options) { o.AnyHybridAgentID = true })
	gid := c.hdaGroup("g")
	d := c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"hybrid_deployment_agent_id": "agent_one", "config": map[string]any{"host": "db", "port": 5432}}, 201, "Success").data()
	if d["setup_status"] != "connected" {
		t.Fatalf("an unknown agent failed the tests: %v", d["setup_tests"])
	}
	c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "gh"}, "hybrid_deployment_agent_id": "agent_two"}, 201, "Success")
}

// TestHybridAgentSetupTests: a connection or destination whose agent, named
// or inherited, is offline fails its setup tests, naming the agent, and
// passes them once the agent is online; one without an agent is not
// affected.
func TestHybridAgentSetupTests(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("g")
	created := c.hda(gid, "office", "DOCKER")
	agent := jsonString(t, created["id"])
	failed := func(d map[string]any, state string) {
		t.Helper()
		tests, _ := d["setup_tests"].([]any)
		if len(tests) != 1 || fmt.Sprint(tests[0]) != fmt.Sprint(map[string]any{"title": "Connecting through the hybrid deployment agent", "status": "FAILED",
			"message": "Hybrid deployment agent '" + agent + "' is offline. Start it with its current credentials, then test again."}) {
			t.Fatalf("setup tests %v, want the hybrid agent's failed", d["setup_tests"])
		}
		if s := fmt.Sprint(d["setup_status"], d["status"]); !strings.Contains(s, state) {
			t.Fatalf("state %s, want %s", s, state)
		}
	}
	passed := func(d map[string]any) {
		t.Helper()
		tests, _ := d["setup_tests"].([]any)
		if len(tests) == 0 {
			t.Fatal("no setup tests")
		}
		for _, tst := range tests {
			if m, _ := tst.(map[string]any); m["status"] == "FAILED" {
				t.Fatalf("failed with the agent online: %v", d["setup_tests"])
			}
		}
	}
	// A connection without an agent, in a group without a destination.
	direct := c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "config": map[string]any{"schema": "direct"}},
		201, "Success").data()
	passed(direct)
	// Its own agent.
	own := c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "hybrid_deployment_agent_id": agent,
		"config": map[string]any{"schema": "own"}}, 201, "Success").data()
	failed(own, "broken")
	d := c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"hybrid_deployment_agent_id": agent, "config": map[string]any{"host": "db", "port": 5432}}, 201, "Success").data()
	failed(d, "broken")
	// The destination's agent: direct names none and now inherits it.
	failed(c.do("POST", "/connections/"+jsonString(t, direct["id"])+"/test", map[string]any{}, 200, "Success").data(), "broken")
	failed(c.do("PATCH", "/destinations/"+gid, map[string]any{"run_setup_tests": true, "region": "GCP_US_EAST4"}, 200, "Success").data(), "broken")

	if err := emu.StartHybridAgent(agent, jsonString(t, created["token"])); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/connections/" + jsonString(t, direct["id"]) + "/test", "/connections/" + jsonString(t, own["id"]) + "/test",
		"/destinations/" + gid + "/test"} {
		passed(c.do("POST", path, map[string]any{}, 200, "Success").data())
	}
	// A re-auth takes the agent offline: the tests fail again.
	c.do("PATCH", hdaPath+"/"+agent+"/re-auth", map[string]any{}, 200, "Success")
	failed(c.do("POST", "/destinations/"+gid+"/test", map[string]any{}, 200, "Success").data(), "broken")
}

// TestHybridAgentSecretsNeverKept: no log line and no state file holds a
// secret (the emulator keeps a digest of the token only), while the state
// file keeps the agents, and the digest lets the current token start the
// agent after a restart.
func TestHybridAgentSecretsNeverKept(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	var logMu sync.Mutex
	var lines []string
	logf := func(format string, args ...any) {
		logMu.Lock()
		lines = append(lines, fmt.Sprintf(format, args...))
		logMu.Unlock()
	}
	emu, c := startPx(t, func(o *emulator.Options) { o.StatePath = statePath; o.Logf = logf })
	gid := c.hdaGroup("g")
	first := c.hda(gid, "office", "SNOWPARK")
	id := jsonString(t, first["id"])
	second := c.do("PATCH", hdaPath+"/"+id+"/re-auth", map[string]any{}, 200, "Success").data()
	c.do("GET", hdaPath+"/"+id, nil, 200, "Success")
	c.do("GET", hdaPath, nil, 200, "Success")
	c.do("POST", hdaPath, map[string]any{"group_id": gid, "display_name": "office", "env_type": "DOCKER", "accept_terms": true}, 409, "Conflict")
	if err := emu.Save(); err != nil {
		t.Fatal(err)
	}
	state, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	logMu.Lock()
	logged := strings.Join(lines, "\n")
	logMu.Unlock()
	if !strings.Contains(logged, "POST /v1/hybrid-deployment-agents") || !bytes.Contains(state, []byte(id)) {
		t.Fatalf("the log or the state file does not show the agent: %q", logged)
	}
	for _, s := range []map[string]any{first, second} {
		frags := hdaFragments(t, s)
		// The decoded files' contents, and the token's raw bytes in base64url.
		raw, _ := base64.StdEncoding.DecodeString(jsonString(t, s["token"]))
		frags = append(frags, base64.RawURLEncoding.EncodeToString(raw)[:32], decodeFile(t, s, "auth_json"), decodeFile(t, s, "docker_compose_yaml"))
		for _, f := range frags {
			if strings.Contains(logged, f) {
				t.Errorf("a log line holds a secret: %q", f)
			}
			if bytes.Contains(state, []byte(f)) {
				t.Errorf("the state file holds a secret: %q", f)
			}
		}
	}
	emu.Close()

	again, err := emulator.New(emulator.Options{APIKey: "k", APISecret: "s", Seed: 11, StatePath: statePath})
	if err != nil {
		t.Fatal(err)
	}
	if got, found := again.Get("hybrid_deployment_agent", id); !found || got["display_name"] != "office" || got["deployment_type"] != "SNOWPARK" {
		t.Fatalf("the agent did not survive a restart: %v", got)
	}
	if err := again.StartHybridAgent(id, jsonString(t, first["token"])); err == nil {
		t.Error("a replaced token started the agent after a restart")
	}
	if err := again.StartHybridAgent(id, jsonString(t, second["token"])); err != nil {
		t.Error(err)
	}
	if got, _ := again.Get("hybrid_agent", id); got["online"] != true {
		t.Errorf("started after a restart: %v", got)
	}
	// A new agent after the restart (same seed) gets a new id and a new token.
	made, err := again.CreateHybridAgent(gid, "branch", "DOCKER")
	if err != nil {
		t.Fatal(err)
	}
	if made["id"] == id || made["token"] == first["token"] || made["token"] == second["token"] {
		t.Errorf("a restart with the same seed repeated an id or a token: %v", made["id"])
	}
}

// TestHybridAgentsOutOfBand: the out-of-band helpers and Reset know hybrid
// deployment agents, under each of their kind names.
func TestHybridAgentsOutOfBand(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("g")
	made, err := emu.CreateHybridAgent(gid, "office", "KUBERNETES")
	if err != nil {
		t.Fatal(err)
	}
	id := jsonString(t, made["id"])
	checkHdaSecrets(t, made, "AUTO")
	if made["online"] != false || made["enabled"] != true || made["group_id"] != gid {
		t.Fatalf("CreateHybridAgent: %v", made)
	}
	if _, err := emu.CreateHybridAgent(gid, "office", "DOCKER"); err == nil || !strings.Contains(err.Error(), "409") {
		t.Fatalf("a duplicate out-of-band create: %v", err)
	}
	if _, err := emu.CreateHybridAgent(gid, "x", "LXC"); err == nil || !strings.Contains(err.Error(), "env_type") {
		t.Fatalf("an out-of-band create with a bad env_type: %v", err)
	}
	if _, err := emu.CreateHybridAgent("no_such", "x", "DOCKER"); err == nil || !strings.Contains(err.Error(), "NotFound_Group") {
		t.Fatalf("an out-of-band create in no group: %v", err)
	}
	if err := emu.StartHybridAgent(id, jsonString(t, made["token"])); err != nil {
		t.Fatal(err)
	}
	if d := c.do("GET", hdaPath+"/"+id, nil, 200, "Success").data(); d["online"] != true {
		t.Fatalf("StartHybridAgent: %v", d)
	}
	if err := emu.Patch("hybrid_deployment_agents", id, map[string]any{"display_name": "renamed elsewhere"}); err != nil {
		t.Fatal(err)
	}
	if d := c.do("GET", hdaPath+"/"+id, nil, 200, "Success").data(); d["display_name"] != "renamed elsewhere" {
		t.Fatalf("out-of-band Patch: %v", d)
	}
	second, err := emu.CreateHybridAgent(gid, "branch", "DOCKER")
	if err != nil {
		t.Fatal(err)
	}
	if err := emu.Delete("hybrid_agent", jsonString(t, second["id"])); err != nil {
		t.Fatal(err)
	}
	all := emu.HybridAgents()
	if len(all) != 1 || all[0]["id"] != id || all[0]["online"] != true {
		t.Fatalf("HybridAgents after an out-of-band delete: %v", all)
	}
	if _, has := all[0]["token"]; has {
		t.Fatalf("HybridAgents shows the token: %v", all[0])
	}
	emu.Reset()
	if all := emu.HybridAgents(); len(all) != 0 {
		t.Fatalf("Reset kept hybrid agents: %v", all)
	}
	c.do("GET", hdaPath+"/"+id, nil, 404, "NotFound_RemoteExecutionAgent")
	if items := c.do("GET", hdaPath, nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("listed after Reset: %v", items)
	}
	again := c.hda(c.hdaGroup("g"), "office", "DOCKER")
	if again["id"] == id {
		t.Fatal("an id was reused after Reset")
	}
}

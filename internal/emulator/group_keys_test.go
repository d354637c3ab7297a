package emulator_test

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"maps"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// A group's SSH public key and service account, driven over HTTP with
// every exchange validated against the OpenAPI spec (startPx). go-fivetran's
// end-to-end tests read both for a group of the live account: the key only
// had to be there, the service account was g-<id, _ as ->@<project>.

const (
	keyPrefix  = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAACAQ" // ssh-rsa, exponent 65537, a 4096-bit modulus
	keySuffix  = "== fivetran user key\n"
	saDomain   = "@fivetran-production.iam.gserviceaccount.com"
	keyMessage = "Group SSH public key retrieved successfully"
	saMessage  = "Group service account retrieved successfully"
)

// publicKey reads a group's key through the API and checks the answer's
// message and shape.
func (c pxClient) publicKey(gid string) string {
	c.t.Helper()
	r := c.do("GET", "/groups/"+gid+"/public-key", nil, 200, "Success")
	c.wantMessage(r, keyMessage)
	if d := r.data(); len(d) != 1 {
		c.t.Fatalf("want data {public_key}, got %s", r.raw)
	}
	return jsonString(c.t, r.data()["public_key"])
}

// serviceAccount reads a group's service account through the API and
// checks the answer's message and shape.
func (c pxClient) serviceAccount(gid string) string {
	c.t.Helper()
	r := c.do("GET", "/groups/"+gid+"/service-account", nil, 200, "Success")
	c.wantMessage(r, saMessage)
	if d := r.data(); len(d) != 1 {
		c.t.Fatalf("want data {service_account}, got %s", r.raw)
	}
	return jsonString(c.t, r.data()["service_account"])
}

// checkGroupKey fails the test unless key is an authorized_keys line of a
// 4096-bit RSA key with exponent 65537 and Fivetran's comment.
func checkGroupKey(t *testing.T, key string) {
	t.Helper()
	if !strings.HasPrefix(key, keyPrefix) || !strings.HasSuffix(key, keySuffix) || strings.Count(key, "\n") != 1 {
		t.Fatalf("key %q: want %s…%q", key, keyPrefix, keySuffix)
	}
	fields := strings.Fields(key)
	if len(fields) != 5 || fields[0] != "ssh-rsa" || strings.Join(fields[2:], " ") != "fivetran user key" {
		t.Fatalf("key %q: want ssh-rsa <blob> fivetran user key", key)
	}
	blob, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		t.Fatalf("key blob: %v", err)
	}
	var parts [][]byte
	for len(blob) > 0 {
		if len(blob) < 4 {
			t.Fatalf("key blob: %d bytes left over", len(blob))
		}
		n := int64(binary.BigEndian.Uint32(blob))
		if n > int64(len(blob)-4) {
			t.Fatalf("key blob: a string of %d bytes in %d", n, len(blob)-4)
		}
		parts, blob = append(parts, blob[4:4+n]), blob[4+n:]
	}
	if len(parts) != 3 || string(parts[0]) != "ssh-rsa" {
		t.Fatalf("key blob: want ssh-rsa, e, n; got %d parts", len(parts))
	}
	e, n := new(big.Int).SetBytes(parts[1]), new(big.Int).SetBytes(parts[2])
	if e.Int64() != 65537 || parts[1][0]&0x80 != 0 {
		t.Fatalf("exponent %v", e)
	}
	if n.BitLen() != 4096 || n.Bit(0) != 1 || parts[2][0] != 0 {
		t.Fatalf("modulus of %d bits (odd %v), mpint %x…", n.BitLen(), n.Bit(0) == 1, parts[2][:2])
	}
}

// TestGroupPublicKey: a group's key is an SSH RSA key with Fivetran's
// comment, the same at every read, its own (another group's differs), and
// out of the group's own answers.
func TestGroupPublicKey(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("keys")
	key := c.publicKey(gid)
	checkGroupKey(t, key)
	if again := c.publicKey(gid); again != key {
		t.Fatalf("the key changed between two reads: %q, then %q", key, again)
	}
	c.do("PATCH", "/groups/"+gid, map[string]any{"name": "renamed"}, 200, "Success")
	if again := c.publicKey(gid); again != key {
		t.Fatal("a rename changed the key")
	}
	other := c.hdaGroup("other")
	if k := c.publicKey(other); k == key {
		t.Fatal("two groups share a key")
	} else {
		checkGroupKey(t, k)
	}
	oob := emu.CreateGroup("out_of_band")
	checkGroupKey(t, c.publicKey(jsonString(t, oob["id"])))
	if k, found := emu.GroupPublicKey(gid); !found || k != key {
		t.Fatalf("GroupPublicKey: %q %v", k, found)
	}
	if _, found := emu.GroupPublicKey("no_such"); found {
		t.Fatal("GroupPublicKey found an unknown group")
	}
	// The key is the group's sub-resource, never a field of the group.
	for _, d := range []map[string]any{c.do("GET", "/groups/"+gid, nil, 200, "Success").data(),
		c.do("GET", "/groups", nil, 200, "Success").items()[0]} {
		if keys := slices.Sorted(maps.Keys(d)); !slices.Equal(keys, []string{"created_at", "id", "name"}) {
			t.Fatalf("a group shows %v", keys)
		}
	}
	if g, _ := emu.Get("group", gid); len(g) != 3 {
		t.Fatalf("Get shows %v", g)
	}
}

// TestGroupServiceAccount: g-, the group's id with its underscores as
// hyphens (recorded live), in Fivetran's production project; the same at
// every read.
func TestGroupServiceAccount(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("sa")
	if !strings.Contains(gid, "_") {
		t.Fatalf("group id %q has no underscore to replace", gid)
	}
	want := "g-" + strings.ReplaceAll(gid, "_", "-") + saDomain
	if got := c.serviceAccount(gid); got != want {
		t.Fatalf("service account %q, want %q", got, want)
	}
	if got := c.serviceAccount(gid); got != want {
		t.Fatalf("second read: %q", got)
	}
	other := c.hdaGroup("other")
	if got := c.serviceAccount(other); got == want || got != "g-"+strings.ReplaceAll(other, "_", "-")+saDomain {
		t.Fatalf("another group's service account %q", got)
	}
	if got, found := emu.GroupServiceAccount(gid); !found || got != want {
		t.Fatalf("GroupServiceAccount: %q %v", got, found)
	}
	if _, found := emu.GroupServiceAccount("no_such"); found {
		t.Fatal("GroupServiceAccount found an unknown group")
	}
}

// TestGroupKeysUnknownGroup: both routes answer 404 NotFound_Group for a
// group that never was and for one deleted, naming it; other methods 405.
func TestGroupKeysUnknownGroup(t *testing.T) {
	_, c := startPx(t, nil)
	gid := c.hdaGroup("gone")
	c.do("DELETE", "/groups/"+gid, nil, 200, "Success")
	for _, id := range []string{"no_such", gid} {
		for _, sub := range []string{"public-key", "service-account"} {
			r := c.do("GET", "/groups/"+id+"/"+sub, nil, 404, "NotFound_Group")
			if !strings.Contains(jsonString(t, r.body["message"]), "'"+id+"'") || r.body["data"] != nil {
				t.Fatalf("GET %s of %s: %s", sub, id, r.raw)
			}
		}
	}
	live := c.hdaGroup("here")
	for _, sub := range []string{"public-key", "service-account"} {
		c.do("POST", "/groups/"+live+"/"+sub, map[string]any{}, 405, "MethodNotAllowed")
		c.do("DELETE", "/groups/"+live+"/"+sub, nil, 405, "MethodNotAllowed")
	}
}

// TestGroupKeysDeterministicAndPersistent: the same seed and requests give
// the same key and another seed another; a restart with another seed keeps
// the keys the state file holds, and a group from a state file of before
// the route gets one that a restart keeps too.
func TestGroupKeysDeterministicAndPersistent(t *testing.T) {
	seeded := func(seed int64, statePath string) func(*emulator.Options) {
		return func(o *emulator.Options) { o.Seed = seed; o.StatePath = statePath }
	}
	_, a := startPx(t, seeded(5, ""))
	_, b := startPx(t, seeded(5, ""))
	_, other := startPx(t, seeded(6, ""))
	ga, gb, gOther := a.hdaGroup("g"), b.hdaGroup("g"), other.hdaGroup("g")
	if ga != gb {
		t.Fatalf("one seed, two ids: %q, %q", ga, gb)
	}
	if ka, kb := a.publicKey(ga), b.publicKey(gb); ka != kb {
		t.Fatalf("one seed, two keys:\n%q\n%q", ka, kb)
	}
	if ka, ko := a.publicKey(ga), other.publicKey(gOther); ka == ko {
		t.Fatal("two seeds, one key")
	}

	// The key is the group's from its create: a restart with another seed
	// before anyone read it gives the key of the seed that created it.
	statePath := filepath.Join(t.TempDir(), "state.json")
	emu1, c1 := startPx(t, seeded(7, statePath))
	gid := c1.hdaGroup("kept")
	emu1.Close()
	_, replay := startPx(t, seeded(7, ""))
	if id := replay.hdaGroup("kept"); id != gid {
		t.Fatalf("the replay made group %q, not %q", id, gid)
	}
	key := replay.publicKey(gid)
	emu2, c2 := startPx(t, seeded(8, statePath))
	if got := c2.publicKey(gid); got != key {
		t.Fatalf("after a restart with another seed: %q, want %q", got, key)
	}
	emu2.Close()
	_, c2b := startPx(t, seeded(12, statePath))
	if got := c2b.publicKey(gid); got != key {
		t.Fatalf("after a second restart: %q, want %q", got, key)
	}

	// A state file of before the route: the group has no key.
	raw, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	g, _ := st["groups"].(map[string]any)[gid].(map[string]any)
	if g == nil || g["internal"] == nil {
		t.Fatalf("the state file holds no key for the group: %v", g)
	}
	delete(g, "internal")
	old, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	oldPath := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(oldPath, old, 0o600); err != nil {
		t.Fatal(err)
	}
	emu3, c3 := startPx(t, seeded(9, oldPath))
	first := c3.publicKey(gid)
	checkGroupKey(t, first)
	emu3.Close()
	_, c4 := startPx(t, seeded(10, oldPath))
	if got := c4.publicKey(gid); got != first {
		t.Fatalf("the key a group of an older state file got was not kept: %q, then %q", first, got)
	}
}

// TestGroupKeysFaultsAndLimits: faults and rate limits apply to both
// routes as to any other.
func TestGroupKeysFaultsAndLimits(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("faults")
	keyRoute, saRoute := "GET /v1/groups/{id}/public-key", "GET /v1/groups/{id}/service-account"
	emu.InjectNext(emulator.Fault503, 1, http.MethodGet, keyRoute)
	c.do("GET", "/groups/"+gid+"/public-key", nil, 503, "")
	checkGroupKey(t, c.publicKey(gid))
	emu.InjectNext(emulator.Fault503, 1, http.MethodGet, saRoute)
	c.do("GET", "/groups/"+gid+"/service-account", nil, 503, "")
	c.serviceAccount(gid)

	emu.SetRateLimit(saRoute, 1, time.Minute)
	c.serviceAccount(gid)
	c.do("GET", "/groups/"+gid+"/service-account", nil, 429, "TooManyRequests")
	if n := emu.StatusCounts(429)[saRoute]; n != 1 {
		t.Fatalf("429s counted: %d", n)
	}
	if n := emu.Counts()[keyRoute]; n != 2 {
		t.Fatalf("the request log's count of key reads: %d", n)
	}
}

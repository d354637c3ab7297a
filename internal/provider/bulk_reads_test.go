package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// fakeList is a list fetch that counts its calls and holds one item per id.
type fakeList struct {
	calls         atomic.Int32
	ids           []string
	withoutConfig bool
	err           error
	release       chan struct{} // when set, the fetch waits for it
	started       chan struct{} // when set, closed as the fetch starts
}

func (f *fakeList) fetch(context.Context) (map[string]any, bool, error) {
	f.calls.Add(1)
	if f.started != nil {
		close(f.started)
	}
	if f.release != nil {
		<-f.release
	}
	if f.err != nil {
		return nil, false, f.err
	}
	out := map[string]any{}
	for _, id := range f.ids {
		out[id] = "item " + id
	}
	return out, f.withoutConfig, nil
}

// TestBulkReadsOneListPerScope: the first read of a scope makes its own GET
// (no list); the reads after it, all at once as Terraform runs them, share
// one fetch of the scope's list; another scope has its own.
func TestBulkReadsOneListPerScope(t *testing.T) {
	b := newBulkReads(true, configRefreshAlways)
	ctx := context.Background()
	g1 := &fakeList{ids: []string{"a", "b", "c"}}
	if _, ok := b.listed(ctx, listConnections, "g1", "a", g1.fetch); ok {
		t.Fatal("the first read of a group used a list; want its own GET")
	}
	if n := g1.calls.Load(); n != 0 {
		t.Fatalf("the first read fetched the list %d times; want 0", n)
	}
	const readers = 20
	var wg sync.WaitGroup
	got := make([]any, readers)
	for i := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := []string{"a", "b", "c"}[i%3]
			item, ok := b.listed(ctx, listConnections, "g1", id, g1.fetch)
			if ok {
				got[i] = item
			}
		}()
	}
	wg.Wait()
	if n := g1.calls.Load(); n != 1 {
		t.Fatalf("%d concurrent reads fetched the list %d times; want once", readers, n)
	}
	for i, item := range got {
		if want := "item " + []string{"a", "b", "c"}[i%3]; item != want {
			t.Errorf("reader %d got %v; want %q", i, item, want)
		}
	}

	g2 := &fakeList{ids: []string{"x", "y"}}
	for _, id := range []string{"x", "y"} {
		b.listed(ctx, listConnections, "g2", id, g2.fetch)
	}
	if n := g2.calls.Load(); n != 1 {
		t.Fatalf("group g2's list fetched %d times; want once, apart from g1's", n)
	}
}

// waitAhead waits until no list is being fetched ahead of reads.
func (b *bulkReads) waitAhead() {
	for {
		b.mu.Lock()
		running := b.aheadRunning
		b.mu.Unlock()
		if !running {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// aheadLists records the groups whose connection lists were fetched ahead of
// their reads, in order.
type aheadLists struct {
	mu            sync.Mutex
	groups        []string
	withoutConfig bool
}

func (a *aheadLists) fetch(_ context.Context, groupID string) (map[string]any, bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.groups = append(a.groups, groupID)
	return map[string]any{groupID + "-c": "item " + groupID + "-c"}, a.withoutConfig, nil
}

func (a *aheadLists) fetched() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.groups)
}

// TestBulkReadsKnownGroups: a group whose destination this process has read
// is one whose connections the state holds, so:
//   - the first read of its connections fetches their list, with no GET;
//   - nothing is fetched ahead before a connection is read (a state of
//     destinations alone pays for no connection list);
//   - once one is, the lists of the other groups read so far, and of those
//     read later, are fetched ahead, one at a time in the order they were
//     read, and their connections' reads use them without a fetch of their
//     own;
//   - a group's list that a read has fetched is not fetched again ahead;
//   - once a list comes without config, no more are fetched ahead (with
//     config_refresh = "always" they cannot confirm a read).
//
// A group whose destination was not read keeps the first-read GET.
func TestBulkReadsKnownGroups(t *testing.T) {
	ctx := context.Background()
	t.Run("first read lists", func(t *testing.T) {
		b := newBulkReads(true, configRefreshAlways)
		b.sawDestination(ctx, "g1")
		l := &fakeList{ids: []string{"a"}}
		if item, ok := b.listed(ctx, listConnections, "g1", "a", l.fetch); !ok || item != "item a" {
			t.Fatalf("the first read of a known group's connection: %v, %v; want it from the list", item, ok)
		}
		other := &fakeList{ids: []string{"x"}}
		if _, ok := b.listed(ctx, listConnections, "g2", "x", other.fetch); ok || other.calls.Load() != 0 {
			t.Fatal("the first read of a group whose destination this process has not read listed; want its own GET")
		}
	})
	t.Run("ahead", func(t *testing.T) {
		b := newBulkReads(true, configRefreshAlways)
		ahead := &aheadLists{}
		b.listConnections = ahead.fetch
		for _, g := range []string{"g1", "g2", "g3", "g2"} {
			b.sawDestination(ctx, g)
		}
		time.Sleep(10 * time.Millisecond)
		if got := ahead.fetched(); len(got) != 0 {
			t.Fatalf("lists fetched ahead before any connection was read: %v", got)
		}
		own := &fakeList{ids: []string{"g2-c"}}
		if _, ok := b.listed(ctx, listConnections, "g2", "g2-c", own.fetch); !ok || own.calls.Load() != 1 {
			t.Fatal("the first connection read of known group g2 did not fetch its own list")
		}
		b.sawDestination(ctx, "g4") // read after the connections started
		b.waitAhead()
		if got, want := ahead.fetched(), []string{"g1", "g3", "g4"}; !slices.Equal(got, want) {
			t.Fatalf("fetched ahead: %v; want %v (each group once, in the order read, not g2 again)", got, want)
		}
		for _, g := range []string{"g1", "g3", "g4"} {
			l := &fakeList{}
			if item, ok := b.listed(ctx, listConnections, g, g+"-c", l.fetch); !ok || item != "item "+g+"-c" || l.calls.Load() != 0 {
				t.Fatalf("group %s: %v, %v, %d fetches; want the item from the list fetched ahead and no fetch", g, item, ok, l.calls.Load())
			}
		}
	})
	t.Run("ahead stops without config", func(t *testing.T) {
		b := newBulkReads(true, configRefreshAlways)
		ahead := &aheadLists{withoutConfig: true}
		b.listConnections = ahead.fetch
		for _, g := range []string{"g1", "g2", "g3"} {
			b.sawDestination(ctx, g)
		}
		b.listed(ctx, listConnections, "elsewhere", "x", (&fakeList{}).fetch)
		b.waitAhead()
		if got := ahead.fetched(); !slices.Equal(got, []string{"g1"}) {
			t.Fatalf("fetched ahead: %v; want only g1, whose items came without config", got)
		}
	})
	t.Run("off", func(t *testing.T) {
		b := newBulkReads(false, configRefreshAlways)
		ahead := &aheadLists{}
		b.listConnections = ahead.fetch
		b.sawDestination(ctx, "g1")
		b.listed(ctx, listConnections, "g2", "x", (&fakeList{}).fetch)
		b.waitAhead()
		if got := ahead.fetched(); len(got) != 0 {
			t.Fatalf("bulk_reads = false fetched ahead: %v", got)
		}
	})
}

// TestBulkReadsAheadLogsOnItsOwnFields: the goroutine that fetches lists
// ahead logs beside the read that started it, which goes on logging too.
// terraform-plugin-log masks a log's fields in place in the logger's field
// map, so the two must not share one (the race detector saw them do so).
func TestBulkReadsAheadLogsOnItsOwnFields(t *testing.T) {
	ctx := tflogtest.RootLogger(context.Background(), io.Discard)
	ctx = tflog.SetField(ctx, "tf_rpc", "ReadResource")
	ctx = tflog.MaskAllFieldValuesStrings(ctx, "secret")
	b := newBulkReads(true, configRefreshAlways)
	ahead := make(chan struct{})
	b.listConnections = func(ctx context.Context, groupID string) (map[string]any, bool, error) {
		for range 200 {
			tflog.Debug(ctx, "ahead", map[string]any{"group_id": groupID, "token": "secret"})
		}
		close(ahead)
		return map[string]any{}, false, nil
	}
	b.sawDestination(ctx, "g1")
	b.sawDestination(ctx, "g2")
	b.listed(ctx, listConnections, "g2", "c", (&fakeList{}).fetch) // starts g1's list ahead
	for range 200 {
		tflog.Debug(ctx, "read", map[string]any{"connection_id": "c", "token": "secret"})
	}
	<-ahead
	b.waitAhead()
}

// TestBulkReadsFallBackToGet: every case in which a read must make its own
// GET says so: bulk reads off, an id the list does not hold, a list that
// failed (for every reader, fetched once), a waiter whose own time runs out.
func TestBulkReadsFallBackToGet(t *testing.T) {
	ctx := context.Background()
	t.Run("off", func(t *testing.T) {
		b := newBulkReads(false, configRefreshAlways)
		l := &fakeList{ids: []string{"a"}}
		for range 3 {
			if _, ok := b.listed(ctx, listGroups, "", "a", l.fetch); ok {
				t.Fatal("bulk_reads = false used a list")
			}
		}
		if n := l.calls.Load(); n != 0 {
			t.Fatalf("bulk_reads = false fetched %d lists", n)
		}
	})
	t.Run("missing", func(t *testing.T) {
		b := newBulkReads(true, configRefreshAlways)
		l := &fakeList{ids: []string{"a"}}
		b.listed(ctx, listGroups, "", "a", l.fetch)
		if _, ok := b.listed(ctx, listGroups, "", "gone", l.fetch); ok {
			t.Fatal("an id the list does not hold was found")
		}
		if item, ok := b.listed(ctx, listGroups, "", "a", l.fetch); !ok || item != "item a" {
			t.Fatalf("listed a = %v, %v", item, ok)
		}
	})
	t.Run("error", func(t *testing.T) {
		b := newBulkReads(true, configRefreshAlways)
		l := &fakeList{ids: []string{"a"}, err: errors.New("502")}
		for range 4 {
			if _, ok := b.listed(ctx, listGroups, "", "a", l.fetch); ok {
				t.Fatal("a failed list confirmed an object")
			}
		}
		if n := l.calls.Load(); n != 1 {
			t.Fatalf("a failed list was fetched %d times; want once (its reads GET)", n)
		}
	})
	t.Run("waiter's deadline", func(t *testing.T) {
		b := newBulkReads(true, configRefreshAlways)
		l := &fakeList{ids: []string{"a"}, release: make(chan struct{}), started: make(chan struct{})}
		b.listed(ctx, listGroups, "", "a", l.fetch)
		fetched := make(chan bool)
		go func() {
			_, ok := b.listed(ctx, listGroups, "", "a", l.fetch)
			fetched <- ok
		}()
		<-l.started
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, ok := b.listed(cancelled, listGroups, "", "a", l.fetch); ok {
			t.Fatal("a read whose context ended got an item before the list was fetched")
		}
		close(l.release)
		if !<-fetched {
			t.Fatal("the fetching read got no item")
		}
	})
}

// TestBulkReadsListsWithoutConfig: the first list whose items lack config
// tells the cache so. With config_refresh = "always" no further list of the
// kind is fetched (it could not confirm what a read needs) and candidate
// says GET; with "on_change" lists go on and candidate takes the prior
// config.
func TestBulkReadsListsWithoutConfig(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []string{configRefreshAlways, configRefreshOnChange} {
		t.Run(mode, func(t *testing.T) {
			b := newBulkReads(true, mode)
			var fetches int32
			for g := range 3 {
				l := &fakeList{ids: []string{"a", "b"}, withoutConfig: true}
				scope := fmt.Sprint("g", g)
				b.listed(ctx, listConnections, scope, "a", l.fetch)
				b.listed(ctx, listConnections, scope, "b", l.fetch)
				fetches += l.calls.Load()
			}
			want := int32(1)
			if mode == configRefreshOnChange {
				want = 3
			}
			if fetches != want {
				t.Fatalf("lists fetched: %d; want %d", fetches, want)
			}
			prior := map[string]any{"k": "v"}
			cfg, usable := b.candidate(false, true, func() (map[string]any, bool) { return prior, true })
			if mode == configRefreshAlways && usable {
				t.Fatal("an item without config was usable with config_refresh = \"always\"")
			}
			if mode == configRefreshOnChange && (!usable || cfg["k"] != "v") {
				t.Fatalf("on_change: candidate = %v, %v; want the prior config", cfg, usable)
			}
			if _, usable := b.candidate(false, false, nil); !usable {
				t.Fatal("an item without config was not usable for an object that manages none")
			}
			if cfg, usable := b.candidate(true, true, nil); !usable || cfg != nil {
				t.Fatalf("an item with config: candidate = %v, %v; want the item itself", cfg, usable)
			}
		})
	}
}

// connectionModelsEqual compares two models attribute by attribute, as the
// state they make would be compared.
func connectionModelsEqual(a, b connectionModel) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		x, okx := va.Field(i).Interface().(attr.Value)
		y, oky := vb.Field(i).Interface().(attr.Value)
		if !okx || !oky || !x.Equal(y) {
			return false
		}
	}
	return true
}

// TestBulkReadsProperty: for random interleavings of list lag and changes
// made outside Terraform (updates, deletes, creates through the API, whose
// lists show each object as it was the lag ago; config changes out of band,
// shown at once), a refresh with bulk reads stores exactly what a refresh by
// GET stores, with two exceptions, both of which leave the prior state as it
// was: a connection updated or deleted through the API less than the list
// lag before the refresh (its list still shows it as it was; DESIGN.md,
// "Bulk reads"), and, with config_refresh = "on_change" and lists without
// config, a change to config alone. So no false drift, no state removed for an object that exists, and
// every change the API shows is reported. Seeded and quick.
func TestBulkReadsProperty(t *testing.T) {
	const lag = 5 * time.Second
	cases := []struct {
		name          string
		withoutConfig bool
		mode          string
	}{
		{"lists with config", false, configRefreshAlways},
		{"lists without config", true, configRefreshAlways},
		{"lists without config, on_change", true, configRefreshOnChange},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fromLists := 0
			for seed := int64(1); seed <= 8; seed++ {
				fromLists += bulkReadsScenario(t, seed, lag, tc.withoutConfig, tc.mode)
			}
			if tc.mode == configRefreshAlways && tc.withoutConfig {
				if fromLists != 0 {
					t.Fatalf("%d reads confirmed by lists without config under config_refresh = \"always\"", fromLists)
				}
			} else if fromLists == 0 {
				t.Fatal("no read was confirmed by a list: the property was not exercised")
			}
		})
	}
}

// bulkReadsScenario runs one seeded scenario and returns how many reads a
// list confirmed.
func bulkReadsScenario(t *testing.T, seed int64, lag time.Duration, withoutConfig bool, mode string) int {
	t.Helper()
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	em := startEmulatorProfile(t, emulator.Options{Seed: seed, ListLag: lag, MaxPageSize: 3, Now: clock,
		ListsWithoutConfig: withoutConfig})
	c := testClient(t, em)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(seed), 0)) //nolint:gosec // a seeded test, not cryptography

	gid := jsonAs[string](t, em.CreateGroup("bulk")["id"])
	names := 0
	create := func() string {
		names++
		conn, err := c.CreateConnection(ctx, fivetran.ConnectionCreate{GroupID: gid, Service: "github",
			Config:        map[string]any{"schema": fmt.Sprintf("gh_%d", names), "sync_mode": "AllRepositories"},
			RunSetupTests: new(false)})
		if err != nil {
			t.Fatalf("seed %d: create: %s", seed, err)
		}
		return conn.ID
	}
	prior := map[string]connectionModel{}
	for range 7 {
		id := create()
		advance(lag) // listed by now
		got, err := c.GetConnection(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var diags diag.Diagnostics
		prior[id] = connectionImported(ctx, got, configproj.Options{}, timeouts.Value{}, &diags)
	}
	deletedAt := map[string]time.Time{}
	writtenAt := map[string]time.Time{} // the last update or delete through the API
	fromLists := 0
	for round := range 12 {
		final := round == 11
		if final {
			advance(lag) // past every lag: the refresh must now see everything
		} else {
			for range 1 + rng.IntN(3) {
				ids := slices.Sorted(maps.Keys(prior))
				id := ids[rng.IntN(len(ids))]
				switch op := rng.IntN(6); {
				case op == 0 && deletedAt[id].IsZero():
					if err := c.DeleteConnection(ctx, id); err != nil {
						t.Fatal(err)
					}
					deletedAt[id], writtenAt[id] = clock(), clock()
				case op == 1 && rng.IntN(2) == 0:
					create() // outside Terraform: in no state
				case op == 1:
					// By this configuration, just now: in state, not listed yet.
					got, err := c.GetConnection(ctx, create())
					if err != nil {
						t.Fatal(err)
					}
					var diags diag.Diagnostics
					prior[got.ID] = connectionImported(ctx, got, configproj.Options{}, timeouts.Value{}, &diags)
				case op == 2 && deletedAt[id].IsZero():
					if err := em.Patch("connection", id, map[string]any{"config": map[string]any{
						"sync_mode": []string{"AllRepositories", "SpecificRepositories"}[rng.IntN(2)]}}); err != nil {
						t.Fatal(err)
					}
				case deletedAt[id].IsZero():
					if _, err := c.UpdateConnection(ctx, id, fivetran.ConnectionUpdate{
						SyncFrequency: new([]int{60, 360, 1440}[rng.IntN(3)]), Paused: new(rng.IntN(2) == 0)}); err != nil {
						t.Fatal(err)
					}
					writtenAt[id] = clock()
				}
				advance(time.Duration(rng.Int64N(int64(lag))))
			}
		}

		// One refresh: a fresh provider process reads every connection in
		// state at once. The rounds take turns at how the process knows the
		// group: not at all (the state holds only connections), its
		// destination read before the connections (their first read lists),
		// or while they are (their list is fetched ahead of them).
		d := &providerData{client: c, bulk: newBulkReads(true, mode)}
		d.bulk.listConnections = groupConnections(c)
		groupRead := round % 3
		if groupRead == 1 {
			d.bulk.sawDestination(ctx, gid)
		}
		type result struct {
			got      *fivetran.Connection
			fromList bool
			err      error
		}
		results := map[string]*result{}
		var wg sync.WaitGroup
		for id, p := range prior {
			r := &result{}
			results[id] = r
			wg.Add(1)
			go func() {
				defer wg.Done()
				r.got, r.fromList, r.err = d.readConnection(ctx, p, func(x *fivetran.Connection) bool {
					var diags diag.Diagnostics
					return connectionModelsEqual(connectionRead(ctx, p, x, false, configproj.Options{}, &diags), p)
				})
			}()
		}
		if groupRead == 2 {
			d.bulk.sawDestination(ctx, gid)
		}
		wg.Wait()
		d.bulk.waitAhead()

		for _, id := range slices.Sorted(maps.Keys(results)) {
			r, p := results[id], prior[id]
			where := fmt.Sprintf("seed %d, round %d, connection %s", seed, round, id)
			truth, terr := c.GetConnection(ctx, id)
			truthGone := fivetran.IsNotFoundKind(terr, fivetran.KindConnection)
			if terr != nil && !truthGone {
				t.Fatal(terr)
			}
			if r.fromList {
				fromLists++
			}
			if fivetran.IsNotFoundKind(r.err, fivetran.KindConnection) {
				if !truthGone {
					t.Fatalf("%s: removed from state, but it exists", where)
				}
				delete(prior, id)
				continue
			}
			if r.err != nil {
				t.Fatalf("%s: %s", where, r.err)
			}
			var diags diag.Diagnostics
			stored := connectionRead(ctx, p, r.got, false, configproj.Options{}, &diags)
			// The window: a list shows each object as it was the lag ago, so
			// a write through the API less than the lag before the refresh
			// may be hidden, and then the state stays exactly as it was.
			inWindow := !writtenAt[id].IsZero() && clock().Sub(writtenAt[id]) < lag && connectionModelsEqual(stored, p)
			if truthGone {
				if !inWindow {
					t.Fatalf("%s: deleted %s before the refresh, which kept it (from a list: %v)", where, clock().Sub(deletedAt[id]), r.fromList)
				}
				continue
			}
			want := connectionRead(ctx, p, truth, false, configproj.Options{}, &diags)
			if !connectionModelsEqual(stored, want) {
				onlyConfig := want
				onlyConfig.Config = p.Config
				// config_refresh = "on_change" does not see a change to config
				// alone when lists lack it.
				configAlone := mode == configRefreshOnChange && withoutConfig && connectionModelsEqual(stored, p) &&
					connectionModelsEqual(onlyConfig, p)
				if !inWindow && !configAlone {
					t.Fatalf("%s: the refresh stored %+v; a GET says %+v (from a list: %v)", where, stored, want, r.fromList)
				}
				continue
			}
			prior[id] = stored
		}
	}
	return fromLists
}

// bulkGroupConfig is a group of n github connections beside a second,
// empty group: a refresh reads n connections of one group, two groups and
// one destination.
func bulkGroupConfig(em *emulator.Running, n int, settings string) string {
	return strings.Replace(providerConfig(em), "max_retries = 2", "max_retries = 2\n"+settings, 1) + baseConfig + fmt.Sprintf(`
resource "fivetran_group" "other" {
  name = "other"
}

resource "fivetran_connection" "gh" {
  count              = %d
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "gh_${count.index}" }
  config             = { sync_mode = "AllRepositories" }
  run_setup_tests    = false
}
`, n)
}

// TestAccBulkReads_groupOfTwenty: the refresh of 20 connections of a group
// whose destination is in the same state makes one list request instead of
// 20 GETs when lists carry config; without config in lists it makes the 20
// GETs besides that list (config_refresh = "always") or, with
// config_refresh = "on_change", the one list alone. In every case the plan
// after it is empty, a change made outside Terraform to a connection's
// schedule is planned and applied for that connection alone, and a change
// to the config of every connection is planned for all 20, except with
// config_refresh = "on_change" and lists without config (the documented
// trade): then for none. The second group, which has no destination, costs
// no connection list. Pages hold up to 1,000 items, as Fivetran's do.
func TestAccBulkReads_groupOfTwenty(t *testing.T) {
	accPreCheck(t)
	for _, tc := range []struct {
		name          string
		withoutConfig bool
		settings      string
		getsPerGroup  int // GETs of connections in a refresh of the group
		configSeen    bool
	}{
		{"lists with config", false, "", 0, true},
		{"lists without config", true, "", 20, true},
		{"lists without config, on_change", true, `  config_refresh = "on_change"`, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			em := startEmulatorWith(t, emulator.Options{Seed: 42, MaxPageSize: 1000, ListsWithoutConfig: tc.withoutConfig})
			cfg := bulkGroupConfig(em, 20, tc.settings)
			var drifted string // the connection changed outside Terraform
			var all []string   // every connection's id
			patches := func(want int) func(*terraform.State) error {
				return func(*terraform.State) error {
					var got []string
					for _, r := range em.Requests() {
						if r.Method == http.MethodPatch {
							got = append(got, r.Path)
						}
					}
					if len(got) != want || (want == 1 && !strings.HasSuffix(got[0], "/"+drifted)) {
						return fmt.Errorf("PATCH requests %v; want %d, of connection %s", got, want, drifted)
					}
					return nil
				}
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy:             checkAllDestroyed(t, em),
				Steps: []resource.TestStep{
					{
						Config: cfg,
						Check: func(s *terraform.State) error {
							drifted = s.RootModule().Resources["fivetran_connection.gh.7"].Primary.ID
							for i := range 20 {
								all = append(all, s.RootModule().Resources[fmt.Sprintf("fivetran_connection.gh.%d", i)].Primary.ID)
							}
							return nil
						},
					},
					{
						PreConfig:    func() { em.ResetRequests() },
						RefreshState: true,
						Check: func(*terraform.State) error {
							want := map[string]int{
								"GET /v1/groups/{id}": 1, "GET /v1/groups": 1, // two groups: the second read lists them
								"GET /v1/destinations/{id}": 1, // its config is not in lists
								"GET /v1/connections/{id}":  tc.getsPerGroup, "GET /v1/connections": 1,
							}
							return expectCounts(em, want)
						},
					},
					{Config: cfg, PlanOnly: true}, // exact: no false drift
					{
						// Schedule drift: planned and applied for that connection alone.
						PreConfig: func() {
							if err := em.Patch("connection", drifted, map[string]any{"paused": true}); err != nil {
								t.Fatal(err)
							}
							em.ResetRequests()
						},
						Config: cfg,
						Check:  patches(1),
					},
					{
						// Config drift alone, on every connection: planned
						// for all, or (config_refresh = "on_change" with lists
						// without config) for none. (The step's first plan
						// does not refresh.)
						PreConfig: func() {
							for _, id := range all {
								if err := em.Patch("connection", id, map[string]any{"config": map[string]any{"sync_mode": "SpecificRepositories"}}); err != nil {
									t.Fatal(err)
								}
							}
							em.ResetRequests()
						},
						Config:   cfg,
						PlanOnly: true,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{configDriftPlanned{all: tc.configSeen}},
						},
						ExpectNonEmptyPlan: tc.configSeen,
					},
				},
			})
		})
	}
}

// TestBulkReadsRequestCounts: the requests a refresh of n connections of one
// group makes, with Terraform's 10 reads at once, are those of the rule in
// DESIGN.md ("Bulk reads") for a group whose destination this process has
// not read: the group's first read by GET, then one list
// (pages of 1,000 items, as Fivetran's) for the rest; without config in the
// lists, one GET each besides that list.
func TestBulkReadsRequestCounts(t *testing.T) {
	for _, withoutConfig := range []bool{false, true} {
		for _, n := range []int{1, 2, 10, 100} {
			em := startEmulatorProfile(t, emulator.Options{Seed: 7, MaxPageSize: 1000, ListsWithoutConfig: withoutConfig})
			c := testClient(t, em)
			ctx := context.Background()
			gid := jsonAs[string](t, em.CreateGroup("counts")["id"])
			priors := make([]connectionModel, n)
			for i := range n {
				got, err := em.CreateConnection(map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false,
					"config": map[string]any{"schema": fmt.Sprintf("gh_%d", i), "sync_mode": "AllRepositories"}})
				if err != nil {
					t.Fatal(err)
				}
				conn, err := c.GetConnection(ctx, jsonAs[string](t, got["id"]))
				if err != nil {
					t.Fatal(err)
				}
				var diags diag.Diagnostics
				priors[i] = connectionImported(ctx, conn, configproj.Options{}, timeouts.Value{}, &diags)
			}
			em.ResetRequests()
			d := &providerData{client: c, bulk: newBulkReads(true, configRefreshAlways)}
			slots := make(chan struct{}, 10) // Terraform's -parallelism default
			var wg sync.WaitGroup
			for _, p := range priors {
				wg.Add(1)
				slots <- struct{}{}
				go func() {
					defer func() { <-slots; wg.Done() }()
					if _, _, err := d.readConnection(ctx, p, func(x *fivetran.Connection) bool {
						var diags diag.Diagnostics
						return connectionModelsEqual(connectionRead(ctx, p, x, false, configproj.Options{}, &diags), p)
					}); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			counts := em.Counts()
			gets, lists := counts["GET /v1/connections/{id}"], counts["GET /v1/connections"]
			wantGets, wantLists := min(n, 1), min(n-1, 1)
			if withoutConfig {
				wantGets = n
			}
			t.Logf("lists without config: %v, %3d connections: %3d GETs + %d list requests (one GET each: %d)", withoutConfig, n, gets, lists, n)
			if gets != wantGets || lists != wantLists || len(counts) != 1+min(n-1, 1) {
				t.Errorf("lists without config: %v, %d connections: requests %v; want %d GETs and %d lists", withoutConfig, n, counts, wantGets, wantLists)
			}
		}
	}
}

// TestProviderConfigure_bulkReads: bulk reads are on and config is checked
// by GET unless the provider block says otherwise.
func TestProviderConfigure_bulkReads(t *testing.T) {
	p := &fivetranProvider{version: "test"}
	for _, tc := range []struct {
		name               string
		bulk               types.Bool
		refresh            types.String
		wantOn, wantChange bool
	}{
		{"defaults", types.BoolNull(), types.StringNull(), true, false},
		{"off", types.BoolValue(false), types.StringNull(), false, false},
		{"on_change", types.BoolNull(), types.StringValue(configRefreshOnChange), true, true},
		{"always", types.BoolValue(true), types.StringValue(configRefreshAlways), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := providerModel{APIKey: types.StringValue("k"), APISecret: types.StringValue("s"), APIURL: types.StringNull(),
				RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null(), ValidateConfig: types.BoolNull(),
				BulkReads: tc.bulk, ConfigRefresh: tc.refresh}
			data, diags := p.configure(m, env(nil))
			if diags.HasError() {
				t.Fatal(diags)
			}
			if data.bulk.enabled != tc.wantOn || data.bulk.configOnChange != tc.wantChange {
				t.Fatalf("bulk_reads %v, on_change %v; want %v, %v", data.bulk.enabled, data.bulk.configOnChange, tc.wantOn, tc.wantChange)
			}
		})
	}
}

// configDriftPlanned checks a plan after the config of every connection
// changed outside Terraform: with all, each of them is planned for update;
// otherwise none is.
type configDriftPlanned struct {
	all bool
}

func (c configDriftPlanned) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var updated []string
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Type != "fivetran_connection" || !rc.Change.Actions.Update() {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		id, _ := before["id"].(string)
		updated = append(updated, id)
	}
	if c.all {
		if len(updated) != 20 {
			resp.Error = fmt.Errorf("%d connections planned for update; want all 20", len(updated))
		}
		return
	}
	if len(updated) != 0 {
		resp.Error = fmt.Errorf("%d connections planned for update (%v); want none: no connection was read by its own GET, "+
			"and a list without config cannot show it", len(updated), updated)
	}
}

// TestAccBulkReads_syncsOutsideTerraform: syncs that Fivetran runs on its
// own (here started through the API while a refresh comes, then ended) move
// nothing the resource keeps, so a refresh of the group after them still
// confirms every connection from the group's list: one list, fetched by the
// group's first connection read (its destination is in the same state), as
// with no sync at all. An attribute of the resource that moved
// with every sync would send each synced connection to its own GET, and on
// an account where syncs run all the time bulk reads would save nothing.
// The emulator's clock is moved, never waited for: past the list lag (the
// list shows the running syncs), then past the syncs' end.
func TestAccBulkReads_syncsOutsideTerraform(t *testing.T) {
	accPreCheck(t)
	var mu sync.Mutex
	var offset time.Duration
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return time.Now().Add(offset) }
	advance := func(d time.Duration) { mu.Lock(); offset += d; mu.Unlock() }
	em := startEmulatorWith(t, emulator.Options{Seed: 42, MaxPageSize: 1000, Now: clock})
	const n, synced = 10, 4
	cfg := bulkGroupConfig(em, n, "")
	var ids []string
	connectionReads := func(*terraform.State) error {
		counts := em.Counts()
		if gets, lists := counts["GET /v1/connections/{id}"], counts["GET /v1/connections"]; gets != 0 || lists != 1 {
			return fmt.Errorf("a refresh of %d connections, %d of them synced since the last one, made %d connection GETs and %d lists; "+
				"want no GET and 1 list, as with no sync", n, synced, gets, lists)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					for i := range n {
						ids = append(ids, s.RootModule().Resources[fmt.Sprintf("fivetran_connection.gh.%d", i)].Primary.ID)
					}
					return nil
				},
			},
			{
				// Syncs running at the refresh, and shown by the list.
				PreConfig: func() {
					em.SetSyncDuration(time.Hour)
					c := testClient(t, em)
					for _, id := range ids[n-synced:] {
						if err := c.SyncConnection(context.Background(), id, false); err != nil {
							t.Fatal(err)
						}
					}
					advance(time.Minute)
					em.ResetRequests()
				},
				RefreshState: true,
				Check:        connectionReads,
			},
			{
				// The same syncs ended.
				PreConfig: func() {
					advance(2 * time.Hour)
					em.ResetRequests()
				},
				RefreshState: true,
				Check:        connectionReads,
			},
			{Config: cfg, PlanOnly: true},
		},
	})
}

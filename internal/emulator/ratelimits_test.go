package emulator

import (
	"strconv"
	"sync"
	"testing"
	"time"
)

func header(t *testing.T, r *emuResp, name string) int {
	t.Helper()
	n, err := strconv.Atoi(r.Header.Get(name))
	if err != nil {
		t.Fatalf("%s %q is not an integer", name, r.Header.Get(name))
	}
	return n
}

// TestCreateLimit: creates of groups, destinations and connections count
// together against CreatesPerMinute in CreateWindow; a create over it is
// answered 429 TooManyRequests with Retry-After the whole seconds until a
// slot frees (at least 1) and creates nothing; a refused create does not
// count; other requests are not limited.
func TestCreateLimit(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	emu, c := emuStart(t, func(o *Options) { o.CreatesPerMinute, o.CreateWindow, o.Now = 3, 6*time.Second, clock.Now })

	gid := jsonAs[string](t, c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "").data()["id"]) // t0
	clock.advance(time.Second)
	c.expect(c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0"}), 201, "") // t0+1s
	clock.advance(time.Second)
	c.expect(c.conn(gid, "first", nil), 201, "") // t0+2s

	r := c.expect(c.conn(gid, "second", nil), 429, "TooManyRequests")
	if got := header(t, r, "Retry-After"); got != 4 {
		t.Errorf("Retry-After %d, want 4 (the create at t0 leaves the 6s window at t0+6s)", got)
	}
	c.expect(c.do("POST", "/groups", map[string]any{"name": "h"}), 429, "TooManyRequests")
	for range 5 {
		c.expect(c.do("GET", "/groups/"+gid, nil), 200, "") // reads are not creates
	}
	c.expect(c.do("PATCH", "/groups/"+gid, map[string]any{"name": "g2"}), 200, "")
	if n := len(emu.Connections()); n != 1 {
		t.Fatalf("%d connections after a refused create, want 1", n)
	}
	if n := len(emu.Groups()); n != 1 {
		t.Fatalf("%d groups after a refused create, want 1", n)
	}
	clock.advance(3500 * time.Millisecond) // t0+5.5s
	if got := header(t, c.expect(c.conn(gid, "second", nil), 429, ""), "Retry-After"); got != 1 {
		t.Errorf("Retry-After %d half a second before a slot frees, want 1", got)
	}

	clock.advance(500 * time.Millisecond) // t0+6s: the group's create has left the window
	c.expect(c.conn(gid, "second", nil), 201, "")
	// The refused creates did not count: the window holds t0+1s, t0+2s, t0+6s.
	if got := header(t, c.expect(c.conn(gid, "third", nil), 429, ""), "Retry-After"); got != 1 {
		t.Errorf("Retry-After %d, want 1 (the create at t0+1s leaves at t0+7s)", got)
	}

	refused := emu.StatusCounts(429)
	if refused["POST /v1/connections"] != 3 || refused["POST /v1/groups"] != 1 || len(refused) != 2 {
		t.Errorf("429s by route: %v", refused)
	}
	for _, rec := range emu.Requests() {
		if (rec.Status == 429) != (rec.Limit == LimitCreates) || (rec.Status == 429) != (rec.Fault == "rate-limit") {
			t.Errorf("request log: %+v", rec)
		}
	}

	emu.SetCreateLimit(0, 0)
	c.expect(c.conn(gid, "third", nil), 201, "")
	emu.SetCreateLimit(1, time.Minute)
	c.expect(c.conn(gid, "fourth", nil), 201, "")
	c.expect(c.conn(gid, "fifth", nil), 429, "TooManyRequests")
	emu.Reset() // back to the Options' limit, nothing counted
	c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "")
	c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "")
	c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "")
	c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 429, "")
}

// TestCreateLimitConcurrent: concurrent creates never get past the limit,
// and every refused one creates nothing.
func TestCreateLimitConcurrent(t *testing.T) {
	emu, c := emuStart(t, func(o *Options) { o.CreatesPerMinute = 10 })
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := range 40 {
		wg.Go(func() {
			r := c.do("POST", "/groups", map[string]any{"name": "g" + strconv.Itoa(i)})
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if statuses[201] != 10 || statuses[429] != 30 || len(emu.Groups()) != 10 {
		t.Fatalf("statuses %v, %d groups; want 10 created and 30 refused", statuses, len(emu.Groups()))
	}
}

// TestRequestBudget: every answer carries X-Rate-Limit (the budget) and
// X-Rate-Limit-Remaining (what is left after this request); over the budget
// every request, whatever its route, is answered 429 with Retry-After the
// seconds until the oldest request leaves the window, reaches no handler,
// and does not count.
func TestRequestBudget(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	emu, c := emuStart(t, func(o *Options) { o.RequestsPerHour, o.RequestWindow, o.Now = 5, 10*time.Second, clock.Now })

	gid := ""
	calls := []func() *emuResp{
		func() *emuResp { return c.expect(c.do("POST", "/groups", map[string]any{"name": "g"}), 201, "") },
		func() *emuResp { return c.expect(c.do("GET", "/groups/"+gid, nil), 200, "") },
		func() *emuResp { return c.expect(c.do("GET", "/no/such/route", nil), 404, "") },
		func() *emuResp { return c.expect(c.do("GET", "/groups", nil, "Authorization", ""), 401, "") },
		func() *emuResp { return c.expect(c.do("GET", "/connections", nil), 200, "") },
	}
	for i, call := range calls {
		r := call()
		if i == 0 {
			gid = jsonAs[string](t, r.data()["id"])
		}
		if got, left := header(t, r, "X-Rate-Limit"), header(t, r, "X-Rate-Limit-Remaining"); got != 5 || left != 4-i {
			t.Errorf("request %d: X-Rate-Limit %d, X-Rate-Limit-Remaining %d; want 5 and %d", i+1, got, left, 4-i)
		}
		clock.advance(time.Second)
	} // five requests at t0 … t0+4s; now t0+5s

	r := c.expect(c.do("GET", "/groups/"+gid, nil), 429, "TooManyRequests")
	if ra, left := header(t, r, "Retry-After"), header(t, r, "X-Rate-Limit-Remaining"); ra != 5 || left != 0 {
		t.Errorf("over the budget: Retry-After %d (want 5), X-Rate-Limit-Remaining %d (want 0)", ra, left)
	}
	c.expect(c.do("POST", "/groups", map[string]any{"name": "refused"}), 429, "TooManyRequests")
	if n := len(emu.Groups()); n != 1 {
		t.Fatalf("%d groups: a refused create created one", n)
	}

	clock.advance(5 * time.Second) // t0+10s: the first request has left the window
	r = c.expect(c.do("GET", "/groups/"+gid, nil), 200, "")
	if left := header(t, r, "X-Rate-Limit-Remaining"); left != 0 {
		t.Errorf("X-Rate-Limit-Remaining %d, want 0 (the refused requests did not count)", left)
	}
	if ra := header(t, c.expect(c.do("GET", "/groups", nil), 429, ""), "Retry-After"); ra != 1 {
		t.Errorf("Retry-After %d, want 1", ra)
	}
	for _, rec := range emu.Requests() {
		if rec.Status == 429 && rec.Limit != LimitRequests {
			t.Errorf("a 429 of the budget logged as %+v", rec)
		}
	}

	// SetRateLimit without a route is the same budget; n <= 0 lifts it.
	emu.SetRateLimit("", 100, time.Minute)
	r = c.expect(c.do("GET", "/groups", nil), 200, "")
	if got, left := header(t, r, "X-Rate-Limit"), header(t, r, "X-Rate-Limit-Remaining"); got != 100 || left != 100-6 {
		t.Errorf("after SetRateLimit: X-Rate-Limit %d, remaining %d; want 100 and 94 (the requests already made count)", got, left)
	}
	emu.SetRequestBudget(0, 0)
	if got := header(t, c.expect(c.do("GET", "/groups", nil), 200, ""), "X-Rate-Limit"); got != 20000 {
		t.Errorf("without a budget X-Rate-Limit %d, want 20000", got)
	}
}

// TestNoBudgetHeaders: without a budget the headers show a paid account's
// 20,000 an hour, counting every request, and nothing is refused.
func TestNoBudgetHeaders(t *testing.T) {
	_, c := emuStart(t, nil)
	for i := range 3 {
		r := c.expect(c.do("GET", "/groups", nil), 200, "")
		if got, left := header(t, r, "X-Rate-Limit"), header(t, r, "X-Rate-Limit-Remaining"); got != 20000 || left != 19999-i {
			t.Fatalf("X-Rate-Limit %d, remaining %d", got, left)
		}
	}
}

func TestNegativeLimitsRefused(t *testing.T) {
	for _, o := range []Options{{CreatesPerMinute: -1}, {RequestsPerHour: -1}, {CreateWindow: -time.Second}, {RequestWindow: -time.Second}} {
		o.APIKey, o.APISecret = "k", "s"
		if _, err := New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

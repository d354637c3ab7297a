package fivetran

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The pacing tests run on virtual time: the client's clock and sleeps are the
// test's, and a sleep returns as soon as every worker is asleep and the clock
// has been moved to the earliest wake-up. Nothing here waits for real time;
// durations asserted are the virtual ones the pacer chose.

// virtualTime is a clock for workers goroutines that moves only when all of
// them are asleep (or done), straight to the earliest wake-up.
type virtualTime struct {
	mu       sync.Mutex
	now      time.Time
	running  int
	sleepers []*sleeper
	slept    time.Duration // sum of every sleep asked for
}

type sleeper struct {
	wake time.Time
	ch   chan struct{}
}

func newVirtualTime(workers int) *virtualTime {
	return &virtualTime{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), running: workers}
}

func (v *virtualTime) Now() time.Time {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.now
}

func (v *virtualTime) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v.mu.Lock()
	s := &sleeper{wake: v.now.Add(d), ch: make(chan struct{})}
	v.slept += d
	v.sleepers = append(v.sleepers, s)
	v.running--
	v.advance()
	v.mu.Unlock()
	<-s.ch
	return ctx.Err()
}

// done marks one worker finished.
func (v *virtualTime) done() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.running--
	v.advance()
}

// advance moves the clock to the earliest wake-up once no worker runs, and
// wakes every sleeper due. Called with mu held.
func (v *virtualTime) advance() {
	if v.running > 0 || len(v.sleepers) == 0 {
		return
	}
	first := v.sleepers[0].wake
	for _, s := range v.sleepers {
		if s.wake.Before(first) {
			first = s.wake
		}
	}
	if first.After(v.now) {
		v.now = first
	}
	left := v.sleepers[:0]
	for _, s := range v.sleepers {
		if s.wake.After(v.now) {
			left = append(left, s)
			continue
		}
		v.running++
		close(s.ch)
	}
	v.sleepers = left
}

// onVirtualTime puts c's pacer on v.
func onVirtualTime(c *Client, v *virtualTime) {
	c.pace.now, c.pace.sleep = v.Now, v.Sleep
}

// sendTimes serves groups and records when (on v) each request arrived.
type sendTimes struct {
	mu    sync.Mutex
	times []time.Time
}

func (s *sendTimes) add(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.times = append(s.times, t)
}

func TestPaceCapSpreadsRequestsOverTheHour(t *testing.T) {
	const perHour, n = 100, 250
	v := newVirtualTime(1)
	var sent sendTimes
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		sent.add(v.Now())
		writeOK(w, groupData)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestsPerHour = perHour })
	onVirtualTime(c, v)
	for i := range n {
		if _, err := c.GetGroup(t.Context(), "g1"); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	// The cap: no perHour+1 requests within one hour.
	for i := perHour; i < n; i++ {
		if gap := sent.times[i].Sub(sent.times[i-perHour]); gap < time.Hour {
			t.Fatalf("requests %d to %d went within %v: more than %d in an hour", i-perHour, i, gap, perHour)
		}
	}
	// The burst: a tenth at once, then the steady rate of the rest.
	burst := perHour / 10
	if d := sent.times[burst-1].Sub(sent.times[0]); d != 0 {
		t.Errorf("the first %d requests took %v, want no wait", burst, d)
	}
	steady := time.Hour / time.Duration(perHour-burst)
	want := time.Duration(n-burst) * steady
	if got := sent.times[n-1].Sub(sent.times[0]); got < want-time.Second || got > want+time.Second {
		t.Errorf("%d requests took %v, want about %v", n, got, want)
	}
	u := c.Usage()
	if u.Total() != n || u.Requests["GET /groups/{id}"] != n {
		t.Errorf("usage %v, want %d GET /groups/{id}", u.Requests, n)
	}
	if u.Waited < want-time.Second {
		t.Errorf("usage says %v waited, want about %v", u.Waited, want)
	}
}

func TestPaceSlowsToTheRefillRateWhenTheServerSaysLow(t *testing.T) {
	const limit = 600 // per hour: the window refills one request every 6 s
	v := newVirtualTime(1)
	var sent sendTimes
	remaining := 200
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		sent.add(v.Now())
		remaining--
		w.Header().Set("X-Rate-Limit", strconv.Itoa(limit))
		w.Header().Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
		writeOK(w, groupData)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL)
	onVirtualTime(c, v)
	for i := range 180 {
		if _, err := c.GetGroup(t.Context(), "g1"); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	// Remaining went 199 … 20: more than a tenth of 600 left until the
	// 141st answer (59 left); from then on one request per 6 s.
	refill := time.Hour / limit
	for i := 1; i < len(sent.times); i++ {
		gap := sent.times[i].Sub(sent.times[i-1])
		switch {
		case i <= 140 && gap != 0:
			t.Fatalf("request %d waited %v with %d of %d left", i, gap, 200-i, limit)
		case i > 141 && gap < refill:
			t.Fatalf("request %d went %v after the previous one with the budget low, want >= %v", i, gap, refill)
		}
	}

	// When the budget is back, requests go at once.
	remaining = 500
	if _, err := c.GetGroup(t.Context(), "g1"); err != nil {
		t.Fatal(err)
	}
	last := sent.times[len(sent.times)-1]
	for range 3 {
		if _, err := c.GetGroup(t.Context(), "g1"); err != nil {
			t.Fatal(err)
		}
	}
	if d := sent.times[len(sent.times)-1].Sub(last); d != 0 {
		t.Errorf("with the budget back, 3 requests took %v", d)
	}
}

func TestPaceHonoursRetryAfter(t *testing.T) {
	v := newVirtualTime(1)
	var sent sendTimes
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		sent.add(v.Now())
		n++
		if n == 1 {
			w.Header().Set("Retry-After", "7")
			writeEnv(w, http.StatusTooManyRequests, "TooManyRequests", "slow down", nil)
			return
		}
		writeOK(w, groupData)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RetryWaitMax = 30 * time.Second })
	onVirtualTime(c, v)
	if _, err := c.GetGroup(t.Context(), "g1"); err != nil {
		t.Fatal(err)
	}
	if gap := sent.times[1].Sub(sent.times[0]); gap != 7*time.Second {
		t.Errorf("retried %v after the 429, want Retry-After's 7s", gap)
	}
	u := c.Usage()
	if u.Waited != 7*time.Second || u.RateLimited["GET /groups/{id}"] != 1 || u.Total() != 2 {
		t.Errorf("usage = %+v, want 2 requests, one 429 and 7s waited", u)
	}
}

// A 429 that spends the account's budget (its answer says nothing is left,
// or a read's says nothing at all) holds every request for its Retry-After,
// not only the refused one. A create's 429 with budget left is the create
// limit: it holds creates only; a read's with budget left holds no other.
func TestPace429Gates(t *testing.T) {
	const ra = 12 * time.Second
	refusal := func(remaining string) http.Header {
		h := http.Header{}
		if remaining != "" {
			h.Set("X-Rate-Limit", "20000")
			h.Set("X-Rate-Limit-Remaining", remaining)
		}
		return h
	}
	for _, tc := range []struct {
		name                 string
		create               bool
		remaining            string
		holdsGet, holdsPosts bool
		pacesCreates         bool // the create lane learns from it
	}{
		{name: "a read, no headers", remaining: "", holdsGet: true, holdsPosts: true},
		{name: "a read, budget spent", remaining: "0", holdsGet: true, holdsPosts: true},
		// Budget left: a narrower limit refused it (a fault, an endpoint's
		// own budget); the other requests go on.
		{name: "a read, budget left", remaining: "900"},
		{name: "a create, budget spent", create: true, remaining: "0", holdsGet: true, holdsPosts: true},
		{name: "a create, budget left", create: true, remaining: "900", holdsPosts: true, pacesCreates: true},
		{name: "a create, no headers", create: true, remaining: "", holdsPosts: true, pacesCreates: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Each check starts from the refusal, on a pacer of its own.
			afterRefusal := func() *pacer {
				v := newVirtualTime(1)
				p := newPacer(0, time.Hour, time.Minute, 30*time.Second)
				p.now, p.sleep = v.Now, v.Sleep
				tk, _, err := p.wait(t.Context(), "R", tc.create)
				if err != nil {
					t.Fatal(err)
				}
				p.observe(tk, http.StatusTooManyRequests, refusal(tc.remaining), ra)
				return p
			}
			want := map[bool]time.Duration{true: ra, false: 0}
			if _, held, _ := afterRefusal().wait(t.Context(), "GET /connections/{id}", false); held != want[tc.holdsGet] {
				t.Errorf("a read was held %v, want %v", held, want[tc.holdsGet])
			}
			if _, held, _ := afterRefusal().wait(t.Context(), "POST /connections", true); held != want[tc.holdsPosts] {
				t.Errorf("a create was held %v, want %v", held, want[tc.holdsPosts])
			}
			if p := afterRefusal(); p.creates.active != tc.pacesCreates {
				t.Errorf("creates paced: %v, want %v", p.creates.active, tc.pacesCreates)
			}
		})
	}
}

func TestPaceWaitHonoursTheContext(t *testing.T) {
	s, srv := serve(t, okData(groupData))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestsPerHour = 1 })
	if _, err := c.GetGroup(t.Context(), "g1"); err != nil {
		t.Fatal(err)
	}
	// The next request may go only in an hour; the caller gives it 50ms.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := c.GetGroup(ctx, "g1")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
	if s.count() != 1 {
		t.Errorf("%d requests reached the server, want 1", s.count())
	}
	// A create held for the budget was never sent: no "outcome unknown".
	ctx, cancel = context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = c.CreateGroup(ctx, "g")
	var unknown *OutcomeUnknownError
	if err == nil || errors.As(err, &unknown) {
		t.Errorf("create held for the budget: err = %v, want a plain failure", err)
	}
}

// createLimited is a server that accepts at most limit group creates in any
// window (on v), answering 429 with Retry-After beyond, and records names.
type createLimited struct {
	v      *virtualTime
	limit  int
	window time.Duration
	// slow: how long (on v) an accepted create takes to answer, as setup
	// tests make it; a refusal answers at once.
	slow time.Duration
	// others: how many of the window's slots another tool of the account
	// takes at a time (nil: none).
	others func(now time.Time) int

	mu       sync.Mutex
	hits     []time.Time
	names    map[string]int
	refusals int
}

func (s *createLimited) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var in groupName
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || r.Method != http.MethodPost {
		writeEnv(w, http.StatusBadRequest, "BadRequest", "bad", nil)
		return
	}
	now := s.v.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	cut := now.Add(-s.window)
	i := 0
	for i < len(s.hits) && !s.hits[i].After(cut) {
		i++
	}
	s.hits = s.hits[i:]
	w.Header().Set("X-Rate-Limit", "20000")
	w.Header().Set("X-Rate-Limit-Remaining", "15000")
	taken := 0
	if s.others != nil {
		taken = s.others(now)
	}
	if len(s.hits)+taken >= s.limit {
		s.refusals++
		wait := s.window
		if len(s.hits) > 0 {
			wait = s.hits[0].Add(s.window).Sub(now)
		}
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
		writeEnv(w, http.StatusTooManyRequests, "TooManyRequests", "too many creates", nil)
		return
	}
	s.hits = append(s.hits, now)
	s.names[in.Name]++
	id := fmt.Sprintf("g%d", len(s.names))
	if s.slow > 0 {
		s.mu.Unlock()
		_ = s.v.Sleep(r.Context(), s.slow) // the worker waiting for this answer sleeps with it
		s.mu.Lock()
	}
	writeOK(w, map[string]any{"id": id, "name": in.Name})
}

// A burst of 1,000 creates from 10 workers against a server that accepts 20
// per minute: every create succeeds once, and after the first wave of 429s
// the creates are paced so that (almost) none meets another.
func TestPaceCreatesUnderAPerMinuteLimit(t *testing.T) {
	testPaceCreates(t, 10, 100, 0, nil)
}

// Another tool of the account creates 15 a minute for three minutes, early in
// an apply of 600: the apply's creates meet 429 and their rate is cut. Once
// the other tool stops, the rate grows back to what the server accepts, so
// the apply is not left at a fraction of it for the rest of its hour.
func TestPaceCreatesRegrowAfterAnotherToolStops(t *testing.T) {
	var start time.Time
	others := func(now time.Time) int {
		if el := now.Sub(start); el >= 2*time.Minute && el < 5*time.Minute {
			return 15
		}
		return 0
	}
	el := testPaceCreates(t, 10, 60, 0, func(v *virtualTime) func(time.Time) int {
		start = v.Now()
		return others
	})
	// 600 at 18 a minute (nine tenths of 20) is 33 minutes, and three at 5 a
	// minute; at the cut rate (9 a minute or less) it would take over an hour.
	if el > 45*time.Minute {
		t.Errorf("600 creates took %v: the rate cut while another tool created did not grow back after it stopped", el)
	}
}

// The same with creates whose answers take 15 s (setup tests) and more
// workers than the limit: when the first 429s come back, the creates the
// server accepted have not answered yet. The rate counts them as they
// answer; learned from the answers alone it would be one a minute.
func TestPaceCreatesCountsSlowAnswers(t *testing.T) {
	el := testPaceCreates(t, 25, 40, 15*time.Second, nil)
	if el > 60*time.Minute {
		t.Errorf("1,000 creates at 20 a minute took %v: the rate learned is far below what the server accepts", el)
	}
}

// testPaceCreates runs workers*perWorker creates against a server that
// accepts 20 a minute and returns how long they took (virtual time). others,
// when not nil, gives the slots another tool takes (createLimited.others),
// from the virtual clock the run starts on.
func testPaceCreates(t *testing.T, workers, perWorker int, slow time.Duration, others func(*virtualTime) func(time.Time) int) time.Duration {
	t.Helper()
	v := newVirtualTime(workers)
	srv := &createLimited{v: v, limit: 20, window: time.Minute, names: map[string]int{}, slow: slow}
	if others != nil {
		srv.others = others(v)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newTestClient(t, ts.URL, func(cfg *Config) {
		cfg.MaxRetries = DefaultMaxRetries
		cfg.RetryWaitMin, cfg.RetryWaitMax = DefaultRetryWaitMin, DefaultRetryWaitMax
	})
	onVirtualTime(c, v)
	start := v.Now()

	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	var longestMu sync.Mutex
	var longest time.Duration // the longest a single create took
	for w := range workers {
		wg.Go(func() {
			defer v.done()
			for i := range perWorker {
				t0 := v.Now()
				if _, err := c.CreateGroup(t.Context(), fmt.Sprintf("w%d_%d", w, i)); err != nil {
					errs <- err
				}
				longestMu.Lock()
				longest = max(longest, v.Now().Sub(t0))
				longestMu.Unlock()
			}
		})
	}
	wg.Wait()
	// Creates wait in the order they came: none waits much longer than the
	// first 429's Retry-After and a turn behind every other worker. (With
	// another tool taking slots, the turns are longer.)
	t.Logf("the longest create took %v", longest)
	if others == nil && longest > 4*time.Minute {
		t.Errorf("one create took %v: creates are not served in turn", longest)
	}
	close(errs)
	for err := range errs {
		t.Errorf("create failed: %v", err)
	}
	if len(srv.names) != workers*perWorker {
		t.Errorf("%d groups created, want %d", len(srv.names), workers*perWorker)
	}
	for name, n := range srv.names {
		if n != 1 {
			t.Errorf("%s created %d times", name, n)
		}
	}
	// The first wave meets 429 (every worker's create in flight); once the
	// rate is learned, no more than a few. Another tool's creates cost
	// another wave when they start.
	allowed := 2 * workers
	if others != nil {
		allowed = 3 * workers
	}
	if srv.refusals > allowed {
		t.Errorf("%d creates met 429, want at most %d", srv.refusals, allowed)
	}
	t.Logf("%d creates met 429", srv.refusals)
	u := c.Usage()
	if u.RateLimited["POST /groups"] != srv.refusals || u.Total() != workers*perWorker+srv.refusals {
		t.Errorf("usage %+v does not match the server's %d creates and %d refusals", u, len(srv.names), srv.refusals)
	}
	// n creates at 20 per minute take at least n/20 - 1 minutes (the first
	// 20 go at once).
	el := v.Now().Sub(start)
	if el < time.Duration(workers*perWorker/20-1)*time.Minute {
		t.Errorf("finished in %v: faster than the server allows", el)
	}
	return el
}

func TestRouteReplacesIDs(t *testing.T) {
	for path, want := range map[string]string{
		"/connections/decent_dropsy":                               "GET /connections/{id}",
		"/groups/g1/connections":                                   "GET /groups/{id}/connections",
		"/connections/c1/schemas/public/tables/users/columns":      "GET /connections/{id}/schemas/{id}/tables/{id}/columns",
		"/connections/c1/schemas/reload":                           "GET /connections/{id}/schemas/reload",
		"/metadata/connector-types/google_sheets":                  "GET /metadata/connector-types/{id}",
		"/connections":                                             "GET /connections",
		"/connections/c1/schemas/tables/resync":                    "GET /connections/{id}/schemas/tables/resync",
		"/destinations/" + "d%2F1" + "/test":                       "GET /destinations/{id}/test",
		"/connections/c1/schemas/s%20x/tables/t/columns/c/unknown": "GET /connections/{id}/schemas/{id}/tables/{id}/columns/{id}/{id}",
	} {
		if got := route(http.MethodGet, path); got != want {
			t.Errorf("route(%q) = %q, want %q", path, got, want)
		}
	}
}

// Usage is read and written by concurrent requests.
func TestUsageCountsConcurrentRequests(t *testing.T) {
	s, srv := serve(t, okData(groupData))
	c := newTestClient(t, srv.URL)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				if _, err := c.GetGroup(t.Context(), "g1"); err != nil {
					t.Error(err)
				}
				_ = c.Usage()
			}
		})
	}
	wg.Wait()
	if u := c.Usage(); u.Total() != s.count() || u.Requests["GET /groups/{id}"] != 40 {
		t.Errorf("usage %v, server saw %d", u.Requests, s.count())
	}
}

// A create refused early in a run, before a window's worth was sent, says
// little about the limit: creates then go at least one per Retry-After, not
// one per window.
func TestPaceCreateRateFloor(t *testing.T) {
	v := newVirtualTime(1)
	p := newPacer(0, time.Hour, time.Minute, 30*time.Second)
	p.now, p.sleep = v.Now, v.Sleep
	h := http.Header{"X-Rate-Limit": {"20000"}, "X-Rate-Limit-Remaining": {"19000"}}
	tk, _, err := p.wait(t.Context(), "POST /connections", true)
	if err != nil {
		t.Fatal(err)
	}
	p.observe(tk, http.StatusTooManyRequests, h, 2*time.Second)
	start := v.Now()
	for range 6 {
		tk, _, err := p.wait(t.Context(), "POST /connections", true)
		if err != nil {
			t.Fatal(err)
		}
		p.observe(tk, http.StatusCreated, h, 0)
	}
	// The gate (2 s), then one every 2 s at most.
	if el := v.Now().Sub(start); el > 2*time.Second+5*2*time.Second {
		t.Errorf("6 creates took %v after a 429 with Retry-After 2s: paced by the window, not the Retry-After", el)
	}
}

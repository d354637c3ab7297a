package fivetran

import (
	"context"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The pacer holds requests back so that a large plan or apply slows down
// instead of meeting 429 (API.md, "Rate limits"). Three rules, each a token
// bucket of golang.org/x/time/rate, and a request waits for all that apply:
//
//   - the user's cap (Config.RequestsPerHour, N): a burst of N/10, then
//     N*9/10 over the rest of the hour. A burst followed by that steady rate
//     never sends more than N in any hour, and a short run (a small plan)
//     does not wait at all;
//   - the server's word: every answer says how much of the account's hourly
//     budget is left (X-Rate-Limit, X-Rate-Limit-Remaining). When less than a
//     tenth is left, requests go at the rate at which the window refills
//     (the budget per hour), so that the run slows down instead of spending
//     the rest and meeting 429; when more is left again, they go at once;
//   - creates: Fivetran limits object creation per minute on top of the
//     hourly budget. Creates go at once until one meets 429; from then on
//     creates of that route go one at a time, at the rate the server
//     accepted them in the minute before the 429, after its Retry-After.
//     A 429 proves that nothing was created, so the refused create is sent
//     again (Client.do); if a create paced this way still meets 429, the
//     rate halves.
//
// A 429 on any other request means the account's budget is spent: every
// request waits for its Retry-After (capped like the retry's own wait).

// Defaults of Config's pacing fields.
const (
	// DefaultBudgetWindow is the span over which Fivetran counts its request
	// budget (X-Rate-Limit) and over which RequestsPerHour is counted.
	DefaultBudgetWindow = time.Hour
	// DefaultCreateWindow is the span of Fivetran's limit on creates.
	DefaultCreateWindow = time.Minute
)

// lowShare: the server's budget is low when less than 1/lowShare of it is
// left; the user's cap allows a burst of 1/lowShare of it.
const lowShare = 10

// pacer is the client's rate keeper; it is safe for concurrent use.
type pacer struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	budgetWindow, createWindow time.Duration
	gateMax                    time.Duration // cap of the wait after a 429 that is not a create's

	own    *rate.Limiter // the user's cap; nil: none
	server *rate.Limiter // rate.Inf until the server's budget runs low

	mu      sync.Mutex
	low     bool      // the server's budget is low
	gate    time.Time // no request before this: a 429's Retry-After
	creates map[string]*createLane

	requests, limited map[string]int
	holding           int       // requests being held back now
	holdSince         time.Time // when holding became non-zero
	waited            time.Duration
}

// createLane paces the creates of one route.
type createLane struct {
	lim      *rate.Limiter // rate.Inf until a create of the route meets 429
	active   bool
	epoch    int         // bumped whenever the rate is set
	gate     time.Time   // no create before this: the last 429's Retry-After
	accepted []time.Time // answers other than 429 within the create window
}

// ticket is what a request learned when it was let through.
type ticket struct {
	route  string
	create bool
	paced  bool // a create let through by an active lane
	epoch  int
}

func newPacer(perHour int, budgetWindow, createWindow, gateMax time.Duration) *pacer {
	p := &pacer{
		now:          time.Now,
		sleep:        sleepCtx,
		budgetWindow: budgetWindow,
		createWindow: createWindow,
		gateMax:      gateMax,
		server:       rate.NewLimiter(rate.Inf, 1),
		creates:      map[string]*createLane{},
		requests:     map[string]int{},
		limited:      map[string]int{},
	}
	if perHour > 0 {
		burst := max(1, perHour/lowShare)
		p.own = rate.NewLimiter(perWindow(max(1, perHour-burst), budgetWindow), burst)
	}
	return p
}

// perWindow is the rate of n events per window.
func perWindow(n int, window time.Duration) rate.Limit {
	return rate.Limit(float64(n) / window.Seconds())
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (p *pacer) lane(route string) *createLane {
	l := p.creates[route]
	if l == nil {
		l = &createLane{lim: rate.NewLimiter(rate.Inf, 1)}
		p.creates[route] = l
	}
	return l
}

// wait holds a request until every rule that applies lets it go, or ctx
// ends (its error is returned and the request must not be sent).
func (p *pacer) wait(ctx context.Context, route string, create bool) (ticket, time.Duration, error) {
	tk := ticket{route: route, create: create}
	p.mu.Lock()
	now := p.now()
	at := later(now, p.gate)
	var lane *createLane
	if create {
		lane = p.lane(route)
		at = later(at, lane.gate)
		tk.paced, tk.epoch = lane.active, lane.epoch
	}
	// Each bucket is asked for the time after the previous ones' answer, so
	// that a request held by one rule does not spend another's token early.
	var held []*rate.Reservation
	for _, l := range []*rate.Limiter{p.own, p.server, laneLimiter(lane)} {
		if l == nil {
			continue
		}
		r := l.ReserveN(at, 1) // never refused: every bucket has a burst >= 1 and a rate > 0
		held = append(held, r)
		at = at.Add(r.DelayFrom(at))
	}
	d := at.Sub(now)
	if d <= 0 {
		p.mu.Unlock()
		return tk, 0, nil
	}
	p.holdStart(now)
	p.mu.Unlock()

	err := p.sleep(ctx, d)

	p.mu.Lock()
	defer p.mu.Unlock()
	end := p.now()
	p.holdEnd(end)
	if err != nil {
		for _, r := range held {
			r.CancelAt(end) // give back what was not used
		}
	}
	return tk, d, err
}

func laneLimiter(l *createLane) *rate.Limiter {
	if l == nil {
		return nil
	}
	return l.lim
}

// hold waits d for the budget (a 429's Retry-After), counted as such.
func (p *pacer) hold(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	p.mu.Lock()
	p.holdStart(p.now())
	p.mu.Unlock()
	err := p.sleep(ctx, d)
	p.mu.Lock()
	p.holdEnd(p.now())
	p.mu.Unlock()
	return err
}

// holdStart and holdEnd measure the time during which at least one request
// was held back: the run's time spent waiting for the budget, however many
// requests waited at once. Called with mu held.
func (p *pacer) holdStart(now time.Time) {
	if p.holding == 0 {
		p.holdSince = now
	}
	p.holding++
}

func (p *pacer) holdEnd(now time.Time) {
	p.holding--
	if p.holding == 0 {
		p.waited += now.Sub(p.holdSince)
	}
}

// observe learns from one answer (resp nil: none came back). retryAfter is
// the answer's Retry-After (0: none or not an integer).
func (p *pacer) observe(tk ticket, resp *http.Response, retryAfter time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	p.requests[tk.route]++
	if resp == nil {
		return
	}
	limit, remaining, ok := rateHeaders(resp.Header)
	if ok {
		p.serverSays(now, limit, remaining)
	}
	if resp.StatusCode != http.StatusTooManyRequests {
		if tk.create {
			l := p.lane(tk.route)
			l.accepted = append(l.accepted, now)
			l.prune(now, p.createWindow)
		}
		return
	}
	p.limited[tk.route]++
	if tk.create {
		p.lane(tk.route).refused(now, tk, retryAfter, p.createWindow)
		if !ok || remaining > 0 {
			return // the create limit, not the account's budget
		}
	}
	if retryAfter > 0 {
		p.gate = later(p.gate, now.Add(min(retryAfter, p.gateMax)))
	}
}

// serverSays sets the server rule from an answer's headers.
func (p *pacer) serverSays(now time.Time, limit, remaining int) {
	low := remaining < limit/lowShare || remaining == 0
	if low == p.low && !low {
		return
	}
	p.low = low
	if low {
		if r := perWindow(limit, p.budgetWindow); r != p.server.Limit() {
			p.server.SetLimitAt(now, r)
		}
		return
	}
	p.server.SetLimitAt(now, rate.Inf)
}

// refused learns from a create's 429.
func (l *createLane) refused(now time.Time, tk ticket, retryAfter, window time.Duration) {
	switch {
	case !l.active:
		// What the server accepted in the last window is what it allows.
		l.prune(now, window)
		l.lim.SetLimitAt(now, perWindow(max(1, len(l.accepted)), window))
		l.active = true
		l.epoch++
	case tk.paced && tk.epoch == l.epoch:
		// Paced at the learned rate and still refused: the rate was too high.
		l.lim.SetLimitAt(now, max(l.lim.Limit()/2, perWindow(1, window)))
		l.epoch++
	}
	// Creates sent before Retry-After only meet 429 again: the whole wait is
	// honoured (bounded by the caller's context).
	l.gate = later(l.gate, now.Add(retryAfter))
}

func (l *createLane) prune(now time.Time, window time.Duration) {
	cut := now.Add(-window)
	i := 0
	for i < len(l.accepted) && l.accepted[i].Before(cut) {
		i++
	}
	l.accepted = l.accepted[i:]
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// rateHeaders reads X-Rate-Limit and X-Rate-Limit-Remaining; ok is false
// when either is missing or not a number.
func rateHeaders(h http.Header) (limit, remaining int, ok bool) {
	l, err1 := strconv.Atoi(strings.TrimSpace(h.Get("X-Rate-Limit")))
	r, err2 := strconv.Atoi(strings.TrimSpace(h.Get("X-Rate-Limit-Remaining")))
	if err1 != nil || err2 != nil || l <= 0 || r < 0 {
		return 0, 0, false
	}
	return l, r, true
}

// Usage is what a client has spent.
type Usage struct {
	// Requests counts the requests sent (every attempt) by route: the method
	// and the path with ids replaced, such as "GET /connections/{id}".
	Requests map[string]int
	// RateLimited counts, by route, the answers that were 429.
	RateLimited map[string]int
	// Waited is the time during which at least one request was held back
	// for the rate budget (pacing, or a 429's Retry-After).
	Waited time.Duration
}

// Total is the number of requests sent.
func (u Usage) Total() int {
	n := 0
	for _, v := range u.Requests {
		n += v
	}
	return n
}

// Usage returns what the client has spent so far.
func (c *Client) Usage() Usage {
	p := c.pace
	p.mu.Lock()
	defer p.mu.Unlock()
	waited := p.waited
	if p.holding > 0 {
		waited += p.now().Sub(p.holdSince)
	}
	return Usage{Requests: maps.Clone(p.requests), RateLimited: maps.Clone(p.limited), Waited: waited}
}

// routeWords are the fixed words of the API's paths; every other segment is
// an id or a name and shows as {id} in a route.
var routeWords = map[string]bool{
	"connections": true, "destinations": true, "groups": true, "metadata": true, "connector-types": true,
	"schemas": true, "tables": true, "columns": true, "test": true, "sync": true, "resync": true,
	"reload": true, "connect-card": true,
}

// route is method and path with ids replaced: "GET /connections/{id}".
func route(method, path string) string {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for i, s := range segs {
		if !routeWords[s] {
			segs[i] = "{id}"
		}
	}
	return method + " /" + strings.Join(segs, "/")
}

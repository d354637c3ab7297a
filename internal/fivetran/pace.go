package fivetran

import (
	"context"
	"maps"
	"net/http"
	"slices"
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
//     hourly budget, per account. Creates go at once until one meets 429;
//     from then on creates (of any kind: one limit may count them all) go
//     one at a time, after the 429's Retry-After, at nine tenths of the rate
//     the server accepted them: of as many per minute as it accepted of the
//     creates sent in the minute up to the refused one. Creates still in
//     flight then (setup tests make a create's answer slow) are counted as
//     their answers come. A 429 proves that nothing was created, so the
//     refused create is sent again (Client.do); if a create paced this way
//     still meets 429, the rate halves. A cut made because another tool
//     created at the same time must not slow the rest of a long apply: after
//     each full window in which no paced create met 429, the rate grows by
//     one create per window again, up to the rate learned from the server.
//
// A 429 whose answer says that nothing is left of the account's budget
// (X-Rate-Limit-Remaining 0), or on a request that is not a create and says
// nothing of the budget, means the budget is spent: every request waits for
// its Retry-After (capped like the retry's own wait). A 429 that leaves
// budget came from a narrower limit: only the refused request waits (and,
// for a create, the creates).

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
	creates createLane

	requests, limited map[string]int
	holding           int       // requests being held back now
	holdSince         time.Time // when holding became non-zero
	waited            time.Duration
}

// createLane paces creates.
type createLane struct {
	lim    *rate.Limiter // rate.Inf until a create meets 429
	active bool
	epoch  int       // bumped when the rate is cut
	gate   time.Time // no create before this: the last 429's Retry-After
	// accepted: when the creates the server accepted were sent (the last
	// two windows' worth; answers come in any order).
	accepted []time.Time
	// calibrating: the rate is what the server accepted in the window up to
	// calib, the sending of the first refused create; answers still to
	// come may raise it.
	calibrating bool
	calib       time.Time
	floor       rate.Limit // one create per the first 429's Retry-After
	// ceiling is the rate learned from the server (calibrate), the most a
	// cut rate grows back to; changed is when the rate was last cut or
	// grown, the start of the window that must pass without a refusal.
	ceiling rate.Limit
	changed time.Time
}

// ticket is what a request learned when it was let through.
type ticket struct {
	route  string
	create bool
	paced  bool // a create let through by an active lane
	epoch  int
	sent   time.Time
}

func newPacer(perHour int, budgetWindow, createWindow, gateMax time.Duration) *pacer {
	p := &pacer{
		now:          time.Now,
		sleep:        sleepCtx,
		budgetWindow: budgetWindow,
		createWindow: createWindow,
		gateMax:      gateMax,
		server:       rate.NewLimiter(rate.Inf, 1),
		creates:      createLane{lim: rate.NewLimiter(rate.Inf, 1)},
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

// wait holds a request until every rule that applies lets it go, or ctx
// ends (its error is returned and the request must not be sent). It returns
// how long the request was held.
//
// A 429's Retry-After is waited out first; only then are the buckets asked,
// all at the present time: golang.org/x/time/rate counts right only when it
// is asked at times that never go back, and a limit set while a bucket owes
// tokens keeps the debt.
func (p *pacer) wait(ctx context.Context, route string, create bool) (ticket, time.Duration, error) {
	tk := ticket{route: route, create: create}
	var total time.Duration
	for {
		p.mu.Lock()
		now := p.now()
		gate := p.gate
		if create {
			gate = later(gate, p.creates.gate)
		}
		if gate.After(now) {
			d := gate.Sub(now)
			p.holdStart(now)
			p.mu.Unlock()
			err := p.sleep(ctx, d)
			p.mu.Lock()
			p.holdEnd(p.now())
			p.mu.Unlock()
			total += d
			if err != nil {
				return tk, total, err
			}
			continue // a 429 meanwhile may have moved the gate
		}
		var lane *rate.Limiter
		if create {
			lane = p.creates.lim
			tk.paced, tk.epoch = p.creates.active, p.creates.epoch
		}
		var held []*rate.Reservation
		var d time.Duration
		for _, l := range []*rate.Limiter{p.own, p.server, lane} {
			if l == nil {
				continue
			}
			r := l.ReserveN(now, 1) // never refused: every bucket has a burst >= 1 and a rate > 0
			held = append(held, r)
			d = max(d, r.DelayFrom(now))
		}
		if d <= 0 {
			p.mu.Unlock()
			tk.sent = now
			return tk, total, nil
		}
		p.holdStart(now)
		p.mu.Unlock()

		err := p.sleep(ctx, d)

		p.mu.Lock()
		defer p.mu.Unlock()
		end := p.now()
		tk.sent = end
		p.holdEnd(end)
		if err != nil {
			for _, r := range held {
				r.CancelAt(end) // give back what was not used
			}
		}
		return tk, total + d, err
	}
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

// observe learns from one answer's status and headers (status 0: none came
// back). retryAfter is its Retry-After (0: none or not an integer).
func (p *pacer) observe(tk ticket, status int, h http.Header, retryAfter time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	p.requests[tk.route]++
	if status == 0 {
		return
	}
	limit, remaining, ok := rateHeaders(h)
	if ok {
		p.serverSays(now, limit, remaining)
	}
	if status != http.StatusTooManyRequests {
		if tk.create {
			p.creates.accept(now, tk.sent, p.createWindow)
		}
		return
	}
	p.limited[tk.route]++
	spent := !ok || remaining == 0 // the account's budget, or no way to tell
	if tk.create && (!ok || remaining > 0) {
		// The create limit, not the account's budget (or no way to tell).
		p.creates.refused(now, tk, retryAfter, p.createWindow)
	}
	if spent && retryAfter > 0 && (!tk.create || ok) {
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

// accept learns from a create the server accepted, sent at sent.
func (l *createLane) accept(now, sent time.Time, window time.Duration) {
	cut := now.Add(-2 * window)
	l.accepted = slices.DeleteFunc(l.accepted, func(t time.Time) bool { return t.Before(cut) })
	l.accepted = append(l.accepted, sent)
	if l.calibrating && !sent.After(l.calib) && sent.After(l.calib.Add(-window)) {
		l.calibrate(now, window)
	}
	l.regrow(now, window)
}

// regrow raises a cut rate by one create per window once a full window has
// passed since the last cut or rise, up to the learned rate (additive
// increase after a multiplicative cut). Refusals reset the window (refused).
func (l *createLane) regrow(now time.Time, window time.Duration) {
	if !l.active || l.calibrating || now.Sub(l.changed) < window {
		return
	}
	if r := l.lim.Limit(); r < l.ceiling {
		l.lim.SetLimitAt(now, min(r+perWindow(1, window), l.ceiling))
		l.changed = now
	}
}

// calibrate sets the rate to nine tenths of what the server accepted of the
// creates sent in the window up to calib. At the full rate the n+1st create
// would go exactly one window after the first, and the few milliseconds
// between our clock and the server's arrival times decide whether it is
// refused; a tenth of margin covers the jitter of a request's travel.
func (l *createLane) calibrate(now time.Time, window time.Duration) {
	n := 0
	for _, t := range l.accepted {
		if !t.After(l.calib) && t.After(l.calib.Add(-window)) {
			n++
		}
	}
	l.ceiling = max(perWindow(max(1, n), window)*(lowShare-1)/lowShare, l.floor)
	l.lim.SetLimitAt(now, l.ceiling)
	l.changed = now
}

// refused learns from a create's 429.
func (l *createLane) refused(now time.Time, tk ticket, retryAfter, window time.Duration) {
	switch {
	case !l.active:
		l.active, l.calibrating, l.calib = true, true, tk.sent
		l.floor = 0
		if retryAfter > 0 {
			// The server frees a slot within Retry-After: never slower than
			// one create per Retry-After. A refusal early in a run, before a
			// window's worth was sent, says little about the limit.
			l.floor = rate.Every(retryAfter)
		}
		l.calibrate(now, window)
	case tk.paced && tk.epoch == l.epoch:
		// Paced at the learned rate and still refused: the rate was too
		// high. It is halved, and no late answer calibrates it again (only
		// regrow raises it, a window at a time).
		l.calibrating = false
		l.lim.SetLimitAt(now, max(l.lim.Limit()/2, perWindow(1, window)))
		l.epoch++
	}
	// A refusal starts the window a rise waits for again.
	l.changed = now
	// Creates sent before Retry-After only meet 429 again: the whole wait is
	// honoured (bounded by the caller's context).
	l.gate = later(l.gate, now.Add(retryAfter))
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
	"reload": true, "connect-card": true, "proxy": true, "regenerate-secrets": true,
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

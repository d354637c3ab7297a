package emulator

import (
	"cmp"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Rate limits (API.md, "Rate limits"), each over a sliding window:
//
//   - the account's request budget, which every request counts against
//     (Options.RequestsPerHour, SetRequestBudget, SetRateLimit with no
//     route). X-Rate-Limit and X-Rate-Limit-Remaining describe it on every
//     answer; without a budget they show the paid accounts' 20,000 an hour
//     and nothing is refused;
//   - the create limit: creates of groups, destinations and connections,
//     counted together (Options.CreatesPerMinute, SetCreateLimit);
//   - the private link create limit: creates of private links
//     (Options.PrivateLinkCreatesPerHour; 5 an hour unless told otherwise,
//     as Fivetran documents it). Neither create limit counts the other's
//     creates. A private link create that creates nothing (a 400 or 409, or
//     a fault that stops it before the handler) gives its slot back before
//     it is answered (returnPrivateLinkSlot), so the limit counts the links
//     made;
//   - per-route limits for tests (SetRateLimit with a route).
//
// A request that one of them refuses is answered 429 with an integer
// Retry-After (the seconds until every limit it is over has a free slot, at
// least 1), reaches no handler, so nothing is created or changed, and counts
// against none of them: a client that waits Retry-After finds the slot free.

const (
	defaultBudget       = 20000 // requests an hour, like a paid account
	defaultBudgetWindow = time.Hour
	defaultCreateWindow = time.Minute

	defaultPrivateLinkCreates = 5 // private link creates an hour, as Fivetran documents them (1 on trial accounts)
	defaultPrivateLinkWindow  = time.Hour
)

// The names a refused request's RequestRecord.Limit gives.
const (
	LimitRequests = "requests" // the account's request budget
	LimitCreates  = "creates"  // the create limit
	// LimitPrivateLinks is the private link create limit.
	LimitPrivateLinks = "private_links"
)

// createRoutes are the routes the create limit counts.
var createRoutes = []string{"POST /v1/groups", "POST /v1/destinations", "POST /v1/connections"}

// rateLimiter counts the requests of the last window.
type rateLimiter struct {
	n       int
	window  time.Duration
	enforce bool        // false: it only counts (the informational budget)
	hits    []time.Time // oldest first
}

// trim forgets the hits that have left the window.
func (rl *rateLimiter) trim(now time.Time) {
	cut := now.Add(-rl.window)
	i := 0
	for i < len(rl.hits) && !rl.hits[i].After(cut) {
		i++
	}
	rl.hits = rl.hits[i:]
}

// wait is how long until the limiter has a free slot (0: it has one now).
// Call after trim.
func (rl *rateLimiter) wait(now time.Time) time.Duration {
	if !rl.enforce || len(rl.hits) < rl.n {
		return 0
	}
	return rl.hits[len(rl.hits)-rl.n].Add(rl.window).Sub(now)
}

func (rl *rateLimiter) remaining() int { return max(0, rl.n-len(rl.hits)) }

type rateHeader struct{ limit, remaining int }

// limitRefusal says which limit refused a request and when to come back.
type limitRefusal struct {
	limit      string // LimitRequests, LimitCreates or a route pattern
	retryAfter int    // seconds
}

// rateLimits are an emulator's limits; guarded by Emulator.metaMu.
type rateLimits struct {
	budget  *rateLimiter            // never nil
	creates *rateLimiter            // nil: no create limit
	links   *rateLimiter            // private link creates; nil: no limit
	routes  map[string]*rateLimiter // by route pattern
}

// newRateLimits returns the limits Options ask for.
func newRateLimits(o Options) rateLimits {
	l := rateLimits{routes: map[string]*rateLimiter{}}
	l.setBudget(o.RequestsPerHour, o.RequestWindow)
	l.setCreates(o.CreatesPerMinute, o.CreateWindow)
	if o.PrivateLinkCreatesPerHour >= 0 {
		n := cmp.Or(o.PrivateLinkCreatesPerHour, defaultPrivateLinkCreates)
		l.links = &rateLimiter{n: n, window: cmp.Or(o.PrivateLinkCreateWindow, defaultPrivateLinkWindow), enforce: true}
	}
	return l
}

func (l *rateLimits) setBudget(n int, window time.Duration) {
	var hits []time.Time
	if l.budget != nil {
		hits = l.budget.hits // requests already made still count
	}
	if n <= 0 {
		l.budget = &rateLimiter{n: defaultBudget, window: defaultBudgetWindow, hits: hits}
		return
	}
	l.budget = &rateLimiter{n: n, window: cmp.Or(window, defaultBudgetWindow), enforce: true, hits: hits}
}

func (l *rateLimits) setCreates(n int, window time.Duration) {
	if n <= 0 {
		l.creates = nil
		return
	}
	l.creates = &rateLimiter{n: n, window: cmp.Or(window, defaultCreateWindow), enforce: true}
}

// applyLimits counts a request against the limits that apply to its route,
// or refuses it when one of them is full. It returns the budget's headers.
// Call with e.metaMu held.
func (e *Emulator) applyLimits(routeKey string, now time.Time) (rateHeader, *limitRefusal) {
	type applied struct {
		name string
		rl   *rateLimiter
	}
	l := &e.limits
	apply := []applied{{LimitRequests, l.budget}}
	if l.creates != nil && slices.Contains(createRoutes, routeKey) {
		apply = append(apply, applied{LimitCreates, l.creates})
	}
	if l.links != nil && routeKey == privateLinkCreateRoute {
		apply = append(apply, applied{LimitPrivateLinks, l.links})
	}
	if rl := l.routes[routeKey]; rl != nil {
		apply = append(apply, applied{routeKey, rl})
	}
	var refusal *limitRefusal
	var longest time.Duration
	for _, a := range apply {
		a.rl.trim(now)
		if w := a.rl.wait(now); w > 0 && (refusal == nil || w > longest) {
			refusal, longest = &limitRefusal{limit: a.name}, w
		}
	}
	if refusal != nil {
		refusal.retryAfter = max(1, int(math.Ceil(longest.Seconds())))
	} else {
		for _, a := range apply {
			a.rl.hits = append(a.rl.hits, now)
		}
	}
	return rateHeader{limit: l.budget.n, remaining: l.budget.remaining()}, refusal
}

func (e *Emulator) setRateHeaders(w http.ResponseWriter, h rateHeader) {
	w.Header().Set("X-Rate-Limit", strconv.Itoa(h.limit))
	w.Header().Set("X-Rate-Limit-Remaining", strconv.Itoa(h.remaining))
}

// SetRequestBudget sets the account's request budget: at most n requests in
// any window (one hour when window is 0); beyond it every request is
// answered 429. n <= 0 removes the budget (the headers then show 20,000 an
// hour). Requests already made count against the new budget.
func (e *Emulator) SetRequestBudget(n int, window time.Duration) {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	e.limits.setBudget(n, window)
}

// SetCreateLimit allows at most n creates (POST of groups, destinations and
// connections, together) in any window (one minute when window is 0);
// beyond it a create is answered 429 and creates nothing. n <= 0 removes the
// limit.
func (e *Emulator) SetCreateLimit(n int, window time.Duration) {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	e.limits.setCreates(n, window)
}

// SetRateLimit allows at most n requests of the route pattern (as the keys
// of Counts spell it, e.g. "POST /v1/connections") per sliding window;
// beyond that the emulator answers 429 with Retry-After. The route "" is
// the account's request budget (SetRequestBudget). n <= 0 or window <= 0
// removes the limit.
func (e *Emulator) SetRateLimit(route string, n int, window time.Duration) {
	if window <= 0 {
		n = 0
	}
	if route == "" {
		e.SetRequestBudget(n, window)
		return
	}
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	if n <= 0 {
		delete(e.limits.routes, route)
		return
	}
	e.limits.routes[route] = &rateLimiter{n: n, window: window, enforce: true}
}

// limitsPrivateLinks reports whether private link creates are limited.
func (e *Emulator) limitsPrivateLinks() bool {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	return e.limits.links != nil
}

// returnPrivateLinkSlot takes back the slot of the private link limit that
// a create admitted at that time holds: the create made no link.
func (e *Emulator) returnPrivateLinkSlot(at time.Time) {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	rl := e.limits.links
	if rl == nil {
		return
	}
	for i := len(rl.hits) - 1; i >= 0; i-- {
		if rl.hits[i].Equal(at) {
			rl.hits = slices.Delete(rl.hits, i, i+1)
			return
		}
	}
}

package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault kinds understood by SetFaults and InjectNext.
const (
	Fault429             = "429"
	Fault500             = "500"
	Fault502             = "502"
	Fault503             = "503"
	Fault504             = "504"
	Fault500HTML         = "500-html"
	Fault502HTML         = "502-html"
	Fault503HTML         = "503-html"
	FaultDropAfterCommit = "drop-after-commit"
	FaultLatency         = "latency"
	// The write commits, then the answer is a 502 or 504 (a gateway gave up
	// waiting): the client cannot tell this from a write that never happened.
	Fault502AfterCommit = "502-after-commit"
	Fault504AfterCommit = "504-after-commit"
	// FaultRateLimit is not injected: it marks, in the request log and in
	// an Exchange, a 429 that a rate limit answered (ratelimits.go), which is
	// the API's own answer.
	FaultRateLimit = "rate-limit"
)

// Faults configures seeded random fault injection.
type Faults struct {
	Rate       float64       // probability per request (0..1) of one of Kinds
	Kinds      []string      // fault kinds; empty means 429, 500, 502 and 503
	Latency    time.Duration // added to every request (independent of Rate); also the delay of a "latency" fault (default 250ms)
	RetryAfter int           // seconds in Retry-After for injected 429s (default 1)
	Methods    []string      // restrict to these methods; empty = all
}

type injection struct {
	kind, method, route string
	left                int
}

// SetFaults replaces the random fault configuration.
func (e *Emulator) SetFaults(f Faults) {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	f.Kinds = append([]string(nil), f.Kinds...)
	f.Methods = append([]string(nil), f.Methods...)
	e.faults = f
}

// InjectNext gives the next n requests that match method and route pattern
// ("" matches any) the fault kind. The pattern may carry its method, as the
// keys of Counts do ("POST /v1/connections"), or not ("/v1/connections").
// Injections take precedence over random faults and are consumed in the order
// they were added.
func (e *Emulator) InjectNext(kind string, n int, method, routePattern string) {
	if n <= 0 {
		return
	}
	if routePattern != "" && method != "" && !strings.Contains(routePattern, " ") {
		routePattern = strings.ToUpper(method) + " " + routePattern
	}
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	e.injections = append(e.injections, &injection{kind: kind, method: strings.ToUpper(method), route: routePattern, left: n})
}

// admit applies the rate limits to a request (ratelimits.go), then decides
// its fault. A request a limit refuses gets no fault. now is the time the
// limits counted it at.
func (e *Emulator) admit(method, routeKey string) (fault string, hdr rateHeader, refusal *limitRefusal, now time.Time) {
	now = e.now()
	e.metaMu.Lock()
	defer e.metaMu.Unlock()

	hdr, refusal = e.applyLimits(routeKey, now)
	if refusal != nil {
		return "", hdr, refusal, now
	}

	// Deterministic injections first.
	for k, inj := range e.injections {
		if inj.left <= 0 {
			continue
		}
		if inj.method != "" && inj.method != method {
			continue
		}
		if inj.route != "" && inj.route != routeKey {
			continue
		}
		if !faultApplies(inj.kind, method) {
			continue
		}
		inj.left--
		if inj.left == 0 {
			e.injections = append(e.injections[:k], e.injections[k+1:]...)
		}
		return inj.kind, hdr, nil, now
	}

	// Seeded random faults.
	f := e.faults
	if f.Rate <= 0 {
		return "", hdr, nil, now
	}
	if len(f.Methods) > 0 {
		found := false
		for _, m := range f.Methods {
			if strings.EqualFold(m, method) {
				found = true
			}
		}
		if !found {
			return "", hdr, nil, now
		}
	}
	kinds := f.Kinds
	if len(kinds) == 0 {
		kinds = []string{Fault429, Fault500, Fault502, Fault503}
	}
	var eligible []string
	for _, k := range kinds {
		if !faultApplies(k, method) {
			continue
		}
		eligible = append(eligible, k)
	}
	if len(eligible) == 0 {
		return "", hdr, nil, now
	}
	if e.faultRng.Float64() >= f.Rate {
		return "", hdr, nil, now
	}
	return eligible[e.faultRng.IntN(len(eligible))], hdr, nil, now
}

func (e *Emulator) latency(fault string) time.Duration {
	e.metaMu.Lock()
	d := e.faults.Latency
	e.metaMu.Unlock()
	if fault == FaultLatency {
		if d > 0 {
			return 2 * d
		}
		return 250 * time.Millisecond
	}
	return d
}

func (e *Emulator) writeFault(w http.ResponseWriter, kind string) {
	e.metaMu.Lock()
	ra := e.faults.RetryAfter
	e.metaMu.Unlock()
	if ra <= 0 {
		ra = 1
	}
	switch kind {
	case Fault429:
		w.Header().Set("Retry-After", strconv.Itoa(ra))
		writeEnvelope(w, &response{status: http.StatusTooManyRequests, code: "TooManyRequests", msg: "Too many requests. Retry after " + strconv.Itoa(ra) + " second(s)."})
	case Fault500HTML, Fault502HTML, Fault503HTML:
		status, _ := strconv.Atoi(strings.TrimSuffix(kind, "-html"))
		text := strconv.Itoa(status) + " " + http.StatusText(status)
		body := "<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text + "</h1></center>\r\n</body>\r\n</html>\r\n"
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	default:
		status, err := strconv.Atoi(kind)
		if err != nil || status < 400 || status > 599 {
			status = http.StatusInternalServerError
		}
		code := "InternalServerError"
		switch status {
		case http.StatusBadGateway:
			code = "BadGateway"
		case http.StatusServiceUnavailable:
			code = "ServiceUnavailable"
		case http.StatusGatewayTimeout:
			code = "GatewayTimeout"
		}
		writeEnvelope(w, &response{status: status, code: code, msg: "HTTP " + strconv.Itoa(status) + " " + http.StatusText(status) + " (injected by the emulator)"})
	}
}

// faultAfterCommit maps the fault kinds that answer after the write has
// committed to the status they answer with.
var faultAfterCommit = map[string]int{
	Fault502AfterCommit: http.StatusBadGateway,
	Fault504AfterCommit: http.StatusGatewayTimeout,
}

// faultApplies reports whether a fault kind can hit a request of method:
// the after-commit kinds need a write.
func faultApplies(kind, method string) bool {
	switch {
	case kind == FaultDropAfterCommit:
		return method == http.MethodPost
	case faultAfterCommit[kind] != 0:
		return method == http.MethodPost || method == http.MethodPatch || method == http.MethodDelete
	}
	return true
}

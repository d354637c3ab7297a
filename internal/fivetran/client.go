package fivetran

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Defaults applied by New for zero Config fields.
const (
	DefaultBaseURL   = "https://api.fivetran.com/v1"
	DefaultUserAgent = "terraform-provider-fivetran/dev"
)

const (
	acceptV1 = "application/json"
	acceptV2 = "application/json;version=2"

	// maxResponseBytes bounds how much of a response body is read.
	maxResponseBytes = 64 << 20
)

// Config configures a Client. Zero values select the documented defaults.
type Config struct {
	// APIKey and APISecret are the Fivetran API credentials (required).
	APIKey, APISecret string
	// BaseURL is the API root including /v1. Default "https://api.fivetran.com/v1";
	// a trailing slash is tolerated.
	BaseURL string
	// UserAgent is sent on every request. Default "terraform-provider-fivetran/dev".
	UserAgent string
	// HTTPClient is an optional base client whose transport is used. It is
	// copied, not modified.
	HTTPClient *http.Client
	// RequestTimeout bounds each attempt (connect, send, and reading the whole
	// response). Default 60s; 0 means the default. Requests that run setup
	// tests are bounded by the caller's context instead
	// (RequestOptions.RunsSetupTests).
	RequestTimeout time.Duration
	// MaxRetries is the number of retries after the first attempt. Default 6
	// (used when 0); a negative value means no retries.
	MaxRetries int
	// RetryWaitMin is the first backoff wait. Default 1s.
	RetryWaitMin time.Duration
	// RetryWaitMax caps both the exponential backoff and Retry-After. Default 30s.
	// A create's Retry-After is honoured whole (see the pacer in pace.go).
	RetryWaitMax time.Duration
	// RequestsPerHour caps the requests the client sends per BudgetWindow:
	// a burst of a tenth, then a steady rate (pace.go). 0 means no cap of
	// its own: the client then slows down only when the server's answers say
	// its budget is running low.
	RequestsPerHour int
	// BudgetWindow is the span over which the server counts its request
	// budget (X-Rate-Limit) and RequestsPerHour is counted. Default one hour,
	// as Fivetran counts; tests against an emulator with a shorter window set
	// it to match.
	BudgetWindow time.Duration
	// CreateWindow is the span of the server's limit on creates. Default one
	// minute.
	CreateWindow time.Duration
}

// Client calls the Fivetran REST API. It is safe for concurrent use.
type Client struct {
	baseURL   string // without trailing slash
	shownURL  string // baseURL as errors show it: never with user info
	apiKey    string
	apiSecret string
	userAgent string
	timeout   time.Duration
	hc        *http.Client

	maxRetries       int // retries after the first attempt; 0: none
	waitMin, waitMax time.Duration

	// retryAfterUnit is the unit of the integer Retry-After header: one
	// second in production; tests shrink it to keep runs fast.
	retryAfterUnit time.Duration

	// pace holds requests back for the rate budget and counts them.
	pace *pacer
}

// New validates cfg, applies defaults and returns a Client. It fails when the
// key or secret is empty or BaseURL is not an absolute http(s) URL.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" || cfg.APISecret == "" {
		return nil, errors.New("fivetran: API key and API secret are required")
	}
	base, shown, err := NormalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}

	c := &Client{
		baseURL:        base,
		shownURL:       shown,
		apiKey:         cfg.APIKey,
		apiSecret:      cfg.APISecret,
		userAgent:      cfg.UserAgent,
		timeout:        cfg.RequestTimeout,
		maxRetries:     cfg.MaxRetries,
		waitMin:        cfg.RetryWaitMin,
		waitMax:        cfg.RetryWaitMax,
		retryAfterUnit: time.Second,
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.timeout <= 0 {
		c.timeout = DefaultRequestTimeout
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.waitMin <= 0 {
		c.waitMin = DefaultRetryWaitMin
	}
	if c.waitMax <= 0 {
		c.waitMax = DefaultRetryWaitMax
	}
	if c.waitMax < c.waitMin {
		c.waitMax = c.waitMin
	}

	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	if hc.Transport == nil {
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			t := dt.Clone() // own connection pool
			// Terraform runs 10 operations at once by default, more with
			// -parallelism. Go keeps only 2 idle connections per host by
			// default: the others were closed after each answer, and the
			// next request paid a new TCP and TLS handshake.
			t.MaxIdleConnsPerHost = MaxIdleConnsPerHost
			hc.Transport = t
		}
	}
	c.hc = &hc
	if cfg.RequestsPerHour < 0 {
		return nil, errors.New("fivetran: RequestsPerHour must not be negative")
	}
	c.pace = newPacer(cfg.RequestsPerHour, cmp.Or(max(cfg.BudgetWindow, 0), DefaultBudgetWindow),
		cmp.Or(max(cfg.CreateWindow, 0), DefaultCreateWindow), c.waitMax)
	return c, nil
}

// MaxIdleConnsPerHost is how many idle connections to the API the client
// keeps for reuse.
const MaxIdleConnsPerHost = 64

// NormalizeBaseURL checks a base URL and returns it without trailing slashes,
// with /v1 added when it names only the API's host (https://api.fivetran.com
// becomes https://api.fivetran.com/v1), as users type it. A URL with another
// path is kept as given (a proxy may map any path to the API). shown is the
// same URL without user info, for messages. An empty s gives DefaultBaseURL.
func NormalizeBaseURL(s string) (base, shown string, err error) {
	if s == "" {
		s = DefaultBaseURL
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", "", fmt.Errorf("fivetran: invalid base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", errors.New("fivetran: invalid base URL: must be an absolute http(s) URL")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", "", errors.New("fivetran: invalid base URL: must not contain a query or fragment")
	}
	base = strings.TrimRight(s, "/")
	if strings.Trim(u.Path, "/") == "" {
		base += "/v1"
	}
	v, err := url.Parse(base)
	if err != nil {
		return "", "", fmt.Errorf("fivetran: invalid base URL: %w", err)
	}
	v.User = nil
	return base, v.String(), nil
}

// MaxRetries returns how many times a request may be sent again after its
// first attempt (0: never).
func (c *Client) MaxRetries() int { return c.maxRetries }

// BaseURL returns the base URL in use (with /v1), without any user info: safe
// to show in messages.
func (c *Client) BaseURL() string { return c.shownURL }

// attempt is the outcome of one HTTP exchange.
type attempt struct {
	resp *http.Response // nil when no answer came back
	body []byte         // the whole response body, once read
	err  error          // transport failure or failure to read the body
	// notSent: the request certainly did not reach the server (nothing
	// written, or the connection was never made).
	notSent bool
	// afterUnknown: an earlier attempt of the same request may have acted.
	afterUnknown bool
}

// RequestOptions says how one request is sent. Every typed call states it, so
// that what a request may cost (retries, how long it may take) is written
// beside the request itself.
type RequestOptions struct {
	// V2 asks for the version 2 answer (Accept: application/json;version=2),
	// which the connection and destination endpoints use.
	V2 bool
	// Repeatable says that Fivetran may receive the request twice without
	// harm: the second one changes nothing the first did not (a sync that
	// joins the running one, a schema reload, setup tests, a new Connect
	// Card). A repeatable POST is retried after a 5xx or a lost answer like
	// every GET, PATCH and DELETE, which are repeatable by HTTP's definition
	// whatever this says. A POST that creates an object is not repeatable:
	// after a 5xx or a lost answer it returns an *OutcomeUnknownError, and
	// the caller looks for the object before sending it again.
	Repeatable bool
	// RunsSetupTests marks a request that makes Fivetran run setup tests.
	// Fivetran answers it only when the tests are done, which takes seconds
	// to minutes, so each attempt is bounded by the caller's context (the
	// operation's timeout) instead of RequestTimeout: a slow create that
	// succeeded must not time out and become "outcome unknown".
	RunsSetupTests bool
	// NotCreate marks a POST that is not repeatable yet creates no object
	// (a proxy agent's secrets regeneration). It is retried like a create,
	// but it is not paced with the creates (pace.go): Fivetran's per-minute
	// limit is on creating objects, and a 429 or an answer to it must not
	// change the pace of the creates.
	NotCreate bool
	// OwnLimit marks a request under a limit of its own counted in hours (a
	// private link's create, a few an hour): a 429 is not waited out and
	// retried, since its Retry-After may be most of an hour. It is returned
	// at once, with the wait in APIError.RetryAfter, for the caller to wait
	// out within its own deadline or to report.
	OwnLimit bool
	// Once marks a request that must not be sent again once it may have
	// reached Fivetran, whatever its method: a PATCH that issues new
	// credentials (a hybrid deployment agent's re-authentication) voids
	// those of its first attempt, whose answer may have been lost. It is
	// treated as a POST that is not repeatable.
	Once bool
}

// repeatable reports whether the request may be sent again after a 5xx or a
// lost answer.
func (o RequestOptions) repeatable(method string) bool {
	if o.Once {
		return false
	}
	return o.Repeatable || method != http.MethodPost
}

// The request options of the typed calls.
var (
	optsV1         = RequestOptions{}
	optsV2         = RequestOptions{V2: true}
	optsRepeatable = RequestOptions{Repeatable: true}
	// optsAction: the v2 actions on an existing object (sync, re-sync, a
	// Connect Card), which Fivetran may receive twice.
	optsAction = RequestOptions{V2: true, Repeatable: true}
	// optsSetupTests: the /test calls, which only run the tests again.
	optsSetupTests = RequestOptions{V2: true, Repeatable: true, RunsSetupTests: true}
	// optsRegenerate: a proxy agent's secrets regeneration. It replaces the
	// agent's secrets, so it is not repeatable: once it may have reached
	// Fivetran, only the caller may decide to regenerate again.
	optsRegenerate = RequestOptions{NotCreate: true}
	// optsOwnLimit: a private link's create, under a limit of its own (a
	// few an hour): not paced with the other creates, and a 429 is the
	// caller's to wait out.
	optsOwnLimit = RequestOptions{NotCreate: true, OwnLimit: true}
	// optsReAuth: a hybrid deployment agent's re-authentication, a PATCH
	// that issues new credentials: sent once, like a regeneration.
	optsReAuth = RequestOptions{NotCreate: true, Once: true}
)

// setupTests returns opts for a request that runs setup tests when run says
// so (nil: byDefault, the API's default for that request).
func setupTests(opts RequestOptions, run *bool, byDefault bool) RequestOptions {
	opts.RunsSetupTests = (run == nil && byDefault) || (run != nil && *run)
	return opts
}

// do performs one logical API call and returns the body of a 2xx response.
// path is relative to the base URL and already escaped.
//
// The retry loop in plain words: make an attempt; if its outcome is worth
// retrying (shouldRetry) and retries are left, wait (backoff) and try again;
// otherwise turn the last outcome into the result (finish).
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body any, opts RequestOptions) ([]byte, error) {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("%s %s: encoding request: %w", method, path, err)
		}
	}
	u := c.baseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	repeatable := opts.repeatable(method)
	rt := route(method, path)
	// The requests that are not repeatable are creates (see
	// RequestOptions.Repeatable), but for those marked NotCreate: creates
	// have a pacing lane of their own.
	create := !repeatable && !opts.NotCreate
	mayHaveActed := false // an earlier attempt reached Fivetran and its outcome is unknown
	prev := attempt{notSent: true}
	for n := 1; ; n++ {
		tk, held, err := c.pace.wait(ctx, rt, create)
		if held > 0 {
			tflog.Debug(ctx, "Held a Fivetran API request for the rate budget", map[string]any{"route": rt, "wait_ms": held.Milliseconds()})
		}
		if err != nil {
			// Nothing was sent this time; what the previous attempt may have
			// done stands.
			return nil, c.failure(ctx, method, path, attempt{err: fmt.Errorf("waiting for the API's rate budget: %w", err), notSent: prev.notSent || prev.resp != nil}, n-1, false, repeatable)
		}
		a, err := c.attempt(ctx, method, path, u, payload, opts, n)
		if err != nil {
			return nil, err // the request could not even be built
		}
		if a.resp != nil && opts.OwnLimit {
			// A 429 here is most likely the request's own limit, whose wait
			// must not hold back every other request: its caller waits.
			c.pace.observe(tk, a.resp.StatusCode, a.resp.Header, 0)
		} else if a.resp != nil {
			c.pace.observe(tk, a.resp.StatusCode, a.resp.Header, c.retryAfter(a.resp))
		} else {
			c.pace.observe(tk, 0, nil, 0)
		}
		a.afterUnknown = mayHaveActed
		ownLimited := opts.OwnLimit && a.resp != nil && a.resp.StatusCode == http.StatusTooManyRequests
		retry := shouldRetry(ctx, repeatable, a) && !ownLimited
		if !retry || n > c.maxRetries {
			if a.err != nil {
				// Only a failed exchange may leave broken connections in the
				// pool; an answer, even a 404 or a 409, leaves it sound.
				c.hc.CloseIdleConnections()
			}
			return c.finish(ctx, method, path, a, n, retry, repeatable)
		}
		mayHaveActed = mayHaveActed || a.mayHaveActed()
		wait := c.backoff(c.waitMin, c.waitMax, n-1, a.resp)
		if a.resp != nil && a.resp.StatusCode == http.StatusTooManyRequests {
			err = c.pace.hold(ctx, wait) // a wait for the budget, counted as such
		} else {
			err = c.pace.sleep(ctx, wait)
		}
		if err != nil {
			if a.err != nil {
				c.hc.CloseIdleConnections()
			}
			// The last attempt's outcome would have been retried: a POST
			// that is not repeatable was either refused unsent or answered
			// 429; a repeatable one may have acted, as any GET may have.
			return nil, c.failure(ctx, method, path, attempt{err: ctx.Err(), notSent: a.notSent || a.resp != nil}, n, false, repeatable)
		}
		prev = a
	}
}

// mayHaveActed reports an attempt that reached Fivetran without a definitive
// answer: a 5xx, or a failure after the request was sent.
func (a attempt) mayHaveActed() bool {
	if a.err != nil {
		return !a.notSent
	}
	return a.resp != nil && a.resp.StatusCode >= 500
}

// attempt sends the request once, under its own timeout (connect, send and
// reading the whole body; a request that runs setup tests has none of its
// own, see RequestOptions.RunsSetupTests), and logs it.
func (c *Client) attempt(ctx context.Context, method, path, u string, payload []byte, opts RequestOptions, n int) (attempt, error) {
	var actx context.Context
	var cancel context.CancelFunc
	if opts.RunsSetupTests {
		actx, cancel = context.WithCancel(ctx)
	} else {
		actx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	defer cancel()
	// WroteHeaders may run on the transport's writer goroutine.
	wrote := new(atomic.Bool)
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})

	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, method, u, rd)
	if err != nil {
		return attempt{}, fmt.Errorf("%s %s: building request: %w", method, path, err)
	}
	req.SetBasicAuth(c.apiKey, c.apiSecret)
	req.Header.Set("User-Agent", c.userAgent)
	if opts.V2 {
		req.Header.Set("Accept", acceptV2)
	} else {
		req.Header.Set("Accept", acceptV1)
	}
	if method == http.MethodPost || method == http.MethodPatch {
		req.Header.Set("Content-Type", "application/json")
	}

	start := time.Now()
	resp, err := c.hc.Do(req)
	fields := map[string]any{"method": method, "path": path, "attempt": n}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is named by the error's method, path and base URL
		}
		if actx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			err = fmt.Errorf("attempt timed out after %s: %w", c.timeout, err)
		}
		fields["duration_ms"] = time.Since(start).Milliseconds()
		fields["error"] = err.Error()
		tflog.Debug(ctx, "Fivetran API request failed", fields)
		return attempt{err: err, notSent: !wrote.Load() || isDialError(err)}, nil
	}
	fields["status"] = resp.StatusCode
	fields["duration_ms"] = time.Since(start).Milliseconds()
	tflog.Debug(ctx, "Fivetran API request", fields)

	// The whole body is read inside the attempt, so a failed read counts as a
	// failed attempt. When the status alone will be retried, the body only
	// serves the error message should retries run out: best effort.
	a := attempt{resp: resp}
	a.body, err = readBody(resp)
	if err != nil && !retryableStatus(opts.repeatable(method), resp.StatusCode) {
		a.err = err
	}
	return a, nil
}

// retryableStatus: statuses retried by policy. 429 for every request (the
// server did not act); 500, 502, 503, 504 for repeatable requests only (the
// server may have acted).
func retryableStatus(repeatable bool, status int) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return repeatable
	}
	return false
}

// shouldRetry is the retry policy described in the package doc.
func shouldRetry(ctx context.Context, repeatable bool, a attempt) bool {
	switch {
	case ctx.Err() != nil:
		return false
	case a.err != nil:
		// A request that is not repeatable is retried only when it
		// certainly did not reach the server.
		return repeatable || a.notSent
	default:
		return retryableStatus(repeatable, a.resp.StatusCode)
	}
}

// finish turns the last attempt into do's result. exhausted: that attempt
// would have been retried, but the budget is spent.
func (c *Client) finish(ctx context.Context, method, path string, a attempt, n int, exhausted, repeatable bool) ([]byte, error) {
	if a.err != nil {
		return nil, c.failure(ctx, method, path, a, n, exhausted, repeatable)
	}
	status := a.resp.StatusCode
	if status >= 200 && status <= 299 {
		return a.body, nil
	}
	apiErr := newAPIError(method, path, status, a.body)
	apiErr.BaseURL = c.shownURL
	apiErr.AfterLostAnswer = a.afterUnknown
	apiErr.RetryAfter = c.retryAfter(a.resp)
	var out error = apiErr
	if exhausted && n > 1 {
		out = &retriesExhaustedError{attempts: n, err: apiErr}
	}
	if !repeatable && status >= 500 {
		return nil, &OutcomeUnknownError{Method: method, Path: path, Err: out}
	}
	return nil, out
}

// failure classifies an attempt that came back without a usable response.
func (c *Client) failure(ctx context.Context, method, path string, a attempt, n int, exhausted, repeatable bool) error {
	err := &TransportError{Method: method, Path: path, BaseURL: c.shownURL, Err: a.err}
	if exhausted && n > 1 && ctx.Err() == nil {
		err.Attempts = n
	}
	if !repeatable && !a.notSent {
		return &OutcomeUnknownError{Method: method, Path: path, Err: err}
	}
	return err
}

// isDialError reports errors that happen before anything is sent.
func isDialError(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// retriesExhaustedError wraps the last error once the retry budget is spent.
type retriesExhaustedError struct {
	attempts int
	err      error
}

func (e *retriesExhaustedError) Error() string {
	return fmt.Sprintf("%v (giving up after %d attempts)", e.err, e.attempts)
}

func (e *retriesExhaustedError) Unwrap() error { return e.err }

// Attempts returns how many attempts a call made before it gave up with err,
// when its retries ran out; 0 otherwise.
func Attempts(err error) int {
	var re *retriesExhaustedError
	if errors.As(err, &re) {
		return re.attempts
	}
	var te *TransportError
	if errors.As(err, &te) {
		return te.Attempts
	}
	return 0
}

// readBody reads and closes the body, bounded by maxResponseBytes.
func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 && n <= maxResponseBytes {
		// One allocation for the answers a refresh reads most (a schema
		// config of hundreds of tables), instead of growing by doubling.
		buf.Grow(int(n) + bytes.MinRead) // ReadFrom wants MinRead free to see the end
	}
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading response body: %w", err)
	}
	b := buf.Bytes()
	if len(b) > maxResponseBytes {
		return nil, fmt.Errorf("response body larger than %d bytes", maxResponseBytes)
	}
	return b, nil
}

// envelope is the Fivetran response wrapper.
type envelope struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// decodeJSON decodes b into out with UseNumber (so untyped numbers, e.g. in
// config maps, become json.Number).
func decodeJSON(b []byte, out any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(out); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// decodeData decodes the envelope's data into out; data is required.
func decodeData(method, path string, body []byte, out any) error {
	var env envelope
	if err := decodeJSON(body, &env); err != nil {
		return fmt.Errorf("%s %s: invalid JSON response: %w", method, path, err)
	}
	if len(env.Data) == 0 || bytes.Equal(env.Data, []byte("null")) {
		return fmt.Errorf("%s %s: response has no data (code %q)", method, path, env.Code)
	}
	if err := decodeJSON(env.Data, out); err != nil {
		return fmt.Errorf("%s %s: decoding response data: %w", method, path, err)
	}
	return nil
}

// decodeTyped decodes the envelope and its data in one pass, for data types
// with no untyped values (which need decodeData's UseNumber). A refresh of
// fivetran_connection_schema decodes a whole schema config per connection;
// decodeData's envelope-then-data decoding scans it four times.
func decodeTyped[T any](method, path string, body []byte) (*T, error) {
	var env struct {
		Code string `json:"code"`
		Data *T     `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("%s %s: invalid JSON response: %w", method, path, err)
	}
	if env.Data == nil {
		return nil, fmt.Errorf("%s %s: response has no data (code %q)", method, path, env.Code)
	}
	return env.Data, nil
}

// call performs a request and decodes the response's data into out.
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body, out any, opts RequestOptions) error {
	b, err := c.do(ctx, method, path, query, body, opts)
	if err != nil {
		return err
	}
	return decodeData(method, path, b, out)
}

// callObj calls prefix/{id}[suffix] and returns the decoded data.
func callObj[T any](ctx context.Context, c *Client, method, prefix, id, suffix string, body any, opts RequestOptions) (*T, error) {
	p, err := objPath(prefix, id, suffix)
	if err != nil {
		return nil, err
	}
	var out T
	if err := c.call(ctx, method, p, nil, body, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// deleteObj performs DELETE prefix/{id}; the response carries no data.
func (c *Client) deleteObj(ctx context.Context, prefix, id string, opts RequestOptions) error {
	return c.noData(ctx, http.MethodDelete, prefix, id, "", nil, opts)
}

// noData performs method prefix/{id}suffix for an answer that carries only
// code and message: an empty body is tolerated, a non-empty one must be JSON.
func (c *Client) noData(ctx context.Context, method, prefix, id, suffix string, body any, opts RequestOptions) error {
	p, err := objPath(prefix, id, suffix)
	if err != nil {
		return err
	}
	b, err := c.do(ctx, method, p, nil, body, opts)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	var env envelope
	if err := decodeJSON(b, &env); err != nil {
		return fmt.Errorf("%s %s: invalid JSON response: %w", method, p, err)
	}
	return nil
}

// seg escapes one caller-supplied path segment.
func seg(s string) string { return url.PathEscape(s) }

// objPath builds prefix/{id}[suffix] with id escaped, refusing an empty id
// (which would silently address the collection instead).
func objPath(prefix, id, suffix string) (string, error) {
	if id == "" {
		return "", fmt.Errorf("fivetran: empty id for %s/{id}%s", prefix, suffix)
	}
	return prefix + "/" + seg(id) + suffix, nil
}

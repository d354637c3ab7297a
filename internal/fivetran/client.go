package fivetran

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Defaults applied by New for zero Config fields.
const (
	DefaultBaseURL        = "https://api.fivetran.com/v1"
	DefaultUserAgent      = "terraform-provider-fivetran/dev"
	DefaultRequestTimeout = 60 * time.Second
	DefaultMaxRetries     = 6
	DefaultRetryWaitMin   = 1 * time.Second
	DefaultRetryWaitMax   = 30 * time.Second
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
	// tests are bounded by the caller's context instead (see withSetupTests).
	RequestTimeout time.Duration
	// MaxRetries is the number of retries after the first attempt. Default 6
	// (used when 0); a negative value means no retries.
	MaxRetries int
	// RetryWaitMin is the first backoff wait. Default 1s.
	RetryWaitMin time.Duration
	// RetryWaitMax caps both the exponential backoff and Retry-After. Default 30s.
	RetryWaitMax time.Duration
}

// Client calls the Fivetran REST API. It is safe for concurrent use.
type Client struct {
	baseURL   string // without trailing slash
	apiKey    string
	apiSecret string
	userAgent string
	timeout   time.Duration
	rc        *retryablehttp.Client

	// retryAfterUnit is the unit of the integer Retry-After header: one
	// second in production; tests shrink it to keep runs fast.
	retryAfterUnit time.Duration
}

// New validates cfg, applies defaults and returns a Client. It fails when the
// key or secret is empty or BaseURL is not an absolute http(s) URL.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" || cfg.APISecret == "" {
		return nil, errors.New("fivetran: API key and API secret are required")
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("fivetran: invalid base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fivetran: invalid base URL %q: must be an absolute http(s) URL", base)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("fivetran: invalid base URL %q: must not contain a query or fragment", base)
	}
	base = strings.TrimRight(base, "/")

	c := &Client{
		baseURL:        base,
		apiKey:         cfg.APIKey,
		apiSecret:      cfg.APISecret,
		userAgent:      cfg.UserAgent,
		timeout:        cfg.RequestTimeout,
		retryAfterUnit: time.Second,
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.timeout <= 0 {
		c.timeout = DefaultRequestTimeout
	}
	maxRetries := cfg.MaxRetries
	switch {
	case maxRetries == 0:
		maxRetries = DefaultMaxRetries
	case maxRetries < 0:
		maxRetries = 0
	}
	waitMin, waitMax := cfg.RetryWaitMin, cfg.RetryWaitMax
	if waitMin <= 0 {
		waitMin = DefaultRetryWaitMin
	}
	if waitMax <= 0 {
		waitMax = DefaultRetryWaitMax
	}
	if waitMax < waitMin {
		waitMax = waitMin
	}

	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	baseRT := hc.Transport
	if baseRT == nil {
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			baseRT = dt.Clone() // own connection pool
		} else {
			baseRT = http.DefaultTransport
		}
	}
	hc.Transport = &attemptTransport{base: baseRT, timeout: c.timeout}

	c.rc = &retryablehttp.Client{
		HTTPClient:   &hc,
		Logger:       nil, // we log ourselves, without URLs' query values or bodies
		RetryWaitMin: waitMin,
		RetryWaitMax: waitMax,
		RetryMax:     maxRetries,
		CheckRetry:   checkRetry,
		Backoff:      c.backoff,
		ErrorHandler: errorHandler,
	}
	return c, nil
}

// callState follows one logical call across its attempts. It travels in the
// request context so that the transport, CheckRetry and the response handler
// (all run by retryablehttp on the caller's goroutine) can share it.
type callState struct {
	method, path string

	attempts  int  // attempts started
	retryable bool // the last attempt's outcome would be retried by policy

	// per attempt
	notSent  bool   // the last attempt certainly did not reach the server
	body     []byte // response body of the last attempt, once read
	bodyRead bool
}

type callStateKey struct{}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(callStateKey{}).(*callState)
	return st
}

// attemptTransport wraps the base transport to give each attempt its own
// timeout, to record whether the request was written, and to log the attempt.
type attemptTransport struct {
	base    http.RoundTripper
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st := stateFrom(req.Context())
	if st == nil {
		st = &callState{method: req.Method, path: req.URL.Path}
	}
	st.attempts++
	st.notSent = false
	st.body, st.bodyRead = nil, false
	attempt := st.attempts

	// WroteHeaders may run on the transport's writer goroutine.
	wrote := new(atomic.Bool)
	var ctx context.Context
	var cancel context.CancelFunc
	if runsSetupTests(req.Context()) {
		ctx, cancel = context.WithCancel(req.Context())
	} else {
		ctx, cancel = context.WithTimeout(req.Context(), t.timeout)
	}
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteHeaders: func() { wrote.Store(true) },
	})
	start := time.Now()
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	fields := map[string]any{
		"method":      st.method,
		"path":        st.path,
		"attempt":     attempt,
		"duration_ms": time.Since(start).Milliseconds(),
	}
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded && req.Context().Err() == nil {
			err = fmt.Errorf("attempt timed out after %s: %w", t.timeout, err)
		}
		cancel()
		st.notSent = !wrote.Load() || isDialError(err)
		fields["error"] = errorWithoutURL(err)
		tflog.Debug(req.Context(), "Fivetran API request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	tflog.Debug(req.Context(), "Fivetran API request", fields)
	// The attempt's deadline also covers reading the body; closing it ends the attempt.
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type setupTestsKey struct{}

// withSetupTests marks a request that makes Fivetran run setup tests when run
// says so (nil: byDefault, the API's default for that request). Fivetran
// answers such a request only when the tests are done, which takes seconds
// to minutes, so it is bounded by the caller's context (the operation's
// timeout) rather than RequestTimeout: a slow but successful create must not
// time out and become "outcome unknown".
func withSetupTests(ctx context.Context, run *bool, byDefault bool) context.Context {
	if (run == nil && byDefault) || (run != nil && *run) {
		return context.WithValue(ctx, setupTestsKey{}, true)
	}
	return ctx
}

func runsSetupTests(ctx context.Context) bool { return ctx.Value(setupTestsKey{}) != nil }

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
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

// errorWithoutURL strips the *url.Error wrapper (which repeats the full URL).
func errorWithoutURL(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// checkRetry is the retryablehttp.CheckRetry policy described in the package doc.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := stateFrom(ctx)
	retry := func() bool {
		if ctx.Err() != nil {
			return false
		}
		post := st != nil && st.method == http.MethodPost
		if err != nil {
			if post {
				return st.notSent
			}
			return true
		}
		if resp == nil {
			return false
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
			return true
		case http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return !post
		}
		return false
	}()
	if st != nil {
		st.retryable = retry
	}
	return retry, nil
}

// errorHandler hands the last response or error back to Client.do, which
// turns it into the right error type.
func errorHandler(resp *http.Response, err error, _ int) (*http.Response, error) {
	return resp, err
}

// backoff implements retryablehttp.Backoff: Retry-After (integer seconds,
// capped at max) on 429, otherwise exponential backoff with jitter.
func (c *Client) backoff(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
		if n, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil && n > 0 {
			unit := c.retryAfterUnit
			if unit <= 0 {
				unit = time.Second
			}
			if int64(n) > int64(maxWait/unit) {
				return maxWait
			}
			return time.Duration(n) * unit
		}
	}
	return expBackoff(minWait, maxWait, attemptNum)
}

// expBackoff returns a wait in [max(minWait, d/2), d], d = minWait*2^attemptNum capped at maxWait.
func expBackoff(minWait, maxWait time.Duration, attemptNum int) time.Duration {
	d := maxWait
	if attemptNum < 32 {
		if m := minWait << uint(attemptNum); m > 0 && m < maxWait {
			d = m
		}
	}
	half := d / 2
	wait := half + time.Duration(rand.Int64N(int64(d-half)+1)) //nolint:gosec // G404: retry jitter only needs to spread clients out, not to be unpredictable
	if wait < minWait {
		wait = minWait
	}
	if wait > maxWait {
		wait = maxWait
	}
	return wait
}

// do performs one logical API call (with retries) and returns the body of a
// 2xx response. path is relative to the base URL and already escaped.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body any, v2 bool) ([]byte, error) {
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

	st := &callState{method: method, path: path}
	ctx = context.WithValue(ctx, callStateKey{}, st)
	var rawBody any // nil interface: no body
	if payload != nil {
		rawBody = payload
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u, rawBody)
	if err != nil {
		return nil, fmt.Errorf("%s %s: building request: %w", method, path, err)
	}
	req.SetBasicAuth(c.apiKey, c.apiSecret)
	req.Header.Set("User-Agent", c.userAgent)
	if v2 {
		req.Header.Set("Accept", acceptV2)
	} else {
		req.Header.Set("Accept", acceptV1)
	}
	if method == http.MethodPost || method == http.MethodPatch {
		req.Header.Set("Content-Type", "application/json")
	}
	// Read the whole body inside the attempt, so a failed read counts as a
	// failed attempt (retried when the method allows it).
	req.SetResponseHandler(func(resp *http.Response) error {
		b, err := readBody(resp)
		st.body, st.bodyRead = b, err == nil
		return err
	})

	resp, err := c.rc.Do(req)
	if resp != nil {
		defer drainAndClose(resp.Body)
	}
	if err != nil {
		return nil, c.failure(ctx, st, err)
	}
	respBody := st.body
	if !st.bodyRead {
		// Retries were exhausted on a retryable status: the handler did not run.
		if respBody, err = readBody(resp); err != nil {
			respBody = nil
		}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := newAPIError(method, path, resp.StatusCode, respBody)
		var out error = apiErr
		if st.retryable && st.attempts > 1 {
			out = &retriesExhaustedError{attempts: st.attempts, err: apiErr}
		}
		if method == http.MethodPost && resp.StatusCode >= 500 {
			return nil, &OutcomeUnknownError{Method: method, Path: path, Err: out}
		}
		return nil, out
	}
	return respBody, nil
}

// failure classifies an error that came without a usable response.
func (c *Client) failure(ctx context.Context, st *callState, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is already named by method and path
	}
	if st.method == http.MethodPost && st.attempts > 0 && !st.notSent {
		return &OutcomeUnknownError{Method: st.method, Path: st.path, Err: err}
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%s %s: %w", st.method, st.path, err)
	}
	if st.retryable && st.attempts > 1 {
		return fmt.Errorf("%s %s: giving up after %d attempts: %w", st.method, st.path, st.attempts, err)
	}
	return fmt.Errorf("%s %s: %w", st.method, st.path, err)
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

func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading response body: %w", err)
	}
	if len(b) > maxResponseBytes {
		return nil, fmt.Errorf("response body larger than %d bytes", maxResponseBytes)
	}
	return b, nil
}

func drainAndClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	_ = body.Close()
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

// call performs a request and decodes the response's data into out.
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body, out any, v2 bool) error {
	b, err := c.do(ctx, method, path, query, body, v2)
	if err != nil {
		return err
	}
	return decodeData(method, path, b, out)
}

// callObj calls prefix/{id}[suffix] and returns the decoded data.
func callObj[T any](ctx context.Context, c *Client, method, prefix, id, suffix string, body any, v2 bool) (*T, error) {
	p, err := objPath(prefix, id, suffix)
	if err != nil {
		return nil, err
	}
	var out T
	if err := c.call(ctx, method, p, nil, body, &out, v2); err != nil {
		return nil, err
	}
	return &out, nil
}

// deleteObj performs DELETE prefix/{id}; the response carries no data. An
// empty body is tolerated, a non-empty one must be JSON.
func (c *Client) deleteObj(ctx context.Context, prefix, id string, v2 bool) error {
	p, err := objPath(prefix, id, "")
	if err != nil {
		return err
	}
	b, err := c.do(ctx, http.MethodDelete, p, nil, nil, v2)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	var env envelope
	if err := decodeJSON(b, &env); err != nil {
		return fmt.Errorf("%s %s: invalid JSON response: %w", http.MethodDelete, p, err)
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

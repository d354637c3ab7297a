package fivetran

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// This file holds every interval and budget of the client, each with the rule
// it serves. The provider's own waits (looking for a create's object,
// waiting for a destination delete, a discovery or a sync) are the
// provider's; it reads these defaults from here and never repeats them.

// Defaults of Config's timing fields, applied by New for zero values.
const (
	// DefaultRequestTimeout bounds one attempt: connect, send and read the
	// whole answer. Requests that run setup tests are bounded by the
	// caller's context instead (RequestOptions.RunsSetupTests).
	DefaultRequestTimeout = 60 * time.Second
	// DefaultMaxRetries is how many times a request is sent again after its
	// first attempt, when the rules allow (see shouldRetry): seven attempts
	// in all.
	DefaultMaxRetries = 6
	// DefaultRetryWaitMin is the first wait between attempts; it doubles
	// with each retry (with jitter) up to DefaultRetryWaitMax.
	DefaultRetryWaitMin = 1 * time.Second
	// DefaultRetryWaitMax caps each wait between attempts, a Retry-After
	// included. With the defaults the waits are about 1, 2, 4, 8, 16 and 30
	// seconds: a request gives up after about a minute of waiting, plus its
	// attempts.
	DefaultRetryWaitMax = 30 * time.Second
)

// backoff is the wait before retry number attemptNum+1: Retry-After (integer
// seconds, capped at max) on 429, otherwise exponential backoff with jitter.
func (c *Client) backoff(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if d := c.retryAfter(resp); d > 0 {
		return min(d, maxWait)
	}
	return expBackoff(minWait, maxWait, attemptNum)
}

// retryAfter is a 429's Retry-After (integer seconds), at most an hour; 0
// when the answer is not a 429 or has no such header.
func (c *Client) retryAfter(resp *http.Response) time.Duration {
	if resp == nil || resp.StatusCode != http.StatusTooManyRequests {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After")))
	if err != nil || n <= 0 {
		return 0
	}
	unit := c.retryAfterUnit
	if unit <= 0 {
		unit = time.Second
	}
	if int64(n) > int64(time.Hour/unit) {
		return time.Hour // no wait longer than the budget's window makes sense
	}
	return time.Duration(n) * unit
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

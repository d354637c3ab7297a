// Package fivetran is a small client for the Fivetran REST API
// (https://api.fivetran.com/v1) covering groups, destinations, connections,
// proxy agents, private links, hybrid deployment agents and connector
// metadata. It knows nothing of Terraform except
// that it logs through github.com/hashicorp/terraform-plugin-log/tflog.
//
// # Transport
//
// Every request uses HTTP Basic authentication with the API key and secret,
// sends the configured User-Agent, and sends Content-Type: application/json
// on every POST and PATCH (even bodiless ones). Connection and destination
// endpoints that the API versions through the media type are called with
// Accept: application/json;version=2; all others with Accept: application/json.
//
// Responses use the Fivetran envelope {"code", "message", "data"}. The HTTP
// status is checked before anything is decoded: a non-2xx status becomes an
// *APIError (with the envelope's code and message when the body is JSON, or
// a short excerpt of the body otherwise, e.g. for an HTML 502 page).
// Only IsNotFoundKind decides that an object is gone: a 404 with the code of
// the addressed object's own kind. The plain NotFound that unknown routes
// answer (a base URL without /v1) proves nothing.
//
// A call that gets no usable answer (connection refused, DNS failure,
// timeout, dropped connection) returns a *TransportError naming the base
// URL, without user info. Config.BaseURL may be the API's root: a URL with no
// path gets /v1 (NormalizeBaseURL).
// Service-specific config maps are decoded with json.Decoder.UseNumber, so
// numbers arrive as json.Number.
//
// # Retries
//
// Each typed call states its RequestOptions: the Accept version, whether the
// request is repeatable, and whether it runs setup tests. Requests are
// retried with exponential backoff and jitter (Config.RetryWaitMin doubling
// per attempt, capped at Config.RetryWaitMax), at most Config.MaxRetries
// times after the first attempt, and never beyond the caller's context. The
// intervals and their defaults are in timing.go. The rules are:
//
//   - 429 Too Many Requests is retried for every request, because the server
//     did not act. An integer Retry-After header (seconds) is honoured, capped
//     at RetryWaitMax; a missing or malformed one falls back to the normal
//     backoff.
//   - 500, 502, 503, 504 and network errors (including the per-attempt
//     timeout, Config.RequestTimeout) are retried for repeatable requests:
//     every GET, PATCH and DELETE, and the POSTs that Fivetran may receive
//     twice (sync, re-sync, table re-sync, schema reload, setup tests, a new
//     Connect Card). When one of them meets 409 after an earlier attempt got
//     no definitive answer, the *APIError says so (AfterLostAnswer).
//   - A POST that creates an object is retried only when the server certainly
//     did not act: a 429, or a failure before any byte of the request was
//     written (connection refused, DNS failure, TLS handshake failure). Any
//     other failure (a 5xx, a timeout, a connection reset or EOF after the
//     request was sent) is not retried and is returned as an
//     *OutcomeUnknownError: the server may or may not have created the
//     object, so the caller must look before trying again. A proxy
//     agent's secrets regeneration and a hybrid deployment agent's
//     re-authentication (a PATCH, RequestOptions.Once) follow the same
//     rule: each replaces the agent's secrets, so it is not sent again once
//     it may have acted. A private link's create meets a limit of its own,
//     a few an hour: its 429 is returned at once with the Retry-After
//     (RequestOptions.OwnLimit), for the caller to wait out or report.
//   - Any other 4xx is never retried.
//
// The loop that applies these rules is plain code in Client.do: attempt,
// shouldRetry, backoff, finish. Idle connections are closed only after an
// exchange that failed (no answer): an answer, whatever its status, leaves
// the connection fit for reuse.
//
// # Pacing
//
// Before each attempt the pacer (pace.go) may hold the request back, so that
// a large plan or apply slows down instead of meeting 429: for the user's cap
// (Config.RequestsPerHour), when the answers' X-Rate-Limit-Remaining says the
// account's budget is low, after a 429's Retry-After, and, once a create has
// met 429, for the creates of that route. Client.Usage reports the requests
// sent by route and the time spent held back. Waits end with the caller's
// context; a request held back is never sent, so a create held back is not an
// *OutcomeUnknownError.
//
// When retries are exhausted the last error is returned (an *APIError when
// there was a status, a *TransportError otherwise) with the number of
// attempts stated. Cancelling the caller's context stops everything promptly,
// including a backoff wait.
//
// # Logging
//
// Each attempt is logged at Debug level with the fields method, path,
// attempt, status (or error) and duration_ms. The Authorization header and
// request and response bodies are never logged, since they can carry secrets.
// The secrets of a proxy agent (ProxyAgentSecrets) and the credentials of a
// hybrid deployment agent (HybridAgentCredentials) print redacted with every
// fmt verb, and an answer that carries them is never quoted in an error.
package fivetran

package fivetran

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds of APIError.Message: an excerpt of a non-JSON body keeps at most
// maxExcerpt characters; any message, Fivetran's own included, at most
// maxMessageBytes bytes (a diagnostic quotes it whole).
const (
	maxExcerpt      = 200
	maxMessageBytes = 400
)

// APIError is a non-2xx response from the API.
type APIError struct {
	Method, Path string
	StatusCode   int
	// Code is the Fivetran "code" (e.g. "NotFound_Group"); "" when the body was not JSON.
	Code string
	// Message is the Fivetran "message" (cut at 400 bytes); for a non-JSON
	// body, a short trimmed excerpt of it (at most 200 characters and 400
	// bytes), or http.StatusText when empty.
	Message string
	// BaseURL is the base URL the call used (without credentials), for
	// messages: a 404 of an unknown route usually means a wrong base URL.
	BaseURL string
	// AfterLostAnswer: the answer came to a repeated request, and an earlier
	// attempt reached Fivetran without a definitive answer (a 5xx, or no
	// answer), so this answer may describe what that attempt did. A re-sync
	// that meets 409 Conflict then most likely met the re-sync it started.
	AfterLostAnswer bool
	// RetryAfter is a 429's Retry-After (0: none, or not a 429).
	RetryAfter time.Duration
}

// Error renders e.g. `GET /groups/x: HTTP 404 NotFound_Group: Group with id 'x' does not exist`.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

func newAPIError(method, path string, status int, body []byte) *APIError {
	e := &APIError{Method: method, Path: path, StatusCode: status}
	var env struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if len(body) > 0 && json.Unmarshal(body, &env) == nil {
		e.Code = env.Code
		e.Message = clip(strings.TrimSpace(env.Message), maxMessageBytes)
	} else {
		e.Message = excerpt(string(body))
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// excerpt collapses whitespace and truncates s to maxExcerpt characters.
func excerpt(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxExcerpt {
		s = string([]rune(s)[:maxExcerpt-3]) + "..."
	}
	return clip(s, maxMessageBytes)
}

// clip cuts s to at most maxBytes bytes at a character boundary, ending in
// "..." when it cut.
func clip(s string, maxBytes int) string {
	if len(s) <= maxBytes {
		return s
	}
	cut := maxBytes - len("...")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// Kind names the kind of object a call addresses, for IsNotFoundKind.
//
// There is deliberately no kind-less "is not found": a 404 with the plain
// NotFound code is also what every unknown route answers (a base URL without
// /v1, a proxy's path), so only the code of the addressed object's own kind
// proves that the object is gone.
type Kind int

// The kinds of object whose "not found" answer the API spells with its own
// code.
const (
	KindGroup       Kind = iota + 1 // NotFound_Group
	KindDestination                 // NotFound_Destination
	KindConnection                  // NotFound_Connection, or the legacy NotFound_Connector
	// KindConnectorType is connector-type metadata. Its only not-found
	// answer is the plain NotFound that an unknown route gives too, so the
	// caller must confirm it (e.g. by listing the connector types).
	KindConnectorType
	// KindProxyAgent is a proxy agent. Its only not-found answer is the
	// plain NotFound that an unknown route gives too, so the caller must
	// confirm it (e.g. with ListProxyAgents) before treating the agent as
	// gone.
	KindProxyAgent
	// KindPrivateLink is a private link. Its only not-found answer is the
	// plain NotFound too, so the caller confirms it (e.g. with
	// ListPrivateLinks) before treating the link as gone.
	KindPrivateLink
	// KindHybridAgent is a hybrid deployment agent: NotFound_RemoteExecutionAgent.
	KindHybridAgent
	// KindWebhook is a webhook. No recorded answer shows its NotFound's
	// code: NotFound_Webhook is taken as a hint like the plain NotFound,
	// and the caller confirms either with ListWebhooks.
	KindWebhook
	// KindUser is a user. The live API answers an unknown user with the
	// plain NotFound (recorded by another client's live end-to-end test);
	// NotFound_User is taken too. Both are only hints, which the caller
	// confirms with ListUsers.
	KindUser
	KindTeam // NotFound_Team
	// KindExternalLogging is a log service. A recorded live answer shows
	// only that its code starts with NotFound: NotFound_LogService (the code
	// another client's resource checks) and the plain NotFound are hints,
	// which the caller confirms with ListExternalLogging.
	KindExternalLogging
	// KindApproval is an approved certificate or fingerprint. One that is
	// not approved answers the plain NotFound, which an unknown route
	// answers too: the caller confirms it with the owner's list.
	KindApproval
)

// notFoundCodes are the codes that prove an object of a kind is gone.
var notFoundCodes = map[Kind][]string{
	KindGroup:           {"NotFound_Group"},
	KindDestination:     {"NotFound_Destination"},
	KindConnection:      {"NotFound_Connection", "NotFound_Connector"},
	KindConnectorType:   {"NotFound"},
	KindProxyAgent:      {"NotFound"},
	KindPrivateLink:     {"NotFound"},
	KindHybridAgent:     {"NotFound_RemoteExecutionAgent"},
	KindWebhook:         {"NotFound_Webhook", "NotFound"},
	KindUser:            {"NotFound_User", "NotFound"},
	KindTeam:            {"NotFound_Team"},
	KindExternalLogging: {"NotFound_LogService", "NotFound"},
	KindApproval:        {"NotFound"},
}

// String returns the kind's name as the API spells it in its codes.
func (k Kind) String() string {
	switch k {
	case KindGroup:
		return "Group"
	case KindDestination:
		return "Destination"
	case KindConnection:
		return "Connection"
	case KindConnectorType:
		return "ConnectorType"
	case KindProxyAgent:
		return "ProxyAgent"
	case KindPrivateLink:
		return "PrivateLink"
	case KindHybridAgent:
		return "RemoteExecutionAgent"
	case KindWebhook:
		return "Webhook"
	case KindUser:
		return "User"
	case KindTeam:
		return "Team"
	case KindExternalLogging:
		return "ExternalLogging"
	case KindApproval:
		return "Approval"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// IsNotFoundKind reports whether err proves that the addressed object of
// kind k does not exist: status 404 with that kind's own code (NotFound_Group,
// NotFound_Destination, NotFound_Connection or NotFound_Connector,
// NotFound_RemoteExecutionAgent for a hybrid deployment agent). Any other
// 404 (a plain NotFound, which is what an unknown route answers, e.g. when the
// base URL lacks /v1; an HTML page from a proxy; another kind's code) proves
// nothing about the object and does not count. The exceptions are
// KindConnectorType, KindProxyAgent, KindPrivateLink, KindWebhook and KindUser, whose
// not-found answer is the plain NotFound (or not established): for them a
// true result is only a hint, which the caller confirms with a list.
func IsNotFoundKind(err error, k Kind) bool {
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != http.StatusNotFound {
		return false
	}
	for _, code := range notFoundCodes[k] {
		if strings.EqualFold(e.Code, code) {
			return true
		}
	}
	return false
}

// IsConflictAfterLostAnswer reports a 409 Conflict answered to a request
// that was sent again after an earlier attempt's answer was lost: the
// conflict may be with what that attempt did.
func IsConflictAfterLostAnswer(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == http.StatusConflict && e.AfterLostAnswer
}

// IsConflict reports whether err is a 409 Conflict.
func IsConflict(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == http.StatusConflict
}

// IsUnauthorized reports whether err is a 401 or 403.
func IsUnauthorized(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden)
}

// OutcomeUnknownError is returned for a POST whose outcome is unknown: the
// request was sent, then the server answered 5xx, the attempt timed out, or
// the connection dropped. The server may or may not have acted (e.g. created
// the object), so the caller must check before retrying.
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

func (e *OutcomeUnknownError) Error() string {
	prefix := e.Method + " " + e.Path + ": "
	cause := "unknown cause"
	if e.Err != nil {
		cause = strings.TrimPrefix(e.Err.Error(), prefix)
	}
	return fmt.Sprintf("%soutcome unknown: the request was sent but no definitive answer came back (%s); "+
		"the server may or may not have acted on it, so check the current state before retrying",
		prefix, cause)
}

// Unwrap returns the cause (an *APIError when there was a status).
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err is (or wraps) an *OutcomeUnknownError.
func IsOutcomeUnknown(err error) bool {
	var e *OutcomeUnknownError
	return errors.As(err, &e)
}

// TransportError is a call that got no usable answer from the API: the
// connection was refused, the name did not resolve, an attempt or the
// caller's deadline ran out, the connection dropped, or the body could not be
// read. It names the base URL that was used (never with credentials), since
// a wrong URL is the usual cause.
type TransportError struct {
	Method, Path string
	BaseURL      string
	// Attempts is set when the call was retried until its budget ran out.
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: no answer from the Fivetran API at %s", e.Method, e.Path, e.BaseURL)
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (giving up after %d attempts)", e.Attempts)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause (net and context errors stay matchable).
func (e *TransportError) Unwrap() error { return e.Err }

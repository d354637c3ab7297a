package fivetran

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxExcerpt bounds the body excerpt used as Message for non-JSON error bodies.
const maxExcerpt = 200

// APIError is a non-2xx response from the API.
type APIError struct {
	Method, Path string
	StatusCode   int
	// Code is the Fivetran "code" (e.g. "NotFound_Group"); "" when the body was not JSON.
	Code string
	// Message is the Fivetran "message"; for a non-JSON body, a short trimmed
	// excerpt of it (at most 200 characters), or http.StatusText when empty.
	Message string
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
		e.Message = strings.TrimSpace(env.Message)
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
	if utf8.RuneCountInString(s) <= maxExcerpt {
		return s
	}
	r := []rune(s)
	return string(r[:maxExcerpt-3]) + "..."
}

// IsNotFound reports whether err is a 404 whose code starts with "NotFound"
// (NotFound_Group, NotFound_Connector, plain NotFound, ...). A 404 without
// such a code (e.g. an HTML page from a proxy) does not count.
func IsNotFound(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound && strings.HasPrefix(e.Code, "NotFound")
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

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// This file is the one place for the wording of API failures, so that every
// resource says "Unable to <verb> <object>" and ends with Fivetran's own code
// and message.

// addAPIError appends an error diagnostic for a failed API call. Only a
// create can end with an unknown outcome (every other request is retried
// until it is answered), and only there does "import the object" fit.
func addAPIError(diags *diag.Diagnostics, verb, object, id string, err error) {
	summary := fmt.Sprintf("Unable to %s %s", verb, object)
	var b strings.Builder
	if id != "" {
		fmt.Fprintf(&b, "%s %q: ", capitalize(object), id)
	}
	b.WriteString(explainError(err))
	if verb == "create" && fivetran.IsOutcomeUnknown(err) {
		b.WriteString(" If the " + object + " exists in Fivetran, import it (terraform import) instead of creating it again.")
	}
	diags.AddError(summary, b.String())
}

// explainError turns a client error into a sentence for a human.
func explainError(err error) string {
	var apiErr *fivetran.APIError
	var unknown *fivetran.OutcomeUnknownError
	switch {
	case errors.As(err, &unknown):
		what := "no answer came back"
		if errors.Is(err, context.DeadlineExceeded) {
			what = "the operation timed out (see the resource's timeouts and the provider's request_timeout) before an answer came back"
		}
		return "the request was sent but " + what + ", so Fivetran may or may not have acted on it; check in Fivetran before trying again. Cause: " +
			unknown.Err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "the operation timed out (see the resource's timeouts and the provider's request_timeout): " + err.Error()
	case fivetran.IsUnauthorized(err):
		return "Fivetran refused the credentials (check api_key and api_secret, or FIVETRAN_APIKEY and FIVETRAN_APISECRET): " + err.Error()
	case errors.As(err, &apiErr):
		code := apiErr.Code
		if code == "" {
			code = fmt.Sprintf("HTTP %d", apiErr.StatusCode)
		}
		msg := fmt.Sprintf("Fivetran answered %s: %s", code, apiErr.Message)
		if n := fivetran.Attempts(err); n > 1 {
			msg = strings.TrimRight(msg, ".") + fmt.Sprintf(" (the last of %d attempts).", n)
		}
		if apiErr.StatusCode == http.StatusNotFound && !strings.HasPrefix(apiErr.Code, "NotFound_") {
			// Not the code of an object's kind: the route itself is unknown,
			// which is what a wrong base URL gives.
			msg = strings.TrimRight(msg, ".") + fmt.Sprintf(". This 404 does not name a missing object: the API at %s may not be Fivetran's API root. "+
				"Check api_url (or %s): it is the API's root, such as %s.", apiErr.BaseURL, EnvAPIURL, defaultAPIURL)
		}
		return msg
	default:
		return err.Error()
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// withheld is put where a message from Fivetran quoted a value the provider
// sent.
const withheld = "(value withheld)"

// minWithheldLen is the shortest sent value that is withheld: shorter ones
// ("db", "60") are common words of messages and no secret is that short.
const minWithheldLen = 4

// withholdSent returns err with every string value of sent (config and auth
// maps, at any depth) replaced by "(value withheld)" in Fivetran's message
// and in the error's text. Fivetran's validation messages quote the value
// given ("Field 'auth' has an invalid value '…'"), and the provider cannot
// know which values are secrets, so none of them is repeated (DESIGN.md,
// "What a diagnostic may quote"). Call it on the error of every request
// that carried config or auth, before explaining it.
func withholdSent(err error, sent ...map[string]any) error {
	if err == nil {
		return nil
	}
	var values []string
	for _, m := range sent {
		values = collectStrings(m, values)
	}
	if len(values) == 0 {
		return err
	}
	// Longest first, so that a value holding a shorter one is withheld whole.
	slices.SortFunc(values, func(a, b string) int { return len(b) - len(a) })
	scrub := func(s string) string {
		for _, v := range values {
			s = strings.ReplaceAll(s, v, withheld)
		}
		return s
	}
	w := &withheldError{err: err, text: scrub(err.Error())}
	var apiErr *fivetran.APIError
	if errors.As(err, &apiErr) {
		c := *apiErr
		c.Message = scrub(c.Message)
		w.api = &c
	}
	return w
}

func collectStrings(v any, out []string) []string {
	switch x := v.(type) {
	case string:
		if len(x) >= minWithheldLen && x != withheld {
			out = append(out, x)
		}
	case map[string]any:
		for _, e := range x {
			out = collectStrings(e, out)
		}
	case []any:
		for _, e := range x {
			out = collectStrings(e, out)
		}
	}
	return out
}

// withheldError is an error whose text, and Fivetran's message in it, have
// the sent values withheld. errors.As finds the scrubbed *fivetran.APIError
// (same status and code) before the original; errors.Is sees the original
// chain (context.DeadlineExceeded, for example).
type withheldError struct {
	err  error
	text string
	api  *fivetran.APIError
}

func (e *withheldError) Error() string { return e.text }
func (e *withheldError) Unwrap() error { return e.err }
func (e *withheldError) As(target any) bool {
	if t, ok := target.(**fivetran.APIError); ok && e.api != nil {
		*t = e.api
		return true
	}
	return false
}

// groupMissing reports whether a create failed because its group does not
// exist. Fivetran answers a create in a missing group with NotFound_Group or,
// per its spec, a plain NotFound, which an unknown route (a wrong base URL)
// answers too: the plain one is confirmed with one GET of the group.
func groupMissing(ctx context.Context, client *fivetran.Client, groupID string, err error) bool {
	if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
		return true
	}
	var apiErr *fivetran.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return false
	}
	_, gerr := client.GetGroup(ctx, groupID)
	return fivetran.IsNotFoundKind(gerr, fivetran.KindGroup)
}

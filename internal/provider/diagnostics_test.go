package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

func TestExplainError(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"timed out after sending", &fivetran.OutcomeUnknownError{Method: "POST", Path: "/groups", Err: context.DeadlineExceeded},
			[]string{"timed out", "may or may not have acted", "check in Fivetran"}},
		{"answer lost", &fivetran.OutcomeUnknownError{Method: "POST", Path: "/groups", Err: fmt.Errorf("EOF")},
			[]string{"no answer came back", "may or may not have acted", "Cause: EOF"}},
		{"timed out before sending", fmt.Errorf("GET /groups/x: %w", context.DeadlineExceeded), []string{"timed out", "timeouts"}},
		{"api error", &fivetran.APIError{StatusCode: 404, Code: "NotFound_Group", Message: "Group with id 'x' does not exist."},
			[]string{"NotFound_Group", "does not exist"}},
		{"html body", &fivetran.APIError{StatusCode: 502, Message: "Bad Gateway"}, []string{"HTTP 502", "Bad Gateway"}},
		{"credentials", &fivetran.APIError{StatusCode: 401, Code: "AuthFailed", Message: "no"}, []string{"refused the credentials", "FIVETRAN_APIKEY"}},
	}
	for _, c := range cases {
		got := explainError(c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", c.name, got, w)
			}
		}
	}
}

// TestIDValidatorDoesNotQuote: a rejected id is not quoted back; it may be a
// secret pasted into the wrong attribute (DESIGN.md, "What a diagnostic may
// quote").
func TestIDValidatorDoesNotQuote(t *testing.T) {
	const pasted = "ghp_Pasted Secret!"
	var resp validator.StringResponse
	idValidator{what: "group"}.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("group_id"), ConfigValue: types.StringValue(pasted),
	}, &resp)
	if resp.Diagnostics.ErrorsCount() != 1 {
		t.Fatalf("want one error, got %v", resp.Diagnostics)
	}
	d := resp.Diagnostics[0]
	if strings.Contains(d.Summary()+d.Detail(), "Pasted") {
		t.Errorf("the diagnostic quotes the value: %s: %s", d.Summary(), d.Detail())
	}
}

func TestWithholdSent(t *testing.T) {
	api := &fivetran.APIError{Method: "POST", Path: "/v1/connections", StatusCode: 400, Code: "InvalidInput",
		Message: "Field 'auth' has an invalid value 'tok-secret-1'; also 'tok-secret-12' in tokens, nested 'deep-9x', short 'db'"}
	sent := map[string]any{"auth": "tok-secret-1", "tokens": []any{"tok-secret-12"}, "tunnel": map[string]any{"key": "deep-9x"}, "host": "db", "port": 5432}
	err := withholdSent(fmt.Errorf("creating: %w", api), sent)
	text := explainError(err)
	for _, secret := range []string{"tok-secret", "deep-9x", "-12"} {
		if strings.Contains(text, secret) || strings.Contains(err.Error(), secret) {
			t.Errorf("%q shows in %q / %q", secret, text, err.Error())
		}
	}
	if !strings.Contains(text, "Fivetran answered InvalidInput: Field 'auth' has an invalid value '(value withheld)'") ||
		!strings.Contains(text, "short 'db'") {
		t.Errorf("explained as %q", text)
	}
	var got *fivetran.APIError
	if !errors.As(err, &got) || got.StatusCode != 400 || got.Code != "InvalidInput" {
		t.Errorf("the status and code are lost: %#v", got)
	}
	if api.Message == got.Message {
		t.Error("the original error was not scrubbed in the copy, or was modified in place")
	}
	if !strings.Contains(api.Message, "tok-secret-1") {
		t.Error("the original error was modified in place")
	}
	notFound := withholdSent(&fivetran.APIError{StatusCode: 404, Code: "NotFound_Group", Message: "Group 'g1' not found"}, sent)
	if !fivetran.IsNotFoundKind(notFound, fivetran.KindGroup) {
		t.Error("IsNotFound no longer sees a withheld 404")
	}
	unknown := withholdSent(&fivetran.OutcomeUnknownError{Method: "POST", Path: "/v1/groups", Err: context.DeadlineExceeded}, sent)
	if !errors.Is(unknown, context.DeadlineExceeded) {
		t.Error("errors.Is no longer sees the cause")
	}
	if withholdSent(nil, sent) != nil {
		t.Error("nil is not nil")
	}
	e := errors.New("x")
	var w *withheldError
	if errors.As(withholdSent(e, nil), &w) {
		t.Error("an error with nothing to withhold is wrapped")
	}
}

// TestAPIErrorFitsTheCall: a reload that meets 503 until its retries run out
// says what Fivetran answered and how often it was asked, never "no answer
// came back ... import it instead of creating it again", which only a create
// whose answer was lost may say.
func TestAPIErrorFitsTheCall(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"code":"ServiceUnavailable","message":"Try again later."}`)
	}))
	defer srv.Close()
	c, err := fivetran.New(fivetran.Config{APIKey: "k", APISecret: "s", BaseURL: srv.URL,
		MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var diags diag.Diagnostics
	_, err = c.ReloadConnectionSchema(ctx, "c1", "")
	addAPIError(&diags, "reload the schema of", "connection", "c1", err)
	_, err = c.CreateGroup(ctx, "g")
	addAPIError(&diags, "create", "group", "", err)
	if len(diags) != 2 {
		t.Fatalf("diagnostics: %v", diags)
	}
	reload, create := diags[0].Detail(), diags[1].Detail()
	for _, bad := range []string{"no answer", "import", "may or may not"} {
		if strings.Contains(reload, bad) {
			t.Errorf("the reload's error says %q: %s", bad, reload)
		}
	}
	if !strings.Contains(reload, "Fivetran answered ServiceUnavailable: Try again later (the last of 3 attempts).") {
		t.Errorf("the reload's error: %s", reload)
	}
	if !strings.Contains(create, "may or may not have acted") || !strings.Contains(create, "import it") {
		t.Errorf("the create's error: %s", create)
	}
}

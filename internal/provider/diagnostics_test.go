package provider

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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

// TestAccSecrets_planText: a secret from a sensitive variable never appears
// in plan or apply output (a config that is not Sensitive would print
// password = "secret" in every plan), nor in TRACE logs, nor in state
// other than where Terraform keeps it.
func TestAccSecrets_planText(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)...)
	const pgSecret, tokenSecret = "pg-secret-5e1d", "refresh-secret-0b77"
	r.write("main.tf", requiredProviders+`
variable "pg_password" {
  type      = string
  sensitive = true
  default   = "`+pgSecret+`"
}

variable "refresh_token" {
  type      = string
  sensitive = true
  default   = "`+tokenSecret+`"
}
`+baseConfig+`
resource "fivetran_connection" "pg" {
  group_id = fivetran_destination.main.group_id
  service  = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    host     = "db.example.com"
    password = var.pg_password
  }
}

resource "fivetran_connection" "ads" {
  group_id = fivetran_destination.main.group_id
  service  = "google_ads"
  destination_schema = { name = "ads" }
  auth = {
    refresh_token = var.refresh_token
  }
}
`)
	plan := r.must("plan", "-input=false")
	apply := r.must("apply", "-input=false", "-auto-approve")
	// A second plan refreshes existing state: the provider reads, projects
	// and compares the secrets again.
	replan := r.must("plan", "-input=false")
	raw, _ := os.ReadFile(logPath)
	logs := []byte(withoutCoreDynamicDump(string(raw)))
	if len(logs) == len(raw) {
		t.Log("no Terraform-core dump of dynamic values was filtered from the log")
	}
	for name, text := range map[string]string{"plan output": plan, "apply output": apply, "second plan output": replan, "TRACE log": string(logs)} {
		for _, secret := range []string{pgSecret, tokenSecret, testAPISecret} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains the secret %q", name, secret)
			}
		}
	}
	basic := base64.StdEncoding.EncodeToString([]byte(testAPIKey + ":" + testAPISecret))
	if strings.Contains(string(logs), basic) {
		t.Error("the TRACE log contains the Authorization header's value")
	}
	for _, req := range em.Requests() {
		for _, secret := range []string{pgSecret, tokenSecret, testAPISecret, testAPIKey} {
			if strings.Contains(req.Path+"?"+req.Query, secret) {
				t.Errorf("a secret travelled in a URL: %s %s", req.Method, req.Path)
			}
		}
	}
	if !strings.Contains(plan, "(sensitive value)") {
		t.Errorf("the plan does not mark the secret as sensitive:\n%s", plan)
	}
	if len(logs) < 1000 {
		t.Errorf("the TRACE log is suspiciously short (%d bytes): the check above proves nothing", len(logs))
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

// TestAccSecrets_wrongConfigNotQuoted: config values of the wrong kind or
// outside an enum fail the plan with a diagnostic naming the key, the
// expected kind and the allowed values, and the value given appears nowhere
// in Terraform's output, whether it came from a sensitive variable or was
// written literally (never `expects a list, got a string
// ("ghp_…")`).
func TestAccSecrets_wrongConfigNotQuoted(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	const pat, method, port, mode = "ghp_PatSecret4d1f", "method-secret-93ab", "port-secret-51c2", "mode-secret-77e0"
	r.write("main.tf", requiredProviders+`
variable "pat" {
  type      = string
  sensitive = true
  default   = "`+pat+`"
}

variable "method" {
  type      = string
  sensitive = true
  default   = "`+method+`"
}
`+baseConfig+`
resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "gh" }
  config = {
    pats      = var.pat
    sync_mode = "`+mode+`"
  }
}

resource "fivetran_connection" "pg" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    update_method = var.method
    port          = "`+port+`"
  }
}
`)
	out, code := r.run("plan", "-input=false")
	if code == 0 {
		t.Fatalf("plan passed:\n%s", out)
	}
	for _, want := range []string{
		`Key "pats" of connector type "github" expects a list, got a string.`,
		`Key "sync_mode" of connector type "github" must be one of "AllRepositories", "SpecificRepositories".`,
		`Key "update_method" of connector type "postgres" must be one of`,
		`Key "port" of connector type "postgres" expects an integer, got a string.`,
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("no diagnostic %q in:\n%s", want, out)
		}
	}
	for _, secret := range []string{pat, method} {
		if strings.Contains(out, secret) {
			t.Errorf("the output shows the sensitive value %q:\n%s", secret, out)
		}
	}
	// Literal values are shown by Terraform itself in the source snippet
	// (`sync_mode = "mode-..."`), never by the provider's detail.
	for _, literal := range []string{mode, port} {
		if n := strings.Count(out, literal); n > 1 {
			t.Errorf("%q appears %d times, beyond Terraform's own source line:\n%s", literal, n, out)
		}
	}
}

// TestAccSecrets_apiMessageWithheld: when Fivetran's answer to a create
// quotes a value that was sent (the emulator, like Fivetran's validation,
// says "Field 'auth' has an invalid value '…'"), the diagnostic withholds
// it. Destinations are not checked at plan time, and validate_config = false
// turns the connection's checks off, so both reach the API.
func TestAccSecrets_apiMessageWithheld(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_VAR_secret=wh-secret-83fa")...)
	r.write("main.tf", requiredProviders+`
provider "fivetran" {
  validate_config = false
}

variable "secret" {
  type      = string
  sensitive = true
}
`+baseConfig+`
resource "fivetran_group" "other" {
  name = "other"
}

resource "fivetran_destination" "bad" {
  group_id = fivetran_group.other.id
  service  = "snowflake"
  config = {
    auth = var.secret
  }
}

resource "fivetran_connection" "bad" {
  group_id           = fivetran_destination.main.group_id
  service            = "postgres"
  destination_schema = { prefix = "app" }
  config = {
    update_method = var.secret
  }
}
`)
	out, code := r.run("apply", "-input=false", "-auto-approve")
	if code == 0 {
		t.Fatalf("apply passed:\n%s", out)
	}
	if strings.Contains(out, "wh-secret-83fa") {
		t.Errorf("the output shows the secret:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"Unable to create destination", "Unable to create connection", "(value withheld)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestProviderConfigure(t *testing.T) {
	p := &fivetranProvider{version: "1.2.3"}
	known := func(key, secret, url string) providerModel {
		m := providerModel{
			APIKey: types.StringNull(), APISecret: types.StringNull(), APIURL: types.StringNull(),
			RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null(), ValidateConfig: types.BoolNull(),
		}
		if key != "" {
			m.APIKey = types.StringValue(key)
		}
		if secret != "" {
			m.APISecret = types.StringValue(secret)
		}
		if url != "" {
			m.APIURL = types.StringValue(url)
		}
		return m
	}
	tests := []struct {
		name    string
		cfg     providerModel
		env     map[string]string
		wantErr string // substring of the first error's summary + detail; "" = success
		path    string
	}{
		{name: "block", cfg: known("k", "s", "http://127.0.0.1:1/v1")},
		{name: "environment", cfg: known("", "", ""), env: map[string]string{EnvAPIKey: "k", EnvAPISecret: "s", EnvAPIURL: "http://localhost/v1"}},
		{name: "block wins over environment", cfg: known("k", "s", ""), env: map[string]string{EnvAPIKey: ""}},
		{name: "missing key", cfg: known("", "s", ""), wantErr: "Missing Fivetran API key", path: "api_key"},
		{name: "missing secret", cfg: known("k", "", ""), wantErr: "Missing Fivetran API secret", path: "api_secret"},
		{name: "bad env url", cfg: known("k", "s", ""), env: map[string]string{EnvAPIURL: "ftp://x"}, wantErr: "Invalid FIVETRAN_API_URL"},
		{name: "unknown key", cfg: func() providerModel { m := known("", "s", ""); m.APIKey = types.StringUnknown(); return m }(),
			wantErr: "Unknown provider setting", path: "api_key"},
		{name: "bad timeout", cfg: func() providerModel { m := known("k", "s", ""); m.RequestTimeout = types.StringValue("soon"); return m }(),
			wantErr: "Invalid request timeout", path: "request_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, diags := p.configure(tt.cfg, env(tt.env))
			if tt.wantErr == "" {
				if diags.HasError() {
					t.Fatalf("unexpected error: %v", diags)
				}
				if data == nil || data.client == nil || !data.validateConfig {
					t.Fatalf("incomplete provider data: %+v", data)
				}
				return
			}
			if !diags.HasError() {
				t.Fatalf("expected an error containing %q", tt.wantErr)
			}
			if got := diags.Errors()[0].Summary() + " " + diags.Errors()[0].Detail(); !strings.Contains(got, tt.wantErr) {
				t.Fatalf("error %q does not contain %q", got, tt.wantErr)
			}
			if tt.path != "" {
				withPath, ok := diags.Errors()[0].(diag.DiagnosticWithPath)
				if !ok || !withPath.Path().Equal(path.Root(tt.path)) {
					t.Fatalf("the error does not point at %s: %v", tt.path, diags.Errors()[0])
				}
			}
		})
	}
}

// TestProviderConfigure_onlyOneErrorForMissingCredentials: missing credentials
// are one error per attribute at configure time, before any request.
func TestProviderConfigure_onlyOneErrorForMissingCredentials(t *testing.T) {
	p := &fivetranProvider{version: "test"}
	m := providerModel{APIKey: types.StringNull(), APISecret: types.StringNull(), APIURL: types.StringNull(),
		RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null(), ValidateConfig: types.BoolNull()}
	_, diags := p.configure(m, env(nil))
	if n := diags.ErrorsCount(); n != 2 {
		t.Fatalf("want one error for api_key and one for api_secret, got %d: %v", n, diags)
	}
}

func TestProviderSchemaIsValid(t *testing.T) {
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	for _, name := range []string{"api_key", "api_secret"} {
		if !resp.Schema.Attributes[name].IsSensitive() {
			t.Errorf("%s must be sensitive", name)
		}
	}
}

// TestAccProvider_missingCredentials: with no credentials anywhere, a plan
// fails at configure time with the attribute named (no 401 later), while
// `terraform validate` works without credentials.
func TestAccProvider_missingCredentials(t *testing.T) {
	accPreCheck(t)
	t.Setenv(EnvAPIKey, "")
	t.Setenv(EnvAPISecret, "")
	cfg := `
resource "fivetran_group" "g" {
  name = "x"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: wrapRe(`Missing Fivetran API key`),
		}},
	})
	r := newTFRunner(t)
	r.write("main.tf", requiredProviders+cfg)
	r.must("validate")
}

// TestAccProvider_wrongCredentials: a wrong secret gives one clear error and
// no retry storm (one request).
func TestAccProvider_wrongCredentials(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := strings.Replace(providerConfig(em), testAPISecret, "wrong-secret", 1) + `
resource "fivetran_group" "g" {
  name = "x"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: wrapRe(`Fivetran refused the credentials`),
		}},
	})
	if n := len(em.Requests()); n != 1 {
		t.Errorf("want exactly one request with wrong credentials, got %d", n)
	}
}

// TestURLDiagnosticsHideCredentials: a URL that a user writes may carry
// user:password@; no diagnostic about it quotes the password, whether the
// URL comes from the environment or from api_url, parses or not.
func TestURLDiagnosticsHideCredentials(t *testing.T) {
	const password = "s3cr3t-pw"
	p := &fivetranProvider{version: "test"}
	null := providerModel{
		APIKey: types.StringValue("k"), APISecret: types.StringValue("s"), APIURL: types.StringNull(),
		RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null(), ValidateConfig: types.BoolNull(),
	}
	for _, bad := range []string{
		"ftp://user:" + password + "@example.com/v1",    // parses, wrong scheme
		"http://user:" + password + "@exa mple.com/%zz", // does not parse
	} {
		_, diags := p.configure(null, env(map[string]string{EnvAPIURL: bad}))
		if !diags.HasError() {
			t.Fatalf("%s set to a bad URL: no error", EnvAPIURL)
		}
		var resp validator.StringResponse
		absoluteURLValidator{}.ValidateString(context.Background(),
			validator.StringRequest{Path: path.Root("api_url"), ConfigValue: types.StringValue(bad)}, &resp)
		if !resp.Diagnostics.HasError() {
			t.Fatal("api_url set to a bad URL: no error")
		}
		for _, d := range append(diags, resp.Diagnostics...) {
			if strings.Contains(d.Summary()+d.Detail(), password) {
				t.Errorf("diagnostic quotes the URL's password: %s: %s", d.Summary(), d.Detail())
			}
		}
	}
}

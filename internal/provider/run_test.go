package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// usageLineRE finds the usage line in Terraform's log and its request count.
var usageLineRE = regexp.MustCompile(`\[INFO\]\s+provider\.terraform-provider-fivetran: Fivetran API usage: (\d+) requests[^\n]*`)

// TestUsageLineReachesTerraformsLog runs the provider binary under the real
// Terraform with TF_LOG=INFO and finds, for each configured provider process,
// the usage line written after the plugin server stopped: once for a plan,
// with exactly the requests the emulator saw, and the apply's create by route.
func TestUsageLineReachesTerraformsLog(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	logPath := filepath.Join(t.TempDir(), "tf.log")
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_LOG=INFO", "TF_LOG_PATH="+logPath)...)
	r.write("main.tf", requiredProviders+`
provider "fivetran" {}

resource "fivetran_group" "g" {
  name = "usage_line_group"
}
`)
	readLog := func() string {
		t.Helper()
		b, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(logPath); err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	r.must("apply", "-auto-approve")
	applyLog := readLog()
	lines := usageLineRE.FindAllString(applyLog, -1)
	if len(lines) == 0 {
		t.Fatalf("no usage line in the apply's log:\n%s", tail(applyLog, 40))
	}
	if !strings.Contains(strings.Join(lines, "\n"), "POST /groups: 1") {
		t.Errorf("the apply's usage lines do not count its create:\n%s", strings.Join(lines, "\n"))
	}

	em.ResetRequests()
	r.must("plan", "-detailed-exitcode")
	planLog := readLog()
	m := usageLineRE.FindAllStringSubmatch(planLog, -1)
	if len(m) != 1 {
		t.Fatalf("want one usage line for the plan (one configured process), got %d:\n%s", len(m), tail(planLog, 40))
	}
	sent, _ := strconv.Atoi(m[0][1])
	seen := 0
	for _, n := range em.Counts() {
		seen += n
	}
	if sent != seen || sent == 0 {
		t.Errorf("the usage line says %d requests, the emulator saw %d: %s", sent, seen, m[0][0])
	}
	if !strings.Contains(m[0][0], "GET /groups/{id}: 1") {
		t.Errorf("the plan's refresh is not counted by route: %s", m[0][0])
	}
	for _, secret := range []string{testAPIKey, testAPISecret, "usage_line_group", em.URL} {
		if strings.Contains(m[0][0], secret) {
			t.Errorf("the usage line shows %q: %s", secret, m[0][0])
		}
	}
}

// tail is the last n lines of s, for failure messages.
func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func TestUsageLine(t *testing.T) {
	msg, fields := usageLine(fivetran.Usage{
		Requests:    map[string]int{"GET /connections/{id}": 120, "POST /connections": 30, "GET /groups/{id}": 30},
		RateLimited: map[string]int{"POST /connections": 10},
		Waited:      2500 * time.Millisecond,
	})
	want := "Fivetran API usage: 180 requests, 10 answered 429, 2.5s waited for the rate budget; by route: " +
		"GET /connections/{id}: 120, GET /groups/{id}: 30, POST /connections: 30 (10 answered 429)"
	if msg != want {
		t.Errorf("message\n%s\nwant\n%s", msg, want)
	}
	if fields["requests"] != 180 || fields["rate_limited"] != 10 || fields["budget_wait_ms"] != int64(2500) {
		t.Errorf("fields %v", fields)
	}
}

func TestProviderConfigureRequestsPerHour(t *testing.T) {
	p := &fivetranProvider{version: "test"}
	model := func(v types.Int64) providerModel {
		return providerModel{APIKey: types.StringValue("k"), APISecret: types.StringValue("s"), APIURL: types.StringNull(),
			RequestTimeout: types.StringNull(), MaxRetries: types.Int64Null(), ValidateConfig: types.BoolNull(), RequestsPerHour: v}
	}
	for _, tc := range []struct {
		name    string
		v       types.Int64
		env     string
		wantErr string
	}{
		{name: "none", v: types.Int64Null()},
		{name: "block", v: types.Int64Value(500)},
		{name: "environment", v: types.Int64Null(), env: "500"},
		{name: "block wins", v: types.Int64Value(500), env: "nonsense"},
		{name: "zero", v: types.Int64Value(0), wantErr: "Invalid api_requests_per_hour"},
		{name: "bad environment", v: types.Int64Null(), env: "12/h", wantErr: "Invalid " + EnvAPIRequestsPerHour},
		{name: "negative environment", v: types.Int64Null(), env: "-5", wantErr: "Invalid " + EnvAPIRequestsPerHour},
		{name: "unknown", v: types.Int64Unknown(), wantErr: "Unknown provider setting"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := p.configure(model(tc.v), env(map[string]string{EnvAPIRequestsPerHour: tc.env}))
			if tc.wantErr == "" {
				if diags.HasError() {
					t.Fatal(diags)
				}
				return
			}
			if !diags.HasError() {
				t.Fatalf("no error, want %q", tc.wantErr)
			}
			got := diags.Errors()[0].Summary() + " " + diags.Errors()[0].Detail()
			if !strings.Contains(got, tc.wantErr) {
				t.Errorf("error %q, want %q", got, tc.wantErr)
			}
			if tc.env != "" && strings.Contains(diags.Errors()[0].Detail(), tc.env) {
				t.Errorf("the diagnostic quotes the variable's value: %q", got)
			}
		})
	}
}

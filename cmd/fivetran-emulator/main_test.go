package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestParseFlags(t *testing.T) {
	var out, errb bytes.Buffer
	c, err := parseFlags([]string{"-listen", "127.0.0.1:0", "-api-key", "a", "-api-secret", "b", "-seed", "5",
		"-latency", "10ms", "-fault-rate", "0.5", "-fault-kinds", "429,503", "-rate-limit", "3", "-rate-limit-window", "2s",
		"-not-found-connection-code", "-strict-config", "-numeric-ports", "-omit-nulls", "-require-destination", "-no-server-defaults", "-quiet", "-state", "/tmp/x.json"}, &errb)
	if err != nil {
		t.Fatal(err)
	}
	if c.listen != "127.0.0.1:0" || c.apiKey != "a" || c.apiSecret != "b" || c.seed != 5 || c.latency != 10*time.Millisecond ||
		c.faultRate != 0.5 || c.faultKinds != "429,503" || c.rateLimit != 3 || c.rateLimitWindow != 2*time.Second ||
		!c.notFoundConnectionCode || !c.strictConfig || !c.numericPorts || !c.omitNulls || !c.requireDestination || !c.noServerDefaults || !c.quiet || c.statePath != "/tmp/x.json" {
		t.Fatalf("%+v", c)
	}
	t.Setenv("FIVETRAN_APIKEY", "")
	t.Setenv("FIVETRAN_APISECRET", "")
	errb.Reset()
	c, err = parseFlags(nil, &errb)
	if err != nil || c.apiKey != "demo_key" || c.apiSecret != "demo_secret" || !strings.Contains(errb.String(), "demo_key") {
		t.Fatalf("%v %+v %q", err, c, errb.String())
	}
	if code := runContext(context.Background(), []string{"-h"}, &out, &errb); code != 0 {
		t.Fatalf("-h exit %d", code)
	}
	if !strings.Contains(errb.String(), "Examples:") || !strings.Contains(errb.String(), "-fault-kinds") {
		t.Fatal(errb.String())
	}
	// Every fidelity switch is listed by -h (DESIGN.md, "Recorded live answers win").
	for _, f := range []string{"-numeric-ports", "-omit-nulls", "-require-destination", "-no-server-defaults", "-uppercase-setup-status", "-catalog-fields", "-lists-without-config",
		"-proxy-agent-connect-after", "-any-proxy-agent-id", "-private-link-ready-after", "-private-link-creates-per-hour", "-private-link-create-window",
		"-any-private-link-id", "-hybrid-agent-online-after", "-any-hybrid-agent-id", "-user-accepts-invite-after", "-not-found-user-code",
		"-no-group-creator-membership", "-strict-external-logging-config", "-plain-not-found-external-logging", "-strict-certificates"} {
		if !strings.Contains(errb.String(), f) {
			t.Errorf("-h does not list %s", f)
		}
	}
	// Webhook tests deliver for real, and the state file keeps their secrets: -h says both.
	if !strings.Contains(errb.String(), "POST /v1/webhooks/{id}/test") || !strings.Contains(errb.String(), "X-Fivetran-Signature-256") ||
		!strings.Contains(errb.String(), "keeps webhook secrets") {
		t.Error("-h does not describe webhook deliveries")
	}
	if code := runContext(context.Background(), []string{"-fault-kinds", "nope"}, &out, &errb); code != 2 {
		t.Fatalf("bad kind exit %d", code)
	}
	if code := runContext(context.Background(), []string{"-bogus"}, &out, &errb); code != 2 {
		t.Fatalf("bad flag exit %d", code)
	}
}

// TestFlagsReachOptions: -lists-without-config, -rate-limit and
// -creates-per-minute (with their windows) reach the emulator's Options;
// the windows default to an hour and a minute; negative limits and empty
// windows are refused.
func TestFlagsReachOptions(t *testing.T) {
	var errb bytes.Buffer
	options := func(args ...string) (emulator.Options, error) {
		t.Helper()
		c, err := parseFlags(append([]string{"-api-key", "a", "-api-secret", "b"}, args...), &errb)
		if err != nil {
			t.Fatal(err)
		}
		return c.options()
	}
	o, err := options()
	if err != nil || o.ListsWithoutConfig || o.RequestsPerHour != 0 || o.CreatesPerMinute != 0 {
		t.Fatalf("defaults: %v %+v", err, o)
	}
	o, err = options("-lists-without-config", "-rate-limit", "500", "-creates-per-minute", "20")
	if err != nil || !o.ListsWithoutConfig || o.RequestsPerHour != 500 || o.RequestWindow != time.Hour ||
		o.CreatesPerMinute != 20 || o.CreateWindow != time.Minute {
		t.Fatalf("switches: %v %+v", err, o)
	}
	o, err = options("-rate-limit", "500", "-rate-limit-window", "6m", "-creates-per-minute", "20", "-create-window", "6s")
	if err != nil || o.RequestWindow != 6*time.Minute || o.CreateWindow != 6*time.Second {
		t.Fatalf("scaled windows: %v %+v", err, o)
	}
	// Proxy agents: when they connect, and whether a reference must name one.
	o, err = options()
	if err != nil || o.ProxyAgentConnectAfter != 0 || o.AnyProxyAgentID {
		t.Fatalf("proxy agent defaults: %v %+v", err, o)
	}
	o, err = options("-proxy-agent-connect-after", "3s", "-any-proxy-agent-id")
	if err != nil || o.ProxyAgentConnectAfter != 3*time.Second || !o.AnyProxyAgentID {
		t.Fatalf("proxy agent switches: %v %+v", err, o)
	}
	o, err = options("-profile", "live")
	if err != nil || o.ProxyAgentConnectAfter != 0 {
		t.Fatalf("the live profile connects proxy agents: %v %+v", err, o)
	}
	// Hybrid deployment agents: when they come online, and whether a
	// reference must name one. Nothing runs an agent, in any profile.
	o, err = options()
	if err != nil || o.HybridAgentOnlineAfter != 0 || o.AnyHybridAgentID {
		t.Fatalf("hybrid agent defaults: %v %+v", err, o)
	}
	o, err = options("-hybrid-agent-online-after", "7s", "-any-hybrid-agent-id")
	if err != nil || o.HybridAgentOnlineAfter != 7*time.Second || !o.AnyHybridAgentID {
		t.Fatalf("hybrid agent switches: %v %+v", err, o)
	}
	o, err = options("-profile", "live")
	if err != nil || o.HybridAgentOnlineAfter != 0 || emulator.LiveProfile().HybridAgentOnlineAfter != 0 {
		t.Fatalf("the live profile brings hybrid agents online: %v %+v", err, o)
	}
	// Users: when an invitation is accepted, the code of an unknown user,
	// and whether a group's creator is a member. Nobody accepts in any
	// profile.
	o, err = options()
	if err != nil || o.UserAcceptsInviteAfter != 0 || o.NotFoundUserCode || o.NoGroupCreatorMembership {
		t.Fatalf("user defaults: %v %+v", err, o)
	}
	o, err = options("-user-accepts-invite-after", "9s", "-not-found-user-code", "-no-group-creator-membership")
	if err != nil || o.UserAcceptsInviteAfter != 9*time.Second || !o.NotFoundUserCode || !o.NoGroupCreatorMembership {
		t.Fatalf("user switches: %v %+v", err, o)
	}
	o, err = options("-profile", "live")
	if err != nil || o.UserAcceptsInviteAfter != 0 || emulator.LiveProfile().UserAcceptsInviteAfter != 0 {
		t.Fatalf("the live profile accepts invitations: %v %+v", err, o)
	}
	// External logging: whether config keys outside the spec's schema are
	// refused, and the code of an unknown log service. Neither is part of a
	// profile.
	o, err = options()
	if err != nil || o.StrictExternalLoggingConfig || o.PlainNotFoundExternalLogging {
		t.Fatalf("external logging defaults: %v %+v", err, o)
	}
	o, err = options("-strict-external-logging-config", "-plain-not-found-external-logging")
	if err != nil || !o.StrictExternalLoggingConfig || !o.PlainNotFoundExternalLogging {
		t.Fatalf("external logging switches: %v %+v", err, o)
	}
	o, err = options("-profile", "live")
	if err != nil || o.StrictExternalLoggingConfig || o.PlainNotFoundExternalLogging {
		t.Fatalf("the live profile changes external logging: %v %+v", err, o)
	}
	// Certificates: whether an approval must carry a real certificate. Not
	// part of a profile.
	o, err = options()
	if err != nil || o.StrictCertificates {
		t.Fatalf("certificate defaults: %v %+v", err, o)
	}
	o, err = options("-strict-certificates")
	if err != nil || !o.StrictCertificates {
		t.Fatalf("certificate switch: %v %+v", err, o)
	}
	o, err = options("-profile", "live")
	if err != nil || o.StrictCertificates {
		t.Fatalf("the live profile changes certificates: %v %+v", err, o)
	}
	// Private links: how long provisioning takes, the create limit and its
	// window, and whether a reference must name one.
	o, err = options()
	if err != nil || o.PrivateLinkReadyAfter != 0 || o.PrivateLinkCreatesPerHour != 5 || o.PrivateLinkCreateWindow != time.Hour || o.AnyPrivateLinkID {
		t.Fatalf("private link defaults: %v %+v", err, o)
	}
	o, err = options("-private-link-ready-after", "4s", "-private-link-creates-per-hour", "2", "-private-link-create-window", "36s", "-any-private-link-id")
	if err != nil || o.PrivateLinkReadyAfter != 4*time.Second || o.PrivateLinkCreatesPerHour != 2 || o.PrivateLinkCreateWindow != 36*time.Second || !o.AnyPrivateLinkID {
		t.Fatalf("private link switches: %v %+v", err, o)
	}
	o, err = options("-private-link-creates-per-hour", "-1")
	if err != nil || o.PrivateLinkCreatesPerHour >= 0 {
		t.Fatalf("no private link create limit: %v %+v", err, o)
	}
	o, err = options("-profile", "live")
	if err != nil || o.PrivateLinkReadyAfter != emulator.LiveProfile().PrivateLinkReadyAfter || o.PrivateLinkReadyAfter == 0 {
		t.Fatalf("the live profile provisions private links at once: %v %+v", err, o)
	}
	o, err = options("-profile", "live", "-private-link-ready-after", "0s")
	if err != nil || o.PrivateLinkReadyAfter != 0 {
		t.Fatalf("-private-link-ready-after does not override the live profile: %v %+v", err, o)
	}
	for _, bad := range [][]string{{"-rate-limit", "-1"}, {"-creates-per-minute", "-1"}, {"-create-window", "0s"}, {"-rate-limit-window", "-1s"}, {"-proxy-agent-connect-after", "-1s"},
		{"-private-link-ready-after", "-1s"}, {"-private-link-creates-per-hour", "0"}, {"-private-link-create-window", "0s"},
		{"-hybrid-agent-online-after", "-1s"}, {"-user-accepts-invite-after", "-1s"}} {
		if _, err := options(bad...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestRunServesAndStops(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	errb := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- runContext(ctx, []string{"-listen", "127.0.0.1:0", "-api-key", "k", "-api-secret", "s", "-seed", "9", "-state", state}, pw, errb)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err, errb.String())
	}
	m := regexp.MustCompile(`^fivetran-emulator listening on (http://127\.0\.0\.1:(\d+)/v1) \(seed 9\)\n$`).FindStringSubmatch(line)
	if m == nil || m[2] == "0" {
		t.Fatalf("start line %q", line)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }() // drain the rest of the output; its end is of no interest
	req, _ := http.NewRequestWithContext(t.Context(), "POST", m[1]+"/groups", strings.NewReader(`{"name":"demo"}`))
	req.SetBasicAuth("k", "s")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatal(resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not stop")
	}
	if !strings.Contains(errb.String(), "POST /v1/groups 201") {
		t.Fatalf("no request log line: %q", errb.String())
	}
	raw, err := os.ReadFile(state)
	if err != nil || !strings.Contains(string(raw), `"demo"`) {
		t.Fatalf("state not saved: %v %s", err, raw)
	}
}

func TestProfileFlags(t *testing.T) {
	var errb bytes.Buffer
	opts := func(args ...string) emulator.Options {
		t.Helper()
		c, err := parseFlags(append([]string{"-api-key", "a", "-api-secret", "b"}, args...), &errb)
		if err != nil {
			t.Fatal(err)
		}
		var o emulator.Options
		if err := c.applyProfile(&o); err != nil {
			t.Fatal(err)
		}
		return o
	}
	if o := opts(); o.ListLag != 0 || o.MaxPageSize != 0 || len(o.SetupTestStatuses) != 0 || o.PrivateLinkReadyAfter != 0 {
		t.Fatalf("the kind profile turns live switches on: %+v", o)
	}
	live := emulator.LiveProfile()
	o := opts("-profile", "live", "-list-lag", "1s", "-platform-connection")
	if o.ListLag != time.Second || o.SetupTestDelay != live.SetupTestDelay || o.DeleteDelay != live.DeleteDelay ||
		o.MaxPageSize != live.MaxPageSize || len(o.SetupTestStatuses) != 3 || !o.PlatformConnection {
		t.Fatalf("-profile live with overrides: %+v", o)
	}
	o = opts("-max-page-size", "2", "-setup-test-statuses", "passed, warning", "-delete-delay", "3s", "-setup-test-delay", "1s")
	if o.MaxPageSize != 2 || strings.Join(o.SetupTestStatuses, ",") != "PASSED,WARNING" || o.DeleteDelay != 3*time.Second ||
		o.SetupTestDelay != time.Second || o.ListLag != 0 {
		t.Fatalf("single switches: %+v", o)
	}
	if _, err := parseFlags([]string{"-profile", "fast"}, &errb); err == nil {
		t.Fatal("an unknown profile was accepted")
	}
	var out bytes.Buffer
	if code := runContext(context.Background(), []string{"-setup-test-statuses", "GREEN"}, &out, &errb); code != 1 {
		t.Fatalf("bad setup test status exit %d", code)
	}
	errb.Reset()
	runContext(context.Background(), []string{"-h"}, &out, &errb)
	for _, flagName := range []string{"-profile", "-list-lag", "-setup-test-delay", "-delete-delay", "-max-page-size",
		"-setup-test-statuses", "-platform-connection", "504-after-commit"} {
		if !strings.Contains(errb.String(), flagName) {
			t.Errorf("-h does not document %s", flagName)
		}
	}
}

// TestCatalogFieldsFlag: -catalog-fields needs -catalog; a malformed field
// catalog stops the start with a clear error; the catalog folder beside the
// spec is read by default, and a key it marks sensitive comes back masked.
func TestCatalogFieldsFlag(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runContext(context.Background(), []string{"-catalog-fields", t.TempDir()}, &out, &errb); code != 2 ||
		!strings.Contains(errb.String(), "-catalog-fields needs -catalog") {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	spec, err := os.ReadFile(filepath.Join("..", "..", "internal", "emulator", "catalog", "testdata", "mini-openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	specPath := filepath.Join(dir, "openapi.json")
	if err := os.WriteFile(specPath, spec, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "catalog"), 0o700); err != nil {
		t.Fatal(err)
	}
	fields := filepath.Join(dir, "catalog", "fields.json")
	if err := os.WriteFile(fields, []byte(`not json`), 0o600); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := runContext(context.Background(), []string{"-catalog", specPath, "-quiet"}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "field catalog") {
		t.Fatalf("malformed fields.json: exit %d: %s", code, errb.String())
	}

	if err := os.WriteFile(fields, []byte(`{"pat":{"type":"string","sensitive":true,"description":{"postgres":"A token."}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	errs := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- runContext(ctx, []string{"-listen", "127.0.0.1:0", "-api-key", "k", "-api-secret", "s", "-catalog", specPath}, pw, errs)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err, errs.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	base := regexp.MustCompile(`http://\S+/v1`).FindString(line)
	call := func(method, path, body string) map[string]any {
		req, _ := http.NewRequestWithContext(t.Context(), method, base+path, strings.NewReader(body))
		req.SetBasicAuth("k", "s")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var env struct {
			Data map[string]any `json:"data"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, err)
		}
		return env.Data
	}
	gid, _ := call("POST", "/groups", `{"name":"g"}`)["id"].(string)
	c := call("POST", "/connections", `{"group_id":"`+gid+`","service":"postgres","run_setup_tests":false,"config":{"schema_prefix":"pg","pat":"plain-token"}}`)
	if cfg, _ := c["config"].(map[string]any); cfg["pat"] != "******" {
		t.Errorf("pat from the field catalog is not masked: %v", cfg)
	}
	if !strings.Contains(errs.String(), "1 secret fields from the field catalog") {
		t.Errorf("no note of the field catalog: %s", errs.String())
	}
	cancel()
	<-done
}

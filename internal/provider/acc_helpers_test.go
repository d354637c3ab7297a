package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/conformance"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// Acceptance tests run the real Terraform (TF_ACC_TERRAFORM_PATH, installed
// by `make terraform`) against the provider in this process and an emulator
// of the Fivetran API started for each test: no account, no network.

const (
	testAPIKey    = "acc_key"
	testAPISecret = "acc-secret-9f2c41d7"
)

var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"fivetran": providerserver.NewProtocol6WithError(New("test")()),
}

func init() {
	// Tests wait for connections to go before deleting a destination; keep it short.
	destinationDeletePoll = 200 * time.Millisecond
	// Reconciling a lost create looks again for longer than the live
	// profile's list lag (liveTestOptions), in short steps.
	reconcileWait, reconcileWaitMax, reconcileSettle = 20*time.Millisecond, 200*time.Millisecond, 3*time.Second
	// The emulator provisions private links in seconds (live profile).
	privateLinkPoll = 200 * time.Millisecond
	// A delete refused as in use asks again six times: 3 s in all, longer
	// than a deleted connection holds its agent (DeleteDelay), shorter than
	// a private link's provisioning in TestAccPrivateLink_busyAtDelete, so
	// that a busy link is not taken for one in use.
	inUsePoll = 500 * time.Millisecond
}

// TestMain removes the provider binary the CLI-level tests built, and
// reports how many exchanges were validated against the OpenAPI spec.
func TestMain(m *testing.M) {
	code := m.Run()
	conformance.Report()
	if providerBinDir != "" {
		_ = os.RemoveAll(providerBinDir)
	}
	os.Exit(code)
}

// accPreCheck skips acceptance tests unless TF_ACC is set, as plugin-testing does.
func accPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
}

// startEmulator starts a fresh emulator for one test, under the live profile
// (see liveTestOptions). With Fivetran's OpenAPI spec present, every exchange
// of the test is validated against it and any violation fails the test.
func startEmulator(t *testing.T) *emulator.Running {
	t.Helper()
	return startEmulatorWith(t, emulator.Options{Seed: 42})
}

// profileEnv selects the emulator profile of the acceptance tests: "live"
// (the default) or "kind" (answers at once and consistently, as the emulator
// does without switches), e.g. to tell whether a failure comes from timing.
const profileEnv = "FIVETRAN_EMULATOR_PROFILE"

// liveTestOptions turns on the live profile in opts with durations short
// enough for tests but long enough to matter: lists lag writes by more than
// the provider's first look, setup tests take longer than the gap between
// two requests, and a deleted connection blocks its destination for a few of
// the provider's delete polls. Fields opts sets keep their value.
func liveTestOptions(t *testing.T, opts emulator.Options) emulator.Options {
	t.Helper()
	switch p := os.Getenv(profileEnv); p {
	case "", "live":
	case "kind":
		return opts
	default:
		t.Fatalf("%s=%q: want live or kind", profileEnv, p)
	}
	if opts.ListLag == 0 {
		opts.ListLag = 400 * time.Millisecond
	}
	if opts.SetupTestDelay == 0 {
		opts.SetupTestDelay = 100 * time.Millisecond
	}
	if opts.DeleteDelay == 0 {
		opts.DeleteDelay = 300 * time.Millisecond
	}
	opts.ApplyLiveProfile()
	return opts
}

// startEmulatorWith starts an emulator with opts under the live profile.
func startEmulatorWith(t *testing.T, opts emulator.Options) *emulator.Running {
	t.Helper()
	return startEmulatorProfile(t, liveTestOptions(t, opts))
}

func startEmulatorProfile(t *testing.T, opts emulator.Options) *emulator.Running {
	t.Helper()
	opts.APIKey, opts.APISecret = testAPIKey, testAPISecret
	conformance.Attach(t, &opts)
	em, err := emulator.Start(opts)
	if err != nil {
		t.Fatalf("starting the emulator: %s", err)
	}
	t.Cleanup(em.Close)
	return em
}

// providerConfig is the provider block pointing at an emulator.
func providerConfig(em *emulator.Running) string { return namedProviderConfig("fivetran", em) }

// namedProviderConfig is providerConfig for the provider's local name name.
func namedProviderConfig(name string, em *emulator.Running) string {
	return fmt.Sprintf(`
provider %q {
  api_key    = %q
  api_secret = %q
  api_url    = %q
  max_retries = 2
}
`, name, testAPIKey, testAPISecret, em.URL)
}

// testClient is a client of the emulator for CheckDestroy and out-of-band checks.
func testClient(t *testing.T, em *emulator.Running) *fivetran.Client {
	t.Helper()
	c, err := fivetran.New(fivetran.Config{APIKey: testAPIKey, APISecret: testAPISecret, BaseURL: em.URL, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkAllDestroyed verifies through the client that every object of the
// given kinds that the state held is gone from the emulator.
func checkAllDestroyed(t *testing.T, em *emulator.Running) func(*terraform.State) error {
	return func(s *terraform.State) error {
		c := testClient(t, em)
		ctx := context.Background()
		for addr, rs := range s.RootModule().Resources {
			var err error
			var kind fivetran.Kind
			switch rs.Type {
			case "fivetran_group":
				_, err = c.GetGroup(ctx, rs.Primary.ID)
				kind = fivetran.KindGroup
			case "fivetran_destination":
				_, err = c.GetDestination(ctx, rs.Primary.ID)
				kind = fivetran.KindDestination
			case "fivetran_connection":
				_, err = c.GetConnection(ctx, rs.Primary.ID)
				kind = fivetran.KindConnection
			case "fivetran_proxy_agent":
				_, err = c.GetProxyAgent(ctx, rs.Primary.ID)
				kind = fivetran.KindProxyAgent
			case "fivetran_hybrid_deployment_agent":
				_, err = c.GetHybridAgent(ctx, rs.Primary.ID)
				kind = fivetran.KindHybridAgent
			case "fivetran_webhook":
				_, err = c.GetWebhook(ctx, rs.Primary.ID)
				kind = fivetran.KindWebhook
			case "fivetran_private_link":
				_, err = c.GetPrivateLink(ctx, rs.Primary.ID)
				kind = fivetran.KindPrivateLink
			case "fivetran_user":
				_, err = c.GetUser(ctx, rs.Primary.ID)
				kind = fivetran.KindUser
			case "fivetran_team":
				_, err = c.GetTeam(ctx, rs.Primary.ID)
				kind = fivetran.KindTeam
			case "fivetran_external_logging":
				_, err = c.GetExternalLogging(ctx, rs.Primary.ID)
				kind = fivetran.KindExternalLogging
			default:
				continue
			}
			if err == nil {
				return fmt.Errorf("%s (%s) still exists after destroy", addr, rs.Primary.ID)
			}
			if !fivetran.IsNotFoundKind(err, kind) {
				return fmt.Errorf("%s: unexpected error: %w", addr, err)
			}
		}
		return nil
	}
}

// tfRunner runs the Terraform CLI itself, for what plugin-testing does not
// cover: plan text, -generate-config-out, TF_LOG output. It uses the provider
// binary built from this module (once per test process) through a CLI config
// with dev_overrides, exactly as a user developing locally would, so the
// provider runs as Terraform's child and its logs reach TF_LOG_PATH.
type tfRunner struct {
	t   *testing.T
	dir string
	env []string
}

var (
	providerBinOnce sync.Once
	providerBinDir  string
	providerBinErr  error
)

func buildProviderBinary() (string, error) {
	providerBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tfprovider-fivetran-bin")
		if err != nil {
			providerBinErr = err
			return
		}
		cmd := exec.CommandContext(context.Background(), "go", "build", "-o", filepath.Join(dir, "terraform-provider-fivetran"), ".")
		cmd.Dir = filepath.Join("..", "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			providerBinErr = fmt.Errorf("go build: %w\n%s", err, out)
			return
		}
		providerBinDir = dir
	})
	return providerBinDir, providerBinErr
}

func newTFRunner(t *testing.T, extraEnv ...string) *tfRunner {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH is not set (make test sets it after `make terraform`)")
	}
	bin, err := buildProviderBinary()
	if err != nil {
		t.Fatalf("building the provider: %s", err)
	}
	dir := t.TempDir()
	cliConfig := filepath.Join(t.TempDir(), "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"openpipes/fivetran\" = %q\n  }\n  direct {}\n}\n", bin)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{}
	for _, kv := range os.Environ() {
		// The runner's environment is explicit: no credentials or logging
		// settings leak in from the developer's shell.
		if strings.HasPrefix(kv, "FIVETRAN_") || strings.HasPrefix(kv, "TF_LOG") || strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"NO_COLOR=1",
	)
	env = append(env, extraEnv...)
	return &tfRunner{t: t, dir: dir, env: env}
}

// write puts a file into the working directory.
func (r *tfRunner) write(name, content string) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, name), []byte(content), 0o600); err != nil {
		r.t.Fatal(err)
	}
}

func (r *tfRunner) read(name string) string {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(r.dir, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

// run runs terraform with args; it returns stdout+stderr and the exit code.
func (r *tfRunner) run(args ...string) (string, int) {
	r.t.Helper()
	if len(args) > 0 && args[0] != "fmt" {
		args = append([]string{args[0], "-no-color"}, args[1:]...)
	}
	cmd := exec.CommandContext(context.Background(), os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			r.t.Fatalf("running terraform %s: %s", strings.Join(args, " "), err)
		}
		code = exitErr.ExitCode()
	}
	return out.String(), code
}

// must runs terraform and fails the test on a non-zero exit.
func (r *tfRunner) must(args ...string) string {
	r.t.Helper()
	out, code := r.run(args...)
	if code != 0 {
		r.t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

const requiredProviders = `
terraform {
  required_providers {
    fivetran = { source = "openpipes/fivetran" }
  }
}
`

// isOpenTofu reports whether TF_ACC_TERRAFORM_PATH is OpenTofu (make test-tofu).
func isOpenTofu(t *testing.T) bool {
	t.Helper()
	out, err := exec.CommandContext(context.Background(), os.Getenv("TF_ACC_TERRAFORM_PATH"), "version").Output()
	return err == nil && strings.Contains(string(out), "OpenTofu")
}

func emulatorEnv(url string) []string {
	return []string{"FIVETRAN_APIKEY=" + testAPIKey, "FIVETRAN_APISECRET=" + testAPISecret, "FIVETRAN_API_URL=" + url}
}

// skipBelowTerraform skips a CLI-driven test unless TF_ACC_TERRAFORM_PATH is
// Terraform at least minimum (make test-latest); OpenTofu is skipped too. Tests
// through plugin-testing use tfversion.SkipBelow instead.
func skipBelowTerraform(t *testing.T, minimum string) {
	t.Helper()
	if ok, have := terraformAtLeast(t, minimum); !ok {
		t.Skipf("needs Terraform %s or later (make test-latest); this is %s", minimum, have)
	}
}

// terraformAtLeast reports whether TF_ACC_TERRAFORM_PATH is Terraform (not
// OpenTofu) at least minimum, and which version it is.
func terraformAtLeast(t *testing.T, minimum string) (bool, string) {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH is not set")
	}
	out, err := exec.CommandContext(context.Background(), bin, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %s", bin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s version -json: %s", bin, err)
	}
	got, err := version.NewVersion(v.Version)
	if err != nil {
		t.Fatalf("%s version -json: %s", bin, err)
	}
	if isOpenTofu(t) {
		return false, "OpenTofu " + v.Version
	}
	return !got.LessThan(version.Must(version.NewVersion(minimum))), "Terraform " + v.Version
}

// jsonAs asserts that v, a value decoded from JSON, has type T, and fails the test (rather than
// panicking) when it does not.
func jsonAs[T any](t testing.TB, v any) T {
	t.Helper()
	x, ok := v.(T)
	if !ok {
		t.Fatalf("got %T (%v), want %T", v, v, *new(T))
	}
	return x
}

package provider

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

const webhookAddr = "fivetran_webhook.alerts"

// webhookReceiver is an endpoint that takes webhook events, answering with
// status, and keeps what it received with whether its signature is the
// HMAC-SHA256 of the body with secret.
type webhookReceiver struct {
	*httptest.Server
	mu       sync.Mutex
	status   int
	received []receivedEvent
}

type receivedEvent struct {
	body   string
	signed bool
}

func newWebhookReceiver(t *testing.T, secret string) *webhookReceiver {
	t.Helper()
	rc := &webhookReceiver{status: http.StatusOK}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write(body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.received = append(rc.received, receivedEvent{body: string(body),
			signed: strings.EqualFold(r.Header.Get("X-Fivetran-Signature-256"), hex.EncodeToString(mac.Sum(nil)))})
		w.WriteHeader(rc.status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *webhookReceiver) events() []receivedEvent {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]receivedEvent(nil), rc.received...)
}

func webhookHCL(em *emulator.Running, url, extra string) string {
	return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_group" "g" {
  name = "alerted"
}

resource "fivetran_webhook" "alerts" {
  group_id = fivetran_group.g.id
  url      = %q
  events   = ["sync_end", "sync_start"]
  secret   = "hook-secret-7731"
%s}
`, url, extra)
}

// TestAccWebhook_lifecycle: a group webhook is created with its secret
// (Fivetran shows it masked; the state keeps the one written); with
// run_tests, a test of each event reaches the endpoint, signed with that
// secret; an import plans nothing once the secret is written; a change of
// events or URL is made in place; a change of group replaces it.
func TestAccWebhook_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	rc := newWebhookReceiver(t, "hook-secret-7731")
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: webhookHCL(em, rc.URL+"/hook", "  active = true\n  run_tests = true\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("type"), knownvalue.StringExact("group")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("secret"), knownvalue.StringExact("hook-secret-7731")),
					statecheck.ExpectSensitiveValue(webhookAddr, tfjsonpath.New("secret")),
				},
				Check: func(s *terraform.State) error {
					first = s.RootModule().Resources[webhookAddr].Primary.ID
					got := rc.events()
					if len(got) != 2 {
						return fmt.Errorf("the endpoint received %d test events, want 2 (one per event)", len(got))
					}
					for _, e := range got {
						if !e.signed {
							return fmt.Errorf("a test event is not signed with the secret: %s", e.body)
						}
					}
					return nil
				},
			},
			{
				ResourceName:            webhookAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "secret", "run_tests"},
			},
			{Config: webhookHCL(em, rc.URL+"/hook", "  active = true\n  run_tests = true\n"), PlanOnly: true},
			{
				// A change of URL is made in place, and tested again.
				Config: webhookHCL(em, rc.URL+"/hook2", "  active = true\n  run_tests = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if s.RootModule().Resources[webhookAddr].Primary.ID != first {
						return fmt.Errorf("a new URL replaced the webhook")
					}
					if n := len(rc.events()); n != 4 {
						return fmt.Errorf("%d test events after the change, want 4", n)
					}
					return nil
				},
			},
			{
				// run_tests alone sends nothing.
				Config: webhookHCL(em, rc.URL+"/hook2", "  active = true\n"),
				Check: func(*terraform.State) error {
					if n := em.Counts()["PATCH /v1/webhooks/{id}"]; n != 1 {
						return fmt.Errorf("%d PATCHes, want the one of the URL", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccWebhook_testFails: with run_tests, an endpoint that refuses the
// test events fails the apply, naming each event and the status; the
// webhook is in state, not orphaned.
func TestAccWebhook_testFails(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	rc := newWebhookReceiver(t, "hook-secret-7731")
	rc.status = http.StatusServiceUnavailable
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config:      webhookHCL(em, rc.URL, "  run_tests = true\n"),
				ExpectError: regexp.MustCompile(`(?s)Webhook test failed.*sync_end \(HTTP 503\), sync_start \(HTTP 503\)`),
			},
			{
				// The webhook is in state (tainted): replaced, and tested again,
				// once the endpoint answers.
				PreConfig: func() { rc.mu.Lock(); rc.status = http.StatusOK; rc.mu.Unlock() },
				Config:    webhookHCL(em, rc.URL, "  run_tests = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if n := len(em.Webhooks()); n != 1 {
						return fmt.Errorf("%d webhooks in Fivetran, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccWebhook_accountAndOutOfBand: an account webhook (no group_id); a
// secret changed only in the configuration is sent; a webhook deleted
// outside Terraform is planned again.
func TestAccWebhook_accountAndOutOfBand(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(secret string) string {
		return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_webhook" "alerts" {
  url    = "https://hooks.example.com/fivetran"
  events = ["status"]
  secret = %q
}
`, secret)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg("first-secret-1"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("type"), knownvalue.StringExact("account")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("group_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("active"), knownvalue.Bool(false)),
				},
			},
			{
				Config: cfg("second-secret-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					if n := em.Counts()["PATCH /v1/webhooks/{id}"]; n != 1 {
						return fmt.Errorf("%d PATCHes for a new secret, want 1", n)
					}
					return em.Delete("webhook", s.RootModule().Resources[webhookAddr].Primary.ID)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg("second-secret-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccWebhook_invalid: a URL that is not http(s), and no events, fail
// the plan at the attribute, before any request.
func TestAccWebhook_invalid(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(em) + `
resource "fivetran_webhook" "alerts" {
  url    = "ftp://hooks.example.com"
  events = ["sync_end"]
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)url.*http or https URL`),
			},
			{
				Config: providerConfig(em) + `
resource "fivetran_webhook" "alerts" {
  url    = "https://hooks.example.com"
  events = []
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)events.*at least 1`),
			},
		},
	})
	if n := len(em.Webhooks()); n != 0 {
		t.Errorf("%d webhooks created", n)
	}
}

// TestAccWebhook_lostCreateAnswer: the create commits but its answer is
// lost; the provider finds the webhook it made (same group, URL and events,
// made since) and adopts it instead of making a second one.
func TestAccWebhook_lostCreateAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/webhooks/group/{groupId}")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: webhookHCL(em, "https://hooks.example.com/fivetran", ""),
			Check: func(s *terraform.State) error {
				hooks := em.Webhooks()
				if len(hooks) != 1 || hooks[0]["id"] != s.RootModule().Resources[webhookAddr].Primary.ID {
					return fmt.Errorf("%d webhooks in Fivetran, want the one in state", len(hooks))
				}
				if n := em.Counts()["POST /v1/webhooks/group/{groupId}"]; n != 1 {
					return fmt.Errorf("%d creates, want 1 (the lost one, adopted)", n)
				}
				return nil
			},
		}},
	})
}

// TestAccWebhook_dataSources: by id, and the list of one group's.
func TestAccWebhook_dataSources(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := webhookHCL(em, "https://hooks.example.com/fivetran", "") + `
data "fivetran_webhook" "by_id" {
  id = fivetran_webhook.alerts.id
}

data "fivetran_webhooks" "group" {
  group_id   = fivetran_group.g.id
  depends_on = [fivetran_webhook.alerts]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_webhook.by_id", tfjsonpath.New("has_secret"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.fivetran_webhook.by_id", tfjsonpath.New("events"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				// The list lags the create: wait until it shows the webhook.
				PreConfig: func() {
					for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
						if hooks, err := testClient(t, em).ListWebhooks(context.Background()); err == nil && len(hooks) == 1 {
							return
						}
					}
				},
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_webhooks.group", tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

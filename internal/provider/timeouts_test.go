package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestAccTimeouts_hungAPI: an API that stops answering is bounded by the
// resource's timeouts; the error says what timed out and what state the
// object may be in.
func TestAccTimeouts_hungAPI(t *testing.T) {
	accPreCheck(t)
	t.Parallel()
	em := startEmulator(t)
	em.SetFaults(emulator.Faults{Latency: 4 * time.Second})
	start := time.Now() // after t.Parallel: waiting for other tests does not count
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + `
resource "fivetran_group" "slow" {
  name     = "slow"
  timeouts = { create = "1s" }
}
`,
			// On a loaded machine the deadline can pass before the request is
			// even sent; either way the error must say that it timed out.
			ExpectError: wrapRe(`(?s)Unable to create group.*timed out`),
		}},
	})
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("a 1s create timeout took %s to give up", d)
	}
}

// TestAccRateLimit_parallelCreates: with the emulator limiting connection
// creates (20 per window, like Fivetran's "20 connectors a minute", with the
// window scaled down to keep the test short), `terraform apply
// -parallelism=20` of 60 connections completes, backing off as Retry-After
// says, with no duplicate.
func TestAccRateLimit_parallelCreates(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.SetRateLimit("POST /v1/connections", 20, 3*time.Second)
	r := newTFRunner(t)
	// Enough retries that a create losing the race for the window several
	// times in a row on a loaded machine still gets through.
	r.write("main.tf", requiredProviders+strings.Replace(providerConfig(em), "max_retries = 2", "max_retries = 8", 1)+baseConfig+`
resource "fivetran_connection" "many" {
  count              = 60
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github_${count.index}" }
  run_setup_tests    = false
}
`)
	r.must("apply", "-input=false", "-auto-approve", "-parallelism=20")
	limited := 0
	for _, req := range em.Requests() {
		if req.Fault == "rate-limit" {
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("the rate limit never answered 429: the test proves nothing")
	}
	if n := len(em.Connections()); n != 60 {
		t.Fatalf("the emulator holds %d connections, want 60", n)
	}
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after apply is not empty (exit %d):\n%s", code, out)
	}
	t.Logf("60 connections created with -parallelism=20; %d requests answered 429 and were retried", limited)
	r.must("destroy", "-input=false", "-auto-approve", "-parallelism=20")
}

package provider

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The emulator's windows are scaled down in these tests (a "minute" of two
// seconds, an "hour" of four), and the provider is told the same windows, as
// it is told Fivetran's real ones by default.

// throttledProviders serves a provider whose client counts its windows as
// given, and records its clients in run.
func throttledProviders(run *Run, budgetWindow, createWindow time.Duration) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"fivetran": func() (tfprotov6.ProviderServer, error) {
			return providerserver.NewProtocol6WithError(&fivetranProvider{
				version: "test", run: run, budgetWindow: budgetWindow, createWindow: createWindow,
			})()
		},
	}
}

// manyConnections is a group, its destination and n GitHub connections.
func manyConnections(n int) string {
	return baseConfig + fmt.Sprintf(`
resource "fivetran_connection" "gh" {
  count              = %d
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = format("github_%%02d", count.index) }
  config             = { sync_mode = "AllRepositories" }
}
`, n)
}

// usage sums what the run's clients spent.
func (r *Run) usage() fivetran.Usage {
	r.mu.Lock()
	defer r.mu.Unlock()
	sum := fivetran.Usage{Requests: map[string]int{}, RateLimited: map[string]int{}}
	for _, c := range r.clients {
		u := c.Usage()
		for k, v := range u.Requests {
			sum.Requests[k] += v
		}
		for k, v := range u.RateLimited {
			sum.RateLimited[k] += v
		}
		sum.Waited += u.Waited
	}
	return sum
}

// TestAccThrottle_createsUnderTheCreateLimit: 30 connections (32 creates)
// through an emulator that accepts 5 creates per "minute" of 2 s. The apply
// succeeds with the provider's few retries, every connection exists once and
// was created by one successful request, and after the first wave of 429s
// (one per create in flight) the creates are paced instead of refused.
func TestAccThrottle_createsUnderTheCreateLimit(t *testing.T) {
	accPreCheck(t)
	const n, window = 30, 2 * time.Second
	em := startEmulatorWith(t, emulator.Options{Seed: 42, CreatesPerMinute: 5, CreateWindow: window})
	run := NewRun("test")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: throttledProviders(run, 0, window),
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + manyConnections(n),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("fivetran_connection.gh.29", "destination_schema.name", "github_29"),
				func(s *terraform.State) error {
					// Every connection in state exists (a GET: lists lag
					// writes), each under its own name.
					names := map[string]bool{}
					for addr, rs := range s.RootModule().Resources {
						if rs.Type != "fivetran_connection" {
							continue
						}
						c, err := testClient(t, em).GetConnection(context.Background(), rs.Primary.ID)
						if err != nil {
							return fmt.Errorf("%s: %w", addr, err)
						}
						names[c.Schema] = true
					}
					if len(names) != n {
						return fmt.Errorf("%d connections in state and Fivetran, want %d", len(names), n)
					}
					created, refused := 0, 0
					for _, r := range em.Requests() {
						if r.Route != "POST /v1/connections" {
							continue
						}
						switch {
						case r.Status >= 200 && r.Status < 300:
							created++
						case r.Status == http.StatusTooManyRequests:
							refused++
						default:
							return fmt.Errorf("a create was answered %d", r.Status)
						}
					}
					// One successful create per connection: none created twice.
					if created != n {
						return fmt.Errorf("%d creates succeeded, want %d", created, n)
					}
					if refused == 0 {
						return fmt.Errorf("no create met the limit: the test proves nothing")
					}
					// Terraform runs 10 operations at once: each may meet the
					// first 429; paced, the rest should not.
					if refused > 12 {
						return fmt.Errorf("%d creates met 429: a retry storm, not a throttle", refused)
					}
					return nil
				},
			),
		}},
	})
	t.Logf("usage: %+v", run.usage())
}

// TestAccThrottle_planWithinASmallBudget: a plan of 20 connections succeeds
// when other tools have spent most of the account's budget (100 requests per
// "hour" of 4 s), and again under api_requests_per_hour, which it keeps to.
func TestAccThrottle_planWithinASmallBudget(t *testing.T) {
	accPreCheck(t)
	const n, budget, window = 20, 100, 4 * time.Second
	em := startEmulator(t)
	run := NewRun("test")
	cfg := providerConfig(em) + manyConnections(n)
	capped := strings.Replace(cfg, "max_retries = 2", "max_retries = 2\n  api_requests_per_hour = 20", 1)
	var planStart time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: throttledProviders(run, window, 0),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// Other tools spend 90 of the 100 requests just before the plan.
				PreConfig: func() {
					em.SetRequestBudget(budget, window)
					time.Sleep(window) // the apply's requests leave the window
					c := testClient(t, em)
					for range budget - 10 {
						if _, err := c.ListGroups(context.Background()); err != nil {
							t.Fatalf("spending the budget: %s", err)
						}
					}
					run = resetRun(run)
				},
				Config:   cfg,
				PlanOnly: true,
			},
			{
				PreConfig: func() {
					// Paced when the answers said the budget was low, or held
					// by a 429's Retry-After: either way it waited, and no
					// 429 reached Terraform.
					if u := run.usage(); u.Waited == 0 {
						t.Errorf("the plan never waited with the budget low: %+v", u)
					}
					em.SetRequestBudget(0, 0)
					em.ResetRequests()
					planStart = time.Now()
				},
				Config:   capped,
				PlanOnly: true,
			},
		},
	})
	// 20 requests per "hour" of 4 s: never 21 within 4 s.
	var starts []time.Time
	for _, r := range em.Requests() {
		if !r.Start.Before(planStart) {
			starts = append(starts, r.Start)
		}
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	if len(starts) <= 20 {
		t.Fatalf("%d requests under api_requests_per_hour: too few to test the cap", len(starts))
	}
	for i := 20; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-20]); gap < window-50*time.Millisecond {
			t.Errorf("requests %d to %d went within %v: more than 20 per window", i-20, i, gap)
		}
	}
}

// resetRun starts a new record, so that a step's usage is its own.
func resetRun(r *Run) *Run {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clients = nil
	return r
}

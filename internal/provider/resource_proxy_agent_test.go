package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

func proxyAgentConfig(em *emulator.Running, name, extra string) string {
	return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_proxy_agent" "office" {
  display_name = %q
  region       = "GCP_US_EAST4"
%s}
`, name, extra)
}

func proxyAgentAttrs(s *terraform.State) map[string]string {
	return s.RootModule().Resources["fivetran_proxy_agent.office"].Primary.Attributes
}

// TestAccProxyAgent_lifecycle: a create keeps the secrets Fivetran shows
// once (the agent run with the token in state connects); an import, which cannot read them back, plans nothing; a change of
// secrets_version regenerates them in place (the plan shows them unknown;
// the old token no longer connects, the new one in state does),
// and removing it changes nothing in Fivetran; a new name replaces the agent.
func TestAccProxyAgent_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	addr := "fivetran_proxy_agent.office"
	var first map[string]string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: proxyAgentConfig(em, "office-network", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("region"), knownvalue.StringExact("GCP_US_EAST4")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secrets_version"), knownvalue.Null()),
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("auth_token")),
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("client_private_key")),
				},
				Check: func(s *terraform.State) error {
					first = proxyAgentAttrs(s)
					for _, k := range []string{"id", "auth_token", "client_cert", "client_private_key"} {
						if first[k] == "" {
							return fmt.Errorf("%s is empty after the create", k)
						}
					}
					if n := em.Counts()["POST /v1/proxy"]; n != 1 {
						return fmt.Errorf("%d POST /v1/proxy, want 1", n)
					}
					// The agent run with the token in state connects.
					return em.ConnectProxyAgent(first["id"], first["auth_token"])
				},
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "auth_token", "client_cert", "client_private_key"},
			},
			{
				Config:   proxyAgentConfig(em, "office-network", ""),
				PlanOnly: true,
			},
			{
				Config: proxyAgentConfig(em, "office-network", "  secrets_version = 2\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("auth_token")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("client_private_key")),
					},
				},
				Check: func(s *terraform.State) error {
					now := proxyAgentAttrs(s)
					if now["id"] != first["id"] {
						return fmt.Errorf("a rotation replaced the agent: %s became %s", first["id"], now["id"])
					}
					for _, k := range []string{"auth_token", "client_cert", "client_private_key"} {
						if now[k] == "" || now[k] == first[k] {
							return fmt.Errorf("%s was not regenerated", k)
						}
					}
					if n := em.Counts()["POST /v1/proxy/{id}/regenerate-secrets"]; n != 1 {
						return fmt.Errorf("%d regenerations, want 1", n)
					}
					// The old token is void; the one in state is the agent's.
					if err := em.ConnectProxyAgent(now["id"], first["auth_token"]); err == nil {
						return fmt.Errorf("the token from before the rotation still connects")
					}
					if err := em.ConnectProxyAgent(now["id"], now["auth_token"]); err != nil {
						return fmt.Errorf("the token in state after the rotation: %w", err)
					}
					first = now
					return nil
				},
			},
			{
				Config: proxyAgentConfig(em, "office-network", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectKnownValue(addr, tfjsonpath.New("auth_token"), knownvalue.NotNull())},
				},
				Check: func(s *terraform.State) error {
					if n := em.Counts()["POST /v1/proxy/{id}/regenerate-secrets"]; n != 1 {
						return fmt.Errorf("removing secrets_version regenerated the secrets (%d regenerations)", n)
					}
					if proxyAgentAttrs(s)["auth_token"] != first["auth_token"] {
						return fmt.Errorf("removing secrets_version changed the token in state")
					}
					return nil
				},
			},
			{
				Config: proxyAgentConfig(em, "office-network-2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if proxyAgentAttrs(s)["id"] == first["id"] {
						return fmt.Errorf("a new name kept the agent")
					}
					return nil
				},
			},
		},
	})
}

// TestAccProxyAgent_usedByConnection: a connection references the agent, so
// Terraform creates the agent first and, removing the connection, keeps the
// agent; the agent's usage names the connection; an agent still used by a
// connection Terraform does not manage is not deleted, and the error names
// that connection; once that connection is gone, the delete goes through.
func TestAccProxyAgent_usedByConnection(t *testing.T) {
	accPreCheck(t)
	// The agent connects as soon as it exists, as if something in the same
	// apply ran it, so that the connection's setup tests pass.
	em := startEmulatorWith(t, emulator.Options{Seed: 42, ProxyAgentConnectAfter: time.Millisecond})
	c := testClient(t, em)
	pipeline := `
resource "fivetran_group" "g" {
  name = "proxied"
}

resource "fivetran_destination" "d" {
  group_id = fivetran_group.g.id
  service  = "postgres_warehouse"
  config = {
    host     = "warehouse.example.com"
    port     = 5432
    database = "dw"
    user     = "loader"
    password = "secret"
  }
}

resource "fivetran_connection" "erp" {
  group_id          = fivetran_destination.d.group_id
  service           = "postgres"
  networking_method = "ProxyAgent"
  proxy_agent_id    = fivetran_proxy_agent.office.id
  destination_schema = {
    prefix = "erp"
  }
  config = {
    host          = "erp.office.internal"
    port          = 5432
    database      = "erp"
    user          = "fivetran"
    password      = "secret"
    update_method = "QUERY_BASED"
  }
}
`
	withPipeline := proxyAgentConfig(em, "office-network", "") + pipeline
	alone := proxyAgentConfig(em, "office-network", "")
	var outOfBand string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: withPipeline,
				Check: func(s *terraform.State) error {
					a, err := c.GetProxyAgent(context.Background(), proxyAgentAttrs(s)["id"])
					if err != nil {
						return err
					}
					conn := s.RootModule().Resources["fivetran_connection.erp"].Primary.ID
					if len(a.Usage) != 1 || a.Usage[0].ID != conn {
						return fmt.Errorf("the agent's usage is %+v, want the connection %s", a.Usage, conn)
					}
					return nil
				},
			},
			{
				// The connection goes first, then the agent may go; a
				// connection made outside Terraform keeps it in use.
				Config: alone,
				Check: func(s *terraform.State) error {
					if n := em.Counts()["DELETE /v1/proxy/{id}"]; n != 0 {
						return fmt.Errorf("the agent was deleted while kept in the configuration")
					}
					if n := len(em.Connections()) + len(em.Groups()); n != 0 {
						return fmt.Errorf("%d connections and groups left", n)
					}
					return nil
				},
			},
			{
				Config: alone,
				Check: func(s *terraform.State) error {
					g := em.CreateGroup("outside")
					if _, err := em.CreateDestination(fmt.Sprint(g["id"]), map[string]any{"service": "postgres_warehouse",
						"region": "GCP_US_EAST4", "time_zone_offset": "0",
						"config": map[string]any{"host": "h", "port": 5432, "database": "d", "user": "u", "password": "p"}}); err != nil {
						return err
					}
					created, err := em.CreateConnection(map[string]any{"group_id": g["id"], "service": "postgres", "run_setup_tests": false,
						"networking_method": "ProxyAgent", "proxy_agent_id": proxyAgentAttrs(s)["id"],
						"config": map[string]any{"schema_prefix": "made_in_ui", "host": "h", "port": 5432, "database": "d", "user": "u",
							"password": "p", "update_method": "QUERY_BASED"}})
					if err != nil {
						return err
					}
					outOfBand = fmt.Sprint(created["id"])
					return nil
				},
			},
			{
				Config:      providerConfig(em),
				Destroy:     false,
				ExpectError: regexp.MustCompile(`(?s)Unable to delete proxy agent.*still used.*made_in_ui`),
			},
			{
				// Once the connection is gone, the delete goes through.
				PreConfig: func() {
					if err := c.DeleteConnection(context.Background(), outOfBand); err != nil {
						t.Fatal(err)
					}
				},
				Config: providerConfig(em),
			},
		},
	})
}

// TestAccProxyAgent_goneOrUnreachable: an agent deleted outside Terraform is
// planned for creation again; a NotFound from an api_url that is not
// Fivetran's (every route answers it) keeps the agent in state.
func TestAccProxyAgent_goneOrUnreachable(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	c := testClient(t, em)
	addr := "fivetran_proxy_agent.office"
	wrongURL := strings.Replace(proxyAgentConfig(em, "office-network", ""), em.URL, em.URL+"/nowhere", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{Config: proxyAgentConfig(em, "office-network", "")},
			{
				Config:      wrongURL,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Unable to read proxy agent`),
			},
			{
				Config: proxyAgentConfig(em, "office-network", ""),
				Check: func(s *terraform.State) error {
					return c.DeleteProxyAgent(context.Background(), proxyAgentAttrs(s)["id"])
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: proxyAgentConfig(em, "office-network", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccProxyAgent_lostCreateAnswer: the create commits but its answer is
// lost. The provider finds the agent by its name and adopts it instead of
// making a second one, and has its secrets issued again, since they were in
// the lost answer only.
func TestAccProxyAgent_lostCreateAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	c := testClient(t, em)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/proxy")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: proxyAgentConfig(em, "office-network", ""),
				Check: func(s *terraform.State) error {
					agents, err := c.ListProxyAgents(context.Background())
					if err != nil {
						return err
					}
					if len(agents) != 1 || agents[0].ID != proxyAgentAttrs(s)["id"] {
						return fmt.Errorf("%d agents in Fivetran (%+v), want the one in state", len(agents), agents)
					}
					if n := em.Counts()["POST /v1/proxy/{id}/regenerate-secrets"]; n != 1 {
						return fmt.Errorf("%d regenerations, want 1 for the adopted agent", n)
					}
					if proxyAgentAttrs(s)["auth_token"] == "" {
						return fmt.Errorf("the adopted agent has no token in state")
					}
					return nil
				},
			},
		},
	})
}

// TestAccProxyAgent_nameTaken: a plan that creates an agent whose name
// another agent has warns at display_name, naming that agent and how to
// adopt it; the apply then fails at display_name (Fivetran refuses the
// name), and nothing is created.
func TestAccProxyAgent_nameTaken(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	c := testClient(t, em)
	existing, err := c.CreateProxyAgent(context.Background(), "office-network", "GCP_US_EAST4")
	if err != nil {
		t.Fatal(err)
	}
	// The plan's look-up is a list, and lists lag writes: an agent made a
	// moment ago may be missed (the guard can only miss a duplicate). Wait
	// until the list shows it, as it would an agent made long before.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		agents, err := c.ListProxyAgents(context.Background())
		if err == nil && len(agents) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the agent made out of band is not listed after 10 s (%v)", err)
		}
	}
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+`
resource "fivetran_proxy_agent" "office" {
  display_name = "office-network"
  region       = "GCP_US_EAST4"
}
`)
	plan := r.must("plan", "-input=false")
	if !regexp.MustCompile(`(?s)Warning: Proxy agent name already used.*` + existing.AgentID + `.*import block`).MatchString(plan) {
		t.Errorf("the plan does not warn of the agent with the name:\n%s", plan)
	}
	out, code := r.run("apply", "-input=false", "-auto-approve")
	if code != 1 || !regexp.MustCompile(`(?s)Error: Proxy agent name already taken.*display_name = .*`+existing.AgentID).MatchString(out) {
		t.Errorf("the apply (exit %d) does not fail at display_name naming the agent:\n%s", code, out)
	}
	if n := len(em.ProxyAgents()); n != 1 {
		t.Errorf("%d agents in Fivetran, want the one that was there", n)
	}
}

// TestAccProxyAgent_dataSources: the agent with what uses it, looked up by
// name in the apply that creates it (the list lags the create), and the list.
func TestAccProxyAgent_dataSources(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := proxyAgentConfig(em, "office-network", "") + `
data "fivetran_proxy_agent" "by_name" {
  display_name = fivetran_proxy_agent.office.display_name
}

data "fivetran_proxy_agent" "by_id" {
  id = fivetran_proxy_agent.office.id
}

data "fivetran_proxy_agents" "all" {
  depends_on = [fivetran_proxy_agent.office]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.fivetran_proxy_agent.by_name", tfjsonpath.New("id"),
						"fivetran_proxy_agent.office", tfjsonpath.New("id"), compareEqual{}),
					statecheck.ExpectKnownValue("data.fivetran_proxy_agent.by_id", tfjsonpath.New("status"), knownvalue.StringExact("NOT_CONNECTED")),
					statecheck.ExpectKnownValue("data.fivetran_proxy_agent.by_id", tfjsonpath.New("connection_ids"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				// The list lags the create; by the next run it shows the agent.
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_proxy_agents.all", tfjsonpath.New("proxy_agents"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.fivetran_proxy_agents.all", tfjsonpath.New("proxy_agents").AtSliceIndex(0).AtMapKey("display_name"),
						knownvalue.StringExact("office-network")),
				},
			},
		},
	})
}

// TestAccProxyAgent_secretsNotShown: the agent's secrets, which only the
// state holds, appear in no plan or apply output and no TRACE log line,
// through a create, a rotation and a destroy.
func TestAccProxyAgent_secretsNotShown(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)...)
	cfg := func(version int) string {
		return requiredProviders + fmt.Sprintf(`
resource "fivetran_proxy_agent" "office" {
  display_name    = "office-network"
  region          = "GCP_US_EAST4"
  secrets_version = %d
}

output "token" {
  value     = fivetran_proxy_agent.office.auth_token
  sensitive = true
}

output "key" {
  value     = fivetran_proxy_agent.office.client_private_key
  sensitive = true
}
`, version)
	}
	var texts, secrets []string
	for version := 1; version <= 2; version++ {
		r.write("main.tf", cfg(version))
		texts = append(texts, r.must("plan", "-input=false"), r.must("apply", "-input=false", "-auto-approve"), r.must("output"))
		var st struct {
			Resources []struct {
				Instances []struct {
					Attributes map[string]any `json:"attributes"`
				} `json:"instances"`
			} `json:"resources"`
		}
		if err := json.Unmarshal([]byte(r.read("terraform.tfstate")), &st); err != nil || len(st.Resources) != 1 {
			t.Fatalf("state: %v", err)
		}
		for _, k := range []string{"auth_token", "client_private_key"} {
			v, _ := st.Resources[0].Instances[0].Attributes[k].(string)
			if len(v) < 16 {
				t.Fatalf("%s in state is %d characters long, want a secret", k, len(v))
			}
			secrets = append(secrets, v)
		}
	}
	if secrets[0] == secrets[2] {
		t.Fatal("secrets_version 1 → 2 did not rotate the token")
	}
	texts = append(texts, r.must("destroy", "-input=false", "-auto-approve"))
	logs, err := os.ReadFile(logPath)
	if err != nil || len(logs) < 1000 {
		t.Fatalf("no TRACE log to check (%d bytes, %v)", len(logs), err)
	}
	texts = append(texts, string(logs))
	for _, text := range texts {
		for _, s := range secrets {
			// A PEM key's first line is its armour; look for its body.
			needle := s[len(s)/2:][:12]
			if strings.Contains(text, needle) {
				t.Fatalf("a secret appears in Terraform's output or log:\n%s", excerpt(text, needle))
			}
		}
	}
}

// TestAccProxyAgent_unknownReference: a destination or connection whose
// proxy_agent_id names no agent fails at plan, at that attribute, before
// anything is created; the look-up is one GET per id (and a list to confirm
// the NotFound), whatever the number of resources naming it.
func TestAccProxyAgent_unknownReference(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	// The connection goes into a group made outside Terraform, so that it
	// does not wait on the destination's plan, which fails too.
	gid := dsDestinationFixture(t, em, "outside")
	cfg := providerConfig(em) + `
resource "fivetran_group" "g" {
  name = "proxied"
}

resource "fivetran_destination" "d" {
  group_id          = fivetran_group.g.id
  service           = "postgres_warehouse"
  networking_method = "ProxyAgent"
  proxy_agent_id    = "ghost_agent"
  config = {
    host = "warehouse.internal"
    port = 5432
  }
}

resource "fivetran_connection" "erp" {
  group_id          = "` + gid + `"
  service           = "github"
  networking_method = "ProxyAgent"
  proxy_agent_id    = "ghost_agent"
  destination_schema = {
    name = "github"
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown proxy agent.*proxy_agent_id += "ghost_agent".*Unknown proxy agent.*proxy_agent_id += "ghost_agent"`),
			},
			{
				Config:   providerConfig(em),
				PlanOnly: true,
				Check: func(*terraform.State) error {
					counts := em.Counts()
					if n := counts["GET /v1/proxy/{id}"]; n != 1 {
						return fmt.Errorf("%d GETs of the agent, want 1 for both resources", n)
					}
					for route, n := range counts {
						if strings.HasPrefix(route, "POST") {
							return fmt.Errorf("the plan sent %d %s", n, route)
						}
					}
					return nil
				},
			},
		},
	})
}

// TestAccProxyAgent_notConnected: an agent created in the same apply as a
// connection behind it is not running yet, so the connection's setup tests
// fail; the error comes with a warning at proxy_agent_id that says so and
// what to do. Once the agent runs with the secrets in state, the next apply
// replaces the tainted connection and its tests pass.
func TestAccProxyAgent_notConnected(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "outside")
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+`
resource "fivetran_proxy_agent" "office" {
  display_name = "office-network"
  region       = "GCP_US_EAST4"
}

resource "fivetran_connection" "gh" {
  group_id          = "`+gid+`"
  service           = "github"
  networking_method = "ProxyAgent"
  proxy_agent_id    = fivetran_proxy_agent.office.id
  destination_schema = {
    name = "github"
  }
}
`)
	out, code := r.run("apply", "-input=false", "-auto-approve")
	if code != 1 || !regexp.MustCompile(`(?s)Error: Connection setup tests failed.*Connecting through the proxy agent`).MatchString(out) ||
		!regexp.MustCompile(`(?s)Warning: Proxy agent not connected.*proxy_agent_id += fivetran_proxy_agent\.office\.id.*NOT_CONNECTED.*run_setup_tests = false`).MatchString(out) {
		t.Fatalf("the first apply (exit %d) does not fail the setup tests with the proxy agent's warning:\n%s", code, out)
	}
	var st stateFile
	if err := json.Unmarshal([]byte(r.read("terraform.tfstate")), &st); err != nil {
		t.Fatal(err)
	}
	var agentID, token string
	for _, res := range st.Resources {
		if res.Type == "fivetran_proxy_agent" {
			var attrs map[string]any
			if err := json.Unmarshal(res.Instances[0]["attributes"], &attrs); err != nil {
				t.Fatal(err)
			}
			agentID, token = fmt.Sprint(attrs["id"]), fmt.Sprint(attrs["auth_token"])
		}
	}
	if err := em.ConnectProxyAgent(agentID, token); err != nil {
		t.Fatalf("the agent run with the token in state: %v", err)
	}
	out = r.must("apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "1 added, 0 changed, 1 destroyed") || strings.Contains(out, "Proxy agent not connected") {
		t.Fatalf("the second apply does not replace the tainted connection cleanly:\n%s", out)
	}
	if n := len(em.Connections()); n != 1 {
		t.Fatalf("%d connections in Fivetran, want 1", n)
	}
}

// TestAccProxyAgent_secretsVersionKnownAtApply: a secrets_version that is
// known only at apply (here from terraform_data) may regenerate the secrets,
// so the plan shows them unknown, and the apply that does regenerate is
// consistent with it.
func TestAccProxyAgent_secretsVersionKnownAtApply(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := func(v int) string {
		return proxyAgentConfig(em, "office-network", "  secrets_version = terraform_data.rotation.output\n") + fmt.Sprintf(`
resource "terraform_data" "rotation" {
  input = %d
}
`, v)
	}
	addr := "fivetran_proxy_agent.office"
	var before string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg(1),
				Check:  func(s *terraform.State) error { before = proxyAgentAttrs(s)["auth_token"]; return nil },
			},
			{
				Config: cfg(2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(addr, tfjsonpath.New("auth_token"))},
				},
				Check: func(s *terraform.State) error {
					if proxyAgentAttrs(s)["auth_token"] == before {
						return fmt.Errorf("secrets_version 1 → 2 did not regenerate the token")
					}
					return nil
				},
			},
		},
	})
}

// TestAccProxyAgent_destroyedWithItsUsers: destroying an agent together with
// the connection behind it deletes the connection first; Fivetran still
// counts a connection for a moment after its delete (here 2 s) and refuses
// the agent's delete without naming anything, so the provider asks again
// and the destroy succeeds.
func TestAccProxyAgent_destroyedWithItsUsers(t *testing.T) {
	accPreCheck(t)
	em := startEmulatorWith(t, emulator.Options{Seed: 42, ProxyAgentConnectAfter: time.Millisecond, DeleteDelay: 2 * time.Second})
	gid := dsDestinationFixture(t, em, "outside")
	all := checkAllDestroyed(t, em)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy: func(s *terraform.State) error {
			if err := all(s); err != nil {
				return err
			}
			if n := em.StatusCounts(409)["DELETE /v1/proxy/{id}"]; n < 1 {
				return fmt.Errorf("the agent's delete was never refused (%d times): the test did not exercise the retry", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: proxyAgentConfig(em, "office-network", "") + `
resource "fivetran_connection" "gh" {
  group_id          = "` + gid + `"
  service           = "github"
  networking_method = "ProxyAgent"
  proxy_agent_id    = fivetran_proxy_agent.office.id
  destination_schema = {
    name = "github"
  }
}
`,
			},
		},
	})
}

package provider

import (
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

const hybridAgentAddr = "fivetran_hybrid_deployment_agent.dc"

// hybridAgentHCL is a group and one agent in it.
func hybridAgentHCL(em *emulator.Running, name, extra string) string {
	return providerConfig(em) + fmt.Sprintf(`
resource "fivetran_group" "g" {
  name = "on_prem"
}

resource "fivetran_hybrid_deployment_agent" "dc" {
  group_id     = fivetran_group.g.id
  display_name = %q
  env_type     = "DOCKER"
  accept_terms = true
%s}
`, name, extra)
}

func hybridAgentAttrs(s *terraform.State) map[string]string {
	return s.RootModule().Resources[hybridAgentAddr].Primary.Attributes
}

// TestAccHybridAgent_lifecycle: a create keeps the credentials Fivetran
// shows once (the agent started with the token in state comes online); an
// import, which cannot read them back, plans nothing; a change of
// secrets_version, or of auth_type, re-authenticates in place (the plan
// shows the credentials unknown; the old token no longer starts the agent,
// the new one in state does); removing secrets_version changes nothing; a
// new name replaces the agent.
func TestAccHybridAgent_lifecycle(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	var first map[string]string
	reAuthed := func(want int) func(*terraform.State) error {
		return func(s *terraform.State) error {
			now := hybridAgentAttrs(s)
			if now["id"] != first["id"] {
				return fmt.Errorf("a re-authentication replaced the agent: %s became %s", first["id"], now["id"])
			}
			// config.json holds the agent's settings, not its credentials: it
			// may stay the same.
			for _, k := range []string{"token", "auth_json"} {
				if now[k] == "" || now[k] == first[k] {
					return fmt.Errorf("%s was not issued again", k)
				}
			}
			if n := em.Counts()["PATCH /v1/hybrid-deployment-agents/{id}/re-auth"]; n != want {
				return fmt.Errorf("%d re-authentications, want %d", n, want)
			}
			if err := em.StartHybridAgent(now["id"], first["token"]); err == nil {
				return fmt.Errorf("the token from before the re-authentication still starts the agent")
			}
			if err := em.StartHybridAgent(now["id"], now["token"]); err != nil {
				return fmt.Errorf("the token in state after the re-authentication: %w", err)
			}
			first = now
			return nil
		}
	}
	credsUnknown := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(hybridAgentAddr, plancheck.ResourceActionUpdate),
		plancheck.ExpectUnknownValue(hybridAgentAddr, tfjsonpath.New("token")),
		plancheck.ExpectUnknownValue(hybridAgentAddr, tfjsonpath.New("auth_json")),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: hybridAgentHCL(em, "dc_east", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(hybridAgentAddr, tfjsonpath.New("token")),
					statecheck.ExpectSensitiveValue(hybridAgentAddr, tfjsonpath.New("auth_json")),
					statecheck.ExpectSensitiveValue(hybridAgentAddr, tfjsonpath.New("config_json")),
					statecheck.ExpectKnownValue(hybridAgentAddr, tfjsonpath.New("env_type"), knownvalue.StringExact("DOCKER")),
				},
				Check: func(s *terraform.State) error {
					first = hybridAgentAttrs(s)
					for _, k := range []string{"id", "token", "config_json", "auth_json", "docker_compose_yaml"} {
						if first[k] == "" {
							return fmt.Errorf("%s is empty after the create", k)
						}
					}
					return em.StartHybridAgent(first["id"], first["token"])
				},
			},
			{
				ResourceName:            hybridAgentAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "token", "config_json", "auth_json", "docker_compose_yaml"},
			},
			{Config: hybridAgentHCL(em, "dc_east", ""), PlanOnly: true},
			{
				Config:           hybridAgentHCL(em, "dc_east", "  secrets_version = 2\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: credsUnknown},
				Check:            reAuthed(1),
			},
			{
				// Removing secrets_version sends nothing.
				Config: hybridAgentHCL(em, "dc_east", ""),
				Check: func(s *terraform.State) error {
					if n := em.Counts()["PATCH /v1/hybrid-deployment-agents/{id}/re-auth"]; n != 1 {
						return fmt.Errorf("removing secrets_version re-authenticated (%d)", n)
					}
					if hybridAgentAttrs(s)["token"] != first["token"] {
						return fmt.Errorf("removing secrets_version changed the token in state")
					}
					return nil
				},
			},
			{Config: hybridAgentHCL(em, "dc_east", "  auth_type = \"AUTO\"\n")},
			{
				Config:           hybridAgentHCL(em, "dc_east", "  auth_type = \"MANUAL\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: credsUnknown},
				Check:            reAuthed(2),
			},
			{
				Config: hybridAgentHCL(em, "dc_east_2", "  auth_type = \"MANUAL\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(hybridAgentAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					if hybridAgentAttrs(s)["id"] == first["id"] {
						return fmt.Errorf("a new name kept the agent")
					}
					return nil
				},
			},
		},
	})
}

// TestAccHybridAgent_usedBy: a destination names the agent and its
// connection, which names none, runs on it too (the agent is online, so
// their setup tests pass). A delete of the agent that a destination made
// outside Terraform still uses fails naming it; once that one is gone, the
// destroy goes through.
func TestAccHybridAgent_usedBy(t *testing.T) {
	accPreCheck(t)
	// The agent comes online as soon as it exists, as if something in the
	// same apply ran it.
	em := startEmulatorWith(t, emulator.Options{Seed: 42, HybridAgentOnlineAfter: time.Millisecond})
	pipeline := `
resource "fivetran_destination" "d" {
  group_id                   = fivetran_group.g.id
  service                    = "postgres_warehouse"
  hybrid_deployment_agent_id = fivetran_hybrid_deployment_agent.dc.id
  config = {
    host     = "warehouse.internal"
    port     = 5432
    database = "dw"
    user     = "loader"
    password = "secret"
  }
}

resource "fivetran_connection" "erp" {
  group_id = fivetran_destination.d.group_id
  service  = "postgres"
  destination_schema = {
    prefix = "erp"
  }
  config = {
    host          = "erp.internal"
    port          = 5432
    database      = "erp"
    user          = "fivetran"
    password      = "secret"
    update_method = "QUERY_BASED"
  }
}
`
	var outOfBand string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: hybridAgentHCL(em, "dc_east", "") + pipeline + `
data "fivetran_hybrid_deployment_agent" "dc" {
  id         = fivetran_hybrid_deployment_agent.dc.id
  depends_on = [fivetran_connection.erp]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("fivetran_connection.erp", tfjsonpath.New("setup_state"), knownvalue.StringExact("connected")),
					statecheck.ExpectKnownValue("data.fivetran_hybrid_deployment_agent.dc", tfjsonpath.New("online"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.fivetran_hybrid_deployment_agent.dc", tfjsonpath.New("connection_ids"), knownvalue.ListSizeExact(1)),
				},
			},
			{
				// The pipeline goes; a destination made outside Terraform uses
				// the agent from now on.
				Config: hybridAgentHCL(em, "dc_east", ""),
				Check: func(s *terraform.State) error {
					g := em.CreateGroup("outside")
					d, err := em.CreateDestination(fmt.Sprint(g["id"]), map[string]any{"service": "postgres_warehouse",
						"region": "GCP_US_EAST4", "time_zone_offset": "0", "hybrid_deployment_agent_id": hybridAgentAttrs(s)["id"],
						"config": map[string]any{"host": "h", "port": 5432, "database": "d", "user": "u", "password": "p"}})
					if err != nil {
						return err
					}
					outOfBand = fmt.Sprint(d["id"])
					return nil
				},
			},
			{
				Config:      providerConfig(em),
				ExpectError: regexp.MustCompile(`(?s)Unable to delete hybrid deployment agent.*still used.*destination`),
			},
			{
				PreConfig: func() {
					if err := em.Delete("destination", outOfBand); err != nil {
						t.Fatal(err)
					}
				},
				Config: providerConfig(em),
			},
		},
	})
}

// TestAccHybridAgent_offline: the setup tests of a destination created in
// the same apply as its agent fail, since nothing runs the agent yet; a
// warning at hybrid_deployment_agent_id says so. Once the agent runs with
// the token in state, the next apply replaces the tainted destination.
func TestAccHybridAgent_offline(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+`
resource "fivetran_group" "g" {
  name = "on_prem"
}

resource "fivetran_hybrid_deployment_agent" "dc" {
  group_id     = fivetran_group.g.id
  display_name = "dc_east"
  env_type     = "KUBERNETES"
  accept_terms = true
}

resource "fivetran_destination" "d" {
  group_id                   = fivetran_group.g.id
  service                    = "postgres_warehouse"
  hybrid_deployment_agent_id = fivetran_hybrid_deployment_agent.dc.id
  config = {
    host = "warehouse.internal"
    port = 5432
  }
}
`)
	out, code := r.run("apply", "-input=false", "-auto-approve")
	if code != 1 || !regexp.MustCompile(`(?s)Error: Destination setup tests failed.*Connecting through the hybrid deployment agent`).MatchString(out) ||
		!regexp.MustCompile(`(?s)Warning: Hybrid deployment agent offline.*hybrid_deployment_agent_id += fivetran_hybrid_deployment_agent\.dc\.id.*run_setup_tests = false`).MatchString(out) {
		t.Fatalf("the first apply (exit %d) does not fail the setup tests with the agent's warning:\n%s", code, out)
	}
	var st stateFile
	if err := json.Unmarshal([]byte(r.read("terraform.tfstate")), &st); err != nil {
		t.Fatal(err)
	}
	var agentID, token string
	for _, res := range st.Resources {
		if res.Type == "fivetran_hybrid_deployment_agent" {
			var attrs map[string]any
			if err := json.Unmarshal(res.Instances[0]["attributes"], &attrs); err != nil {
				t.Fatal(err)
			}
			agentID, token = fmt.Sprint(attrs["id"]), fmt.Sprint(attrs["token"])
		}
	}
	if err := em.StartHybridAgent(agentID, token); err != nil {
		t.Fatalf("the agent started with the token in state: %v", err)
	}
	out = r.must("apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "1 added, 0 changed, 1 destroyed") || strings.Contains(out, "agent offline") {
		t.Fatalf("the second apply does not replace the tainted destination cleanly:\n%s", out)
	}
	r.must("destroy", "-input=false", "-auto-approve")
}

// TestAccHybridAgent_lostCreateAnswer: the create commits but its answer is
// lost. The provider finds the agent by its name and adopts it instead of
// making a second one, and has its credentials issued again, since they
// were in the lost answer only.
func TestAccHybridAgent_lostCreateAnswer(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.InjectNext(emulator.FaultDropAfterCommit, 1, "POST", "/v1/hybrid-deployment-agents")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{{
			Config: hybridAgentHCL(em, "dc_east", ""),
			Check: func(s *terraform.State) error {
				agents := em.HybridAgents()
				if len(agents) != 1 || agents[0]["id"] != hybridAgentAttrs(s)["id"] {
					return fmt.Errorf("%d agents in Fivetran, want the one in state", len(agents))
				}
				if n := em.Counts()["PATCH /v1/hybrid-deployment-agents/{id}/re-auth"]; n != 1 {
					return fmt.Errorf("%d re-authentications, want 1 for the adopted agent", n)
				}
				return em.StartHybridAgent(hybridAgentAttrs(s)["id"], hybridAgentAttrs(s)["token"])
			},
		}},
	})
}

// TestAccHybridAgent_unknownReference: a destination whose
// hybrid_deployment_agent_id names no agent fails at plan, at that
// attribute; terms not accepted fail at accept_terms.
func TestAccHybridAgent_unknownReference(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(em) + `
resource "fivetran_group" "g" {
  name = "on_prem"
}

resource "fivetran_destination" "d" {
  group_id                   = fivetran_group.g.id
  service                    = "postgres_warehouse"
  hybrid_deployment_agent_id = "ghost_agent"
  config = {
    host = "warehouse.internal"
    port = 5432
  }
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown hybrid deployment agent.*hybrid_deployment_agent_id += "ghost_agent"`),
			},
			{
				Config:      strings.Replace(hybridAgentHCL(em, "dc_east", ""), "accept_terms = true", "accept_terms = false", 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)accept_terms.*true`),
			},
		},
	})
	if n := em.Counts()["POST /v1/hybrid-deployment-agents"]; n != 0 {
		t.Errorf("%d creates sent", n)
	}
}

// TestAccHybridAgent_credentialsNotShown: the credentials, which only the
// state holds, appear in no plan or apply output and no TRACE log line,
// through a create, a re-authentication and a destroy.
func TestAccHybridAgent_credentialsNotShown(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	r := newTFRunner(t, append(emulatorEnv(em.URL), "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)...)
	cfg := func(version int) string {
		return requiredProviders + fmt.Sprintf(`
resource "fivetran_group" "g" {
  name = "on_prem"
}

resource "fivetran_hybrid_deployment_agent" "dc" {
  group_id        = fivetran_group.g.id
  display_name    = "dc_east"
  env_type        = "DOCKER"
  accept_terms    = true
  secrets_version = %d
}

output "auth" {
  value     = fivetran_hybrid_deployment_agent.dc.auth_json
  sensitive = true
}
`, version)
	}
	var texts, secrets []string
	for version := 1; version <= 2; version++ {
		r.write("main.tf", cfg(version))
		texts = append(texts, r.must("plan", "-input=false"), r.must("apply", "-input=false", "-auto-approve"), r.must("output"))
		var st stateFile
		if err := json.Unmarshal([]byte(r.read("terraform.tfstate")), &st); err != nil {
			t.Fatal(err)
		}
		for _, res := range st.Resources {
			if res.Type != "fivetran_hybrid_deployment_agent" {
				continue
			}
			var attrs map[string]any
			if err := json.Unmarshal(res.Instances[0]["attributes"], &attrs); err != nil {
				t.Fatal(err)
			}
			// The token, and auth.json, which carries it: the credentials.
			for _, k := range []string{"token", "auth_json"} {
				v, _ := attrs[k].(string)
				if len(v) < 16 {
					t.Fatalf("%s in state is %d characters long, want a credential", k, len(v))
				}
				secrets = append(secrets, v)
			}
		}
	}
	if len(secrets) != 4 || secrets[0] == secrets[2] {
		t.Fatal("secrets_version 1 → 2 did not issue a new token")
	}
	texts = append(texts, r.must("destroy", "-input=false", "-auto-approve"))
	logs, err := os.ReadFile(logPath)
	if err != nil || len(logs) < 1000 {
		t.Fatalf("no TRACE log to check (%d bytes, %v)", len(logs), err)
	}
	texts = append(texts, string(logs))
	for _, text := range texts {
		for _, s := range secrets {
			needle := s[len(s)/2:][:12]
			if strings.Contains(text, needle) {
				t.Fatalf("a credential appears in Terraform's output or log:\n%s", excerpt(text, needle))
			}
		}
	}
}

// TestAccHybridAgent_dataSources: by name (found though the list lags the
// create) and by id, and the list of one group's agents.
func TestAccHybridAgent_dataSources(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	cfg := hybridAgentHCL(em, "dc_east", "") + `
data "fivetran_hybrid_deployment_agent" "by_name" {
  display_name = fivetran_hybrid_deployment_agent.dc.display_name
}

data "fivetran_hybrid_deployment_agents" "group" {
  group_id   = fivetran_group.g.id
  depends_on = [fivetran_hybrid_deployment_agent.dc]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             checkAllDestroyed(t, em),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.fivetran_hybrid_deployment_agent.by_name", tfjsonpath.New("id"),
						hybridAgentAddr, tfjsonpath.New("id"), compareEqual{}),
					statecheck.ExpectKnownValue("data.fivetran_hybrid_deployment_agent.by_name", tfjsonpath.New("online"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.fivetran_hybrid_deployment_agent.by_name", tfjsonpath.New("env_type"), knownvalue.StringExact("DOCKER")),
				},
			},
			{
				// The list lags the create; by the next run it shows the agent.
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_hybrid_deployment_agents.group", tfjsonpath.New("hybrid_deployment_agents"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// Tests in this file cover what happens when the provider does not reach
// Fivetran's API as it should: a base URL with a wrong path, the API's root
// typed without /v1, wrong credentials, a refused connection, an HTML 404
// page, a server that never answers.

const reachabilityPipeline = `
resource "fivetran_group" "main" {
  name = "reach"
}

resource "fivetran_destination" "main" {
  group_id        = fivetran_group.main.id
  service         = "postgres_warehouse"
  run_setup_tests = false
}

resource "fivetran_connection" "gh" {
  group_id           = fivetran_destination.main.group_id
  service            = "github"
  destination_schema = { name = "github" }
  run_setup_tests    = false
  config             = { sync_mode = "AllRepositories" }
}
`

// TestAccAPIURL_wrongPathKeepsState: with FIVETRAN_API_URL pointing at a
// path the API does not serve, every route answers 404 {"code":"NotFound"}.
// `terraform apply -refresh-only` must fail and leave every object in state
// (it used to remove them all, and the next apply created duplicates). The
// API's root typed without /v1 works as the full URL does.
func TestAccAPIURL_wrongPathKeepsState(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	r := newTFRunner(t, emulatorEnv(em.URL)...)
	r.write("main.tf", requiredProviders+reachabilityPipeline)
	r.must("apply", "-input=false", "-auto-approve")
	before := stateResources(t, r)

	good := r.env
	wrong := em.Server.URL + "/api"
	r.env = append(append([]string(nil), good...), "FIVETRAN_API_URL="+wrong)
	out, code := r.run("apply", "-input=false", "-auto-approve", "-refresh-only")
	if code == 0 {
		t.Fatalf("refresh-only against %s succeeded:\n%s", wrong, out)
	}
	if !wrapRe(`does not name a missing object`).MatchString(out) || !strings.Contains(out, wrong) {
		t.Errorf("the error should say that the 404 names no missing object, and name %s:\n%s", wrong, out)
	}
	r.env = good
	if after := stateResources(t, r); after != before || len(strings.Fields(after)) != 3 {
		t.Fatalf("state changed by a failed refresh:\nbefore: %s\nafter:  %s", before, after)
	}

	// The emulator's root, without /v1, as a user types it: no changes.
	r.env = append(append([]string(nil), good...), "FIVETRAN_API_URL="+em.Server.URL)
	if out, code := r.run("plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("plan with the API's root as api_url exited %d, want 0 (no changes):\n%s", code, out)
	}
	if n := len(em.Connections()) + len(em.Destinations()) + len(em.Groups()); n != 3 {
		t.Errorf("the emulator holds %d objects, want 3", n)
	}
}

// stateResources lists the resources and ids in the runner's state file.
func stateResources(t *testing.T, r *tfRunner) string {
	t.Helper()
	var st struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Attributes struct {
					ID string `json:"id"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(r.read("terraform.tfstate")), &st); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, res := range st.Resources {
		for _, in := range res.Instances {
			out = append(out, res.Type+"."+res.Name+"="+in.Attributes.ID)
		}
	}
	return strings.Join(out, " ")
}

// TestEmulatorUnknownRouteIsGenericNotFound: the emulator answers a path
// outside /v1 as the API does (plain 404 NotFound; API.md, "Errors and not-found codes"),
// which proves no object of any kind gone.
func TestEmulatorUnknownRouteIsGenericNotFound(t *testing.T) {
	em, err := emulator.Start(emulator.Options{APIKey: testAPIKey, APISecret: testAPISecret, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer em.Close()
	g := em.CreateGroup("g")
	id, _ := g["id"].(string)
	c, err := fivetran.New(fivetran.Config{APIKey: testAPIKey, APISecret: testAPISecret, BaseURL: em.Server.URL + "/api", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetGroup(context.Background(), id)
	var apiErr *fivetran.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.Code != "NotFound" {
		t.Fatalf("got %v, want 404 NotFound", err)
	}
	for _, k := range []fivetran.Kind{fivetran.KindGroup, fivetran.KindDestination, fivetran.KindConnection} {
		if fivetran.IsNotFoundKind(err, k) {
			t.Errorf("an unknown route's 404 counts as %v gone", k)
		}
	}
}

// newConnectionOnly plans one new connection in an existing group (a
// literal id): the plan's only API call is the metadata look-up.
func newConnectionOnly(provider string) string {
	return provider + `
resource "fivetran_connection" "gh" {
  group_id           = "some_group"
  service            = "github"
  destination_schema = { name = "github" }
  config             = { sync_mode = "AllRepositories" }
}
`
}

func providerBlock(url, secret, extra string) string {
	return fmt.Sprintf(`
provider "fivetran" {
  api_key     = %q
  api_secret  = %q
  api_url     = %q
  max_retries = 1
  request_timeout = "2s"
%s
}
`, testAPIKey, secret, url, extra)
}

// TestAccPlan_unreachableAPIFails: a plan of new connections fails when
// Fivetran cannot be reached or refuses the credentials; the error names the
// URL and how long it tried. It used to exit 0 with one warning. Only
// validate_config = false plans without the checks.
func TestAccPlan_unreachableAPIFails(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	ln, err := new(net.ListenConfig).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/v1"
	_ = ln.Close()
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<html><body><h1>404 Not Found</h1></body></html>"))
	}))
	defer html.Close()
	hang := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hang.Close()

	// Terraform wraps diagnostics at spaces: wrapRe matches any run of
	// white space where the pattern has a space.
	cases := map[string]struct {
		url, secret string
		want        string
	}{
		"wrong_credentials":  {em.URL, "wrong-secret", `refused the credentials.*validate_config = false`},
		"connection_refused": {refused, testAPISecret, regexp.QuoteMeta(refused) + ` \(tried for .*at most 30s\).*connection refused.*validate_config = false`},
		"html_404":           {html.URL + "/v1", testAPISecret, regexp.QuoteMeta(html.URL+"/v1") + `.*HTTP 404.*does not name a missing object`},
		"never_answers":      {hang.URL + "/v1", testAPISecret, regexp.QuoteMeta(hang.URL+"/v1") + ` \(tried for .*attempt timed out after 2s`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      newConnectionOnly(providerBlock(tc.url, tc.secret, "")),
					PlanOnly:    true,
					ExpectError: wrapRe(`(?s)Unable to check the connection against Fivetran's metadata.*` + tc.want),
				}},
			})
		})
	}
	t.Run("validate_config_false", func(t *testing.T) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{{
				Config:             newConnectionOnly(providerBlock(refused, testAPISecret, "  validate_config = false")),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			}},
		})
	})
}

// TestMetadataFetchBounded: a metadata fetch gives up after its budget even
// when the client would retry for minutes, and says how long it tried.
func TestMetadataFetchBounded(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hang.Close()
	c, err := fivetran.New(fivetran.Config{APIKey: testAPIKey, APISecret: testAPISecret, BaseURL: hang.URL,
		RequestTimeout: time.Hour, MaxRetries: 20})
	if err != nil {
		t.Fatal(err)
	}
	cache := newMetadataCache(c)
	cache.budget = 50 * time.Millisecond
	_, err = cache.connectorType(context.Background(), "github")
	var me *metadataError
	if !errors.As(err, &me) || me.budget != cache.budget || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want a metadataError after the 50ms budget", err)
	}
	// The outcome is kept: a second resource of the same service does not wait again.
	if _, err2 := cache.connectorType(context.Background(), "github"); !errors.Is(err2, err) {
		t.Errorf("second look-up: %v, want the kept error", err2)
	}
}

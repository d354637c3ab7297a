package fivetran

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// The credential values the fake server hands out; every test that sees
// them checks they reach no error, log or printed output.
const (
	hybridToken      = "aHlicmlkLXRva2VuLTkxMmE="
	hybridAuthJSON   = "eyJhdXRoIjoic2VjcmV0LTQ0In0="
	hybridConfigJSON = "eyJjb25maWciOiJ2YWx1ZSJ9"
)

var hybridAgentData = map[string]any{
	"id": "ha1", "display_name": "dc-east", "group_id": "g1", "registered_at": "2024-03-01T10:00:00.000000Z",
	"created_by": "user1", "deployment_type": "DOCKER", "enabled": true, "online": false, "version": nil,
	"last_used_at": nil, "updated_at": "2024-03-01T10:00:00.000000Z",
	"usage": []any{map[string]any{"connection_id": "c1", "schema": "erp", "service": "postgres"}},
}

func hybridIssuedData() map[string]any {
	d := map[string]any{}
	for k, v := range hybridAgentData {
		d[k] = v
	}
	delete(d, "usage")
	d["token"] = hybridToken
	d["files"] = map[string]any{"config_json": hybridConfigJSON, "auth_json": hybridAuthJSON, "docker_compose_yaml": "c2VydmljZXM6"}
	return d
}

func TestHybridAgentCallsHitRightEndpoint(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name                      string
		call                      func(*Client) error
		ok                        http.HandlerFunc
		method, path, query, body string
	}{
		{"CreateHybridAgent", func(c *Client) error {
			_, _, err := c.CreateHybridAgent(ctx, HybridAgentCreate{GroupID: "g1", DisplayName: "dc-east", EnvType: "DOCKER", AcceptTerms: true})
			return err
		}, okData(hybridIssuedData()), "POST", "/v1/hybrid-deployment-agents", "",
			`{"group_id":"g1","display_name":"dc-east","env_type":"DOCKER","accept_terms":true}`},
		{"ReAuthHybridAgent", func(c *Client) error { _, _, err := c.ReAuthHybridAgent(ctx, "ha1", "MANUAL"); return err },
			okData(hybridIssuedData()), "PATCH", "/v1/hybrid-deployment-agents/ha1/re-auth", "", `{"auth_type":"MANUAL"}`},
		{"GetHybridAgent", func(c *Client) error { _, err := c.GetHybridAgent(ctx, "ha 1"); return err },
			okData(hybridAgentData), "GET", "/v1/hybrid-deployment-agents/ha%201", "", ""},
		{"ListHybridAgents", func(c *Client) error { _, err := c.ListHybridAgents(ctx, "g1"); return err },
			okData(map[string]any{"items": []any{hybridAgentData}}), "GET", "/v1/hybrid-deployment-agents", "groupId=g1&limit=1000", ""},
		{"DeleteHybridAgent", func(c *Client) error { return c.DeleteHybridAgent(ctx, "ha/1") },
			status(http.StatusOK, "Success", "deleted"), "DELETE", "/v1/hybrid-deployment-agents/ha%2F1", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, srv := serve(t, tc.ok)
			if err := tc.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatal(err)
			}
			_, r, body := s.at(0)
			if r.Method != tc.method || r.URL.EscapedPath() != tc.path || r.URL.RawQuery != tc.query {
				t.Errorf("got %s %s?%s, want %s %s?%s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, tc.method, tc.path, tc.query)
			}
			if !jsonEq(t, body, tc.body) {
				t.Errorf("body %s, want %s", body, tc.body)
			}
		})
	}
}

// The group filter is also applied to the answer, in case Fivetran ignores
// it.
func TestHybridAgentListFiltered(t *testing.T) {
	other := map[string]any{"id": "ha2", "display_name": "elsewhere", "group_id": "g2"}
	_, srv := serve(t, okData(map[string]any{"items": []any{hybridAgentData, other}}))
	got, err := newTestClient(t, srv.URL).ListHybridAgents(context.Background(), "g1")
	if err != nil || len(got) != 1 || got[0].ID != "ha1" {
		t.Fatalf("got %+v, %v; want ha1 alone", got, err)
	}
}

func TestHybridAgentDecoded(t *testing.T) {
	_, srv := serve(t, okData(hybridIssuedData()), okData(hybridAgentData))
	c := newTestClient(t, srv.URL)
	a, creds, err := c.CreateHybridAgent(context.Background(), HybridAgentCreate{DisplayName: "dc-east"})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "ha1" || a.DeploymentType != "DOCKER" || !a.Enabled || a.Online || a.Version != "" {
		t.Errorf("agent %+v", a)
	}
	if creds.Token != hybridToken || creds.AuthJSON != hybridAuthJSON || creds.ConfigJSON != hybridConfigJSON || creds.DockerComposeYAML == "" {
		t.Error("the credentials were not decoded")
	}
	got, err := c.GetHybridAgent(context.Background(), "ha1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []HybridAgentUsage{{ConnectionID: "c1", Schema: "erp", Service: "postgres"}}; !reflect.DeepEqual(got.Usage, want) {
		t.Errorf("usage %+v", got.Usage)
	}
}

// A re-authentication is a PATCH, yet it is sent once: its answer alone
// carries the new credentials, and a second one would void them.
func TestHybridAgentReAuthNotRepeated(t *testing.T) {
	for fault, h := range map[string]http.HandlerFunc{
		"500":         status(http.StatusInternalServerError, "InternalError", "boom"),
		"lost answer": dropConnection,
	} {
		t.Run(fault, func(t *testing.T) {
			s, srv := serve(t, h, okData(hybridIssuedData()))
			_, _, err := newTestClient(t, srv.URL).ReAuthHybridAgent(context.Background(), "ha1", "")
			if !IsOutcomeUnknown(err) || s.count() != 1 {
				t.Fatalf("err %v after %d requests, want an unknown outcome after 1", err, s.count())
			}
		})
	}
	// A 429 proves nothing was done: it is sent again.
	s, srv := serve(t, status(http.StatusTooManyRequests, "TooManyRequests", "slow"), okData(hybridIssuedData()))
	if _, _, err := newTestClient(t, srv.URL).ReAuthHybridAgent(context.Background(), "ha1", ""); err != nil || s.count() != 2 {
		t.Fatalf("after a 429: %v in %d requests", err, s.count())
	}
}

// An unknown agent's own code proves it gone; a plain NotFound does not.
func TestHybridAgentNotFound(t *testing.T) {
	_, srv := serve(t, status(http.StatusNotFound, "NotFound_RemoteExecutionAgent", "Hybrid Deployment Agent not found."),
		status(http.StatusNotFound, "NotFound", "HTTP 404 Not Found"))
	c := newTestClient(t, srv.URL)
	_, err := c.GetHybridAgent(context.Background(), "ha1")
	if !IsNotFoundKind(err, KindHybridAgent) {
		t.Errorf("own code: %v", err)
	}
	_, err = c.GetHybridAgent(context.Background(), "ha1")
	if IsNotFoundKind(err, KindHybridAgent) {
		t.Errorf("a plain NotFound counted as the agent gone: %v", err)
	}
}

// No credential reaches printed output, an error or a TRACE log line.
func TestHybridAgentCredentialsNeverShown(t *testing.T) {
	secrets := []string{hybridToken, hybridAuthJSON, hybridConfigJSON}
	creds := HybridAgentCredentials{Token: hybridToken, ConfigJSON: hybridConfigJSON, AuthJSON: hybridAuthJSON, DockerComposeYAML: "x"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		out := fmt.Sprintf(verb, creds) + fmt.Sprintf(verb, &creds)
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%s prints a credential: %s", verb, out)
			}
		}
	}
	var logs strings.Builder
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	broken := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = fmt.Fprintf(w, `{"code":"Success","data":{"id":"ha1","token":"%s","files":{"auth_json":%s}}}`, hybridToken, hybridAuthJSON)
	}
	_, srv := serve(t, broken)
	_, _, err := newTestClient(t, srv.URL).ReAuthHybridAgent(ctx, "ha1", "")
	if err == nil {
		t.Fatal("a broken answer decoded")
	}
	for _, s := range secrets {
		if strings.Contains(err.Error(), s) || strings.Contains(logs.String(), s) {
			t.Errorf("a credential is in the error or the log: %v", errors.Unwrap(err))
		}
	}
}

func TestHybridAgentReAuthNotPacedAsCreate(t *testing.T) {
	limited := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Rate-Limit", "20000")
		w.Header().Set("X-Rate-Limit-Remaining", "15000")
		w.Header().Set("Retry-After", "1")
		writeEnv(w, http.StatusTooManyRequests, "TooManyRequests", "too many", nil)
	}
	s, srv := serve(t, limited, okData(hybridIssuedData()))
	c := newTestClient(t, srv.URL)
	c.retryAfterUnit = time.Millisecond
	if _, _, err := c.ReAuthHybridAgent(context.Background(), "ha1", ""); err != nil || s.count() != 2 {
		t.Fatalf("err %v after %d requests", err, s.count())
	}
	c.pace.mu.Lock()
	paced := c.pace.creates.active
	c.pace.mu.Unlock()
	if paced {
		t.Error("a re-authentication's 429 paced the creates")
	}
}

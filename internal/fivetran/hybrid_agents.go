package fivetran

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
)

// HybridAgent is a Fivetran hybrid deployment agent: software the customer
// runs in its own environment (Docker, Podman, Kubernetes, Snowpark) that
// does the work of the connections and destinations of a group there, so
// that the data never leaves it. Connections and destinations name it in
// hybrid_deployment_agent_id; a connection that names none runs on its
// destination's.
type HybridAgent struct {
	ID           string `json:"id"`
	DisplayName  string `json:"display_name"`
	GroupID      string `json:"group_id"`
	RegisteredAt string `json:"registered_at"`
	CreatedBy    string `json:"created_by"`
	// DeploymentType is the environment it runs in (the create's env_type).
	DeploymentType string `json:"deployment_type"`
	Enabled        bool   `json:"enabled"`
	// Online reports whether the agent, run with its current credentials,
	// is connected to Fivetran now.
	Online     bool   `json:"online"`
	Version    string `json:"version"`      // "" before it has been online
	LastUsedAt string `json:"last_used_at"` // "" before it has been online
	UpdatedAt  string `json:"updated_at"`
	// Usage lists the connections that run on the agent (GET and list).
	Usage []HybridAgentUsage `json:"usage"`
}

// HybridAgentUsage is one connection that runs on a hybrid deployment
// agent.
type HybridAgentUsage struct {
	ConnectionID string `json:"connection_id"`
	Schema       string `json:"schema"`
	Service      string `json:"service"`
}

// HybridAgentCredentials are what a hybrid deployment agent's create or
// re-authentication answers, and nothing else ever returns: the files the
// agent runs with (base64) and its token. Printed with fmt (any verb) it
// shows only whether each is set.
type HybridAgentCredentials struct {
	Token             string
	ConfigJSON        string
	AuthJSON          string
	DockerComposeYAML string
}

// String prints whether each credential is set, never its value.
func (c HybridAgentCredentials) String() string {
	return fmt.Sprintf("{Token:%s ConfigJSON:%s AuthJSON:%s DockerComposeYAML:%s}",
		redact(c.Token), redact(c.ConfigJSON), redact(c.AuthJSON), redact(c.DockerComposeYAML))
}

// GoString prints the value as Go syntax, redacted.
func (c HybridAgentCredentials) GoString() string {
	return fmt.Sprintf("fivetran.HybridAgentCredentials{Token:%q, ConfigJSON:%q, AuthJSON:%q, DockerComposeYAML:%q}",
		redact(c.Token), redact(c.ConfigJSON), redact(c.AuthJSON), redact(c.DockerComposeYAML))
}

// Format prints GoString for %#v and String for every other verb.
func (c HybridAgentCredentials) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, c.GoString())
	case verb == 'q':
		_, _ = fmt.Fprintf(f, "%q", c.String())
	default:
		_, _ = io.WriteString(f, c.String())
	}
}

// HybridAgentCreate is the body of a hybrid deployment agent's create.
type HybridAgentCreate struct {
	GroupID     string `json:"group_id"`
	DisplayName string `json:"display_name"`
	// EnvType is DOCKER, PODMAN, KUBERNETES or SNOWPARK.
	EnvType string `json:"env_type"`
	// AuthType is AUTO or MANUAL ("" leaves it to Fivetran: AUTO).
	AuthType string `json:"auth_type,omitempty"`
	// AcceptTerms accepts Fivetran's license terms for the agent software;
	// Fivetran refuses a create without it.
	AcceptTerms bool `json:"accept_terms"`
}

type hybridAgentReAuth struct {
	AuthType string `json:"auth_type,omitempty"`
}

// hybridAgentIssued is the data of a create's or a re-authentication's
// answer: the agent and its credentials.
type hybridAgentIssued struct {
	HybridAgent
	Files struct {
		ConfigJSON        string `json:"config_json"`
		AuthJSON          string `json:"auth_json"`
		DockerComposeYAML string `json:"docker_compose_yaml"`
	} `json:"files"`
	Token string `json:"token"`
}

// CreateHybridAgent creates a hybrid deployment agent
// (POST /hybrid-deployment-agents) and returns it with its credentials,
// which no GET or list returns. Like every create it is not repeatable:
// after a 5xx or a lost answer it returns an *OutcomeUnknownError, and the
// caller looks for the agent (by its display name) before creating it
// again. It is paced with the other creates.
func (c *Client) CreateHybridAgent(ctx context.Context, in HybridAgentCreate) (*HybridAgent, *HybridAgentCredentials, error) {
	return c.issueCall(ctx, http.MethodPost, "/hybrid-deployment-agents", in, optsV1)
}

// ReAuthHybridAgent has Fivetran issue the agent new credentials
// (PATCH /hybrid-deployment-agents/{id}/re-auth) and returns them; the old
// ones stop working. authType "" keeps the current one. It is not repeated
// once it may have reached Fivetran: after a 5xx or a lost answer it
// returns an *OutcomeUnknownError, since the credentials may have been
// replaced by ones nobody has seen.
func (c *Client) ReAuthHybridAgent(ctx context.Context, id, authType string) (*HybridAgent, *HybridAgentCredentials, error) {
	p, err := objPath("/hybrid-deployment-agents", id, "/re-auth")
	if err != nil {
		return nil, nil, err
	}
	return c.issueCall(ctx, http.MethodPatch, p, hybridAgentReAuth{AuthType: authType}, optsReAuth)
}

// GetHybridAgent returns one hybrid deployment agent
// (GET /hybrid-deployment-agents/{id}), with Usage; never its credentials.
// An unknown agent answers NotFound_RemoteExecutionAgent (KindHybridAgent).
func (c *Client) GetHybridAgent(ctx context.Context, id string) (*HybridAgent, error) {
	return callObj[HybridAgent](ctx, c, http.MethodGet, "/hybrid-deployment-agents", id, "", nil, optsV1)
}

// ListHybridAgents returns the account's hybrid deployment agents
// (GET /hybrid-deployment-agents, all pages), those of one group when
// groupID is set. The API's definition names the filter groupId; no
// recorded answer shows that it is honoured, so the agents of other groups
// are left out here too.
func (c *Client) ListHybridAgents(ctx context.Context, groupID string) ([]HybridAgent, error) {
	var q url.Values
	if groupID != "" {
		q = url.Values{"groupId": {groupID}}
	}
	agents, err := listAll[HybridAgent](ctx, c, "/hybrid-deployment-agents", q, optsV1)
	if err != nil || groupID == "" {
		return agents, err
	}
	return slices.DeleteFunc(agents, func(a HybridAgent) bool { return a.GroupID != groupID }), nil
}

// DeleteHybridAgent deletes a hybrid deployment agent
// (DELETE /hybrid-deployment-agents/{id}). Fivetran refuses it (409) while
// connections or destinations use the agent (see IsConflict).
func (c *Client) DeleteHybridAgent(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/hybrid-deployment-agents", id, optsV1)
}

// issueCall sends a request whose answer carries an agent's credentials and
// decodes it. A decoding error names only where the answer went wrong,
// never its text (secretsDecodeError).
func (c *Client) issueCall(ctx context.Context, method, path string, body any, opts RequestOptions) (*HybridAgent, *HybridAgentCredentials, error) {
	b, err := c.do(ctx, method, path, nil, body, opts)
	if err != nil {
		return nil, nil, err
	}
	var env struct {
		Code string             `json:"code"`
		Data *hybridAgentIssued `json:"data"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return nil, nil, fmt.Errorf("%s %s: invalid JSON response: %s (the response is not quoted: it carries credentials)",
			method, path, secretsDecodeError(err))
	}
	if env.Data == nil || env.Data.ID == "" {
		return nil, nil, fmt.Errorf("%s %s: response has no agent id (code %q)", method, path, env.Code)
	}
	d := env.Data
	return &d.HybridAgent, &HybridAgentCredentials{Token: d.Token, ConfigJSON: d.Files.ConfigJSON, AuthJSON: d.Files.AuthJSON,
		DockerComposeYAML: d.Files.DockerComposeYAML}, nil
}

// HybridAgentEnvTypes are the environments a hybrid deployment agent runs
// in, as the API's create defines them.
var HybridAgentEnvTypes = []string{"DOCKER", "PODMAN", "KUBERNETES", "SNOWPARK"}

// HybridAgentAuthTypes are the ways an agent is authorised: AUTO (Fivetran
// issues the credentials) or MANUAL.
var HybridAgentAuthTypes = []string{"AUTO", "MANUAL"}

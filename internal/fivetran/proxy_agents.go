package fivetran

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// ProxyAgent is a Fivetran proxy agent: a program the customer runs in their
// own network, through which Fivetran reaches the sources and destinations
// that use it. Some fields come only from GET /proxy/{id}, others only from
// the list (GET /proxy).
type ProxyAgent struct {
	ID           string `json:"id"`
	AccountID    string `json:"account_id"`
	RegisteredAt string `json:"registered_at"`
	Region       string `json:"region"`
	CreatedBy    string `json:"created_by"`
	DisplayName  string `json:"display_name"`
	Version      string `json:"version"` // "" when null (no agent has connected yet)
	// Status is NOT_FOUND, CONNECTED or NOT_CONNECTED.
	Status string `json:"status"`
	// Usage lists the connections and destinations that use the agent. Only
	// GetProxyAgent fills it.
	Usage []ProxyAgentUsage `json:"usage"`
	// ConnectorCount and DestinationCount count what uses the agent. Only
	// ListProxyAgents fills them; nil otherwise.
	ConnectorCount   *int `json:"connector_count"`
	DestinationCount *int `json:"destination_count"`
}

// ProxyAgentUsage is one connection or destination that uses a proxy agent.
type ProxyAgentUsage struct {
	ID      string `json:"id"`
	Schema  string `json:"schema"` // "" for a destination
	Service string `json:"service"`
}

// ProxyAgentSecrets is what a proxy agent's create or secrets regeneration
// answers, and nothing else ever returns: the credentials the agent runs
// with. Printed with fmt (any verb, %v, %+v and %#v included) it shows the
// agent id and, for each secret, only whether it is set.
type ProxyAgentSecrets struct {
	AgentID          string `json:"agent_id"`
	AuthToken        string `json:"auth_token"`
	ClientCert       string `json:"client_cert"`
	ClientPrivateKey string `json:"client_private_key"`
}

// redact stands for a secret in printed output: "<redacted>" when it is
// set, "" when it is not.
func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return "<redacted>"
}

// String prints the agent id with the three secrets redacted.
func (s ProxyAgentSecrets) String() string {
	return fmt.Sprintf("{AgentID:%s AuthToken:%s ClientCert:%s ClientPrivateKey:%s}",
		s.AgentID, redact(s.AuthToken), redact(s.ClientCert), redact(s.ClientPrivateKey))
}

// GoString prints the value as Go syntax, with the three secrets redacted.
func (s ProxyAgentSecrets) GoString() string {
	return fmt.Sprintf("fivetran.ProxyAgentSecrets{AgentID:%q, AuthToken:%q, ClientCert:%q, ClientPrivateKey:%q}",
		s.AgentID, redact(s.AuthToken), redact(s.ClientCert), redact(s.ClientPrivateKey))
}

// Format prints GoString for %#v and String for every other verb (quoted
// for %q). Without it, a verb such as %d or %x would print the fields
// themselves.
func (s ProxyAgentSecrets) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, s.GoString())
	case verb == 'q':
		_, _ = fmt.Fprintf(f, "%q", s.String())
	default:
		_, _ = io.WriteString(f, s.String())
	}
}

type proxyAgentCreate struct {
	DisplayName string `json:"display_name"`
	GroupRegion string `json:"group_region"`
}

type proxyAgentConnection struct {
	ConnectionID string `json:"connection_id"`
}

// CreateProxyAgent creates a proxy agent (POST /proxy) in the given region
// and returns its id and secrets, which no other call returns. Like every
// create it is not repeatable: after a 5xx or a lost answer it returns an
// *OutcomeUnknownError, and the caller looks for the agent (e.g. by display
// name in ListProxyAgents) before creating it again. It is paced with the
// other creates.
func (c *Client) CreateProxyAgent(ctx context.Context, displayName, region string) (*ProxyAgentSecrets, error) {
	s, err := c.secretsCall(ctx, "/proxy", proxyAgentCreate{DisplayName: displayName, GroupRegion: region}, optsV1)
	if err != nil {
		return nil, err
	}
	if s.AgentID == "" {
		return nil, fmt.Errorf("%s /proxy: response has no agent_id", http.MethodPost)
	}
	return s, nil
}

// GetProxyAgent returns one proxy agent (GET /proxy/{id}), with Usage. Its
// secrets are never returned. An unknown id answers the plain NotFound that
// an unknown route gives too: see KindProxyAgent.
func (c *Client) GetProxyAgent(ctx context.Context, id string) (*ProxyAgent, error) {
	return callObj[ProxyAgent](ctx, c, http.MethodGet, "/proxy", id, "", nil, optsV1)
}

// ListProxyAgents returns every proxy agent of the account (GET /proxy, all
// pages), with ConnectorCount and DestinationCount but without Usage.
func (c *Client) ListProxyAgents(ctx context.Context) ([]ProxyAgent, error) {
	return listAll[ProxyAgent](ctx, c, "/proxy", nil, optsV1)
}

// DeleteProxyAgent deletes a proxy agent (DELETE /proxy/{id}). The API
// answers 409 while connections use the agent (see IsConflict).
func (c *Client) DeleteProxyAgent(ctx context.Context, id string) error {
	return c.deleteObj(ctx, "/proxy", id, optsV1)
}

// RegenerateProxyAgentSecrets replaces a proxy agent's secrets
// (POST /proxy/{id}/regenerate-secrets) and returns the new ones; the old
// ones stop working. It is retried only when the server certainly did not
// act (like a create): after a 5xx or a lost answer it returns an
// *OutcomeUnknownError, since the secrets may have been replaced by values
// nobody has seen. It is not paced with the creates.
func (c *Client) RegenerateProxyAgentSecrets(ctx context.Context, id string) (*ProxyAgentSecrets, error) {
	p, err := objPath("/proxy", id, "/regenerate-secrets")
	if err != nil {
		return nil, err
	}
	return c.secretsCall(ctx, p, nil, optsRegenerate)
}

// ListProxyAgentConnections returns the ids of the connections that use a
// proxy agent (GET /proxy/{id}/connections, all pages).
func (c *Client) ListProxyAgentConnections(ctx context.Context, id string) ([]string, error) {
	p, err := objPath("/proxy", id, "/connections")
	if err != nil {
		return nil, err
	}
	items, err := listAll[proxyAgentConnection](ctx, c, p, nil, optsV1)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.ConnectionID)
	}
	return ids, nil
}

// secretsCall POSTs to path and decodes an answer that carries a proxy
// agent's secrets. A decoding error does not wrap encoding/json's error,
// which can quote part of the answer (a character, a number's digits): it
// names only where the answer went wrong (secretsDecodeError).
func (c *Client) secretsCall(ctx context.Context, path string, body any, opts RequestOptions) (*ProxyAgentSecrets, error) {
	const method = http.MethodPost
	b, err := c.do(ctx, method, path, nil, body, opts)
	if err != nil {
		return nil, err
	}
	var env struct {
		Code string             `json:"code"`
		Data *ProxyAgentSecrets `json:"data"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return nil, fmt.Errorf("%s %s: invalid JSON response: %s (the response is not quoted: it carries secrets)",
			method, path, secretsDecodeError(err))
	}
	if env.Data == nil {
		return nil, fmt.Errorf("%s %s: response has no data (code %q)", method, path, env.Code)
	}
	return env.Data, nil
}

// secretsDecodeError describes a decoding error by the field and the type,
// or the offset, that it names, without any of the decoded text.
func secretsDecodeError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %s does not decode as %s", strings.TrimPrefix(te.Field, "."), te.Type)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	}
	return "unexpected JSON"
}

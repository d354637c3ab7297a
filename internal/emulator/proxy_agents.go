package emulator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Proxy agents (API.md, "Proxy agents"): the software a customer runs in
// its own network so that Fivetran reaches sources and destinations there
// through it. Connections and destinations name one in proxy_agent_id.
//
//   - POST /v1/proxy {display_name, group_region} answers 201 with the
//     agent's id and its secrets (auth_token, client_cert,
//     client_private_key). Only this answer and that of POST
//     /v1/proxy/{id}/regenerate-secrets carry secrets; a GET or a list never
//     does, so an answer lost on the way back (the after-commit faults)
//     leaves an agent whose secrets nobody has: only a regeneration gives
//     new ones.
//   - The emulator keeps no secret, only a digest of the current auth
//     token (ConnectProxyAgent checks a token against it), so neither the
//     state file nor any log line holds one.
//   - Status is slow work computed at read time, like a sync's end
//     (syncs.go): a new agent is NOT_CONNECTED; with
//     Options.ProxyAgentConnectAfter it is CONNECTED that long after its
//     create or its last regeneration (a regeneration disconnects it: the
//     running agent holds the old secrets); ConnectProxyAgent connects it at
//     once. version is null until the agent has first connected.
//   - A proxy_agent_id that a connection or destination create or PATCH
//     sets must name an existing agent (400 otherwise; checkProxyAgentRef),
//     unless Options.AnyProxyAgentID. An agent that a connection or
//     destination still names cannot be deleted (409), nor while a
//     connection that named it is being deleted (DeleteDelay), as for a
//     destination's group (lag.go).
//   - The spec gives its 404 the plain code NotFound, which any unknown
//     route answers too.

// proxyRegionEnum is the spec's enum of ProxyParamRequest.group_region,
// which holds more regions than a destination's region (regionEnum).
var proxyRegionEnum = []string{
	"GCP_US_EAST4", "GCP_US_WEST1", "GCP_US_CENTRAL1", "GCP_EUROPE_WEST3", "GCP_AUSTRALIA_SOUTHEAST1",
	"GCP_NORTHAMERICA_NORTHEAST1", "GCP_EUROPE_WEST2", "GCP_ASIA_SOUTHEAST1", "GCP_ASIA_SOUTHEAST2",
	"GCP_ASIA_SOUTH1", "GCP_ASIA_NORTHEAST1", "GCP_ASIA_NORTHEAST3", "GCP_ME_CENTRAL2",
	"AWS_US_EAST_1", "AWS_US_EAST_2", "AWS_US_WEST_2", "AWS_AP_NORTHEAST_1", "AWS_AP_NORTHEAST_2",
	"AWS_AP_SOUTHEAST_1", "AWS_AP_SOUTHEAST_2", "AWS_EU_CENTRAL_1", "AWS_EU_NORTH_1", "AWS_EU_WEST_1",
	"AWS_EU_WEST_2", "AWS_AP_SOUTH_1", "AWS_CA_CENTRAL_1", "AWS_US_GOV_WEST_1",
	"AZURE_EASTUS2", "AZURE_AUSTRALIAEAST", "AZURE_UKSOUTH", "AZURE_WESTEUROPE", "AZURE_CENTRALUS",
	"AZURE_CANADACENTRAL", "AZURE_UAENORTH", "AZURE_SOUTHEASTASIA", "AZURE_EASTUS", "AZURE_JAPANEAST",
	"AZURE_CENTRALINDIA", "AZURE_GERMANYWESTCENTRAL", "AZURE_WESTUS3", "AZURE_SWITZERLANDNORTH",
	"AZURE_KOREACENTRAL",
}

// proxyAgentRules are the fields of a proxy agent create; the region's enum
// is checked by the handler, whose message is not enumErr's.
var proxyAgentRules = []fieldRule{
	{name: "display_name", kind: kindString, required: true},
	{name: "group_region", kind: kindString, required: true},
}

const (
	// accountID is the account the emulator's objects belong to: no route
	// it serves names an account otherwise.
	accountID = "emulator_account"
	// proxyAgentVersion is the version a connected agent reports (the
	// spec's example).
	proxyAgentVersion = "1.0.0"

	proxyAgentStatusConnected    = "CONNECTED"
	proxyAgentStatusNotConnected = "NOT_CONNECTED"
)

func (e *Emulator) proxyAgentNotFound() *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound", "Proxy Agent not found."))
}

// checkProxyAgentRef refuses a proxy_agent_id, among the fields a create or
// PATCH sets, that names no proxy agent (null, which clears it, is fine).
// Call with e.mu held.
func (e *Emulator) checkProxyAgentRef(fields map[string]any) *APIError {
	id, set := fields["proxy_agent_id"].(string)
	if !set || e.opts.AnyProxyAgentID || e.st.ProxyAgents[id] != nil {
		return nil
	}
	return invalid("Proxy agent with id '%s' does not exist.", id)
}

// proxyAgentSecrets are what a create or a regeneration answers with.
type proxyAgentSecrets struct {
	token, cert, key string
}

func (s proxyAgentSecrets) data(id string) map[string]any {
	return map[string]any{"agent_id": id, "auth_token": s.token, "client_cert": s.cert, "client_private_key": s.key}
}

// newProxyAgentSecrets issues a new set of secrets for the agent: random
// from the seeded stream, and mixed with the agent's id and the number of
// the set, so that no two sets are alike, not even after a restart with the
// same seed and state. It records the set's digest and time and
// disconnects the agent. Call with e.mu held.
func (e *Emulator) newProxyAgentSecrets(o *object) proxyAgentSecrets {
	in := internal(o)
	gen, _ := toInt(in["secrets_generation"])
	gen++
	var seed [32]byte
	for i := range seed {
		seed[i] = byte(e.secretRng.IntN(256)) //nolint:gosec // G115: IntN(256) is in [0, 255], so the conversion cannot overflow
	}
	id := str(o.Data["id"])
	material := func(label string, n int) []byte {
		out := make([]byte, 0, n+sha256.Size)
		for block := 0; len(out) < n; block++ {
			h := sha256.Sum256(fmt.Appendf(nil, "%x|%s|%d|%s|%d", seed, id, gen, label, block))
			out = append(out, h[:]...)
		}
		return out[:n]
	}
	s := proxyAgentSecrets{
		token: base64.RawURLEncoding.EncodeToString(material("auth_token", 48)),
		cert:  pemLooking("CERTIFICATE", material("client_cert", 760)),
		key:   pemLooking("PRIVATE KEY", material("client_private_key", 1216)),
	}
	if e.proxyAgentConnected(o) {
		in["ever_connected"] = true // version stays known
	}
	delete(in, "connected")
	in["secrets_generation"] = gen
	in["secrets_at"] = e.clock().Format(time.RFC3339Nano)
	in["token_sha256"] = tokenDigest(s.token)
	return s
}

func tokenDigest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// pemLooking wraps body in a PEM block whose content starts like a DER
// SEQUENCE ("MII..."), as certificates and keys do. It is not a real
// certificate or key: nothing in the emulator uses one.
func pemLooking(kind string, body []byte) string {
	n := len(body) - 4
	body[0], body[1], body[2], body[3] = 0x30, 0x82, byte(n>>8), byte(n) //nolint:gosec // G115: n is below 1300, the two bytes hold it
	return string(pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: body}))
}

// proxyAgentConnected reports whether the agent's software is connected
// now: told so by ConnectProxyAgent since the last regeneration, or
// ProxyAgentConnectAfter after it.
func (e *Emulator) proxyAgentConnected(o *object) bool {
	if o.Internal["connected"] == true {
		return true
	}
	after := e.opts.ProxyAgentConnectAfter
	if after <= 0 {
		return false
	}
	at, err := time.Parse(time.RFC3339Nano, str(o.Internal["secrets_at"]))
	return err == nil && !e.clock().Before(at.Add(after))
}

// proxyAgentUsers returns the connections and destinations whose
// proxy_agent_id is id, in creation order. Call with e.mu held.
func (e *Emulator) proxyAgentUsers(id string) (conns, dests []*object) {
	for _, o := range sorted(e.st.Connections) {
		if o.Data["proxy_agent_id"] == id {
			conns = append(conns, o)
		}
	}
	for _, o := range sorted(e.st.Destinations) {
		if o.Data["proxy_agent_id"] == id {
			dests = append(dests, o)
		}
	}
	return conns, dests
}

// renderProxyAgent renders an agent as a GET shows it (usage) or as a list
// item (counts). Call with e.mu held.
func (e *Emulator) renderProxyAgent(o *object, withUsage bool) map[string]any {
	m := copyMap(o.Data)
	connected := e.proxyAgentConnected(o)
	m["status"], m["version"] = proxyAgentStatusNotConnected, nil
	if connected {
		m["status"] = proxyAgentStatusConnected
	}
	if connected || o.Internal["ever_connected"] == true {
		m["version"] = proxyAgentVersion
	}
	conns, dests := e.proxyAgentUsers(str(o.Data["id"]))
	if withUsage {
		usage := make([]any, 0, len(conns)+len(dests))
		for _, c := range conns {
			usage = append(usage, e.nulls(map[string]any{"id": c.Data["id"], "schema": c.Data["schema"], "service": c.Data["service"]}))
		}
		for _, d := range dests {
			usage = append(usage, e.nulls(map[string]any{"id": d.Data["id"], "schema": nil, "service": d.Data["service"]}))
		}
		m["usage"] = usage
	} else {
		m["connector_count"], m["destination_count"] = int64(len(conns)), int64(len(dests))
	}
	return e.nulls(m)
}

// doCreateProxyAgent validates and inserts a proxy agent and issues its
// secrets. Call with e.mu held.
func (e *Emulator) doCreateProxyAgent(b map[string]any) (*object, proxyAgentSecrets, *APIError) {
	in, err := parseBody(proxyAgentRules, b, nil, "")
	if err != nil {
		return nil, proxyAgentSecrets{}, err
	}
	name, region := str(in["display_name"]), str(in["group_region"])
	if strings.TrimSpace(name) == "" {
		return nil, proxyAgentSecrets{}, invalid("Field 'display_name' is required")
	}
	if !inEnum(region, proxyRegionEnum) {
		return nil, proxyAgentSecrets{}, invalid("Group region not supported.")
	}
	for _, a := range e.st.ProxyAgents {
		if a.Data["display_name"] == name {
			return nil, proxyAgentSecrets{}, apiErr(http.StatusConflict, "Conflict", "Proxy agent with same name already exists.")
		}
	}
	id := e.newID()
	o := &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "account_id": accountID, "registered_at": e.clock().Format(timeLayout), "region": region,
		"created_by": e.opts.UserID, "display_name": name,
	}}
	s := e.newProxyAgentSecrets(o)
	e.st.ProxyAgents[id] = o
	return o, s, nil
}

func (e *Emulator) listProxyAgents(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var items []any
	for _, o := range e.listed("proxy_agent", e.st.ProxyAgents) {
		items = append(items, e.renderProxyAgent(o, false))
	}
	return ok(http.StatusOK, "Proxy agent retrieved successfully", paginate(items, p))
}

func (e *Emulator) createProxyAgentH(q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, s, err := e.doCreateProxyAgent(b)
	if err != nil {
		return errResp(err)
	}
	id := str(o.Data["id"])
	e.lagList("proxy_agent", id)
	e.commit()
	// The code is "Success" as recorded live answers show; the spec's example says "Created".
	return ok(http.StatusCreated, "Proxy agent has been created", s.data(id))
}

func (e *Emulator) getProxyAgent(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.ProxyAgents[q.r.PathValue("id")]
	if o == nil {
		return e.proxyAgentNotFound()
	}
	return ok(http.StatusOK, "Proxy agent details retrieved successfully", e.renderProxyAgent(o, true))
}

func (e *Emulator) deleteProxyAgent(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.ProxyAgents[id] == nil {
		return e.proxyAgentNotFound()
	}
	conns, dests := e.proxyAgentUsers(id)
	now := e.now()
	for _, g := range e.ghosts {
		if g.kind == "connection" && now.Before(g.goneAt) && g.o.Data["proxy_agent_id"] == id {
			conns = append(conns, g.o) // its delete has not taken effect yet
		}
	}
	if len(conns) > 0 || len(dests) > 0 {
		return errResp(apiErr(http.StatusConflict, "Conflict", "Proxy agent have attached connections."))
	}
	e.remove("proxy_agent", e.st.ProxyAgents, id)
	e.commit()
	return ok(http.StatusOK, "Agent "+id+" successfully deleted.", nil)
}

func (e *Emulator) regenerateProxyAgentSecrets(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.ProxyAgents[id]
	if o == nil {
		return e.proxyAgentNotFound()
	}
	s := e.newProxyAgentSecrets(o)
	e.commit()
	return ok(http.StatusOK, "Proxy agent secrets have been regenerated", s.data(id))
}

func (e *Emulator) listProxyAgentConnections(q *request) *response {
	id := q.r.PathValue("id")
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.ProxyAgents[id] == nil {
		return e.proxyAgentNotFound()
	}
	var items []any
	for _, o := range e.listed("connection", e.st.Connections) {
		if o.Data["proxy_agent_id"] == id {
			items = append(items, map[string]any{"connection_id": o.Data["id"]})
		}
	}
	return ok(http.StatusOK, "Proxy agent connections retrieved successfully", paginate(items, p))
}

// ---------------------------------------------------------------------------
// Out of band

// ProxyAgents returns all proxy agents as GET shows them (without secrets,
// which only the create's and the regeneration's answers carry).
func (e *Emulator) ProxyAgents() []map[string]any { return e.list("proxy_agent") }

// CreateProxyAgent creates a proxy agent out of band, with the same
// validation as POST /v1/proxy, and returns what that answer's data holds:
// agent_id and the secrets.
func (e *Emulator) CreateProxyAgent(displayName, region string) (map[string]any, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, s, err := e.doCreateProxyAgent(map[string]any{"display_name": displayName, "group_region": region})
	if err != nil {
		return nil, err
	}
	e.commit()
	return s.data(str(o.Data["id"])), nil
}

// ConnectProxyAgent stands for the customer starting the agent's software
// with authToken: the agent reports CONNECTED from now until its secrets
// are regenerated. A token other than the agent's current one (one a
// regeneration replaced included) is refused, and changes nothing.
func (e *Emulator) ConnectProxyAgent(id, authToken string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.ProxyAgents[id]
	if o == nil {
		return fmt.Errorf("emulator: proxy agent %q not found", id)
	}
	if tokenDigest(authToken) != str(o.Internal["token_sha256"]) {
		return fmt.Errorf("emulator: proxy agent %q: the auth token is not the agent's current one", id)
	}
	internal(o)["connected"] = true
	internal(o)["ever_connected"] = true
	e.commit()
	return nil
}

// proxyAgentKinds are the kind names the out-of-band helpers accept for
// proxy agents.
var proxyAgentKinds = []string{"proxy_agent", "proxy_agents", "proxy"}

func isProxyAgentKind(kind string) bool { return slices.Contains(proxyAgentKinds, kind) }

// proxyAgentTestTitle is the setup test that reaches the source or
// destination through its proxy agent.
const proxyAgentTestTitle = "Connecting through the proxy agent"

// proxyAgentTest is the failed setup test of an object (its fields) that
// reaches its source or destination through a proxy agent that is not
// connected: Fivetran cannot get there until the customer runs the agent
// with its secrets (an assumption, API.md, "Proxy agents"). nil when the
// object uses no agent, or a connected one. Call with e.mu held.
func (e *Emulator) proxyAgentTest(data map[string]any) map[string]any {
	if data["networking_method"] != "ProxyAgent" {
		return nil
	}
	id := str(data["proxy_agent_id"])
	o := e.st.ProxyAgents[id]
	if o == nil || e.proxyAgentConnected(o) {
		return nil
	}
	return map[string]any{"title": proxyAgentTestTitle, "status": "FAILED",
		"message": fmt.Sprintf("Proxy agent '%s' is not connected. Start it with its secrets, then test again.", id)}
}

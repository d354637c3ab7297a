package emulator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Hybrid deployment agents (API.md, "Hybrid deployment agents"): the
// software a customer runs in its own environment (Docker, Podman,
// Kubernetes or Snowpark) so that Fivetran's syncs run there and the data
// never leaves it. An agent belongs to a group; connections and
// destinations name it in hybrid_deployment_agent_id, and a connection
// that names none uses its destination's.
//
//   - POST /v1/hybrid-deployment-agents answers 201 with the agent and its
//     secrets: files {config_json, auth_json, docker_compose_yaml} and
//     token, all base64. Only this answer and that of PATCH .../re-auth
//     carry them; a GET or a list never does, so an answer lost on the way
//     back leaves an agent whose credentials nobody has: only a re-auth
//     gives new ones.
//   - The emulator keeps no secret, only a digest of the current token
//     (StartHybridAgent checks a token against it), so neither the state
//     file nor any log line holds one. The files are made when they are
//     answered and forgotten.
//   - online is slow work computed at read time, as a proxy agent's status
//     is: false until the agent's software runs with its current
//     credentials (Options.HybridAgentOnlineAfter after the create or the
//     last re-auth, or StartHybridAgent at once). A re-auth or a
//     credentials reset takes it offline: the running agent holds void
//     credentials. version and last_used_at are null until it has first
//     been online.
//   - A hybrid_deployment_agent_id that a connection or destination create
//     or PATCH sets must name an existing agent (400; checkHybridAgentRef),
//     unless Options.AnyHybridAgentID. An agent that a connection or
//     destination names cannot be deleted (409), nor while a connection
//     that named it is being deleted (DeleteDelay); a group that holds an
//     agent cannot be deleted either (409; deleteGroup).
//   - Unknown agents answer 404 with the code NotFound_RemoteExecutionAgent,
//     the code the official provider checks for.

// hybridAgentEnvTypes is the spec's enum of env_type (and deployment_type).
var hybridAgentEnvTypes = []string{"DOCKER", "PODMAN", "KUBERNETES", "SNOWPARK"}

// hybridAgentAuthTypes is the spec's enum of auth_type.
var hybridAgentAuthTypes = []string{"AUTO", "MANUAL"}

// hybridAgentRules are the fields of a create. group_id is optional in the
// spec; the emulator requires it, since an agent belongs to a group (an
// assumption, API.md).
var hybridAgentRules = []fieldRule{
	{name: "group_id", kind: kindString, required: true},
	{name: "display_name", kind: kindString, required: true},
	{name: "env_type", kind: kindString, required: true, enum: hybridAgentEnvTypes},
	{name: "accept_terms", kind: kindBool, required: true},
	{name: "auth_type", kind: kindString, enum: hybridAgentAuthTypes},
}

// hybridAgentReAuthRules are the fields of a re-auth.
var hybridAgentReAuthRules = []fieldRule{
	{name: "auth_type", kind: kindString, enum: hybridAgentAuthTypes},
}

const (
	// hybridAgentVersion is the version an agent reports once it has run.
	hybridAgentVersion = "1.0.0"
	// hybridAgentImage is the image the emulator's files start: under
	// .invalid, so that nothing pulls it.
	hybridAgentImage = "registry.emulator.invalid/fivetran/hybrid-deployment-agent:" + hybridAgentVersion
	// hybridAgentAuthDefault is the auth_type of a create that sends none.
	hybridAgentAuthDefault = "AUTO"
)

func (e *Emulator) hybridAgentNotFound() *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound_RemoteExecutionAgent", "Hybrid Deployment Agent not found."))
}

// checkHybridAgentRef refuses a hybrid_deployment_agent_id, among the
// fields a create or PATCH sets, that names no agent (null, which clears
// it, is fine). Call with e.mu held.
func (e *Emulator) checkHybridAgentRef(fields map[string]any) *APIError {
	id, set := fields["hybrid_deployment_agent_id"].(string)
	if !set || e.opts.AnyHybridAgentID || e.st.HybridAgents[id] != nil {
		return nil
	}
	return invalid("Hybrid deployment agent with id '%s' does not exist.", id)
}

// hybridAgentSecrets are what a create or a re-auth answers with: the
// three files and the token, each base64 as the answer carries it.
type hybridAgentSecrets struct {
	token, configJSON, authJSON, compose string
}

// answer adds the secrets to an agent's view.
func (s hybridAgentSecrets) answer(view map[string]any) map[string]any {
	view["files"] = map[string]any{"config_json": s.configJSON, "auth_json": s.authJSON, "docker_compose_yaml": s.compose}
	view["token"] = s.token
	return view
}

// newHybridAgentSecrets issues new credentials for the agent: a token
// random from the seeded stream and mixed with the agent's id and the
// number of the set (as proxy agents' secrets are, so that no two sets are
// alike, not even after a restart with the same seed and state), and the
// files that carry it. It records the token's digest and time, and takes
// the agent offline. Call with e.mu held.
func (e *Emulator) newHybridAgentSecrets(o *object, authType string) hybridAgentSecrets {
	in := internal(o)
	gen, _ := toInt(in["credentials_generation"])
	gen++
	var seed [32]byte
	for i := range seed {
		seed[i] = byte(e.secretRng.IntN(256)) //nolint:gosec // G115: IntN(256) is in [0, 255], so the conversion cannot overflow
	}
	id := str(o.Data["id"])
	var raw []byte
	for block := 0; len(raw) < 48; block++ {
		h := sha256.Sum256(fmt.Appendf(nil, "%x|%s|%d|hybrid_token|%d", seed, id, gen, block))
		raw = append(raw, h[:]...)
	}
	token := base64.StdEncoding.EncodeToString(raw[:48])
	e.goOffline(o)
	in["credentials_generation"] = gen
	in["credentials_at"] = e.clock().Format(time.RFC3339Nano)
	in["token_sha256"] = tokenDigest(token)
	in["auth_type"] = authType
	o.Data["updated_at"] = e.clock().Format(timeLayout)
	return hybridAgentSecrets{
		token:      token,
		configJSON: b64JSON(hybridAgentConfig(o, authType)),
		authJSON:   b64JSON(map[string]any{"agent_id": id, "auth_type": authType, "token": token}),
		compose:    base64.StdEncoding.EncodeToString([]byte(hybridAgentCompose(o))),
	}
}

// hybridAgentConfig is the content of config.json: what the agent is and
// where its credentials are; no secret.
func hybridAgentConfig(o *object, authType string) map[string]any {
	return map[string]any{
		"agent_id": o.Data["id"], "group_id": o.Data["group_id"], "display_name": o.Data["display_name"],
		"deployment_type": o.Data["deployment_type"], "auth_type": authType, "auth_file": "auth.json",
	}
}

func b64JSON(m map[string]any) string {
	buf, _ := json.MarshalIndent(m, "", "  ")
	return base64.StdEncoding.EncodeToString(append(buf, '\n'))
}

// hybridAgentCompose is the content of docker_compose_yaml, which depends
// on where the agent runs: a Compose file for Docker and Podman, values for
// a Helm chart on Kubernetes, a service specification on Snowpark. Each
// mounts config.json and auth.json rather than holding the token.
func hybridAgentCompose(o *object) string {
	id := str(o.Data["id"])
	name, _ := json.Marshal(str(o.Data["display_name"])) // a JSON string is a YAML double-quoted scalar
	env := str(o.Data["deployment_type"])
	head := fmt.Sprintf("# Fivetran hybrid deployment agent %s (%s), %s\n", id, name, env)
	switch env {
	case "PODMAN":
		return head + fmt.Sprintf(`# run with podman-compose next to config.json and auth.json
services:
  hybrid-deployment-agent:
    image: %s
    restart: always
    environment:
      AGENT_ID: %s
      CONTAINER_RUNTIME: podman
    volumes:
      - ./config.json:/etc/fivetran/config.json:ro,Z
      - ./auth.json:/etc/fivetran/auth.json:ro,Z
      - ${XDG_RUNTIME_DIR}/podman/podman.sock:/run/podman/podman.sock
`, hybridAgentImage, id)
	case "KUBERNETES":
		return head + fmt.Sprintf(`# values for the agent's Helm chart; config.json and auth.json go in the Secret named below
agent:
  id: %s
  image: %s
  credentialsSecret: fivetran-hybrid-agent-%s
  files:
    config: config.json
    auth: auth.json
  namespace: fivetran
`, id, hybridAgentImage, strings.ReplaceAll(id, "_", "-"))
	case "SNOWPARK":
		return head + fmt.Sprintf(`# Snowpark Container Services specification; config.json and auth.json go in the stage below
spec:
  containers:
    - name: hybrid-deployment-agent
      image: /fivetran_db/agent_schema/agent_repository/hybrid-deployment-agent:%s
      env:
        AGENT_ID: %s
      volumeMounts:
        - name: credentials
          mountPath: /etc/fivetran
  volumes:
    - name: credentials
      source: "@fivetran_db.agent_schema.agent_stage"
`, hybridAgentVersion, id)
	default: // DOCKER
		return head + fmt.Sprintf(`# run with docker compose next to config.json and auth.json
services:
  hybrid-deployment-agent:
    image: %s
    restart: always
    environment:
      AGENT_ID: %s
      CONTAINER_RUNTIME: docker
    volumes:
      - ./config.json:/etc/fivetran/config.json:ro
      - ./auth.json:/etc/fivetran/auth.json:ro
      - /var/run/docker.sock:/var/run/docker.sock
`, hybridAgentImage, id)
	}
}

// hybridAgentOnlineSince reports whether the agent runs now with its
// current credentials, and since when: told so by StartHybridAgent, or
// HybridAgentOnlineAfter after the credentials were issued. An agent whose
// credentials were reset is offline until a re-auth.
func (e *Emulator) hybridAgentOnlineSince(o *object) (time.Time, bool) {
	if str(o.Internal["token_sha256"]) == "" {
		return time.Time{}, false
	}
	if at, err := time.Parse(time.RFC3339Nano, str(o.Internal["online_at"])); err == nil {
		return at, true
	}
	after := e.opts.HybridAgentOnlineAfter
	if after <= 0 {
		return time.Time{}, false
	}
	issued, err := time.Parse(time.RFC3339Nano, str(o.Internal["credentials_at"]))
	if err != nil || e.clock().Before(issued.Add(after)) {
		return time.Time{}, false
	}
	return issued.Add(after), true
}

// goOffline voids the running agent's hold: what it showed while online
// (version, last_used_at) stays known. Call with e.mu held.
func (e *Emulator) goOffline(o *object) {
	in := internal(o)
	if since, online := e.hybridAgentOnlineSince(o); online {
		in["last_used_at"] = since.UTC().Format(timeLayout)
	}
	delete(in, "online_at")
}

// hybridAgentOf is the agent a connection or destination (its fields) runs
// on: its own hybrid_deployment_agent_id, or, when it names none, its
// group's destination's (a connection inherits it; for a destination that
// is itself). "" when none. Call with e.mu held.
func (e *Emulator) hybridAgentOf(data map[string]any) string {
	if id := str(data["hybrid_deployment_agent_id"]); id != "" {
		return id
	}
	if d := e.st.Destinations[str(data["group_id"])]; d != nil {
		return str(d.Data["hybrid_deployment_agent_id"])
	}
	return ""
}

// hybridAgentUsage returns the connections that run on the agent id, named
// or inherited, in creation order. Call with e.mu held.
func (e *Emulator) hybridAgentUsage(id string) []*object {
	var out []*object
	for _, o := range sorted(e.st.Connections) {
		if e.hybridAgentOf(o.Data) == id {
			out = append(out, o)
		}
	}
	return out
}

// renderHybridAgent renders an agent as a GET and a list show it (with
// usage) or as a create's or re-auth's answer has it (without). Call with
// e.mu held.
func (e *Emulator) renderHybridAgent(o *object, withUsage bool) map[string]any {
	m := copyMap(o.Data)
	since, online := e.hybridAgentOnlineSince(o)
	m["enabled"], m["online"], m["version"], m["last_used_at"] = true, online, nil, o.Internal["last_used_at"]
	if online {
		m["last_used_at"] = since.UTC().Format(timeLayout)
	}
	if m["last_used_at"] != nil {
		m["version"] = hybridAgentVersion
	}
	if withUsage {
		users := e.hybridAgentUsage(str(o.Data["id"]))
		usage := make([]any, 0, len(users))
		for _, c := range users {
			usage = append(usage, map[string]any{"connection_id": c.Data["id"], "schema": c.Data["schema"], "service": c.Data["service"]})
		}
		m["usage"] = usage
	}
	// version and last_used_at stay, null, with OmitNulls: the spec
	// requires both, so leaving them out would stray from it further.
	version, lastUsed := m["version"], m["last_used_at"]
	m = e.nulls(m)
	m["version"], m["last_used_at"] = version, lastUsed
	return m
}

// doCreateHybridAgent validates and inserts an agent and issues its
// credentials. Call with e.mu held.
func (e *Emulator) doCreateHybridAgent(b map[string]any) (*object, hybridAgentSecrets, *APIError) {
	in, err := parseBody(hybridAgentRules, b, nil, "")
	if err != nil {
		return nil, hybridAgentSecrets{}, err
	}
	groupID, name := str(in["group_id"]), str(in["display_name"])
	if groupID == "" {
		return nil, hybridAgentSecrets{}, invalid("Field 'group_id' is required")
	}
	if strings.TrimSpace(name) == "" {
		return nil, hybridAgentSecrets{}, invalid("Field 'display_name' is required")
	}
	if in["accept_terms"] != true {
		return nil, hybridAgentSecrets{}, invalid("Field 'accept_terms' must be true: the license terms must be accepted to create a hybrid deployment agent")
	}
	authType := str(in["auth_type"])
	if authType == "" {
		authType = hybridAgentAuthDefault
	}
	if e.st.Groups[groupID] == nil {
		return nil, hybridAgentSecrets{}, apiErr(http.StatusNotFound, "NotFound_Group", "Group with id '%s' does not exist.", groupID)
	}
	for _, a := range e.st.HybridAgents {
		if a.Data["display_name"] == name {
			return nil, hybridAgentSecrets{}, apiErr(http.StatusConflict, "Conflict", "Hybrid deployment agent with display name '%s' already exists.", name)
		}
	}
	id := e.newID()
	now := e.clock().Format(timeLayout)
	o := &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "display_name": name, "group_id": groupID, "registered_at": now, "updated_at": now,
		"created_by": e.opts.UserID, "deployment_type": in["env_type"],
	}}
	s := e.newHybridAgentSecrets(o, authType)
	e.st.HybridAgents[id] = o
	return o, s, nil
}

// groupQuery is the list's group filter: group_id, as the project's
// routes name it, or groupId, as the spec does.
func groupQuery(r *http.Request) string {
	if g := r.URL.Query().Get("group_id"); g != "" {
		return g
	}
	return r.URL.Query().Get("groupId")
}

func (e *Emulator) listHybridAgents(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	group := groupQuery(q.r)
	e.mu.Lock()
	defer e.mu.Unlock()
	items := []any{}
	for _, o := range e.listed("hybrid_agent", e.st.HybridAgents) {
		if group == "" || o.Data["group_id"] == group {
			items = append(items, e.renderHybridAgent(o, true))
		}
	}
	return ok(http.StatusOK, "Hybrid deployment agents retrieved successfully", paginate(items, p))
}

func (e *Emulator) createHybridAgentH(q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, s, err := e.doCreateHybridAgent(b)
	if err != nil {
		return errResp(err)
	}
	e.lagList("hybrid_agent", str(o.Data["id"]))
	e.commit()
	return ok(http.StatusCreated, "Hybrid deployment agent has been created", s.answer(e.renderHybridAgent(o, false)))
}

func (e *Emulator) getHybridAgent(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.HybridAgents[q.r.PathValue("id")]
	if o == nil {
		return e.hybridAgentNotFound()
	}
	return ok(http.StatusOK, "Hybrid deployment agent details retrieved successfully", e.renderHybridAgent(o, true))
}

func (e *Emulator) reAuthHybridAgent(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.HybridAgents[id]
	if o == nil {
		return e.hybridAgentNotFound()
	}
	in, err := parseBody(hybridAgentReAuthRules, b, nil, "")
	if err != nil {
		return errResp(err)
	}
	authType := str(in["auth_type"])
	if authType == "" {
		authType = str(o.Internal["auth_type"])
	}
	s := e.newHybridAgentSecrets(o, authType)
	e.commit()
	return ok(http.StatusOK, "Hybrid deployment agent re-authentication successful", s.answer(e.renderHybridAgent(o, false)))
}

func (e *Emulator) resetHybridAgentCredentials(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.HybridAgents[id]
	if o == nil {
		return e.hybridAgentNotFound()
	}
	e.goOffline(o)
	in := internal(o)
	delete(in, "token_sha256")
	in["credentials_at"] = e.clock().Format(time.RFC3339Nano)
	o.Data["updated_at"] = e.clock().Format(timeLayout)
	e.commit()
	return ok(http.StatusOK, "Successfully reset credentials the agent with id = "+id, nil)
}

func (e *Emulator) deleteHybridAgent(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.HybridAgents[id] == nil {
		return e.hybridAgentNotFound()
	}
	var users []string
	for _, o := range sorted(e.st.Connections) {
		if o.Data["hybrid_deployment_agent_id"] == id {
			users = append(users, "connection '"+str(o.Data["id"])+"'")
		}
	}
	now := e.now()
	for _, g := range e.ghosts {
		if g.kind == "connection" && now.Before(g.goneAt) && g.o.Data["hybrid_deployment_agent_id"] == id {
			users = append(users, "connection '"+str(g.o.Data["id"])+"' (being deleted)")
		}
	}
	for _, o := range sorted(e.st.Destinations) {
		if o.Data["hybrid_deployment_agent_id"] == id {
			users = append(users, "destination '"+str(o.Data["id"])+"'")
		}
	}
	if len(users) > 0 {
		return errResp(apiErr(http.StatusConflict, "Conflict",
			"Hybrid deployment agent with id = %s cannot be deleted while it is used by %s.", id, strings.Join(users, ", ")))
	}
	e.remove("hybrid_agent", e.st.HybridAgents, id)
	e.commit()
	return ok(http.StatusOK, "Hybrid deployment agent with id = "+id+" has been deleted.", nil)
}

// groupHybridAgents returns the agents of a group, in creation order.
// Call with e.mu held.
func (e *Emulator) groupHybridAgents(groupID string) []string {
	var out []string
	for _, o := range sorted(e.st.HybridAgents) {
		if o.Data["group_id"] == groupID {
			out = append(out, "'"+str(o.Data["id"])+"'")
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Out of band

// HybridAgents returns all hybrid deployment agents as GET shows them
// (with usage, without the files and token, which only the create's and
// the re-auth's answers carry).
func (e *Emulator) HybridAgents() []map[string]any { return e.list("hybrid_agent") }

// CreateHybridAgent creates a hybrid deployment agent out of band (terms
// accepted, auth_type AUTO), with the same validation as POST
// /v1/hybrid-deployment-agents, and returns what that answer's data holds,
// the files and token included.
func (e *Emulator) CreateHybridAgent(groupID, displayName, envType string) (map[string]any, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, s, err := e.doCreateHybridAgent(map[string]any{"group_id": groupID, "display_name": displayName, "env_type": envType, "accept_terms": true})
	if err != nil {
		return nil, err
	}
	e.commit()
	return plain(s.answer(e.renderHybridAgent(o, false))), nil
}

// StartHybridAgent stands for the customer starting the agent's software
// with token (the token of the create's or the last re-auth's answer, as
// it was answered): the agent is online from now until a re-auth or a
// credentials reset. Any other token (one a re-auth replaced or a reset
// voided included) is refused, and changes nothing.
func (e *Emulator) StartHybridAgent(id, token string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.HybridAgents[id]
	if o == nil {
		return fmt.Errorf("emulator: hybrid deployment agent %q not found", id)
	}
	current := str(o.Internal["token_sha256"])
	if current == "" || tokenDigest(token) != current {
		return fmt.Errorf("emulator: hybrid deployment agent %q: the token is not the agent's current one", id)
	}
	if _, online := e.hybridAgentOnlineSince(o); !online {
		internal(o)["online_at"] = e.clock().Format(time.RFC3339Nano)
	}
	e.commit()
	return nil
}

// hybridAgentKinds are the kind names the out-of-band helpers accept for
// hybrid deployment agents.
var hybridAgentKinds = []string{"hybrid_agent", "hybrid_deployment_agent", "hybrid_deployment_agents"}

func isHybridAgentKind(kind string) bool { return slices.Contains(hybridAgentKinds, kind) }

// hybridAgentTestTitle is the setup test that runs on the agent.
const hybridAgentTestTitle = "Connecting through the hybrid deployment agent"

// hybridAgentTest is the failed setup test of a connection or destination
// (its fields) whose agent, named or inherited, is offline: the agent runs
// the test, and nothing answers until the customer runs it with its
// current credentials (an assumption, API.md). nil when the object uses no
// agent, an online one, or one the emulator does not know
// (AnyHybridAgentID). Call with e.mu held.
func (e *Emulator) hybridAgentTest(data map[string]any) map[string]any {
	id := e.hybridAgentOf(data)
	o := e.st.HybridAgents[id]
	if o == nil {
		return nil
	}
	if _, online := e.hybridAgentOnlineSince(o); online {
		return nil
	}
	return map[string]any{"title": hybridAgentTestTitle, "status": "FAILED",
		"message": fmt.Sprintf("Hybrid deployment agent '%s' is offline. Start it with its current credentials, then test again.", id)}
}

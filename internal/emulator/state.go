package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

const timeLayout = "2006-01-02T15:04:05.000000Z"

func nowStamp() string { return time.Now().UTC().Format(timeLayout) }

// object is one stored group, destination, connection, proxy agent,
// private link, hybrid deployment agent, webhook, user, team or log
// service.
type object struct {
	Seq      int64          `json:"seq"`
	Data     map[string]any `json:"data"`               // the unmasked GET view (nil values = unset)
	Auth     map[string]any `json:"auth,omitempty"`     // connections: never returned
	Internal map[string]any `json:"internal,omitempty"` // e.g. the requested daily_sync_time
}

type failSpec struct {
	Title   string `json:"title"`
	Message string `json:"message"`
}

type state struct {
	Seq          int64               `json:"seq"`
	UsedIDs      map[string]bool     `json:"used_ids"`
	Groups       map[string]*object  `json:"groups"`
	Destinations map[string]*object  `json:"destinations"`
	Connections  map[string]*object  `json:"connections"`
	ProxyAgents  map[string]*object  `json:"proxy_agents,omitempty"`             // proxy_agents.go
	PrivateLinks map[string]*object  `json:"private_links,omitempty"`            // private_links.go
	HybridAgents map[string]*object  `json:"hybrid_deployment_agents,omitempty"` // hybrid_agents.go
	Webhooks     map[string]*object  `json:"webhooks,omitempty"`                 // webhooks.go; Internal holds each secret
	Users        map[string]*object  `json:"users,omitempty"`                    // users.go; the owner is seeded (seedOwner)
	Teams        map[string]*object  `json:"teams,omitempty"`                    // teams.go
	LogServices  map[string]*object  `json:"log_services,omitempty"`             // external_logging.go; config holds the secrets
	FailTests    map[string]failSpec `json:"fail_tests,omitempty"`
	// FailLogTests: log service id → the failure its setup tests report
	// (FailExternalLoggingTests), apart from FailTests, where a group's id
	// names its destination.
	FailLogTests map[string]failSpec `json:"fail_log_tests,omitempty"`
	// Memberships: every user's and team's role in a group, a connection
	// or a team, keyed by membershipKey (memberships.go).
	Memberships map[string]*membership `json:"memberships,omitempty"`
	// CustomRoles: the account's custom roles (roles.go, AddCustomRole).
	CustomRoles []roleDef `json:"custom_roles,omitempty"`
	// SchemaConfigs: connection id → schema config (schemas.go).
	SchemaConfigs map[string]*schemaConfig `json:"schema_configs,omitempty"`
	// Certificates and Fingerprints: the approvals of connections and
	// destinations, keyed by approvalKey (certificates.go); Internal keeps
	// each certificate's encoded_cert.
	Certificates map[string]*object `json:"certificates,omitempty"`
	Fingerprints map[string]*object `json:"fingerprints,omitempty"`
	// PresentedCertificates and PresentedFingerprints: what the server of an
	// object (by id) or of a host presents to setup tests (PresentCertificate,
	// PresentFingerprint).
	PresentedCertificates map[string]presented `json:"presented_certificates,omitempty"`
	PresentedFingerprints map[string]presented `json:"presented_fingerprints,omitempty"`
}

func newState() *state {
	return &state{
		UsedIDs:      map[string]bool{},
		Groups:       map[string]*object{},
		Destinations: map[string]*object{},
		Connections:  map[string]*object{},
		ProxyAgents:  map[string]*object{},
		PrivateLinks: map[string]*object{},
		HybridAgents: map[string]*object{},
		Webhooks:     map[string]*object{},
		Users:        map[string]*object{},
		Teams:        map[string]*object{},
		LogServices:  map[string]*object{},
		FailTests:    map[string]failSpec{},
		FailLogTests: map[string]failSpec{},
		Memberships:  map[string]*membership{},

		Certificates:          map[string]*object{},
		Fingerprints:          map[string]*object{},
		PresentedCertificates: map[string]presented{},
		PresentedFingerprints: map[string]presented{},
	}
}

func (s *state) table(kind string) (map[string]*object, error) {
	switch kind {
	case "group", "groups":
		return s.Groups, nil
	case "destination", "destinations":
		return s.Destinations, nil
	case "connection", "connections", "connector", "connectors":
		return s.Connections, nil
	}
	if isProxyAgentKind(kind) {
		return s.ProxyAgents, nil
	}
	if isPrivateLinkKind(kind) {
		return s.PrivateLinks, nil
	}
	if isHybridAgentKind(kind) {
		return s.HybridAgents, nil
	}
	if isWebhookKind(kind) {
		return s.Webhooks, nil
	}
	if isLogServiceKind(kind) {
		return s.LogServices, nil
	}
	switch accessKind(kind) {
	case "user":
		return s.Users, nil
	case "team":
		return s.Teams, nil
	}
	return nil, fmt.Errorf("emulator: unknown kind %q (want group, destination, connection, proxy_agent, private_link, hybrid_agent, webhook, user, team or log_service)", kind)
}

// sorted returns the objects of a table in creation order.
func sorted(t map[string]*object) []*object {
	out := make([]*object, 0, len(t))
	for _, o := range t {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// newID returns a fresh, never used adjective_noun id. Call with e.mu held.
func (e *Emulator) newID() string {
	for attempt := 0; ; attempt++ {
		adj := idAdjectives[e.idRng.IntN(len(idAdjectives))]
		if attempt > 200 {
			adj += idAdjectives[e.idRng.IntN(len(idAdjectives))]
		}
		id := adj + "_" + idNouns[e.idRng.IntN(len(idNouns))]
		if !e.st.UsedIDs[id] {
			e.st.UsedIDs[id] = true
			return id
		}
	}
}

func (e *Emulator) nextSeq() int64 {
	e.st.Seq++
	return e.st.Seq
}

// ---------------------------------------------------------------------------
// Persistence

func (e *Emulator) load() error {
	raw, err := os.ReadFile(e.opts.StatePath)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("emulator: reading state: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	st := newState()
	if err := dec.Decode(st); err != nil {
		return fmt.Errorf("emulator: decoding state %s: %w", e.opts.StatePath, err)
	}
	if st.UsedIDs == nil {
		st.UsedIDs = map[string]bool{}
	}
	for _, t := range []map[string]*object{st.Groups, st.Destinations, st.Connections, st.ProxyAgents, st.PrivateLinks, st.HybridAgents, st.Webhooks, st.Users, st.Teams} {
		for id := range t {
			st.UsedIDs[id] = true
		}
	}
	if st.Groups == nil {
		st.Groups = map[string]*object{}
	}
	if st.Destinations == nil {
		st.Destinations = map[string]*object{}
	}
	if st.Connections == nil {
		st.Connections = map[string]*object{}
	}
	if st.ProxyAgents == nil {
		st.ProxyAgents = map[string]*object{}
	}
	if st.PrivateLinks == nil {
		st.PrivateLinks = map[string]*object{}
	}
	if st.HybridAgents == nil {
		st.HybridAgents = map[string]*object{}
	}
	if st.Webhooks == nil {
		st.Webhooks = map[string]*object{}
	}
	if st.Users == nil {
		st.Users = map[string]*object{}
	}
	if st.Teams == nil {
		st.Teams = map[string]*object{}
	}
	if st.LogServices == nil {
		st.LogServices = map[string]*object{}
	}
	if st.FailLogTests == nil {
		st.FailLogTests = map[string]failSpec{}
	}
	if st.Memberships == nil {
		st.Memberships = map[string]*membership{}
	}
	if st.FailTests == nil {
		st.FailTests = map[string]failSpec{}
	}
	if st.Certificates == nil {
		st.Certificates = map[string]*object{}
	}
	if st.Fingerprints == nil {
		st.Fingerprints = map[string]*object{}
	}
	if st.PresentedCertificates == nil {
		st.PresentedCertificates = map[string]presented{}
	}
	if st.PresentedFingerprints == nil {
		st.PresentedFingerprints = map[string]presented{}
	}
	e.mu.Lock()
	e.st = st
	e.mu.Unlock()
	return nil
}

// save writes the state atomically. Call with e.mu held.
func (e *Emulator) save() error {
	if e.opts.StatePath == "" {
		return nil
	}
	buf, err := json.MarshalIndent(e.st, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(e.opts.StatePath)
	tmp, err := os.CreateTemp(dir, ".fivetran-emulator-state-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(buf); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), e.opts.StatePath)
}

// Save writes the state file now (a no-op without StatePath).
func (e *Emulator) Save() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.save()
}

// commit saves after a write; a failure to save is logged, not returned to
// the API client. Call with e.mu held.
func (e *Emulator) commit() {
	if err := e.save(); err != nil && e.opts.Logf != nil {
		e.opts.Logf("emulator: saving state: %v", err)
	}
}

// ---------------------------------------------------------------------------
// Copies

// deepCopy copies JSON-like values.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return deepCopyMap(t)
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	default:
		return v
	}
}

func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	return deepCopyMap(m)
}

// deepCopyMap is deepCopy for an object; like deepCopy, it returns an empty map for a nil one.
func deepCopyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[k] = deepCopy(x)
	}
	return out
}

// plain turns a value into what encoding/json would decode from its JSON
// (numbers become float64).
func plain(m map[string]any) map[string]any {
	buf, err := json.Marshal(m)
	if err != nil {
		return copyMap(m)
	}
	var out map[string]any
	_ = json.Unmarshal(buf, &out)
	return out
}

// ---------------------------------------------------------------------------
// Out-of-band API

func (e *Emulator) renderKind(kind string, o *object, masked bool) map[string]any {
	switch kind {
	case "group", "groups":
		return e.renderGroup(o)
	case "destination", "destinations":
		return e.renderDestination(o, true, masked)
	case "proxy_agent", "proxy_agents", "proxy":
		return e.renderProxyAgent(o, true)
	case "private_link", "private_links":
		return e.renderPrivateLink(o, false)
	case "hybrid_agent", "hybrid_deployment_agent", "hybrid_deployment_agents":
		return e.renderHybridAgent(o, true)
	case "webhook", "webhooks":
		return e.renderWebhook(o)
	case "user", "users":
		return e.renderUser(o)
	case "team", "teams":
		return e.renderTeam(o)
	case logServiceKind, "log_services", "external_logging":
		return e.renderLogService(o)
	default:
		return e.renderConnection(o, true, masked)
	}
}

func (e *Emulator) list(kind string) []map[string]any {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.purgePrivateLinks()
	t, _ := e.st.table(kind)
	var out []map[string]any
	for _, o := range sorted(t) {
		out = append(out, plain(e.renderKind(kind, o, false)))
	}
	return out
}

// Groups returns all groups as GET shows them.
func (e *Emulator) Groups() []map[string]any { return e.list("group") }

// Destinations returns all destinations as GET shows them, unmasked.
func (e *Emulator) Destinations() []map[string]any { return e.list("destination") }

// Connections returns all connections as GET shows them, unmasked.
func (e *Emulator) Connections() []map[string]any { return e.list("connection") }

// Get returns one object (kind: "group", "destination", "connection",
// "proxy_agent", "private_link", "hybrid_agent", "webhook", "user",
// "team" or "log_service") as GET shows it, unmasked (an agent without its
// secrets, a webhook's secret and a log service's secrets masked).
func (e *Emulator) Get(kind, id string) (map[string]any, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.purgePrivateLinks()
	t, err := e.st.table(kind)
	if err != nil {
		return nil, false
	}
	o := t[id]
	if o == nil {
		return nil, false
	}
	return plain(e.renderKind(kind, o, false)), true
}

// Patch merges fields into an object without any validation (for drift
// tests: a user who renames themselves, a team an administrator changes
// in the dashboard). "config" is merged shallowly (a nil value deletes the
// key); "auth" is stored as the connection's auth; other keys replace
// top-level fields (a nil value unsets them). "id" cannot be changed.
func (e *Emulator) Patch(kind, id string, fields map[string]any) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.purgePrivateLinks()
	t, err := e.st.table(kind)
	if err != nil {
		return err
	}
	o := t[id]
	if o == nil {
		return fmt.Errorf("emulator: %s %q not found", kind, id)
	}
	for k, v := range fields {
		v = deepCopy(normalize(v))
		switch k {
		case "id":
			continue
		case "config":
			cfg, _ := o.Data["config"].(map[string]any)
			if cfg == nil {
				cfg = map[string]any{}
			}
			if nm, okm := v.(map[string]any); okm {
				mergeShallow(cfg, nm)
			} else if v == nil {
				cfg = map[string]any{}
			}
			o.Data["config"] = cfg
		case "auth":
			am, _ := v.(map[string]any)
			o.Auth = am
		default:
			o.Data[k] = v
		}
	}
	e.commit()
	return nil
}

// normalize converts Go values passed by tests (ints, typed slices and maps)
// into JSON-like values.
func normalize(v any) any {
	switch v.(type) {
	case nil, string, bool, float64, json.Number, map[string]any, []any:
		return v
	}
	buf, err := json.Marshal(v)
	if err != nil {
		return v
	}
	dec := json.NewDecoder(bytes.NewReader(buf))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return v
	}
	return out
}

func mergeShallow(dst, src map[string]any) {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		dst[k] = v
	}
}

// Delete removes an object out of band, checking no rules. The
// memberships of a user, team, group or connection go with it, as they do
// with a delete through the API.
func (e *Emulator) Delete(kind, id string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.purgePrivateLinks()
	t, err := e.st.table(kind)
	if err != nil {
		return err
	}
	if t[id] == nil {
		return fmt.Errorf("emulator: %s %q not found", kind, id)
	}
	delete(t, id)
	if k := accessKind(kind); k != "" {
		e.dropMemberships(k, id)
	}
	if owner, err := approvalOwner(kind); err == nil {
		e.dropApprovals(owner, id) // its approved certificates and fingerprints (certificates.go)
	}
	e.commit()
	return nil
}

// CreateGroup creates a group out of band and returns it.
func (e *Emulator) CreateGroup(name string) map[string]any {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.insertGroup(name)
	e.commit()
	return plain(e.renderGroup(o))
}

// CreateDestination creates a destination for groupID with the same
// validation as POST /v1/destinations (body needs service, time_zone_offset,
// ...). Setup tests are not run unless body says run_setup_tests: true.
func (e *Emulator) CreateDestination(groupID string, body map[string]any) (map[string]any, error) {
	b, _ := normalize(copyMap(body)).(map[string]any)
	if b == nil {
		b = map[string]any{}
	}
	b["group_id"] = groupID
	if _, okr := b["run_setup_tests"]; !okr {
		b["run_setup_tests"] = false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, _, err := e.doCreateDestination(b)
	if err != nil {
		return nil, err
	}
	e.commit()
	return plain(e.renderDestination(o, true, false)), nil
}

// CreateConnection creates a connection with the same validation as POST
// /v1/connections (setup tests run unless run_setup_tests is false).
func (e *Emulator) CreateConnection(body map[string]any) (map[string]any, error) {
	b, _ := normalize(copyMap(body)).(map[string]any)
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, _, err := e.doCreateConnection(b)
	if err != nil {
		return nil, err
	}
	e.commit()
	return plain(e.renderConnection(o, true, false)), nil
}

// Reset empties all state and the request log. Ids already handed out stay
// reserved, so they are never reused. The account keeps only its owner,
// as a new one has it, and only the standard roles. Faults and webhook
// deliveries are cleared too, and the rate limits are those of Options
// again, with no request counted.
func (e *Emulator) Reset() {
	e.mu.Lock()
	used := e.st.UsedIDs
	e.st = newState()
	e.st.UsedIDs = used
	e.seedOwner()
	e.visibleAt = map[string]time.Time{}
	e.versions = map[string][]version{}
	e.ghosts = nil
	e.commit()
	e.mu.Unlock()
	e.metaMu.Lock()
	e.log = nil
	e.faults = Faults{}
	e.injections = nil
	e.limits = newRateLimits(e.opts)
	e.deliveries = nil
	e.metaMu.Unlock()
}

// FailSetupTests makes the next setup-test run for the object with this id
// (a connection id, or a group id for its destination) report FAILED.
func (e *Emulator) FailSetupTests(id string, title, message string) {
	if title == "" {
		title = "Validating credentials"
	}
	if message == "" {
		message = "Authentication failed"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st.FailTests[id] = failSpec{Title: title, Message: message}
	e.commit()
}

// magicFail is the config value that makes setup tests fail.
const magicFail = "emulator:fail-setup-tests"

func containsMagic(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t) == magicFail
	case map[string]any:
		for _, x := range t {
			if containsMagic(x) {
				return true
			}
		}
	case []any:
		for _, x := range t {
			if containsMagic(x) {
				return true
			}
		}
	}
	return false
}

// runSetupTests returns the test results for an object (owner: connection
// or destination; data: its fields, config: its config; flags: the
// request's fields, of which trust_certificates and trust_fingerprints
// count) and whether they passed. Call with e.mu held.
func (e *Emulator) runSetupTests(owner, id string, data, config, flags map[string]any, titles []string) ([]any, bool) {
	if spec, found := e.st.FailTests[id]; found {
		delete(e.st.FailTests, id)
		return []any{map[string]any{"title": spec.Title, "status": "FAILED", "message": spec.Message}}, false
	}
	if failed := e.proxyAgentTest(data); failed != nil {
		return []any{failed}, false
	}
	if failed := e.privateLinkTest(data); failed != nil {
		return []any{failed}, false
	}
	if failed := e.hybridAgentTest(data); failed != nil {
		return []any{failed}, false
	}
	// The SSH tunnel's host key comes before the server's certificate, as
	// a connection through a tunnel meets them (certificates.go). Each test
	// is there only when the server presents something.
	tunnel, passed := e.trustTest(fingerprintArea, owner, id, config, flags)
	if !passed {
		return []any{tunnel}, false
	}
	cert, passed := e.trustTest(certificateArea, owner, id, config, flags)
	if !passed {
		return []any{cert}, false
	}
	if containsMagic(config) {
		return []any{map[string]any{"title": "Validating credentials", "status": "FAILED", "message": "Authentication failed: the emulator was told to fail this test"}}, false
	}
	out := make([]any, 0, len(titles)+2)
	if tunnel != nil {
		out = append(out, tunnel)
	}
	for i, t := range titles {
		status, msg := e.setupTestStatus(i), ""
		switch status {
		case "WARNING":
			msg = "The test passed with a warning: some permissions are missing (emulated)"
		case "SKIPPED":
			msg = "The test does not apply to this configuration (emulated)"
		}
		out = append(out, map[string]any{"title": t, "status": status, "message": msg})
		if i == 0 && cert != nil {
			out = append(out, cert) // the certificate once the host answers
		}
	}
	return out, true
}

// ConnectionAuth returns the auth section stored for a connection (which the
// API never returns), so tests can check what a client sent.
func (e *Emulator) ConnectionAuth(id string) (map[string]any, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t, err := e.st.table("connection")
	if err != nil || t[id] == nil {
		return nil, false
	}
	return plain(t[id].Auth), true
}

package emulator

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

// Options configures an Emulator.
type Options struct {
	APIKey, APISecret string           // required credentials
	UserID            string           // connected_by; default "emulator_user"
	Catalog           *catalog.Catalog // default catalog.Builtin()
	Seed              int64            // seeds ids and faults; 0 -> time-based, always reported via Seed()
	StatePath         string           // if set: load on start (if the file exists), save after every write (atomic rename)

	NotFoundConnectionCode bool // use NotFound_Connection instead of NotFound_Connector
	StrictGroupNames       bool // reject duplicate group names (409) and names that are not [A-Za-z_][A-Za-z0-9_]* (400)
	StrictGroupDelete      bool // DELETE of a group that still has a destination gives 409 instead of cascading
	StrictConfig           bool // reject config keys unknown to the catalog (400)

	// Fidelity switches. By default the emulator answers as the live API does
	// (API.md, "Where the spec and the live API disagree", as recorded live
	// answers show); each of these brings back an older,
	// spec-based behaviour for the tests that need it.

	// NumericPorts returns destination config port/tunnel_port as sent (a
	// number) instead of as strings ("443"), which the live API returns.
	NumericPorts bool
	// OmitNulls leaves unset optional fields out of answers instead of sending
	// them as explicit JSON null as the live API does (the spec marks no field
	// nullable).
	OmitNulls bool
	// RequireDestination refuses (400) a connection in a group that has no
	// destination. The live API accepts it.
	RequireDestination bool
	// NoServerDefaults stores a connection's config as sent, without the
	// defaults Fivetran fills in for some types (e.g. itunes_connect
	// timeframe_months "TWELVE").
	NoServerDefaults bool
	// UppercaseSetupStatus returns destination setup_status in upper case as
	// the spec's enum lists it. By default it is lower case (live behaviour,
	// API.md, "Destinations").
	UppercaseSetupStatus bool
	// RequireSchemaEnabled refuses (400) a schema config PATCH or POST entry
	// (schema, table or column) without "enabled", as the spec marks it
	// required. The live API accepts such entries and keeps the current value.
	RequireSchemaEnabled bool

	// Behaviour over time and other live-API habits (live_profile.go; LiveProfile
	// turns the realistic ones on). Zero values keep the kind behaviour.

	// ListLag: list endpoints show a new object only this long after its
	// create, an object a PATCH changed as it was before the PATCH for this
	// long, and a deleted one for this long after its delete has taken
	// effect: each object as it was ListLag ago. GET by id is always current.
	ListLag time.Duration
	// SetupTestDelay: a request that runs setup tests (create, PATCH with
	// run_setup_tests, /test) answers this long after its write committed.
	SetupTestDelay time.Duration
	// DeleteDelay: a DELETE answers at once and GET by id says 404, but a
	// deleted connection still blocks deleting its destination or group
	// (409) for this long.
	DeleteDelay time.Duration
	// MaxPageSize caps the items of one list page below the limit asked for
	// (0: the limit decides).
	MaxPageSize int
	// SetupTestStatuses are the results of passing setup tests, in turn
	// (e.g. PASSED, WARNING, SKIPPED; default all PASSED). setup_state is
	// "connected" all the same.
	SetupTestStatuses []string
	// PlatformConnection: creating a destination also creates a connection
	// Fivetran makes itself (service fivetran_log) in its group.
	PlatformConnection bool
	// ListsWithoutConfig leaves config out of connection list items (GET
	// /connections, /groups/{id}/connections). By default a list item is the
	// connection exactly as a GET shows it, masked config included, as the
	// spec describes it; no recorded live answer settles which form the live
	// API sends (API.md, "Lists").
	ListsWithoutConfig bool
	// Rate limits (ratelimits.go; API.md, "Rate limits"). RequestsPerHour
	// is the account's request budget: every request counts, and beyond it
	// every request is answered 429; X-Rate-Limit and X-Rate-Limit-Remaining
	// describe it (20,000 an hour, never enforced, when it is 0).
	// CreatesPerMinute caps the creates of groups, destinations and
	// connections, counted together; a create beyond it is answered 429 and
	// creates nothing. Their windows are RequestWindow (default one hour) and
	// CreateWindow (default one minute): tests and benchmarks scale them down
	// and say so (20 creates per 6s is 20 a minute, ten times faster). A
	// refused request counts against neither.
	RequestsPerHour, CreatesPerMinute int
	RequestWindow, CreateWindow       time.Duration

	// ProxyAgentConnectAfter: a proxy agent reports CONNECTED (and a
	// version) this long after its create or its last secret regeneration,
	// as if its software had been started with the new secrets; until then,
	// and always when it is 0 (nothing runs an agent in tests), it is
	// NOT_CONNECTED (proxy_agents.go; ConnectProxyAgent connects one at once).
	ProxyAgentConnectAfter time.Duration
	// AnyProxyAgentID accepts any proxy_agent_id in connection and
	// destination writes, as the emulator did before it modelled proxy
	// agents. By default the id must name an existing proxy agent (400).
	AnyProxyAgentID bool

	// Private links (private_links.go; API.md, "Private links").
	// PrivateLinkReadyAfter is how long Fivetran takes to provision a link:
	// a new link is CREATING, one a PATCH changed UPDATING and one being
	// deleted DESTROYING for this long, then OK (or gone). With 0 the
	// write's own answer shows CREATING or UPDATING, every later read OK,
	// and a delete takes effect at once.
	PrivateLinkReadyAfter time.Duration
	// PrivateLinkCreatesPerHour caps the private link creates per
	// PrivateLinkCreateWindow (default one hour): 0 is the documented limit
	// of 5, negative means no limit. A create beyond it is answered 429 with
	// Retry-After and creates nothing. It is apart from CreatesPerMinute:
	// neither counts the other's creates (ratelimits.go).
	PrivateLinkCreatesPerHour int
	PrivateLinkCreateWindow   time.Duration
	// AnyPrivateLinkID accepts any private_link_id in connection and
	// destination writes, as the emulator did before it modelled private
	// links. By default the id must name an existing private link (400).
	AnyPrivateLinkID bool

	// Hybrid deployment agents (hybrid_agents.go; API.md, "Hybrid
	// deployment agents"). HybridAgentOnlineAfter: an agent is online (and
	// reports a version) this long after its create or its last re-auth, as
	// if its software had been started with the new credentials; until
	// then, and always when it is 0 (nothing runs an agent in tests), it is
	// offline (StartHybridAgent starts one at once).
	HybridAgentOnlineAfter time.Duration
	// AnyHybridAgentID accepts any hybrid_deployment_agent_id in connection
	// and destination writes, as the emulator did before it modelled hybrid
	// deployment agents. By default the id must name an existing agent (400).
	AnyHybridAgentID bool

	// Users, teams and roles (users.go, teams.go, roles.go; API.md,
	// "Users, teams and roles"). UserAcceptsInviteAfter: an invited user
	// accepts the invitation (verified, no longer invited, logged in) this
	// long after its create, as a person would; 0 (the default, and the live
	// profile's: nobody reads the invitation in tests) means never by
	// itself, and AcceptInvitation accepts at once.
	UserAcceptsInviteAfter time.Duration
	// NotFoundUserCode answers an unknown user with NotFound_User, the code
	// the official provider's resource looks for, instead of the plain
	// NotFound its end-to-end test recorded from the live API.
	NotFoundUserCode bool
	// NoGroupCreatorMembership: a group created through the API does not
	// make its creator (the owner, Options.UserID) a member of it, as
	// recorded live answers show it does.
	NoGroupCreatorMembership bool

	// External logging (external_logging.go; API.md, "External logging").
	// StrictExternalLoggingConfig refuses (400) config keys outside the
	// service's schema in the spec, which the live API accepts, and a
	// config without the keys the service needs to deliver logs (the
	// emulator's reading: the spec requires none).
	StrictExternalLoggingConfig bool
	// PlainNotFoundExternalLogging answers an unknown log service with the
	// plain code NotFound instead of NotFound_LogService, the code the
	// official provider's resource looks for (the live end-to-end test
	// recorded only a code beginning with NotFound).
	PlainNotFoundExternalLogging bool

	// Certificates and fingerprints (certificates.go; API.md, "Certificates
	// and fingerprints"). StrictCertificates refuses (400) an encoded_cert
	// that is not a base64 (or PEM) X.509 certificate. By default any string
	// is approved, with empty name and public_key (nothing recorded shows
	// what the live API does with one).
	StrictCertificates bool

	// WebhookClient delivers the test events of POST /v1/webhooks/{id}/test
	// (webhooks.go; API.md, "Webhooks"). nil: a client that waits at most 3
	// seconds. Either way the delivery waits no longer than that, and
	// follows no redirect unless the client's CheckRedirect says how to.
	WebhookClient *http.Client

	// Now is the emulator's clock (default time.Now): of ListLag,
	// DeleteDelay, schema discovery, syncs, proxy agents' status, private
	// links' provisioning, hybrid deployment agents' status, users'
	// invitations and the rate limits' windows.
	Now func() time.Time

	// The source model (schemas.go). Source, if set, gives a connection's
	// source (nil: the next rule); otherwise SyntheticSource, when its first
	// number is positive, gives every connection schemas × tables × columns;
	// otherwise DefaultSource. SchemaDiscoveryDelay is how long after a
	// connection's creation Fivetran has discovered its source (0: at once;
	// negative: only on POST .../schemas/reload).
	Source               func(connectionID, service string, config map[string]any) Source
	SyntheticSource      [3]int
	SchemaDiscoveryDelay time.Duration

	Logf func(format string, args ...any) // optional request log printer: one line per request

	// Observe, if set, is called once per request, after the response has
	// been written (or the connection dropped), with the full exchange. It
	// may be called concurrently.
	Observe func(Exchange)
}

// Emulator is an in-memory Fivetran REST API. It is an http.Handler.
type Emulator struct {
	opts    Options
	catalog *catalog.Catalog
	seed    int64
	started time.Time
	auth    string // expected Authorization header value (without the scheme)

	mu        sync.Mutex // guards st, idRng, secretRng, visibleAt, versions, ghosts and sim
	st        *state
	idRng     *rand.Rand
	secretRng *rand.Rand           // agents' secrets (proxy_agents.go, hybrid_agents.go); apart from idRng so that ids do not depend on them
	visibleAt map[string]time.Time // ListLag: "kind/id" keys lists do not show before this time
	versions  map[string][]version // ListLag: "kind/id" → versions PATCHes replaced, oldest first, that lists still show
	ghosts    []ghost              // deleted objects lists or delete rules still see
	sim       syncSim              // sync timing (syncs.go)

	metaMu     sync.Mutex // guards the fields below
	log        []RequestRecord
	faults     Faults
	faultRng   *rand.Rand
	injections []*injection
	limits     rateLimits        // ratelimits.go
	deliveries []WebhookDelivery // webhooks.go

	mux *http.ServeMux // see buildMux
}

// APIError is the error returned by the out-of-band helpers when the API
// would have answered with an error.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

func apiErr(status int, code, format string, args ...any) *APIError {
	return &APIError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func invalid(format string, args ...any) *APIError {
	return apiErr(http.StatusBadRequest, "InvalidInput", format, args...)
}

// New creates an emulator. APIKey and APISecret are required.
func New(opts Options) (*Emulator, error) {
	if opts.APIKey == "" || opts.APISecret == "" {
		return nil, errors.New("emulator: APIKey and APISecret are required")
	}
	if opts.UserID == "" {
		opts.UserID = "emulator_user"
	}
	cat := opts.Catalog
	if cat == nil {
		cat = catalog.Builtin()
	}
	if cat == nil {
		return nil, errors.New("emulator: no catalog")
	}
	cat.Index()
	seed := opts.Seed
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	e := &Emulator{
		opts:     opts,
		catalog:  cat,
		seed:     seed,
		started:  time.Now().UTC(),
		auth:     base64.StdEncoding.EncodeToString([]byte(opts.APIKey + ":" + opts.APISecret)),
		st:       newState(),
		idRng:    rand.New(rand.NewPCG(uint64(seed), 0x1d5)),  //nolint:gosec // G404: seeded on purpose so ids replay; the emulator is a test double, not a security boundary
		faultRng: rand.New(rand.NewPCG(uint64(seed), 0xfa17)), //nolint:gosec // G404: seeded on purpose so injected faults replay; not security-sensitive
		limits:   newRateLimits(opts),

		visibleAt: map[string]time.Time{},
		versions:  map[string][]version{},
		secretRng: rand.New(rand.NewPCG(uint64(seed), 0x5ec2)), //nolint:gosec // G404: seeded on purpose so a run replays; the secrets are a test double's and guard nothing
	}
	for _, st := range opts.SetupTestStatuses {
		if !inEnum(st, setupTestStatuses) {
			return nil, fmt.Errorf("emulator: setup test status %q: want one of %s", st, strings.Join(setupTestStatuses, ", "))
		}
	}
	if opts.MaxPageSize < 0 || opts.ListLag < 0 || opts.SetupTestDelay < 0 || opts.DeleteDelay < 0 || opts.ProxyAgentConnectAfter < 0 {
		return nil, errors.New("emulator: MaxPageSize, ListLag, SetupTestDelay, DeleteDelay and ProxyAgentConnectAfter cannot be negative")
	}
	if opts.PrivateLinkReadyAfter < 0 || opts.PrivateLinkCreateWindow < 0 || opts.HybridAgentOnlineAfter < 0 {
		return nil, errors.New("emulator: PrivateLinkReadyAfter, PrivateLinkCreateWindow and HybridAgentOnlineAfter cannot be negative")
	}
	if opts.CreatesPerMinute < 0 || opts.CreateWindow < 0 || opts.RequestsPerHour < 0 || opts.RequestWindow < 0 {
		return nil, errors.New("emulator: CreatesPerMinute, CreateWindow, RequestsPerHour and RequestWindow cannot be negative")
	}
	if opts.UserAcceptsInviteAfter < 0 {
		return nil, errors.New("emulator: UserAcceptsInviteAfter cannot be negative")
	}
	e.mux = e.buildMux()
	if opts.StatePath != "" {
		if err := e.load(); err != nil {
			return nil, err
		}
	}
	e.mu.Lock()
	e.seedOwner() // a new account, or a state file from before users were modelled
	e.mu.Unlock()
	return e, nil
}

// Seed returns the seed in use (the time-based one when Options.Seed was 0).
func (e *Emulator) Seed() int64 { return e.seed }

// Running is an emulator served by an httptest server.
type Running struct {
	*Emulator
	URL    string // base URL, ending in /v1
	Server *httptest.Server
}

// Close stops the server.
func (r *Running) Close() { r.Server.Close() }

// Start creates an emulator and serves it on a local httptest server.
func Start(opts Options) (*Running, error) {
	e, err := New(opts)
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(e)
	return &Running{Emulator: e, URL: srv.URL + "/v1", Server: srv}, nil
}

// ---------------------------------------------------------------------------
// Routing

// handlerFunc answers one API call; it reads path values with q.r.PathValue.
type handlerFunc func(e *Emulator, req *request) *response

type request struct {
	r     *http.Request
	body  map[string]any // decoded JSON object, nil when the body is empty
	raw   []byte
	route string // the matched pattern, e.g. "GET /v1/groups/{id}"
}

type response struct {
	status int
	code   string
	msg    string
	data   any // nil: no data
}

func ok(status int, msg string, data any) *response {
	return &response{status: status, code: "Success", msg: msg, data: data}
}

func errResp(err error) *response {
	var ae *APIError
	if errors.As(err, &ae) {
		return &response{status: ae.Status, code: ae.Code, msg: ae.Message}
	}
	return &response{status: http.StatusInternalServerError, code: "InternalError", msg: err.Error()}
}

// call carries one request through the mux to its handler and the answer back.
type call struct {
	req  *request
	resp *response
}

type callKey struct{}

// buildMux registers every endpoint as a net/http method pattern. The mux
// only dispatches: ServeHTTP finds the pattern first (mux.Handler) so that
// the request log, faults and rate limits know the route, then runs the
// checks every request goes through, then lets the mux call the handler.
// Unknown paths and methods never reach the mux (see handle).
func (e *Emulator) buildMux() *http.ServeMux {
	mux := http.NewServeMux()
	add := func(pattern string, h handlerFunc) {
		mux.HandleFunc(pattern, func(_ http.ResponseWriter, r *http.Request) {
			c, _ := r.Context().Value(callKey{}).(*call)
			if c == nil {
				return
			}
			c.req.r = r // r carries the path values
			c.resp = h(e, c.req)
		})
	}
	add("GET /v1/groups", (*Emulator).listGroups)
	add("POST /v1/groups", (*Emulator).createGroupH)
	add("GET /v1/groups/{id}", (*Emulator).getGroup)
	add("PATCH /v1/groups/{id}", (*Emulator).patchGroup)
	add("DELETE /v1/groups/{id}", (*Emulator).deleteGroup)
	add("GET /v1/groups/{id}/connections", (*Emulator).listGroupConnections)
	add("GET /v1/groups/{id}/public-key", (*Emulator).getGroupPublicKey)           // group_keys.go
	add("GET /v1/groups/{id}/service-account", (*Emulator).getGroupServiceAccount) // group_keys.go

	add("GET /v1/destinations", (*Emulator).listDestinations)
	add("POST /v1/destinations", (*Emulator).createDestinationH)
	add("GET /v1/destinations/{id}", (*Emulator).getDestination)
	add("PATCH /v1/destinations/{id}", (*Emulator).patchDestination)
	add("DELETE /v1/destinations/{id}", (*Emulator).deleteDestination)
	add("POST /v1/destinations/{id}/test", (*Emulator).testDestination)

	add("GET /v1/connections", (*Emulator).listConnections)
	add("POST /v1/connections", (*Emulator).createConnectionH)
	add("GET /v1/connections/{id}", (*Emulator).getConnection)
	add("PATCH /v1/connections/{id}", (*Emulator).patchConnection)
	add("DELETE /v1/connections/{id}", (*Emulator).deleteConnection)
	add("POST /v1/connections/{id}/test", (*Emulator).testConnection)
	add("POST /v1/connections/{id}/sync", (*Emulator).syncConnection)
	add("POST /v1/connections/{id}/resync", (*Emulator).resyncConnection)
	add("POST /v1/connections/{id}/connect-card", (*Emulator).connectCard)
	add("GET /v1/metadata/connector-types", (*Emulator).listMetadata)
	add("GET /v1/metadata/connector-types/{service}", (*Emulator).getMetadata)
	for _, r := range schemaRoutes("/v1/connections") {
		add(r.method+" "+r.pattern, r.h)
	}

	add("GET /v1/proxy", (*Emulator).listProxyAgents)
	add("POST /v1/proxy", (*Emulator).createProxyAgentH)
	add("GET /v1/proxy/{id}", (*Emulator).getProxyAgent)
	add("DELETE /v1/proxy/{id}", (*Emulator).deleteProxyAgent)
	add("POST /v1/proxy/{id}/regenerate-secrets", (*Emulator).regenerateProxyAgentSecrets)
	add("GET /v1/proxy/{id}/connections", (*Emulator).listProxyAgentConnections)

	add("GET /v1/private-links", (*Emulator).listPrivateLinks)
	add(privateLinkCreateRoute, (*Emulator).createPrivateLinkH)
	add("GET /v1/private-links/{id}", (*Emulator).getPrivateLink)
	add("PATCH /v1/private-links/{id}", (*Emulator).patchPrivateLink)
	add("DELETE /v1/private-links/{id}", (*Emulator).deletePrivateLink)

	add("GET /v1/hybrid-deployment-agents", (*Emulator).listHybridAgents)
	add("POST /v1/hybrid-deployment-agents", (*Emulator).createHybridAgentH)
	add("GET /v1/hybrid-deployment-agents/{id}", (*Emulator).getHybridAgent)
	add("DELETE /v1/hybrid-deployment-agents/{id}", (*Emulator).deleteHybridAgent)
	add("PATCH /v1/hybrid-deployment-agents/{id}/re-auth", (*Emulator).reAuthHybridAgent)
	add("POST /v1/hybrid-deployment-agents/{id}/reset-credentials", (*Emulator).resetHybridAgentCredentials)

	add("GET /v1/webhooks", (*Emulator).listWebhooks)
	add("POST /v1/webhooks/account", (*Emulator).createAccountWebhook)
	add("GET /v1/webhooks/{id}", (*Emulator).getWebhook)
	add("PATCH /v1/webhooks/{id}", (*Emulator).patchWebhook)
	add("DELETE /v1/webhooks/{id}", (*Emulator).deleteWebhook)
	add(webhookPostRoute, (*Emulator).webhookPost) // POST .../group/{groupId} and .../{id}/test

	add("GET /v1/users", (*Emulator).listUsers)
	add("POST /v1/users", (*Emulator).createUserH)
	add("GET /v1/users/{userId}", (*Emulator).getUser)
	add("PATCH /v1/users/{userId}", (*Emulator).patchUser)
	add("DELETE /v1/users/{userId}", (*Emulator).deleteUser)
	add("DELETE /v1/users/{userId}/role", (*Emulator).deleteUserRole)
	userGroupsView.routes(add, "/v1/users/{userId}/groups")
	userConnectionsView.routes(add, "/v1/users/{userId}/connections")
	add("GET /v1/groups/{id}/users", (*Emulator).listGroupUsers)
	add("POST /v1/groups/{id}/users", (*Emulator).addGroupUser)
	add("DELETE /v1/groups/{id}/users/{userId}", (*Emulator).removeGroupUser)
	add("GET /v1/roles", (*Emulator).listRoles)

	add("GET /v1/teams", (*Emulator).listTeams)
	add("POST /v1/teams", (*Emulator).createTeamH)
	add("GET /v1/teams/{teamId}", (*Emulator).getTeam)
	add("PATCH /v1/teams/{teamId}", (*Emulator).patchTeam)
	add("DELETE /v1/teams/{teamId}", (*Emulator).deleteTeam)
	add("DELETE /v1/teams/{teamId}/role", (*Emulator).deleteTeamRole)
	teamUsersView.routes(add, "/v1/teams/{teamId}/users")
	teamGroupsView.routes(add, "/v1/teams/{teamId}/groups")
	teamConnectionsView.routes(add, "/v1/teams/{teamId}/connections")

	add("GET /v1/external-logging", (*Emulator).listLogServices)
	add("POST /v1/external-logging", (*Emulator).createLogServiceH)
	add("GET /v1/external-logging/account", (*Emulator).getLogService)
	add("POST /v1/external-logging/account", (*Emulator).createAccountLogService)
	add("PATCH /v1/external-logging/account", (*Emulator).patchLogService)
	add("DELETE /v1/external-logging/account", (*Emulator).deleteLogService)
	add("GET /v1/external-logging/{logId}", (*Emulator).getLogService)
	add("PATCH /v1/external-logging/{logId}", (*Emulator).patchLogService)
	add("DELETE /v1/external-logging/{logId}", (*Emulator).deleteLogService)
	add("POST /v1/external-logging/{logId}/test", (*Emulator).testLogService)

	trustRoutes(add) // certificates and fingerprints of connections and destinations (certificates.go)
	return mux
}

// routeOf returns the pattern registered for the request's method and path,
// or "" when there is none. The mux lets GET patterns answer HEAD and
// redirects unclean paths; neither is an API route, so both give "".
func (e *Emulator) routeOf(r *http.Request) string {
	_, pattern := e.mux.Handler(r)
	if !strings.HasPrefix(pattern, r.Method+" ") {
		return ""
	}
	if pattern == webhookPostRoute {
		return webhookRoute(r.URL.Path)
	}
	return pattern
}

// allowedMethods lists the methods that have a route for the request's path
// (for the Allow header of a 405).
func (e *Emulator) allowedMethods(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete} {
		probe := r.WithContext(r.Context()) // a shallow copy
		probe.Method = m
		if e.routeOf(probe) != "" {
			out = append(out, m)
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// ServeHTTP

// statusWriter keeps the status written, and calls onStatus once, before
// the status goes out: the request is logged then, so that a client that
// has read its answer finds it in the log.
type statusWriter struct {
	http.ResponseWriter
	status   int
	onStatus func()
}

func (w *statusWriter) setStatus(code int) {
	if w.status == 0 {
		w.status = code
		if w.onStatus != nil {
			w.onStatus()
		}
	}
}

func (w *statusWriter) WriteHeader(code int) {
	w.setStatus(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.setStatus(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// ServeHTTP implements http.Handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	var ob *observation
	if e.opts.Observe != nil {
		ob, w = observe(w, r)
	}
	path := r.URL.Path
	route := e.routeOf(r)
	routeKey := route
	if route == "" {
		routeKey = r.Method + " <unmatched>"
	}
	sw := &statusWriter{ResponseWriter: w}
	rec := RequestRecord{Method: r.Method, Path: path, Query: r.URL.RawQuery, Route: routeKey}
	logged, observed := false, false
	logIt := func() { // log the request, once, before the client can see its answer
		if logged {
			return
		}
		logged = true
		rec.Duration = time.Since(start)
		if rec.Status == 0 {
			rec.Status = sw.status
		}
		e.record(rec)
	}
	sw.onStatus = logIt
	finish := func() { // log the request, then observe it (with its answer), once
		logIt()
		if observed {
			return
		}
		observed = true
		if ob != nil {
			e.opts.Observe(ob.exchange(rec))
		}
	}
	defer finish()

	// Latency, rate limits and faults happen "in front of" the API.
	rec.Start = start
	fault, limitHdr, refusal, admitted := e.admit(r.Method, routeKey)
	// A private link create holds a slot of its limit only if it creates
	// the link: otherwise the slot is given back before the answer goes out.
	linkSlot := refusal == nil && routeKey == privateLinkCreateRoute && e.limitsPrivateLinks()
	e.setRateHeaders(sw, limitHdr)
	if d := e.latency(fault); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
		}
	}
	if refusal != nil {
		ra := strconv.Itoa(refusal.retryAfter)
		sw.Header().Set("Retry-After", ra)
		rec.Fault, rec.Limit = FaultRateLimit, refusal.limit
		writeEnvelope(sw, &response{status: http.StatusTooManyRequests, code: "TooManyRequests", msg: "Rate limit exceeded. Retry after " + ra + " second(s)."})
		return
	}
	_, afterCommit := faultAfterCommit[fault]
	if fault != "" && fault != FaultLatency && fault != FaultDropAfterCommit && !afterCommit {
		if linkSlot {
			e.returnPrivateLinkSlot(admitted)
		}
		rec.Fault = fault
		e.writeFault(sw, fault)
		return
	}
	if fault == "latency" {
		rec.Fault = fault
	}

	resp, allowed := e.handle(r, route)
	if linkSlot && resp.status != http.StatusCreated {
		e.returnPrivateLinkSlot(admitted)
	}
	e.slowWork(r, resp)
	if afterCommit {
		// The write is done; the answer is lost on the way back.
		rec.Fault = fault
		e.writeFault(sw, strconv.Itoa(faultAfterCommit[fault]))
		return
	}
	if fault == "drop-after-commit" && r.Method == http.MethodPost {
		rec.Fault = fault
		rec.Status = 0
		if hj, okh := w.(http.Hijacker); okh {
			if conn, _, err := hj.Hijack(); err == nil {
				finish() // logged before the client can see the drop
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	if resp.status == http.StatusMethodNotAllowed && len(allowed) > 0 {
		sw.Header().Set("Allow", strings.Join(allowed, ", "))
	}
	if resp.status == http.StatusUnauthorized {
		sw.Header().Set("WWW-Authenticate", `Basic realm="Fivetran API"`)
	}
	writeEnvelope(sw, resp)
}

// handle runs the checks every request goes through (auth before anything
// else, also for unknown paths), then the route's handler through the mux.
// For a 405 it also returns the methods the path allows.
func (e *Emulator) handle(r *http.Request, route string) (*response, []string) {
	if !e.authorized(r) {
		return &response{status: http.StatusUnauthorized, code: "AuthFailed", msg: "Authentication failed: missing or invalid API key and secret"}, nil
	}
	if route == "" {
		if allowed := e.allowedMethods(r); len(allowed) > 0 {
			return &response{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", msg: "HTTP 405 Method Not Allowed"}, allowed
		}
		return &response{status: http.StatusNotFound, code: "NotFound", msg: "HTTP 404 Not Found"}, nil
	}
	if !acceptable(r.Header.Values("Accept")) {
		return &response{status: http.StatusNotAcceptable, code: "NotAcceptable", msg: "HTTP 406 Not Acceptable"}, nil
	}
	req := &request{r: r, route: route}
	if r.Method == http.MethodPost || r.Method == http.MethodPatch {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			return &response{status: http.StatusUnsupportedMediaType, code: "UnsupportedMediaType", msg: "HTTP 415 Unsupported Media Type"}, nil
		}
	}
	if r.Body != nil {
		raw, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
		if err != nil {
			return invalidResp("Unable to read the request body"), nil
		}
		req.raw = raw
		if len(bytes.TrimSpace(raw)) > 0 && (r.Method == http.MethodPost || r.Method == http.MethodPatch) {
			body, err := decodeObject(raw)
			if err != nil {
				return invalidResp("Malformed JSON request body: %v", err), nil
			}
			req.body = body
		}
	}
	c := &call{req: req}
	e.mux.ServeHTTP(discardWriter{}, r.WithContext(context.WithValue(r.Context(), callKey{}, c)))
	if c.resp == nil {
		return &response{status: http.StatusInternalServerError, code: "InternalError", msg: "no response"}, nil
	}
	return c.resp, nil
}

// discardWriter is the mux's ResponseWriter: handlers return a *response
// and ServeHTTP writes it, so nothing is written through the mux.
type discardWriter struct{}

func (discardWriter) Header() http.Header         { return http.Header{} }
func (discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (discardWriter) WriteHeader(int)             {}

func invalidResp(format string, args ...any) *response {
	return errResp(invalid(format, args...))
}

func decodeObject(raw []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("unexpected data after the JSON value")
	}
	m, okm := v.(map[string]any)
	if !okm {
		return nil, errors.New("the body must be a JSON object")
	}
	return m, nil
}

func (e *Emulator) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	scheme, cred, found := strings.Cut(h, " ")
	if !found || !strings.EqualFold(scheme, "Basic") {
		return false
	}
	cred = strings.TrimSpace(cred)
	if cred == e.auth {
		return true
	}
	// Tolerate unpadded base64.
	dec, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(cred, "="))
	return err == nil && string(dec) == e.opts.APIKey+":"+e.opts.APISecret
}

// acceptable (API.md, "Requests: headers and bodies"): a missing Accept, application/json
// (optionally with version=1 or 2), application/* and */* are fine.
func acceptable(values []string) bool {
	if len(values) == 0 {
		return true
	}
	joined := strings.TrimSpace(strings.Join(values, ","))
	if joined == "" {
		return true
	}
	for _, part := range strings.Split(joined, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		mt, params, err := mime.ParseMediaType(part)
		if err != nil {
			continue
		}
		if q, okq := params["q"]; okq {
			if f, err := strconv.ParseFloat(q, 64); err == nil && f == 0 {
				continue
			}
		}
		switch mt {
		case "*/*", "application/*":
			return true
		case "application/json":
			if v, okv := params["version"]; okv && v != "1" && v != "2" {
				continue
			}
			return true
		}
	}
	return false
}

func writeEnvelope(w http.ResponseWriter, resp *response) {
	body := map[string]any{"code": resp.code}
	if resp.msg != "" || resp.data == nil {
		body["message"] = resp.msg
	}
	if resp.data != nil {
		body["data"] = resp.data
	}
	buf, err := json.Marshal(body)
	if err != nil {
		buf = []byte(`{"code":"InternalError","message":"cannot encode the response"}`)
		resp.status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(buf)))
	w.WriteHeader(resp.status)
	_, _ = w.Write(buf)
}

// ---------------------------------------------------------------------------
// Request log

// RequestRecord is one entry of the request log.
type RequestRecord struct {
	Method   string
	Path     string
	Query    string // the raw query string
	Route    string // the pattern, e.g. "GET /v1/connections/{id}"; "<METHOD> <unmatched>" for unknown paths
	Status   int    // 0 when the connection was dropped
	Start    time.Time
	Duration time.Duration
	Fault    string // injected fault, if any; FaultRateLimit for a 429 of a rate limit
	Limit    string // the rate limit that refused it: LimitRequests, LimitCreates, LimitPrivateLinks or a route pattern (SetRateLimit)
}

func (e *Emulator) record(rec RequestRecord) {
	e.metaMu.Lock()
	e.log = append(e.log, rec)
	e.metaMu.Unlock()
	if e.opts.Logf != nil {
		line := fmt.Sprintf("%s %s %d %s", rec.Method, rec.Path, rec.Status, rec.Duration.Round(time.Microsecond))
		if rec.Fault != "" {
			line += " fault=" + rec.Fault
		}
		e.opts.Logf("%s", line)
	}
}

// Requests returns a copy of the request log.
func (e *Emulator) Requests() []RequestRecord {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	return append([]RequestRecord(nil), e.log...)
}

// Counts returns the number of logged requests per route pattern.
func (e *Emulator) Counts() map[string]int {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	out := map[string]int{}
	for _, r := range e.log {
		out[r.Route]++
	}
	return out
}

// StatusCounts returns the number of logged requests per route pattern
// that were answered with status (for example 429: the requests a rate
// limit or an injected fault refused).
func (e *Emulator) StatusCounts(status int) map[string]int {
	e.metaMu.Lock()
	defer e.metaMu.Unlock()
	out := map[string]int{}
	for _, r := range e.log {
		if r.Status == status {
			out[r.Route]++
		}
	}
	return out
}

// ResetRequests empties the request log.
func (e *Emulator) ResetRequests() {
	e.metaMu.Lock()
	e.log = nil
	e.metaMu.Unlock()
}

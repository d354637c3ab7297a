// Command fivetran-emulator serves an in-memory emulation of the Fivetran
// REST API (groups with their SSH key and service account, destinations,
// connections, connector metadata, proxy agents, private links, hybrid
// deployment agents, webhooks, users, teams and roles, external logging,
// approved certificates and fingerprints) for demos and black-box tests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses flags and serves until SIGINT/SIGTERM.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runContext(ctx, args, stdout, stderr)
}

type config struct {
	listen, apiKey, apiSecret, statePath, catalogPath  string
	seed                                               int64
	latency, rateLimitWindow                           time.Duration
	faultRate                                          float64
	faultKinds, catalogFields                          string
	rateLimit, createsPerMinute                        int
	createWindow                                       time.Duration
	notFoundConnectionCode, strictConfig, numericPorts bool
	strictGroupNames, strictGroupDelete, omitNulls     bool
	requireDestination, noServerDefaults               bool
	uppercaseSetupStatus, quiet                        bool
	requireSchemaEnabled, listsWithoutConfig           bool
	profile                                            string
	listLag, setupTestDelay, deleteDelay               time.Duration
	maxPageSize                                        int
	setupTestStatuses                                  string
	platformConnection                                 bool
	syncDuration                                       time.Duration
	set                                                map[string]bool // the flags given on the command line
	syntheticSource                                    string
	schemaDiscoveryDelay                               time.Duration
	proxyAgentConnectAfter                             time.Duration
	anyProxyAgentID                                    bool
	privateLinkReadyAfter, privateLinkCreateWindow     time.Duration
	privateLinkCreatesPerHour                          int
	anyPrivateLinkID                                   bool
	hybridAgentOnlineAfter                             time.Duration
	anyHybridAgentID                                   bool
	userAcceptsInviteAfter                             time.Duration
	notFoundUserCode, noGroupCreatorMembership         bool
	strictExternalLoggingConfig                        bool
	plainNotFoundExternalLogging                       bool
	strictCertificates                                 bool
}

const usageText = `Usage: fivetran-emulator [flags]

Serves an in-memory Fivetran REST API under http://ADDR/v1. On start it prints
one line to stdout:

    fivetran-emulator listening on http://127.0.0.1:8089/v1 (seed 42)

Point a client at that URL (for the Terraform provider: FIVETRAN_API_URL) and
use the same key and secret (FIVETRAN_APIKEY / FIVETRAN_APISECRET).

It answers as the live API does where that departs from Fivetran's OpenAPI
spec: destination ports as strings, null for unset fields, connections
accepted in a group without a destination, defaults filled into config.
-numeric-ports, -omit-nulls, -require-destination and -no-server-defaults
bring back the other forms.

Profiles: "-profile kind" (the default) answers at once and consistently;
"-profile live" behaves like the production API: lists lag writes by 5s,
requests that run setup tests take 3s, deletes take 2s to free a group (409
meanwhile), private links take 2s to provision, change or delete, pages hold
at most 3 items, and passing setup tests also report WARNING and SKIPPED.
Flags given explicitly override the profile's values.

Setup tests can be made to fail by putting the value
"emulator:fail-setup-tests" in any config field of a connection or destination,
and a connection's syncs by putting "emulator:fail-sync" in its config.

A proxy agent stays NOT_CONNECTED (nothing runs its software) unless
-proxy-agent-connect-after says how long after its create, or after a
regeneration of its secrets, it connects. A connection's or destination's
proxy_agent_id must name an existing proxy agent (-any-proxy-agent-id: any).

A private link is CREATING (UPDATING after a change, DESTROYING after a
delete) for -private-link-ready-after, then OK (or gone); with 0 only the
write's own answer shows the transition. At most
-private-link-creates-per-hour links are created per
-private-link-create-window (5 an hour, as Fivetran documents it), apart from
-creates-per-minute. A private_link_id must name an existing private link
(-any-private-link-id: any).

A hybrid deployment agent stays offline (nothing runs its software) unless
-hybrid-agent-online-after says how long after its create, or after a
re-auth, it comes online; a credentials reset keeps it offline until a
re-auth. A connection's or destination's hybrid_deployment_agent_id must name
an existing agent (-any-hybrid-agent-id: any).

A webhook's test (POST /v1/webhooks/{id}/test) really sends a test event to
the webhook's URL, signed with its secret in X-Fivetran-Signature-256, waits
at most 3s and follows no redirect; the answer reports the receiver's status.
The -state file keeps webhook secrets, to sign deliveries after a restart.

The account has one user from the start, its owner, whose API key makes the
requests: an Account Administrator who cannot be deleted. Invited users stay
invited (nobody reads the invitation) unless -user-accepts-invite-after says
how long after the invite they accept. A group created through the API has
its creator as a member (-no-group-creator-membership: none). An unknown user
answers 404 NotFound (-not-found-user-code: NotFound_User).

A group's log service (POST /v1/external-logging) has the group's id, one per
group, and the account has one of its own (/v1/external-logging/account).
Config keys outside the service's schema in the spec are kept, as the live
API keeps them, and none is required (-strict-external-logging-config refuses
unknown keys and a config without what the service needs). Secret keys answer
"******"; the -state file keeps them. Setup tests (POST
/v1/external-logging/{logId}/test) pass unless a config value is
"emulator:fail-setup-tests". An unknown log service answers 404
NotFound_LogService (-plain-not-found-external-logging: NotFound).

Connections and destinations keep the TLS certificates and SSH host keys
approved for them (/v1/connections/{id}/certificates and /fingerprints, the
same under /v1/destinations/{id}, and POST /v1/certificates); an approval
answers 201 with what was read of the certificate, and the -state file keeps
the encoded certificate, which no answer shows. Any string is approved as a
certificate unless -strict-certificates. Servers present nothing, and setup
tests check no certificate, unless a test presents one through the Go API
(PresentCertificate, PresentFingerprint).

Examples:
    fivetran-emulator
    fivetran-emulator -listen 127.0.0.1:0 -seed 42 -state /tmp/fivetran.json
    fivetran-emulator -fault-rate 0.2 -fault-kinds 429,503,502-html -latency 50ms
    fivetran-emulator -rate-limit 500 -creates-per-minute 20 -quiet
    fivetran-emulator -rate-limit 500 -rate-limit-window 6m -creates-per-minute 20 -create-window 6s
    fivetran-emulator -profile live -list-lag 1s -platform-connection

Flags:
`

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("fivetran-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageText)
		fs.PrintDefaults()
	}
	fs.StringVar(&c.listen, "listen", "127.0.0.1:8089", "address to listen on (use 127.0.0.1:0 for a free port)")
	fs.StringVar(&c.apiKey, "api-key", os.Getenv("FIVETRAN_APIKEY"), "API key clients must send (default: $FIVETRAN_APIKEY, else demo_key)")
	fs.StringVar(&c.apiSecret, "api-secret", os.Getenv("FIVETRAN_APISECRET"), "API secret clients must send (default: $FIVETRAN_APISECRET, else demo_secret)")
	fs.StringVar(&c.statePath, "state", "", "state `FILE`: loaded on start if it exists, saved after every write")
	fs.StringVar(&c.catalogPath, "catalog", "", "OpenAPI spec `FILE` to load the connector/destination catalog from (default: built-in catalog)")
	fs.StringVar(&c.catalogFields, "catalog-fields", "", "`DIR` holding Fivetran's field catalog (fields.json, destination-fields.json): keys it marks sensitive are masked even where the spec's schemas omit them (default with -catalog: the catalog folder beside the spec, if present)")
	fs.Int64Var(&c.seed, "seed", 0, "seed for ids and faults (0: time-based; the seed in use is printed)")
	fs.DurationVar(&c.latency, "latency", 0, "latency added to every request, e.g. 50ms")
	fs.Float64Var(&c.faultRate, "fault-rate", 0, "probability (0..1) that a request gets an injected fault")
	fs.StringVar(&c.faultKinds, "fault-kinds", "", "comma list of fault kinds: 429,500,502,503,504,500-html,502-html,503-html,drop-after-commit,502-after-commit,504-after-commit,latency (default 429,500,502,503); the *-after-commit kinds let the write happen, then answer with the error")
	fs.IntVar(&c.rateLimit, "rate-limit", 0, "the account's request budget: at most `N` requests of any route per -rate-limit-window, then 429 with Retry-After; X-Rate-Limit and X-Rate-Limit-Remaining describe it (0: no budget, the headers show 20000 an hour)")
	fs.DurationVar(&c.rateLimitWindow, "rate-limit-window", time.Hour, "window of -rate-limit")
	fs.IntVar(&c.createsPerMinute, "creates-per-minute", 0, "at most `N` creates (groups, destinations and connections together) per -create-window, then 429 with Retry-After and nothing created (0: no limit)")
	fs.DurationVar(&c.createWindow, "create-window", time.Minute, "window of -creates-per-minute (shorter windows scale the limit for tests)")
	fs.BoolVar(&c.notFoundConnectionCode, "not-found-connection-code", false, "answer NotFound_Connection instead of NotFound_Connector")
	fs.BoolVar(&c.strictConfig, "strict-config", false, "reject config keys unknown to the catalog")
	fs.BoolVar(&c.numericPorts, "numeric-ports", false, "return destination config port/tunnel_port as sent (numbers) instead of as strings like the live API")
	fs.BoolVar(&c.strictGroupNames, "strict-group-names", false, "reject duplicate (409) and non-identifier (400) group names")
	fs.BoolVar(&c.strictGroupDelete, "strict-group-delete", false, "refuse (409) to delete a group that still has a destination instead of cascading")
	fs.BoolVar(&c.omitNulls, "omit-nulls", false, "omit unset optional fields from answers instead of sending null like the live API")
	fs.BoolVar(&c.requireDestination, "require-destination", false, "refuse (400) a connection in a group without a destination (the live API accepts it)")
	fs.BoolVar(&c.noServerDefaults, "no-server-defaults", false, "store connection config as sent, without the defaults the live API fills in (e.g. google_ads timeframe_months)")
	fs.BoolVar(&c.uppercaseSetupStatus, "uppercase-setup-status", false, "return destination setup_status in upper case (as the spec enum lists it)")
	fs.BoolVar(&c.requireSchemaEnabled, "require-schema-enabled", false, "refuse schema config entries without \"enabled\" (as the spec marks it required; the live API keeps the current value)")
	fs.BoolVar(&c.listsWithoutConfig, "lists-without-config", false, "leave config out of connection list items (by default a list item is the connection as a GET shows it, secrets masked)")
	fs.StringVar(&c.syntheticSource, "synthetic-source", "", "give every connection a synthetic source of `S,T,C` schemas, tables per schema and columns per table (e.g. 1,200,20)")
	fs.DurationVar(&c.schemaDiscoveryDelay, "schema-discovery-delay", 0, "how long after its creation a connection's source is discovered (negative: only on POST .../schemas/reload)")
	fs.BoolVar(&c.quiet, "quiet", false, "do not log one line per request to stderr")
	fs.StringVar(&c.profile, "profile", "kind", "`kind` or live: live turns on the live API's habits (see above); other flags override it")
	fs.DurationVar(&c.listLag, "list-lag", 0, "lists show each object as it was this long ago: a new one only this long after its create, an updated one as it was before the update, a deleted one this long after its delete (GET by id is current)")
	fs.DurationVar(&c.setupTestDelay, "setup-test-delay", 0, "requests that run setup tests answer this long after their write")
	fs.DurationVar(&c.deleteDelay, "delete-delay", 0, "a deleted connection blocks deleting its destination and group (409) this long")
	fs.IntVar(&c.maxPageSize, "max-page-size", 0, "at most `N` items per list page, whatever limit asks (0: the limit decides)")
	fs.StringVar(&c.setupTestStatuses, "setup-test-statuses", "", "comma list of results passing setup tests take in turn: PASSED,WARNING,SKIPPED (default PASSED)")
	fs.DurationVar(&c.syncDuration, "sync-duration", time.Second, "how long a sync triggered by /sync or /resync runs before it ends (0: by the next read)")
	fs.BoolVar(&c.platformConnection, "platform-connection", false, "a new destination's group also gets a connection Fivetran makes itself (fivetran_log), which blocks deleting the destination")
	fs.DurationVar(&c.proxyAgentConnectAfter, "proxy-agent-connect-after", 0, "a proxy agent reports CONNECTED this long after its create or its last secret regeneration, as if its software had started (0: never; nothing runs an agent)")
	fs.BoolVar(&c.anyProxyAgentID, "any-proxy-agent-id", false, "accept any proxy_agent_id in connection and destination writes instead of refusing (400) one that names no proxy agent")
	fs.DurationVar(&c.privateLinkReadyAfter, "private-link-ready-after", 0, "a private link is CREATING, UPDATING or DESTROYING this long after its create, change or delete, then OK or gone (0: the write's answer shows the transition, later reads the outcome)")
	fs.IntVar(&c.privateLinkCreatesPerHour, "private-link-creates-per-hour", 5, "at most `N` private link creates per -private-link-create-window, then 429 with Retry-After and nothing created (negative: no limit); creates that make no link do not count")
	fs.DurationVar(&c.privateLinkCreateWindow, "private-link-create-window", time.Hour, "window of -private-link-creates-per-hour (shorter windows scale the limit for tests)")
	fs.DurationVar(&c.hybridAgentOnlineAfter, "hybrid-agent-online-after", 0, "a hybrid deployment agent is online this long after its create or its last re-auth, as if its software had started (0: never; nothing runs an agent)")
	fs.BoolVar(&c.anyHybridAgentID, "any-hybrid-agent-id", false, "accept any hybrid_deployment_agent_id in connection and destination writes instead of refusing (400) one that names no agent")
	fs.DurationVar(&c.userAcceptsInviteAfter, "user-accepts-invite-after", 0, "an invited user accepts the invitation (verified, logged in) this long after the invite (0: never; nobody reads the invitation)")
	fs.BoolVar(&c.notFoundUserCode, "not-found-user-code", false, "answer an unknown user with NotFound_User instead of the plain NotFound the live API gave")
	fs.BoolVar(&c.noGroupCreatorMembership, "no-group-creator-membership", false, "a group created through the API does not make its creator (the owner) a member of it, as the live API does")
	fs.BoolVar(&c.strictExternalLoggingConfig, "strict-external-logging-config", false, "refuse (400) log service config keys outside the service's schema in the spec (the live API keeps them) and a config without the keys the service needs to deliver logs")
	fs.BoolVar(&c.plainNotFoundExternalLogging, "plain-not-found-external-logging", false, "answer an unknown log service with the plain NotFound instead of NotFound_LogService")
	fs.BoolVar(&c.strictCertificates, "strict-certificates", false, "refuse (400) a certificate approval whose encoded_cert is not a base64 or PEM X.509 certificate (by default any string is approved, with what can be read of it)")
	fs.BoolVar(&c.anyPrivateLinkID, "any-private-link-id", false, "accept any private_link_id in connection and destination writes instead of refusing (400) one that names no private link")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	c.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.set[f.Name] = true })
	if c.profile != "kind" && c.profile != "live" {
		return nil, fmt.Errorf("-profile must be kind or live, not %q", c.profile)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if c.faultRate < 0 || c.faultRate > 1 {
		return nil, fmt.Errorf("-fault-rate must be between 0 and 1")
	}
	if c.apiKey == "" || c.apiSecret == "" {
		if c.apiKey == "" {
			c.apiKey = "demo_key"
		}
		if c.apiSecret == "" {
			c.apiSecret = "demo_secret"
		}
		fmt.Fprintf(stderr, "note: using API key %q and secret %q (set -api-key/-api-secret or FIVETRAN_APIKEY/FIVETRAN_APISECRET)\n", c.apiKey, c.apiSecret)
	}
	return c, nil
}

var validKinds = map[string]bool{
	"429": true, "500": true, "502": true, "503": true, "500-html": true, "502-html": true, "503-html": true,
	"504": true, "drop-after-commit": true, "502-after-commit": true, "504-after-commit": true, "latency": true,
}

func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "fivetran-emulator:", err)
		return 2
	}
	var kinds []string
	for _, k := range strings.Split(c.faultKinds, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if !validKinds[k] {
			fmt.Fprintf(stderr, "fivetran-emulator: unknown fault kind %q\n", k)
			return 2
		}
		kinds = append(kinds, k)
	}
	opts, err := c.options()
	if err != nil {
		fmt.Fprintln(stderr, "fivetran-emulator:", err)
		return 2
	}
	if c.catalogPath != "" {
		cat, err := catalog.LoadOpenAPI(c.catalogPath)
		if err != nil {
			fmt.Fprintln(stderr, "fivetran-emulator: loading catalog:", err)
			return 1
		}
		opts.Catalog = cat
		dir := c.catalogFields
		if dir == "" {
			dir = filepath.Join(filepath.Dir(c.catalogPath), "catalog")
		}
		n, err := cat.AddSensitiveFields(dir)
		if err != nil {
			fmt.Fprintln(stderr, "fivetran-emulator: loading the field catalog:", err)
			return 1
		}
		if n > 0 && !c.quiet {
			fmt.Fprintf(stderr, "fivetran-emulator: %d secret fields from the field catalog in %s\n", n, dir)
		}
	} else if c.catalogFields != "" {
		fmt.Fprintln(stderr, "fivetran-emulator: -catalog-fields needs -catalog (the built-in catalog already lists its secrets)")
		return 2
	}
	if !c.quiet {
		opts.Logf = func(format string, a ...any) {
			fmt.Fprintf(stderr, time.Now().Format("15:04:05.000")+" "+format+"\n", a...)
		}
	}
	emu, err := emulator.New(opts)
	if err != nil {
		fmt.Fprintln(stderr, "fivetran-emulator:", err)
		return 1
	}
	if c.latency > 0 || c.faultRate > 0 {
		emu.SetFaults(emulator.Faults{Rate: c.faultRate, Kinds: kinds, Latency: c.latency})
	}
	emu.SetSyncDuration(c.syncDuration)
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", c.listen)
	if err != nil {
		fmt.Fprintln(stderr, "fivetran-emulator:", err)
		return 1
	}
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "fivetran-emulator listening on http://%s/v1 (seed %d)\n", ln.Addr().String(), emu.Seed())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(stderr, "fivetran-emulator:", err)
			return 1
		}
	case <-ctx.Done():
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}
	if err := emu.Save(); err != nil {
		fmt.Fprintln(stderr, "fivetran-emulator: saving state:", err)
		return 1
	}
	if !c.quiet {
		fmt.Fprintln(stderr, "fivetran-emulator: stopped")
	}
	return 0
}

// options turns the flags into the emulator's Options (catalog, logging,
// faults and rate limits are set by runContext).
func (c *config) options() (emulator.Options, error) {
	opts := emulator.Options{
		APIKey: c.apiKey, APISecret: c.apiSecret, Seed: c.seed, StatePath: c.statePath,
		NotFoundConnectionCode: c.notFoundConnectionCode, StrictConfig: c.strictConfig, NumericPorts: c.numericPorts,
		StrictGroupNames: c.strictGroupNames, StrictGroupDelete: c.strictGroupDelete,
		OmitNulls: c.omitNulls, RequireDestination: c.requireDestination, NoServerDefaults: c.noServerDefaults,
		UppercaseSetupStatus: c.uppercaseSetupStatus, SchemaDiscoveryDelay: c.schemaDiscoveryDelay,
		RequireSchemaEnabled: c.requireSchemaEnabled, ListsWithoutConfig: c.listsWithoutConfig,
		RequestsPerHour: c.rateLimit, RequestWindow: c.rateLimitWindow,
		CreatesPerMinute: c.createsPerMinute, CreateWindow: c.createWindow,
		ProxyAgentConnectAfter: c.proxyAgentConnectAfter, AnyProxyAgentID: c.anyProxyAgentID,
		PrivateLinkCreatesPerHour: c.privateLinkCreatesPerHour, PrivateLinkCreateWindow: c.privateLinkCreateWindow,
		AnyPrivateLinkID:       c.anyPrivateLinkID,
		HybridAgentOnlineAfter: c.hybridAgentOnlineAfter, AnyHybridAgentID: c.anyHybridAgentID,
		UserAcceptsInviteAfter: c.userAcceptsInviteAfter, NotFoundUserCode: c.notFoundUserCode,
		NoGroupCreatorMembership:    c.noGroupCreatorMembership,
		StrictExternalLoggingConfig: c.strictExternalLoggingConfig, PlainNotFoundExternalLogging: c.plainNotFoundExternalLogging,
		StrictCertificates: c.strictCertificates,
	}
	if c.rateLimit < 0 || c.rateLimitWindow <= 0 || c.createsPerMinute < 0 || c.createWindow <= 0 {
		return opts, errors.New("-rate-limit and -creates-per-minute cannot be negative, and their windows must be positive")
	}
	if c.proxyAgentConnectAfter < 0 {
		return opts, errors.New("-proxy-agent-connect-after cannot be negative")
	}
	if c.hybridAgentOnlineAfter < 0 {
		return opts, errors.New("-hybrid-agent-online-after cannot be negative")
	}
	if c.userAcceptsInviteAfter < 0 {
		return opts, errors.New("-user-accepts-invite-after cannot be negative")
	}
	if c.privateLinkCreatesPerHour == 0 || c.privateLinkCreateWindow <= 0 {
		return opts, errors.New("-private-link-creates-per-hour cannot be 0 (negative: no limit), and its window must be positive")
	}
	if c.syntheticSource != "" {
		var sch, tab, col int
		if n, err := fmt.Sscanf(c.syntheticSource, "%d,%d,%d", &sch, &tab, &col); err != nil || n != 3 || sch < 1 || tab < 1 || col < 1 {
			return opts, errors.New("-synthetic-source wants three positive numbers S,T,C")
		}
		opts.SyntheticSource = [3]int{sch, tab, col}
	}
	if err := c.applyProfile(&opts); err != nil {
		return opts, err
	}
	return opts, nil
}

// applyProfile sets the behaviour-over-time switches in o: the profile's
// values, with every flag given on the command line over them.
func (c *config) applyProfile(o *emulator.Options) error {
	if c.listLag < 0 || c.setupTestDelay < 0 || c.deleteDelay < 0 || c.maxPageSize < 0 || c.privateLinkReadyAfter < 0 {
		return errors.New("-list-lag, -setup-test-delay, -delete-delay, -max-page-size and -private-link-ready-after cannot be negative")
	}
	var p emulator.Options
	if c.profile == "live" {
		p = emulator.LiveProfile()
	}
	pick := func(name string) bool { return c.set[name] || c.profile != "live" }
	o.ListLag, o.SetupTestDelay, o.DeleteDelay, o.MaxPageSize = p.ListLag, p.SetupTestDelay, p.DeleteDelay, p.MaxPageSize
	o.PrivateLinkReadyAfter = p.PrivateLinkReadyAfter
	o.SetupTestStatuses, o.PlatformConnection = p.SetupTestStatuses, c.platformConnection
	if pick("list-lag") {
		o.ListLag = c.listLag
	}
	if pick("setup-test-delay") {
		o.SetupTestDelay = c.setupTestDelay
	}
	if pick("delete-delay") {
		o.DeleteDelay = c.deleteDelay
	}
	if pick("max-page-size") {
		o.MaxPageSize = c.maxPageSize
	}
	if pick("private-link-ready-after") {
		o.PrivateLinkReadyAfter = c.privateLinkReadyAfter
	}
	if pick("setup-test-statuses") {
		o.SetupTestStatuses = nil
		for _, st := range strings.Split(c.setupTestStatuses, ",") {
			if st = strings.ToUpper(strings.TrimSpace(st)); st != "" {
				o.SetupTestStatuses = append(o.SetupTestStatuses, st)
			}
		}
	}
	return nil
}

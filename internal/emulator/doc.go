// Package emulator is an in-memory emulator of the parts of the Fivetran REST
// API that the Terraform provider uses: groups, destinations, connections
// with their schema config, syncs and Connect Cards, connector metadata,
// proxy agents, private links, hybrid deployment agents and webhooks, under their current route names only. Routes no client of the project
// calls are not served: a new resource brings its routes with it. The
// exceptions are the access API (users, teams, roles and their
// memberships), external logging, the certificates and fingerprints
// approved for connections and destinations, and a group's SSH public key
// and service account, modelled ahead of the resources that will use
// them. It answers
// as API.md (at the repository root) describes the API, and shapes its
// responses after Fivetran's published OpenAPI spec.
//
// It is used in-process by acceptance tests (New / Start) and as a binary
// (cmd/fivetran-emulator). It shares no code with the API client.
//
// # Behaviour in short
//
//   - Routes live under /v1 (Start returns a URL ending in /v1). HTTP Basic
//     auth with the configured key and secret; 401 with a JSON envelope
//     otherwise.
//   - Every response is a JSON envelope {code, message[, data]} with
//     Content-Type application/json (except the deliberately non-JSON
//     "*-html" faults), and carries X-Rate-Limit / X-Rate-Limit-Remaining
//     (the request budget and what is left of it).
//   - POST and PATCH need Content-Type application/json (415 otherwise); Accept
//     may be absent, application/json (with or without ;version=2), */* or
//     application/*; anything else gives 406.
//   - Ids are random lowercase "adjective_noun" strings, never reused (not
//     even after Reset). The destination id is its group id.
//   - Lists are paged with limit (1..1000, default 100) and an opaque cursor
//     (unpadded base64url of {"skip":N}); next_cursor is present only when more
//     items remain. A list item is the object as a GET shows it, masked config
//     included, except destinations, whose items carry no config (API.md,
//     "Lists"); Options.ListsWithoutConfig leaves config out of connection
//     list items too.
//   - Secret config fields (from the catalog) are returned as "******", also
//     inside nested objects and array items; auth is never returned. The
//     built-in catalog lists every key Fivetran's field catalog marks
//     sensitive for its types; a catalog read from the spec gets them from
//     catalog.Catalog.AddSensitiveFields (package catalog).
//
// Where the spec and the recorded live answers disagree (API.md, "Where the
// spec and the live API disagree"), the emulator answers as the live API,
// and an option brings back the other form:
//
//   - Optional fields that are unset are sent as explicit nulls (the spec
//     marks none of them nullable); Options.OmitNulls leaves them out.
//   - Destination config port and tunnel_port come back as strings ("443");
//     Options.NumericPorts returns them as sent.
//   - A connection in a group without a destination is accepted;
//     Options.RequireDestination refuses it (400).
//   - A create fills server defaults into config (catalog.Field.Default, e.g.
//     itunes_connect timeframe_months "TWELVE"); Options.NoServerDefaults
//     stores config as sent.
//   - Destination setup_status is lower case; Options.UppercaseSetupStatus
//     uses the spec's upper case.
//   - A schema config entry (schema, table, column) without "enabled"
//     keeps its current value; Options.RequireSchemaEnabled refuses it
//     (400), as the spec marks the field required.
//
// Options.ListLag (the live profile) makes lists show each object as it was
// ListLag ago: a new one only after the lag, one a PATCH changed as its
// previous version, a deleted one still (lag.go; API.md, "Lists that lag").
// Reads by id are always current.
//
// The top-level fields of each object are checked by one rules table
// (fields.go), shared by creates and updates.
//
// # Syncs
//
// POST /connections/{id}/sync and /resync start a sync that runs
// for SetSyncDuration (one second by default) on the emulator's clock
// (Options.Now) and is settled by the first read or write after it ends:
// succeeded_at, or failed_at with a task when the connection is told to
// fail (FailSyncs, or the config value "emulator:fail-sync"). See syncs.go.
//
// # Forcing setup tests to fail
//
// Two hooks make setup tests report FAILED (and the object "broken"):
//
//   - Out of band: FailSetupTests(id, title, message) makes the next setup
//     test run for that connection id, or for the destination of that group
//     id, fail with the given title and message.
//   - Black box: any string value equal to "emulator:fail-setup-tests"
//     anywhere in a connection's or destination's config makes every setup
//     test run of that object fail with title "Validating credentials" and
//     message "Authentication failed: the emulator was told to fail this
//     test".
//
// A log service's setup tests (POST /v1/external-logging/{logId}/test) fail
// the same way with the magic value, or while FailExternalLoggingTests(id,
// title, message) holds for it, until ClearExternalLoggingTests(id).
//
// # Proxy agents
//
// POST /v1/proxy answers the new agent's secrets (auth_token, client_cert,
// client_private_key), which only that answer and POST
// /v1/proxy/{id}/regenerate-secrets carry; the emulator keeps a digest of the
// token only, and logs none of them. An agent is NOT_CONNECTED until its
// software connects: Options.ProxyAgentConnectAfter after its create or
// last regeneration (never when 0), or at once through ConnectProxyAgent
// with its current token. A connection's or destination's proxy_agent_id
// must name an existing agent (400; Options.AnyProxyAgentID accepts any),
// and an agent they name cannot be deleted (409). See proxy_agents.go.
//
// # Private links
//
// POST /v1/private-links creates a link of one of the spec's services, in a
// region of the service's cloud, with the config keys the spec gives that
// service (a table in private_links.go; names unique, 409). Provisioning
// takes Options.PrivateLinkReadyAfter: a link is CREATING, after a PATCH of
// its config UPDATING, after a DELETE DESTROYING, then OK (or gone); with 0
// only the write's own answer shows the transition. PATCH and DELETE are
// refused with 409 IllegalState during a transition, and DELETE with 409
// Conflict while a connection or destination names the link.
// FailPrivateLink and ReadyPrivateLink change a link's state out of band. A
// private_link_id must name an existing link (400; Options.AnyPrivateLinkID
// accepts any), and setup tests through a link that is not OK fail. Creates
// are limited to Options.PrivateLinkCreatesPerHour (5 an hour by default),
// apart from the other create limit.
//
// # Hybrid deployment agents
//
// POST /v1/hybrid-deployment-agents creates an agent in a group (group_id,
// display_name, env_type and accept_terms true required; names unique,
// 409; an unknown group 404 NotFound_Group). Its answer, and that of PATCH
// .../re-auth, carries the agent's files (config.json, auth.json and a
// compose file for its env_type) and token, in base64; no GET or list
// shows them again, and the emulator keeps only a digest of the token. An
// agent is offline until its software runs with its current credentials:
// Options.HybridAgentOnlineAfter after its create or last re-auth, or
// StartHybridAgent at once; a re-auth or POST .../reset-credentials takes
// it offline. A GET and the list show usage: the connections that name the
// agent or inherit it from their destination. DELETE is refused (409) while
// a connection or destination names the agent, and a group that holds one
// cannot be deleted. Unknown agents answer 404
// NotFound_RemoteExecutionAgent. A hybrid_deployment_agent_id must name an
// existing agent (400; Options.AnyHybridAgentID accepts any), and setup
// tests run on an offline agent fail.
//
// # Webhooks
//
// POST /v1/webhooks/account and POST /v1/webhooks/group/{groupId} create a
// webhook (url, an absolute http or https URL, and events, a non-empty list
// kept as sent, required; active false unless sent; an unknown group 404
// NotFound_Group) and answer 200 with it; GET, the list, PATCH (type and
// group_id cannot be sent) and DELETE follow. No answer shows the secret:
// "******" when one is set, null when none. The emulator keeps it, in the
// state file too, to sign deliveries; the request log holds no body, and
// Options.Observe sees webhook request bodies with the secret masked. POST
// /v1/webhooks/{id}/test really posts a test event to the webhook's URL
// (Options.WebhookClient, by default one that waits 3 seconds; redirects
// are not followed), with X-Fivetran-Signature-256, the hex HMAC-SHA256 of
// the body keyed with the secret, and answers what the receiver said;
// WebhookDeliveries lists what was sent. Deleting a group deletes its
// webhooks. Unknown webhooks answer 404 with the plain code NotFound.
//
// # Users, teams and roles
//
// The account starts with its owner (Options.UserID, the user whose API key
// makes the requests: an Account Administrator who cannot be deleted, nor
// lose or change its account role). POST /v1/users invites a user (201;
// email, given_name and family_name required; emails unique without regard
// to case, 409) who stays invited until Options.UserAcceptsInviteAfter has
// passed or AcceptInvitation accepts for it. POST /v1/teams creates a team
// (201; names unique, 409). Roles come from GET /v1/roles: Fivetran's
// standard ones (roles.go), and custom ones AddCustomRole adds; every role
// given must have the scope of what it is given on (400). Memberships
// (memberships.go) give a user or a team a role in a group (DESTINATION) or
// a connection (CONNECTOR), and a user a role in a team (TEAM), through
// /v1/users/{userId}/groups and /connections, /v1/teams/{teamId}/users,
// /groups and /connections, and, for a group's users, /v1/groups/{id}/users:
// one store, so every view agrees. A group the API creates has its creator
// as a member (Options.NoGroupCreatorMembership: not). Deleting a user, a
// team, a group or a connection deletes its memberships. Unknown users
// answer 404 NotFound (Options.NotFoundUserCode: NotFound_User), unknown
// teams NotFound_Team, missing memberships NotFound. The lists of users and
// teams lag writes like every list.
//
// # External logging
//
// POST /v1/external-logging creates a group's log service (group_id and
// service, one of the spec's seven, required; an unknown group 404
// NotFound_Group) whose id is the group's, so one per group (409), and
// answers 201 with {id, service, enabled, config}; /v1/external-logging/account
// (GET, POST, PATCH, DELETE) is the account's own, one per account. Config
// takes the keys of the service's schema in the spec, of its types and
// enums; other keys are kept as sent, as the live API keeps them, and no
// key is required (Options.StrictExternalLoggingConfig refuses the first
// and asks for what the service needs). Secret keys answer "******" and are
// masked in what Options.Observe sees; a PATCH merges config key by key and
// a mask sent back keeps the secret. GET /v1/external-logging lists {id,
// service, enabled} and lags like every list. POST .../{logId}/test answers
// {setup_tests}. Deleting a group deletes its log service. Unknown log
// services answer 404 NotFound_LogService
// (Options.PlainNotFoundExternalLogging: NotFound).
//
// # A group's public key and service account
//
// GET /v1/groups/{groupId}/public-key answers {public_key}, the SSH key
// Fivetran presents to a customer's tunnel server for the group: an
// authorized_keys line "ssh-rsa AAAA…== fivetran user key\n" of a 4096-bit
// RSA key the group gets at its create, derived from the seed and its id
// and kept in the state file. GET /v1/groups/{groupId}/service-account
// answers {service_account},
// "g-<id, _ as ->@fivetran-production.iam.gserviceaccount.com". An unknown
// group answers 404 NotFound_Group. GroupPublicKey and GroupServiceAccount
// read them out of band. See group_keys.go.
//
// # Certificates and fingerprints
//
// POST /v1/connections/{id}/certificates {hash, encoded_cert} approves a TLS
// certificate for the connection and answers 201 with {id, name, hash,
// type, sha1, sha256, public_key, validated_date, validated_by}, read from
// the certificate when encoded_cert is one (Options.StrictCertificates
// refuses one that is not); POST .../fingerprints {hash, public_key}
// approves an SSH host key ({id, hash, public_key, validated_date,
// validated_by}). GET lists (lagging like every list), GET and DELETE
// .../{hash} (the hash or the id) read and revoke; the same routes exist
// under /v1/destinations/{id}, and POST /v1/certificates names the object
// in its body. validated_by is the owner's full name; encoded_cert is kept
// and never answered (EncodedCertificate reads it). PresentCertificate and
// PresentFingerprint make a server (an object's id or a host its config
// names) present a certificate or key: setup tests then fail with it in
// details unless it is approved or the run says trust_certificates or
// trust_fingerprints, which approves it. Deleting a connection or
// destination deletes its approvals. See certificates.go.
//
// # Faults and rate limits
//
// SetFaults injects seeded random faults (429, 5xx with JSON or HTML bodies,
// latency, and drop-after-commit, which performs a POST and then closes the
// connection without answering). InjectNext injects a fault into the next n
// matching requests deterministically. The same Seed and the same sequence
// of requests give the same faults and the same ids.
//
// Rate limits (ratelimits.go; API.md, "Rate limits") are sliding windows:
// the account's request budget (Options.RequestsPerHour over RequestWindow,
// SetRequestBudget), which X-Rate-Limit and X-Rate-Limit-Remaining describe
// on every answer (20,000 an hour, not enforced, without one); the create
// limit (Options.CreatesPerMinute over CreateWindow, SetCreateLimit), which
// counts creates of groups, destinations and connections together; and
// per-route limits for tests (SetRateLimit); and the private link create
// limit (Options.PrivateLinkCreatesPerHour over PrivateLinkCreateWindow),
// which a create that makes no link does not use up. A request over any of them is
// answered 429 TooManyRequests with an integer Retry-After (the seconds
// until a slot frees, at least 1), does nothing and counts against none.
// The request log names the limit that refused a request
// (RequestRecord.Limit), and StatusCounts(429) counts the refusals by route.
//
// # Inspection
//
// Requests, Counts and StatusCounts expose a request log keyed by route
// pattern (for example "GET /v1/connections/{id}"), with each request's
// start, duration, status and the fault or limit that answered it. Groups, Destinations, Connections,
// ProxyAgents, PrivateLinks, HybridAgents, Get, Patch, Delete, CreateGroup, CreateDestination,
// CreateConnection, CreateProxyAgent, ConnectProxyAgent, CreatePrivateLink, FailPrivateLink,
// ReadyPrivateLink, CreateHybridAgent, StartHybridAgent, Webhooks, CreateWebhook, WebhookDeliveries,
// Users, CreateUser, AcceptInvitation, Teams, CreateTeam, Roles, AddCustomRole,
// LogServices, CreateLogService, LogServiceConfig, Certificates, Fingerprints,
// EncodedCertificate, ApproveCertificate, ApproveFingerprint,
// RevokeCertificate, RevokeFingerprint, GroupPublicKey and
// GroupServiceAccount read and change state out of band
// (for drift and import tests).
package emulator

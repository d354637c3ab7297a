package emulator

import (
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Private links (API.md, "Private links"): a private network path between
// Fivetran and a source or destination in the customer's cloud, provisioned
// by Fivetran in one cloud region. Connections and destinations name one in
// private_link_id with networking_method "PrivateLink".
//
//   - POST /v1/private-links {name, region, service, config} answers 201 with
//     the link in state CREATING. The service decides the cloud (its suffix,
//     _AWS, _AZURE or _GCP) and the config keys (privateLinkServices, the
//     spec's <service>_private_link_config_V1 schemas); the region must be in
//     that cloud (an assumption: a link lives in one cloud). Names are letters,
//     digits and underscores, at most 23 of them, and unique in the account
//     (409). Unknown top-level fields are ignored, as other creates ignore
//     them.
//   - Creates are limited per account (Options.PrivateLinkCreatesPerHour,
//     ratelimits.go): beyond the limit a create is answered 429 with
//     Retry-After before it reaches the handler. A create that creates
//     nothing (400, 409, or a fault that stops it before the handler) gives
//     its slot back before it is answered, so only links that exist count.
//   - Provisioning is slow work computed at read time, like a proxy agent's
//     status: a link is CREATING (after a PATCH, UPDATING) for
//     Options.PrivateLinkReadyAfter, then OK with its host. With 0 the
//     write's own answer shows CREATING or UPDATING and every later read OK.
//     FailPrivateLink puts a link in FAIL, where it stays until a PATCH;
//     ReadyPrivateLink ends CREATING or UPDATING at once.
//   - PATCH changes config only (the whole config of the service); DELETE
//     makes the link DESTROYING for PrivateLinkReadyAfter, then it is gone
//     (at once with 0). Both are refused with 409 IllegalState while the link
//     is CREATING, UPDATING or DESTROYING, and DELETE with 409 Conflict while
//     a connection or destination names the link (one whose delete has not
//     taken effect yet included, DeleteDelay).
//   - A private_link_id that a connection or destination create or PATCH
//     sets must name a link (400; checkPrivateLinkRef) unless
//     Options.AnyPrivateLinkID; a DESTROYING link still exists until it is
//     gone. Their setup tests fail while the link they go through is not OK.
//   - An unknown link answers 404 with the plain code NotFound (the spec
//     gives no code; proxy agents' spec gives that one).

const (
	privateLinkCreating   = "CREATING"
	privateLinkUpdating   = "UPDATING"
	privateLinkDestroying = "DESTROYING"
	privateLinkOK         = "OK"
	privateLinkFail       = "FAIL"

	// privateLinkNameMax is the longest name a private link may have.
	privateLinkNameMax = 23

	// privateLinkCreateRoute is the route the private link create limit counts.
	privateLinkCreateRoute = "POST /v1/private-links"
)

// privateLinkSummaries are the state_summary of each state but FAIL, whose
// summary says what failed (FailPrivateLink).
var privateLinkSummaries = map[string]string{
	privateLinkCreating:   "The private link is being provisioned.",
	privateLinkUpdating:   "The private link is being reprovisioned with its new configuration.",
	privateLinkDestroying: "The private link is being removed.",
	privateLinkOK:         "The private link is ready to use.",
	privateLinkFail:       "The private link could not be provisioned.",
}

// privateLinkConfig is what a service's config holds: the keys the spec's
// <service>_private_link_config_V1 schema requires and the ones it allows
// besides. Every value is a string.
type privateLinkConfig struct {
	required, optional []string
}

// privateLinkServiceOrder is the spec's enum of PrivateLinkCreateRequest.service.
var privateLinkServiceOrder = []string{
	"DATABRICKS_AWS", "SNOWFLAKE_AWS", "REDSHIFT_AWS", "SOURCE_AWS",
	"DATABRICKS_AZURE", "SNOWFLAKE_AZURE", "ONELAKE_AZURE", "POSTGRES_WAREHOUSE_AZURE", "SQL_DATA_WAREHOUSE_AZURE", "SOURCE_AZURE",
	"SNOWFLAKE_GCP", "SOURCE_GCP", "DATABRICKS_GCP",
}

// privateLinkServices are the config schemas of the services, as the spec
// gives them (the emulator does not read the spec at run time; the tests
// check this table against it).
var privateLinkServices = map[string]privateLinkConfig{
	"DATABRICKS_AWS":           {required: []string{"connection_service_name"}},
	"SNOWFLAKE_AWS":            {required: []string{"account_url", "vpce_id"}},
	"REDSHIFT_AWS":             {required: []string{"aws_account_id", "cluster_identifier"}},
	"SOURCE_AWS":               {required: []string{"connection_service_name"}},
	"DATABRICKS_AZURE":         {required: []string{"connection_service_id", "workspace_url"}},
	"SNOWFLAKE_AZURE":          {required: []string{"account_url", "pls_id"}},
	"ONELAKE_AZURE":            {required: []string{"connection_service_id"}},
	"POSTGRES_WAREHOUSE_AZURE": {required: []string{"connection_service_id"}},
	"SQL_DATA_WAREHOUSE_AZURE": {required: []string{"connection_service_id"}},
	"SOURCE_AZURE":             {required: []string{"connection_service_id", "sub_resource_name"}, optional: []string{"private_dns_records"}},
	"SNOWFLAKE_GCP":            {required: []string{"account_url", "pls_id"}},
	"SOURCE_GCP":               {required: []string{"private_connection_service_id"}},
	"DATABRICKS_GCP":           {required: []string{"connection_service_id", "workspace_url"}},
}

// privateLinkRegionEnum is the spec's enum of PrivateLinkCreateRequest.region,
// which is a destination's (regionEnum). The spec's PrivateLinkResponse lists
// four fewer (GCP_US_CENTRAL1, AZURE_EASTUS, AZURE_JAPANEAST,
// AZURE_CENTRALINDIA); a link created in one of them answers with it all the
// same (API.md, "Private links").
var privateLinkRegionEnum = regionEnum

var privateLinkNameRe = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// privateLinkRules are the fields of a private link create; the handler
// checks what a rule cannot say (name form, enums, the config's keys).
var privateLinkRules = []fieldRule{
	{name: "name", kind: kindString, required: true},
	{name: "region", kind: kindString, required: true},
	{name: "service", kind: kindString, required: true},
	{name: "config", kind: kindObject, required: true},
}

// cloudOf returns the cloud (AWS, AZURE, GCP) of a service (by its suffix)
// or of a region (by its prefix); "" when it names none.
func cloudOf(service, region string) string {
	for _, c := range []string{"AWS", "AZURE", "GCP"} {
		if service != "" && strings.HasSuffix(service, "_"+c) || region != "" && strings.HasPrefix(region, c+"_") {
			return c
		}
	}
	return ""
}

func (e *Emulator) privateLinkNotFound() *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound", "Private link not found."))
}

// illegalPrivateLinkState is the answer to a PATCH or DELETE of a link whose
// provisioning is under way, as recorded live answers word it.
func illegalPrivateLinkState(state string) *APIError {
	return apiErr(http.StatusConflict, "IllegalState", "Private link in %s state is not allowed to perform any operation", state)
}

// checkPrivateLinkConfig checks a config against the service's schema and
// returns it as stored: string values, nulls dropped.
func checkPrivateLinkConfig(service string, cfg map[string]any) (map[string]any, *APIError) {
	schema := privateLinkServices[service]
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(cfg)) {
		v := cfg[k]
		if !slices.Contains(schema.required, k) && !slices.Contains(schema.optional, k) {
			return nil, invalid("Field 'config.%s' is not supported for service '%s'", k, service)
		}
		if v == nil {
			continue
		}
		s, isString := v.(string)
		if !isString {
			return nil, invalid("Field 'config.%s' must be a string", k)
		}
		out[k] = s
	}
	for _, k := range schema.required {
		if str(out[k]) == "" {
			return nil, invalid("Field 'config.%s' is required for service '%s'", k, service)
		}
	}
	return out, nil
}

// checkPrivateLinkRef refuses a private_link_id, among the fields a create
// or PATCH sets, that names no private link (null, which clears it, is
// fine; a DESTROYING link exists until it is gone). Call with e.mu held.
func (e *Emulator) checkPrivateLinkRef(fields map[string]any) *APIError {
	id, set := fields["private_link_id"].(string)
	if !set || e.opts.AnyPrivateLinkID {
		return nil
	}
	e.purgePrivateLinks()
	if e.st.PrivateLinks[id] != nil {
		return nil
	}
	return invalid("Private link with id '%s' does not exist.", id)
}

// privateLinkHost is the DNS name a link answers once it is OK: made from
// its id and cloud, so that it is the same on every read and after a
// restart, and under .invalid, so that nothing resolves it.
func privateLinkHost(o *object) string {
	id := strings.ReplaceAll(str(o.Data["id"]), "_", "-")
	return id + "." + strings.ToLower(str(o.Data["cloud_provider"])) + ".privatelink.emulator.invalid"
}

// privateLinkPhaseAt is when the link's last transition (create, PATCH,
// DELETE) began.
func privateLinkPhaseAt(o *object) time.Time {
	at, _ := time.Parse(time.RFC3339Nano, str(o.Internal["phase_at"]))
	return at
}

// privateLinkState is the link's state now: a CREATING or UPDATING link is
// OK once PrivateLinkReadyAfter has passed since its transition began.
func (e *Emulator) privateLinkState(o *object) string {
	st := str(o.Data["state"])
	if (st == privateLinkCreating || st == privateLinkUpdating) && !e.now().Before(privateLinkPhaseAt(o).Add(e.opts.PrivateLinkReadyAfter)) {
		return privateLinkOK
	}
	return st
}

// privateLinkView is the link's fields as they are now (a copy).
func (e *Emulator) privateLinkView(o *object) map[string]any {
	m := copyMap(o.Data)
	if st := e.privateLinkState(o); st != m["state"] {
		m["state"], m["state_summary"] = st, privateLinkSummaries[st]
	}
	if m["state"] == privateLinkOK && m["host"] == nil {
		m["host"] = privateLinkHost(o)
	}
	return m
}

// settlePrivateLink stores the link's state as it is now, before a write
// changes it. Call with e.mu held.
func (e *Emulator) settlePrivateLink(o *object) {
	o.Data = e.privateLinkView(o)
}

// renderPrivateLink renders a link as a GET and a list show it, or, with
// asStored, as a write's own answer does: in the state the write put it in,
// also when PrivateLinkReadyAfter is 0. Call with e.mu held.
func (e *Emulator) renderPrivateLink(o *object, asStored bool) map[string]any {
	if asStored {
		return e.nulls(copyMap(o.Data))
	}
	return e.nulls(e.privateLinkView(o))
}

// transition puts the link in state and starts its clock. Call with e.mu held.
func (e *Emulator) transition(o *object, state string) {
	o.Data["state"], o.Data["state_summary"] = state, privateLinkSummaries[state]
	internal(o)["phase_at"] = e.clock().Format(time.RFC3339Nano)
}

// purgePrivateLinks removes the links whose DESTROYING has ended; lists
// show them for ListLag more, like any deleted object. Call with e.mu held.
func (e *Emulator) purgePrivateLinks() {
	for _, o := range sorted(e.st.PrivateLinks) {
		if o.Data["state"] != privateLinkDestroying {
			continue
		}
		if gone := privateLinkPhaseAt(o).Add(e.opts.PrivateLinkReadyAfter); !e.now().Before(gone) {
			e.dropPrivateLink(str(o.Data["id"]), gone)
		}
	}
}

// dropPrivateLink removes a link that is gone since gone. Unlike remove,
// DeleteDelay plays no part: the DESTROYING state was the link's delay.
// Call with e.mu held.
func (e *Emulator) dropPrivateLink(id string, gone time.Time) {
	o := e.st.PrivateLinks[id]
	delete(e.st.PrivateLinks, id)
	key := "private_link/" + id
	_, neverListed := e.visibleAt[key]
	delete(e.visibleAt, key)
	if unlisted := gone.Add(e.opts.ListLag); o != nil && !neverListed && e.now().Before(unlisted) {
		e.ghosts = append(e.ghosts, ghost{kind: "private_link", o: o, goneAt: gone, unlistedAt: unlisted})
	}
}

// privateLinkUsers returns the connections and destinations whose
// private_link_id is id, connections whose delete has not taken effect yet
// (DeleteDelay) included. Call with e.mu held.
func (e *Emulator) privateLinkUsers(id string) (conns, dests []*object) {
	for _, o := range sorted(e.st.Connections) {
		if o.Data["private_link_id"] == id {
			conns = append(conns, o)
		}
	}
	now := e.now()
	for _, g := range e.ghosts {
		if g.kind == "connection" && now.Before(g.goneAt) && g.o.Data["private_link_id"] == id {
			conns = append(conns, g.o)
		}
	}
	for _, o := range sorted(e.st.Destinations) {
		if o.Data["private_link_id"] == id {
			dests = append(dests, o)
		}
	}
	return conns, dests
}

// doCreatePrivateLink validates and inserts a private link. Call with e.mu
// held.
func (e *Emulator) doCreatePrivateLink(b map[string]any) (*object, *APIError) {
	in, err := parseBody(privateLinkRules, b, nil, "")
	if err != nil {
		return nil, err
	}
	name, region, service := str(in["name"]), str(in["region"]), str(in["service"])
	switch {
	case name == "":
		return nil, invalid("Field 'name' cannot be empty")
	case len(name) > privateLinkNameMax:
		return nil, invalid("Field 'name' is too long: at most %d characters are allowed", privateLinkNameMax)
	case !privateLinkNameRe.MatchString(name):
		return nil, invalid("Field 'name' has an invalid value '%s': only letters, digits and underscores are allowed", name)
	case !inEnum(service, privateLinkServiceOrder):
		return nil, enumErr("service", service, privateLinkServiceOrder)
	case !inEnum(region, privateLinkRegionEnum):
		return nil, enumErr("region", region, privateLinkRegionEnum)
	case cloudOf("", region) != cloudOf(service, ""):
		return nil, invalid("Region '%s' is not available for service '%s'", region, service)
	}
	cfg, err := checkPrivateLinkConfig(service, asMap(in["config"]))
	if err != nil {
		return nil, err
	}
	e.purgePrivateLinks()
	for _, o := range e.st.PrivateLinks {
		if o.Data["name"] == name {
			return nil, apiErr(http.StatusConflict, "Conflict", "Private link with name '%s' already exists.", name)
		}
	}
	id := e.newID()
	o := &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "name": name, "region": region, "service": service, "config": cfg,
		"cloud_provider": cloudOf(service, ""), "account_id": accountID,
		"created_at": e.clock().Format(timeLayout), "created_by": e.opts.UserID, "host": nil,
	}}
	e.transition(o, privateLinkCreating)
	e.st.PrivateLinks[id] = o
	return o, nil
}

func (e *Emulator) listPrivateLinks(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.purgePrivateLinks()
	var items []any
	for _, o := range e.listed("private_link", e.st.PrivateLinks) {
		// The spec's list item is the whole link, config included.
		items = append(items, e.renderPrivateLink(o, false))
	}
	return ok(http.StatusOK, "Private links retrieved successfully", paginate(items, p))
}

func (e *Emulator) createPrivateLinkH(q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreatePrivateLink(b)
	if err != nil {
		return errResp(err)
	}
	e.lagList("private_link", str(o.Data["id"]))
	e.commit()
	return ok(http.StatusCreated, "Private link has been created", e.renderPrivateLink(o, true))
}

// privateLink returns the link with the id, settled, or nil when there is
// none (any more). Call with e.mu held.
func (e *Emulator) privateLink(id string) *object {
	e.purgePrivateLinks()
	o := e.st.PrivateLinks[id]
	if o != nil {
		e.settlePrivateLink(o)
	}
	return o
}

func (e *Emulator) getPrivateLink(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.privateLink(q.r.PathValue("id"))
	if o == nil {
		return e.privateLinkNotFound()
	}
	return ok(http.StatusOK, "Private link details retrieved successfully", e.renderPrivateLink(o, false))
}

func (e *Emulator) patchPrivateLink(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.privateLink(q.r.PathValue("id"))
	if o == nil {
		return e.privateLinkNotFound()
	}
	if st := str(o.Data["state"]); st != privateLinkOK && st != privateLinkFail {
		return errResp(illegalPrivateLinkState(st))
	}
	for _, k := range slices.Sorted(maps.Keys(q.body)) {
		if k != "config" {
			return errResp(invalid("Field '%s' cannot be changed: only config can be updated", k))
		}
	}
	raw, has := q.body["config"]
	if !has || raw == nil {
		return errResp(invalid("Field 'config' is required"))
	}
	in, isObject := raw.(map[string]any)
	if !isObject {
		return errResp(invalid("Field 'config' must be an object"))
	}
	cfg, err := checkPrivateLinkConfig(str(o.Data["service"]), in)
	if err != nil {
		return errResp(err)
	}
	e.keepVersion("private_link", o) // settled: OK or FAIL, which need no clock
	o.Data["config"] = cfg
	e.transition(o, privateLinkUpdating)
	e.commit()
	return ok(http.StatusOK, "Private link has been updated", e.renderPrivateLink(o, true))
}

func (e *Emulator) deletePrivateLink(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.privateLink(id)
	if o == nil {
		return e.privateLinkNotFound()
	}
	if st := str(o.Data["state"]); st != privateLinkOK && st != privateLinkFail {
		return errResp(illegalPrivateLinkState(st))
	}
	if conns, dests := e.privateLinkUsers(id); len(conns) > 0 || len(dests) > 0 {
		return errResp(apiErr(http.StatusConflict, "Conflict",
			"Private link '%s' is used by %d connection(s) and %d destination(s). Remove it from them first.", id, len(conns), len(dests)))
	}
	if e.opts.PrivateLinkReadyAfter <= 0 {
		e.dropPrivateLink(id, e.now())
	} else {
		e.keepVersion("private_link", o) // settled: OK or FAIL, which need no clock
		e.transition(o, privateLinkDestroying)
	}
	e.commit()
	return ok(http.StatusOK, "Private link with id '"+id+"' is marked for deletion", nil)
}

// ---------------------------------------------------------------------------
// Out of band

// PrivateLinks returns all private links as GET shows them.
func (e *Emulator) PrivateLinks() []map[string]any { return e.list("private_link") }

// CreatePrivateLink creates a private link out of band, with the same
// validation as POST /v1/private-links, and returns it as that answer's data
// does (CREATING). It is not subject to the private link create limit: it
// stands for a link made before the test looks.
func (e *Emulator) CreatePrivateLink(name, region, service string, config map[string]any) (map[string]any, error) {
	cfg, _ := normalize(copyMap(config)).(map[string]any)
	body := map[string]any{"name": name, "region": region, "service": service, "config": cfg}
	if config == nil {
		delete(body, "config")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreatePrivateLink(body)
	if err != nil {
		return nil, err
	}
	e.commit()
	return plain(e.renderPrivateLink(o, true)), nil
}

// FailPrivateLink puts a link in state FAIL with summary as its
// state_summary (a default when ""), as when the cloud refuses what its
// config names. It stays FAIL until a PATCH of its config. A link being
// deleted cannot fail.
func (e *Emulator) FailPrivateLink(id, summary string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.privateLink(id)
	if o == nil {
		return fmt.Errorf("emulator: private link %q not found", id)
	}
	if o.Data["state"] == privateLinkDestroying {
		return fmt.Errorf("emulator: private link %q is being deleted", id)
	}
	if summary == "" {
		summary = privateLinkSummaries[privateLinkFail]
	}
	o.Data["state"], o.Data["state_summary"] = privateLinkFail, summary
	e.commit()
	return nil
}

// ReadyPrivateLink ends a link's CREATING or UPDATING at once: it is OK,
// with its host. A link already OK is left so; one that is FAIL or
// DESTROYING is an error.
func (e *Emulator) ReadyPrivateLink(id string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.privateLink(id)
	if o == nil {
		return fmt.Errorf("emulator: private link %q not found", id)
	}
	switch st := str(o.Data["state"]); st {
	case privateLinkOK:
		return nil
	case privateLinkCreating, privateLinkUpdating:
		o.Data["state"], o.Data["state_summary"], o.Data["host"] = privateLinkOK, privateLinkSummaries[privateLinkOK], privateLinkHost(o)
		e.commit()
		return nil
	default:
		return fmt.Errorf("emulator: private link %q is %s, not being provisioned", id, st)
	}
}

// privateLinkKinds are the kind names the out-of-band helpers accept for
// private links.
var privateLinkKinds = []string{"private_link", "private_links"}

func isPrivateLinkKind(kind string) bool { return slices.Contains(privateLinkKinds, kind) }

// privateLinkTestTitle is the setup test that reaches the source or
// destination through its private link.
const privateLinkTestTitle = "Connecting through the private link"

// privateLinkTest is the failed setup test of an object (its fields) that
// reaches its source or destination through a private link that is not OK:
// there is no network path until Fivetran has provisioned it (an
// assumption, API.md, "Private links"). nil when the object uses no link,
// or an OK one, or one the emulator does not know (AnyPrivateLinkID). Call
// with e.mu held.
func (e *Emulator) privateLinkTest(data map[string]any) map[string]any {
	if data["networking_method"] != "PrivateLink" {
		return nil
	}
	id := str(data["private_link_id"])
	o := e.privateLink(id)
	if o == nil {
		return nil
	}
	st := str(o.Data["state"])
	if st == privateLinkOK {
		return nil
	}
	return map[string]any{"title": privateLinkTestTitle, "status": "FAILED",
		"message": fmt.Sprintf("Private link '%s' is %s, not OK: nothing can go through it yet. Test again once it is OK.", id, st)}
}

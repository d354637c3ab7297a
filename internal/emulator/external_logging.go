package emulator

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"net/http"
	"slices"
	"strings"
)

// External logging (API.md, "External logging"): a log service to which
// Fivetran sends the logs of a group's connections (a group's log service)
// or of the whole account (the account's), such as Azure Monitor,
// CloudWatch, Datadog, Grafana Loki, New Relic, Splunk or Google Cloud
// Logging (service stackdriver).
//
//   - POST /v1/external-logging {group_id, service, enabled, config}
//     answers 201 (the spec's status, and the one go-fivetran's live test
//     expected) with the log service as a GET shows it: {id, service,
//     enabled, config}. The id is the group's id, as recorded live answers
//     show, so a group has at most one: a second create for it is refused
//     (409 Conflict, an assumption). group_id and service are required
//     (400); service is one of the spec's seven (400 otherwise); an unknown
//     group answers 404 NotFound_Group. enabled is true when not sent (an
//     assumption: what the official provider sends when unset).
//   - config holds the keys of the service's schema in the spec
//     (logServices, which a test checks against the spec), each a value of
//     the spec's type and, where the spec gives one, of its enum (400
//     otherwise). The spec requires no key, and the live API took an Azure
//     Monitor config with two of its eight keys, so none is required. Keys
//     outside the service's schema are kept as sent: the live API accepted
//     the official provider's port and enable_ssl (Splunk's keys) in an
//     Azure Monitor config. Options.StrictExternalLoggingConfig refuses
//     such keys (400) and a config without the keys the service needs to
//     deliver logs (400 naming one; logServiceNeeds, an assumption).
//   - Secret keys (the spec's format password; logSecret) are "******" in
//     every answer where a value is set, keys outside the schema that some
//     service holds secret included, and the exchanges Options.Observe sees
//     have every such value of a request masked too (redactLogSecrets).
//     The emulator keeps the values, in the state file too; LogServiceConfig
//     reads them for tests.
//   - PATCH {enabled, config} merges config key by key, as a connection's
//     is: a null removes the key, a secret sent back as "******" keeps the
//     value it masks, any other value replaces it. group_id and service
//     cannot change (400, but repeating them is fine). DELETE answers 200
//     without data, with the id in the message (recorded).
//   - GET /v1/external-logging lists the account's log services, the
//     account's own among them, as the spec's list item has them: {id,
//     service, enabled}, without config. Paginated, and lagging writes
//     like every list.
//   - POST /v1/external-logging/{logId}/test answers 200 {setup_tests: [...]}
//     (the spec's shape). The tests pass, with Options.SetupTestStatuses,
//     unless FailExternalLoggingTests was called for the log service (until
//     ClearExternalLoggingTests) or a config value is
//     "emulator:fail-setup-tests". A failure changes nothing stored: the
//     spec shows no status field. run_setup_tests in a create or PATCH,
//     which the spec's bodies do not have, is ignored like any field they
//     do not name.
//   - /v1/external-logging/account (GET, POST, PATCH, DELETE) is the
//     account's own log service, with the same rules; the account has at
//     most one (409), whose id is the account's (an assumption). The routes
//     of /v1/external-logging/{logId} address group log services only, as
//     the spec describes them.
//   - An unknown log service answers 404 NotFound_LogService, the code the
//     official provider's resource looks for; its live end-to-end test
//     recorded only a 404 whose code begins with NotFound.
//     Options.PlainNotFoundExternalLogging answers the plain NotFound.
//   - Deleting a group deletes its log service (an assumption: it belongs
//     to the group, as its id says, and nothing recorded refuses the
//     delete).

const (
	logServiceKind = "log_service"

	logScopeGroup   = "group"
	logScopeAccount = "account"
)

// logKey is one config key of a service's schema in the spec.
type logKey struct {
	typ    string   // "string", "integer" or "boolean"
	secret bool     // format password
	enum   []string // the allowed strings, when the spec lists them
}

// logServiceOrder is the spec's list of services, in the order its
// description names them.
var logServiceOrder = []string{"azure_monitor_log", "cloudwatch", "datadog_log", "grafana_loki", "splunkLog", "new_relic_log", "stackdriver"}

var (
	logString = logKey{typ: "string"}
	logSecret = logKey{typ: "string", secret: true}
)

// logServices are the config schemas of the services, as the spec's
// <service>_config_V1 schemas give them (the emulator does not read the
// spec at run time; the tests check this table against it). The spec types
// datadog_log's region and new_relic_log's sub_domain "object" with an enum
// of strings; the strings are what the keys hold.
var logServices = map[string]map[string]logKey{
	"azure_monitor_log": {
		"workspace_id": logString, "primary_key": logSecret,
		"tenant_id": logString, "client_id": logString, "client_secret": logSecret,
		"data_collection_endpoint": logString, "dcr_immutable_id": logString, "dcr_stream_name": logString,
	},
	"cloudwatch": {
		"region": logString, "log_group_name": logString, "role_arn": logString, "external_id": logString,
		"access_key_id": logString, "access_key_secret": logSecret,
	},
	"datadog_log": {
		"api_key": logSecret, "hostname": logString,
		"region": {typ: "string", enum: []string{"EU", "US1", "AP1", "AP2", "US3", "US5", "US1_FED"}},
	},
	"grafana_loki": {
		"loki_url": logString, "username": logString, "access_token": logSecret, "tenant_id": logSecret,
	},
	"splunkLog": {
		"host": logString, "port": {typ: "integer"}, "channel": logString, "enable_ssl": {typ: "boolean"}, "token": logSecret,
	},
	"new_relic_log": {
		"api_key": logSecret, "sub_domain": {typ: "string", enum: []string{"EU", "FedRAMP", "US"}},
	},
	"stackdriver": {
		"project_id": logString, "service_account_key": logString,
	},
}

// logNeeds is what a service needs to deliver logs, which
// Options.StrictExternalLoggingConfig asks for: every key of all, and
// every key of one of anyOf.
type logNeeds struct {
	all   []string
	anyOf [][]string
}

// logServiceNeeds: the spec requires no key, so this is the emulator's
// reading of what each service cannot do without (an assumption). Azure
// Monitor's two ways of signing in are the spec's: the HTTP Data Collector
// API (workspace and key) or the Logs Ingestion API (an app registration
// and a data collection rule).
var logServiceNeeds = map[string]logNeeds{
	"azure_monitor_log": {anyOf: [][]string{
		{"workspace_id", "primary_key"},
		{"tenant_id", "client_id", "client_secret", "data_collection_endpoint", "dcr_immutable_id", "dcr_stream_name"},
	}},
	"cloudwatch":    {all: []string{"region", "log_group_name"}, anyOf: [][]string{{"role_arn"}, {"access_key_id", "access_key_secret"}}},
	"datadog_log":   {all: []string{"api_key"}},
	"grafana_loki":  {all: []string{"loki_url"}},
	"splunkLog":     {all: []string{"host", "token"}},
	"new_relic_log": {all: []string{"api_key"}},
	"stackdriver":   {all: []string{"project_id"}},
}

// logSecretKeys are the keys some service holds secret.
var logSecretKeys = func() map[string]bool {
	out := map[string]bool{}
	for _, keys := range logServices {
		for k, def := range keys {
			if def.secret {
				out[k] = true
			}
		}
	}
	return out
}()

// logTestTitles are the setup tests of a log service.
var logTestTitles = []string{"Validate Configuration", "Send Test Log Event"}

// isLogSecret reports whether key is secret in service's config: as the
// service's schema says, or, for a key outside it, when some service holds
// a key of that name secret (tenant_id is Grafana Loki's secret and Azure
// Monitor's plain directory id).
func isLogSecret(service, key string) bool {
	if def, known := logServices[service][key]; known {
		return def.secret
	}
	return logSecretKeys[key]
}

func (e *Emulator) logServiceNotFound(id string) *response {
	code := "NotFound_LogService"
	if e.opts.PlainNotFoundExternalLogging {
		code = "NotFound"
	}
	if id == "" {
		return errResp(apiErr(http.StatusNotFound, code, "The account has no external logging service."))
	}
	return errResp(apiErr(http.StatusNotFound, code, "External logging service with id '%s' does not exist.", id))
}

// logScope is "group" or "account".
func logScope(o *object) string { return str(o.Internal["scope"]) }

// renderLogService renders a log service as every answer shows it, its
// secrets masked.
func (e *Emulator) renderLogService(o *object) map[string]any {
	m := copyMap(o.Data)
	service := str(m["service"])
	if cfg, isMap := m["config"].(map[string]any); isMap {
		for k, v := range cfg {
			if isLogSecret(service, k) && !isEmpty(v) {
				cfg[k] = maskValue
			}
		}
	}
	return e.nulls(m)
}

// logListItem is a log service as the list shows it: the spec's LogResponse,
// without config.
func (e *Emulator) logListItem(o *object) map[string]any {
	return map[string]any{"id": o.Data["id"], "service": o.Data["service"], "enabled": o.Data["enabled"]}
}

// checkLogValue checks one non-null config value against its key's schema.
func checkLogValue(key string, def logKey, v any) *APIError {
	switch def.typ {
	case "integer":
		if !isJSONInteger(v) {
			return invalid("Field 'config.%s' must be an integer", key)
		}
	case "boolean":
		if _, isBool := v.(bool); !isBool {
			return invalid("Field 'config.%s' must be a boolean", key)
		}
	default:
		s, isString := v.(string)
		if !isString {
			return invalid("Field 'config.%s' must be a string", key)
		}
		if len(def.enum) > 0 && !inEnum(s, def.enum) {
			return enumErr("config."+key, s, def.enum)
		}
	}
	return nil
}

// isJSONInteger reports whether v is a JSON number without a fraction.
func isJSONInteger(v any) bool {
	switch n := v.(type) {
	case json.Number:
		_, err := n.Int64()
		return err == nil
	case float64:
		return n == math.Trunc(n) && !math.IsInf(n, 0)
	case int, int64:
		return true
	}
	return false
}

// checkLogConfig checks the keys cfg sends for service: the schema's keys
// against their types, the others refused only under
// StrictExternalLoggingConfig. Nulls are not checked (they remove a key).
func (e *Emulator) checkLogConfig(service string, cfg map[string]any) *APIError {
	schema := logServices[service]
	for _, k := range slices.Sorted(maps.Keys(cfg)) {
		v := cfg[k]
		def, known := schema[k]
		switch {
		case !known && e.opts.StrictExternalLoggingConfig:
			return invalid("Field 'config.%s' is not supported for service '%s'", k, service)
		case !known || v == nil:
			continue
		}
		if err := checkLogValue(k, def, v); err != nil {
			return err
		}
	}
	return nil
}

// checkLogNeeds refuses, under StrictExternalLoggingConfig, a config
// without what its service needs (logServiceNeeds), naming the first key
// missing: of all, else of the alternative closest to complete.
func (e *Emulator) checkLogNeeds(service string, cfg map[string]any) *APIError {
	if !e.opts.StrictExternalLoggingConfig {
		return nil
	}
	has := func(k string) bool { return !isEmpty(cfg[k]) }
	need := logServiceNeeds[service]
	for _, k := range need.all {
		if !has(k) {
			return invalid("Field 'config.%s' is required for service '%s'", k, service)
		}
	}
	if len(need.anyOf) == 0 {
		return nil
	}
	var missing string
	best := -1
	for _, set := range need.anyOf {
		n, first := 0, ""
		for _, k := range set {
			if has(k) {
				n++
			} else if first == "" {
				first = k
			}
		}
		if first == "" {
			return nil // this alternative is complete
		}
		if n > best {
			best, missing = n, first
		}
	}
	return invalid("Field 'config.%s' is required for service '%s'", missing, service)
}

// logFields are the checked top-level fields of a create (create true) or
// a PATCH body of a log service whose service is current ("" for a
// create). A null is as if the field were absent.
type logFields struct {
	groupID, service string
	enabled          *bool
	config           map[string]any // nil: not sent
}

func parseLogBody(b map[string]any, create, account bool, current *object) (logFields, *APIError) {
	var f logFields
	if !account {
		switch v := b["group_id"]; {
		case v == nil && create:
			return f, invalid("Field 'group_id' is required")
		case v != nil:
			s, isString := v.(string)
			if !isString {
				return f, invalid("Field 'group_id' must be a string")
			}
			if create && s == "" {
				return f, invalid("Field 'group_id' cannot be empty")
			}
			if !create && s != str(current.Internal["group_id"]) {
				return f, invalid("Field 'group_id' cannot be changed")
			}
			f.groupID = s
		}
	}
	switch v := b["service"]; {
	case v == nil && create:
		return f, invalid("Field 'service' is required")
	case v != nil:
		s, isString := v.(string)
		if !isString {
			return f, invalid("Field 'service' must be a string")
		}
		if create && logServices[s] == nil {
			return f, enumErr("service", s, logServiceOrder)
		}
		if !create && s != str(current.Data["service"]) {
			return f, invalid("Field 'service' cannot be changed")
		}
		f.service = s
	}
	if v := b["enabled"]; v != nil {
		en, isBool := toBool(v)
		if !isBool {
			return f, invalid("Field 'enabled' must be a boolean")
		}
		f.enabled = &en
	}
	if v := b["config"]; v != nil {
		cfg, isMap := v.(map[string]any)
		if !isMap {
			return f, invalid("Field 'config' must be an object")
		}
		f.config = deepCopyMap(cfg)
	}
	return f, nil
}

// groupLogService returns the log service of the group groupID (which is
// its id), or nil. Call with e.mu held.
func (e *Emulator) groupLogService(id string) *object {
	o := e.st.LogServices[id]
	if o == nil || logScope(o) != logScopeGroup {
		return nil
	}
	return o
}

// accountLogService returns the account's log service, or nil. Call with
// e.mu held.
func (e *Emulator) accountLogService() *object {
	o := e.st.LogServices[accountID]
	if o == nil || logScope(o) != logScopeAccount {
		return nil
	}
	return o
}

// doCreateLogService validates and inserts a log service of the group
// groupID, or of the account when account is true. Call with e.mu held.
func (e *Emulator) doCreateLogService(b map[string]any, account bool) (*object, *APIError) {
	f, err := parseLogBody(b, true, account, nil)
	if err != nil {
		return nil, err
	}
	id, scope := f.groupID, logScopeGroup
	if account {
		id, scope = accountID, logScopeAccount
		if e.accountLogService() != nil {
			return nil, apiErr(http.StatusConflict, "Conflict", "The account already has an external logging service.")
		}
	} else {
		if e.st.Groups[id] == nil {
			return nil, apiErr(http.StatusNotFound, "NotFound_Group", "Group with id '%s' does not exist.", id)
		}
		if e.groupLogService(id) != nil {
			return nil, apiErr(http.StatusConflict, "Conflict", "Group with id '%s' already has an external logging service.", id)
		}
	}
	cfg := f.config
	if cfg == nil {
		cfg = map[string]any{}
	}
	if err := e.checkLogConfig(f.service, cfg); err != nil {
		return nil, err
	}
	for k, v := range cfg { // a null is as if the key were not sent
		if v == nil {
			delete(cfg, k)
		}
	}
	if err := e.checkLogNeeds(f.service, cfg); err != nil {
		return nil, err
	}
	enabled := true
	if f.enabled != nil {
		enabled = *f.enabled
	}
	o := &object{Seq: e.nextSeq(),
		Data:     map[string]any{"id": id, "service": f.service, "enabled": enabled, "config": cfg},
		Internal: map[string]any{"scope": scope},
	}
	if !account {
		o.Internal["group_id"] = id
	}
	e.st.LogServices[id] = o
	e.lagList(logServiceKind, id)
	return o, nil
}

// doPatchLogService applies a PATCH body to o. Call with e.mu held.
func (e *Emulator) doPatchLogService(o *object, b map[string]any) *APIError {
	f, err := parseLogBody(b, false, logScope(o) == logScopeAccount, o)
	if err != nil {
		return err
	}
	service := str(o.Data["service"])
	cfg := copyMap(asMap(o.Data["config"]))
	if cfg == nil {
		cfg = map[string]any{}
	}
	if f.config != nil {
		// Only the keys sent are checked: a PATCH must not fail because of
		// a value stored earlier.
		if err := e.checkLogConfig(service, f.config); err != nil {
			return err
		}
		for k, v := range f.config {
			if v == maskValue && isLogSecret(service, k) && !isEmpty(cfg[k]) {
				continue // the mask of the value kept: the client sent back what it read
			}
			if v == nil {
				delete(cfg, k)
				continue
			}
			cfg[k] = v
		}
		if err := e.checkLogNeeds(service, cfg); err != nil {
			return err
		}
	}
	if f.config == nil && f.enabled == nil {
		return nil
	}
	e.keepVersion(logServiceKind, o)
	if f.enabled != nil {
		o.Data["enabled"] = *f.enabled
	}
	o.Data["config"] = cfg
	e.commit()
	return nil
}

// logSetupTests runs the setup tests of a log service. Call with e.mu held.
func (e *Emulator) logSetupTests(o *object) []any {
	id := str(o.Data["id"])
	if spec, found := e.st.FailLogTests[id]; found {
		return []any{map[string]any{"title": spec.Title, "status": "FAILED", "message": spec.Message}}
	}
	if containsMagic(o.Data["config"]) {
		return []any{map[string]any{"title": logTestTitles[0], "status": "FAILED", "message": "Authentication failed: the emulator was told to fail this test"}}
	}
	out := make([]any, 0, len(logTestTitles))
	for i, t := range logTestTitles {
		status, msg := e.setupTestStatus(i), ""
		switch status {
		case "WARNING":
			msg = "The test passed with a warning: the log service answered slowly (emulated)"
		case "SKIPPED":
			msg = "The test does not apply to this configuration (emulated)"
		}
		out = append(out, map[string]any{"title": t, "status": status, "message": msg})
	}
	return out
}

// deleteGroupLogService deletes the log service of a group being deleted.
// Call with e.mu held.
func (e *Emulator) deleteGroupLogService(groupID string) {
	if e.groupLogService(groupID) != nil {
		e.remove(logServiceKind, e.st.LogServices, groupID)
	}
}

// ---------------------------------------------------------------------------
// Handlers

func bodyOf(q *request) map[string]any {
	if q.body == nil {
		return map[string]any{}
	}
	return q.body
}

func (e *Emulator) listLogServices(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	items := []any{}
	for _, o := range e.listed(logServiceKind, e.st.LogServices) {
		items = append(items, e.logListItem(o))
	}
	return ok(http.StatusOK, "External logging services retrieved successfully", paginate(items, p))
}

func (e *Emulator) createLogService(q *request, account bool, msg string) *response {
	b := bodyOf(q)
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateLogService(b, account)
	if err != nil {
		return errResp(err)
	}
	e.commit()
	return ok(http.StatusCreated, msg, e.renderLogService(o))
}

func (e *Emulator) createLogServiceH(q *request) *response {
	return e.createLogService(q, false, "External logging service has been added")
}

func (e *Emulator) createAccountLogService(q *request) *response {
	return e.createLogService(q, true, "Account external logging service has been added")
}

// logServiceOf returns the log service a route names: the account's on the
// /account routes, else the group's of the path's logId.
func (e *Emulator) logServiceOf(q *request) (*object, string) {
	if q.r.PathValue("logId") == "" {
		return e.accountLogService(), ""
	}
	id := q.r.PathValue("logId")
	return e.groupLogService(id), id
}

func (e *Emulator) getLogService(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, id := e.logServiceOf(q)
	if o == nil {
		return e.logServiceNotFound(id)
	}
	msg := "External logging service details retrieved successfully"
	if logScope(o) == logScopeAccount {
		msg = "Account external logging service details retrieved successfully"
	}
	return ok(http.StatusOK, msg, e.renderLogService(o))
}

func (e *Emulator) patchLogService(q *request) *response {
	b := bodyOf(q)
	e.mu.Lock()
	defer e.mu.Unlock()
	o, id := e.logServiceOf(q)
	if o == nil {
		return e.logServiceNotFound(id)
	}
	if err := e.doPatchLogService(o, b); err != nil {
		return errResp(err)
	}
	msg := "External logging service has been updated"
	if logScope(o) == logScopeAccount {
		msg = "Account external logging service has been updated"
	}
	return ok(http.StatusOK, msg, e.renderLogService(o))
}

func (e *Emulator) deleteLogService(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, id := e.logServiceOf(q)
	if o == nil {
		return e.logServiceNotFound(id)
	}
	e.remove(logServiceKind, e.st.LogServices, str(o.Data["id"]))
	e.commit()
	if logScope(o) == logScopeAccount {
		return ok(http.StatusOK, "Account external logging service has been deleted", nil)
	}
	return ok(http.StatusOK, "External logging service with id '"+id+"' has been deleted", nil)
}

func (e *Emulator) testLogService(q *request) *response {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, id := e.logServiceOf(q)
	if o == nil {
		return e.logServiceNotFound(id)
	}
	return ok(http.StatusOK, "Setup tests have been completed", map[string]any{"setup_tests": e.logSetupTests(o)})
}

// redactLogSecrets returns the body of a request to an external logging
// route with every non-empty string config value under a key some service
// holds secret replaced by the mask, so that what Options.Observe sees
// holds no secret. (A PATCH does not name its service, so the keys of
// every service count: a plain value under such a name is masked too,
// which hides nothing anyone needs.) A body that is not a JSON object is
// withheld (nil); other bodies are returned as they are.
func redactLogSecrets(path string, body []byte) []byte {
	if !strings.HasPrefix(path, "/v1/external-logging") || len(bytes.TrimSpace(body)) == 0 {
		return body
	}
	m, err := decodeObject(body)
	if err != nil {
		return nil
	}
	cfg, isMap := m["config"].(map[string]any)
	if !isMap {
		return body
	}
	changed := false
	for k, v := range cfg {
		if s, isString := v.(string); isString && s != "" && s != maskValue && logSecretKeys[k] {
			cfg[k], changed = maskValue, true
		}
	}
	if !changed {
		return body
	}
	out, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	return out
}

// ---------------------------------------------------------------------------
// Out of band

// LogServices returns every log service, the account's included, as a GET
// shows it (secrets masked), in the order they were created.
func (e *Emulator) LogServices() []map[string]any { return e.list(logServiceKind) }

// CreateLogService creates a log service out of band, of the group groupID
// or, when groupID is "", of the account, with the same validation as the
// create routes (body: service, enabled, config; group_id is groupID), and
// returns it as the create's answer shows it.
func (e *Emulator) CreateLogService(groupID string, body map[string]any) (map[string]any, error) {
	b, _ := normalize(copyMap(body)).(map[string]any)
	if b == nil {
		b = map[string]any{}
	}
	if groupID != "" {
		b["group_id"] = groupID
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, err := e.doCreateLogService(b, groupID == "")
	if err != nil {
		return nil, err
	}
	e.commit()
	return plain(e.renderLogService(o)), nil
}

// LogServiceConfig returns the config of the log service with the id (the
// account's id for the account's), secrets in clear, as the emulator keeps
// it: what a client sent, for tests to check.
func (e *Emulator) LogServiceConfig(id string) (map[string]any, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.LogServices[id]
	if o == nil {
		return nil, false
	}
	return plain(asMap(o.Data["config"])), true
}

// FailExternalLoggingTests makes every setup-test run of the log service
// with this id (a group's id, or the account's) report one FAILED test
// with the given title and message, until ClearExternalLoggingTests (or
// Reset). The log service need not exist yet.
func (e *Emulator) FailExternalLoggingTests(id, title, message string) {
	if title == "" {
		title = logTestTitles[1]
	}
	if message == "" {
		message = "The log service refused the test event"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st.FailLogTests[id] = failSpec{Title: title, Message: message}
	e.commit()
}

// ClearExternalLoggingTests lets the setup tests of the log service with
// this id pass again.
func (e *Emulator) ClearExternalLoggingTests(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, found := e.st.FailLogTests[id]; found {
		delete(e.st.FailLogTests, id)
		e.commit()
	}
}

// logServiceKinds are the kind names the out-of-band helpers accept for
// log services.
var logServiceKinds = []string{logServiceKind, "log_services", "external_logging"}

func isLogServiceKind(kind string) bool { return slices.Contains(logServiceKinds, kind) }

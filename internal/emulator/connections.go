package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

var connectionTestTitles = []string{"Connecting to API", "Validating credentials"}

func (e *Emulator) connectionNotFound(id string) *response {
	if e.opts.NotFoundConnectionCode {
		return errResp(apiErr(http.StatusNotFound, "NotFound_Connection", "Connection with id '%s' does not exist.", id))
	}
	return errResp(apiErr(http.StatusNotFound, "NotFound_Connector", "Connector with id '%s' does not exist.", id))
}

func (e *Emulator) connectorType(service string) *catalog.ConnectorType {
	t, _ := e.catalog.Connector(service)
	return t
}

func (e *Emulator) renderConnection(o *object, withConfig, masked bool) map[string]any {
	e.settleSync(o) // a sync whose time is up has ended (syncs.go)
	m := copyMap(o.Data)
	cfg, _ := m["config"].(map[string]any)
	delete(m, "config")
	delete(m, "auth")
	if withConfig {
		if cfg == nil {
			cfg = map[string]any{}
		}
		if masked {
			var fields []catalog.Field
			if ct := e.connectorType(str(m["service"])); ct != nil {
				fields = ct.Config
			}
			cfg = maskConfig(cfg, fields)
		}
		m["config"] = cfg
	}
	if st, isMap := m["status"].(map[string]any); isMap {
		m["status"] = e.nulls(st)
	}
	return e.nulls(m)
}

// connectionListItem renders a connection as the connection lists show it:
// as a GET does, or without config under ListsWithoutConfig.
func (e *Emulator) connectionListItem(o *object) map[string]any {
	return e.renderConnection(o, !e.opts.ListsWithoutConfig, true)
}

func schemaKeySet(format catalog.SchemaFormat) map[string]bool {
	out := map[string]bool{}
	for _, k := range format.SchemaKeys() {
		out[k] = true
	}
	return out
}

// doCreateConnection validates and inserts a connection. Call with e.mu held.
func (e *Emulator) doCreateConnection(b map[string]any) (*object, []any, *APIError) {
	in, err := parseBody(connectionRules, b, nil, "")
	if err != nil {
		return nil, nil, err
	}
	groupID, service := str(in["group_id"]), str(in["service"])
	if groupID == "" {
		return nil, nil, invalid("Field 'group_id' is required")
	}
	if service == "" {
		return nil, nil, invalid("Field 'service' is required")
	}
	if cc, found := in["connect_card_config"].(map[string]any); found && str(cc["redirect_uri"]) == "" {
		return nil, nil, invalid("Field 'connect_card_config.redirect_uri' is required")
	}
	ct := e.connectorType(service)
	if ct == nil {
		return nil, nil, invalid("Unsupported service '%s'", service)
	}
	if e.st.Groups[groupID] == nil {
		return nil, nil, apiErr(http.StatusNotFound, "NotFound_Group", "Group with id '%s' does not exist.", groupID)
	}
	dest := e.st.Destinations[groupID]
	if dest == nil && e.opts.RequireDestination {
		return nil, nil, invalid("Group with id '%s' has no destination. Create a destination for the group before adding connections", groupID)
	}
	if err := e.checkProxyAgentRef(in); err != nil {
		return nil, nil, err
	}
	if err := e.checkPrivateLinkRef(in); err != nil {
		return nil, nil, err
	}
	if err := e.checkHybridAgentRef(in); err != nil {
		return nil, nil, err
	}
	cfg := dropNullsCopy(asMap(in["config"]))
	keys := schemaKeySet(ct.SchemaFormat)
	for _, k := range ct.SchemaFormat.SchemaKeys() {
		s, isStr := cfg[k].(string)
		if _, present := cfg[k]; present && !isStr {
			return nil, nil, invalid("Field '%s' must be a string", k)
		}
		if s == "" {
			return nil, nil, invalid("Field '%s' is required", k)
		}
	}
	if err := e.validateConfig("", cfg, ct.Config, keys); err != nil {
		return nil, nil, err
	}
	e.fillServerDefaults(cfg, ct)
	auth, _ := in["auth"].(map[string]any)
	if auth != nil && len(ct.Auth) > 0 {
		if err := e.validateConfig("auth.", auth, ct.Auth, nil); err != nil {
			return nil, nil, err
		}
	}
	name := ct.SchemaFormat.Name(cfg)
	for _, c := range e.groupConnections(groupID) {
		if c.Data["schema"] == name {
			return nil, nil, apiErr(http.StatusConflict, "Conflict",
				"A connection with schema '%s' already exists in group '%s' (connection '%s')", name, groupID, str(c.Data["id"]))
		}
	}

	id := e.newID()
	data := defaults(connectionRules, in)
	internal := map[string]any{}
	for _, r := range connectionRules {
		v, set := in[r.name]
		switch {
		case !set || r.flag:
		case r.name == "auth" || r.name == "is_historical_sync" || r.name == "schema_status":
			// auth is never returned; a new connection always starts with a historical sync
		case r.name == "daily_sync_time":
			internal[r.name] = v // echoed only with daily syncs (refreshDailySyncTime)
		default:
			data[r.name] = v
		}
	}
	if _, set := in["hybrid_deployment_agent_id"]; !set && dest != nil {
		data["hybrid_deployment_agent_id"] = dest.Data["hybrid_deployment_agent_id"] // inherited (API.md, "Connections")
	}
	// A new connection is paused only when the create asks for it. Recorded
	// answers that come back paused (a postgres connection among them) answer
	// clients that send paused: true on every create; a create that leaves
	// paused out comes back unpaused, whatever its type.
	syncState := "scheduled"
	if data["paused"] == true {
		syncState = "paused"
	}
	status := map[string]any{
		"setup_state": "incomplete", "sync_state": syncState, "update_state": "on_schedule",
		"is_historical_sync": true, "rescheduled_for": nil, "tasks": []any{}, "warnings": []any{},
	}
	if v, found := in["schema_status"]; found {
		status["schema_status"] = v
	}
	for k, v := range map[string]any{
		"id": id, "service_version": ct.ServiceVersion, "schema": name, "connected_by": e.opts.UserID,
		"created_at": nowStamp(), "succeeded_at": nil, "failed_at": nil, "daily_sync_time": nil,
		"status": status, "config": cfg,
	} {
		data[k] = v
	}
	o := &object{Seq: e.nextSeq(), Data: data, Auth: auth, Internal: internal}
	e.refreshDailySyncTime(o)
	if cc, found := data["connect_card_config"].(map[string]any); found {
		data["connect_card"] = e.connectCardFor(id, cc)
	}
	var tests []any
	if in["run_setup_tests"] != false {
		var passed bool
		tests, passed = e.runSetupTests(ownerConnection, id, data, cfg, in, connectionTestTitles)
		status["setup_state"] = statusFor(passed)
	}
	e.st.Connections[id] = o
	return o, tests, nil
}

// refreshDailySyncTime echoes daily_sync_time only with sync_frequency 1440.
func (e *Emulator) refreshDailySyncTime(o *object) {
	freq, _ := toInt(o.Data["sync_frequency"])
	if v, found := o.Internal["daily_sync_time"]; found && freq == 1440 {
		o.Data["daily_sync_time"] = v
	} else {
		o.Data["daily_sync_time"] = nil
	}
}

func (e *Emulator) connectCardFor(id string, cc map[string]any) map[string]any {
	enc := base64.RawURLEncoding
	payload, _ := json.Marshal(map[string]any{"connection_id": id, "exp": time.Now().Add(time.Hour).Unix(), "nonce": e.idRng.Uint64()})
	sig := make([]byte, 32)
	for i := range sig {
		sig[i] = byte(e.idRng.IntN(256)) //nolint:gosec // G115: IntN(256) is in [0, 255], so the conversion cannot overflow
	}
	token := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload) + "." + enc.EncodeToString(sig)
	v := url.Values{}
	v.Set("auth", token)
	if s, _ := cc["redirect_uri"].(string); s != "" {
		v.Set("redirect_uri", s)
	}
	if h, isBool := cc["hide_setup_guide"].(bool); isBool {
		v.Set("hide_setup_guide", strconv.FormatBool(h))
	}
	return map[string]any{"token": token, "uri": "https://fivetran.com/connect-card/setup?" + v.Encode()}
}

func (e *Emulator) listConnections(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	qs := q.r.URL.Query()
	groupID, schema := qs.Get("group_id"), qs.Get("schema")
	e.mu.Lock()
	defer e.mu.Unlock()
	var items []any
	for _, o := range e.listed("connection", e.st.Connections) {
		if groupID != "" && o.Data["group_id"] != groupID {
			continue
		}
		if schema != "" && o.Data["schema"] != schema {
			continue
		}
		items = append(items, e.connectionListItem(o))
	}
	return ok(http.StatusOK, "Connections list retrieved successfully", paginate(items, p))
}

func (e *Emulator) createConnectionH(q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, tests, err := e.doCreateConnection(b)
	if err != nil {
		return errResp(err)
	}
	e.lagList("connection", str(o.Data["id"]))
	e.commit()
	out := e.renderConnection(o, true, true)
	if tests != nil {
		out["setup_tests"] = tests
	}
	return ok(http.StatusCreated, "Connection has been created", out)
}

func (e *Emulator) getConnection(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[id]
	if o == nil {
		return e.connectionNotFound(id)
	}
	return ok(http.StatusOK, "Connection details retrieved successfully", e.renderConnection(o, true, true))
}

func (e *Emulator) patchConnection(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[id]
	if o == nil {
		return e.connectionNotFound(id)
	}
	if !persistent(connectionRules, b) {
		return invalidResp("The request must contain at least one parameter to update besides run_setup_tests, trust_certificates and trust_fingerprints; use POST /v1/connections/%s/test to run the setup tests", id)
	}
	settings, err := parseBody(connectionRules, b, o.Data, "Field '%s' cannot be changed after the connection is created")
	if err != nil {
		return errResp(err)
	}
	if err := e.checkProxyAgentRef(settings); err != nil {
		return errResp(err)
	}
	if err := e.checkPrivateLinkRef(settings); err != nil {
		return errResp(err)
	}
	if err := e.checkHybridAgentRef(settings); err != nil {
		return errResp(err)
	}
	ct := e.connectorType(str(o.Data["service"]))
	var fields, authFields []catalog.Field
	format := catalog.FormatSchema
	if ct != nil {
		fields, authFields, format = ct.Config, ct.Auth, ct.SchemaFormat
	}
	cfg := copyMap(asMap(o.Data["config"]))
	if cfg == nil {
		cfg = map[string]any{}
	}
	if cfgPatch, found := settings["config"].(map[string]any); found {
		immutable := map[string]bool{}
		for _, f := range fields {
			if f.Immutable {
				immutable[f.Name] = true
			}
		}
		for k, v := range cfgPatch {
			if !immutable[k] && !catalog.IsSchemaKey(k) {
				continue
			}
			old, had := cfg[k]
			if (v == nil && had) || (v != nil && !reflect.DeepEqual(normalizeNumber(v), normalizeNumber(old))) {
				if v == nil && !had {
					continue
				}
				return invalidResp("Field '%s' cannot be changed after the connection is created", k)
			}
		}
		// Only the keys sent are checked: a PATCH must not fail because of a
		// value stored earlier (for example one changed in the Fivetran UI).
		if err := e.validateConfig("", cfgPatch, fields, schemaKeySet(format)); err != nil {
			return errResp(err)
		}
		mergeShallow(cfg, cfgPatch)
	}
	auth := copyMap(o.Auth)
	if a, found := settings["auth"].(map[string]any); found {
		if auth == nil {
			auth = map[string]any{}
		}
		mergeShallow(auth, a)
		if len(authFields) > 0 {
			if err := e.validateConfig("auth.", auth, authFields, nil); err != nil {
				return errResp(err)
			}
		}
	}
	// Valid: apply.
	e.settleSync(o)
	e.keepVersion("connection", o)
	status, _ := o.Data["status"].(map[string]any)
	if status == nil {
		status = map[string]any{}
		o.Data["status"] = status
	}
	if o.Internal == nil {
		o.Internal = map[string]any{}
	}
	for _, r := range connectionRules {
		k := r.name
		v, set := settings[k]
		if !set || r.flag || r.immutable {
			continue
		}
		switch k {
		case "auth", "config":
		case "is_historical_sync":
			if v == true {
				status["is_historical_sync"] = true
			}
		case "schema_status":
			status["schema_status"] = v
		case "daily_sync_time":
			if v == nil {
				delete(o.Internal, k)
			} else {
				o.Internal[k] = v
			}
		case "paused":
			o.Data[k] = v
			if v == true {
				status["sync_state"] = "paused"
				delete(o.Internal, "sync_ends_at") // pausing stops a running sync (syncs.go)
			} else if status["sync_state"] == "paused" {
				status["sync_state"] = "scheduled"
			}
		default:
			o.Data[k] = v
		}
	}
	e.refreshDailySyncTime(o)
	o.Data["config"] = cfg
	o.Auth = auth
	var tests []any
	if settings["run_setup_tests"] == true {
		var passed bool
		tests, passed = e.runSetupTests(ownerConnection, id, o.Data, cfg, settings, connectionTestTitles)
		status["setup_state"] = statusFor(passed)
	}
	e.commit()
	out := e.renderConnection(o, true, true)
	if tests != nil {
		out["setup_tests"] = tests
	}
	return ok(http.StatusOK, "Connection has been updated", out)
}

// normalizeNumber makes 5, json.Number("5") and "5" compare equal.
func normalizeNumber(v any) any {
	switch v.(type) {
	case json.Number, float64, int, int64:
		if i, isInt := toInt(v); isInt {
			return strconv.FormatInt(i, 10)
		}
		return fmt.Sprint(v)
	}
	return v
}

func (e *Emulator) deleteConnection(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st.Connections[id] == nil {
		return e.connectionNotFound(id)
	}
	e.remove("connection", e.st.Connections, id)
	e.dropMemberships("connection", id)  // its users' and teams' memberships (memberships.go)
	e.dropApprovals(ownerConnection, id) // its approved certificates and fingerprints (certificates.go)
	delete(e.st.FailTests, id)
	delete(e.st.SchemaConfigs, id)
	e.commit()
	return ok(http.StatusOK, "Connection with id '"+id+"' has been deleted", nil)
}

func (e *Emulator) testConnection(q *request) *response {
	id := q.r.PathValue("id")
	if q.body == nil {
		return invalidResp("Request body is required; send {} to run the setup tests without options")
	}
	flags, err := parseBody(testFlagRules, q.body, nil, "")
	if err != nil {
		return errResp(err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[id]
	if o == nil {
		return e.connectionNotFound(id)
	}
	tests, passed := e.runSetupTests(ownerConnection, id, o.Data, asMap(o.Data["config"]), flags, connectionTestTitles)
	status, _ := o.Data["status"].(map[string]any)
	if status != nil {
		status["setup_state"] = statusFor(passed)
	}
	e.commit()
	out := e.renderConnection(o, true, true)
	out["setup_tests"] = tests
	return ok(http.StatusOK, "Setup tests have been completed", out)
}

func (e *Emulator) connectCard(q *request) *response {
	id := q.r.PathValue("id")
	if q.body == nil {
		return invalidResp("Field 'connect_card_config' is required")
	}
	cc, found, err := getObject(q.body, "connect_card_config")
	if err != nil {
		return errResp(err)
	}
	if !found {
		return invalidResp("Field 'connect_card_config' is required")
	}
	uri, _, err := getString(cc, "redirect_uri")
	if err != nil {
		return errResp(err)
	}
	if uri == "" {
		return invalidResp("Field 'connect_card_config.redirect_uri' is required")
	}
	if _, err := parseBody(connectCardRules, cc, nil, ""); err != nil {
		return errResp(err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[id]
	if o == nil {
		return e.connectionNotFound(id)
	}
	cfg := deepCopyMap(cc)
	card := e.connectCardFor(id, cfg)
	o.Data["connect_card_config"] = cfg
	o.Data["connect_card"] = card
	e.commit()
	return ok(http.StatusOK, "Connection Connect Card has been created", map[string]any{
		"connector_id": id, "connect_card": deepCopy(card), "connect_card_config": deepCopy(cfg),
	})
}

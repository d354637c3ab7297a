package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// This file holds the known conflicts between openapi.json and the answers
// recorded from the live API (the live answer wins; API.md, "Where the spec and
// the live API disagree"). Each is
// excused as narrowly as possible: by operation, field and kind of value.

// Operations that carry a connection object (request or response).
var connectionOps = []string{
	"create_connection", "connection_details", "modify_connection",
	"list_connections", "list_all_connections_in_group", "run_setup_tests",
}

// Operations that return a destination object.
var destinationOps = []string{
	"create_destination", "destination_details", "modify_destination",
	"list_destinations", "run_destination_setup_tests",
}

// Operations that return proxy agents (a GET shows usage, a list counts).
var proxyAgentReadOps = []string{"get_proxy_agent_details", "get_proxy_agent"}

// Operations that return private links (the create, a GET, a list, a PATCH).
var privateLinkReadOps = []string{"create_private_link", "get_private_link_details", "get_private_links", "modify_private_link"}

// Operations that return hybrid deployment agents (the create, a GET, a
// list, a re-auth).
var hybridAgentReadOps = []string{"create_hybrid_deployment_agent", "get_hybrid_deployment_agent",
	"get_hybrid_deployment_agent_list", "re_auth_hybrid_deployment_agent"}

// Operations that return webhooks (the creates, a GET, the list, a PATCH).
var webhookReadOps = []string{"create_account_webhook", "create_group_webhook", "webhook_details", "list_all_webhooks", "modify_webhook"}

// Operations that return users (the create, a GET, the lists, a PATCH),
// teams, and roles.
var (
	userReadOps = []string{"create_user", "user_details", "modify_user", "list_all_users", "list_all_users_in_group"}
	teamReadOps = []string{"create_team", "team_details", "modify_team", "list_all_teams"}
)

// Operations that carry a log service (external logging) with its config:
// the creates, GETs and PATCHes of a group's and of the account's.
var logServiceOps = []string{"add_log_service", "get_log_service_details", "update_log_service",
	"add_account_log_service", "get_account_log_service_details", "update_account_log_service"}

// logServiceEnumKeys are the config keys whose schema the spec types
// "object" while listing strings in its enum (datadog_log's region,
// new_relic_log's sub_domain).
var logServiceEnumKeys = []string{"region", "sub_domain"}

// nullableUserFields are a user's fields the live API sends as null when
// unset: a phone or picture nobody gave, the role of a user without an
// account role, and logged_in_at until the user has first logged in.
var nullableUserFields = []string{"phone", "picture", "role", "logged_in_at"}

// roleScopeEnum is the spec's enum of a role's scope, which the spec puts on
// the array rather than on its items.
var roleScopeEnum = []string{"ACCOUNT", "DESTINATION", "CONNECTOR", "TEAM"}

// discriminatedOps are the operations checkDiscriminated checks against the
// schema their discriminator picks: the private link and log service ones,
// whose config the service decides. (The connection and destination
// schemas have such discriminators too, but the project relies on the live
// answers there, which add fields the picked schemas do not list: API.md,
// "Connections".)
var discriminatedOps = slices.Concat([]string{"delete_private_link"}, privateLinkReadOps, logServiceOps)

// privateLinkCreateOnlyRegions are the regions the spec's
// PrivateLinkCreateRequest accepts and its PrivateLinkResponse does not list.
var privateLinkCreateOnlyRegions = []string{"GCP_US_CENTRAL1", "AZURE_EASTUS", "AZURE_JAPANEAST", "AZURE_CENTRALINDIA"}

// Operations that may answer 409 IllegalState: a private link's PATCH and
// DELETE while its provisioning is under way.
var illegalStateOps = []string{"modify_private_link", "delete_private_link"}

// unenvelopedOps are the operations whose 200 schema describes the object
// alone, while the spec's own example, like every answer of the API
// (API.md, "The envelope"), wraps it in {code, message, data}. That schema
// requires no property, so the envelope passes it without anything being
// checked: the body is checked as the envelope instead, its data against
// the schema (checkUnenveloped).
var unenvelopedOps = []string{"get_proxy_agent_details"}

// liveStatusOps are the operations whose live answer has a success status
// the spec does not list, mapped to the status whose schema describes that
// answer: a certificate's approval answers 201 (recorded live: go-fivetran's
// end-to-end tests expect 201), where the spec lists only 200 (API.md,
// "Certificates and fingerprints").
var liveStatusOps = map[string]struct{ live, spec int }{
	"approve_connection_certificate":  {201, 200},
	"approve_destination_certificate": {201, 200},
}

// unenvelopedCreatedOps are the operations whose 201 schema describes the
// object alone, and requires its fields, while the live answer (recorded:
// go-fivetran's end-to-end tests read the fingerprint from data) is the
// envelope: the envelope is checked as such and its data against the
// schema (checkEnvelopeData).
var unenvelopedCreatedOps = []string{"approve_connection_fingerprint", "approve_destination_fingerprint"}

// setupTestOps are the operations that answer setup tests of a connection
// or a destination.
var setupTestOps = []string{"create_connection", "modify_connection", "run_setup_tests",
	"create_destination", "modify_destination", "run_destination_setup_tests"}

var nullableConnectionFields = []string{
	"connected_by", "succeeded_at", "failed_at", "daily_sync_time", "proxy_agent_id",
	"private_link_id", "hybrid_deployment_agent_id", "external_secrets_manager_id",
}

var nullableDestinationFields = []string{
	"private_link_id", "proxy_agent_id", "hybrid_deployment_agent_id",
	"local_processing_agent_id", "external_secrets_manager_id",
}

// The fields a PATCH may clear with JSON null (the provider's Nullable
// fields of ConnectionUpdate and DestinationUpdate).
var (
	clearableConnectionFields  = []string{"daily_sync_time", "private_link_id", "proxy_agent_id", "hybrid_deployment_agent_id"}
	clearableDestinationFields = []string{"private_link_id", "proxy_agent_id", "hybrid_deployment_agent_id"}
)

// nullableConnectionField: a top-level field of nullableConnectionFields or
// status.rescheduled_for of a connection object (ptr is the JSON pointer of
// the value: data/<field>, data/items/N/<field>, .../status/rescheduled_for).
func nullableConnectionField(ptr []string) bool {
	n := len(ptr)
	if n >= 2 && ptr[n-2] == "status" && ptr[n-1] == "rescheduled_for" {
		return true
	}
	return slices.Contains(nullableConnectionFields, ptr[n-1]) && n >= 2 && ptr[n-2] != "config" && ptr[n-2] != "status"
}

// excuseSchemaError reports why a schema error is a known, documented spec
// conflict ("" when it is not).
func excuseSchemaError(op, side string, e *openapi3.SchemaError) string {
	ptr := e.JSONPointer()
	if len(ptr) == 0 {
		return ""
	}
	field := ptr[len(ptr)-1]
	switch {
	// (d) API.md, "Connections" (connection response: connected_by, succeeded_at,
	// failed_at, daily_sync_time, proxy_agent_id, private_link_id,
	// hybrid_deployment_agent_id, external_secrets_manager_id are
	// "string|null", status.rescheduled_for "date-time|null") and "Destinations"
	// (unset ids come back null): the live API sends
	// explicit nulls (the emulator's default; OmitNulls drops them), while the spec marks
	// no field nullable. Excused: a null in exactly those fields of a
	// connection or destination response.
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" &&
		(slices.Contains(connectionOps, op) && nullableConnectionField(ptr) ||
			slices.Contains(destinationOps, op) && slices.Contains(nullableDestinationFields, field)):
		return "live API: null for unset optional fields (API.md, Connections)"

	// (e) API.md, "Clearing with null": a PATCH clears daily_sync_time and
	// the agent and link ids with JSON null; "" is refused (an id must name
	// an object, "" is not a time), so null is the only way to clear them.
	// The spec marks none of them nullable. Excused: a null in exactly those
	// top-level fields of a connection or destination PATCH body.
	case e.SchemaField == "nullable" && e.Value == nil && side == "request" && len(ptr) == 1 &&
		(op == "modify_connection" && slices.Contains(clearableConnectionFields, field) ||
			op == "modify_destination" && slices.Contains(clearableDestinationFields, field)):
		return "live API: a PATCH clears a field with JSON null (API.md, Clearing with null)"

	// (c) API.md, "Destinations": the spec marks time_zone_offset required on
	// update, but clients send it only when it changed and the live API
	// accepts that, so the emulator must not require it. Excused: the missing
	// top-level time_zone_offset of a PATCH /v1/destinations/{id} body.
	case op == "modify_destination" && side == "request" && e.SchemaField == "required" &&
		len(ptr) == 1 && field == "time_zone_offset" && isObject(e.Value):
		return "live API: time_zone_offset is optional on destination PATCH (API.md, Destinations)"

	// (a) API.md, "Connections": sync_frequency is an integer number of
	// minutes, while the spec lists its enum as strings. The spec declares
	// type integer with a string enum, so no value can satisfy it. Excused:
	// an integer whose decimal form is one of the enum's strings, in a
	// connection request or response.
	case field == "sync_frequency" && e.SchemaField == "enum" && slices.Contains(connectionOps, op):
		if n, ok := integerValue(e.Value); ok && enumHasString(e.Schema, strconv.FormatInt(n, 10)) {
			return "live API: sync_frequency is an integer; the spec's enum lists strings (API.md, Connections)"
		}

	// (f) API.md, "Lists": a connection list item carries config as a GET
	// shows it, while the spec's list item schema declares every config value
	// an object (additionalProperties: {type: object}), which no string,
	// number or list a service's config holds can satisfy; the detail schema
	// describes config per service. Excused: a config value (exactly one
	// level below config) failing the type object in a connection list
	// response.
	case side == "response" && (op == "list_connections" || op == "list_all_connections_in_group") &&
		e.SchemaField == "type" && len(ptr) == 5 && ptr[0] == "data" && ptr[1] == "items" && ptr[3] == "config" &&
		e.Schema != nil && e.Schema.Type.Is("object"):
		return "spec: connection list items declare every config value an object (API.md, Lists)"

	// (e) API.md, "Connector metadata": service_status_updated_at is a
	// yyyy-MM-dd date although the spec says date-time, as recorded live list
	// answers show ("2023-10-11"). Excused: a
	// yyyy-MM-dd string in that field of a metadata response.
	case field == "service_status_updated_at" && e.SchemaField == "format" && side == "response" &&
		(op == "metadata_connectors" || op == "metadata_connector_config"):
		if s, ok := e.Value.(string); ok && isDate(s) {
			return "live API: service_status_updated_at is a yyyy-MM-dd date (API.md, Connector metadata)"
		}

	// (g) Proxy agents: version is null until the agent has first
	// connected (the live API's null for an unset field, as in (d)), and a
	// usage entry's schema is null for a destination, as the spec's own
	// description of the field says; the spec marks neither nullable.
	// Excused: a null in exactly those fields of a proxy agent GET or list
	// response.
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" && slices.Contains(proxyAgentReadOps, op) &&
		(field == "version" || field == "schema" && len(ptr) >= 3 && ptr[len(ptr)-3] == "usage"):
		return "live API: null for a proxy agent's unknown version and a destination's usage schema (API.md, Where the spec and the live API disagree)"

	// (h) Private links: host is null until the link is first OK (the live
	// API's null for an unset field, as in (d)); the spec marks it not
	// nullable. Excused: a null host of a private link, as a create, GET,
	// list or PATCH answers it (not a config value of that name).
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" && slices.Contains(privateLinkReadOps, op) &&
		field == "host" && (len(ptr) < 2 || ptr[len(ptr)-2] != "config"):
		return "live API: null for a private link's host until it is OK (API.md, Where the spec and the live API disagree)"

	// (i) Private links: the spec's PrivateLinkResponse lists four regions
	// fewer than its PrivateLinkCreateRequest, so a link created in one of
	// those four could not be described. Excused: exactly those four values
	// in the region of a private link answer.
	case field == "region" && e.SchemaField == "enum" && side == "response" && slices.Contains(privateLinkReadOps, op):
		if s, ok := e.Value.(string); ok && slices.Contains(privateLinkCreateOnlyRegions, s) {
			return "spec: the private link answer's region enum lacks regions its create accepts (API.md, Private links)"
		}

	// (j) Hybrid deployment agents: version and last_used_at are null until
	// the agent has first been online (the live API's null for an unset
	// field, as in (d) and (g)); the spec marks both required and not
	// nullable. Excused: a null in exactly those two fields of the agent
	// itself (data/<field> or data/items/N/<field>) in a hybrid deployment
	// agent create, GET, list or re-auth answer.
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" && slices.Contains(hybridAgentReadOps, op) &&
		(field == "version" || field == "last_used_at") && ptr[0] == "data" &&
		(len(ptr) == 2 || len(ptr) == 4 && ptr[1] == "items"):
		return "live API: null for a hybrid deployment agent's version and last_used_at until it has been online (API.md, Where the spec and the live API disagree)"

	// (k) Webhooks: an account webhook's group_id is null (the live API's
	// null for an unset field, as in (d); recorded live answers show it
	// empty), and so is the secret of a webhook that has none; the spec
	// marks neither nullable. Excused: a null in exactly those two fields
	// of the webhook itself (data/<field> or data/items/N/<field>) in a
	// webhook create, GET, list or PATCH answer.
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" && slices.Contains(webhookReadOps, op) &&
		(field == "group_id" || field == "secret") && ptr[0] == "data" &&
		(len(ptr) == 2 || len(ptr) == 4 && ptr[1] == "items"):
		return "live API: null for an account webhook's group_id and an unset secret (API.md, Where the spec and the live API disagree)"

	// (l) Users: a phone or picture nobody gave, the role of a user without
	// an account role (the official provider maps the live answer's empty
	// role to none) and logged_in_at before the first login (recorded live:
	// an invited user's is empty) are null, the live API's null for an unset
	// field, as in (d); the spec marks none of them nullable. Excused: a
	// null in exactly those fields of the user itself (data/<field> or
	// data/items/N/<field>) in a user create, GET, PATCH or list answer, or
	// in a group's list of users.
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" && slices.Contains(userReadOps, op) &&
		slices.Contains(nullableUserFields, field) && ptr[0] == "data" && (len(ptr) == 2 || len(ptr) == 4 && ptr[1] == "items"):
		return "live API: null for a user's unset phone, picture, role and logged_in_at (API.md, Where the spec and the live API disagree)"

	// (m) Users: a PATCH clears phone and picture with JSON null, as the
	// other clearable fields (e); the spec marks neither nullable. Excused:
	// a null in exactly those top-level fields of a user PATCH body.
	case e.SchemaField == "nullable" && e.Value == nil && side == "request" && len(ptr) == 1 && op == "modify_user" &&
		(field == "phone" || field == "picture"):
		return "live API: a user PATCH clears phone and picture with JSON null (API.md, Users, teams and roles)"

	// (n) Teams: the description of a team created without one, and the
	// role of a team without an account role, are null (the live API's
	// null for an unset field, as in (d)); the spec marks neither nullable.
	// Excused: a null in exactly those fields of the team itself in a team
	// create, GET, PATCH or list answer.
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" && slices.Contains(teamReadOps, op) &&
		(field == "description" || field == "role") && ptr[0] == "data" && (len(ptr) == 2 || len(ptr) == 4 && ptr[1] == "items"):
		return "live API: null for a team's unset description and role (API.md, Where the spec and the live API disagree)"

	// (o) Roles: replacement_role_name is null for a role that is not
	// deprecated (recorded live: empty for the first role listed); the spec
	// requires it and does not mark it nullable. Excused: that null in a
	// role of the roles list.
	case e.SchemaField == "nullable" && e.Value == nil && side == "response" && op == "list_all_roles" &&
		field == "replacement_role_name" && len(ptr) == 4 && ptr[1] == "items":
		return "live API: null replacement_role_name for a role that is not deprecated (API.md, Where the spec and the live API disagree)"

	// (p) Roles: the spec puts the enum of a role's scope on the array, not
	// on its items, so that no array satisfies it. Excused: a scope array
	// of the roles list every item of which is a string of the enum.
	case e.SchemaField == "enum" && side == "response" && op == "list_all_roles" && field == "scope" &&
		len(ptr) == 4 && ptr[1] == "items" && scopeInEnum(e.Value):
		return "spec: a role's scope enum is on the array rather than its items (API.md, Where the spec and the live API disagree)"

	// (q) External logging: the spec types datadog_log's config.region and
	// new_relic_log's config.sub_domain "object" while its enum (and its
	// example) lists strings, so no value satisfies both; the strings are
	// what the keys hold. Excused: a string of the enum, failing the type
	// object, in exactly those config keys of a log service request or
	// answer.
	case e.SchemaField == "type" && slices.Contains(logServiceOps, op) && slices.Contains(logServiceEnumKeys, field) &&
		len(ptr) >= 2 && ptr[len(ptr)-2] == "config" && e.Schema != nil && e.Schema.Type.Is("object"):
		if s, ok := e.Value.(string); ok && enumHasString(e.Schema, s) {
			return "spec: a log service's region or sub_domain is typed object with an enum of strings (API.md, External logging)"
		}

	// (r) Certificates: the setup test that finds a certificate nobody
	// approved lists what the server presented in details, an array of
	// objects (Fivetran's documentation shows it so; go-fivetran decodes
	// details as any value since the API sent more than a string), while
	// the spec types details an object. Excused: an array of objects as
	// the details of one setup test (data/setup_tests/N/details) of a
	// connection or destination answer.
	case e.SchemaField == "type" && side == "response" && field == "details" && slices.Contains(setupTestOps, op) &&
		len(ptr) == 4 && ptr[0] == "data" && ptr[1] == "setup_tests" && isObjectList(e.Value):
		return "live API: a certificate test's details is a list (API.md, Certificates and fingerprints)"

	// (b) API.md, "Destinations": the live API returns destination
	// setup_status in lower case ("incomplete", "connected", "broken") while
	// the spec's enum is upper case. Excused: a lower-case string whose upper
	// case is in the enum, in a destination response.
	case field == "setup_status" && e.SchemaField == "enum" && side == "response" && slices.Contains(destinationOps, op):
		if s, ok := e.Value.(string); ok && s == strings.ToLower(s) && enumHasString(e.Schema, strings.ToUpper(s)) {
			return "live API: destination setup_status is lower case (API.md, Destinations)"
		}
	}
	return ""
}

// undeclaredErrorExcuse reports why an error status the operation does not
// declare is still expected ("" when it is not). The spec lists error
// statuses for few operations and gives none of them a body, while every
// route in scope may answer them (API.md, "Errors and not-found codes"); the body is then
// checked against the error envelope instead (checkErrorEnvelope). Excused
// by status and envelope code.
func undeclaredErrorExcuse(op string, status int, code string) string {
	switch status {
	case 400: // validation errors, a bad limit or cursor
		if code == "InvalidInput" || code == "BadRequest" {
			return "400 InvalidInput (API.md, Errors and not-found codes)"
		}
	case 401: // missing or invalid credentials, every endpoint
		return "401 (API.md, Authentication)"
	case 404: // unknown ids
		if strings.HasPrefix(code, "NotFound") {
			return "404 NotFound_* (API.md, Errors and not-found codes)"
		}
	case 405, 406, 415: // wrong method, Accept or Content-Type
		return "405/406/415 (API.md, Requests: headers and bodies)"
	case 409: // state conflicts (deletes, duplicate names, running syncs)
		if code == "Conflict" {
			return "409 Conflict (API.md, Errors and not-found codes)"
		}
		// A private link being provisioned refuses changes with its own
		// code, as recorded live answers show.
		if code == "IllegalState" && slices.Contains(illegalStateOps, op) {
			return "409 IllegalState (API.md, Private links)"
		}
	case 429: // over the rate limit
		if code == "TooManyRequests" {
			return "429 TooManyRequests (API.md, Rate limits)"
		}
	}
	return ""
}

// scopeInEnum reports whether v is an array of strings each of which is in
// roleScopeEnum.
func scopeInEnum(v any) bool {
	list, ok := v.([]any)
	if !ok {
		return false
	}
	for _, x := range list {
		if s, isString := x.(string); !isString || !slices.Contains(roleScopeEnum, s) {
			return false
		}
	}
	return true
}

// isDate reports whether s is a calendar date in the form yyyy-MM-dd.
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// isObjectList reports whether v is a non-empty array of JSON objects.
func isObjectList(v any) bool {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return false
	}
	for _, x := range list {
		if !isObject(x) {
			return false
		}
	}
	return true
}

func isObject(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

func integerValue(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		if n == math.Trunc(n) && !math.IsInf(n, 0) {
			return int64(n), true
		}
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case int:
		return int64(n), true
	case int64:
		return n, true
	}
	return 0, false
}

func enumHasString(s *openapi3.Schema, want string) bool {
	if s == nil {
		return false
	}
	for _, e := range s.Enum {
		if str, ok := e.(string); ok && str == want {
			return true
		}
	}
	return false
}

// unexcused flattens a validation error into one line per problem, dropping
// the schema errors that excuseSchemaError excuses.
func unexcused(op string, c *collector, side string, err error) []string {
	var out []string
	var walk func(prefix string, err error)
	walk = func(prefix string, err error) {
		var me openapi3.MultiError
		var reqErr *openapi3filter.RequestError
		var respErr *openapi3filter.ResponseError
		var se *openapi3.SchemaError
		switch {
		case errors.As(err, &me) && isMulti(err):
			for _, e := range me {
				walk(prefix, e)
			}
		case errors.As(err, &reqErr) && reqErr.Err != nil && isTop[*openapi3filter.RequestError](err):
			p := prefix + reqErr.Reason
			if reqErr.Parameter != nil {
				p = prefix + fmt.Sprintf("parameter %q in %s", reqErr.Parameter.Name, reqErr.Parameter.In)
			}
			walk(p+": ", reqErr.Err)
		case errors.As(err, &respErr) && respErr.Err != nil && isTop[*openapi3filter.ResponseError](err):
			walk(prefix+respErr.Reason+": ", respErr.Err)
		case errors.As(err, &se) && isTop[*openapi3.SchemaError](err):
			if why := excuseSchemaError(op, side, se); why != "" {
				c.excused = append(c.excused, why)
				return
			}
			out = append(out, prefix+describeSchemaError(se))
		default:
			out = append(out, prefix+err.Error())
		}
	}
	walk("", err)
	return out
}

func isMulti(err error) bool {
	_, ok := err.(openapi3.MultiError) //nolint:errorlint // deliberately the top-level error only: unexcused walks wrapped errors itself
	return ok
}

func isTop[T error](err error) bool {
	_, ok := err.(T) //nolint:errorlint // deliberately the top-level error only: unexcused walks wrapped errors itself
	return ok
}

func describeSchemaError(e *openapi3.SchemaError) string {
	ptr := "/" + strings.Join(e.JSONPointer(), "/")
	val, err := json.Marshal(e.Value)
	v := string(val)
	if err != nil {
		v = fmt.Sprint(e.Value)
	}
	if len(v) > 120 {
		v = v[:120] + "..."
	}
	return fmt.Sprintf("%s: %s (schema %s, value %s)", ptr, e.Reason, e.SchemaField, v)
}

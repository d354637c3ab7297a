package emulator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

var destinationTestTitles = []string{"Host Connection", "Database Connection", "Permission Test"}

func (e *Emulator) destinationFields(service string) []catalog.Field {
	if t, found := e.catalog.Destination(service); found {
		return t.Config
	}
	return nil
}

func (e *Emulator) renderDestination(o *object, withConfig, masked bool) map[string]any {
	m := copyMap(o.Data)
	cfg, _ := m["config"].(map[string]any)
	delete(m, "config")
	if withConfig {
		if cfg == nil {
			cfg = map[string]any{}
		}
		if masked {
			cfg = maskConfig(cfg, e.destinationFields(str(m["service"])))
		}
		if !e.opts.NumericPorts {
			for _, k := range []string{"port", "tunnel_port"} {
				if v, found := cfg[k]; found && v != nil {
					if _, isStr := v.(string); !isStr {
						cfg[k] = fmt.Sprint(v)
					}
				}
			}
		}
		m["config"] = cfg
	}
	if s, isStr := m["setup_status"].(string); isStr {
		if e.opts.UppercaseSetupStatus {
			m["setup_status"] = strings.ToUpper(s)
		} else {
			m["setup_status"] = strings.ToLower(s)
		}
	}
	return e.nulls(m)
}

func (e *Emulator) destinationNotFound(id string) *response {
	return errResp(apiErr(http.StatusNotFound, "NotFound_Destination", "Destination with id '%s' does not exist.", id))
}

// doCreateDestination validates and inserts a destination. Call with e.mu held.
func (e *Emulator) doCreateDestination(b map[string]any) (*object, []any, *APIError) {
	in, err := parseBody(destinationRules, b, nil, "")
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
	dt, known := e.catalog.Destination(service)
	if !known {
		return nil, nil, invalid("Unsupported service '%s'", service)
	}
	if e.st.Groups[groupID] == nil {
		return nil, nil, apiErr(http.StatusNotFound, "NotFound_Group", "Group with id '%s' does not exist.", groupID)
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
	if err := e.validateConfig("config.", cfg, dt.Config, nil); err != nil {
		return nil, nil, err
	}
	if e.st.Destinations[groupID] != nil {
		return nil, nil, apiErr(http.StatusConflict, "Conflict", "Group with id '%s' already has a destination", groupID)
	}
	data := defaults(destinationRules, in)
	for _, r := range destinationRules {
		if v, set := in[r.name]; set && !r.flag {
			data[r.name] = v
		}
	}
	data["id"], data["setup_status"], data["config"] = groupID, "incomplete", cfg
	data["local_processing_agent_id"] = data["hybrid_deployment_agent_id"]
	o := &object{Seq: e.nextSeq(), Data: data}
	var tests []any
	if run, set := in["run_setup_tests"]; !set || run == true {
		var passed bool
		tests, passed = e.runSetupTests(ownerDestination, groupID, data, cfg, in, destinationTestTitles)
		data["setup_status"] = statusFor(passed)
	}
	e.st.Destinations[groupID] = o
	return o, tests, nil
}

func statusFor(passed bool) string {
	if passed {
		return "connected"
	}
	return "broken"
}

// dropNullsCopy copies a config object without its null values.
func dropNullsCopy(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if v != nil {
			out[k] = deepCopy(v)
		}
	}
	return out
}

func (e *Emulator) listDestinations(q *request) *response {
	p, perr := e.parsePage(q.r)
	if perr != nil {
		return errResp(perr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var items []any
	for _, o := range e.listed("destination", e.st.Destinations) {
		items = append(items, e.renderDestination(o, false, true))
	}
	return ok(http.StatusOK, "Destinations list retrieved successfully", paginate(items, p))
}

func (e *Emulator) createDestinationH(q *request) *response {
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, tests, err := e.doCreateDestination(b)
	if err != nil {
		return errResp(err)
	}
	e.lagList("destination", str(o.Data["id"]))
	if e.opts.PlatformConnection {
		e.addPlatformConnection(str(o.Data["group_id"]))
	}
	e.commit()
	out := e.renderDestination(o, true, true)
	if tests != nil {
		out["setup_tests"] = tests
	}
	return ok(http.StatusCreated, "Destination has been created", out)
}

func (e *Emulator) getDestination(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Destinations[id]
	if o == nil {
		return e.destinationNotFound(id)
	}
	return ok(http.StatusOK, "Destination details retrieved successfully", e.renderDestination(o, true, true))
}

func (e *Emulator) patchDestination(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Destinations[id]
	if o == nil {
		return e.destinationNotFound(id)
	}
	upd, err := parseBody(destinationRules, b, o.Data, "Field '%s' cannot be changed")
	if err != nil {
		return errResp(err)
	}
	if err := e.checkProxyAgentRef(upd); err != nil {
		return errResp(err)
	}
	if err := e.checkPrivateLinkRef(upd); err != nil {
		return errResp(err)
	}
	if err := e.checkHybridAgentRef(upd); err != nil {
		return errResp(err)
	}
	cfg := copyMap(asMap(o.Data["config"]))
	if cfg == nil {
		cfg = map[string]any{}
	}
	if cfgPatch, hasCfg := upd["config"].(map[string]any); hasCfg {
		if err := e.validateConfig("config.", cfgPatch, e.destinationFields(str(o.Data["service"])), nil); err != nil {
			return errResp(err)
		}
		mergeShallow(cfg, cfgPatch)
	}
	// All valid: apply.
	e.keepVersion("destination", o)
	for _, r := range destinationRules {
		if v, set := upd[r.name]; set && !r.flag && !r.immutable && r.name != "config" {
			o.Data[r.name] = v
		}
	}
	if v, found := upd["hybrid_deployment_agent_id"]; found {
		o.Data["local_processing_agent_id"] = v
	}
	o.Data["config"] = cfg
	runTests := upd["run_setup_tests"] == true
	var tests []any
	if runTests {
		var passed bool
		tests, passed = e.runSetupTests(ownerDestination, id, o.Data, cfg, upd, destinationTestTitles)
		o.Data["setup_status"] = statusFor(passed)
	}
	e.commit()
	out := e.renderDestination(o, true, true)
	if tests != nil {
		out["setup_tests"] = tests
	}
	return ok(http.StatusOK, "Destination has been updated", out)
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func (e *Emulator) deleteDestination(q *request) *response {
	id := q.r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Destinations[id]
	if o == nil {
		return e.destinationNotFound(id)
	}
	if conns := e.blockingConnections(str(o.Data["group_id"])); len(conns) > 0 {
		return errResp(apiErr(http.StatusConflict, "Conflict",
			"Destination with id '%s' cannot be deleted while its group has connections: %s", id, describeConnections(conns)))
	}
	e.remove("destination", e.st.Destinations, id)
	e.dropApprovals(ownerDestination, id) // its approved certificates and fingerprints (certificates.go)
	e.commit()
	return ok(http.StatusOK, "Destination with id '"+id+"' has been deleted", nil)
}

func (e *Emulator) testDestination(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	flags, err := parseBody(testFlagRules, b, nil, "")
	if err != nil {
		return errResp(err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Destinations[id]
	if o == nil {
		return e.destinationNotFound(id)
	}
	tests, passed := e.runSetupTests(ownerDestination, id, o.Data, asMap(o.Data["config"]), flags, destinationTestTitles)
	o.Data["setup_status"] = statusFor(passed)
	e.commit()
	out := e.renderDestination(o, true, true)
	out["setup_tests"] = tests
	return ok(http.StatusOK, "Setup tests have been completed", out)
}

package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

var destinationTestTitles = []string{"Host Connection", "Database Connection", "Permission Test"}

func (e *Emulator) destinationFields(service string) []Field {
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
		if e.opts.PortsAsStrings {
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
	groupID, found, err := getString(b, "group_id")
	if err != nil {
		return nil, nil, err
	}
	if !found || groupID == "" {
		return nil, nil, invalid("Field 'group_id' is required")
	}
	service, found, err := getString(b, "service")
	if err != nil {
		return nil, nil, err
	}
	if !found || service == "" {
		return nil, nil, invalid("Field 'service' is required")
	}
	dt, known := e.catalog.Destination(service)
	if !known {
		return nil, nil, invalid("Unsupported service '%s'", service)
	}
	if e.st.Groups[groupID] == nil {
		return nil, nil, apiErr(http.StatusNotFound, "NotFound_Group", "Group with id '%s' does not exist.", groupID)
	}
	tz, found, err := getEnum(b, "time_zone_offset", timeZoneEnum)
	if err != nil {
		return nil, nil, err
	}
	if !found {
		return nil, nil, invalid("Field 'time_zone_offset' is required")
	}
	region := "GCP_US_EAST4"
	if r, found, err := getString(b, "region"); err != nil {
		return nil, nil, err
	} else if found {
		if r == "" {
			return nil, nil, invalid("region cannot be empty")
		}
		if !inEnum(r, regionEnum) {
			return nil, nil, enumErr("region", r, regionEnum)
		}
		region = r
	}
	nm := "Directly"
	if v, found, err := getEnum(b, "networking_method", networkingEnum); err != nil {
		return nil, nil, err
	} else if found {
		nm = v
	}
	dst, _, err := getBool(b, "daylight_saving_time_enabled")
	if err != nil {
		return nil, nil, err
	}
	runTests := true
	if v, found, err := getBool(b, "run_setup_tests"); err != nil {
		return nil, nil, err
	} else if found {
		runTests = v
	}
	for _, k := range []string{"trust_certificates", "trust_fingerprints"} {
		if _, _, err := getBool(b, k); err != nil {
			return nil, nil, err
		}
	}
	ids := map[string]any{}
	for _, k := range []string{"private_link_id", "proxy_agent_id", "hybrid_deployment_agent_id", "external_secrets_manager_id"} {
		v, found, err := getString(b, k)
		if err != nil {
			return nil, nil, err
		}
		if found && v != "" {
			ids[k] = v
		} else {
			ids[k] = nil
		}
	}
	cfg, _, err := getObject(b, "config")
	if err != nil {
		return nil, nil, err
	}
	cfg = dropNullsCopy(cfg)
	if err := e.validateConfig("config.", cfg, dt.Config, nil); err != nil {
		return nil, nil, err
	}
	if e.st.Destinations[groupID] != nil {
		return nil, nil, apiErr(http.StatusConflict, "Conflict", "Group with id '%s' already has a destination", groupID)
	}
	data := map[string]any{
		"id": groupID, "group_id": groupID, "service": service, "region": region,
		"time_zone_offset": tz, "setup_status": "incomplete", "daylight_saving_time_enabled": dst,
		"networking_method": nm, "config": cfg,
	}
	for k, v := range ids {
		data[k] = v
	}
	data["local_processing_agent_id"] = ids["hybrid_deployment_agent_id"]
	o := &object{Seq: e.nextSeq(), Data: data}
	var tests []any
	if runTests {
		var passed bool
		tests, passed = e.runSetupTests(groupID, cfg, destinationTestTitles)
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
	upd := map[string]any{}
	for _, k := range []string{"group_id", "service"} {
		if v, found, err := getString(b, k); err != nil {
			return errResp(err)
		} else if found && v != o.Data[k] {
			return invalidResp("Field '%s' cannot be changed", k)
		}
	}
	if r, found, err := getString(b, "region"); err != nil {
		return errResp(err)
	} else if found {
		if r == "" {
			return invalidResp("region cannot be empty")
		}
		if !inEnum(r, regionEnum) {
			return errResp(enumErr("region", r, regionEnum))
		}
		upd["region"] = r
	}
	if v, found, err := getEnum(b, "time_zone_offset", timeZoneEnum); err != nil {
		return errResp(err)
	} else if found {
		upd["time_zone_offset"] = v
	}
	if v, found, err := getEnum(b, "networking_method", networkingEnum); err != nil {
		return errResp(err)
	} else if found {
		upd["networking_method"] = v
	}
	if v, found, err := getBool(b, "daylight_saving_time_enabled"); err != nil {
		return errResp(err)
	} else if found {
		upd["daylight_saving_time_enabled"] = v
	}
	for _, k := range []string{"private_link_id", "proxy_agent_id", "hybrid_deployment_agent_id", "external_secrets_manager_id"} {
		if _, inBody := b[k]; !inBody {
			continue
		}
		v, _, err := getString(b, k)
		if err != nil {
			return errResp(err)
		}
		if v == "" {
			upd[k] = nil
		} else {
			upd[k] = v
		}
	}
	runTests, _, err := getBool(b, "run_setup_tests")
	if err != nil {
		return errResp(err)
	}
	for _, k := range []string{"trust_certificates", "trust_fingerprints"} {
		if _, _, err := getBool(b, k); err != nil {
			return errResp(err)
		}
	}
	cfgPatch, hasCfg, err := getObject(b, "config")
	if err != nil {
		return errResp(err)
	}
	cfg := copyMap(asMap(o.Data["config"]))
	if cfg == nil {
		cfg = map[string]any{}
	}
	if hasCfg {
		if err := e.validateConfig("config.", cfgPatch, e.destinationFields(str(o.Data["service"])), nil); err != nil {
			return errResp(err)
		}
		mergeShallow(cfg, deepCopyMap(cfgPatch))
	}
	// All valid: apply.
	for k, v := range upd {
		o.Data[k] = v
	}
	if v, found := upd["hybrid_deployment_agent_id"]; found {
		o.Data["local_processing_agent_id"] = v
	}
	o.Data["config"] = cfg
	var tests []any
	if runTests {
		var passed bool
		tests, passed = e.runSetupTests(id, cfg, destinationTestTitles)
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
	e.commit()
	return ok(http.StatusOK, "Destination with id '"+id+"' has been deleted", nil)
}

func (e *Emulator) testDestination(q *request) *response {
	id := q.r.PathValue("id")
	b := q.body
	if b == nil {
		b = map[string]any{}
	}
	for _, k := range []string{"trust_certificates", "trust_fingerprints"} {
		if _, _, err := getBool(b, k); err != nil {
			return errResp(err)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Destinations[id]
	if o == nil {
		return e.destinationNotFound(id)
	}
	tests, passed := e.runSetupTests(id, asMap(o.Data["config"]), destinationTestTitles)
	o.Data["setup_status"] = statusFor(passed)
	e.commit()
	out := e.renderDestination(o, true, true)
	out["setup_tests"] = tests
	return ok(http.StatusOK, "Setup tests have been completed", out)
}

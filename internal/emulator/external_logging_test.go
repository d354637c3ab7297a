package emulator_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/conformance"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The external logging routes, driven over HTTP with every exchange
// validated against the OpenAPI spec (startPx). Where go-fivetran's and
// the official provider's end-to-end tests, which ran against the live
// API, sent a body or checked an answer, these tests send and check the
// same.

const elPath = "/external-logging"

// logKeys are the fields of a log service every answer that shows one
// carries; logItemKeys those of a list item.
var (
	logKeys     = []string{"id", "service", "enabled", "config"}
	logItemKeys = []string{"id", "service", "enabled"}
)

// elSecret is the Azure Monitor key the live tests sent.
const elSecret = "PASSWORD"

// azureLog is the live tests' create body for the group gid.
func azureLog(gid string) map[string]any {
	return map[string]any{"group_id": gid, "service": "azure_monitor_log", "enabled": true,
		"config": map[string]any{"workspace_id": "workspace_id", "primary_key": elSecret}}
}

// logService creates a log service and returns the create's data.
func (c pxClient) logService(body map[string]any) map[string]any {
	c.t.Helper()
	return c.do("POST", elPath, body, 201, "Success").data()
}

// cfgOf returns the config of a log service's data.
func cfgOf(t *testing.T, d map[string]any) map[string]any {
	t.Helper()
	cfg, isMap := d["config"].(map[string]any)
	if !isMap {
		t.Fatalf("no config object in %v", d)
	}
	return cfg
}

// testsOf returns the setup tests of a /test answer (at least one).
func testsOf(t *testing.T, r pxEnvelope) []map[string]any {
	t.Helper()
	list, _ := r.data()["setup_tests"].([]any)
	var out []map[string]any
	for _, x := range list {
		m, isMap := x.(map[string]any)
		if !isMap {
			t.Fatalf("a setup test that is not an object: %s", r.raw)
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		t.Fatalf("no setup tests: %s", r.raw)
	}
	return out
}

// TestLogServiceCreate: the create answers 201 Success with the log
// service as the live tests read it back (its id the group's, the key
// masked); the body's rules; one log service per group; a refused create
// creates nothing.
func TestLogServiceCreate(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("logs")
	r := c.do("POST", elPath, azureLog(gid), 201, "Success")
	c.wantMessage(r, "External logging service has been added")
	d := r.data()
	checkFields(t, d, logKeys, map[string]any{"id": gid, "service": "azure_monitor_log", "enabled": true})
	if cfg := cfgOf(t, d); len(cfg) != 2 || cfg["workspace_id"] != "workspace_id" || cfg["primary_key"] != "******" {
		t.Fatalf("config %v", cfg)
	}
	if strings.Contains(r.raw, elSecret) {
		t.Fatalf("the answer holds the key: %s", r.raw)
	}
	if cfg, _ := emu.LogServiceConfig(gid); cfg["primary_key"] != elSecret {
		t.Fatalf("the key was not kept: %v", cfg)
	}

	// One per group.
	c.wantMessage(c.do("POST", elPath, azureLog(gid), 409, "Conflict"), "Group with id '"+gid+"' already has an external logging service.")

	// Without enabled the log service is enabled; without config its
	// config is empty; run_setup_tests, which the spec's body does not
	// have, runs nothing.
	g2 := c.hdaGroup("logs2")
	d = c.logService(map[string]any{"group_id": g2, "service": "datadog_log", "run_setup_tests": true})
	checkFields(t, d, logKeys, map[string]any{"id": g2, "enabled": true})
	if len(cfgOf(t, d)) != 0 {
		t.Fatalf("config %v", d)
	}

	before := len(emu.LogServices())
	g3 := c.hdaGroup("logs3")
	bad := []struct {
		body    map[string]any
		field   string
		invalid bool // the request violates the spec too
	}{
		{with(azureLog(g3), "group_id", nil), "group_id", false},
		{with(azureLog(g3), "service", nil), "service", false},
		{with(azureLog(g3), "group_id", 5), "group_id", true},
		{with(azureLog(g3), "group_id", ""), "group_id", false},
		{with(azureLog(g3), "service", "elastic_cloud"), "service", true},
		{with(azureLog(g3), "service", "AZURE_MONITOR_LOG"), "service", true},
		{with(azureLog(g3), "enabled", "sometimes"), "enabled", true},
		{with(azureLog(g3), "config", "workspace_id=x"), "config", true},
		{with(azureLog(g3), "config", map[string]any{"workspace_id": 7}), "config.workspace_id", true},
	}
	for _, b := range bad {
		var hdr []string
		if b.invalid {
			hdr = invalidReq
		}
		r := c.do("POST", elPath, b.body, 400, "InvalidInput", hdr...)
		if msg, _ := r.body["message"].(string); !strings.Contains(msg, "'"+b.field+"'") {
			t.Errorf("%v: message %q does not name %s", b.body, msg, b.field)
		}
	}
	c.do("POST", elPath, nil, 400, "InvalidInput")
	c.wantMessage(c.do("POST", elPath, azureLog("no_such"), 404, "NotFound_Group"), "Group with id 'no_such' does not exist.")
	if n := len(emu.LogServices()); n != before {
		t.Fatalf("refused creates created log services: %d, want %d", n, before)
	}
	c.logService(azureLog(g3))
}

// TestLogServiceUnknownKeys: keys outside the service's schema are kept,
// as the live API took the official provider's port and enable_ssl in an
// Azure Monitor config; one that some service holds secret is masked.
// StrictExternalLoggingConfig refuses them.
func TestLogServiceUnknownKeys(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("logs")
	body := azureLog(gid)
	cfg := cfgOf(t, body)
	cfg["port"], cfg["enable_ssl"], cfg["api_key"], cfg["colour"] = 0, false, "dd_key", map[string]any{"r": 1}
	got := cfgOf(t, c.logService(body))
	want := map[string]any{"workspace_id": "workspace_id", "primary_key": "******", "port": 0.0, "enable_ssl": false,
		"api_key": "******", "colour": map[string]any{"r": 1.0}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("config %v, want %v", got, want)
	}
	if kept, _ := emu.LogServiceConfig(gid); kept["api_key"] != "dd_key" {
		t.Fatalf("kept %v", kept)
	}
	// tenant_id is Grafana Loki's secret and Azure Monitor's directory id:
	// each service's schema decides.
	d := c.do("PATCH", elPath+"/"+gid, map[string]any{"config": map[string]any{"tenant_id": "my_tenant"}}, 200, "Success").data()
	if cfgOf(t, d)["tenant_id"] != "my_tenant" {
		t.Fatalf("Azure Monitor's tenant_id masked: %v", d)
	}
	g2 := c.hdaGroup("loki")
	d = c.logService(map[string]any{"group_id": g2, "service": "grafana_loki", "config": map[string]any{"loki_url": "https://loki", "tenant_id": "t1"}})
	if cfgOf(t, d)["tenant_id"] != "******" {
		t.Fatalf("Grafana Loki's tenant_id shown: %v", d)
	}

	_, strict := startPx(t, func(o *emulator.Options) { o.StrictExternalLoggingConfig = true })
	g3 := strict.hdaGroup("strict")
	body = azureLog(g3)
	cfgOf(t, body)["port"] = 0
	strict.wantMessage(strict.do("POST", elPath, body, 400, "InvalidInput"), "Field 'config.port' is not supported for service 'azure_monitor_log'")
	strict.logService(azureLog(g3))
	strict.wantMessage(strict.do("PATCH", elPath+"/"+g3, map[string]any{"config": map[string]any{"hostname": "h"}}, 400, "InvalidInput"),
		"Field 'config.hostname' is not supported for service 'azure_monitor_log'")
}

// TestLogServiceStrictNeeds: under StrictExternalLoggingConfig a config
// without what its service needs is refused, naming a missing key (of the
// way of signing in closest to complete); a PATCH may not remove one. By
// default nothing is required, as in the spec.
func TestLogServiceStrictNeeds(t *testing.T) {
	emu, c := startPx(t, func(o *emulator.Options) { o.StrictExternalLoggingConfig = true })
	create := func(service string, cfg map[string]any, missing string) {
		t.Helper()
		g := jsonString(t, emu.CreateGroup("g")["id"])
		body := map[string]any{"group_id": g, "service": service, "config": cfg}
		if missing == "" {
			c.logService(body)
			return
		}
		c.wantMessage(c.do("POST", elPath, body, 400, "InvalidInput"), "Field 'config."+missing+"' is required for service '"+service+"'")
	}
	create("datadog_log", map[string]any{"hostname": "h"}, "api_key")
	create("datadog_log", map[string]any{"api_key": ""}, "api_key")
	create("datadog_log", map[string]any{"api_key": "k"}, "")
	create("new_relic_log", map[string]any{"sub_domain": "EU"}, "api_key")
	create("splunkLog", map[string]any{"host": "h", "port": 8088}, "token")
	create("stackdriver", map[string]any{}, "project_id")
	create("grafana_loki", map[string]any{"username": "u"}, "loki_url")
	create("azure_monitor_log", map[string]any{"workspace_id": "w"}, "primary_key")
	create("azure_monitor_log", map[string]any{"tenant_id": "t", "client_id": "c"}, "client_secret")
	create("azure_monitor_log", map[string]any{"tenant_id": "t", "client_id": "c", "client_secret": "s",
		"data_collection_endpoint": "https://e", "dcr_immutable_id": "dcr-1", "dcr_stream_name": "Custom-S"}, "")
	create("cloudwatch", map[string]any{"log_group_name": "l", "role_arn": "arn"}, "region")
	create("cloudwatch", map[string]any{"region": "us-east-1", "log_group_name": "l", "access_key_id": "a"}, "access_key_secret")
	create("cloudwatch", map[string]any{"region": "us-east-1", "log_group_name": "l", "role_arn": "arn"}, "")

	gid := c.hdaGroup("azure")
	c.logService(azureLog(gid))
	c.wantMessage(c.do("PATCH", elPath+"/"+gid, map[string]any{"config": map[string]any{"primary_key": nil}}, 400, "InvalidInput"),
		"Field 'config.primary_key' is required for service 'azure_monitor_log'")
	if cfg, _ := emu.LogServiceConfig(gid); cfg["primary_key"] != elSecret {
		t.Fatalf("a refused PATCH changed the config: %v", cfg)
	}

	_, kind := startPx(t, nil)
	g := kind.hdaGroup("g")
	kind.logService(map[string]any{"group_id": g, "service": "datadog_log", "config": map[string]any{"hostname": "h"}})
	kind.do("PATCH", elPath+"/"+g, map[string]any{"config": map[string]any{"hostname": nil}}, 200, "Success")
}

// specLogKey is a config key of a log service as the spec gives it.
type specLogKey struct {
	typ, format string
	enum        []string
}

// specLogServices reads the log services of the spec: the services its
// create's discriminator maps and the config keys of each.
func specLogServices(t *testing.T) map[string]map[string]specLogKey {
	t.Helper()
	path := conformance.SpecPath()
	if path == "" {
		t.Skip("the OpenAPI spec is absent")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type schema struct {
		Type          string             `json:"type"`
		Format        string             `json:"format"`
		Enum          []string           `json:"enum"`
		Properties    map[string]*schema `json:"properties"`
		Discriminator *struct {
			Mapping map[string]string `json:"mapping"`
		} `json:"discriminator"`
	}
	var spec struct {
		Components struct {
			Schemas map[string]*schema `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	s := spec.Components.Schemas
	create := s["AddLogRequest"]
	if create == nil || create.Discriminator == nil {
		t.Fatal("the spec has no AddLogRequest with a discriminator")
	}
	out := map[string]map[string]specLogKey{}
	for svc := range create.Discriminator.Mapping {
		cfg := s[svc+"_config_V1"]
		if cfg == nil || cfg.Properties["config"] == nil {
			t.Fatalf("the spec has no config schema for %s", svc)
		}
		out[svc] = map[string]specLogKey{}
		for k, p := range cfg.Properties["config"].Properties {
			out[svc][k] = specLogKey{typ: p.Type, format: p.Format, enum: p.Enum}
		}
	}
	return out
}

// TestLogServiceConfigsFollowTheSpec: the emulator's table of services and
// config keys is the spec's: the services its create's discriminator maps;
// for each exactly the keys of its <service>_config_V1 schema (under
// StrictExternalLoggingConfig every other key, of another service or none,
// is refused), each of the spec's type and enum, masked exactly when the
// spec marks it a password.
func TestLogServiceConfigsFollowTheSpec(t *testing.T) {
	spec := specLogServices(t)
	emu, c := startPx(t, func(o *emulator.Options) { o.StrictExternalLoggingConfig = true })
	services := make([]string, 0, len(spec))
	allKeys := map[string]bool{"not_a_key": true}
	for svc, keys := range spec {
		services = append(services, svc)
		for k := range keys {
			allKeys[k] = true
		}
	}
	sort.Strings(services)

	// The service enum as the emulator's message lists it.
	g0 := jsonString(t, emu.CreateGroup("g")["id"])
	msg, _ := c.do("POST", elPath, map[string]any{"group_id": g0, "service": "nope"}, 400, "InvalidInput", invalidReq...).body["message"].(string)
	_, list, _ := strings.Cut(msg, "Allowed values: ")
	listed := strings.Split(list, ", ")
	sort.Strings(listed)
	if !slices.Equal(listed, services) {
		t.Errorf("service enum: %q, want %v", msg, services)
	}

	good := func(k string, def specLogKey) any {
		switch {
		case def.typ == "integer":
			return 8088
		case def.typ == "boolean":
			return true
		case len(def.enum) > 0:
			return def.enum[len(def.enum)-1]
		}
		return "value_of_" + k
	}
	wrong := func(def specLogKey) any {
		if def.typ == "integer" || def.typ == "boolean" {
			return "1"
		}
		return 1
	}
	for _, svc := range services {
		keys := spec[svc]
		gid := jsonString(t, emu.CreateGroup(svc)["id"])
		cfg := map[string]any{}
		for k, def := range keys {
			cfg[k] = good(k, def)
		}
		d := c.logService(map[string]any{"group_id": gid, "service": svc, "config": cfg})
		got := cfgOf(t, d)
		for k, def := range keys {
			want := fmt.Sprint(cfg[k])
			if def.format == "password" {
				want = "******"
			}
			if fmt.Sprint(got[k]) != want {
				t.Errorf("%s: config.%s = %v, want %s", svc, k, got[k], want)
			}
		}
		if len(got) != len(keys) {
			t.Errorf("%s: config %v", svc, got)
		}
		path := elPath + "/" + gid
		for k, def := range keys {
			r := c.do("PATCH", path, map[string]any{"config": map[string]any{k: wrong(def)}}, 400, "InvalidInput", invalidReq...)
			if m, _ := r.body["message"].(string); !strings.Contains(m, "'config."+k+"'") {
				t.Errorf("%s: a wrong type for %s: %q", svc, k, m)
			}
			for _, v := range def.enum {
				c.do("PATCH", path, map[string]any{"config": map[string]any{k: v}}, 200, "Success")
			}
			if len(def.enum) > 0 {
				c.wantMessage(c.do("PATCH", path, map[string]any{"config": map[string]any{k: "MARS"}}, 400, "InvalidInput", invalidReq...),
					"Field 'config."+k+"' has an invalid value 'MARS'. Allowed values: "+strings.Join(def.enum, ", "))
			}
		}
		for k := range allKeys {
			if _, known := keys[k]; known {
				continue
			}
			c.wantMessage(c.do("PATCH", path, map[string]any{"config": map[string]any{k: "x"}}, 400, "InvalidInput"),
				"Field 'config."+k+"' is not supported for service '"+svc+"'")
		}
	}
}

// TestLogServiceGetPatchDelete: the live tests' update (enabled and both
// keys) read back with the key masked; config merges key by key, a masked
// value sent back keeps the secret, a null removes a key; group_id and
// service cannot change; a delete names the id, and the log service is
// then gone on every route.
func TestLogServiceGetPatchDelete(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("logs")
	c.logService(azureLog(gid))
	path := elPath + "/" + gid

	r := c.do("GET", path, nil, 200, "Success")
	c.wantMessage(r, "External logging service details retrieved successfully")
	checkFields(t, r.data(), logKeys, map[string]any{"id": gid, "service": "azure_monitor_log", "enabled": true})
	if cfg := cfgOf(t, r.data()); cfg["workspace_id"] != "workspace_id" || cfg["primary_key"] != "******" {
		t.Fatalf("GET config %v", cfg)
	}

	r = c.do("PATCH", path, map[string]any{"enabled": true, "config": map[string]any{"workspace_id": "test", "primary_key": "12345678"}}, 200, "Success")
	c.wantMessage(r, "External logging service has been updated")
	checkFields(t, r.data(), logKeys, map[string]any{"id": gid, "service": "azure_monitor_log", "enabled": true})
	if cfg := cfgOf(t, r.data()); cfg["workspace_id"] != "test" || cfg["primary_key"] != "******" {
		t.Fatalf("PATCH config %v", cfg)
	}
	stored := func() map[string]any {
		t.Helper()
		cfg, found := emu.LogServiceConfig(gid)
		if !found {
			t.Fatal("no log service")
		}
		return cfg
	}
	if stored()["primary_key"] != "12345678" {
		t.Fatalf("stored %v", stored())
	}
	// What a client read, sent back: the secret stays.
	c.do("PATCH", path, map[string]any{"config": map[string]any{"workspace_id": "test", "primary_key": "******"}}, 200, "Success")
	if stored()["primary_key"] != "12345678" {
		t.Fatalf("the mask replaced the secret: %v", stored())
	}
	// Key by key: what is not sent stays; a null removes; enabled alone.
	d := c.do("PATCH", path, map[string]any{"enabled": false, "config": map[string]any{"workspace_id": nil, "dcr_stream_name": "Custom-S"}}, 200, "Success").data()
	if cfg := cfgOf(t, d); d["enabled"] != false || fmt.Sprint(cfg) != fmt.Sprint(map[string]any{"primary_key": "******", "dcr_stream_name": "Custom-S"}) {
		t.Fatalf("after a merge: %v", d)
	}
	// An empty PATCH changes nothing; repeating group_id and service is fine.
	same := c.do("PATCH", path, map[string]any{}, 200, "Success").data()
	again := c.do("PATCH", path, map[string]any{"group_id": gid, "service": "azure_monitor_log"}, 200, "Success").data()
	if fmt.Sprint(same) != fmt.Sprint(d) || fmt.Sprint(again) != fmt.Sprint(d) {
		t.Fatalf("a PATCH without changes: %v / %v, want %v", same, again, d)
	}
	for _, b := range []map[string]any{
		{"service": "datadog_log"}, {"group_id": "other_group"}, {"enabled": "maybe"}, {"config": []any{"x"}},
		{"config": map[string]any{"primary_key": true}},
	} {
		r := c.do("PATCH", path, b, 400, "InvalidInput", invalidReq...)
		for k := range b {
			if m, _ := r.body["message"].(string); !strings.Contains(m, "'"+k) {
				t.Errorf("%v: %q", b, m)
			}
		}
	}
	if fmt.Sprint(c.do("GET", path, nil, 200, "Success").data()) != fmt.Sprint(d) {
		t.Fatal("a refused PATCH changed the log service")
	}

	r = c.do("DELETE", path, nil, 200, "Success")
	c.wantMessage(r, "External logging service with id '"+gid+"' has been deleted")
	if _, has := r.body["data"]; has {
		t.Fatalf("a delete answered data: %s", r.raw)
	}
	notFound := "External logging service with id '" + gid + "' does not exist."
	c.wantMessage(c.do("GET", path, nil, 404, "NotFound_LogService"), notFound)
	c.wantMessage(c.do("PATCH", path, map[string]any{"enabled": true}, 404, "NotFound_LogService"), notFound)
	c.wantMessage(c.do("DELETE", path, nil, 404, "NotFound_LogService"), notFound)
	c.wantMessage(c.do("POST", path+"/test", nil, 404, "NotFound_LogService"), notFound)
	// Gone, the group may have one again.
	c.logService(azureLog(gid))
}

// TestLogServiceNotFoundCode: an unknown log service answers
// NotFound_LogService, which the official provider's resource looks for
// and which begins with NotFound, as its live test requires;
// PlainNotFoundExternalLogging answers the plain NotFound.
func TestLogServiceNotFoundCode(t *testing.T) {
	_, c := startPx(t, nil)
	gid := c.hdaGroup("no_logs") // a group without a log service is no log service
	for _, p := range []string{elPath + "/" + gid, elPath + "/nobody_here", elPath + "/account"} {
		c.do("GET", p, nil, 404, "NotFound_LogService")
	}
	_, plain := startPx(t, func(o *emulator.Options) { o.PlainNotFoundExternalLogging = true })
	plain.wantMessage(plain.do("GET", elPath+"/nobody_here", nil, 404, "NotFound"), "External logging service with id 'nobody_here' does not exist.")
	plain.do("DELETE", elPath+"/account", nil, 404, "NotFound")
}

// TestLogServiceList: the live test's list: its log service, as {id,
// service, enabled}, the message it checks, no next cursor; the account's
// log service too; pages; and the lag of every list.
func TestLogServiceList(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	gid := c.hdaGroup("logs")
	c.logService(azureLog(gid))
	r := c.do("GET", elPath, nil, 200, "Success")
	c.wantMessage(r, "External logging services retrieved successfully")
	items := r.items()
	if len(items) != 1 {
		t.Fatalf("items %v", items)
	}
	checkFields(t, items[0], logItemKeys, map[string]any{"id": gid, "service": "azure_monitor_log", "enabled": true})
	if _, has := r.data()["next_cursor"]; has {
		t.Fatalf("a last page with a cursor: %s", r.raw)
	}

	g2 := c.hdaGroup("more")
	c.logService(map[string]any{"group_id": g2, "service": "new_relic_log", "enabled": false, "config": map[string]any{"api_key": "nr", "sub_domain": "US"}})
	acct := c.do("POST", elPath+"/account", map[string]any{"service": "stackdriver", "config": map[string]any{"project_id": "p"}}, 201, "Success").data()
	var seen []string
	cursor := ""
	for range 4 {
		q := elPath + "?limit=2"
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		r := c.do("GET", q, nil, 200, "Success")
		seen = append(seen, ids(t, r.items(), "id")...)
		cursor, _ = r.data()["next_cursor"].(string)
		if cursor == "" {
			break
		}
	}
	if want := []string{gid, g2, jsonString(t, acct["id"])}; !slices.Equal(seen, want) {
		t.Fatalf("pages: %v, want %v", seen, want)
	}
	if strings.Contains(fmt.Sprint(c.do("GET", elPath, nil, 200, "Success").raw), "config") {
		t.Fatal("list items carry config")
	}

	// The lag: a new one, a changed one and a deleted one, each as it was.
	_, lag := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.ListLag = 5 * time.Second })
	l1 := lag.hdaGroup("l1")
	lag.logService(azureLog(l1))
	if n := len(lag.do("GET", elPath, nil, 200, "Success").items()); n != 0 {
		t.Fatalf("a new log service listed at once: %d", n)
	}
	clock.advance(6 * time.Second)
	lag.do("PATCH", elPath+"/"+l1, map[string]any{"enabled": false}, 200, "Success")
	if it := lag.do("GET", elPath, nil, 200, "Success").items(); len(it) != 1 || it[0]["enabled"] != true {
		t.Fatalf("a changed log service listed as changed at once: %v", it)
	}
	clock.advance(6 * time.Second)
	if it := lag.do("GET", elPath, nil, 200, "Success").items(); len(it) != 1 || it[0]["enabled"] != false {
		t.Fatalf("after the lag: %v", it)
	}
	lag.do("DELETE", elPath+"/"+l1, nil, 200, "Success")
	lag.do("GET", elPath+"/"+l1, nil, 404, "NotFound_LogService")
	if n := len(lag.do("GET", elPath, nil, 200, "Success").items()); n != 1 {
		t.Fatalf("a deleted log service left the list at once: %d", n)
	}
	clock.advance(6 * time.Second)
	if n := len(lag.do("GET", elPath, nil, 200, "Success").items()); n != 0 {
		t.Fatalf("a deleted log service listed after the lag: %d", n)
	}
}

// TestLogServiceSetupTests: POST .../test, sent as go-fivetran sends it
// (no body), answers 200 with {setup_tests}, which pass; they fail while
// FailExternalLoggingTests holds, and with the magic config value; the
// live profile's statuses and delay apply; a failure changes nothing a GET
// shows.
func TestLogServiceSetupTests(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("logs")
	c.logService(azureLog(gid))
	path := elPath + "/" + gid + "/test"
	check := func(r pxEnvelope, status, title, message string) {
		t.Helper()
		if len(r.data()) != 1 {
			t.Fatalf("data %v", r.data())
		}
		for _, tt := range testsOf(t, r) {
			checkFields(t, tt, []string{"title", "status", "message"}, nil)
			if tt["status"] != status || title != "" && (tt["title"] != title || tt["message"] != message) {
				t.Fatalf("test %v, want %s %q %q", tt, status, title, message)
			}
		}
	}
	r := c.do("POST", path, nil, 200, "Success")
	c.wantMessage(r, "Setup tests have been completed")
	check(r, "PASSED", "", "")
	before := c.do("GET", elPath+"/"+gid, nil, 200, "Success").raw

	emu.FailExternalLoggingTests(gid, "Send Test Log Event", "Workspace not found")
	check(c.do("POST", path, map[string]any{}, 200, "Success"), "FAILED", "Send Test Log Event", "Workspace not found")
	check(c.do("POST", path, nil, 200, "Success"), "FAILED", "Send Test Log Event", "Workspace not found")
	if after := c.do("GET", elPath+"/"+gid, nil, 200, "Success").raw; after != before {
		t.Fatalf("a failed test changed the log service: %s", after)
	}
	// A destination's failure is not the log service's, though both go by the group's id.
	emu.ClearExternalLoggingTests(gid)
	emu.FailSetupTests(gid, "", "")
	check(c.do("POST", path, nil, 200, "Success"), "PASSED", "", "")

	c.do("PATCH", elPath+"/"+gid, map[string]any{"config": map[string]any{"workspace_id": "emulator:fail-setup-tests"}}, 200, "Success")
	check(c.do("POST", path, nil, 200, "Success"), "FAILED", "Validate Configuration", "Authentication failed: the emulator was told to fail this test")

	emu2, live := startPx(t, func(o *emulator.Options) {
		o.SetupTestStatuses = []string{"WARNING", "SKIPPED"}
		o.SetupTestDelay = 300 * time.Millisecond
	})
	g := jsonString(t, emu2.CreateGroup("g")["id"])
	if _, err := emu2.CreateLogService(g, map[string]any{"service": "datadog_log", "config": map[string]any{"api_key": "k"}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r = live.do("POST", elPath+"/"+g+"/test", nil, 200, "Success")
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Errorf("setup tests answered after %v, want SetupTestDelay", took)
	}
	var statuses []string
	for _, x := range testsOf(t, r) {
		statuses = append(statuses, fmt.Sprint(x["status"]))
	}
	if !slices.Equal(statuses, []string{"WARNING", "SKIPPED"}) {
		t.Fatalf("statuses %v", statuses)
	}
}

// TestAccountLogService: the account's own log service, on
// /v1/external-logging/account, with the group's rules: 404 before it
// exists, one per account (409), the spec's messages; the routes of a
// group's log service do not reach it; it is listed.
func TestAccountLogService(t *testing.T) {
	emu, c := startPx(t, nil)
	const p = elPath + "/account"
	c.wantMessage(c.do("GET", p, nil, 404, "NotFound_LogService"), "The account has no external logging service.")
	c.do("PATCH", p, map[string]any{"enabled": false}, 404, "NotFound_LogService")
	c.do("DELETE", p, nil, 404, "NotFound_LogService")

	body := map[string]any{"service": "splunkLog", "enabled": true,
		"config": map[string]any{"host": "splunk.example.com", "port": 8088, "enable_ssl": true, "channel": "c", "token": "hec_token"}}
	r := c.do("POST", p, body, 201, "Success")
	c.wantMessage(r, "Account external logging service has been added")
	d := r.data()
	checkFields(t, d, logKeys, map[string]any{"service": "splunkLog", "enabled": true})
	id := jsonString(t, d["id"])
	if cfg := cfgOf(t, d); cfg["token"] != "******" || cfg["port"] != 8088.0 || cfg["enable_ssl"] != true {
		t.Fatalf("config %v", cfg)
	}
	c.wantMessage(c.do("POST", p, body, 409, "Conflict"), "The account already has an external logging service.")
	bad := with(body, "service", nil)
	c.wantMessage(c.do("POST", p, bad, 400, "InvalidInput"), "Field 'service' is required")

	c.wantMessage(c.do("GET", p, nil, 200, "Success"), "Account external logging service details retrieved successfully")
	r = c.do("PATCH", p, map[string]any{"config": map[string]any{"port": 9088, "token": "******"}}, 200, "Success")
	c.wantMessage(r, "Account external logging service has been updated")
	if cfg, _ := emu.LogServiceConfig(id); cfg["token"] != "hec_token" || cfg["port"] != 9088.0 {
		t.Fatalf("stored %v", cfg)
	}
	c.do("PATCH", p, map[string]any{"service": "cloudwatch"}, 400, "InvalidInput", invalidReq...)

	// The group routes address group log services only.
	c.do("GET", elPath+"/"+id, nil, 404, "NotFound_LogService")
	c.do("POST", elPath+"/account/test", nil, 404, "NotFound_LogService")
	// A group's log service beside it.
	gid := c.hdaGroup("logs")
	c.logService(azureLog(gid))
	if got := ids(t, c.do("GET", elPath, nil, 200, "Success").items(), "id"); !slices.Equal(got, []string{id, gid}) {
		t.Fatalf("list %v", got)
	}

	r = c.do("DELETE", p, nil, 200, "Success")
	c.wantMessage(r, "Account external logging service has been deleted")
	c.do("GET", p, nil, 404, "NotFound_LogService")
	c.do("GET", elPath+"/"+gid, nil, 200, "Success")
	c.do("POST", p, body, 201, "Success")
}

// TestLogServiceSecretsNeverShown: no answer, list, log line, observed
// exchange or out-of-band read holds a secret; the state file does (a
// restart keeps the log service working).
func TestLogServiceSecretsNeverShown(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	var mu sync.Mutex
	var lines []string
	var exchanges []emulator.Exchange
	logf := func(format string, args ...any) {
		mu.Lock()
		lines = append(lines, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	observe := func(x emulator.Exchange) {
		mu.Lock()
		exchanges = append(exchanges, x)
		mu.Unlock()
	}
	emu, c := startPx(t, func(o *emulator.Options) { o.StatePath = statePath; o.Logf = logf; o.Observe = observe })
	gid := c.hdaGroup("logs")
	const second, third = "second_secret_value", "third_secret_value"
	answers := []pxEnvelope{
		c.do("POST", elPath, azureLog(gid), 201, "Success"),
		c.do("GET", elPath+"/"+gid, nil, 200, "Success"),
		c.do("GET", elPath, nil, 200, "Success"),
		c.do("PATCH", elPath+"/"+gid, map[string]any{"config": map[string]any{"primary_key": second}}, 200, "Success"),
		c.do("PATCH", elPath+"/"+gid, map[string]any{"config": map[string]any{"primary_key": second, "workspace_id": 5}}, 400, "InvalidInput", invalidReq...),
		c.do("POST", elPath+"/"+gid+"/test", nil, 200, "Success"),
		c.do("POST", elPath+"/account", map[string]any{"service": "datadog_log", "config": map[string]any{"api_key": third, "region": "EU"}}, 201, "Success"),
		c.do("POST", elPath, with(azureLog(gid), "service", "nope"), 400, "InvalidInput", invalidReq...),
	}
	for _, a := range answers {
		for _, s := range []string{elSecret, second, third} {
			if strings.Contains(a.raw, s) {
				t.Errorf("an answer holds a secret: %s", a.raw)
			}
		}
	}
	outOfBand := fmt.Sprint(emu.LogServices(), emu.Requests())
	got, _ := emu.Get("log_service", gid)
	outOfBand += fmt.Sprint(got)
	for _, s := range []string{elSecret, second, third} {
		if strings.Contains(outOfBand, s) {
			t.Errorf("LogServices, Get or Requests hold a secret: %s", outOfBand)
		}
	}
	if cfgOf(t, got)["primary_key"] != "******" {
		t.Errorf("Get: %v", got)
	}
	mu.Lock()
	logged := strings.Join(lines, "\n")
	masked := 0
	for _, x := range exchanges {
		for _, s := range []string{elSecret, second, third} {
			if bytes.Contains(x.RequestBody, []byte(s)) || bytes.Contains(x.ResponseBody, []byte(s)) {
				t.Errorf("an observed exchange holds a secret: %s %s %s", x.Method, x.Path, x.RequestBody)
			}
		}
		if bytes.Contains(x.RequestBody, []byte(`"******"`)) {
			masked++
		}
	}
	mu.Unlock()
	if masked != 5 || !strings.Contains(logged, "POST /v1/external-logging") {
		t.Errorf("%d masked request bodies observed, want 5; log %q", masked, logged)
	}
	if err := emu.Save(); err != nil {
		t.Fatal(err)
	}
	if state, err := os.ReadFile(statePath); err != nil || !bytes.Contains(state, []byte(second)) || !bytes.Contains(state, []byte(third)) {
		t.Fatalf("the state file does not keep the secrets (API.md says it does): %v", err)
	}
}

// TestLogServicesPersist: log services, their secrets and a failure told to
// their setup tests survive a restart; Reset forgets them.
func TestLogServicesPersist(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	opts := func(o *emulator.Options) { o.StatePath = statePath }
	emu, c := startPx(t, opts)
	gid := c.hdaGroup("logs")
	c.logService(azureLog(gid))
	c.do("POST", elPath+"/account", map[string]any{"service": "new_relic_log", "enabled": false, "config": map[string]any{"api_key": "nr_key", "sub_domain": "EU"}}, 201, "Success")
	emu.FailExternalLoggingTests(gid, "T", "M")
	before := emu.LogServices()
	emu.Close()

	emu2, c2 := startPx(t, opts)
	if after := emu2.LogServices(); fmt.Sprint(after) != fmt.Sprint(before) || len(after) != 2 {
		t.Fatalf("after a restart:\n%v\nwant\n%v", after, before)
	}
	if cfg, _ := emu2.LogServiceConfig(gid); cfg["primary_key"] != elSecret {
		t.Fatalf("the key after a restart: %v", cfg)
	}
	c2.do("GET", elPath+"/account", nil, 200, "Success")
	tests := testsOf(t, c2.do("POST", elPath+"/"+gid+"/test", nil, 200, "Success"))
	if tests[0]["status"] != "FAILED" {
		t.Fatalf("the failure was forgotten: %v", tests)
	}
	c2.do("POST", elPath, azureLog(gid), 409, "Conflict")

	emu2.Reset()
	if n := len(emu2.LogServices()); n != 0 {
		t.Fatalf("Reset kept %d log services", n)
	}
	c2.do("GET", elPath+"/account", nil, 404, "NotFound_LogService")
	state, err := os.ReadFile(statePath)
	if err != nil || bytes.Contains(state, []byte("log_services")) || bytes.Contains(state, []byte("fail_log_tests")) {
		t.Fatalf("the state file after Reset still holds log services or their failures: %v\n%s", err, state)
	}
}

// TestLogServiceGroupCascade: deleting a group deletes its log service,
// which never stops the delete; a refused group delete keeps it; the
// account's log service and other groups' stay.
func TestLogServiceGroupCascade(t *testing.T) {
	emu, c := startPx(t, nil)
	g1, g2 := c.hdaGroup("one"), c.hdaGroup("two")
	c.logService(azureLog(g1))
	c.logService(azureLog(g2))
	c.do("POST", elPath+"/account", map[string]any{"service": "stackdriver"}, 201, "Success")
	c.do("DELETE", "/groups/"+g1, nil, 200, "Success")
	c.do("GET", elPath+"/"+g1, nil, 404, "NotFound_LogService")
	if got := ids(t, c.do("GET", elPath, nil, 200, "Success").items(), "id"); len(got) != 2 || got[0] != g2 {
		t.Fatalf("after the group's delete: %v", got)
	}
	// A group whose delete is refused keeps its log service.
	c.acConn(g2, "pg")
	c.do("DELETE", "/groups/"+g2, nil, 409, "Conflict")
	c.do("GET", elPath+"/"+g2, nil, 200, "Success")
	if n := len(emu.LogServices()); n != 2 {
		t.Fatalf("log services: %d", n)
	}
}

// TestLogServiceFaultsAndLimits: injected faults and rate limits apply to
// the new routes as to any other: a fault in front of the API creates
// nothing, one after the commit loses the answer of a create that happened
// (which a repeat then meets as a 409), and a route's limit answers 429.
func TestLogServiceFaultsAndLimits(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := c.hdaGroup("logs")
	emu.InjectNext(emulator.Fault503, 1, http.MethodPost, "/v1/external-logging")
	c.do("POST", elPath, azureLog(gid), 503, "")
	if n := len(emu.LogServices()); n != 0 {
		t.Fatalf("a refused create created %d log services", n)
	}
	emu.InjectNext(emulator.Fault504AfterCommit, 1, http.MethodPost, "/v1/external-logging")
	c.do("POST", elPath, azureLog(gid), 504, "")
	c.do("GET", elPath+"/"+gid, nil, 200, "Success")
	c.do("POST", elPath, azureLog(gid), 409, "Conflict")

	emu.SetRateLimit("POST /v1/external-logging/{logId}/test", 1, time.Minute)
	c.do("POST", elPath+"/"+gid+"/test", nil, 200, "Success")
	c.do("POST", elPath+"/"+gid+"/test", nil, 429, "TooManyRequests")
	if n := emu.StatusCounts(429)["POST /v1/external-logging/{logId}/test"]; n != 1 {
		t.Fatalf("429s counted for the test route: %d", n)
	}
	if n := emu.Counts()["POST /v1/external-logging"]; n != 3 {
		t.Fatalf("the request log's count of creates: %d", n)
	}
	if n := emu.Counts()["GET /v1/external-logging/{logId}"]; n != 1 {
		t.Fatalf("the request log's count of GETs: %d", n)
	}
	c.do("PUT", elPath+"/account", map[string]any{}, 405, "MethodNotAllowed")
}

// TestLogServicesOutOfBand: CreateLogService (a group's and the
// account's, with the routes' rules), Get, Patch and Delete of kind
// log_service, and LogServiceConfig.
func TestLogServicesOutOfBand(t *testing.T) {
	emu, c := startPx(t, nil)
	gid := jsonString(t, emu.CreateGroup("g")["id"])
	d, err := emu.CreateLogService(gid, map[string]any{"service": "cloudwatch", "config": map[string]any{"region": "eu-west-1", "access_key_secret": "aws_secret"}})
	if err != nil || d["id"] != gid || cfgOf(t, d)["access_key_secret"] != "******" || d["enabled"] != true {
		t.Fatalf("%v %v", d, err)
	}
	acct, err := emu.CreateLogService("", map[string]any{"service": "grafana_loki", "enabled": false})
	if err != nil || acct["enabled"] != false {
		t.Fatalf("%v %v", acct, err)
	}
	var apiErr *emulator.APIError
	if _, err := emu.CreateLogService("", map[string]any{"service": "grafana_loki"}); !errors.As(err, &apiErr) || apiErr.Status != 409 {
		t.Fatalf("a second account log service: %v", err)
	}
	if _, err := emu.CreateLogService("no_group", map[string]any{"service": "grafana_loki"}); !errors.As(err, &apiErr) || apiErr.Code != "NotFound_Group" {
		t.Fatalf("an unknown group: %v", err)
	}
	if _, err := emu.CreateLogService(gid, map[string]any{"service": "papertrail"}); !errors.As(err, &apiErr) || apiErr.Status != 400 {
		t.Fatalf("an unknown service: %v", err)
	}
	// A change made in the dashboard shows on the next GET, a new secret masked.
	if err := emu.Patch("log_service", gid, map[string]any{"enabled": false, "config": map[string]any{"access_key_secret": "rotated"}}); err != nil {
		t.Fatal(err)
	}
	got := c.do("GET", elPath+"/"+gid, nil, 200, "Success").data()
	if got["enabled"] != false || cfgOf(t, got)["access_key_secret"] != "******" {
		t.Fatalf("after Patch: %v", got)
	}
	if cfg, _ := emu.LogServiceConfig(gid); cfg["access_key_secret"] != "rotated" {
		t.Fatalf("LogServiceConfig %v", cfg)
	}
	if g, found := emu.Get("external_logging", gid); !found || fmt.Sprint(g) != fmt.Sprint(got) {
		t.Fatalf("Get %v, want %v", g, got)
	}
	if err := emu.Delete("log_service", gid); err != nil {
		t.Fatal(err)
	}
	c.do("GET", elPath+"/"+gid, nil, 404, "NotFound_LogService")
	if _, found := emu.LogServiceConfig(gid); found {
		t.Fatal("LogServiceConfig of a deleted log service")
	}
	if n := len(emu.LogServices()); n != 1 {
		t.Fatalf("LogServices: %d", n)
	}
}

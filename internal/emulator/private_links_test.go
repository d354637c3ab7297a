package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/conformance"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// The private link routes, driven over HTTP with every exchange validated
// against the OpenAPI spec (conformance.Attach), with requests of the tests'
// own (the emulator and the client are written independently). Time is the
// emulator's clock (Options.Now), never a sleep.

// gcpConfig is a valid config of SOURCE_GCP.
func gcpConfig(attachment string) map[string]any {
	return map[string]any{"private_connection_service_id": "projects/p/regions/us-east4/serviceAttachments/" + attachment}
}

// plBody is a create body of a SOURCE_GCP link in GCP_US_EAST4.
func plBody(name string) map[string]any {
	return map[string]any{"name": name, "region": "GCP_US_EAST4", "service": "SOURCE_GCP", "config": gcpConfig("db")}
}

// plCreate creates a link from body and returns the create's data.
func (c pxClient) plCreate(body map[string]any) map[string]any {
	c.t.Helper()
	return c.do("POST", "/private-links", body, 201, "Success").data()
}

// plWantState fails the test unless a GET shows the link in state (and
// the list shows it so too, when the list has it).
func (c pxClient) plWantState(id, state string) map[string]any {
	c.t.Helper()
	d := c.do("GET", "/private-links/"+id, nil, 200, "Success").data()
	if d["state"] != state {
		c.t.Fatalf("state %v, want %s: %v", d["state"], state, d)
	}
	if s, _ := d["state_summary"].(string); s == "" {
		c.t.Fatalf("state %s without a summary: %v", state, d)
	}
	return d
}

// plHost is the host a link with the id answers once it is OK, in a GCP region.
func plHost(id string) string {
	return strings.ReplaceAll(id, "_", "-") + ".gcp.privatelink.emulator.invalid"
}

// noLinkLimit turns the private link create limit off, for tests that
// create more than five links.
func noLinkLimit(o *emulator.Options) { o.PrivateLinkCreatesPerHour = -1 }

// TestPrivateLinkCreate: the create's answer and its rules: the four
// fields required, the name's form (a leading digit accepted, as live
// tests create such names), the spec's enums, the region in the service's
// cloud, the config's keys and string values, a name no other link has
// (409); unknown top-level fields are ignored; a refused create creates
// nothing.
func TestPrivateLinkCreate(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; noLinkLimit(o) })
	r := c.do("POST", "/private-links", plBody("office"), 201, "Success")
	c.wantMessage(r, "Private link has been created")
	d := r.data()
	id := jsonString(t, d["id"])
	if !pxIDRe.MatchString(id) {
		t.Fatalf("id %q", id)
	}
	want := map[string]any{"id": id, "name": "office", "region": "GCP_US_EAST4", "service": "SOURCE_GCP", "cloud_provider": "GCP",
		"state": "CREATING", "host": nil, "account_id": "emulator_account", "created_by": "emulator_user", "created_at": "2026-03-01T12:00:00.000000Z"}
	for k, v := range want {
		if got, has := d[k]; !has || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, has, v)
		}
	}
	if fmt.Sprint(d["config"]) != fmt.Sprint(gcpConfig("db")) {
		t.Errorf("config %v, want it as sent", d["config"])
	}
	if s, _ := d["state_summary"].(string); s == "" {
		t.Errorf("state_summary %v", d["state_summary"])
	}
	if len(d) != len(want)+2 {
		t.Errorf("unexpected fields: %v", d)
	}
	if !pxStampRe.MatchString(jsonString(t, d["created_at"])) {
		t.Errorf("created_at %v", d["created_at"])
	}

	// Names: at most 23 letters, digits and underscores; all digits (as
	// go-fivetran's live tests create them) and a leading underscore pass.
	for _, name := range []string{"12345678901234567890123", "_lab", "Lab_2", "9"} {
		c.plCreate(plBody(name))
	}
	// Unknown top-level fields are ignored, as other creates ignore them.
	withExtra := plBody("annex")
	withExtra["colour"] = "red"
	c.plCreate(withExtra)
	// Other clouds, and an optional config key.
	aws := c.plCreate(map[string]any{"name": "aws_link", "region": "AWS_US_EAST_1", "service": "SNOWFLAKE_AWS",
		"config": map[string]any{"account_url": "https://acme.snowflakecomputing.com", "vpce_id": "vpce-0123"}})
	azure := c.plCreate(map[string]any{"name": "azure_link", "region": "AZURE_EASTUS2", "service": "SOURCE_AZURE",
		"config": map[string]any{"connection_service_id": "/subscriptions/s/x", "sub_resource_name": "sqlServer", "private_dns_records": "db1;db2"}})
	if aws["cloud_provider"] != "AWS" || azure["cloud_provider"] != "AZURE" || asMapT(azure["config"])["private_dns_records"] != "db1;db2" {
		t.Errorf("other clouds: %v %v", aws, azure)
	}
	made := len(emu.PrivateLinks())

	with := func(k string, v any) map[string]any {
		b := plBody("x")
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	for _, tc := range []struct {
		name    string
		body    any
		msg     string
		invalid bool // the request breaks the spec's schema
	}{
		{"no body", nil, "Field 'name' is required", true},
		{"no name", with("name", nil), "Field 'name' is required", true},
		{"no region", with("region", nil), "Field 'region' is required", true},
		{"no service", with("service", nil), "Field 'service' is required", true},
		{"no config", with("config", nil), "Field 'config' is required", true},
		{"null name", with("name", json.RawMessage("null")), "Field 'name' is required", true},
		{"numeric name", with("name", 5), "Field 'name' must be a string", true},
		{"empty name", with("name", ""), "Field 'name' cannot be empty", false},
		{"long name", with("name", "abcdefghijklmnopqrstuvwx"), "Field 'name' is too long: at most 23 characters are allowed", false},
		{"name with a hyphen", with("name", "my-link"), "Field 'name' has an invalid value 'my-link': only letters, digits and underscores are allowed", false},
		{"name with a space", with("name", "my link"), "Field 'name' has an invalid value 'my link': only letters, digits and underscores are allowed", false},
		{"unknown service", with("service", "SOURCE"), "Field 'service' has an invalid value 'SOURCE'", true},
		{"lower-case service", with("service", "source_gcp"), "Field 'service' has an invalid value 'source_gcp'", true},
		{"unknown region", with("region", "MARS_NORTH_1"), "Field 'region' has an invalid value 'MARS_NORTH_1'", true},
		{"region of another cloud", with("region", "AWS_US_EAST_1"), "Region 'AWS_US_EAST_1' is not available for service 'SOURCE_GCP'", false},
		{"config not an object", with("config", "x"), "Field 'config' must be an object", true},
		{"config value a number", with("config", map[string]any{"private_connection_service_id": 5}), "Field 'config.private_connection_service_id' must be a string", true},
		{"config without its key", with("config", map[string]any{}), "Field 'config.private_connection_service_id' is required for service 'SOURCE_GCP'", true},
		{"config key empty", with("config", map[string]any{"private_connection_service_id": ""}), "Field 'config.private_connection_service_id' is required for service 'SOURCE_GCP'", false},
		{"config key of another service", with("config", map[string]any{"private_connection_service_id": "x", "vpce_id": "v"}),
			"Field 'config.vpce_id' is not supported for service 'SOURCE_GCP'", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := pxClient{t: t, base: c.base}
			var hdr []string
			if tc.invalid {
				hdr = invalidReq
			}
			var body any
			if tc.body != nil {
				body = tc.body
			}
			r := c.do("POST", "/private-links", body, 400, "InvalidInput", hdr...)
			if msg, _ := r.body["message"].(string); !strings.HasPrefix(msg, tc.msg) {
				t.Fatalf("message %q, want %q", msg, tc.msg)
			}
		})
	}
	// The same name again, also in another cloud: 409.
	dup := plBody("office")
	c.wantMessage(c.do("POST", "/private-links", dup, 409, "Conflict"), "Private link with name 'office' already exists.")
	c.do("POST", "/private-links", map[string]any{"name": "office", "region": "AWS_US_EAST_1", "service": "SOURCE_AWS",
		"config": map[string]any{"connection_service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-0"}}, 409, "Conflict")
	if n := len(emu.PrivateLinks()); n != made {
		t.Fatalf("%d links after the refused creates, want %d", n, made)
	}
}

func asMapT(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// specPrivateLinks reads from the spec what the create accepts: the
// service and region enums and each service's config keys (required, and
// all of them). It skips the test when the spec is absent.
func specPrivateLinks(t *testing.T) (services, regions []string, required, all map[string][]string) {
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
		Required   []string           `json:"required"`
		Enum       []string           `json:"enum"`
		Properties map[string]*schema `json:"properties"`
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
	create := s["PrivateLinkCreateRequest"]
	if create == nil {
		t.Fatal("the spec has no PrivateLinkCreateRequest")
	}
	services, regions = create.Properties["service"].Enum, create.Properties["region"].Enum
	required, all = map[string][]string{}, map[string][]string{}
	for _, svc := range services {
		cfgSchema := s[strings.ToLower(svc)+"_private_link_config_V1"]
		if cfgSchema == nil || cfgSchema.Properties["config"] == nil {
			t.Fatalf("the spec has no config schema for %s", svc)
		}
		cfg := cfgSchema.Properties["config"]
		required[svc] = cfg.Required
		for k := range cfg.Properties {
			all[svc] = append(all[svc], k)
		}
		sort.Strings(all[svc])
	}
	return services, regions, required, all
}

// regionOf returns a region of the spec's enum in the cloud of service.
func regionOf(t *testing.T, service string, regions []string) string {
	t.Helper()
	for _, r := range regions {
		cloud, _, _ := strings.Cut(r, "_")
		if strings.HasSuffix(service, "_"+cloud) {
			return r
		}
	}
	t.Fatalf("no region for %s", service)
	return ""
}

// TestPrivateLinkConfigsFollowTheSpec: the emulator's table of services,
// regions and config keys is the spec's: every service of the enum takes
// exactly the config keys its <service>_private_link_config_V1 schema
// lists, needs the ones it requires, and refuses others; every region of
// the enum takes the services of its cloud, and only those.
func TestPrivateLinkConfigsFollowTheSpec(t *testing.T) {
	services, regions, required, all := specPrivateLinks(t)
	_, c := startPx(t, noLinkLimit)
	n := 0
	name := func() string { n++; return fmt.Sprintf("link_%d", n) }
	config := func(keys []string) map[string]any {
		m := map[string]any{}
		for _, k := range keys {
			m[k] = "value_of_" + k
		}
		return m
	}
	create := func(service, region string, cfg map[string]any, status int, code string, hdr ...string) pxEnvelope {
		t.Helper()
		return c.do("POST", "/private-links", map[string]any{"name": name(), "region": region, "service": service, "config": cfg}, status, code, hdr...)
	}
	// The enum as the emulator's message lists it.
	msg, _ := create("NOPE", "GCP_US_EAST4", gcpConfig("x"), 400, "InvalidInput", invalidReq...).body["message"].(string)
	if !strings.HasSuffix(msg, "Allowed values: "+strings.Join(services, ", ")) {
		t.Errorf("service enum: %q, want %v", msg, services)
	}
	msg, _ = create("SOURCE_GCP", "NOWHERE", gcpConfig("x"), 400, "InvalidInput", invalidReq...).body["message"].(string)
	if !strings.HasSuffix(msg, "Allowed values: "+strings.Join(regions, ", ")) {
		t.Errorf("region enum: %q, want %v", msg, regions)
	}
	for _, svc := range services {
		region := regionOf(t, svc, regions)
		got := create(svc, region, config(required[svc]), 201, "Success").data()
		if fmt.Sprint(got["config"]) != fmt.Sprint(config(required[svc])) {
			t.Errorf("%s: config %v", svc, got["config"])
		}
		create(svc, region, config(all[svc]), 201, "Success")
		for _, k := range required[svc] {
			less := config(required[svc])
			delete(less, k)
			r := create(svc, region, less, 400, "InvalidInput", invalidReq...)
			c.wantMessage(r, "Field 'config."+k+"' is required for service '"+svc+"'")
		}
		more := config(all[svc])
		more["not_a_key"] = "x"
		c.wantMessage(create(svc, region, more, 400, "InvalidInput"), "Field 'config.not_a_key' is not supported for service '"+svc+"'")
	}
	for _, region := range regions {
		cloud, _, _ := strings.Cut(region, "_")
		for _, svc := range services {
			if strings.HasSuffix(svc, "_"+cloud) {
				if svc == "SOURCE_"+cloud {
					create(svc, region, config(required[svc]), 201, "Success")
				}
				continue
			}
			if strings.HasPrefix(svc, "SOURCE_") {
				c.wantMessage(create(svc, region, config(required[svc]), 400, "InvalidInput"),
					"Region '"+region+"' is not available for service '"+svc+"'")
			}
		}
	}
}

// rawPost sends a POST and returns its status, Retry-After and body.
func rawPost(t *testing.T, base, path string, body any) (int, string, string) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		buf, _ := json.Marshal(body)
		rd = bytes.NewReader(buf)
	}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, base+path, rd)
	req.SetBasicAuth("k", "s")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), string(raw)
}

// TestPrivateLinkCreateLimit: five creates an hour by default; beyond the
// limit a create is answered 429 with the whole seconds until a slot frees
// and creates nothing. A create that makes no link (400, 409, a fault
// before the handler) leaves its slot free; one whose answer is lost after
// the commit keeps it. The limit is apart from the create limit of groups,
// destinations and connections, both ways.
func TestPrivateLinkCreateLimit(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	for i := range 5 {
		c.plCreate(plBody(fmt.Sprintf("link_%d", i)))
		clock.advance(time.Minute)
	}
	status, retry, raw := rawPost(t, c.base, "/private-links", plBody("link_5"))
	if status != 429 || retry != "3300" || !strings.Contains(raw, `"TooManyRequests"`) {
		t.Fatalf("the sixth create in an hour: %d Retry-After %q %s", status, retry, raw)
	}
	clock.advance(54 * time.Minute)
	if status, retry, _ = rawPost(t, c.base, "/private-links", plBody("link_5")); status != 429 || retry != "60" {
		t.Fatalf("a minute before the first slot frees: %d %q", status, retry)
	}
	clock.advance(time.Minute)
	c.plCreate(plBody("link_5"))
	if n := len(emu.PrivateLinks()); n != 6 {
		t.Fatalf("%d links, want 6: a refused create created one", n)
	}
	var limits []string
	for _, rec := range emu.Requests() {
		if rec.Status == 429 {
			if rec.Route != "POST /v1/private-links" || rec.Fault != emulator.FaultRateLimit {
				t.Errorf("request log of a refusal: %+v", rec)
			}
			limits = append(limits, rec.Limit)
		}
	}
	if strings.Join(limits, ",") != emulator.LimitPrivateLinks+","+emulator.LimitPrivateLinks || emulator.LimitPrivateLinks != "private_links" {
		t.Fatalf("the refusals name the limits %v", limits)
	}
}

// TestPrivateLinkCreateLimitScaled: the window scaled down (2 creates per
// 10 s), what counts, and the other create limit.
func TestPrivateLinkCreateLimitScaled(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) {
		o.Now = clock.Now
		o.PrivateLinkCreatesPerHour, o.PrivateLinkCreateWindow = 2, 10*time.Second
		o.CreatesPerMinute, o.CreateWindow = 1, 10*time.Second
	})
	// A group create is counted by the other limit only, and fills it.
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	c.plCreate(plBody("one"))
	// Refused creates made no link and keep no slot: invalid, duplicate,
	// and one a fault stopped in front of the API.
	c.do("POST", "/private-links", map[string]any{"name": "bad-name", "region": "GCP_US_EAST4", "service": "SOURCE_GCP", "config": gcpConfig("x")}, 400, "InvalidInput")
	c.do("POST", "/private-links", plBody("one"), 409, "Conflict")
	emu.InjectNext(emulator.Fault500, 1, "POST", "POST /v1/private-links")
	if status, _, _ := rawPost(t, c.base, "/private-links", plBody("two")); status != 500 {
		t.Fatalf("the injected fault: %d", status)
	}
	clock.advance(3 * time.Second)
	c.plCreate(plBody("two"))
	clock.advance(time.Second)
	status, retry, _ := rawPost(t, c.base, "/private-links", plBody("three"))
	if status != 429 || retry != "6" {
		t.Fatalf("over 2 per 10s: %d Retry-After %q", status, retry)
	}
	// Private link creates did not count against the group and connection
	// limit, which the group filled: a second group is refused by it.
	if status, _, raw := rawPost(t, c.base, "/groups", map[string]any{"name": "g2"}); status != 429 {
		t.Fatalf("the group limit: %d %s", status, raw)
	}
	clock.advance(6 * time.Second)
	// The group limit has a free slot, the private link one too; a
	// connection create does not take the link's.
	c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false, "config": map[string]any{"schema": "gh"}}, 201, "Success")
	// A create whose answer is lost after the commit made its link: it keeps its slot.
	emu.InjectNext(emulator.Fault502AfterCommit, 1, "POST", "POST /v1/private-links")
	c.do("POST", "/private-links", plBody("three"), 502, "BadGateway")
	if status, retry, _ = rawPost(t, c.base, "/private-links", plBody("four")); status != 429 || retry != "3" {
		t.Fatalf("after a create whose answer was lost: %d Retry-After %q", status, retry)
	}
	if n := len(emu.PrivateLinks()); n != 3 {
		t.Fatalf("%d links, want one, two and three", n)
	}
	var limits []string
	for _, rec := range emu.Requests() {
		if rec.Status == 429 {
			limits = append(limits, rec.Route+"="+rec.Limit)
		}
	}
	want := "POST /v1/private-links=private_links,POST /v1/groups=creates,POST /v1/private-links=private_links"
	if strings.Join(limits, ",") != want {
		t.Fatalf("refusals %v, want %s", limits, want)
	}

	// Negative: no limit. Out-of-band creates count against none.
	emu2, c2 := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.PrivateLinkCreatesPerHour = -1 })
	for i := range 8 {
		c2.plCreate(plBody(fmt.Sprintf("l%d", i)))
	}
	emu3, c3 := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	for i := range 7 {
		if _, err := emu3.CreatePrivateLink(fmt.Sprintf("oob_%d", i), "GCP_US_EAST4", "SOURCE_GCP", gcpConfig("x")); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		c3.plCreate(plBody(fmt.Sprintf("l%d", i)))
	}
	c3.do("POST", "/private-links", plBody("l5"), 429, "TooManyRequests")
	if len(emu2.PrivateLinks()) != 8 || len(emu3.PrivateLinks()) != 12 {
		t.Fatalf("links: %d %d", len(emu2.PrivateLinks()), len(emu3.PrivateLinks()))
	}
}

// TestPrivateLinkProvisioning: a link is CREATING for PrivateLinkReadyAfter,
// then OK with its host; a PATCH makes it UPDATING for as long (the host
// stays); FailPrivateLink makes it FAIL until a PATCH; ReadyPrivateLink ends
// CREATING or UPDATING at once. PATCH and DELETE are refused with 409
// IllegalState while the link is being provisioned.
func TestPrivateLinkProvisioning(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.PrivateLinkReadyAfter = 10 * time.Second })
	id := jsonString(t, c.plCreate(plBody("office"))["id"])
	illegal := func(method, state string) {
		t.Helper()
		var body any
		if method == "PATCH" {
			body = map[string]any{"config": gcpConfig("other")}
		}
		c.wantMessage(c.do(method, "/private-links/"+id, body, 409, "IllegalState"), "Private link in "+state+" state is not allowed to perform any operation")
	}
	clock.advance(9 * time.Second)
	if d := c.plWantState(id, "CREATING"); d["host"] != nil {
		t.Fatalf("a host before the link is OK: %v", d)
	}
	illegal("PATCH", "CREATING")
	illegal("DELETE", "CREATING")
	clock.advance(time.Second)
	d := c.plWantState(id, "OK")
	if d["host"] != plHost(id) {
		t.Fatalf("host %v, want %s", d["host"], plHost(id))
	}
	if items := c.do("GET", "/private-links", nil, 200, "Success").items(); len(items) != 1 || items[0]["state"] != "OK" || items[0]["host"] != plHost(id) {
		t.Fatalf("the list: %v", items)
	}

	r := c.do("PATCH", "/private-links/"+id, map[string]any{"config": gcpConfig("other")}, 200, "Success")
	c.wantMessage(r, "Private link has been updated")
	if d := r.data(); d["state"] != "UPDATING" || d["host"] != plHost(id) || fmt.Sprint(d["config"]) != fmt.Sprint(gcpConfig("other")) {
		t.Fatalf("the PATCH's answer: %v", d)
	}
	clock.advance(5 * time.Second)
	c.plWantState(id, "UPDATING")
	illegal("PATCH", "UPDATING")
	illegal("DELETE", "UPDATING")
	clock.advance(5 * time.Second)
	c.plWantState(id, "OK")

	// Out of band: FAIL, with its summary, for as long as nothing changes
	// the config; a PATCH tries again.
	if err := emu.FailPrivateLink(id, "The endpoint service refused the connection."); err != nil {
		t.Fatal(err)
	}
	clock.advance(24 * time.Hour)
	d = c.plWantState(id, "FAIL")
	if d["state_summary"] != "The endpoint service refused the connection." || d["host"] != plHost(id) {
		t.Fatalf("a failed link: %v", d)
	}
	if err := emu.ReadyPrivateLink(id); err == nil {
		t.Fatal("ReadyPrivateLink ended a FAIL")
	}
	c.do("PATCH", "/private-links/"+id, map[string]any{"config": gcpConfig("other")}, 200, "Success")
	c.plWantState(id, "UPDATING")
	if err := emu.ReadyPrivateLink(id); err != nil {
		t.Fatal(err)
	}
	c.plWantState(id, "OK")
	if err := emu.ReadyPrivateLink(id); err != nil {
		t.Fatalf("ReadyPrivateLink of an OK link: %v", err)
	}

	// A link that fails while it is created has no host; FailPrivateLink
	// with no summary gives one.
	other := jsonString(t, c.plCreate(plBody("branch"))["id"])
	if err := emu.FailPrivateLink(other, ""); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Minute)
	if d := c.plWantState(other, "FAIL"); d["host"] != nil {
		t.Fatalf("a link that never was OK has a host: %v", d)
	}
	for _, err := range []error{emu.FailPrivateLink("no_such", "x"), emu.ReadyPrivateLink("no_such")} {
		if err == nil {
			t.Error("an unknown link was accepted")
		}
	}
	// A FAIL link may be deleted.
	c.do("DELETE", "/private-links/"+other, nil, 200, "Success")
	c.plWantState(other, "DESTROYING")
	illegal2 := c.do("PATCH", "/private-links/"+other, map[string]any{"config": gcpConfig("x")}, 409, "IllegalState")
	c.wantMessage(illegal2, "Private link in DESTROYING state is not allowed to perform any operation")
	if err := emu.FailPrivateLink(other, "x"); err == nil {
		t.Error("FailPrivateLink of a link being deleted")
	}
	clock.advance(10 * time.Second)
	c.do("GET", "/private-links/"+other, nil, 404, "NotFound")
}

// TestPrivateLinkReadyAfterZero: with no provisioning time, the write's
// own answer shows the transition and every later read its outcome; a
// delete takes effect at once.
func TestPrivateLinkReadyAfterZero(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now })
	d := c.plCreate(plBody("office"))
	id := jsonString(t, d["id"])
	if d["state"] != "CREATING" || d["host"] != nil {
		t.Fatalf("the create's answer: %v", d)
	}
	if d := c.plWantState(id, "OK"); d["host"] != plHost(id) {
		t.Fatalf("host %v", d["host"])
	}
	if d := c.do("PATCH", "/private-links/"+id, map[string]any{"config": gcpConfig("b")}, 200, "Success").data(); d["state"] != "UPDATING" {
		t.Fatalf("the PATCH's answer: %v", d)
	}
	c.plWantState(id, "OK")
	r := c.do("DELETE", "/private-links/"+id, nil, 200, "Success")
	c.wantMessage(r, "Private link with id '"+id+"' is marked for deletion")
	if _, has := r.body["data"]; has {
		t.Errorf("the delete's answer has data: %s", r.raw)
	}
	c.wantMessage(c.do("GET", "/private-links/"+id, nil, 404, "NotFound"), "Private link not found.")
	if items := c.do("GET", "/private-links", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("a deleted link is listed: %v", items)
	}
	c.plCreate(plBody("office")) // the name is free again

	// OmitNulls leaves the null host out.
	_, c2 := startPx(t, func(o *emulator.Options) { o.OmitNulls = true; o.PrivateLinkReadyAfter = time.Hour })
	id2 := jsonString(t, c2.plCreate(plBody("office"))["id"])
	if h, has := c2.do("GET", "/private-links/"+id2, nil, 200, "Success").data()["host"]; has {
		t.Errorf("OmitNulls: host %v", h)
	}
}

// TestPrivateLinkPatch: only config changes, and the config sent is the
// whole config (an optional key not sent is gone); every other field is
// refused naming it; a refused PATCH changes nothing; an unknown link is a
// plain NotFound.
func TestPrivateLinkPatch(t *testing.T) {
	_, c := startPx(t, nil)
	id := jsonString(t, c.plCreate(map[string]any{"name": "azure_link", "region": "AZURE_EASTUS2", "service": "SOURCE_AZURE",
		"config": map[string]any{"connection_service_id": "/subscriptions/s/x", "sub_resource_name": "sqlServer", "private_dns_records": "db1"}})["id"])
	c.plWantState(id, "OK")
	path := "/private-links/" + id
	for _, tc := range []struct {
		body map[string]any
		msg  string
	}{
		{map[string]any{"name": "renamed", "config": map[string]any{"connection_service_id": "a", "sub_resource_name": "b"}}, "Field 'name' cannot be changed: only config can be updated"},
		{map[string]any{"region": "AZURE_UKSOUTH"}, "Field 'region' cannot be changed: only config can be updated"},
		{map[string]any{"service": "ONELAKE_AZURE"}, "Field 'service' cannot be changed: only config can be updated"},
		{map[string]any{"colour": "red"}, "Field 'colour' cannot be changed: only config can be updated"},
		{map[string]any{}, "Field 'config' is required"},
		{map[string]any{"config": nil}, "Field 'config' is required"},
		{map[string]any{"config": "x"}, "Field 'config' must be an object"},
		{map[string]any{"config": map[string]any{"connection_service_id": "a"}}, "Field 'config.sub_resource_name' is required for service 'SOURCE_AZURE'"},
		{map[string]any{"config": map[string]any{"connection_service_id": "a", "sub_resource_name": "b", "vpce_id": "v"}}, "Field 'config.vpce_id' is not supported for service 'SOURCE_AZURE'"},
	} {
		c.wantMessage(c.do("PATCH", path, tc.body, 400, "InvalidInput"), tc.msg)
	}
	d := c.plWantState(id, "OK")
	if fmt.Sprint(d["config"]) != fmt.Sprint(map[string]any{"connection_service_id": "/subscriptions/s/x", "sub_resource_name": "sqlServer", "private_dns_records": "db1"}) ||
		d["name"] != "azure_link" {
		t.Fatalf("a refused PATCH changed the link: %v", d)
	}
	d = c.do("PATCH", path, map[string]any{"config": map[string]any{"connection_service_id": "/subscriptions/s/y", "sub_resource_name": "sqlServer"}}, 200, "Success").data()
	if fmt.Sprint(d["config"]) != fmt.Sprint(map[string]any{"connection_service_id": "/subscriptions/s/y", "sub_resource_name": "sqlServer"}) {
		t.Fatalf("the config after a PATCH: %v", d["config"])
	}
	for _, call := range [][2]string{{"GET", "/private-links/no_such"}, {"PATCH", "/private-links/no_such"}, {"DELETE", "/private-links/no_such"}} {
		var body any
		if call[0] == "PATCH" {
			body = map[string]any{"config": gcpConfig("x")}
		}
		c.wantMessage(c.do(call[0], call[1], body, 404, "NotFound"), "Private link not found.")
	}
}

// TestPrivateLinkDelete: a link is DESTROYING for PrivateLinkReadyAfter
// after its delete (a GET and the list show it so, and its name stays
// taken), then gone; one that a connection or destination names cannot be
// deleted (409), nor while a connection that named it is being deleted.
func TestPrivateLinkDelete(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) {
		o.Now = clock.Now
		o.PrivateLinkReadyAfter = 4 * time.Second
		o.DeleteDelay = 2 * time.Second
	})
	link := jsonString(t, c.plCreate(plBody("office"))["id"])
	clock.advance(4 * time.Second)
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0", "run_setup_tests": false,
		"networking_method": "PrivateLink", "private_link_id": link}, 201, "Success")
	cid := jsonString(t, c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "gh"}, "networking_method": "PrivateLink", "private_link_id": link}, 201, "Success").data()["id"])
	inUse := func(conns, dests int) {
		t.Helper()
		c.wantMessage(c.do("DELETE", "/private-links/"+link, nil, 409, "Conflict"),
			fmt.Sprintf("Private link '%s' is used by %d connection(s) and %d destination(s). Remove it from them first.", link, conns, dests))
	}
	inUse(1, 1)
	c.do("PATCH", "/destinations/"+gid, map[string]any{"networking_method": "Directly", "private_link_id": nil}, 200, "Success")
	inUse(1, 0)
	c.do("DELETE", "/connections/"+cid, nil, 200, "Success")
	inUse(1, 0) // its delete has not taken effect yet
	clock.advance(2 * time.Second)

	c.do("DELETE", "/private-links/"+link, nil, 200, "Success")
	clock.advance(3 * time.Second)
	c.plWantState(link, "DESTROYING")
	if items := c.do("GET", "/private-links", nil, 200, "Success").items(); len(items) != 1 || items[0]["state"] != "DESTROYING" {
		t.Fatalf("the list while the link is being deleted: %v", items)
	}
	c.do("DELETE", "/private-links/"+link, nil, 409, "IllegalState")
	c.do("POST", "/private-links", plBody("office"), 409, "Conflict") // the name is still taken
	clock.advance(time.Second)
	for _, call := range [][2]string{{"GET", "/private-links/" + link}, {"DELETE", "/private-links/" + link}} {
		c.do(call[0], call[1], nil, 404, "NotFound")
	}
	if items := c.do("GET", "/private-links", nil, 200, "Success").items(); len(items) != 0 {
		t.Fatalf("a gone link is listed: %v", items)
	}
	c.plCreate(plBody("office"))
}

// TestPrivateLinkReferences: a connection's or destination's
// private_link_id must name a link, on create and PATCH (null clears it); a
// DESTROYING link still exists; AnyPrivateLinkID accepts any id.
func TestPrivateLinkReferences(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.PrivateLinkReadyAfter = time.Second })
	link := jsonString(t, c.plCreate(plBody("office"))["id"])
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	unknown := "Private link with id 'no_such' does not exist."
	dest := map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0", "run_setup_tests": false,
		"networking_method": "PrivateLink", "private_link_id": "no_such"}
	c.wantMessage(c.do("POST", "/destinations", dest, 400, "InvalidInput"), unknown)
	conn := map[string]any{"group_id": gid, "service": "github", "run_setup_tests": false, "config": map[string]any{"schema": "gh"},
		"networking_method": "PrivateLink", "private_link_id": "no_such"}
	c.wantMessage(c.do("POST", "/connections", conn, 400, "InvalidInput"), unknown)
	dest["private_link_id"], conn["private_link_id"] = link, link
	c.do("POST", "/destinations", dest, 201, "Success")
	cid := jsonString(t, c.do("POST", "/connections", conn, 201, "Success").data()["id"])
	c.wantMessage(c.do("PATCH", "/connections/"+cid, map[string]any{"private_link_id": "no_such"}, 400, "InvalidInput"), unknown)
	c.wantMessage(c.do("PATCH", "/destinations/"+gid, map[string]any{"private_link_id": "no_such"}, 400, "InvalidInput"), unknown)
	if d := c.do("GET", "/connections/"+cid, nil, 200, "Success").data(); d["private_link_id"] != link {
		t.Fatalf("a refused PATCH changed the connection: %v", d)
	}
	c.do("PATCH", "/connections/"+cid, map[string]any{"networking_method": "Directly", "private_link_id": nil}, 200, "Success")
	c.do("PATCH", "/destinations/"+gid, map[string]any{"networking_method": "Directly", "private_link_id": nil}, 200, "Success")

	clock.advance(time.Second)
	c.do("DELETE", "/private-links/"+link, nil, 200, "Success")
	c.do("PATCH", "/connections/"+cid, map[string]any{"private_link_id": link}, 200, "Success") // DESTROYING: it exists until gone
	c.do("PATCH", "/connections/"+cid, map[string]any{"private_link_id": nil}, 200, "Success")
	clock.advance(time.Second)
	c.wantMessage(c.do("PATCH", "/connections/"+cid, map[string]any{"private_link_id": link}, 400, "InvalidInput"),
		"Private link with id '"+link+"' does not exist.")

	_, anyID := startPx(t, func(o *emulator.Options) { o.AnyPrivateLinkID = true })
	g2 := jsonString(t, anyID.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	dest["group_id"], conn["group_id"] = g2, g2
	dest["private_link_id"], conn["private_link_id"] = "link_one", "link_one"
	anyID.do("POST", "/destinations", dest, 201, "Success")
	anyID.do("POST", "/connections", conn, 201, "Success")
}

// TestPrivateLinkSetupTests: a connection or destination that goes through
// a private link fails its setup tests while the link is not OK, naming
// the link and its state, and passes them once it is OK.
func TestPrivateLinkSetupTests(t *testing.T) {
	clock := newPxClock()
	emu, c := startPx(t, func(o *emulator.Options) { o.Now = clock.Now; o.PrivateLinkReadyAfter = time.Minute })
	link := jsonString(t, c.plCreate(plBody("office"))["id"])
	gid := jsonString(t, c.do("POST", "/groups", map[string]any{"name": "g"}, 201, "Success").data()["id"])
	failed := func(d map[string]any, state, status string) {
		t.Helper()
		tests, _ := d["setup_tests"].([]any)
		want := map[string]any{"title": "Connecting through the private link", "status": "FAILED",
			"message": "Private link '" + link + "' is " + state + ", not OK: nothing can go through it yet. Test again once it is OK."}
		if len(tests) != 1 || fmt.Sprint(tests[0]) != fmt.Sprint(want) {
			t.Fatalf("setup tests %v, want %v", d["setup_tests"], want)
		}
		if s := fmt.Sprint(d["setup_status"], d["status"]); !strings.Contains(s, status) {
			t.Fatalf("state %s, want %s", s, status)
		}
	}
	d := c.do("POST", "/destinations", map[string]any{"group_id": gid, "service": "postgres_warehouse", "time_zone_offset": "0",
		"networking_method": "PrivateLink", "private_link_id": link, "config": map[string]any{"host": "db", "port": 5432}}, 201, "Success").data()
	failed(d, "CREATING", "broken")
	conn := c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "networking_method": "PrivateLink",
		"private_link_id": link, "config": map[string]any{"schema": "gh"}}, 201, "Success").data()
	failed(conn, "CREATING", "broken")
	cid := jsonString(t, conn["id"])
	// A connection that does not go through the link is not affected.
	direct := c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "github", "private_link_id": link,
		"config": map[string]any{"schema": "direct"}}, 201, "Success").data()
	if s := fmt.Sprint(direct["status"]); !strings.Contains(s, "connected") {
		t.Fatalf("a connection not using the link: %s", s)
	}

	clock.advance(time.Minute)
	passes := func() {
		t.Helper()
		for _, path := range []string{"/connections/" + cid + "/test", "/destinations/" + gid + "/test"} {
			r := c.do("POST", path, map[string]any{}, 200, "Success").data()
			tests, _ := r["setup_tests"].([]any)
			if len(tests) == 0 {
				t.Fatalf("%s answered no setup tests", path)
			}
			for _, tst := range tests {
				if asMapT(tst)["status"] == "FAILED" {
					t.Fatalf("%s with the link OK: %v", path, r["setup_tests"])
				}
			}
		}
	}
	passes()
	if err := emu.FailPrivateLink(link, "refused"); err != nil {
		t.Fatal(err)
	}
	failed(c.do("POST", "/connections/"+cid+"/test", map[string]any{}, 200, "Success").data(), "FAIL", "broken")
	c.do("PATCH", "/private-links/"+link, map[string]any{"config": gcpConfig("fixed")}, 200, "Success")
	failed(c.do("POST", "/destinations/"+gid+"/test", map[string]any{}, 200, "Success").data(), "UPDATING", "broken")
	if err := emu.ReadyPrivateLink(link); err != nil {
		t.Fatal(err)
	}
	passes()
}

// TestPrivateLinkList: the list is paged like every list, its items are the
// whole link (config included, as the spec's list item has it), in
// creation order, and it lags writes (ListLag): a new link appears after
// the lag, a changed one shows as it was, a gone one lingers, while a GET by
// id is current.
func TestPrivateLinkList(t *testing.T) {
	clock := newPxClock()
	_, c := startPx(t, func(o *emulator.Options) {
		o.Now = clock.Now
		o.ListLag = 5 * time.Second
		o.PrivateLinkReadyAfter = 2 * time.Second
	})
	var created []string
	for i := range 5 {
		created = append(created, jsonString(t, c.plCreate(plBody(fmt.Sprintf("link_%d", i)))["id"]))
	}
	list := func() map[string]map[string]any {
		t.Helper()
		out := map[string]map[string]any{}
		for _, it := range c.do("GET", "/private-links", nil, 200, "Success").items() {
			out[jsonString(t, it["id"])] = it
		}
		return out
	}
	if items := list(); len(items) != 0 {
		t.Fatalf("new links listed before the lag: %v", items)
	}
	c.plWantState(created[0], "CREATING") // GET by id is current
	clock.advance(5 * time.Second)

	var listed []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("the pages do not end")
		}
		path := "/private-links?limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := c.do("GET", path, nil, 200, "Success")
		c.wantMessage(r, "Private links retrieved successfully")
		items := r.items()
		if len(items) > 2 {
			t.Fatalf("page of %d items with limit 2", len(items))
		}
		for _, it := range items {
			listed = append(listed, jsonString(t, it["id"]))
			if it["state"] != "OK" || fmt.Sprint(it["config"]) != fmt.Sprint(gcpConfig("db")) || it["account_id"] != "emulator_account" {
				t.Errorf("list item %v", it)
			}
		}
		next, _ := r.data()["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if !slices.Equal(listed, created) {
		t.Fatalf("listed %v, want %v in creation order", listed, created)
	}
	c.do("GET", "/private-links?limit=0", nil, 400, "InvalidInput", invalidReq...)
	c.do("GET", "/private-links?cursor=%21%21", nil, 400, "InvalidInput")

	// A PATCH: the list shows the link as it was (OK, the old config) for
	// the lag, while a GET shows UPDATING.
	c.do("PATCH", "/private-links/"+created[1], map[string]any{"config": gcpConfig("new")}, 200, "Success")
	if it := list()[created[1]]; it["state"] != "OK" || fmt.Sprint(it["config"]) != fmt.Sprint(gcpConfig("db")) {
		t.Fatalf("the list right after a PATCH: %v", it)
	}
	clock.advance(5 * time.Second)
	if it := list()[created[1]]; it["state"] != "OK" || fmt.Sprint(it["config"]) != fmt.Sprint(gcpConfig("new")) {
		t.Fatalf("the list after the lag: %v", it)
	}

	// A delete: DESTROYING for 2s, gone after; the list sees each as it was 5s before.
	c.do("DELETE", "/private-links/"+created[2], nil, 200, "Success")
	if it := list()[created[2]]; it["state"] != "OK" {
		t.Fatalf("the list right after the delete: %v", it)
	}
	clock.advance(2 * time.Second)
	c.do("GET", "/private-links/"+created[2], nil, 404, "NotFound")
	if it := list()[created[2]]; it == nil || it["state"] != "OK" {
		t.Fatalf("the list 2s after the delete: %v", it)
	}
	clock.advance(3 * time.Second)
	if it := list()[created[2]]; it == nil || it["state"] != "DESTROYING" {
		t.Fatalf("the list 5s after the delete: %v", it)
	}
	clock.advance(2 * time.Second)
	if items := list(); items[created[2]] != nil || len(items) != 4 {
		t.Fatalf("a gone link is still listed after the lag: %v", items)
	}
}

// TestPrivateLinksPersist: links, their states and their clocks survive a
// restart with the same state file; ids are not handed out again.
func TestPrivateLinksPersist(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "state.json")
	clock := newPxClock()
	opts := func(o *emulator.Options) {
		o.Now = clock.Now
		o.StatePath = statePath
		o.PrivateLinkReadyAfter = 10 * time.Second
	}
	emu, c := startPx(t, opts)
	creating := jsonString(t, c.plCreate(plBody("creating"))["id"])
	failed := jsonString(t, c.plCreate(plBody("failed"))["id"])
	destroying := jsonString(t, c.plCreate(plBody("destroying"))["id"])
	if err := emu.FailPrivateLink(failed, "broken"); err != nil {
		t.Fatal(err)
	}
	if err := emu.ReadyPrivateLink(destroying); err != nil {
		t.Fatal(err)
	}
	c.do("DELETE", "/private-links/"+destroying, nil, 200, "Success")
	before := emu.PrivateLinks()
	emu.Close()

	emu2, c2 := startPx(t, opts)
	if after := emu2.PrivateLinks(); fmt.Sprint(after) != fmt.Sprint(before) || len(after) != 3 {
		t.Fatalf("after a restart:\n%v\nwant\n%v", after, before)
	}
	c2.plWantState(creating, "CREATING")
	c2.plWantState(failed, "FAIL")
	c2.plWantState(destroying, "DESTROYING")
	clock.advance(10 * time.Second)
	c2.plWantState(creating, "OK")
	c2.plWantState(failed, "FAIL")
	c2.do("GET", "/private-links/"+destroying, nil, 404, "NotFound")
	again := jsonString(t, c2.plCreate(plBody("destroying"))["id"])
	if again == creating || again == failed || again == destroying {
		t.Fatalf("an id was handed out again: %s", again)
	}
}

// TestPrivateLinksOutOfBand: the out-of-band helpers and Reset know private
// links, under both kind names.
func TestPrivateLinksOutOfBand(t *testing.T) {
	emu, c := startPx(t, nil)
	made, err := emu.CreatePrivateLink("office", "GCP_US_EAST4", "SOURCE_GCP", gcpConfig("db"))
	if err != nil {
		t.Fatal(err)
	}
	id := jsonString(t, made["id"])
	if made["state"] != "CREATING" || made["name"] != "office" || fmt.Sprint(made["config"]) != fmt.Sprint(gcpConfig("db")) {
		t.Fatalf("CreatePrivateLink: %v", made)
	}
	for _, bad := range []struct {
		name, region, service string
		config                map[string]any
		want                  string
	}{
		{"office", "GCP_US_EAST4", "SOURCE_GCP", gcpConfig("x"), "409"},
		{"x", "GCP_US_EAST4", "SOURCE", gcpConfig("x"), "Field 'service' has an invalid value 'SOURCE'"},
		{"x", "AWS_US_EAST_1", "SOURCE_GCP", gcpConfig("x"), "Region 'AWS_US_EAST_1' is not available for service 'SOURCE_GCP'"},
		{"x", "GCP_US_EAST4", "SOURCE_GCP", nil, "Field 'config' is required"},
		{"x-y", "GCP_US_EAST4", "SOURCE_GCP", gcpConfig("x"), "only letters, digits and underscores"},
	} {
		if _, err := emu.CreatePrivateLink(bad.name, bad.region, bad.service, bad.config); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("CreatePrivateLink(%q, %q, %q): %v, want %q", bad.name, bad.region, bad.service, err, bad.want)
		}
	}
	for _, kind := range []string{"private_link", "private_links"} {
		if got, found := emu.Get(kind, id); !found || got["state"] != "OK" || got["host"] != plHost(id) {
			t.Fatalf("Get(%q): %v %v", kind, got, found)
		}
	}
	if err := emu.Patch("private_link", id, map[string]any{"name": "renamed_elsewhere"}); err != nil {
		t.Fatal(err)
	}
	if d := c.plWantState(id, "OK"); d["name"] != "renamed_elsewhere" {
		t.Fatalf("out-of-band Patch: %v", d)
	}
	second, err := emu.CreatePrivateLink("branch", "GCP_US_EAST4", "SOURCE_GCP", gcpConfig("db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := emu.Delete("private_links", jsonString(t, second["id"])); err != nil {
		t.Fatal(err)
	}
	if all := emu.PrivateLinks(); len(all) != 1 || all[0]["id"] != id {
		t.Fatalf("PrivateLinks after an out-of-band delete: %v", all)
	}
	emu.Reset()
	if all := emu.PrivateLinks(); len(all) != 0 {
		t.Fatalf("Reset kept private links: %v", all)
	}
	c.do("GET", "/private-links/"+id, nil, 404, "NotFound")
	if again := c.plCreate(plBody("office")); again["id"] == id {
		t.Fatal("an id was reused after Reset")
	}
	if _, err := emulator.New(emulator.Options{APIKey: "k", APISecret: "s", PrivateLinkReadyAfter: -time.Second}); err == nil {
		t.Error("a negative PrivateLinkReadyAfter was accepted")
	}
	if _, err := emulator.New(emulator.Options{APIKey: "k", APISecret: "s", PrivateLinkCreateWindow: -time.Second}); err == nil {
		t.Error("a negative PrivateLinkCreateWindow was accepted")
	}
}

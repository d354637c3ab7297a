package fivetran

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var privateLinkData = map[string]any{
	"id": "pl1", "name": "pg_link", "region": "AWS_US_EAST_1", "service": "SOURCE_AWS",
	"cloud_provider": "AWS", "state": "CREATING", "state_summary": "Being created", "host": nil,
	"account_id": "acc1", "created_at": "2024-03-01T10:00:00.000000Z", "created_by": "user1",
	"config": map[string]any{"connection_service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-1", "extra": nil, "n": 5},
}

func TestPrivateLinkCallsHitRightEndpoint(t *testing.T) {
	ctx := context.Background()
	cfg := map[string]string{"connection_service_name": "svc"}
	cases := []struct {
		name                      string
		call                      func(*Client) error
		method, path, query, body string
	}{
		{"CreatePrivateLink", func(c *Client) error {
			_, err := c.CreatePrivateLink(ctx, PrivateLinkCreate{Name: "pg_link", Region: "AWS_US_EAST_1", Service: "SOURCE_AWS", Config: cfg})
			return err
		}, "POST", "/v1/private-links", "", `{"name":"pg_link","region":"AWS_US_EAST_1","service":"SOURCE_AWS","config":{"connection_service_name":"svc"}}`},
		{"GetPrivateLink", func(c *Client) error { _, err := c.GetPrivateLink(ctx, "pl 1"); return err }, "GET", "/v1/private-links/pl%201", "", ""},
		{"ListPrivateLinks", func(c *Client) error { _, err := c.ListPrivateLinks(ctx); return err }, "GET", "/v1/private-links", "limit=1000", ""},
		{"UpdatePrivateLink", func(c *Client) error { _, err := c.UpdatePrivateLink(ctx, "pl1", cfg); return err },
			"PATCH", "/v1/private-links/pl1", "", `{"config":{"connection_service_name":"svc"}}`},
		{"DeletePrivateLink", func(c *Client) error { return c.DeletePrivateLink(ctx, "pl/1") }, "DELETE", "/v1/private-links/pl%2F1", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ok := okData(privateLinkData)
			if tc.name == "ListPrivateLinks" {
				ok = okData(map[string]any{"items": []any{privateLinkData}})
			}
			s, srv := serve(t, ok)
			if err := tc.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatal(err)
			}
			_, r, body := s.at(0)
			if r.Method != tc.method || r.URL.EscapedPath() != tc.path || r.URL.RawQuery != tc.query || r.Header.Get("Accept") != acceptV1 {
				t.Errorf("got %s %s?%s (Accept %s), want %s %s?%s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Get("Accept"), tc.method, tc.path, tc.query)
			}
			if !jsonEq(t, body, tc.body) {
				t.Errorf("body %s, want %s", body, tc.body)
			}
		})
	}
}

// The config's values are strings; a null is absent and another scalar is
// kept as its JSON text rather than failing the whole answer.
func TestPrivateLinkDecoded(t *testing.T) {
	_, srv := serve(t, okData(privateLinkData))
	got, err := newTestClient(t, srv.URL).GetPrivateLink(context.Background(), "pl1")
	if err != nil {
		t.Fatal(err)
	}
	want := PrivateLink{ID: "pl1", Name: "pg_link", Region: "AWS_US_EAST_1", Service: "SOURCE_AWS", CloudProvider: "AWS",
		State: "CREATING", StateSummary: "Being created", AccountID: "acc1", CreatedAt: "2024-03-01T10:00:00.000000Z",
		CreatedBy: "user1", Config: PrivateLinkConfig{"connection_service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-1", "n": "5"}}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got %+v\nwant %+v", *got, want)
	}
}

func TestCreatePrivateLinkWithoutID(t *testing.T) {
	_, srv := serve(t, okData(map[string]any{"name": "x"}))
	if _, err := newTestClient(t, srv.URL).CreatePrivateLink(context.Background(), PrivateLinkCreate{Name: "x"}); err == nil || !strings.Contains(err.Error(), "no id") {
		t.Fatalf("err %v, want one about the missing id", err)
	}
}

// A create is never sent twice once it may have reached Fivetran.
func TestPrivateLinkCreateNotRepeated(t *testing.T) {
	for fault, h := range map[string]http.HandlerFunc{
		"500":         status(http.StatusInternalServerError, "InternalError", "boom"),
		"lost answer": dropConnection,
	} {
		t.Run(fault, func(t *testing.T) {
			s, srv := serve(t, h, okData(privateLinkData))
			_, err := newTestClient(t, srv.URL).CreatePrivateLink(context.Background(), PrivateLinkCreate{Name: "pg_link"})
			if !IsOutcomeUnknown(err) || s.count() != 1 {
				t.Fatalf("err %v after %d requests, want an unknown outcome after 1", err, s.count())
			}
		})
	}
}

// A create's 429 comes from a limit counted in hours: it is returned at
// once with its Retry-After, neither retried nor slowing the other creates,
// nor holding back other requests.
func TestPrivateLinkCreateLimitReturned(t *testing.T) {
	limited := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "1800")
		writeEnv(w, http.StatusTooManyRequests, "TooManyRequests", "Private link creation limit reached", nil)
	}
	s, srv := serve(t, limited, okData(privateLinkData), okData(privateLinkData))
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	_, err := c.CreatePrivateLink(ctx, PrivateLinkCreate{Name: "pg_link"})
	wait, is429 := IsTooManyRequests(err)
	if !is429 || wait != 30*time.Minute || s.count() != 1 {
		t.Fatalf("err %v (429: %v, Retry-After %s) after %d requests; want a 429 with 30m after 1", err, is429, wait, s.count())
	}
	c.pace.mu.Lock()
	paced, gate := c.pace.creates.active, c.pace.gate
	c.pace.mu.Unlock()
	if paced || !gate.IsZero() {
		t.Errorf("after the 429: creates paced %v, every request held until %v; want neither", paced, gate)
	}
	start := time.Now()
	if _, err := c.GetPrivateLink(ctx, "pl1"); err != nil || time.Since(start) > time.Second {
		t.Errorf("a GET after the 429: %v in %s", err, time.Since(start))
	}
}

func TestPrivateLinkErrors(t *testing.T) {
	ctx := context.Background()
	_, srv := serve(t,
		status(http.StatusConflict, "IllegalState", "Private link in CREATING state is not allowed to perform any operation"),
		status(http.StatusNotFound, "NotFound", "Private link not found."),
		status(http.StatusConflict, "Conflict", "in use"))
	c := newTestClient(t, srv.URL)
	_, err := c.UpdatePrivateLink(ctx, "pl1", map[string]string{"a": "b"})
	if !IsIllegalState(err) {
		t.Errorf("PATCH while busy: %v, want IllegalState", err)
	}
	_, err = c.GetPrivateLink(ctx, "pl1")
	if !IsNotFoundKind(err, KindPrivateLink) || IsNotFoundKind(err, KindGroup) {
		t.Errorf("GET of an unknown link: %v", err)
	}
	err = c.DeletePrivateLink(ctx, "pl1")
	if !IsConflict(err) || IsIllegalState(err) {
		t.Errorf("DELETE in use: %v", err)
	}
	if _, is429 := IsTooManyRequests(err); is429 {
		t.Error("a 409 counted as a 429")
	}
}

func TestPrivateLinkServices(t *testing.T) {
	if !slices.IsSortedFunc(PrivateLinkServices, func(a, b PrivateLinkService) int { return strings.Compare(a.Name, b.Name) }) {
		t.Fatal("PrivateLinkServices is not sorted: LookupPrivateLinkService would miss")
	}
	for _, s := range PrivateLinkServices {
		got, ok := LookupPrivateLinkService(s.Name)
		if !ok || got.Name != s.Name {
			t.Errorf("%s not found", s.Name)
		}
		if !strings.HasSuffix(s.Name, "_"+s.Cloud) || len(s.Required) == 0 {
			t.Errorf("%s: cloud %s, required %v", s.Name, s.Cloud, s.Required)
		}
	}
	if _, ok := LookupPrivateLinkService("SOURCE_MARS"); ok {
		t.Error("an unknown service was found")
	}
	for _, r := range PrivateLinkRegions {
		if RegionCloud(r) == "" {
			t.Errorf("region %s has no cloud", r)
		}
	}
	if RegionCloud("MARS_1") != "" || RegionCloud("AWSX_1") != "" {
		t.Error("a region outside the three clouds got one")
	}
	if PrivateLinkBusy(PrivateLinkOK) || PrivateLinkBusy(PrivateLinkFailed) || !PrivateLinkBusy(PrivateLinkCreating) {
		t.Error("PrivateLinkBusy")
	}
}

package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The resource page's table of services and their config keys is written
// by hand: it must say what the provider checks.
func TestPrivateLinkDocTable(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "templates", "resources", "private_link.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "| `") {
			cells := strings.Split(line, "|")
			rows[strings.Trim(strings.TrimSpace(cells[1]), "`")] = line
		}
	}
	if len(rows) != len(fivetran.PrivateLinkServices) {
		t.Errorf("the table has %d services, the provider %d", len(rows), len(fivetran.PrivateLinkServices))
	}
	for _, s := range fivetran.PrivateLinkServices {
		cells := strings.Split(rows[s.Name], "|")
		if len(cells) < 4 {
			t.Errorf("%s: no row", s.Name)
			continue
		}
		want := func(keys []string) string {
			q := make([]string, len(keys))
			for i, k := range keys {
				q[i] = "`" + k + "`"
			}
			return strings.Join(q, ", ")
		}
		if got := strings.TrimSpace(cells[2]); got != want(s.Required) {
			t.Errorf("%s: required %s in the table, %s in the provider", s.Name, got, want(s.Required))
		}
		if got := strings.TrimSpace(cells[3]); got != want(s.Optional) {
			t.Errorf("%s: optional %s in the table, %s in the provider", s.Name, got, want(s.Optional))
		}
	}
}

func TestPrivateLinkConfigProblems(t *testing.T) {
	for _, tc := range []struct {
		service string
		config  map[string]string
		want    []string
	}{
		{"SOURCE_AWS", map[string]string{"connection_service_name": "x"}, nil},
		{"SOURCE_AZURE", map[string]string{"connection_service_id": "x", "sub_resource_name": "sql", "private_dns_records": "a"}, nil},
		{"SOURCE_AZURE", map[string]string{"connection_service_id": "x"}, []string{`needs the key "sub_resource_name"`}},
		{"SOURCE_AWS", map[string]string{"connection_service_name": "x", "vpce_id": "secret-value"}, []string{`takes no key "vpce_id"`}},
		{"SOURCE_AWS", map[string]string{"connection_service_name": " "}, []string{`"connection_service_name" is empty`}},
		{"SOURCE_MARS", map[string]string{"a": "b"}, nil}, // the service's validator reports it
	} {
		got := privateLinkConfigProblems(tc.service, tc.config)
		if len(got) != len(tc.want) {
			t.Errorf("%s %v: %v, want %v", tc.service, tc.config, got, tc.want)
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i], w) || strings.Contains(got[i], "secret-value") {
				t.Errorf("%s: %q, want it to say %q and quote no value", tc.service, got[i], w)
			}
		}
	}
	if p := privateLinkRegionProblem("SOURCE_AWS", "GCP_US_EAST4"); !strings.Contains(p, "lives in AWS") {
		t.Errorf("region problem: %q", p)
	}
	if p := privateLinkRegionProblem("SOURCE_GCP", "GCP_US_EAST4"); p != "" {
		t.Errorf("a GCP region for a GCP service: %q", p)
	}
}

// privateLinkCreatedBy adopts only a link with the name created since the
// lost create was sent (less the clock skew allowed).
func TestPrivateLinkCreatedBy(t *testing.T) {
	sent := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	links := []fivetran.PrivateLink{
		{ID: "old", Name: "erp", CreatedAt: sent.Add(-time.Hour).Format(time.RFC3339Nano)},
		{ID: "other", Name: "crm", CreatedAt: sent.Format(time.RFC3339Nano)},
	}
	if _, ok := privateLinkCreatedBy(links, "erp", sent); ok {
		t.Error("an hour-old link was taken for the lost create's")
	}
	links = append(links, fivetran.PrivateLink{ID: "new", Name: "erp", CreatedAt: sent.Add(-time.Minute).Format(time.RFC3339Nano)})
	if l, ok := privateLinkCreatedBy(links, "erp", sent); !ok || l.ID != "new" {
		t.Errorf("got %v %v, want the new link", l, ok)
	}
}

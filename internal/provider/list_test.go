package provider

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// TestNamePattern: the list filters' `name` is a whole-name glob with `*`
// and `?`; everything else, regular-expression characters included, matches
// itself.
func TestNamePattern(t *testing.T) {
	cases := []struct {
		glob, name string
		want       bool
	}{
		{"analytics", "analytics", true},
		{"analytics", "analytics_old", false},
		{"analytics*", "analytics_old", true},
		{"*", "", true},
		{"*_db", "app_db", true},
		{"*_db", "app_db2", false},
		{"files.*", "files.orders", true},
		{"files.*", "filesXorders", false}, // "." is no wildcard
		{"t?", "t1", true},
		{"t?", "t12", false},
		{"a+b", "a+b", true},
		{"a+b", "aab", false},
		{"[x]", "[x]", true},
		{"[x]", "x", false},
		{"Sales", "sales", false}, // case-sensitive
	}
	for _, c := range cases {
		if got := compileNamePattern(types.StringValue(c.glob)).matches(c.name); got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.glob, c.name, got, c.want)
		}
	}
	if p := compileNamePattern(types.StringNull()); !p.matches("anything") {
		t.Error("no pattern must match every name")
	}
	if p := compileNamePattern(types.StringValue("app_db")); p.literal != "app_db" {
		t.Errorf("a pattern without wildcards is the literal name (sent to Fivetran as a filter), got %q", p.literal)
	}
	if p := compileNamePattern(types.StringValue("app*")); p.literal != "" {
		t.Errorf("a pattern with wildcards has no literal, got %q", p.literal)
	}
}

// TestListFilterRule: the destination and connection lists share one
// filter rule. A destination goes by its group everywhere: filtered, named
// and ordered by its group's id and name, also when its own id differs from
// its group id. service is compared ignoring case in both lists.
func TestListFilterRule(t *testing.T) {
	groups := []fivetran.Group{{ID: "grp_b", Name: "alpha"}, {ID: "grp_a", Name: "beta"}}
	dests := []fivetran.Destination{
		{ID: "dest_1", GroupID: "grp_a", Service: "snowflake"},
		{ID: "dest_2", GroupID: "grp_b", Service: "Snowflake"},
	}
	got := destinationListing(dests, groups, listFilter{GroupID: types.StringNull(), Service: types.StringValue("snowflake"), Name: types.StringNull()})
	want := []listed{{id: "dest_2", displayName: "alpha (Snowflake)"}, {id: "dest_1", displayName: "beta (snowflake)"}}
	if !slices.Equal(got, want) {
		t.Errorf("destinations: got %v, want %v (named and ordered by their group's name; service ignoring case)", got, want)
	}
	got = destinationListing(dests, groups, listFilter{GroupID: types.StringValue("grp_a"), Service: types.StringNull(), Name: types.StringValue("b*")})
	if want := []listed{{id: "dest_1", displayName: "beta (snowflake)"}}; !slices.Equal(got, want) {
		t.Errorf("destinations of group grp_a named b*: got %v, want %v", got, want)
	}

	conns := []fivetran.Connection{
		{ID: "c1", GroupID: "grp_a", Service: "Postgres", Schema: "app_db"},
		{ID: "c2", GroupID: "grp_a", Service: "github", Schema: "github"},
		{ID: "c3", GroupID: "grp_b", Service: "postgres", Schema: "eu_db"},
	}
	got = connectionListing(conns, listFilter{GroupID: types.StringNull(), Service: types.StringValue("postgres"), Name: types.StringValue("*_db")})
	want = []listed{{id: "c1", displayName: "app_db (Postgres, group grp_a)"}, {id: "c3", displayName: "eu_db (postgres, group grp_b)"}}
	if !slices.Equal(got, want) {
		t.Errorf("connections: got %v, want %v (service ignoring case, as for destinations)", got, want)
	}
}

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
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

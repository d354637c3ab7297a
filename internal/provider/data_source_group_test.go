package provider

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// checkRoutes checks the emulator's request log: every request went to one
// of the given routes, and the counts per route are in the given ratio
// (weights), so that "one GET per read" is checked however many times
// Terraform read the data sources in the step.
func checkRoutes(em *emulator.Running, weights map[string]int) error {
	counts := em.Counts()
	var others []string
	for route, n := range counts {
		if _, ok := weights[route]; !ok {
			others = append(others, fmt.Sprintf("%s ×%d", route, n))
		}
	}
	if len(others) > 0 {
		sort.Strings(others)
		return fmt.Errorf("unexpected API calls: %s (all: %v)", strings.Join(others, ", "), counts)
	}
	reads := -1
	for route, w := range weights {
		n := counts[route]
		if n == 0 || n%w != 0 || (reads >= 0 && n/w != reads) {
			return fmt.Errorf("API calls not in the expected ratio %v: %v", weights, counts)
		}
		reads = n / w
	}
	return nil
}

// TestAccGroupDataSource: a group by id (one GET per read) and by name (one
// list per read), with the same attributes either way.
func TestAccGroupDataSource(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := jsonAs[string](t, em.CreateGroup("analytics")["id"])
	em.CreateGroup("marketing")
	em.ResetRequests()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(em) + fmt.Sprintf(`
data "fivetran_group" "by_id" {
  id = %q
}
`, gid),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_group.by_id", tfjsonpath.New("name"), knownvalue.StringExact("analytics")),
					statecheck.ExpectKnownValue("data.fivetran_group.by_id", tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
				},
				Check: func(*terraform.State) error {
					return checkRoutes(em, map[string]int{"GET /v1/groups/{id}": 1})
				},
			},
			{
				PreConfig: em.ResetRequests,
				Config: providerConfig(em) + `
data "fivetran_group" "by_name" {
  name = "analytics"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.fivetran_group.by_name", tfjsonpath.New("id"), knownvalue.StringExact(gid)),
					statecheck.ExpectKnownValue("data.fivetran_group.by_name", tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				Check: func(*terraform.State) error {
					return checkRoutes(em, map[string]int{"GET /v1/groups": 1})
				},
			},
		},
	})
}

// TestAccGroupDataSource_errors: not found by id or by name (with a
// did-you-mean), a name two groups share (both ids listed), and the
// exactly-one-of rule on id and name.
func TestAccGroupDataSource_errors(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	em.CreateGroup("analytics")
	dup1 := jsonAs[string](t, em.CreateGroup("shared")["id"])
	dup2 := jsonAs[string](t, em.CreateGroup("shared")["id"])
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: providerConfig(em) + body, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			step(`
data "fivetran_group" "g" {
  id = "no_such_group"
}
`, `(?s)Group not found.*no group with id\s+"no_such_group"`),
			step(`
data "fivetran_group" "g" {
  name = "analytic"
}
`, `(?s)Group not found.*no group named\s+"analytic".*Did\s+you\s+mean\s+"analytics"\?`),
			step(`
data "fivetran_group" "g" {
  name = "shared"
}
`, fmt.Sprintf(`(?s)Ambiguous group name.*2 groups are named\s+"shared".*(%[1]s \(created \d{4}-.*%[2]s \(created \d{4}-|%[2]s \(created \d{4}-.*%[1]s \(created \d{4}-)`,
				regexp.QuoteMeta(dup1), regexp.QuoteMeta(dup2))),
			step(`
data "fivetran_group" "g" {
  id   = "abc"
  name = "analytics"
}
`, `(?s)Invalid Attribute Combination.*Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[id,name\]`),
			step(`
data "fivetran_group" "g" {
}
`, `(?s)Missing Attribute Configuration.*Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[id,name\]`),
		},
	})
}

// TestAccGroupsDataSource: every group, by exact name (duplicates kept), and
// by a case-insensitive substring, ordered by name.
func TestAccGroupsDataSource(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	for _, n := range []string{"sales_us", "marketing", "sales_eu", "sales_eu"} {
		em.CreateGroup(n)
	}
	em.ResetRequests()
	name := func(addr string, i int, want string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New("groups").AtSliceIndex(i).AtMapKey("name"), knownvalue.StringExact(want))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(em) + `
data "fivetran_groups" "all" {}

data "fivetran_groups" "eu" {
  name = "sales_eu"
}

data "fivetran_groups" "sales" {
  name_contains = "SALES"
}

data "fivetran_groups" "none" {
  name = "nothing"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.fivetran_groups.all", tfjsonpath.New("id"), knownvalue.StringExact("groups")),
				statecheck.ExpectKnownValue("data.fivetran_groups.all", tfjsonpath.New("groups"), knownvalue.ListSizeExact(4)),
				name("data.fivetran_groups.all", 0, "marketing"),
				name("data.fivetran_groups.all", 3, "sales_us"),
				statecheck.ExpectKnownValue("data.fivetran_groups.all", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.fivetran_groups.all", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("created_at"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.fivetran_groups.eu", tfjsonpath.New("groups"), knownvalue.ListSizeExact(2)),
				name("data.fivetran_groups.eu", 1, "sales_eu"),
				statecheck.ExpectKnownValue("data.fivetran_groups.sales", tfjsonpath.New("groups"), knownvalue.ListSizeExact(3)),
				name("data.fivetran_groups.sales", 2, "sales_us"),
				statecheck.ExpectKnownValue("data.fivetran_groups.none", tfjsonpath.New("groups"), knownvalue.ListExact([]knownvalue.Check{})),
			},
			Check: func(*terraform.State) error {
				return checkRoutes(em, map[string]int{"GET /v1/groups": 1})
			},
		}},
	})
}

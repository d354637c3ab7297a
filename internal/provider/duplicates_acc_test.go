package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// TestAccDuplicateGuard: a plan that creates a destination for a group that
// has one, or a connection whose name its group already has, warns at the
// attribute, naming the existing object's id and how to adopt it; one
// look-up per group answers for every resource in it. A connection with a
// free name gets no warning, nor do objects whose group is created in the
// same apply (its id unknown at plan), nor a tainted connection, whose
// replacement finds its own object in Fivetran (at plan, and again at the
// apply's own plan, after its delete, while the list still shows it).
func TestAccDuplicateGuard(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	gid := dsDestinationFixture(t, em, "warehouse")
	cid := dsConnection(t, em, dsPostgres(gid, "app_db"))
	destination := func(name, groupID string) string {
		return fmt.Sprintf(`
resource "fivetran_destination" %q {
  group_id         = %s
  service          = "postgres_warehouse"
  region           = "AWS_EU_CENTRAL_1"
  time_zone_offset = "-5"
  run_setup_tests  = false
  config = {
    host     = "warehouse.internal"
    port     = 5432
    database = "dw"
    user     = "loader"
    password = "dest-secret-1234"
  }
}
`, name, groupID)
	}
	connection := func(name, groupID, prefix string) string {
		return fmt.Sprintf(`
resource "fivetran_connection" %q {
  group_id           = %s
  service            = "postgres"
  run_setup_tests    = false
  paused             = true
  destination_schema = { prefix = %q }
  config = {
    host          = "db.internal"
    port          = 5432
    database      = "app"
    user          = "fivetran"
    password      = "conn-secret-5521"
    update_method = "XMIN"
  }
}
`, name, groupID, prefix)
	}
	tf := newTFRunner(t, emulatorEnv(em.URL)...)
	const provider = `
provider "fivetran" {
  max_retries = 1
}
`
	literal := fmt.Sprintf("%q", gid)
	tf.write("main.tf", requiredProviders+provider+destination("again", literal)+
		connection("again", literal, "app_db")+connection("other", literal, "other_db"))
	em.ResetRequests()
	out := tf.must("plan")
	flat := strings.Join(strings.Fields(out), " ") // Terraform wraps the text
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)Warning: Destination already exists for this group.*with fivetran_destination\.again,.*group_id = "` +
			gid + `".*moved block.*an import block with to = <this resource.s address> and id = "` + gid + `"`),
		regexp.MustCompile(`(?s)Warning: Connection name already used in its group.*with fivetran_connection\.again,.*` +
			`destination_schema = \{ prefix = "app_db" \}.*\(id "` + cid + `"\).*moved block.*id = "` + cid + `"`),
		regexp.MustCompile(`Plan: 3 to add`),
	} {
		if !want.MatchString(flat) {
			t.Fatalf("plan of a second destination and connection: want %s, got:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "already used in its group"); n != 1 {
		t.Errorf("want one connection warning (other_db is free), got %d:\n%s", n, out)
	}
	counts := em.Counts()
	if d, l := counts["GET /v1/destinations/{id}"], counts["GET /v1/groups/{id}/connections"]; d != 1 || l != 1 {
		t.Errorf("look-ups: %d GETs of the destination and %d lists of the group's connections, want 1 and 1", d, l)
	}

	// The group is created in the same apply: nothing to look up. Then a
	// tainted connection is replaced without a warning.
	tf.write("main.tf", requiredProviders+provider+`
resource "fivetran_group" "fresh" {
  name = "fresh"
}
`+destination("fresh", "fivetran_group.fresh.id")+connection("fresh", "fivetran_destination.fresh.group_id", "fresh_db"))
	if out := tf.must("apply", "-auto-approve"); strings.Contains(out, "Warning: ") && !strings.Contains(out, "development overrides") {
		t.Fatalf("apply of a new group, destination and connection: want no warning, got:\n%s", out)
	}
	tf.must("taint", "fivetran_connection.fresh")
	out = tf.must("apply", "-auto-approve")
	if strings.Contains(out, "already used in its group") || !strings.Contains(out, "1 added, 0 changed, 1 destroyed") {
		t.Fatalf("replacement of a tainted connection: want it replaced without a warning, got:\n%s", out)
	}
	tf.must("destroy", "-auto-approve")
}

// TestAccDuplicateGuard_groupName: a group whose name another group has
// fails the plan, naming that group's id and how to adopt it, and nothing is
// created; with allow_duplicate_group_names = true it is a warning and the
// plan goes on. A free name gets nothing, nor does a name only a group
// deleted a moment ago had (a lagging list still shows it; its GET says it
// is gone). A failed look-up is a warning, and the plan goes on. Two
// resources given one new name in one apply: the second create is refused,
// and Fivetran holds one group of that name.
func TestAccDuplicateGuard_groupName(t *testing.T) {
	accPreCheck(t)
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	em := startEmulatorWith(t, emulator.Options{ListLag: 10 * time.Minute, Now: clock})
	gid := dsDestinationFixture(t, em, "warehouse")
	ghost := jsonAs[string](t, em.CreateGroup("ghost")["id"])
	advance(20 * time.Minute) // both listed now
	if err := em.Delete("group", ghost); err != nil {
		t.Fatal(err)
	}
	tf := newTFRunner(t, emulatorEnv(em.URL)...)
	groups := func(settings string, names ...string) string {
		cfg := requiredProviders + "provider \"fivetran\" {\n  max_retries = 1\n" + settings + "}\n"
		for i, name := range names {
			cfg += fmt.Sprintf("resource \"fivetran_group\" \"g%d\" {\n  name = %q\n}\n", i, name)
		}
		return cfg
	}
	named := func(name string) int {
		n := 0
		for _, g := range em.Groups() {
			if g["name"] == name {
				n++
			}
		}
		return n
	}

	tf.write("main.tf", groups("", "warehouse"))
	out, code := tf.run("apply", "-auto-approve")
	flat := strings.Join(strings.Fields(out), " ")
	if code == 0 || !regexp.MustCompile(`Error: A group with this name exists already.*with fivetran_group\.g0,.*name = "warehouse".*\(id "`+
		gid+`"\).*import block with to = <this resource.s address> and id = "`+gid+`".*allow_duplicate_group_names = true`).MatchString(flat) {
		t.Fatalf("apply of a group named like an existing one: want an error at plan naming %s, got (exit %d):\n%s", gid, code, out)
	}
	if n := named("warehouse"); n != 1 {
		t.Fatalf("%d groups named warehouse after the refused apply, want 1", n)
	}

	tf.write("main.tf", groups("  allow_duplicate_group_names = true\n", "warehouse"))
	out = tf.must("plan")
	if !strings.Contains(out, "Warning: A group with this name exists already") || !strings.Contains(out, gid) || !strings.Contains(out, "1 to add") {
		t.Fatalf("allow_duplicate_group_names = true: want a warning naming %s and the plan, got:\n%s", gid, out)
	}

	tf.write("main.tf", groups("", "lakehouse", "ghost"))
	if out := tf.must("plan"); strings.Contains(out, "A group with this name") || !strings.Contains(out, "2 to add") {
		t.Fatalf("plan of a free name and of a deleted group's name: want no diagnostic, got:\n%s", out)
	}

	em.InjectNext(emulator.Fault503, 2, http.MethodGet, "/v1/groups")
	out = tf.must("plan")
	if !strings.Contains(out, "Warning: Unable to check for an existing group") || !strings.Contains(out, "2 to add") {
		t.Fatalf("a failed look-up: want a warning and the plan, got:\n%s", out)
	}

	tf.write("main.tf", groups("", "twin", "twin"))
	out, code = tf.run("apply", "-auto-approve")
	if code == 0 || !strings.Contains(out, "Error: A group with this name exists already") || strings.Count(out, "Creation complete") != 1 {
		t.Fatalf("two resources with one new name: want one created and the other refused, got (exit %d):\n%s", code, out)
	}
	if n := named("twin"); n != 1 {
		t.Fatalf("%d groups named twin, want 1", n)
	}
	tf.write("main.tf", groups("", "twin"))
	tf.must("apply", "-auto-approve")
	tf.must("destroy", "-auto-approve")
}

// TestAccDuplicateGuard_groupReplacedCreateFirst: a group replaced with
// -replace and create_before_destroy never ends as two groups. Where the
// apply's own plan of the create has read nothing (Terraform 1.5; now and
// then 1.14), it cannot tell the old group from someone else's: it refuses
// the create, nothing is created, and Terraform keeps the old group deposed.
// Removing create_before_destroy does not get out of that;
// allow_duplicate_group_names = true for one apply does. Where it has met
// the old group, the replacement completes at once. Either way the
// replacement ends with one new group and an empty plan.
func TestAccDuplicateGuard_groupReplacedCreateFirst(t *testing.T) {
	accPreCheck(t)
	em := startEmulator(t)
	tf := newTFRunner(t, emulatorEnv(em.URL)...)
	cfg := func(settings string) string {
		return requiredProviders + "provider \"fivetran\" {\n  max_retries = 1\n" + settings + "}\n" + `
resource "fivetran_group" "g" {
  name = "replaced"
  lifecycle {
    create_before_destroy = true
  }
}
`
	}
	ids := func() []string {
		var out []string
		for _, g := range em.Groups() {
			out = append(out, jsonAs[string](t, g["id"]))
		}
		return out
	}
	tf.write("main.tf", cfg(""))
	tf.must("apply", "-auto-approve")
	old := ids()
	out, code := tf.run("apply", "-auto-approve", "-replace=fivetran_group.g")
	if code != 0 {
		t.Logf("the create was refused (exit %d); completing the replacement with allow_duplicate_group_names", code)
		if !strings.Contains(out, "Error: A group with this name exists already") ||
			!strings.Contains(strings.Join(strings.Fields(out), " "), "apply it with allow_duplicate_group_names = true in the provider block") {
			t.Fatalf("apply of the replacement: want the create refused with the way out, got (exit %d):\n%s", code, out)
		}
		if got := ids(); !slices.Equal(got, old) {
			t.Fatalf("groups after the refused replacement: %v, want only %v", got, old)
		}
		tf.write("main.tf", cfg("  allow_duplicate_group_names = true\n"))
		out = tf.must("apply", "-auto-approve")
	}
	if !strings.Contains(out, "1 added, 0 changed, 1 destroyed") {
		t.Fatalf("want the replacement completed, got:\n%s", out)
	}
	if got := ids(); len(got) != 1 || got[0] == old[0] {
		t.Fatalf("groups after the replacement: %v, want one new group", got)
	}
	tf.write("main.tf", cfg(""))
	if out, code := tf.run("plan", "-detailed-exitcode"); code != 0 {
		t.Fatalf("plan after the replacement: exit %d, want 0:\n%s", code, out)
	}
	tf.must("destroy", "-auto-approve")
}

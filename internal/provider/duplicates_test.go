package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// TestRefuseGroupCreateHoldsTheName: a group's create holds its name until
// it is created or released, so a second create of that name in the same
// process is refused meanwhile; a create refused because the name exists
// holds nothing, so a later create of that name is refused for the
// existing group, not for a create in flight.
func TestRefuseGroupCreateHoldsTheName(t *testing.T) {
	em := startEmulator(t)
	c := testClient(t, em)
	ctx := context.Background()
	existing := jsonAs[string](t, em.CreateGroup("taken")["id"])
	g := &duplicateGuard{}
	refuse := func(name string) (string, func()) {
		var diags diag.Diagnostics
		release := g.refuseGroupCreate(ctx, c, name, &diags)
		if !diags.HasError() {
			return "", release
		}
		return diags.Errors()[0].Detail(), release
	}

	for range 2 {
		got, _ := refuse("taken")
		if !strings.Contains(got, `Fivetran already has a group with this name (id "`+existing+`")`) {
			t.Fatalf("create of an existing group's name: got %q, want the existing group named", got)
		}
	}

	got, release := refuse("fresh")
	if got != "" {
		t.Fatalf("first create of a free name: refused with %q", got)
	}
	if got, _ := refuse("fresh"); !strings.Contains(got, "Another resource of this apply is creating a group with this name") {
		t.Fatalf("second create of a name being created: got %q, want it refused", got)
	}
	release()
	if got, _ := refuse("fresh"); got != "" {
		t.Fatalf("create of a name released by a failed create: refused with %q", got)
	}
	g.rememberCreated("made_it", "fresh")
	if got, _ := refuse("fresh"); !strings.Contains(got, `(id "made_it")`) {
		t.Fatalf("create of a name this process created: got %q, want that group named", got)
	}
}

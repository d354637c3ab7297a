package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The group's mapping: the one place that says how a Fivetran group becomes
// Terraform values and how a plan becomes a request. The resource
// (resource_group.go), the data sources (data_source_group.go,
// data_source_groups.go) and the list resource (list_group.go) all call it
// and convert nothing themselves, so that a refresh, an import, a data
// source and a `terraform query` result always show the same values.
//
// Every object's mapping file has the same parts, in this order: the
// resource model; fromAPI (what a read stores); <object>Imported (what an
// import by id reads, which is also exactly what a list result holds); the
// data-source form; the create request; the update request; and the rules
// that plan and apply must share (for groups, none: a group has no setup
// tests and no settings Fivetran decides after the create). A new kind of
// object starts from a copy of this file and of the files named above.

type groupModel struct {
	ID        types.String   `tfsdk:"id"`
	Name      types.String   `tfsdk:"name"`
	CreatedAt types.String   `tfsdk:"created_at"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies everything Fivetran returns into the model: a read, an
// import and a list result alike (Create and Update too: a group has no
// setting the answer could contradict). The timeouts are left to the caller.
func (m *groupModel) fromAPI(g *fivetran.Group) {
	m.ID = types.StringValue(g.ID)
	m.Name = types.StringValue(g.Name)
	m.CreatedAt = stringOrNull(g.CreatedAt)
}

// groupImported is what an import by id reads, and so what a list result
// holds: everything Fivetran returns, with the timeouts not set.
func groupImported(g *fivetran.Group, t timeouts.Value) groupModel {
	m := groupModel{Timeouts: t}
	m.fromAPI(g)
	return m
}

// groupDataOf is the group as the fivetran_group and fivetran_groups data
// sources show it: the resource's attributes without the timeouts.
func groupDataOf(g *fivetran.Group) groupDataModel {
	var m groupModel
	m.fromAPI(g)
	return groupDataModel{ID: m.ID, Name: m.Name, CreatedAt: m.CreatedAt}
}

// groupCreateName is the name a create sends.
func groupCreateName(plan groupModel) string { return plan.Name.ValueString() }

// groupRename is the name an update sends: the planned one when it differs
// from the prior one ("" sends nothing; a group has no other setting).
func groupRename(plan, prior groupModel) string {
	if plan.Name.IsUnknown() || plan.Name.Equal(prior.Name) {
		return ""
	}
	return plan.Name.ValueString()
}

// groupCreatedBy picks, among the listed groups, the one a create whose
// answer was lost made: group names need not be unique, so only a group with
// this name created since the request was sent (less reconcileClockSkew)
// can be ours, and two such groups are ambiguous.
func groupCreatedBy(groups []fivetran.Group, name string, sent time.Time) (*fivetran.Group, bool, error) {
	var mine []fivetran.Group
	for _, g := range groups {
		if created, perr := time.Parse(time.RFC3339Nano, g.CreatedAt); g.Name == name && (perr != nil || !created.Before(sent.Add(-reconcileClockSkew))) {
			mine = append(mine, g)
		}
	}
	switch len(mine) {
	case 0:
		return nil, false, nil
	case 1:
		return &mine[0], true, nil
	default:
		return nil, false, fmt.Errorf("%d groups named %q were created just now (%s and %s); keep one, delete the others in Fivetran, and import the one you keep",
			len(mine), name, mine[0].ID, mine[1].ID)
	}
}

// groupLookupError says why no single group has a name: none has it, or
// several have it (Fivetran does not require group names to be unique).
type groupLookupError struct {
	summary, detail string
	ambiguous       bool
}

// message is the detail followed by the caller's advice for the case at hand.
func (e *groupLookupError) message(none, several string) string {
	if e.ambiguous {
		return e.detail + "\n\n" + several
	}
	return e.detail + " " + none
}

// groupByName finds the one group with exactly this name, for the data
// source's name look-up and the `name:<group name>` import ids. None is an
// error with a did-you-mean; several is an error listing each one's id and
// creation time, oldest first.
func groupByName(groups []fivetran.Group, name string) (*fivetran.Group, *groupLookupError) {
	var matches []fivetran.Group
	names := make([]string, 0, len(groups))
	for _, g := range groups {
		names = append(names, g.Name)
		if g.Name == name {
			matches = append(matches, g)
		}
	}
	switch len(matches) {
	case 1:
		return &matches[0], nil
	case 0:
		detail := fmt.Sprintf("Fivetran has no group named %q (names are matched exactly).", name)
		if s := configproj.Suggest(name, names); s != "" {
			detail += fmt.Sprintf(" Did you mean %q?", s)
		}
		return nil, &groupLookupError{summary: "Group not found", detail: detail}
	default:
		slices.SortFunc(matches, func(a, b fivetran.Group) int {
			return cmp.Or(cmp.Compare(a.CreatedAt, b.CreatedAt), cmp.Compare(a.ID, b.ID))
		})
		lines := make([]string, len(matches))
		for i, g := range matches {
			lines[i] = fmt.Sprintf("%s (created %s)", g.ID, g.CreatedAt)
		}
		return nil, &groupLookupError{summary: "Ambiguous group name", ambiguous: true,
			detail: fmt.Sprintf("%d groups are named %q:\n  - %s", len(matches), name, strings.Join(lines, "\n  - "))}
	}
}

// groupIDByName lists the groups and returns the id of the one named name,
// for the `name:<group name>` import ids; it adds an error diagnostic and
// returns "" when there is none or several.
func groupIDByName(ctx context.Context, client *fivetran.Client, name, object string, diags *diag.Diagnostics) string {
	groups, err := client.ListGroups(ctx)
	if err != nil {
		addAPIError(diags, "import", object, "name:"+name, err)
		return ""
	}
	g, lookupErr := groupByName(groups, name)
	if lookupErr != nil {
		diags.AddError("Unable to import "+object+": "+strings.ToLower(lookupErr.summary), lookupErr.message("Import by id instead.", "Import by id instead."))
		return ""
	}
	return g.ID
}

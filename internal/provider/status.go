package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// A connection's monitoring status, in both data sources: one nested
// read-only object, `status`, rather than seven top-level attributes, since
// the framework's work grows faster than linearly with the number of
// top-level attributes. The resource does not keep it: two of its fields
// change with every sync, and every instance of a large state would carry
// it (DESIGN.md, "State size"); a data source reads it fresh at each plan.

var alertAttrTypes = map[string]attr.Type{
	"code":    types.StringType,
	"message": types.StringType,
	"details": types.StringType,
}

// statusFields is the status object, one row per field in the order the
// docs list them: its name, its type, its description and how a
// connection's answer fills it. The attribute types, the description and
// the value are all derived from it.
var statusFields = []struct {
	name, description string
	typ               attr.Type
	value             func(*fivetran.Connection) attr.Value
}{
	{"update_state", "`on_schedule`, or `delayed` when the data is older than the connection's delay threshold allows.",
		types.StringType, func(c *fivetran.Connection) attr.Value { return stringOrNull(c.Status.UpdateState) }},
	{"is_historical_sync", "whether the next or the running sync is a historical (full) sync: true for a new connection until its first sync completes, and after a re-sync is requested.",
		types.BoolType, func(c *fivetran.Connection) attr.Value { return types.BoolValue(c.Status.IsHistoricalSync) }},
	{"succeeded_at", "when the last successful sync ended (RFC 3339, UTC); null before the first.",
		types.StringType, func(c *fivetran.Connection) attr.Value { return stringOrNull(c.SucceededAt) }},
	{"failed_at", "when the last failed sync ended (RFC 3339, UTC); null if none failed.",
		types.StringType, func(c *fivetran.Connection) attr.Value { return stringOrNull(c.FailedAt) }},
	{"rescheduled_for", "with `sync_state = \"rescheduled\"`, when Fivetran will try again; null otherwise.",
		types.StringType, func(c *fivetran.Connection) attr.Value { return stringOrNull(c.Status.RescheduledFor) }},
	{"tasks", "what Fivetran asks you to do to fix the connection, a list of objects with `code`, `message` and `details`; empty when nothing.",
		alertListType, func(c *fivetran.Connection) attr.Value { return alertList(c.Status.Tasks) }},
	{"warnings", "warnings Fivetran reports on the connection, in the same form.",
		alertListType, func(c *fivetran.Connection) attr.Value { return alertList(c.Status.Warnings) }},
}

var alertListType = types.ListType{ElemType: types.ObjectType{AttrTypes: alertAttrTypes}}

var connectionStatusAttrTypes = func() map[string]attr.Type {
	out := make(map[string]attr.Type, len(statusFields))
	for _, f := range statusFields {
		out[f.name] = f.typ
	}
	return out
}()

const statusDescription = "What Fivetran reports about the connection's syncs, for checks and outputs that watch it " +
	"(see the guide \"Syncs and status\"). Read-only; refreshed on every read."

func alertList(alerts []fivetran.Alert) types.List {
	elems := make([]attr.Value, 0, len(alerts))
	for _, a := range alerts {
		elems = append(elems, types.ObjectValueMust(alertAttrTypes, map[string]attr.Value{
			"code": stringOrNull(a.Code), "message": stringOrNull(a.Message), "details": stringOrNull(a.Details),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: alertAttrTypes}, elems)
}

// connectionStatusValue is the status object of a connection as Fivetran
// answered it.
func connectionStatusValue(c *fivetran.Connection) types.Object {
	values := make(map[string]attr.Value, len(statusFields))
	for _, f := range statusFields {
		values[f.name] = f.value(c)
	}
	return types.ObjectValueMust(connectionStatusAttrTypes, values)
}

// statusMarkdown describes the object and each of its fields (an object
// attribute has one description).
func statusMarkdown() string {
	var b strings.Builder
	b.WriteString(statusDescription + " Its fields:\n")
	for _, f := range statusFields {
		fmt.Fprintf(&b, "  - `%s`: %s\n", f.name, f.description)
	}
	return b.String()
}

// connectionStatusDataAttribute is the data sources' status attribute. It is
// an object attribute, not a nested attribute, like every computed-only
// attribute (DESIGN.md, "Resources").
func connectionStatusDataAttribute() dsschema.ObjectAttribute {
	return dsschema.ObjectAttribute{
		Computed:            true,
		MarkdownDescription: statusMarkdown(),
		AttributeTypes:      connectionStatusAttrTypes,
	}
}

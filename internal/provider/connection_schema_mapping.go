package provider

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
	"github.com/openpipes/terraform-provider-fivetran/internal/schemachoice"
)

// fivetran_connection_schema between Terraform values and the API: the
// model, its four flat maps <-> schemachoice.Choices (which the schema
// config and the PATCH are made from), the prior state read without the
// model, and what exclusive mode switches, which plan and apply share.

// connectionSchemaModel: the choices are four flat maps of strings, keyed by
// schema, "schema.table" or "schema.table.column" (see
// schemachoice.SplitTableKey), because the plan cost of Terraform and of the
// framework grows with every nested attribute value: nested maps of objects
// made a no-change plan cost six times Terraform's floor, flat maps about two
// and a half (DESIGN.md, "Shape for speed"). There is no id attribute: the
// framework's cost also grows with every top-level attribute.
type connectionSchemaModel struct {
	ConnectionID         types.String   `tfsdk:"connection_id"`
	SchemaChangeHandling types.String   `tfsdk:"schema_change_handling"`
	Exclusive            types.Bool     `tfsdk:"exclusive"`
	Schemas              types.Map      `tfsdk:"schemas"`
	Tables               types.Map      `tfsdk:"tables"`
	SyncModes            types.Map      `tfsdk:"sync_modes"`
	Columns              types.Map      `tfsdk:"columns"`
	SwitchedTables       types.Map      `tfsdk:"switched_tables"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

// flatOf reads the model's four maps; known is false when any of them or
// any value in them is unknown (then nothing can be checked or sent yet).
func flatOf(m *connectionSchemaModel) (f schemachoice.Flat, known bool) {
	read := func(v types.Map) (map[string]string, bool) {
		if v.IsUnknown() {
			return nil, false
		}
		if v.IsNull() {
			return nil, true
		}
		out := make(map[string]string, len(v.Elements()))
		for k, e := range v.Elements() {
			s, ok := e.(types.String)
			if !ok || s.IsUnknown() {
				return nil, false
			}
			if !s.IsNull() {
				out[k] = s.ValueString()
			}
		}
		return out, true
	}
	var ok [4]bool
	f.Schemas, ok[0] = read(m.Schemas)
	f.Tables, ok[1] = read(m.Tables)
	f.SyncModes, ok[2] = read(m.SyncModes)
	f.Columns, ok[3] = read(m.Columns)
	return f, ok[0] && ok[1] && ok[2] && ok[3] && !m.SchemaChangeHandling.IsUnknown()
}

// choicesOf is the choices the maps f and the policy declare, the keys split
// against actual (nil when not read).
func choicesOf(f schemachoice.Flat, policy *string, actual *fivetran.SchemaConfig) schemachoice.Choices {
	c := schemachoice.FromFlat(f, actual)
	c.Policy = policy
	return c
}

func stringValuePtr(p *string) types.String {
	if p == nil {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

// setChoices writes c into the model. A map c has no entries for stays as
// the model had it: empty when written empty, null otherwise.
func (m *connectionSchemaModel) setChoices(c schemachoice.Choices) {
	m.SchemaChangeHandling = stringValuePtr(c.Policy)
	f := c.Flat()
	for _, a := range []struct {
		v *types.Map
		m map[string]string
	}{{&m.Schemas, f.Schemas}, {&m.Tables, f.Tables}, {&m.SyncModes, f.SyncModes}, {&m.Columns, f.Columns}} {
		if len(a.m) == 0 {
			if !a.v.IsNull() && !a.v.IsUnknown() {
				*a.v = types.MapValueMust(types.StringType, map[string]attr.Value{})
			} else {
				*a.v = types.MapNull(types.StringType)
			}
			continue
		}
		elems := make(map[string]attr.Value, len(a.m))
		for k, w := range a.m {
			elems[k] = types.StringValue(w)
		}
		*a.v = types.MapValueMust(types.StringType, elems)
	}
}

// problemPath is the attribute path of a schemachoice.Problem: the entry of
// f that declared what the problem is about.
func problemPath(p schemachoice.Problem, f schemachoice.Flat, actual *fivetran.SchemaConfig) path.Path {
	attrName, key := f.Locate(p, actual)
	if attrName == "" {
		return path.Root("schemas")
	}
	return path.Root(attrName).AtMapKey(key)
}

func addSchemaProblems(diags *diag.Diagnostics, ps []schemachoice.Problem, f schemachoice.Flat, actual *fivetran.SchemaConfig) {
	for _, p := range ps {
		diags.AddAttributeError(problemPath(p, f, actual), p.Summary, p.Detail)
	}
}

// priorState is what Read needs of the prior state, read straight from its
// Terraform value. A refresh that changes nothing (the common case) needs
// no model: converting the whole state through the framework's reflection
// (State.Get, with a regular expression compiled per struct field) was about
// a quarter of the CPU spent in this resource's code in a no-change plan;
// the model is built only when the state changes.
type priorState struct {
	connectionID string
	policy       *string
	exclusive    bool
	flat         schemachoice.Flat
	// switched is switched_tables (nil when null).
	switched map[string]string
}

func priorOf(v tftypes.Value) (priorState, error) {
	var p priorState
	var obj map[string]tftypes.Value
	if err := v.As(&obj); err != nil {
		return p, err
	}
	var exclusive *bool
	stringMap := func(name string) (map[string]string, error) {
		var m *map[string]tftypes.Value
		if err := obj[name].As(&m); err != nil || m == nil {
			return nil, err
		}
		out := make(map[string]string, len(*m))
		for k, e := range *m {
			var s *string
			if err := e.As(&s); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if s != nil {
				out[k] = *s
			}
		}
		return out, nil
	}
	errs := []error{obj["connection_id"].As(&p.connectionID), obj["schema_change_handling"].As(&p.policy), obj["exclusive"].As(&exclusive)}
	p.exclusive = exclusive != nil && *exclusive
	for _, m := range []struct {
		name string
		to   *map[string]string
	}{{"schemas", &p.flat.Schemas}, {"tables", &p.flat.Tables}, {"sync_modes", &p.flat.SyncModes}, {"columns", &p.flat.Columns}, {"switched_tables", &p.switched}} {
		var err error
		*m.to, err = stringMap(m.name)
		errs = append(errs, err)
	}
	return p, errors.Join(errs...)
}

// switchedValue is switches in the shape of switched_tables.
func switchedValue(switches map[[2]string]bool) types.Map {
	elems := make(map[string]attr.Value, len(switches))
	for k, w := range schemachoice.SwitchesFlat(switches) {
		elems[k] = types.StringValue(w)
	}
	return types.MapValueMust(types.StringType, elems)
}

// switchesOf reads a known switched_tables back, its keys split against
// actual.
func switchesOf(v types.Map, actual *fivetran.SchemaConfig) map[[2]string]bool {
	f := map[string]string{}
	for k, e := range v.Elements() {
		if s, ok := e.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			f[k] = s.ValueString()
		}
	}
	return schemachoice.SwitchesFromFlat(f, actual)
}

// refreshedSwitched is what a refresh records in switched_tables: nothing
// pending (an empty map) under exclusive mode, null without it. What the
// last apply switched is past once Fivetran has been read again; the plan
// after the refresh lists what is to switch now.
func refreshedSwitched(exclusive bool) types.Map {
	if exclusive {
		return types.MapValueMust(types.StringType, map[string]attr.Value{})
	}
	return types.MapNull(types.StringType)
}

// refreshed is what a refresh reads of the declared choices in Fivetran's
// schema config: agrees is true when Fivetran holds every choice the prior
// state declares (the state then stays as it is).
func (p priorState) refreshed(actual *fivetran.SchemaConfig) (got schemachoice.Choices, agrees bool) {
	declared := choicesOf(p.flat, p.policy, actual)
	got = schemachoice.Project(declared, actual)
	return got, reflect.DeepEqual(got, declared)
}

// switchedIsRefreshed reports whether the prior state's switched_tables is
// already what a refresh records.
func (p priorState) switchedIsRefreshed() bool {
	if p.exclusive {
		return p.switched != nil && len(p.switched) == 0
	}
	return p.switched == nil
}

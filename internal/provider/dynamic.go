package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
)

// This file converts between Terraform values (the Dynamic `config` and `auth`
// attributes) and the plain JSON-like Go values of internal/configproj:
// map[string]any, []any, string, bool, json.Number and nil, with
// configproj.Unknown standing for a value Terraform does not know yet.

// dynamicToMap converts a Dynamic attribute that holds an HCL object into a
// map. A null value gives a nil map; anything but an object or map is an error
// the caller reports on the attribute.
func dynamicToMap(v types.Dynamic) (map[string]any, error) {
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return nil, nil
	}
	if v.IsUnknown() || v.IsUnderlyingValueUnknown() {
		return nil, errUnknownValue
	}
	g, err := attrToGo(v.UnderlyingValue())
	if err != nil {
		return nil, err
	}
	m, ok := g.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("expected an object such as { key = \"value\" }, got %s", kindOf(g))
	}
	return m, nil
}

var errUnknownValue = fmt.Errorf("the value is not known yet")

// attrToGo converts any Terraform value into a JSON-like Go value.
func attrToGo(v attr.Value) (any, error) {
	if v == nil || v.IsNull() {
		return nil, nil
	}
	if v.IsUnknown() {
		return configproj.Unknown, nil
	}
	switch t := v.(type) {
	case basetypes.DynamicValue:
		return attrToGo(t.UnderlyingValue())
	case basetypes.StringValue:
		return t.ValueString(), nil
	case basetypes.BoolValue:
		return t.ValueBool(), nil
	case basetypes.NumberValue:
		return bigToNumber(t.ValueBigFloat()), nil
	case basetypes.Int64Value:
		return json.Number(fmt.Sprint(t.ValueInt64())), nil
	case basetypes.Float64Value:
		return bigToNumber(big.NewFloat(t.ValueFloat64())), nil
	case basetypes.ObjectValue:
		return attrMapToGo(t.Attributes())
	case basetypes.MapValue:
		return attrMapToGo(t.Elements())
	case basetypes.TupleValue:
		return attrListToGo(t.Elements())
	case basetypes.ListValue:
		return attrListToGo(t.Elements())
	case basetypes.SetValue:
		return attrListToGo(t.Elements())
	default:
		return nil, fmt.Errorf("unsupported value of type %T", v)
	}
}

func attrMapToGo(in map[string]attr.Value) (map[string]any, error) {
	out := make(map[string]any, len(in))
	for k, v := range in {
		g, err := attrToGo(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = g
	}
	return out, nil
}

func attrListToGo(in []attr.Value) ([]any, error) {
	out := make([]any, len(in))
	for i, v := range in {
		g, err := attrToGo(v)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		out[i] = g
	}
	return out, nil
}

func bigToNumber(f *big.Float) json.Number {
	if f == nil {
		return json.Number("0")
	}
	if f.IsInt() {
		i, _ := f.Int(nil)
		return json.Number(i.String())
	}
	return json.Number(f.Text('g', -1))
}

// mapToDynamic converts a Go map back into a Dynamic value. like is the value
// the result should resemble (the configured or prior value): every part of
// the result that is semantically unchanged reuses like's value verbatim, so
// that the state Terraform stores after apply is exactly the planned value and
// the types of unchanged parts never move.
func mapToDynamic(ctx context.Context, m map[string]any, like types.Dynamic) (types.Dynamic, error) {
	if m == nil {
		return types.DynamicNull(), nil
	}
	var likeVal attr.Value
	if !like.IsNull() && !like.IsUnknown() {
		likeVal = like.UnderlyingValue()
	}
	v, err := goToAttr(ctx, m, likeVal)
	if err != nil {
		return types.DynamicNull(), err
	}
	return types.DynamicValue(v), nil
}

func goToAttr(ctx context.Context, g any, like attr.Value) (attr.Value, error) {
	if like != nil && !like.IsUnknown() {
		if lg, err := attrToGo(like); err == nil && reflect.DeepEqual(configproj.Normalize(lg), configproj.Normalize(g)) {
			return like, nil
		}
	}
	switch t := g.(type) {
	case nil:
		if like != nil {
			return nullOf(like.Type(ctx))
		}
		return types.DynamicNull(), nil
	case string:
		return types.StringValue(t), nil
	case bool:
		return types.BoolValue(t), nil
	case json.Number:
		f, _, err := big.ParseFloat(string(t), 10, 512, big.ToNearestEven)
		if err != nil {
			return nil, fmt.Errorf("invalid number %q", t)
		}
		return types.NumberValue(f), nil
	case float64:
		return types.NumberValue(big.NewFloat(t)), nil
	case int:
		return types.NumberValue(new(big.Float).SetInt64(int64(t))), nil
	case int64:
		return types.NumberValue(new(big.Float).SetInt64(t)), nil
	case map[string]any:
		likeAttrs := map[string]attr.Value{}
		switch l := like.(type) {
		case basetypes.ObjectValue:
			likeAttrs = l.Attributes()
		case basetypes.MapValue:
			likeAttrs = l.Elements()
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		attrTypes := make(map[string]attr.Type, len(t))
		attrs := make(map[string]attr.Value, len(t))
		for _, k := range keys {
			v, err := goToAttr(ctx, t[k], likeAttrs[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			attrs[k] = v
			attrTypes[k] = v.Type(ctx)
		}
		obj, diags := types.ObjectValue(attrTypes, attrs)
		if diags.HasError() {
			return nil, fmt.Errorf("building an object: %s", diags.Errors()[0].Detail())
		}
		return obj, nil
	case []any:
		var likeElems []attr.Value
		switch l := like.(type) {
		case basetypes.TupleValue:
			likeElems = l.Elements()
		case basetypes.ListValue:
			likeElems = l.Elements()
		}
		elems := make([]attr.Value, len(t))
		elemTypes := make([]attr.Type, len(t))
		for i, e := range t {
			var le attr.Value
			if i < len(likeElems) {
				le = likeElems[i]
			}
			v, err := goToAttr(ctx, e, le)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			elems[i] = v
			elemTypes[i] = v.Type(ctx)
		}
		tup, diags := types.TupleValue(elemTypes, elems)
		if diags.HasError() {
			return nil, fmt.Errorf("building a list: %s", diags.Errors()[0].Detail())
		}
		return tup, nil
	default:
		return nil, fmt.Errorf("unsupported value of type %T", g)
	}
}

// nullOf returns the null value of a Terraform type.
func nullOf(t attr.Type) (attr.Value, error) {
	switch tt := t.(type) {
	case basetypes.StringType:
		return types.StringNull(), nil
	case basetypes.BoolType:
		return types.BoolNull(), nil
	case basetypes.NumberType:
		return types.NumberNull(), nil
	case basetypes.ObjectType:
		return types.ObjectNull(tt.AttrTypes), nil
	case basetypes.TupleType:
		return types.TupleNull(tt.ElemTypes), nil
	case basetypes.ListType:
		return types.ListNull(tt.ElemType), nil
	case basetypes.MapType:
		return types.MapNull(tt.ElemType), nil
	case basetypes.SetType:
		return types.SetNull(tt.ElemType), nil
	default:
		return types.DynamicNull(), nil
	}
}

func kindOf(g any) string {
	switch g.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a bool"
	case json.Number:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	default:
		return fmt.Sprintf("%T", g)
	}
}

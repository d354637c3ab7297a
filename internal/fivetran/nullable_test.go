package fivetran

import (
	"encoding/json"
	"testing"
)

// TestNullable: the three states of an update field marshal to omitted,
// null and the value; "" is a value (sent as ""), never a way to clear.
func TestNullable(t *testing.T) {
	type body struct {
		A Nullable[string] `json:"a,omitzero"`
		N Nullable[int]    `json:"n,omitzero"`
	}
	for _, tc := range []struct {
		name string
		in   body
		want string
	}{
		{"left alone", body{}, `{}`},
		{"cleared", body{A: Clear[string](), N: Clear[int]()}, `{"a":null,"n":null}`},
		{"set", body{A: Set("05:00"), N: Set(0)}, `{"a":"05:00","n":0}`},
		{"set to empty is a value", body{A: Set("")}, `{"a":""}`},
	} {
		got, err := json.Marshal(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if string(got) != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
	if v, ok := Set("x").Get(); !ok || v != "x" {
		t.Errorf("Set(x).Get() = %q, %v", v, ok)
	}
	if _, ok := Clear[string]().Get(); ok || !Clear[string]().IsNull() || Clear[string]().IsZero() {
		t.Error("Clear: Get must report no value, IsNull true, IsZero false")
	}
	var zero Nullable[string]
	if !zero.IsZero() || zero.IsNull() {
		t.Error("the zero Nullable must be left alone")
	}
	// Without omitzero a left-alone field must not turn into a null that
	// would clear the value in Fivetran.
	if _, err := json.Marshal(struct {
		A Nullable[string] `json:"a"`
	}{}); err == nil {
		t.Error("marshalling a left-alone Nullable without omitzero must fail")
	}
}

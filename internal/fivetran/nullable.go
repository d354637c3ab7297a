package fivetran

import (
	"encoding/json"
	"errors"
)

// Nullable is a field of an update (PATCH) request that can say three
// things, as Fivetran's partial updates need:
//
//   - leave the value alone: the zero Nullable, left out of the body;
//   - clear it: Clear[T](), sent as JSON null;
//   - set it: Set(v), sent as v.
//
// A field of this type must carry the `omitzero` JSON option, so that the
// zero value is left out; marshalling a zero Nullable is an error rather
// than a silent null (which would clear the value in Fivetran).
//
// Fivetran refuses "" for the fields that take this type (daily_sync_time,
// the agent and link ids): an empty string is not a way to clear them.
type Nullable[T any] struct {
	value T
	state nullableState
}

type nullableState uint8

const (
	leaveAlone nullableState = iota
	sendNull
	sendValue
)

// Set returns a Nullable that sets the field to v.
func Set[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: sendValue} }

// Clear returns a Nullable that clears the field (JSON null).
func Clear[T any]() Nullable[T] { return Nullable[T]{state: sendNull} }

// IsZero reports whether the field is left alone (not sent); encoding/json
// calls it for the `omitzero` option.
func (n Nullable[T]) IsZero() bool { return n.state == leaveAlone }

// IsNull reports whether the field is sent as JSON null.
func (n Nullable[T]) IsNull() bool { return n.state == sendNull }

// Get returns the value and true when the field is set to a value.
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == sendValue }

var errNullableLeftAlone = errors.New("fivetran: a Nullable that is left alone must be omitted (use the omitzero JSON option)")

// MarshalJSON writes null or the value. The zero Nullable is an error: it
// must be omitted (omitzero), never sent.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	switch n.state {
	case sendNull:
		return []byte("null"), nil
	case sendValue:
		return json.Marshal(n.value)
	default:
		return nil, errNullableLeftAlone
	}
}

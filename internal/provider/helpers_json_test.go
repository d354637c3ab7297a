package provider

import "testing"

// jsonAs asserts that v, a value decoded from JSON, has type T, and fails the test (rather than
// panicking) when it does not.
func jsonAs[T any](t testing.TB, v any) T {
	t.Helper()
	x, ok := v.(T)
	if !ok {
		t.Fatalf("got %T (%v), want %T", v, v, *new(T))
	}
	return x
}

package conformance

import (
	"os"
	"testing"
)

// TestMain reports how many exchanges this package's tests validated, or
// why none were (see Report).
func TestMain(m *testing.M) {
	code := m.Run()
	Report()
	os.Exit(code)
}

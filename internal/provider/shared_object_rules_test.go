package provider

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// deleteUnlessUsed: a refusal with users named stops at once; refusals with
// nothing named are asked again, and a later success is no error; too many
// refusals stop with the last one; a timeout after a refusal reports the
// refusal; another error is returned as is.
func TestDeleteUnlessUsed(t *testing.T) {
	defer func(p time.Duration) { inUsePoll = p }(inUsePoll)
	inUsePoll = time.Millisecond
	conflict := &fivetran.APIError{StatusCode: http.StatusConflict, Code: "Conflict", Message: "in use"}
	other := errors.New("boom")
	script := func(answers ...error) func() (bool, error) {
		i := 0
		return func() (bool, error) {
			err := answers[min(i, len(answers)-1)]
			i++
			return err == nil, err
		}
	}
	ctx := context.Background()

	named, inUse, err := deleteUnlessUsed(ctx, script(conflict), func() string { return "connection c1" })
	if !inUse || named != "connection c1" || !errors.Is(err, conflict) {
		t.Errorf("named users: %q %v %v", named, inUse, err)
	}
	named, inUse, err = deleteUnlessUsed(ctx, script(conflict, conflict, nil), func() string { return "" })
	if inUse || named != "" || err != nil {
		t.Errorf("refused twice, then deleted: %q %v %v", named, inUse, err)
	}
	_, inUse, err = deleteUnlessUsed(ctx, script(conflict), func() string { return "" })
	if !inUse || !errors.Is(err, conflict) {
		t.Errorf("always refused: %v %v", inUse, err)
	}
	_, inUse, err = deleteUnlessUsed(ctx, script(other), func() string { return "x" })
	if inUse || !errors.Is(err, other) {
		t.Errorf("another error: %v %v", inUse, err)
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	inUsePoll = 15 * time.Millisecond
	_, inUse, err = deleteUnlessUsed(short, script(conflict, conflict, conflict, conflict, conflict, conflict), func() string { return "" })
	if inUse || !errors.Is(err, conflict) {
		t.Errorf("timeout after refusals: %v %v, want the refusal", inUse, err)
	}
}

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

// askAgainIfLost sends again only after a lost answer, at most attempts
// times; any other error ends it at once.
func TestAskAgainIfLost(t *testing.T) {
	ctx := context.Background()
	lost := &fivetran.OutcomeUnknownError{Method: "POST", Path: "/x", Err: errors.New("connection reset")}
	calls := 0
	got, err := askAgainIfLost(ctx, 3, "A test", "id1", func() (string, error) {
		calls++
		if calls < 3 {
			return "", lost
		}
		return "secrets", nil
	})
	if err != nil || got != "secrets" || calls != 3 {
		t.Errorf("after two lost answers: %q %v in %d calls", got, err, calls)
	}
	calls = 0
	if _, err := askAgainIfLost(ctx, 3, "A test", "id1", func() (string, error) { calls++; return "", lost }); !fivetran.IsOutcomeUnknown(err) || calls != 3 {
		t.Errorf("always lost: %v in %d calls, want 3", err, calls)
	}
	calls = 0
	refused := &fivetran.APIError{StatusCode: http.StatusConflict}
	if _, err := askAgainIfLost(ctx, 3, "A test", "id1", func() (string, error) { calls++; return "", refused }); !errors.Is(err, refused) || calls != 1 {
		t.Errorf("refused: %v in %d calls, want 1", err, calls)
	}
}

// goneConfirmed: only the kind's NotFound, and only once the list answers.
func TestGoneConfirmed(t *testing.T) {
	ctx := context.Background()
	notFound := &fivetran.APIError{StatusCode: http.StatusNotFound, Code: "NotFound"}
	ok := func(context.Context) error { return nil }
	failing := func(context.Context) error { return errors.New("list failed") }
	if !goneConfirmed(ctx, notFound, fivetran.KindProxyAgent, ok) {
		t.Error("a NotFound confirmed by the list is not gone")
	}
	if goneConfirmed(ctx, notFound, fivetran.KindProxyAgent, failing) {
		t.Error("a NotFound whose list failed counted as gone")
	}
	if goneConfirmed(ctx, &fivetran.APIError{StatusCode: http.StatusNotFound, Code: "NotFound_Group"}, fivetran.KindProxyAgent, ok) {
		t.Error("another kind's NotFound counted as gone")
	}
}

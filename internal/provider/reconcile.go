package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// createReconciled runs create. When the outcome is unknown (the request was
// sent but no definitive answer came back) it looks for the object with
// find, again and again with backoff for up to reconcileSettle while it is
// missing: found, it is adopted; still missing, the create is tried again (the
// server did not act), at most attempts times in all. A re-sent create that
// meets 409 Conflict means the lost one did act: the object is looked for
// again, with the same patience, and adopted. Anything else is an error that
// says what to check. So a lost answer never makes a duplicate, and a
// transient fault never fails the apply.
func createReconciled[T any](ctx context.Context, attempts int, create func() (T, error), find func() (T, bool, error)) (T, error) {
	var zero T
	var lastErr error
	unknown := false // an earlier attempt may have created the object
	for attempt := 1; attempt <= max(1, attempts); attempt++ {
		obj, err := create()
		switch {
		case err == nil:
			return obj, nil
		case fivetran.IsOutcomeUnknown(err):
			lastErr, unknown = err, true
			tflog.Warn(ctx, "Create had no answer; looking for the object before trying again", map[string]any{"attempt": attempt})
		case unknown && fivetran.IsConflict(err):
			tflog.Warn(ctx, "The create was sent again and met the object the first one made; looking for it", map[string]any{"attempt": attempt})
			found, ok, ferr := lookPatiently(ctx, find)
			switch {
			case ferr != nil:
				return zero, fmt.Errorf("%w (the first create's answer was lost, and looking for the object it made failed: %s)", err, explainError(ferr))
			case ok:
				tflog.Info(ctx, "The first create had succeeded: adopting the object")
				return found, nil
			}
			return zero, fmt.Errorf("%w (the first create's answer was lost and the object it made was not found within %s: "+
				"check Fivetran and import it)", err, reconcileSettle)
		default:
			return obj, err
		}
		found, ok, ferr := lookPatiently(ctx, find)
		if ferr != nil {
			return zero, fmt.Errorf("%w (and looking for the object failed too: %s)", err, explainError(ferr))
		}
		if ok {
			tflog.Info(ctx, "The create had succeeded: adopting the object")
			return found, nil
		}
		if ctx.Err() != nil {
			return zero, err
		}
	}
	return zero, lastErr
}

// lookPatiently runs find until it finds the object, fails, reconcileSettle
// has passed or ctx ends, waiting with backoff between looks (reconcileWait
// doubling up to reconcileWaitMax).
func lookPatiently[T any](ctx context.Context, find func() (T, bool, error)) (T, bool, error) {
	var found T
	var ok bool
	// The look always has a budget: a zero reconcileSettle looks once.
	s := schedule{first: reconcileWait, max: reconcileWaitMax, budget: max(reconcileSettle, time.Nanosecond)}
	err := poll(ctx, s, func() (bool, error) {
		var err error
		found, ok, err = find()
		return ok, err
	})
	if errors.Is(err, errWaitEnded) {
		return found, false, nil
	}
	return found, ok, err
}

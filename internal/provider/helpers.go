package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// operation starts a resource operation: ctx bounded by one of the
// resource's timeouts (a timeouts.Value method such as plan.Timeouts.Create,
// defaulting to defaultTimeout), so that a hung API can never hang an apply,
// and with the credentials masked from every log line.
func (d *providerData) operation(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	return d.bounded(ctx, get, defaultTimeout, diags)
}

// readOperation is operation for Read, whose timeout defaults to 5 minutes.
func (d *providerData) readOperation(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	return d.bounded(ctx, t.Read, 5*time.Minute, diags)
}

func (d *providerData) bounded(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	limit, ds := get(ctx, def)
	diags.Append(ds...)
	if ds.HasError() {
		return ctx, func() {}, false
	}
	c, cancel := context.WithTimeout(d.logContext(ctx), limit)
	return c, cancel, true
}

// How long createReconciled keeps looking for an object whose create had no
// answer, and its first wait between looks (doubled each time, at most
// reconcileWaitMax). Fivetran's lists lag its writes: a create that
// succeeded may be missing from a list for a while, and a re-sent create may
// meet the first one (409) before any list shows it. Tests shorten these.
var (
	reconcileSettle  = 30 * time.Second
	reconcileWait    = time.Second
	reconcileWaitMax = 8 * time.Second
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
// has passed or ctx ends, waiting with backoff between looks.
func lookPatiently[T any](ctx context.Context, find func() (T, bool, error)) (T, bool, error) {
	deadline := time.Now().Add(reconcileSettle)
	wait := reconcileWait
	for {
		found, ok, err := find()
		if ok || err != nil {
			return found, ok, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return found, false, nil
		}
		t := time.NewTimer(min(wait, left))
		select {
		case <-ctx.Done():
			t.Stop()
			return found, false, nil
		case <-t.C:
		}
		wait = min(2*wait, reconcileWaitMax)
	}
}

// timeoutsAttribute is the `timeouts` attribute of every resource, with the
// defaults stated.
func timeoutsAttribute(ctx context.Context, deleteNote string) schema.Attribute {
	return timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: "How long a create may take, retries included (a Go duration such as \"10m\"). Defaults to 20m.",
		ReadDescription:   "How long a refresh may take, retries included. Defaults to 5m.",
		UpdateDescription: "How long an update may take, retries included. Defaults to 20m.",
		DeleteDescription: "How long a delete may take, retries included. Defaults to 20m." + deleteNote,
	})
}

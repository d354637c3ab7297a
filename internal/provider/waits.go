package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// This file holds every wait of the provider: each interval and budget with
// the rule it serves, and the one poll loop they run in. The client's own
// intervals (one attempt's timeout, its retries and their backoff) are in
// internal/fivetran/timing.go; the provider reads their defaults from there.
//
// How often a create is sent: once, and again only when its answer was lost
// and a patient look (reconcileSettle) found no object, as often as any
// request may be retried (providerData.createAttempts); a re-sent create that
// meets 409 adopts the object the first one made. How long a plan waits: at
// most metadataBudget per connector type. How long an apply waits: each
// operation at most its timeout (defaultTimeout), retries and every wait
// below included.

// The operation budgets: each resource's timeouts, retries and waits
// included, so that a hung API never hangs a run.
const (
	defaultTimeout     = 20 * time.Minute // create, update, delete
	defaultReadTimeout = 5 * time.Minute  // refresh
)

// The looks for an object whose create had no answer (createReconciled):
// Fivetran's lists lag its writes, so a create that succeeded may be missing
// from a list for a while, and a re-sent create may meet the first one (409)
// before any list shows it. The first wait between looks, doubled each time
// up to reconcileWaitMax, for reconcileSettle in all. Variables so that
// tests can shorten them.
var (
	reconcileSettle  = 30 * time.Second
	reconcileWait    = time.Second
	reconcileWaitMax = 8 * time.Second
)

// reconcileClockSkew is how much earlier than the lost create was sent a
// group may say it was created and still be the one that create made: our
// clock and Fivetran's may differ. Group names need not be unique, so an
// older group of the same name is someone else's.
const reconcileClockSkew = 2 * time.Minute

// destinationDeletePoll is how often a destination delete asks again while
// its group still has connections that are going away (a fixed interval: a
// connection delete takes seconds); tests shorten it.
var destinationDeletePoll = 5 * time.Second

// destinationDeleteStall is how many polls in a row a destination delete
// waits on connections that nobody is deleting before it gives up: long
// enough for deletes of this run that Terraform has not started yet (no
// reference orders them), short enough to fail in seconds, not minutes.
const destinationDeleteStall = 2

// deleteReportBudget bounds the one list that names the connections still
// in a destination's group once the delete timeout has run out.
const deleteReportBudget = 30 * time.Second

// schemaDiscoveryPoll is the first wait between checks for a source's
// discovery, doubled up to schemaDiscoveryPollMax: discovery takes seconds
// for a small source and minutes for a large one. Tests shorten it.
var schemaDiscoveryPoll = 2 * time.Second

const schemaDiscoveryPollMax = 30 * time.Second

// How often the connection is read while an action waits for a sync (a
// fixed interval: syncs take minutes to hours), and how often a progress
// message is sent when nothing changed. Variables so that tests can shorten
// them (the emulator's syncs take as long as the test asks).
var (
	syncPollInterval     = 15 * time.Second
	syncProgressInterval = time.Minute
)

// defaultSyncWaitTimeout bounds an action's wait for its sync when the
// action's timeout is not set.
const defaultSyncWaitTimeout = time.Hour

// metadataBudget bounds one connector-type metadata fetch at plan time,
// retries included, so that a plan against an API that cannot be reached
// fails in seconds, not after every retry of every attempt (minutes).
const metadataBudget = 30 * time.Second

// schedule is how a wait polls: the pause after the first check, doubled
// after each further check up to max (max <= first: a fixed interval), for
// at most budget in all (0: until the context ends).
type schedule struct {
	first, max, budget time.Duration
	clock              clock // nil: the real one
}

// every is a fixed-interval schedule without a budget of its own.
func every(d time.Duration) schedule { return schedule{first: d, max: d} }

// clock is time as poll sees it; tests give it one that does not wait.
type clock interface {
	Now() time.Time
	After(time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// errWaitEnded is what poll returns, wrapped, when its budget or its
// context ran out before check was done.
var errWaitEnded = errors.New("the wait ended")

// poll calls check until it reports done or fails, pausing between calls as
// s says. It returns nil once done, check's error as is, or an error
// wrapping errWaitEnded (and the context's error, when the context ended)
// when the wait ran out first.
func poll(ctx context.Context, s schedule, check func() (done bool, err error)) error {
	clk := s.clock
	if clk == nil {
		clk = realClock{}
	}
	var deadline time.Time
	if s.budget > 0 {
		deadline = clk.Now().Add(s.budget)
	}
	pause := s.first
	for {
		done, err := check()
		if done || err != nil {
			return err
		}
		wait := pause
		if !deadline.IsZero() {
			left := deadline.Sub(clk.Now())
			if left <= 0 {
				return fmt.Errorf("%w after %s", errWaitEnded, s.budget)
			}
			wait = min(wait, left)
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: %w", errWaitEnded, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", errWaitEnded, ctx.Err())
		case <-clk.After(wait):
		}
		pause = max(s.first, min(2*pause, s.max))
	}
}

// operation starts a resource operation: ctx bounded by one of the
// resource's timeouts (a timeouts.Value method such as plan.Timeouts.Create,
// defaulting to defaultTimeout), so that a hung API can never hang an apply,
// and with the credentials masked from every log line.
func (d *providerData) operation(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	return d.bounded(ctx, get, defaultTimeout, diags)
}

// readOperation is operation for Read, whose timeout defaults to
// defaultReadTimeout.
func (d *providerData) readOperation(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	return d.bounded(ctx, t.Read, defaultReadTimeout, diags)
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

// timeoutsAttribute is the `timeouts` attribute of every resource, with the
// defaults stated.
func timeoutsAttribute(ctx context.Context, deleteNote string) schema.Attribute {
	return timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: "How long a create may take, retries included (a Go duration such as \"10m\"). Defaults to " + shortDuration(defaultTimeout) + ".",
		ReadDescription:   "How long a refresh may take, retries included. Defaults to " + shortDuration(defaultReadTimeout) + ".",
		UpdateDescription: "How long an update may take, retries included. Defaults to " + shortDuration(defaultTimeout) + ".",
		DeleteDescription: "How long a delete may take, retries included. Defaults to " + shortDuration(defaultTimeout) + "." + deleteNote,
	})
}

// shortDuration writes a duration as users write it: 20m, 1h, 60s.
func shortDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0 && d < time.Hour:
		return fmt.Sprintf("%dm", d/time.Minute)
	default:
		return d.String()
	}
}

package provider

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// fakeClock does not wait: After moves its time on at once and records the
// pause. With stuck set, After never fires.
type fakeClock struct {
	now    time.Time
	pauses []time.Duration
	stuck  bool
}

func (c *fakeClock) Now() time.Time { return c.now }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.pauses = append(c.pauses, d)
	if c.stuck {
		return nil
	}
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

// doneAfter is a check that reports done on its nth call.
func doneAfter(n int, calls *int) func() (bool, error) {
	return func() (bool, error) { *calls++; return *calls >= n, nil }
}

func TestPollDoublesUpToMax(t *testing.T) {
	clk := &fakeClock{}
	calls := 0
	err := poll(context.Background(), schedule{first: time.Second, max: 8 * time.Second, clock: clk}, doneAfter(7, &calls))
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second}
	if err != nil || calls != 7 || !slices.Equal(clk.pauses, want) {
		t.Errorf("err %v, %d checks, pauses %v, want nil, 7 and %v", err, calls, clk.pauses, want)
	}
}

func TestPollFixedInterval(t *testing.T) {
	clk := &fakeClock{}
	calls := 0
	s := every(5 * time.Second)
	s.clock = clk
	if err := poll(context.Background(), s, doneAfter(4, &calls)); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{5 * time.Second, 5 * time.Second, 5 * time.Second}; !slices.Equal(clk.pauses, want) {
		t.Errorf("pauses %v, want %v", clk.pauses, want)
	}
}

// TestPollBudget: the last pause is cut to what is left of the budget, and
// one more check runs at its end before the wait gives up.
func TestPollBudget(t *testing.T) {
	clk := &fakeClock{}
	calls := 0
	err := poll(context.Background(), schedule{first: time.Second, max: 8 * time.Second, budget: 10 * time.Second, clock: clk},
		func() (bool, error) { calls++; return false, nil })
	want := []time.Duration{1 * time.Second, 2 * time.Second, 4 * time.Second, 3 * time.Second}
	if !errors.Is(err, errWaitEnded) || calls != 5 || !slices.Equal(clk.pauses, want) {
		t.Errorf("err %v, %d checks, pauses %v; want the wait ended after 5 checks and pauses %v", err, calls, clk.pauses, want)
	}
}

func TestPollStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	clk := &fakeClock{stuck: true}
	calls := 0
	err := poll(ctx, schedule{first: time.Hour, max: time.Hour, clock: clk}, func() (bool, error) {
		calls++
		cancel() // the operation's timeout runs out while the wait pauses
		return false, nil
	})
	if !errors.Is(err, errWaitEnded) || !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("err %v after %d checks, want the wait ended by the context after 1", err, calls)
	}
}

func TestPollReturnsCheckError(t *testing.T) {
	boom := errors.New("boom")
	clk := &fakeClock{}
	calls := 0
	err := poll(context.Background(), schedule{first: time.Second, max: time.Second, clock: clk}, func() (bool, error) {
		calls++
		if calls == 2 {
			return false, boom
		}
		return false, nil
	})
	if !errors.Is(err, boom) || errors.Is(err, errWaitEnded) || len(clk.pauses) != 1 {
		t.Errorf("err %v after %d pauses, want boom itself after 1", err, len(clk.pauses))
	}
}

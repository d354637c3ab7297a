package fivetran

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// dropConnection ends the exchange without an answer, after the request was
// read: a lost answer.
func dropConnection(w http.ResponseWriter, _ *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("the test server's ResponseWriter cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.Close()
}

// TestRepeatablePostsRetried: the POSTs that Fivetran may receive twice (the
// schema reload, setup tests, sync, re-sync, table re-sync, column drop, a
// Connect Card) are retried after a 5xx and after a lost answer, with the
// same budget as a GET, and succeed once an attempt is answered.
func TestRepeatablePostsRetried(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(*Client) error{
		"reload": func(c *Client) error { _, err := c.ReloadConnectionSchema(ctx, "c1", ""); return err },
		"connection test": func(c *Client) error {
			_, err := c.TestConnection(ctx, "c1", nil, nil)
			return err
		},
		"destination test": func(c *Client) error {
			_, err := c.TestDestination(ctx, "d1", nil, nil)
			return err
		},
		"sync":         func(c *Client) error { return c.SyncConnection(ctx, "c1", false) },
		"resync":       func(c *Client) error { return c.ResyncConnection(ctx, "c1", nil) },
		"table resync": func(c *Client) error { return c.ResyncTables(ctx, "c1", map[string][]string{"s": {"t"}}) },
		"connect card": func(c *Client) error {
			_, err := c.CreateConnectCard(ctx, "c1", ConnectCardConfig{RedirectURI: "https://x.test/cb"})
			return err
		},
	}
	ok := okData(map[string]any{"id": "c1", "group_id": "g1", "schemas": map[string]any{},
		"connect_card": map[string]any{"token": "t", "uri": "https://x.test/card"}})
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			s, srv := serve(t, status(http.StatusServiceUnavailable, "ServiceUnavailable", "down"),
				status(http.StatusBadGateway, "", "<html>bad gateway</html>"), dropConnection, ok)
			if err := call(newTestClient(t, srv.URL)); err != nil {
				t.Fatalf("after a 503, a 502 and a lost answer: %v", err)
			}
			if s.count() != 4 {
				t.Errorf("sent %d times, want 4", s.count())
			}
			for i := range 4 {
				if _, r, _ := s.at(i); r.Method != http.MethodPost {
					t.Errorf("attempt %d was a %s", i+1, r.Method)
				}
			}
		})
	}
}

// TestRepeatablePostExhaustedSaysWhatHappened: when the budget runs out, a
// repeatable POST's error is Fivetran's last answer with the attempts
// counted, not "outcome unknown" (which tells the caller to look for an
// object before creating it again).
func TestRepeatablePostExhaustedSaysWhatHappened(t *testing.T) {
	s, srv := serve(t, status(http.StatusServiceUnavailable, "ServiceUnavailable", "down"))
	_, err := newTestClient(t, srv.URL).ReloadConnectionSchema(context.Background(), "c1", "")
	var apiErr *APIError
	if IsOutcomeUnknown(err) || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("want the 503 itself, got %v", err)
	}
	if s.count() != 4 || !strings.Contains(err.Error(), "giving up after 4 attempts") {
		t.Errorf("%d requests, error %q", s.count(), err)
	}
}

// TestCreatesStayNotRepeatable: a create that meets a 5xx or a lost answer is
// sent once and comes back as an unknown outcome, for the caller to
// reconcile; the schema config create as well.
func TestCreatesStayNotRepeatable(t *testing.T) {
	ctx := context.Background()
	creates := map[string]func(*Client) error{
		"group": func(c *Client) error { _, err := c.CreateGroup(ctx, "n"); return err },
		"destination": func(c *Client) error {
			_, err := c.CreateDestination(ctx, DestinationCreate{GroupID: "g", Service: "x"})
			return err
		},
		"connection": func(c *Client) error {
			_, err := c.CreateConnection(ctx, ConnectionCreate{GroupID: "g", Service: "x"})
			return err
		},
	}
	for name, create := range creates {
		for fault, h := range map[string]http.HandlerFunc{"503": status(503, "", "down"), "lost answer": dropConnection} {
			t.Run(name+" "+fault, func(t *testing.T) {
				s, srv := serve(t, h, okData(groupData))
				if err := create(newTestClient(t, srv.URL)); !IsOutcomeUnknown(err) || s.count() != 1 {
					t.Fatalf("err %v after %d requests, want an unknown outcome after 1", err, s.count())
				}
			})
		}
	}
}

// TestConflictAfterLostAnswerIsMarked: a re-sync whose first answer was lost
// and whose repeat meets 409 is told apart from a plain 409, so the caller
// can say that the first request most likely started the re-sync.
func TestConflictAfterLostAnswerIsMarked(t *testing.T) {
	ctx := context.Background()
	conflict := status(http.StatusConflict, "Conflict", "A sync is in progress")
	s, srv := serve(t, status(http.StatusBadGateway, "BadGateway", "gateway"), conflict)
	err := newTestClient(t, srv.URL).ResyncConnection(ctx, "c1", nil)
	if !IsConflictAfterLostAnswer(err) || s.count() != 2 {
		t.Fatalf("err %v after %d requests, want a 409 marked as after a lost answer", err, s.count())
	}
	// A 429 proves the server did not act: the 409 that follows is plain.
	_, srv = serve(t, status(http.StatusTooManyRequests, "", ""), conflict)
	err = newTestClient(t, srv.URL).ResyncConnection(ctx, "c1", nil)
	if !IsConflict(err) || IsConflictAfterLostAnswer(err) {
		t.Fatalf("after a 429: %v", err)
	}
}

// TestIdleConnectionsKeptAfterErrorAnswers: an answer, even a 404 or a 409,
// leaves the connection sound; only a failed exchange may leave broken ones.
// A refresh's 404 and each 409 of a destination delete's wait once closed
// the whole pool, so the next request paid a new connection.
func TestIdleConnectionsKeptAfterErrorAnswers(t *testing.T) {
	var opened atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodDelete:
			writeEnv(w, http.StatusConflict, "Conflict", "the group has connections", nil)
		default:
			writeEnv(w, http.StatusNotFound, "NotFound_Group", "no such group", nil)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	ctx := context.Background()
	for range 5 {
		if _, err := c.GetGroup(ctx, "g1"); !IsNotFoundKind(err, KindGroup) {
			t.Fatalf("want NotFound_Group, got %v", err)
		}
		if err := c.DeleteDestination(ctx, "d1"); !IsConflict(err) {
			t.Fatalf("want 409, got %v", err)
		}
	}
	if n := opened.Load(); n != 1 {
		t.Errorf("10 answered requests opened %d connections, want 1", n)
	}
}

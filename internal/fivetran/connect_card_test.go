package fivetran

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

var connectCardData = map[string]any{
	"connector_id":        "c1",
	"connect_card":        map[string]any{"token": "eyJ0e.x.y", "uri": "https://fivetran.com/connect-card/setup?auth=eyJ0e.x.y&redirect_uri=https%3A%2F%2Fx.test%2Fcb"},
	"connect_card_config": map[string]any{"redirect_uri": "https://x.test/cb", "hide_setup_guide": true},
}

func TestCreateConnectCard(t *testing.T) {
	s, srv := serve(t, okData(connectCardData))
	c := newTestClient(t, srv.URL)
	card, err := c.CreateConnectCard(context.Background(), "c 1", ConnectCardConfig{RedirectURI: "https://x.test/cb", HideSetupGuide: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	if card.Token != "eyJ0e.x.y" || !strings.HasPrefix(card.URI, "https://fivetran.com/connect-card/setup?") {
		t.Fatalf("card %+v", card)
	}
	_, r, body := s.at(0)
	if r.Method != http.MethodPost || r.URL.EscapedPath() != "/v1/connections/c%201/connect-card" {
		t.Errorf("request %s %s", r.Method, r.URL.EscapedPath())
	}
	if got := r.Header.Get("Accept"); got != acceptV2 {
		t.Errorf("Accept %q, want %q", got, acceptV2)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
	if !jsonEq(t, body, `{"connect_card_config":{"redirect_uri":"https://x.test/cb","hide_setup_guide":true}}`) {
		t.Errorf("body %s", body)
	}

	// hide_setup_guide is not sent when unset.
	if _, err := c.CreateConnectCard(context.Background(), "c1", ConnectCardConfig{RedirectURI: "https://x.test/cb"}); err != nil {
		t.Fatal(err)
	}
	if _, _, body := s.at(1); !jsonEq(t, body, `{"connect_card_config":{"redirect_uri":"https://x.test/cb"}}`) {
		t.Errorf("body %s", body)
	}
}

func TestCreateConnectCardErrors(t *testing.T) {
	ctx := context.Background()
	cfg := ConnectCardConfig{RedirectURI: "https://x.test/cb"}

	t.Run("not found", func(t *testing.T) {
		s, srv := serve(t, status(http.StatusNotFound, "NotFound_Connector", "Connector with id 'c1' does not exist."))
		_, err := newTestClient(t, srv.URL).CreateConnectCard(ctx, "c1", cfg)
		if !IsNotFoundKind(err, KindConnection) || s.count() != 1 {
			t.Fatalf("err %v after %d requests", err, s.count())
		}
	})
	t.Run("5xx is retried: another card is harmless", func(t *testing.T) {
		s, srv := serve(t, status(http.StatusBadGateway, "", "bad gateway"), okData(connectCardData))
		card, err := newTestClient(t, srv.URL).CreateConnectCard(ctx, "c1", cfg)
		if err != nil || card.Token == "" || s.count() != 2 {
			t.Fatalf("card %+v, err %v after %d requests", card, err, s.count())
		}
	})
	t.Run("429 is retried", func(t *testing.T) {
		s, srv := serve(t, status(http.StatusTooManyRequests, "TooManyRequests", "slow down"), okData(connectCardData))
		card, err := newTestClient(t, srv.URL).CreateConnectCard(ctx, "c1", cfg)
		if err != nil || card.Token == "" || s.count() != 2 {
			t.Fatalf("card %+v, err %v after %d requests", card, err, s.count())
		}
	})
	t.Run("no card in response", func(t *testing.T) {
		_, srv := serve(t, okData(map[string]any{"connector_id": "c1"}))
		_, err := newTestClient(t, srv.URL).CreateConnectCard(ctx, "c1", cfg)
		if err == nil || !strings.Contains(err.Error(), "no connect_card") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("input checks make no request", func(t *testing.T) {
		s, srv := serve(t, okData(connectCardData))
		c := newTestClient(t, srv.URL)
		if _, err := c.CreateConnectCard(ctx, "", cfg); err == nil {
			t.Error("empty id accepted")
		}
		if _, err := c.CreateConnectCard(ctx, "c1", ConnectCardConfig{}); err == nil {
			t.Error("empty redirect_uri accepted")
		}
		if s.count() != 0 {
			t.Errorf("%d requests sent", s.count())
		}
	})
}

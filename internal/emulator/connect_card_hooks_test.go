package emulator_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/conformance"
	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// TestCompleteConnectCard drives the connect-card endpoint with the real
// client (every exchange is validated against the OpenAPI spec) and checks
// that CompleteConnectCard turns a waiting connection into a connected one.
func TestCompleteConnectCard(t *testing.T) {
	opts := emulator.Options{APIKey: "k", APISecret: "s", Seed: 3}
	conformance.Attach(t, &opts)
	em, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(em.Close)
	c, err := fivetran.New(fivetran.Config{APIKey: "k", APISecret: "s", BaseURL: em.URL, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	no := false
	yes := true

	g, err := c.CreateGroup(ctx, "cards")
	if err != nil {
		t.Fatal(err)
	}
	tz := "0"
	if _, err := c.CreateDestination(ctx, fivetran.DestinationCreate{GroupID: g.ID, Service: "postgres_warehouse", TimeZoneOffset: &tz, RunSetupTests: &no,
		Config: map[string]any{"host": "w.example.com", "port": 5432}}); err != nil {
		t.Fatal(err)
	}
	conn, err := c.CreateConnection(ctx, fivetran.ConnectionCreate{GroupID: g.ID, Service: "salesforce", RunSetupTests: &no,
		Config: map[string]any{"schema": "sf"}})
	if err != nil {
		t.Fatal(err)
	}

	if err := em.CompleteConnectCard("no_such_connection"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("unknown id: %v", err)
	}
	if err := em.CompleteConnectCard(conn.ID); err == nil || !strings.Contains(err.Error(), "no Connect Card") {
		t.Errorf("connection without a card: %v", err)
	}

	card, err := c.CreateConnectCard(ctx, conn.ID, fivetran.ConnectCardConfig{RedirectURI: "https://example.com/done", HideSetupGuide: &yes})
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(card.URI)
	if err != nil || u.Scheme != "https" || u.Query().Get("auth") != card.Token || card.Token == "" ||
		u.Query().Get("redirect_uri") != "https://example.com/done" || u.Query().Get("hide_setup_guide") != "true" {
		t.Fatalf("card %+v (%v)", card, err)
	}
	again, err := c.CreateConnectCard(ctx, conn.ID, fivetran.ConnectCardConfig{RedirectURI: "https://example.com/done"})
	if err != nil || again.Token == card.Token {
		t.Fatalf("second card %+v (%v): want a new token", again, err)
	}
	if _, err := c.CreateConnectCard(ctx, "no_such_connection", fivetran.ConnectCardConfig{RedirectURI: "https://example.com/done"}); !fivetran.IsNotFoundKind(err, fivetran.KindConnection) {
		t.Errorf("card for an unknown connection: %v", err)
	}

	before, err := c.GetConnection(ctx, conn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if before.Status.SetupState != "incomplete" {
		t.Fatalf("setup_state before completion: %q", before.Status.SetupState)
	}
	if err := em.CompleteConnectCard(conn.ID); err != nil {
		t.Fatal(err)
	}
	after, err := c.GetConnection(ctx, conn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Status.SetupState != "connected" {
		t.Fatalf("setup_state after completion: %q", after.Status.SetupState)
	}
	if after.Status.SyncState != before.Status.SyncState || after.Paused != before.Paused || after.Schema != before.Schema {
		t.Errorf("completion changed more than setup_state: %+v -> %+v", before, after)
	}

	// A card issued at creation can be completed too.
	withCard, err := c.CreateConnection(ctx, fivetran.ConnectionCreate{GroupID: g.ID, Service: "salesforce", RunSetupTests: &no,
		Config: map[string]any{"schema": "sf2"}, ConnectCardConfig: &fivetran.ConnectCardConfig{RedirectURI: "https://example.com/done"}})
	if err != nil {
		t.Fatal(err)
	}
	if withCard.ConnectCard == nil || withCard.ConnectCard.Token == "" {
		t.Fatalf("no card on create: %+v", withCard.ConnectCard)
	}
	if err := em.CompleteConnectCard(withCard.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := em.Get("connection", withCard.ID)
	if status, _ := got["status"].(map[string]any); status["setup_state"] != "connected" {
		t.Errorf("status after completion: %v", got["status"])
	}
}

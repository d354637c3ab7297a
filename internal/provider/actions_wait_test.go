package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
)

// waitForSync against the emulator, without Terraform: the outcomes the
// acceptance tests do not reach (running out of time, a connection paused
// while waiting) and the progress it reports.

func waitFixture(t *testing.T) (*emulator.Running, string) {
	t.Helper()
	em := startEmulator(t)
	g := em.CreateGroup("wait")
	c, err := em.CreateConnection(map[string]any{"group_id": jsonAs[string](t, g["id"]), "service": "github", "run_setup_tests": false,
		"config": map[string]any{"schema": "github"}})
	if err != nil {
		t.Fatal(err)
	}
	return em, jsonAs[string](t, c["id"])
}

func TestWaitForSync_timeout(t *testing.T) {
	em, id := waitFixture(t)
	em.SetSyncDuration(time.Hour)
	c := testClient(t, em)
	ctx := context.Background()
	before, err := c.GetConnection(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SyncConnection(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	var progress []string
	var diags diag.Diagnostics
	waitForSync(ctx, c, id, "sync", markOf(before), 150*time.Millisecond, func(s string) { progress = append(progress, s) }, &diags)
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Summary(), "Timed out waiting for the sync") ||
		!strings.Contains(diags.Errors()[0].Detail(), "goes on in Fivetran") {
		t.Fatalf("want a timeout error, got %v", diags)
	}
	if len(progress) == 0 || !strings.Contains(progress[0], "sync_state syncing") {
		t.Errorf("progress: %q", progress)
	}
}

func TestWaitForSync_pausedWhileWaiting(t *testing.T) {
	em, id := waitFixture(t)
	em.SetSyncDuration(time.Hour)
	c := testClient(t, em)
	ctx := context.Background()
	before, err := c.GetConnection(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SyncConnection(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if err := em.Patch("connection", id, map[string]any{"paused": true}); err != nil {
		t.Fatal(err)
	}
	var diags diag.Diagnostics
	waitForSync(ctx, c, id, "sync", markOf(before), time.Minute, func(string) {}, &diags)
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Summary(), "paused") {
		t.Fatalf("want an error about the pause, got %v", diags)
	}
}

func TestWaitForSync_failureWithoutTasks(t *testing.T) {
	em, id := waitFixture(t)
	em.SetSyncDuration(0)
	c := testClient(t, em)
	ctx := context.Background()
	before, err := c.GetConnection(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	em.FailSyncs(id, emulator.SyncFailure{})
	if err := c.SyncConnection(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	var diags diag.Diagnostics
	waitForSync(ctx, c, id, "sync", markOf(before), time.Minute, func(string) {}, &diags)
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "sync_failed: Sync failed") {
		t.Fatalf("want the default task named, got %v", diags)
	}
}

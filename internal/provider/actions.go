package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// Actions (Terraform >= 1.14). What the actions have in common lives here:
// registration, Configure, and waiting for a sync. Each action has its own
// file (action_*.go). Terraform before 1.14 never asks for actions, so
// registering them changes nothing for older versions (and OpenTofu).

var _ provider.ProviderWithActions = (*fivetranProvider)(nil)

func (p *fivetranProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		NewConnectionSyncAction,
		NewConnectionResyncAction,
		NewConnectionSchemaReloadAction,
		NewConnectionSetupTestsAction,
		NewDestinationSetupTestsAction,
	}
}

// actionBase is embedded by every action: Configure and the provider data.
type actionBase struct {
	data *providerData
}

func (a *actionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// configured reports whether the provider was configured; an action invoked
// without it gets an error instead of a nil client.
func (a *actionBase) configured(diags *diag.Diagnostics) bool {
	if a.data == nil {
		diags.AddError("Provider not configured",
			"The Fivetran provider was not configured before this action ran. This is a bug in the provider or in Terraform; please report it.")
		return false
	}
	return true
}

// Attributes shared by the actions that can wait for a sync.
func waitAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"wait": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("Wait until the %s finishes: the connection is read every %s, Terraform shows its progress, "+
				"and a failed sync is an error naming what failed (Fivetran's tasks and warnings). Default `false`: the action returns "+
				"once Fivetran has accepted the request.", what, syncPollInterval),
		},
		"timeout": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("How long `wait` waits, as a Go duration (`30m`, `2h`). Default `%s`. When it runs out the "+
				"action fails; the sync itself goes on in Fivetran.", shortDuration(defaultSyncWaitTimeout)),
			Validators: []validator.String{durationValidator{}},
		},
	}
}

func connectionIDAttribute(doing string) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "The id of the connection to " + doing + " (for example `fivetran_connection.x.id`).",
		Validators:          []validator.String{notBlankValidator{}, idValidator{what: "connection"}},
	}
}

// waitTimeout reads the timeout attribute (validated already).
func waitTimeout(v types.String) time.Duration {
	if v.IsNull() || v.IsUnknown() {
		return defaultSyncWaitTimeout
	}
	d, err := time.ParseDuration(v.ValueString())
	if err != nil || d <= 0 {
		return defaultSyncWaitTimeout
	}
	return d
}

// syncMark is what a connection showed before a sync was requested: a sync
// has ended when either timestamp moves.
type syncMark struct {
	succeededAt, failedAt string
}

func markOf(c *fivetran.Connection) syncMark {
	return syncMark{succeededAt: c.SucceededAt, failedAt: c.FailedAt}
}

// waitForSync polls the connection until a sync requested after mark ends.
// A sync that ends in failure is an error naming Fivetran's tasks and
// warnings; running out of time is an error saying the sync goes on.
func waitForSync(ctx context.Context, c *fivetran.Client, id, what string, mark syncMark, timeout time.Duration,
	progress func(string), diags *diag.Diagnostics) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	lastState, lastSent := "", time.Time{}
	err := poll(ctx, every(syncPollInterval), func() (bool, error) {
		conn, err := c.GetConnection(ctx, id)
		if err != nil {
			return false, err
		}
		if conn.FailedAt != mark.failedAt && conn.FailedAt != "" {
			diags.AddError(fmt.Sprintf("The %s failed", what), syncFailure(conn, what))
			return true, nil
		}
		if conn.SucceededAt != mark.succeededAt && conn.SucceededAt != "" {
			progress(fmt.Sprintf("Connection %s: the %s finished at %s (after %s).", id, what, conn.SucceededAt, time.Since(start).Round(time.Second)))
			for _, w := range conn.Status.Warnings {
				diags.AddWarning("Fivetran reports a warning on the connection", fmt.Sprintf("Connection %q: %s", id, alertLine(w)))
			}
			return true, nil
		}
		state := conn.Status.SyncState
		if conn.Status.SyncState == "rescheduled" && conn.Status.RescheduledFor != "" {
			state += " until " + conn.Status.RescheduledFor
		}
		if conn.Paused {
			diags.AddError(fmt.Sprintf("The connection was paused during the %s", what),
				fmt.Sprintf("Connection %q was paused while the action waited; Fivetran does not sync a paused connection.", id))
			return true, nil
		}
		if state != lastState || time.Since(lastSent) >= syncProgressInterval {
			progress(fmt.Sprintf("Connection %s: %s, sync_state %s (%s elapsed).", id, what, state, time.Since(start).Round(time.Second)))
			lastState, lastSent = state, time.Now()
		}
		return false, nil
	})
	switch {
	case err == nil:
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		diags.AddError(fmt.Sprintf("Timed out waiting for the %s", what),
			fmt.Sprintf("Connection %q: the %s did not finish within %s (the action's timeout). It goes on in Fivetran; "+
				"its outcome will show in the connection's succeeded_at, failed_at and status.", id, what, timeout))
	default:
		addAPIError(diags, "read", "connection", id, err)
	}
}

// syncFailure says what failed: Fivetran's tasks (what the user must do) and
// warnings. Their text is Fivetran's, never a config value.
func syncFailure(conn *fivetran.Connection, what string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Connection %q (%s): the %s failed at %s.", conn.ID, conn.Service, what, conn.FailedAt)
	if len(conn.Status.Tasks) == 0 && len(conn.Status.Warnings) == 0 {
		b.WriteString(" Fivetran gave no task or warning saying why; see the connection's logs in the Fivetran dashboard.")
	}
	if len(conn.Status.Tasks) > 0 {
		b.WriteString("\n\nTasks (what Fivetran asks you to do):")
		for _, t := range conn.Status.Tasks {
			b.WriteString("\n  - " + alertLine(t))
		}
	}
	if len(conn.Status.Warnings) > 0 {
		b.WriteString("\n\nWarnings:")
		for _, w := range conn.Status.Warnings {
			b.WriteString("\n  - " + alertLine(w))
		}
	}
	return b.String()
}

func alertLine(a fivetran.Alert) string {
	line := a.Code
	if a.Message != "" {
		line += ": " + a.Message
	}
	if a.Details != "" {
		line += " (" + a.Details + ")"
	}
	return line
}

// setupTestLines reports each setup test as a progress message and returns
// the failed ones and the ones that passed with a warning.
func setupTestLines(tests []fivetran.SetupTest, progress func(string)) (failed, warned []string) {
	for _, t := range tests {
		line := fmt.Sprintf("%q %s", t.Title, strings.ToUpper(t.Status))
		if t.Message != "" {
			line += ": " + t.Message
		}
		progress("Setup test " + line)
		if strings.EqualFold(t.Status, "WARNING") {
			warned = append(warned, line)
		}
	}
	return failedSetupTests(tests), warned
}

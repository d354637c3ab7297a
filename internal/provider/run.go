package provider

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// Run is one provider process as main serves it: New's provider, plus a
// record of the clients it configured, so that what the run cost can be
// logged when Terraform is done with the process.
//
// Where that line is written: Terraform has no "run finished" call for a
// provider (StopProvider comes only on an interrupt). When it is done with a
// provider process it asks the plugin server to shut down, then waits a
// moment for the process to exit while still reading its stderr, and logs
// every line there. So providerserver.Serve returns, and a line logged
// after it reaches Terraform's log (TF_LOG=INFO). TestUsageLineReachesTerraformsLog
// runs a real plan and apply to check it.
type Run struct {
	version string

	mu      sync.Mutex
	clients []*fivetran.Client
}

// NewRun returns the provider process of the given version.
func NewRun(version string) *Run { return &Run{version: version} }

// Provider is the constructor to serve.
func (r *Run) Provider() provider.Provider {
	return &fivetranProvider{version: r.version, run: r}
}

// add records a configured client; a nil Run records nothing.
func (r *Run) add(c *fivetran.Client) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clients = append(r.clients, c)
}

// LogUsage logs, at INFO, the requests each configured client sent by route
// and how long it waited for the rate budget. A process that configured no
// client (one that only served the schema) logs nothing.
func (r *Run) LogUsage() {
	r.mu.Lock()
	clients := slices.Clone(r.clients)
	r.mu.Unlock()
	if len(clients) == 0 {
		return
	}
	ctx := usageLogContext()
	for _, c := range clients {
		msg, fields := usageLine(c.Usage())
		tflog.Info(ctx, msg, fields)
	}
}

// usageLogContext is a logger like the one the framework gives each call:
// the provider's, at the level TF_LOG (or TF_LOG_PROVIDER) sets, written to
// the stderr the process started with, which Terraform reads (the plugin
// server replaced os.Stderr with a stream that is closed by now).
func usageLogContext() context.Context {
	return tfsdklog.NewRootProviderLogger(context.Background(),
		tfsdklog.WithStderrFromInit(),
		tfsdklog.WithLogName("fivetran"),
		tflog.WithLevelFromEnv("TF_LOG_PROVIDER", "fivetran"),
	)
}

// usageLine is the usage log line: a message a person reads and the same
// figures as fields. It names routes (ids replaced), counts and durations:
// nothing of the configuration, no id, no secret.
func usageLine(u fivetran.Usage) (string, map[string]any) {
	routes := slices.SortedFunc(maps.Keys(u.Requests), func(a, b string) int {
		return cmp.Or(cmp.Compare(u.Requests[b], u.Requests[a]), strings.Compare(a, b))
	})
	parts := make([]string, 0, len(routes))
	for _, rt := range routes {
		part := fmt.Sprintf("%s: %d", rt, u.Requests[rt])
		if n := u.RateLimited[rt]; n > 0 {
			part += fmt.Sprintf(" (%d answered 429)", n)
		}
		parts = append(parts, part)
	}
	limited := 0
	for _, n := range u.RateLimited {
		limited += n
	}
	waited := u.Waited.Round(time.Millisecond)
	msg := fmt.Sprintf("Fivetran API usage: %d requests, %d answered 429, %s waited for the rate budget", u.Total(), limited, waited)
	if len(parts) > 0 {
		msg += "; by route: " + strings.Join(parts, ", ")
	}
	return msg, map[string]any{
		"requests":       u.Total(),
		"rate_limited":   limited,
		"budget_wait_ms": waited.Milliseconds(),
	}
}

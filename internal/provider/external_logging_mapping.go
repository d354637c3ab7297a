package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The log service's mapping, in the order every object's mapping file keeps
// (group_mapping.go): the resource model; fromAPI; the import; the
// data-source form; the create request; the update; and the rules plan and
// apply share.
//
// A log service sends the logs of a group's connections to the customer's
// logging tool. A group has at most one, and its id is the group's. Its
// config is an object, managed as a destination's is (config.go): only the
// keys written, masked secrets keeping the value written, and a write-only
// companion for secrets.

type externalLoggingModel struct {
	ID              types.String   `tfsdk:"id"`
	GroupID         types.String   `tfsdk:"group_id"`
	Service         types.String   `tfsdk:"service"`
	Enabled         types.Bool     `tfsdk:"enabled"`
	Config          types.Dynamic  `tfsdk:"config"`
	ConfigWO        types.Dynamic  `tfsdk:"config_wo"`
	ConfigWOVersion types.Int64    `tfsdk:"config_wo_version"`
	RunSetupTests   types.Bool     `tfsdk:"run_setup_tests"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what Fivetran returns, but config, which the caller
// projects (readConfig).
func (m *externalLoggingModel) fromAPI(l *fivetran.ExternalLogging) {
	m.ID = types.StringValue(l.ID)
	m.GroupID = types.StringValue(l.ID)
	m.Service = types.StringValue(l.Service)
	m.Enabled = types.BoolValue(l.Enabled)
}

// externalLoggingImported is what an import by id reads, and so what a list
// result holds: every non-secret config key (a warning names the secret
// ones to add), and the defaults of what Fivetran does not store.
func externalLoggingImported(ctx context.Context, l *fivetran.ExternalLogging, t timeouts.Value, diags *diag.Diagnostics) externalLoggingModel {
	m := externalLoggingModel{Timeouts: t, RunSetupTests: types.BoolValue(false)}
	m.fromAPI(l)
	m.Config = readConfig(ctx, types.DynamicNull(), l.Config, true, nil, configproj.Options{}, fmt.Sprintf("log service %q", l.ID), diags)
	return m
}

// externalLoggingDataModel is a log service as the data sources show it:
// config as Fivetran returns it, secrets masked.
type externalLoggingDataModel struct {
	ID      types.String  `tfsdk:"id"`
	GroupID types.String  `tfsdk:"group_id"`
	Service types.String  `tfsdk:"service"`
	Enabled types.Bool    `tfsdk:"enabled"`
	Config  types.Dynamic `tfsdk:"config"`
}

func externalLoggingDataOf(ctx context.Context, l *fivetran.ExternalLogging) (externalLoggingDataModel, error) {
	cfg, err := mapToDynamic(ctx, l.Config, types.DynamicNull())
	if err != nil {
		return externalLoggingDataModel{}, err
	}
	return externalLoggingDataModel{ID: types.StringValue(l.ID), GroupID: types.StringValue(l.ID), Service: types.StringValue(l.Service),
		Enabled: types.BoolValue(l.Enabled), Config: cfg}, nil
}

// externalLoggingCreate is what a create sends: cfg is the planned config,
// secrets the config_wo object merged over it.
func externalLoggingCreate(plan externalLoggingModel, cfg, secrets map[string]any) fivetran.ExternalLoggingCreate {
	return fivetran.ExternalLoggingCreate{GroupID: plan.GroupID.ValueString(), Service: plan.Service.ValueString(),
		Enabled: optBool(plan.Enabled), Config: overlayWriteOnly(configproj.ForCreate(cfg), secrets)}
}

// externalLoggingUpdate is what an update sends: enabled when it changed,
// and the config keys that changed (config_wo is added by the caller).
func externalLoggingUpdate(plan, prior externalLoggingModel, planned, priorCfg map[string]any) fivetran.ExternalLoggingUpdate {
	u := fivetran.ExternalLoggingUpdate{Enabled: changedBool(plan.Enabled, prior.Enabled)}
	if changes := configproj.Changes(priorCfg, planned, configproj.Options{}); len(changes) > 0 {
		u.Config = changes
	}
	return u
}

// externalLoggingServices are the log services Fivetran takes, with the
// keys of each one's config (Fivetran's API reference; API.md, "External
// logging"). None is required by the API; a key a service does not take is
// refused at plan.
var externalLoggingServices = map[string][]string{
	"azure_monitor_log": {"client_id", "client_secret", "data_collection_endpoint", "dcr_immutable_id", "dcr_stream_name", "primary_key",
		"tenant_id", "workspace_id"},
	"cloudwatch":    {"access_key_id", "access_key_secret", "external_id", "log_group_name", "region", "role_arn"},
	"datadog_log":   {"api_key", "hostname", "region"},
	"grafana_loki":  {"access_token", "loki_url", "tenant_id", "username"},
	"new_relic_log": {"api_key", "sub_domain"},
	"splunkLog":     {"channel", "enable_ssl", "host", "port", "token"},
	"stackdriver":   {"project_id", "service_account_key"},
}

func externalLoggingServiceNames() []string { return slices.Sorted(maps.Keys(externalLoggingServices)) }

// externalLoggingUnknownKeys returns the keys of cfg that service does not
// take, sorted.
func externalLoggingUnknownKeys(service string, cfg map[string]any) []string {
	known := externalLoggingServices[service]
	var out []string
	for k := range cfg {
		if !slices.Contains(known, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func quotedList(ss []string) string { return strings.Join(quoted(ss), ", ") }

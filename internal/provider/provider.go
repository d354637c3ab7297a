// Package provider implements the openpipes Terraform provider for Fivetran on
// terraform-plugin-framework. Each resource or data source tells its whole
// story in one file; this file holds the provider itself and the one helper
// every resource and data source uses to reach the configured client.
package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// Environment variables read when the provider block leaves a setting out.
const (
	EnvAPIKey    = "FIVETRAN_APIKEY"    //nolint:gosec // G101: the name of an environment variable, not a credential
	EnvAPISecret = "FIVETRAN_APISECRET" //nolint:gosec // G101: the name of an environment variable, not a credential
	EnvAPIURL    = "FIVETRAN_API_URL"
	// EnvAPIRequestsPerHour is api_requests_per_hour's variable.
	EnvAPIRequestsPerHour = "FIVETRAN_API_REQUESTS_PER_HOUR"
)

// The client's defaults, which the provider states and never repeats.
const defaultAPIURL = fivetran.DefaultBaseURL

var _ provider.Provider = (*fivetranProvider)(nil)

// New returns a constructor of the provider for providerserver.Serve and for
// the acceptance tests' provider factories.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &fivetranProvider{version: version}
	}
}

type fivetranProvider struct {
	version string
	// run records the clients this process configures, for the usage line
	// logged when Terraform is done with the process (run.go); nil: none.
	run *Run
	// budgetWindow and createWindow are the client's (fivetran.Config);
	// acceptance tests against an emulator whose windows are shortened
	// shorten them to match. 0: the client's defaults.
	budgetWindow, createWindow time.Duration
}

type providerModel struct {
	APIKey         types.String `tfsdk:"api_key"`
	APISecret      types.String `tfsdk:"api_secret"`
	APIURL         types.String `tfsdk:"api_url"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	ValidateConfig types.Bool   `tfsdk:"validate_config"`
	// RequestsPerHour caps the requests per hour (fivetran.Config.RequestsPerHour).
	RequestsPerHour types.Int64  `tfsdk:"api_requests_per_hour"`
	BulkReads       types.Bool   `tfsdk:"bulk_reads"`
	ConfigRefresh   types.String `tfsdk:"config_refresh"`
	SchemaRefresh   types.String `tfsdk:"schema_refresh"`
	AllowDupGroups  types.Bool   `tfsdk:"allow_duplicate_group_names"`
}

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	client *fivetran.Client
	// validateConfig turns on plan-time validation of config against the
	// connector-type metadata (one GET per distinct service per process).
	validateConfig bool
	metadata       *metadataCache
	secrets        []string
	// deletions: the connections this process is deleting or has deleted,
	// which a destination's delete waits for (and no others).
	deletions deletions
	// schemaConfigs: schema configs read by a refresh, for the plan after it
	// (resource_connection_schema.go).
	schemaConfigs takeOnce[*fivetran.SchemaConfig]
	// columnLists: full column lists of tables read by a plan, for the apply
	// of the same change in this process (one GET .../columns, not two).
	columnLists takeOnce[map[string]*fivetran.ColumnEntry]
	// duplicates: the plan-time look-ups for creates of objects that exist
	// already (duplicates.go).
	duplicates duplicateGuard
	// bulk: lists fetched by refreshes, which may confirm an object
	// unchanged instead of its own GET (bulk_reads.go).
	bulk *bulkReads
	// schemaOnChange is schema_refresh = "on_change": a refresh leaves a
	// schema config as the state holds it (resource_connection_schema.go).
	schemaOnChange bool
	// plannedLinks: the private link creates this process has planned, which
	// Fivetran's hourly limit bounds (resource_private_link.go).
	plannedLinks plannedCreates
}

// deletions records the connections whose delete this provider process has
// started. Terraform runs all deletes of one apply in one provider process,
// so a destination's delete can tell connections that are going away from
// connections nobody is deleting.
type deletions struct {
	mu  sync.Mutex
	ids map[string]bool
}

// start records that the connection id is being deleted (or was).
func (d *deletions) start(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ids == nil {
		d.ids = map[string]bool{}
	}
	d.ids[id] = true
}

// failed forgets a delete that failed: the connection stays.
func (d *deletions) failed(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.ids, id)
}

// goingAway reports whether this process is deleting, or has deleted, id.
func (d *deletions) goingAway(id string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.ids[id]
}

// createAttempts is how many times a create whose answer was lost (and
// whose object a look-up did not find) is sent in all: as often as any other
// request may be retried.
func (d *providerData) createAttempts() int { return d.client.MaxRetries() + 1 }

// logContext returns ctx with the provider's credentials masked from every
// tflog message and field, as a second line of defence behind the client,
// which never logs them in the first place.
func (d *providerData) logContext(ctx context.Context) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "api_secret", "api_key", "Authorization", "password", "auth")
	return tflog.MaskAllFieldValuesStrings(tflog.MaskMessageStrings(ctx, d.secrets...), d.secrets...)
}

func (p *fivetranProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "fivetran"
	resp.Version = p.version
}

func (p *fivetranProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage Fivetran groups, destinations and connections through the " +
			"[Fivetran REST API](https://fivetran.com/docs/rest-api). Credentials come from the provider block " +
			"or from the `" + EnvAPIKey + "` and `" + EnvAPISecret + "` environment variables.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "Fivetran API key. Defaults to the `" + EnvAPIKey + "` environment variable.",
				Optional:            true,
				Sensitive:           true,
			},
			"api_secret": schema.StringAttribute{
				MarkdownDescription: "Fivetran API secret. Defaults to the `" + EnvAPISecret + "` environment variable.",
				Optional:            true,
				Sensitive:           true,
			},
			"api_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the API, such as `" + defaultAPIURL + "`. A URL with no path, such as `https://api.fivetran.com` " +
					"or the emulator's root, gets `/v1` added; any other path is used as given. Defaults to the `" + EnvAPIURL +
					"` environment variable, then to `" + defaultAPIURL + "`. Point it at the project's emulator to plan without a Fivetran account. " +
					"Errors name the URL used when no answer comes back, and a 404 that names no object's kind (what a wrong path gives) is an error, never a sign that an object is gone.",
				Optional:   true,
				Validators: []validator.String{absoluteURLValidator{}},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Time limit of one HTTP request (one attempt), as a Go duration such as `30s` or `2m`. Defaults to `" +
					fmt.Sprintf("%ds", int(fivetran.DefaultRequestTimeout/time.Second)) + "`. " +
					"The `timeouts` of each resource bound the whole operation, retries included. Requests that run setup tests " +
					"(creates, and updates with `run_setup_tests = true`) wait for Fivetran to finish them, bounded by those `timeouts` alone.",
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a failed request is retried (429, 5xx and network errors; creates only when the server certainly did not act). Defaults to " +
					fmt.Sprint(fivetran.DefaultMaxRetries) + "; `0` turns retries off.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"api_requests_per_hour": schema.Int64Attribute{
				MarkdownDescription: "The most requests the provider sends to Fivetran's API per hour, to leave room for other tools in the account's " +
					"budget, which Fivetran counts per account over a rolling hour. A tenth of it may go at once, the rest is spread over the hour, " +
					"so a run never uses more than this in any hour: a run that needs more takes longer instead of failing. " +
					"Each provider process counts its own requests (`terraform apply` runs one to plan and one to apply). Defaults to the `" + EnvAPIRequestsPerHour +
					"` environment variable, then to no cap of its own: the provider then slows down only when Fivetran's answers say that less than a tenth " +
					"of the account's budget is left. In every case a request that meets 429 waits for its `Retry-After`, and once Fivetran refuses a create, " +
					"creates go one at a time at the rate it accepts. At the end of each run the provider logs at `INFO` how many requests it sent, " +
					"by route, and how long it waited for the budget.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"validate_config": schema.BoolAttribute{
				MarkdownDescription: "Check connections at plan time against the connector type's metadata: that `service` exists, `config` and `auth` keys, value types, enum values and `destination_schema` keys. Defaults to `true`. When the metadata cannot be read (credentials refused, or no answer within " +
					fmt.Sprintf("%d seconds", int(metadataBudget/time.Second)) + ") the plan fails with an error naming the URL; `false` is the only way to plan without these checks: it skips the metadata look-ups, and enum values in `config` are then compared case-sensitively.",
				Optional: true,
			},
			"bulk_reads": schema.BoolAttribute{
				MarkdownDescription: "Let a refresh confirm objects from Fivetran's lists: one list request answers for every connection of a group (and one for the account's groups or destinations) instead of one request each. " +
					"The list of a group whose destination is in the same state is fetched ahead of its connections' reads; otherwise a group's first connection (and the first destination or group) is read by its own request and the list answers for the rest. A listed object is used only when it shows exactly what the state holds; " +
					"any difference, or an object the list does not show, is read again by its own request, so a list that lags Fivetran's writes never shows drift that is not there and never removes an object from state. " +
					"Defaults to `true`; `false` reads every object by its own request.",
				Optional: true,
			},
			"allow_duplicate_group_names": schema.BoolAttribute{
				MarkdownDescription: "Let a `fivetran_group` be created with a name another group in Fivetran has already. Fivetran allows it, but it is almost always a group " +
					"declared again after it left state, or one another provider still manages, and the apply would make a second group with everything in it. " +
					"Defaults to `false`: the plan fails with an error naming the existing group and how to adopt it (an `import` or `moved` block), and a create " +
					"refuses a name taken since the plan. `true` turns the error into a warning.",
				Optional: true,
			},
			"config_refresh": schema.StringAttribute{
				MarkdownDescription: "How a refresh checks `config` when Fivetran's lists leave it out (the provider finds out from the first list it reads, and logs it at INFO). " +
					"`\"" + configRefreshAlways + "\"` (default): every connection and destination that has `config` is read by its own request, so a change made outside Terraform to its config is always seen. " +
					"`\"" + configRefreshOnChange + "\"`: for large plans, an object whose listed settings (schedule, pause, networking, status) equal the state is taken as unchanged without its own request, " +
					"so a change made outside Terraform to its `config` alone is not seen until a refresh with `\"" + configRefreshAlways + "\"` (or an object's other change) reads it. " +
					"The provider logs the choice at INFO. " +
					"Has no effect with `bulk_reads = false`, or when the lists carry config.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(configRefreshAlways, configRefreshOnChange)},
			},
			"schema_refresh": schema.StringAttribute{
				MarkdownDescription: "How a refresh checks `fivetran_connection_schema`. Fivetran has no list of schema configs, so each costs one request per refresh, whatever `bulk_reads` says. " +
					"`\"" + configRefreshAlways + "\"` (default): every schema config is read, so a change made outside Terraform to a table or column it declares is always seen. " +
					"`\"" + configRefreshOnChange + "\"`: for large plans, a refresh leaves each schema config as the state holds it, without a request; the plan reads it only when the configuration changes it, " +
					"and then warns if Fivetran's holds choices changed outside Terraform, which the apply sets back to the configuration. " +
					"A change made outside Terraform is otherwise not seen until a refresh with `\"" + configRefreshAlways + "\"`: run one on a schedule. " +
					"An import, and a refresh after an apply that switched tables, still read.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(configRefreshAlways, configRefreshOnChange)},
			},
		},
	}
}

func (p *fivetranProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data, diags := p.configure(cfg, os.Getenv)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ActionData = data
	resp.ListResourceData = data // list.go
	tflog.Debug(data.logContext(ctx), "Configured the Fivetran client", map[string]any{"api_url": data.client.BaseURL(),
		"bulk_reads": data.bulk.enabled, "config_refresh": cfg.ConfigRefresh.ValueString()})
	if data.schemaOnChange {
		tflog.Info(ctx, "schema_refresh = \"on_change\": a refresh does not read schema configs; a plan reads one only when the configuration changes it")
	}
	if data.bulk.enabled && data.bulk.configOnChange {
		tflog.Info(ctx, "config_refresh = \"on_change\": where Fivetran's lists leave config out, a refresh does not read the config "+
			"of objects whose listed settings are unchanged")
	}
}

// configure turns the provider block (and the environment) into providerData.
// It is separate from Configure so that its rules are unit-tested directly.
func (p *fivetranProvider) configure(cfg providerModel, getenv func(string) string) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics

	// Unknown values (a provider block fed by another resource's attribute that is
	// not known yet) cannot configure a client: say which attribute, and how to fix it.
	unknown := map[string]bool{
		"api_key":                     cfg.APIKey.IsUnknown(),
		"api_secret":                  cfg.APISecret.IsUnknown(),
		"api_url":                     cfg.APIURL.IsUnknown(),
		"request_timeout":             cfg.RequestTimeout.IsUnknown(),
		"max_retries":                 cfg.MaxRetries.IsUnknown(),
		"validate_config":             cfg.ValidateConfig.IsUnknown(),
		"api_requests_per_hour":       cfg.RequestsPerHour.IsUnknown(),
		"bulk_reads":                  cfg.BulkReads.IsUnknown(),
		"config_refresh":              cfg.ConfigRefresh.IsUnknown(),
		"schema_refresh":              cfg.SchemaRefresh.IsUnknown(),
		"allow_duplicate_group_names": cfg.AllowDupGroups.IsUnknown(),
	}
	for _, name := range []string{"api_key", "api_secret", "api_url", "request_timeout", "max_retries", "validate_config", "api_requests_per_hour",
		"bulk_reads", "config_refresh", "schema_refresh", "allow_duplicate_group_names"} {
		if unknown[name] {
			diags.AddAttributeError(path.Root(name), "Unknown provider setting",
				fmt.Sprintf("The provider cannot be configured because %q depends on a value that is not known until apply. "+
					"Set it to a static value or a variable, or set the matching environment variable.", name))
		}
	}
	if diags.HasError() {
		return nil, diags
	}

	key := cmp.Or(cfg.APIKey.ValueString(), getenv(EnvAPIKey))
	secret := cmp.Or(cfg.APISecret.ValueString(), getenv(EnvAPISecret))
	apiURL := cmp.Or(cfg.APIURL.ValueString(), getenv(EnvAPIURL), defaultAPIURL)

	if key == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing Fivetran API key",
			"Set api_key in the provider block or the "+EnvAPIKey+" environment variable. "+
				"Create a key in Fivetran under Settings → API Config.")
	}
	if secret == "" {
		diags.AddAttributeError(path.Root("api_secret"), "Missing Fivetran API secret",
			"Set api_secret in the provider block or the "+EnvAPISecret+" environment variable.")
	}
	if cfg.APIURL.IsNull() && getenv(EnvAPIURL) != "" {
		if err := checkAbsoluteURL(apiURL); err != nil {
			diags.AddError("Invalid "+EnvAPIURL, fmt.Sprintf("The environment variable %s holds %s, which %s: %s.", EnvAPIURL, shownURL(apiURL), absoluteURLValidator{}.Description(context.Background()), err))
		}
	}

	var timeout time.Duration // 0: the client's default
	if v := cfg.RequestTimeout.ValueString(); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout",
				fmt.Sprintf("%q is not a positive duration such as \"30s\" or \"2m\".", v))
		}
		timeout = d
	}
	retries := 0 // the client's default
	if !cfg.MaxRetries.IsNull() {
		if retries = int(cfg.MaxRetries.ValueInt64()); retries == 0 {
			retries = -1 // the client reads 0 as "its default" and a negative value as "no retries"
		}
	}
	perHour := 0 // no cap of its own
	switch {
	case !cfg.RequestsPerHour.IsNull():
		if v := cfg.RequestsPerHour.ValueInt64(); v < 1 {
			diags.AddAttributeError(path.Root("api_requests_per_hour"), "Invalid api_requests_per_hour",
				"api_requests_per_hour must be a whole number greater than 0; leave it out for no cap.")
		} else {
			perHour = int(min(v, math.MaxInt32))
		}
	case getenv(EnvAPIRequestsPerHour) != "":
		v, err := strconv.Atoi(strings.TrimSpace(getenv(EnvAPIRequestsPerHour)))
		if err != nil || v < 1 {
			// The value is not quoted: the variable is the user's, like any setting.
			diags.AddError("Invalid "+EnvAPIRequestsPerHour,
				"The environment variable "+EnvAPIRequestsPerHour+" must be a whole number greater than 0; unset it for no cap.")
		}
		perHour = v
	}
	if diags.HasError() {
		return nil, diags
	}

	client, err := fivetran.New(fivetran.Config{
		APIKey:          key,
		APISecret:       secret,
		BaseURL:         apiURL,
		UserAgent:       "terraform-provider-fivetran/" + p.version,
		RequestTimeout:  timeout,
		MaxRetries:      retries,
		RequestsPerHour: perHour,
		BudgetWindow:    p.budgetWindow,
		CreateWindow:    p.createWindow,
	})
	if err != nil {
		diags.AddError("Unable to create the Fivetran client", err.Error())
		return nil, diags
	}
	p.run.add(client)
	bulk := newBulkReads(cfg.BulkReads.IsNull() || cfg.BulkReads.ValueBool(), cmp.Or(cfg.ConfigRefresh.ValueString(), configRefreshAlways))
	bulk.listConnections = groupConnections(client)
	return &providerData{
		client:         client,
		validateConfig: cfg.ValidateConfig.IsNull() || cfg.ValidateConfig.ValueBool(),
		metadata:       newMetadataCache(client),
		secrets:        []string{key, secret},
		duplicates:     duplicateGuard{allowGroupNames: cfg.AllowDupGroups.ValueBool()},
		bulk:           bulk,
		schemaOnChange: cfg.SchemaRefresh.ValueString() == configRefreshOnChange,
	}, diags
}

func (p *fivetranProvider) Resources(_ context.Context) []func() resource.Resource {
	return append([]func() resource.Resource{
		NewGroupResource,
		NewDestinationResource,
		NewConnectionResource,
		NewConnectCardResource,
		NewConnectionSchemaResource,
		NewProxyAgentResource,
		NewPrivateLinkResource,
		NewHybridAgentResource,
		NewWebhookResource,
		NewUserResource,
		NewTeamResource,
		NewExternalLoggingResource,
	}, slices.Concat(membershipResources(), approvalResources())...)
}

func (p *fivetranProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return append([]func() datasource.DataSource{
		NewConnectorsMetadataDataSource,
		NewGroupDataSource,
		NewGroupsDataSource,
		NewDestinationDataSource,
		NewConnectionDataSource,
		NewConnectionsDataSource,
		NewConnectorTypeDataSource,
		NewConnectionSchemaDataSource,
		NewProxyAgentDataSource,
		NewProxyAgentsDataSource,
		NewPrivateLinkDataSource,
		NewPrivateLinksDataSource,
		NewHybridAgentDataSource,
		NewHybridAgentsDataSource,
		NewWebhookDataSource,
		NewWebhooksDataSource,
		NewUserDataSource,
		NewUsersDataSource,
		NewTeamDataSource,
		NewTeamsDataSource,
		NewRolesDataSource,
		NewExternalLoggingDataSource,
		NewExternalLogsDataSource,
		NewDestinationsDataSource,
		NewGroupUsersDataSource,
	}, slices.Concat(membershipDataSources(), approvalDataSources(), groupKeyDataSources())...)
}

// toProviderData is the one Configure helper: every resource and data source
// calls it from its own Configure in a single line.
func toProviderData(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil { // the provider is not configured yet (validation, early plan)
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

func checkAbsoluteURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		// url.Parse quotes the whole input, which may hold user:password@.
		return errors.New("it does not parse as a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("the scheme must be http or https")
	}
	if u.Host == "" {
		return fmt.Errorf("the URL has no host")
	}
	return nil
}

// shownURL is how a diagnostic names a URL the user gave: with any password
// redacted, and not at all when it does not parse (it could be anything).
func shownURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "a value that is not a URL"
	}
	return strconv.Quote(u.Redacted())
}

// absoluteURLValidator checks URL attributes (api_url, redirect_uri) at validate time.
type absoluteURLValidator struct{}

func (absoluteURLValidator) Description(context.Context) string {
	return "must be an absolute http(s) URL such as https://example.com/path"
}
func (v absoluteURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}
func (v absoluteURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkAbsoluteURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			fmt.Sprintf("The value %s: %s.", v.Description(ctx), err))
	}
}

// durationValidator checks Go duration strings at validate time.
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return `must be a positive Go duration such as "30s" or "2m"`
}
func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := strings.TrimSpace(req.ConfigValue.ValueString())
	if d, err := time.ParseDuration(s); err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", fmt.Sprintf("%q %s.", s, v.Description(ctx)))
	}
}

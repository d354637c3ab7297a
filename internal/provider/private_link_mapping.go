package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The private link's mapping, in the order every object's mapping file keeps
// (group_mapping.go): the resource model; fromAPI; privateLinkImported; the
// data-source form; the create request; the update (the config, the only
// thing Fivetran changes in place); and the rules plan and apply share.
//
// A private link is an endpoint Fivetran provisions in its own cloud
// network to reach one service of the customer's (a database, a warehouse)
// over the cloud's private network instead of the internet. Connections and
// destinations name it in private_link_id. Fivetran works on it after each
// create and change (state CREATING or UPDATING) until it is OK or FAIL, and
// allows only a few creates an hour.

type privateLinkModel struct {
	ID            types.String   `tfsdk:"id"`
	Name          types.String   `tfsdk:"name"`
	Region        types.String   `tfsdk:"region"`
	Service       types.String   `tfsdk:"service"`
	Config        types.Map      `tfsdk:"config"`
	CloudProvider types.String   `tfsdk:"cloud_provider"`
	State         types.String   `tfsdk:"state"`
	StateSummary  types.String   `tfsdk:"state_summary"`
	Host          types.String   `tfsdk:"host"`
	CreatedAt     types.String   `tfsdk:"created_at"`
	CreatedBy     types.String   `tfsdk:"created_by"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI copies what a GET returns into the model, the config included:
// Fivetran keeps it as sent, so a difference is a change made outside
// Terraform. The timeouts are the caller's.
func (m *privateLinkModel) fromAPI(l *fivetran.PrivateLink) {
	m.Name = types.StringValue(l.Name)
	m.Region = types.StringValue(l.Region)
	m.Service = types.StringValue(l.Service)
	if l.Config != nil {
		m.Config = stringMap(l.Config)
	}
	m.computedFromAPI(l)
}

// computedFromAPI copies only what Fivetran decides: the id, the state and
// the rest of the computed attributes. A create and an update keep what the
// plan says of the others, which Terraform requires of them, whatever form
// Fivetran's answer gives them.
func (m *privateLinkModel) computedFromAPI(l *fivetran.PrivateLink) {
	m.ID = types.StringValue(l.ID)
	m.CloudProvider = stringOrNull(l.CloudProvider)
	m.State = stringOrNull(l.State)
	m.StateSummary = stringOrNull(l.StateSummary)
	m.Host = stringOrNull(l.Host)
	m.CreatedAt = stringOrNull(l.CreatedAt)
	m.CreatedBy = stringOrNull(l.CreatedBy)
}

func stringMap(m map[string]string) types.Map {
	return types.MapValueMust(types.StringType, mapValues(m))
}

func mapValues(m map[string]string) map[string]attr.Value {
	out := make(map[string]attr.Value, len(m))
	for k, v := range m {
		out[k] = types.StringValue(v)
	}
	return out
}

// privateLinkImported is what an import by id reads, and so what a list
// result holds: everything a GET shows.
func privateLinkImported(l *fivetran.PrivateLink, t timeouts.Value) privateLinkModel {
	m := privateLinkModel{Config: types.MapNull(types.StringType), Timeouts: t}
	m.fromAPI(l)
	return m
}

// privateLinkDataModel is a private link as the fivetran_private_link data
// source and the items of fivetran_private_links show it.
type privateLinkDataModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	Region        types.String `tfsdk:"region"`
	Service       types.String `tfsdk:"service"`
	Config        types.Map    `tfsdk:"config"`
	CloudProvider types.String `tfsdk:"cloud_provider"`
	State         types.String `tfsdk:"state"`
	StateSummary  types.String `tfsdk:"state_summary"`
	Host          types.String `tfsdk:"host"`
	CreatedAt     types.String `tfsdk:"created_at"`
	CreatedBy     types.String `tfsdk:"created_by"`
}

func privateLinkDataOf(l *fivetran.PrivateLink) privateLinkDataModel {
	m := privateLinkImported(l, timeouts.Value{})
	return privateLinkDataModel{
		ID: m.ID, Name: m.Name, Region: m.Region, Service: m.Service, Config: m.Config, CloudProvider: m.CloudProvider,
		State: m.State, StateSummary: m.StateSummary, Host: m.Host, CreatedAt: m.CreatedAt, CreatedBy: m.CreatedBy,
	}
}

// privateLinkConfig reads the config map of a plan (all known: Terraform
// calls Create and Update with known values only).
func privateLinkConfig(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}

// privateLinkCreate is what a create sends.
func privateLinkCreate(ctx context.Context, plan privateLinkModel, diags *diag.Diagnostics) fivetran.PrivateLinkCreate {
	return fivetran.PrivateLinkCreate{
		Name: plan.Name.ValueString(), Region: plan.Region.ValueString(), Service: plan.Service.ValueString(),
		Config: privateLinkConfig(ctx, plan.Config, diags),
	}
}

// privateLinkConfigChanged reports whether an update changes the config,
// the one thing Fivetran changes in place (a new name, region or service
// replaces the link).
func privateLinkConfigChanged(plan, prior privateLinkModel) bool {
	return !plan.Config.Equal(prior.Config)
}

// privateLinkNamePattern is the names Fivetran accepts: letters, digits and
// underscores, at most privateLinkNameMax of them. Fivetran's documentation
// also asks for a letter or an underscore first, but links named with
// digits only have been created (API.md, "Private links"), so that is not
// enforced.
var privateLinkNamePattern = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

const privateLinkNameMax = 23

// privateLinkConfigProblems checks a config against its service's keys:
// every required key, no unknown key, no empty value. Each problem names the
// key, never a value.
func privateLinkConfigProblems(service string, config map[string]string) []string {
	s, ok := fivetran.LookupPrivateLinkService(service)
	if !ok {
		return nil // the service's own validator reports it
	}
	var problems []string
	for _, k := range s.Required {
		if _, set := config[k]; !set {
			problems = append(problems, fmt.Sprintf("%s needs the key %q", service, k))
		}
	}
	known := s.Keys()
	for _, k := range slices.Sorted(maps.Keys(config)) {
		switch {
		case !slices.Contains(known, k):
			problems = append(problems, fmt.Sprintf("%s takes no key %q (it takes %s)", service, k, strings.Join(known, ", ")))
		case strings.TrimSpace(config[k]) == "":
			problems = append(problems, fmt.Sprintf("the key %q is empty", k))
		}
	}
	return problems
}

// privateLinkRegionProblem says why a region cannot hold a link of a
// service: a private link lives in its service's cloud.
func privateLinkRegionProblem(service, region string) string {
	s, ok := fivetran.LookupPrivateLinkService(service)
	if !ok || fivetran.RegionCloud(region) == "" || fivetran.RegionCloud(region) == s.Cloud {
		return ""
	}
	return fmt.Sprintf("A %s private link lives in %s: choose one of the %s regions (%s_...), not a %s one.",
		service, s.Cloud, s.Cloud, s.Cloud, fivetran.RegionCloud(region))
}

// privateLinkCreatedBy picks, among the listed links, the one a create whose
// answer was lost made: names are unique, so the one with this name created
// since the request was sent (less reconcileClockSkew) is it.
func privateLinkCreatedBy(links []fivetran.PrivateLink, name string, sent time.Time) (*fivetran.PrivateLink, bool) {
	for i, l := range links {
		created, perr := time.Parse(time.RFC3339Nano, l.CreatedAt)
		if l.Name == name && (perr != nil || !created.Before(sent.Add(-reconcileClockSkew))) {
			return &links[i], true
		}
	}
	return nil, false
}

// privateLinkNamed returns the id of the link with this name, or "".
func privateLinkNamed(links []fivetran.PrivateLink, name string) string {
	for _, l := range links {
		if l.Name == name {
			return l.ID
		}
	}
	return ""
}

// privateLinkUsersText names the connections and destinations that use a
// link, for the error of a delete that Fivetran refused.
func privateLinkUsersText(conns []fivetran.Connection, dests []fivetran.Destination, id string) string {
	var parts []string
	for _, c := range conns {
		if c.PrivateLinkID == id {
			parts = append(parts, fmt.Sprintf("connection %q (id %s, %s)", c.Schema, c.ID, c.Service))
		}
	}
	for _, d := range dests {
		if d.PrivateLinkID == id {
			parts = append(parts, fmt.Sprintf("destination %s (%s)", d.ID, d.Service))
		}
	}
	return strings.Join(parts, ", ")
}

// privateLinkAt is where a problem of the link's state points: the config,
// which a change can mend.
var privateLinkAt = path.Root("config")

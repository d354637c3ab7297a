package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

type destinationList struct{ data *providerData }

type destinationListFilter struct {
	GroupID types.String `tfsdk:"group_id"`
	Service types.String `tfsdk:"service"`
	Name    types.String `tfsdk:"name"`
}

func (l *destinationList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_destination"
}

func (l *destinationList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *destinationList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's destinations for `terraform query` (Terraform 1.14 and later), by group, type and group name. " +
			"With `-generate-config-out` each becomes a `fivetran_destination` resource block, with every setting Fivetran returns except secrets, " +
			"and an import block by identity.",
		Attributes: map[string]schema.Attribute{
			"group_id": groupIDFilter("the destination"),
			"service":  serviceFilter("destinations"),
			"name":     schema.StringAttribute{MarkdownDescription: "Only destinations whose group's name matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *destinationList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f destinationListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	var diags diag.Diagnostics
	groups, err := l.data.client.ListGroups(ctx)
	if err != nil {
		addAPIError(&diags, "list", "groups", "", err)
		listFailed(stream, diags)
		return
	}
	dests, err := l.data.client.ListDestinations(ctx)
	if err != nil {
		addAPIError(&diags, "list", "destinations", "", err)
		listFailed(stream, diags)
		return
	}
	groupName := map[string]string{}
	for _, g := range groups {
		groupName[g.ID] = g.Name
	}
	name := compileNamePattern(f.Name)
	dests = slices.DeleteFunc(dests, func(d fivetran.Destination) bool {
		gid := firstNonEmpty(d.GroupID, d.ID)
		return (!f.GroupID.IsNull() && gid != f.GroupID.ValueString()) ||
			(!f.Service.IsNull() && !strings.EqualFold(d.Service, f.Service.ValueString())) ||
			!name.matches(groupName[gid])
	})
	slices.SortFunc(dests, func(a, b fivetran.Destination) int {
		return strings.Compare(groupName[a.ID]+"\x00"+a.ID, groupName[b.ID]+"\x00"+b.ID)
	})
	stream.Results = listStream(ctx, req, dests, func(d fivetran.Destination, result *list.ListResult) {
		result.DisplayName = fmt.Sprintf("%s (%s)", firstNonEmpty(groupName[d.ID], d.ID), d.Service)
		setIdentity(ctx, result.Identity, types.StringValue(d.ID), &result.Diagnostics)
		if !req.IncludeResource {
			return
		}
		full, err := l.data.client.GetDestination(ctx, d.ID) // list items may leave config out
		if err != nil {
			addAPIError(&result.Diagnostics, "read", "destination", d.ID, err)
			return
		}
		m := destinationModel{Timeouts: nullTimeouts(ctx, req, &result.Diagnostics)}
		m.fromAPI(full)
		m.Config = importedConfig(ctx, full.Config, nil, configproj.Options{}, fmt.Sprintf("destination %q", d.ID), &result.Diagnostics)
		m.RunSetupTests, m.TrustCertificates, m.TrustFingerprints = types.BoolValue(true), types.BoolValue(false), types.BoolValue(false)
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	})
}

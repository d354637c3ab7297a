package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type destinationList struct{ data *providerData }

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
	var f listFilter
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
	stream.Results = listStream(ctx, req, destinationListing(dests, groups, f), func(o listed, result *list.ListResult) {
		result.DisplayName = o.displayName
		setIdentity(ctx, result.Identity, types.StringValue(o.id), &result.Diagnostics)
		if !req.IncludeResource {
			return
		}
		listedResult(ctx, result, func(diags *diag.Diagnostics) (destinationModel, bool) {
			full, err := l.data.client.GetDestination(ctx, o.id) // list items may leave config out
			if err != nil {
				addAPIError(diags, "read", "destination", o.id, err)
				return destinationModel{}, false
			}
			return destinationImported(ctx, full, nullTimeouts(ctx, req, diags), diags), true
		})
	})
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The fivetran_team list resource; what a result holds is teamImported
// (team_mapping.go).

type teamList struct{ data *providerData }

func (l *teamList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_team"
}

func (l *teamList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *teamList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's teams for `terraform query` (Terraform 1.14 and later). With `-generate-config-out` " +
			"each becomes a `fivetran_team` resource block with an import block by identity.",
	}
}

func (l *teamList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f noListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	teams, err := l.data.client.ListTeams(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "teams", "", err)
		listFailed(stream, diags)
		return
	}
	sortTeams(teams)
	stream.Results = listStream(ctx, req, teams, func(t fivetran.Team, result *list.ListResult) {
		result.DisplayName = t.Name
		setIdentity(ctx, result.Identity, types.StringValue(t.ID), &result.Diagnostics)
		if req.IncludeResource {
			m := teamImported(&t, nullTimeouts(ctx, req, &result.Diagnostics))
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

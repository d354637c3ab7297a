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

// The fivetran_user list resource; what a result holds is userImported
// (user_mapping.go).

type userList struct{ data *providerData }

// noListFilter is the filter of a list resource that takes none.
type noListFilter struct{}

func (l *userList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (l *userList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *userList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's users for `terraform query` (Terraform 1.14 and later). With `-generate-config-out` " +
			"each becomes a `fivetran_user` resource block with an import block by identity.",
	}
}

func (l *userList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f noListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	users, err := l.data.client.ListUsers(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "users", "", err)
		listFailed(stream, diags)
		return
	}
	sortUsers(users)
	stream.Results = listStream(ctx, req, users, func(u fivetran.User, result *list.ListResult) {
		result.DisplayName = u.Email
		setIdentity(ctx, result.Identity, types.StringValue(u.ID), &result.Diagnostics)
		if req.IncludeResource {
			m := userImported(&u, nullTimeouts(ctx, req, &result.Diagnostics))
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

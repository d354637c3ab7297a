package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The fivetran_group_ssh_key and fivetran_group_service_account data
// sources: what a customer grants Fivetran on their side for one group (the
// SSH key to authorize on a tunnel host, the Google Cloud service account to
// give access to), read so that the grant can be declared beside the group.
// One data source over a table of the two, as the official provider names
// them.

type groupKeySpec struct {
	typeSuffix, attr, what, route string
	get                           func(ctx context.Context, c *fivetran.Client, groupID string) (string, error)
}

var groupKeySpecs = []groupKeySpec{
	{typeSuffix: "_group_ssh_key", attr: "public_key", route: "GET /v1/groups/{id}/public-key",
		what: "The SSH public key Fivetran uses to reach this group's sources and destinations through an SSH tunnel: add it to the " +
			"tunnel host's `authorized_keys`.",
		get: func(ctx context.Context, c *fivetran.Client, id string) (string, error) {
			return c.GroupPublicKey(ctx, id)
		}},
	{typeSuffix: "_group_service_account", attr: "service_account", route: "GET /v1/groups/{id}/service-account",
		what: "The Google Cloud service account Fivetran uses for this group: grant it access to your BigQuery datasets or Cloud " +
			"Storage buckets.",
		get: func(ctx context.Context, c *fivetran.Client, id string) (string, error) {
			return c.GroupServiceAccount(ctx, id)
		}},
}

var (
	_ datasource.DataSource              = (*groupKeyDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*groupKeyDataSource)(nil)
)

func groupKeyDataSources() []func() datasource.DataSource {
	out := make([]func() datasource.DataSource, len(groupKeySpecs))
	for i := range groupKeySpecs {
		s := groupKeySpecs[i]
		out[i] = func() datasource.DataSource { return &groupKeyDataSource{spec: s} }
	}
	return out
}

type groupKeyDataSource struct {
	spec groupKeySpec
	data *providerData
}

func (d *groupKeyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.typeSuffix
}

func (d *groupKeyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: d.spec.what + " One `" + d.spec.route + "`. A group that does not exist is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The group's id, such as `fivetran_group.<name>.id`.",
				Required:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			d.spec.attr: computedString(d.spec.what),
		},
	}
}

func (d *groupKeyDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *groupKeyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	v, err := d.spec.get(ctx, d.data.client, id.ValueString())
	if err != nil {
		if fivetran.IsNotFoundKind(err, fivetran.KindGroup) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Group not found",
				fmt.Sprintf("Fivetran has no group with id %q. The fivetran_groups data source lists them.", id.ValueString()))
			return
		}
		addAPIError(&resp.Diagnostics, "read", "group", id.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(d.spec.attr), v)...)
}

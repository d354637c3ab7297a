package provider

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource                     = (*privateLinkDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*privateLinkDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*privateLinkDataSource)(nil)
)

// NewPrivateLinkDataSource is the fivetran_private_link data source: one
// existing private link, looked up by id or by its name.
func NewPrivateLinkDataSource() datasource.DataSource { return &privateLinkDataSource{} }

type privateLinkDataSource struct {
	data *providerData
}

func (d *privateLinkDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_private_link"
}

// privateLinkDataAttributes are the attributes every form of a private link
// as data shows, but the id and name, whose roles differ.
func privateLinkDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"region":  computedString("Where Fivetran provisioned the link (a data processing location such as `AWS_US_EAST_1`)."),
		"service": computedString("What the link reaches, and in which cloud, such as `SOURCE_AWS` or `SNOWFLAKE_AZURE`."),
		"config": schema.MapAttribute{
			MarkdownDescription: "The endpoint the link reaches, with the keys its service takes.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"cloud_provider": computedString("The cloud the link lives in: `AWS`, `AZURE` or `GCP`."),
		"state":          computedString("`OK` once provisioned; `CREATING`, `UPDATING` or `DESTROYING` while Fivetran works on it; `FAIL` when provisioning failed."),
		"state_summary":  computedString("Fivetran's explanation of the state."),
		"host":           computedString("The host name of the link's endpoint, once provisioned."),
		"created_at":     computedString("When the link was created."),
		"created_by":     computedString("The id of the user who created the link."),
	}
}

func (d *privateLinkDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := privateLinkDataAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The link's id. Set this or `name`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{idValidator{what: "private link"}},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "The link's name, matched exactly. Set this or `id`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One existing Fivetran private link, looked up by `id` or by `name` (names are unique in an account), with its state " +
			"(one `GET /v1/private-links/{id}`, after the list of links for a name). A link that does not exist is an error.",
		Attributes: attrs,
	}
}

func (d *privateLinkDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *privateLinkDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *privateLinkDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m privateLinkDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)

	l, ok := readByIDOrName(ctx, byIDOrName[fivetran.PrivateLink]{object: "private link", listedBy: "fivetran_private_links",
		nameAttr: "name", matched: "exactly", id: m.ID.ValueString(),
		named: func(ctx context.Context) (string, error) {
			items, err := d.data.client.ListPrivateLinks(ctx)
			return privateLinkNamed(items, m.Name.ValueString()), err
		},
		get: d.data.client.GetPrivateLink, gone: d.data.privateLinkGone}, &resp.Diagnostics)
	if !ok {
		return
	}
	m = privateLinkDataOf(l)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*privateLinksDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*privateLinksDataSource)(nil)
)

// NewPrivateLinksDataSource is the fivetran_private_links data source:
// every private link of the account.
func NewPrivateLinksDataSource() datasource.DataSource { return &privateLinksDataSource{} }

type privateLinksDataSource struct {
	data *providerData
}

type privateLinksDataModel struct {
	ID    types.String           `tfsdk:"id"`
	Links []privateLinkDataModel `tfsdk:"private_links"`
}

func (d *privateLinksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_private_links"
}

func (d *privateLinksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := privateLinkDataAttributes()
	attrs["id"] = computedString("The link's id.")
	attrs["name"] = computedString("The link's name.")
	attrs["config"] = schema.MapAttribute{
		MarkdownDescription: "The endpoint the link reaches, as the list gives it (null where it gives none; the `fivetran_private_link` data source reads it).",
		ElementType:         types.StringType,
		Computed:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every private link of the account, read from `GET /v1/private-links` (all pages). An empty result is not an error.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`private_links`)."),
			"private_links": schema.ListNestedAttribute{
				MarkdownDescription: "The links, ordered by name, then id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *privateLinksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *privateLinksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx = d.data.logContext(ctx)
	links, err := d.data.client.ListPrivateLinks(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "private links", "", err)
		return
	}
	sortPrivateLinks(links)
	m := privateLinksDataModel{ID: types.StringValue("private_links"), Links: make([]privateLinkDataModel, len(links))}
	for i := range links {
		m.Links[i] = privateLinkDataOf(&links[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// sortPrivateLinks orders links by name, then id: the data source's and
// the list resource's order.
func sortPrivateLinks(links []fivetran.PrivateLink) {
	slices.SortFunc(links, func(a, b fivetran.PrivateLink) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
}

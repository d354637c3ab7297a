package provider

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*groupsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*groupsDataSource)(nil)
)

// NewGroupsDataSource is the fivetran_groups data source: every group the API
// key can see, optionally filtered by name.
func NewGroupsDataSource() datasource.DataSource { return &groupsDataSource{} }

type groupsDataSource struct {
	data *providerData
}

type groupsDataModel struct {
	ID           types.String     `tfsdk:"id"`
	Name         types.String     `tfsdk:"name"`
	NameContains types.String     `tfsdk:"name_contains"`
	Groups       []groupDataModel `tfsdk:"groups"`
}

func (d *groupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_groups"
}

func (d *groupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every Fivetran group the API key can see, read from `GET /v1/groups` (all pages), optionally filtered by name. " +
			"An empty result is not an error. To look up one group and fail when it is missing or ambiguous, use the `fivetran_group` data source.",
		Attributes: map[string]schema.Attribute{
			"id":            computedString("A fixed id for this data source (`groups`)."),
			"name":          filterString("Keep only the groups with exactly this name (case-sensitive). Fivetran does not require group names to be unique, so several may match."),
			"name_contains": filterString("Keep only the groups whose name contains this text (case-insensitive). With `name`, both filters apply."),
			"groups": schema.ListNestedAttribute{
				MarkdownDescription: "The groups, ordered by name, then creation time, then id.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computedString("The group's id; the id of its destination is the same."),
					"name":       computedString("The group's name."),
					"created_at": computedString("When the group was created (RFC 3339, UTC)."),
				}},
			},
		},
	}
}

func (d *groupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *groupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	all, err := d.data.client.ListGroups(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "groups", "", err)
		return
	}
	m.ID = types.StringValue("groups")
	m.Groups = filterGroups(all, m.Name.ValueString(), m.NameContains.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// filterGroups applies the optional filters ("" = no filter) and converts
// the survivors, ordered by name, creation time and id.
func filterGroups(all []fivetran.Group, name, contains string) []groupDataModel {
	contains = strings.ToLower(contains)
	kept := make([]fivetran.Group, 0, len(all))
	for _, g := range all {
		if name != "" && g.Name != name {
			continue
		}
		if contains != "" && !strings.Contains(strings.ToLower(g.Name), contains) {
			continue
		}
		kept = append(kept, g)
	}
	slices.SortFunc(kept, func(a, b fivetran.Group) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.CreatedAt, b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	out := make([]groupDataModel, len(kept))
	for i := range kept {
		out[i] = groupDataOf(&kept[i])
	}
	return out
}

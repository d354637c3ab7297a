package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*membershipsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*membershipsDataSource)(nil)
)

// membershipDataSources are the five membership data sources, one per
// spec (membership_mapping.go), named as the official provider names them
// (the resource's name in the plural): the roles one user or team has of
// one kind, read from one list, with when each was given.
func membershipDataSources() []func() datasource.DataSource {
	out := make([]func() datasource.DataSource, len(membershipSpecs))
	for i := range membershipSpecs {
		s := membershipSpecs[i]
		out[i] = func() datasource.DataSource { return &membershipsDataSource{spec: s} }
	}
	return out
}

type membershipsDataSource struct {
	spec membershipSpec
	data *providerData
}

func (d *membershipsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.typeSuffix + "s"
}

func (d *membershipsDataSource) elemType() types.ObjectType {
	return types.ObjectType{AttrTypes: map[string]attr.Type{
		d.spec.targetAttr: types.StringType, "role": types.StringType, "created_at": types.StringType}}
}

func (d *membershipsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s := d.spec
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("The roles one %[1]s has in %[2]ss, read from one list: what `fivetran%[3]s` manages, "+
			"including roles given outside Terraform. A %[1]s that does not exist is an error.", s.ownerWhat, s.targetWhat, s.typeSuffix),
		Attributes: map[string]schema.Attribute{
			"id": computedString(fmt.Sprintf("The %s's id.", s.ownerWhat)),
			s.ownerAttr: schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s whose roles to read.", s.ownerWhat),
				Required:            true,
				Validators:          []validator.String{idValidator{what: s.ownerWhat}},
			},
			s.block: schema.ListNestedAttribute{
				MarkdownDescription: fmt.Sprintf("One per %s, ordered by its id.", s.targetWhat),
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					s.targetAttr: computedString(fmt.Sprintf("The %s's id.", s.targetWhat)),
					"role":       computedString(fmt.Sprintf("The %s's role in it.", s.ownerWhat)),
					"created_at": computedString("When the role was given; null when Fivetran does not say."),
				}},
			},
		},
	}
}

func (d *membershipsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *membershipsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	s := d.spec
	var owner types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(s.ownerAttr), &owner)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	ms, err := d.data.client.ListMemberships(ctx, s.kind, owner.ValueString())
	if err != nil {
		r := membershipResource{spec: s, data: d.data}
		if r.ownerGone(ctx, err) {
			resp.Diagnostics.AddAttributeError(path.Root(s.ownerAttr), capitalize(s.ownerWhat)+" not found",
				fmt.Sprintf("Fivetran has no %s with id %q. The fivetran_%ss data source lists them.", s.ownerWhat, owner.ValueString(), s.ownerWhat))
			return
		}
		addAPIError(&resp.Diagnostics, "read the memberships of", s.ownerWhat, owner.ValueString(), err)
		return
	}
	slices.SortFunc(ms, func(a, b fivetran.Membership) int { return cmp.Compare(a.TargetID(), b.TargetID()) })
	items := make([]attr.Value, len(ms))
	for i, m := range ms {
		items[i] = types.ObjectValueMust(d.elemType().AttrTypes, map[string]attr.Value{
			s.targetAttr: types.StringValue(m.TargetID()), "role": types.StringValue(m.Role), "created_at": stringOrNull(m.CreatedAt)})
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), owner)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(s.ownerAttr), owner)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(s.block), types.ListValueMust(d.elemType(), items))...)
}

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
	_ datasource.DataSource              = (*approvalsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*approvalsDataSource)(nil)
)

// approvalDataSources are the four approval data sources, one per spec
// (approval_mapping.go), named as the resources: the approvals of one
// connection or destination with the details Fivetran computes, those made
// outside Terraform included.
func approvalDataSources() []func() datasource.DataSource {
	out := make([]func() datasource.DataSource, len(approvalSpecs))
	for i := range approvalSpecs {
		s := approvalSpecs[i]
		out[i] = func() datasource.DataSource { return &approvalsDataSource{spec: s} }
	}
	return out
}

type approvalsDataSource struct {
	spec approvalSpec
	data *providerData
}

func (d *approvalsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.typeSuffix
}

// detailAttrs are the attributes of one approval as data: the certificate's
// or the fingerprint's.
func (d *approvalsDataSource) detailAttrs() []string {
	if d.spec.block == "certificate" {
		return []string{"hash", "name", "type", "sha1", "sha256", "public_key", "validated_by", "validated_date"}
	}
	return []string{"hash", "public_key", "validated_by", "validated_date"}
}

func (d *approvalsDataSource) elemType() types.ObjectType {
	t := map[string]attr.Type{}
	for _, a := range d.detailAttrs() {
		t[a] = types.StringType
	}
	return types.ObjectType{AttrTypes: t}
}

func (d *approvalsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s := d.spec
	desc := map[string]string{
		"hash": "The hash.", "name": "The certificate's name.", "type": "The certificate's type.", "sha1": "Its SHA-1 fingerprint.",
		"sha256": "Its SHA-256 fingerprint.", "public_key": "The public key.", "validated_by": "Who approved it.",
		"validated_date": "When it was approved.",
	}
	attrs := map[string]schema.Attribute{}
	for _, a := range d.detailAttrs() {
		attrs[a] = computedString(desc[a])
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("The %ss approved for one %s, with the details Fivetran computes, those approved outside "+
			"Terraform included (one list request). A %s that does not exist is an error.", s.what, s.ownerWhat, s.ownerWhat),
		Attributes: map[string]schema.Attribute{
			"id": computedString(fmt.Sprintf("The %s's id.", s.ownerWhat)),
			s.ownerAttr: schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s whose approvals to read.", s.ownerWhat),
				Required:            true,
				Validators:          []validator.String{idValidator{what: s.ownerWhat}},
			},
			s.block: schema.ListNestedAttribute{
				MarkdownDescription: fmt.Sprintf("One per approved %s, ordered by hash.", s.what),
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *approvalsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *approvalsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	s := d.spec
	var owner types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(s.ownerAttr), &owner)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	var rows []map[string]string
	var err error
	if s.block == "certificate" {
		var certs []fivetran.Certificate
		certs, err = d.data.client.ListCertificates(ctx, s.owner, owner.ValueString())
		for _, c := range certs {
			rows = append(rows, map[string]string{"hash": c.Hash, "name": c.Name, "type": c.Type, "sha1": c.SHA1, "sha256": c.SHA256,
				"public_key": c.PublicKey, "validated_by": c.ValidatedBy, "validated_date": c.ValidatedDate})
		}
	} else {
		var fps []fivetran.Fingerprint
		fps, err = d.data.client.ListFingerprints(ctx, s.owner, owner.ValueString())
		for _, f := range fps {
			rows = append(rows, map[string]string{"hash": f.Hash, "public_key": f.PublicKey, "validated_by": f.ValidatedBy,
				"validated_date": f.ValidatedDate})
		}
	}
	if err != nil {
		if fivetran.IsNotFoundKind(err, s.owner.Kind) {
			resp.Diagnostics.AddAttributeError(path.Root(s.ownerAttr), capitalize(s.ownerWhat)+" not found",
				fmt.Sprintf("Fivetran has no %s with id %q.", s.ownerWhat, owner.ValueString()))
			return
		}
		addAPIError(&resp.Diagnostics, "read the approvals of", s.ownerWhat, owner.ValueString(), err)
		return
	}
	slices.SortFunc(rows, func(a, b map[string]string) int { return cmp.Compare(a["hash"], b["hash"]) })
	items := make([]attr.Value, len(rows))
	for i, row := range rows {
		vals := map[string]attr.Value{}
		for _, a := range d.detailAttrs() {
			vals[a] = stringOrNull(row[a])
		}
		items[i] = types.ObjectValueMust(d.elemType().AttrTypes, vals)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), owner)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(s.ownerAttr), owner)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(s.block), types.ListValueMust(d.elemType(), items))...)
}

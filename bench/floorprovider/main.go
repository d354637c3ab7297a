// Command floorprovider is Terraform's floor for the benchmark (make bench): a
// terraform-plugin-framework provider with one resource, floor_item, that has
// a few string attributes and talks to no API. Create invents an id, Read
// returns the state unchanged, Update stores the plan, Delete does nothing. A
// plan of N floor_items therefore costs what Terraform and the framework cost
// for N resources, and nothing else; the benchmark reports every figure of the
// Fivetran provider as a ratio to it, measured in the same run.
//
// Built with -ldflags "-X main.flavour=shape" it is the same-shape floor
// instead: provider "floorshape" with floorshape_item (the same resource),
// floorshape_connection and floorshape_connection_schema, whose schemas are
// fivetran_connection's and fivetran_connection_schema's own, taken from the
// provider package at start-up (so they cannot drift from them): every
// attribute, nested object, validator and plan modifier, but none of the
// resources' own code (no API calls, no config validators, no ModifyPlan).
// A plan of them costs what Terraform and the framework cost for resources
// of that shape; the difference to the Fivetran provider is ours.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log"
	"os"
	"runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/sdklog"
)

// flavour is "" for the floor and "shape" for the same-shape floor (set by
// the benchmark's build with -ldflags).
var flavour string

func main() {
	// The same quieting of the SDK's own trace logs as the Fivetran provider's
	// main.go, so that the floor measures a provider built the same way.
	sdklog.Quiet()
	p := floorProvider{name: "floor"}
	if flavour == "shape" {
		// The same collector as the Fivetran provider (gcPercent in its
		// main.go), so that the difference between the two is the code and
		// not the runtime. Terraform's floor keeps Go's default.
		if _, set := os.LookupEnv("GOGC"); !set {
			debug.SetGCPercent(shapeGCPercent)
		}
		p = floorProvider{name: "floorshape"}
		for _, typeName := range shapedTypes {
			s, err := resourceSchema(context.Background(), typeName)
			if err != nil {
				log.Fatal(err)
			}
			p.shaped = append(p.shaped, shapeResource{suffix: strings.TrimPrefix(typeName, "fivetran_"), schema: s})
		}
	}
	err := providerserver.Serve(context.Background(), func() provider.Provider { return p }, providerserver.ServeOpts{
		Address:         "registry.terraform.io/openpipes/" + p.name,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// shapeGCPercent must equal gcPercent in the repository's main.go.
const shapeGCPercent = 200

type floorProvider struct {
	name   string
	shaped []shapeResource // the same-shape floor's resources (shapedTypes); none in the floor
}

func (p floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = p.name
}

func (floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p floorProvider) Resources(context.Context) []func() resource.Resource {
	rs := []func() resource.Resource{func() resource.Resource { return itemResource{} }}
	for _, r := range p.shaped {
		rs = append(rs, func() resource.Resource { return r })
	}
	return rs
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type itemResource struct{}

type itemModel struct {
	ID     types.String `tfsdk:"id"`
	Name   types.String `tfsdk:"name"`
	Parent types.String `tfsdk:"parent"`
	Kind   types.String `tfsdk:"kind"`
	Value  types.String `tfsdk:"value"`
	Secret types.String `tfsdk:"secret"`
}

func (itemResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_item"
}

func (itemResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	opt := func() schema.StringAttribute { return schema.StringAttribute{Optional: true} }
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name":   schema.StringAttribute{Required: true},
			"parent": opt(),
			"kind":   opt(),
			"value":  opt(),
			"secret": schema.StringAttribute{Optional: true, Sensitive: true},
		},
	}
}

func (itemResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m itemModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sum := sha256.Sum256([]byte(m.Name.ValueString()))
	m.ID = types.StringValue(hex.EncodeToString(sum[:8]))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (itemResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m itemModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (itemResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m itemModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (itemResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

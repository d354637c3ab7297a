package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	fivetran "github.com/openpipes/terraform-provider-fivetran/internal/provider"
)

// shapedTypes are the Fivetran resources the same-shape floor copies: each
// fivetran_X is served as floorshape_X.
var shapedTypes = []string{"fivetran_connection", "fivetran_connection_schema"}

// resourceSchema is a Fivetran resource's schema, asked of the Fivetran
// provider itself (provider.New → Resources → Metadata/Schema), exactly as
// its provider server would ask for it.
func resourceSchema(ctx context.Context, typeName string) (schema.Schema, error) {
	for _, newResource := range fivetran.New("floor")().Resources(ctx) {
		r := newResource()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "fivetran"}, &md)
		if md.TypeName != typeName {
			continue
		}
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		if sr.Diagnostics.HasError() {
			return schema.Schema{}, fmt.Errorf("%s schema: %v", typeName, sr.Diagnostics)
		}
		return sr.Schema, nil
	}
	return schema.Schema{}, fmt.Errorf("the provider has no %s resource", typeName)
}

// shapeResource is floorshape_<suffix>: fivetran_<suffix>'s schema, no
// behaviour. Create and Update store the plan with every value the plan left
// unknown set to null (the id gets a value derived from the plan); Read reads
// the state into a value and writes it back (as every provider's Read does
// through its model, with no API behind it); Delete does nothing.
type shapeResource struct {
	suffix string // "connection" for floorshape_connection
	schema schema.Schema
}

func (r shapeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.suffix
}

func (r shapeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (r shapeResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	raw, err := settle(req.Plan.Raw, true)
	if err != nil {
		resp.Diagnostics.AddError("floorshape_"+r.suffix, err.Error())
		return
	}
	resp.State.Raw = raw
}

func (shapeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var v types.Object
	resp.Diagnostics.Append(req.State.Get(ctx, &v)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, v)...)
}

func (r shapeResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	raw, err := settle(req.Plan.Raw, false)
	if err != nil {
		resp.Diagnostics.AddError("floorshape_"+r.suffix, err.Error())
		return
	}
	resp.State.Raw = raw
}

func (shapeResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// settle turns a planned value into a state: unknown values become null,
// except the top-level id on create, which gets a value derived from the plan.
func settle(plan tftypes.Value, create bool) (tftypes.Value, error) {
	id := ""
	if create {
		sum := sha256.Sum256([]byte(plan.String()))
		id = hex.EncodeToString(sum[:8])
	}
	return tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if id != "" && p.Equal(tftypes.NewAttributePath().WithAttributeName("id")) {
			return tftypes.NewValue(tftypes.String, id), nil
		}
		return tftypes.NewValue(v.Type(), nil), nil
	})
}

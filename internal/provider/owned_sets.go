package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The rules that the resources holding a set of one owner's records share
// (memberships: a user's or team's roles; approvals: a connection's or
// destination's certificates and fingerprints): their identity and import
// go by the owner's id, under the attribute that holds it; and the official
// provider's state, the owner's id and one block per record, moves here as
// it is.

// ownerIdentitySchema is the identity of a resource keyed by its owner:
// the owner's id under ownerAttr.
func ownerIdentitySchema(ownerAttr, description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			ownerAttr: identityschema.StringAttribute{Description: description + " Needs Terraform 1.12 or later.", RequiredForImport: true},
		},
	}
}

// setOwnerIdentity records owner as the identity (none when the resource
// has no identity to set, or no owner yet).
func setOwnerIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, ownerAttr, owner string, diags *diag.Diagnostics) {
	if identity == nil || owner == "" {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(ownerAttr), owner)...)
}

// importOwner imports the records of one owner, by its id (an import id,
// or an identity with Terraform 1.12 and later).
func importOwner(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, typeName, ownerAttr, ownerWhat string) {
	id := req.ID
	if id == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		var owner types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(ownerAttr), &owner)...)
		id = owner.ValueString()
	}
	if !idPattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Import %s by the %s's Fivetran id, such as decent_dropsy (letters, digits, underscores and hyphens): "+
				"terraform import %s.this %s_id.", typeName, ownerWhat, typeName, ownerWhat))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(ownerAttr), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setOwnerIdentity(ctx, resp.Identity, ownerAttr, id, &resp.Diagnostics)
}

// officialOwnedSet reads an official state of the owner's id (ownerAttr,
// or id) and a set of blocks, each read as the pair keyAttr, valueAttr;
// the blocks' other attributes (what Fivetran computes) are not kept.
func officialOwnedSet(raw []byte, ownerAttr, block, keyAttr, valueAttr string) (owner string, pairs [][2]string, err error) {
	st, err := decodeRawState(raw)
	if err != nil {
		return "", nil, err
	}
	r := stateReader{s: st}
	owner = r.str(ownerAttr)
	if owner == "" {
		owner = r.str("id")
	}
	switch items := st[block].(type) {
	case nil:
	case []any:
		for _, it := range items {
			obj, ok := it.(map[string]any)
			if !ok {
				r.wrong(block, "a set of objects", items)
				break
			}
			br := stateReader{s: obj}
			pairs = append(pairs, [2]string{br.str(keyAttr), br.str(valueAttr)})
		}
	default:
		r.wrong(block, "a set", items)
	}
	if r.err != nil {
		return "", nil, r.err
	}
	if owner == "" {
		return "", nil, moveErrorf("the old state has no %s", ownerAttr)
	}
	return owner, pairs, nil
}

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

// Resource identity (Terraform 1.12 and later): the group, the destination,
// the connection, the proxy agent, the private link, the hybrid deployment
// agent, the webhook, the user, the team and the log service are each identified by their Fivetran id alone, which is unique in the account the provider's
// API key belongs to. Terraform stores the identity beside the state and
// accepts it in import blocks (`identity = { id = "…" }`) and from `terraform query`. Every Create, Read,
// Update and import sets it: the framework rejects a response that leaves it
// null, also under older Terraform that never reads it, and also a Read that
// removes the resource because it is gone (Terraform before 1.12 sends no
// prior identity to fall back on).

var (
	_ resource.ResourceWithIdentity = (*groupResource)(nil)
	_ resource.ResourceWithIdentity = (*destinationResource)(nil)
	_ resource.ResourceWithIdentity = (*connectionResource)(nil)
	_ resource.ResourceWithIdentity = (*proxyAgentResource)(nil)
	_ resource.ResourceWithIdentity = (*privateLinkResource)(nil)
	_ resource.ResourceWithIdentity = (*hybridAgentResource)(nil)
	_ resource.ResourceWithIdentity = (*webhookResource)(nil)
	_ resource.ResourceWithIdentity = (*userResource)(nil)
	_ resource.ResourceWithIdentity = (*teamResource)(nil)
	_ resource.ResourceWithIdentity = (*externalLoggingResource)(nil)
)

// idIdentity is the identity of every resource that has one.
type idIdentity struct {
	ID types.String `tfsdk:"id"`
}

func idIdentitySchema(what string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description:       fmt.Sprintf("The %s's Fivetran id. Needs Terraform 1.12 or later.", what),
				RequiredForImport: true,
			},
		},
	}
}

func (r *groupResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("group")
}

func (r *destinationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("destination (its group's id)")
}

func (r *connectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("connection")
}

func (r *proxyAgentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("proxy agent")
}

func (r *privateLinkResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("private link")
}

func (r *hybridAgentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("hybrid deployment agent")
}

func (r *webhookResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("webhook")
}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("user")
}

func (r *teamResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("team")
}

func (r *externalLoggingResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("log service (its group's id)")
}

// setIdentity records id as the resource's identity. Identity is nil only
// for a resource without an identity schema, which none of ours is.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	if identity == nil || id.IsNull() || id.IsUnknown() {
		return
	}
	diags.Append(identity.Set(ctx, idIdentity{ID: id})...)
}

// importedByIdentity returns the id of an import block that gives an
// identity instead of an id (Terraform 1.12 and later). ok is false for an
// import by id, which the resource's own ImportState parses.
func importedByIdentity(ctx context.Context, req resource.ImportStateRequest, what string, diags *diag.Diagnostics) (id string, ok bool) {
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		return "", false
	}
	var ident idIdentity
	diags.Append(req.Identity.Get(ctx, &ident)...)
	if diags.HasError() {
		return "", true
	}
	id = ident.ID.ValueString()
	if !idPattern.MatchString(id) {
		diags.AddAttributeError(path.Root("id"), "Invalid import identity",
			fmt.Sprintf("The identity of a %s is its Fivetran id, such as decent_dropsy: letters, digits, underscores and hyphens.", what))
		return "", true
	}
	return id, true
}

// fivetran_connection_schema has one schema config per connection, so its
// identity is the connection's id, under the name of the attribute that
// holds it. fivetran_connect_card has none: a card is a one-time token that
// Fivetran cannot read back, so it cannot be imported.

var _ resource.ResourceWithIdentity = (*connectionSchemaResource)(nil)

type connectionIDIdentity struct {
	ConnectionID types.String `tfsdk:"connection_id"`
}

func (r *connectionSchemaResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"connection_id": identityschema.StringAttribute{
				Description:       "The Fivetran id of the connection whose schema config this is. Needs Terraform 1.12 or later.",
				RequiredForImport: true,
			},
		},
	}
}

// setConnectionIdentity records id as a connection schema's identity.
func setConnectionIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	if identity == nil || id == "" {
		return
	}
	diags.Append(identity.Set(ctx, connectionIDIdentity{ConnectionID: types.StringValue(id)})...)
}

// importedByConnectionIdentity is importedByIdentity for an identity that
// names a connection_id.
func importedByConnectionIdentity(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (id string, ok bool) {
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		return "", false
	}
	var ident connectionIDIdentity
	diags.Append(req.Identity.Get(ctx, &ident)...)
	if diags.HasError() {
		return "", true
	}
	id = ident.ConnectionID.ValueString()
	if !idPattern.MatchString(id) {
		diags.AddAttributeError(path.Root("connection_id"), "Invalid import identity",
			"The identity of a connection's schema config is the connection's Fivetran id, such as decent_dropsy: letters, digits, underscores and hyphens.")
		return "", true
	}
	return id, true
}

// A membership resource holds all of one owner's roles of its kind, so its
// identity is the owner's id, under the name of the attribute that holds it
// (user_id or team_id).

var _ resource.ResourceWithIdentity = (*membershipResource)(nil)

func (r *membershipResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = ownerIdentitySchema(r.spec.ownerAttr, fmt.Sprintf("The Fivetran id of the %s whose roles these are.", r.spec.ownerWhat))
}

// setOwnerIdentity records owner as a membership resource's identity.
func (r *membershipResource) setOwnerIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, owner string, diags *diag.Diagnostics) {
	setOwnerIdentity(ctx, identity, r.spec.ownerAttr, owner, diags)
}

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource                   = (*approvalResource)(nil)
	_ resource.ResourceWithConfigure      = (*approvalResource)(nil)
	_ resource.ResourceWithImportState    = (*approvalResource)(nil)
	_ resource.ResourceWithValidateConfig = (*approvalResource)(nil)
	_ resource.ResourceWithUpgradeState   = (*approvalResource)(nil)
	_ resource.ResourceWithMoveState      = (*approvalResource)(nil)
	_ resource.ResourceWithIdentity       = (*approvalResource)(nil)
)

// approvalResources are the four approval resources, one per spec
// (approval_mapping.go).
func approvalResources() []func() resource.Resource {
	out := make([]func() resource.Resource, len(approvalSpecs))
	for i := range approvalSpecs {
		s := approvalSpecs[i]
		out[i] = func() resource.Resource { return &approvalResource{spec: s} }
	}
	return out
}

type approvalResource struct {
	spec approvalSpec
	data *providerData
}

func (r *approvalResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.spec.typeSuffix
}

func (r *approvalResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	s := r.spec
	valueDesc := map[string]string{
		"encoded_cert": "The certificate, base64-encoded. Fivetran never returns it: the state keeps the one written, and after an import " +
			"the first apply approves the certificate again with it.",
		"public_key": "The SSH public key.",
	}[s.valueAttr]
	resp.Schema = schema.Schema{
		Version: approvalSchemaVersion,
		MarkdownDescription: fmt.Sprintf("The %[1]ss approved for one %[2]s: Fivetran trusts them when it connects, so its setup tests "+
			"pass without `trust_%[3]ss`. One `%[3]s` block per %[1]s. Authoritative: a %[1]s approved outside Terraform (in the dashboard, "+
			"or by setup tests run with `trust_%[3]ss = true`) shows in the plan, to be revoked. The details Fivetran computes (name, "+
			"validated by, when) are in the data source of the same name. The official provider's resource of this name moves here, to a "+
			"new address or the same one.", s.what, s.ownerWhat, s.block),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s's id, as `%s`.", s.ownerWhat, s.ownerAttr),
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			s.ownerAttr: schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s whose approvals these are. A change replaces the resource.", s.ownerWhat),
				Required:            true,
				Validators:          []validator.String{idValidator{what: s.ownerWhat}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
		},
		Blocks: map[string]schema.Block{
			s.block: schema.SetNestedBlock{
				MarkdownDescription: fmt.Sprintf("One approved %s. None: no %s is approved.", s.what, s.what),
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"hash": schema.StringAttribute{
						MarkdownDescription: fmt.Sprintf("The %s's hash, as Fivetran's setup tests name it.", s.what),
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					s.valueAttr: schema.StringAttribute{
						MarkdownDescription: valueDesc,
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				}},
			},
		},
	}
}

func (r *approvalResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = ownerIdentitySchema(r.spec.ownerAttr, fmt.Sprintf("The Fivetran id of the %s whose approvals these are.", r.spec.ownerWhat))
}

func (r *approvalResource) setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, owner string, diags *diag.Diagnostics) {
	setOwnerIdentity(ctx, identity, r.spec.ownerAttr, owner, diags)
}

func (r *approvalResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig refuses two blocks of one hash.
func (r *approvalResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	seen := map[string]bool{}
	for _, a := range r.spec.approvalsOf(ctx, req.Config, &resp.Diagnostics) {
		if a.hash == "" {
			continue
		}
		if seen[a.hash] {
			resp.Diagnostics.AddAttributeError(path.Root(r.spec.block), "Two approvals of one hash",
				fmt.Sprintf("Two %s blocks have one hash: keep one block per %s.", r.spec.block, r.spec.what))
		}
		seen[a.hash] = true
	}
}

func (r *approvalResource) owner(ctx context.Context, st interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, diags *diag.Diagnostics) string {
	var owner types.String
	diags.Append(st.GetAttribute(ctx, path.Root(r.spec.ownerAttr), &owner)...)
	return owner.ValueString()
}

func (r *approvalResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	owner := r.owner(ctx, req.Plan, &resp.Diagnostics)
	plan := r.spec.approvalsOf(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// Approvals the owner has that the plan does not name are left; the next
	// plan shows them.
	done := r.apply(ctx, owner, plan, nil, &resp.Diagnostics)
	r.spec.setState(ctx, &resp.State, owner, done(nil), &resp.Diagnostics)
	r.setIdentity(ctx, resp.Identity, owner, &resp.Diagnostics)
}

func (r *approvalResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	owner := r.owner(ctx, req.State, &resp.Diagnostics)
	prior := r.spec.approvalsOf(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultReadTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	listed, err := r.spec.listed(ctx, r.data.client, owner)
	if err == nil {
		err = r.spec.confirmed(ctx, r.data.client, owner, prior, listed)
	}
	if err != nil {
		if fivetran.IsNotFoundKind(err, r.spec.owner.Kind) {
			tflog.Debug(ctx, "The owner of approvals is gone from Fivetran; removing them from state", map[string]any{r.spec.ownerAttr: owner})
			resp.State.RemoveResource(ctx)
			r.setIdentity(ctx, resp.Identity, owner, &resp.Diagnostics)
			return
		}
		addAPIError(&resp.Diagnostics, "read the approvals of", r.spec.ownerWhat, owner, err)
		return
	}
	r.spec.setState(ctx, &resp.State, owner, readApprovals(prior, listed), &resp.Diagnostics)
	r.setIdentity(ctx, resp.Identity, owner, &resp.Diagnostics)
}

func (r *approvalResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	owner := r.owner(ctx, req.State, &resp.Diagnostics)
	prior := r.spec.approvalsOf(ctx, req.State, &resp.Diagnostics)
	plan := r.spec.approvalsOf(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	approve, revoke := approvalChanges(prior, plan)
	done := r.apply(ctx, owner, approve, revoke, &resp.Diagnostics)
	r.spec.setState(ctx, &resp.State, owner, done(prior), &resp.Diagnostics)
	r.setIdentity(ctx, resp.Identity, owner, &resp.Diagnostics)
}

func (r *approvalResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	owner := r.owner(ctx, req.State, &resp.Diagnostics)
	prior := r.spec.approvalsOf(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, defaultTimeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	revoke := make([]string, len(prior))
	for i, p := range prior {
		revoke[i] = p.hash
	}
	r.apply(ctx, owner, nil, revoke, &resp.Diagnostics)
}

// apply sends the approvals and revocations, and returns what the approvals
// are after them, from what they were before: each request that succeeded
// is applied to it.
func (r *approvalResource) apply(ctx context.Context, owner string, approve []approval, revoke []string,
	diags *diag.Diagnostics) (done func(before []approval) []approval) {
	s, c := r.spec, r.data.client
	now := map[string]*approval{} // hash → its approval now; nil: revoked
	for _, hash := range revoke {
		var err error
		if s.block == "certificate" {
			err = c.RevokeCertificate(ctx, s.owner, owner, hash)
		} else {
			err = c.RevokeFingerprint(ctx, s.owner, owner, hash)
		}
		if err != nil && !r.approvalGone(ctx, owner, hash, err) {
			r.fail(ctx, "revoke", owner, err, diags)
			continue
		}
		now[hash] = nil
	}
	for _, a := range approve {
		var err error
		if s.block == "certificate" {
			err = c.ApproveCertificate(ctx, s.owner, owner, a.hash, a.value)
		} else {
			err = c.ApproveFingerprint(ctx, s.owner, owner, a.hash, a.value)
		}
		if err != nil {
			r.fail(ctx, "approve", owner, err, diags)
			continue
		}
		now[a.hash] = &a
	}
	return func(before []approval) []approval {
		var out []approval
		for _, b := range before {
			if n, touched := now[b.hash]; touched {
				if n != nil {
					out = append(out, *n)
				}
				delete(now, b.hash)
				continue
			}
			out = append(out, b)
		}
		for _, n := range now {
			if n != nil {
				out = append(out, *n)
			}
		}
		return out
	}
}

// approvalGone reports whether err, answered to a revocation, proves the
// approval gone: the owner's NotFound does; a plain NotFound counts once
// the owner's list answers on the same base URL (so the route is Fivetran's)
// and the approval's own GET says NotFound too (the list may lag a
// revocation).
func (r *approvalResource) approvalGone(ctx context.Context, owner, hash string, err error) bool {
	var apiErr *fivetran.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return false
	}
	if fivetran.IsNotFoundKind(err, r.spec.owner.Kind) {
		return true
	}
	if _, lerr := r.spec.listed(ctx, r.data.client, owner); lerr != nil {
		return fivetran.IsNotFoundKind(lerr, r.spec.owner.Kind)
	}
	var gerr error
	if r.spec.block == "certificate" {
		_, gerr = r.data.client.GetCertificate(ctx, r.spec.owner, owner, hash)
	} else {
		_, gerr = r.data.client.GetFingerprint(ctx, r.spec.owner, owner, hash)
	}
	return fivetran.IsNotFoundKind(gerr, fivetran.KindApproval)
}

// fail reports a failed request: at the owner when Fivetran does not know
// it, else with the API's answer (never the certificate or key sent).
func (r *approvalResource) fail(_ context.Context, verb, owner string, err error, diags *diag.Diagnostics) {
	s := r.spec
	if fivetran.IsNotFoundKind(err, s.owner.Kind) {
		diags.AddAttributeError(path.Root(s.ownerAttr), "Unknown "+s.ownerWhat,
			fmt.Sprintf("Fivetran has no %s %q, or the API key cannot see it: reference a fivetran_%s resource's id. %s", s.ownerWhat, owner,
				map[string]string{"connection": "connection", "destination": "destination"}[s.ownerWhat], explainError(err)))
		return
	}
	addAPIError(diags, verb+" a "+s.what+" of", s.ownerWhat, owner, err)
}

// ImportState imports the approvals of one owner, by its id.
func (r *approvalResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importOwner(ctx, req, resp, "fivetran"+r.spec.typeSuffix, r.spec.ownerAttr, r.spec.ownerWhat)
}

// approvalSchemaVersion starts at 1 because 0 is the official provider's
// resource of the same type name (see proxyAgentSchemaVersion).
const approvalSchemaVersion = 1

// movedApprovals is what an approval resource takes from an official state:
// the owner and, per block, the hash and what is approved (the details
// Fivetran computes are read again).
type movedApprovals struct {
	spec      approvalSpec
	owner     string
	approvals []approval
}

func (m movedApprovals) setState(ctx context.Context, st *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	m.spec.setState(ctx, st, m.owner, m.approvals, diags)
	(&approvalResource{spec: m.spec}).setIdentity(ctx, identity, m.owner, diags)
}

// officialApprovals reads an official approval state of spec's kind.
func (s approvalSpec) officialApprovals(raw []byte) (movedApprovals, error) {
	owner, pairs, err := officialOwnedSet(raw, s.ownerAttr, s.block, "hash", s.valueAttr)
	if err != nil {
		return movedApprovals{}, err
	}
	m := movedApprovals{spec: s, owner: owner}
	for _, p := range pairs {
		m.approvals = append(m.approvals, approval{hash: p[0], value: p[1]})
	}
	return m, nil
}

// UpgradeState takes version 0, the official provider's state, as a move
// from it does.
func (r *approvalResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return upgradeFromOfficial("fivetran"+r.spec.typeSuffix, r.spec.officialApprovals, "")
}

// MoveState takes the official provider's resource of the same type name.
func (r *approvalResource) MoveState(context.Context) []resource.StateMover {
	return moveFromOfficial("fivetran"+r.spec.typeSuffix, r.spec.officialApprovals)
}

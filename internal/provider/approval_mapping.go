package provider

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// The approvals' mapping: the four resources that hold the TLS certificates
// and SSH fingerprints approved for one connection or destination are one
// resource (resource_approval.go) over this table. Their shapes are the
// official provider's (the owner's id, one block per approval with its hash
// and what is approved), without the details Fivetran computes, which the
// data sources show: a computed value inside a set element would make every
// plan of a new approval unknown.
//
// A resource is authoritative over its owner's approvals of its kind: one
// made outside Terraform (in the dashboard, or by setup tests run with
// trust_certificates or trust_fingerprints) shows in the plan, to be
// revoked. Fivetran never returns an encoded certificate, so the state keeps
// the one written.

// approvalSpec describes one kind of approval resource.
type approvalSpec struct {
	typeSuffix string // "_connector_certificates"
	owner      fivetran.ApprovalOwner
	ownerAttr  string // "connector_id" or "destination_id"
	ownerWhat  string // "connection" or "destination"
	block      string // "certificate" or "fingerprint"
	valueAttr  string // "encoded_cert" or "public_key"
	what       string // "certificate" or "SSH fingerprint"
}

var approvalSpecs = []approvalSpec{
	{typeSuffix: "_connector_certificates", owner: fivetran.ConnectionApprovals, ownerAttr: "connector_id", ownerWhat: "connection",
		block: "certificate", valueAttr: "encoded_cert", what: "certificate"},
	{typeSuffix: "_connector_fingerprints", owner: fivetran.ConnectionApprovals, ownerAttr: "connector_id", ownerWhat: "connection",
		block: "fingerprint", valueAttr: "public_key", what: "SSH fingerprint"},
	{typeSuffix: "_destination_certificates", owner: fivetran.DestinationApprovals, ownerAttr: "destination_id", ownerWhat: "destination",
		block: "certificate", valueAttr: "encoded_cert", what: "certificate"},
	{typeSuffix: "_destination_fingerprints", owner: fivetran.DestinationApprovals, ownerAttr: "destination_id", ownerWhat: "destination",
		block: "fingerprint", valueAttr: "public_key", what: "SSH fingerprint"},
}

// approval is one approval as the configuration writes it: its hash and
// what is approved ("" when not known: an encoded certificate approved
// outside Terraform).
type approval struct{ hash, value string }

func (s approvalSpec) elemType() types.ObjectType {
	return types.ObjectType{AttrTypes: map[string]attr.Type{"hash": types.StringType, s.valueAttr: types.StringType}}
}

// approvalsOf reads the block's set from a plan, state or config; elements
// not yet known are skipped.
func (s approvalSpec) approvalsOf(ctx context.Context, st interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, diags *diag.Diagnostics) []approval {
	var set types.Set
	diags.Append(st.GetAttribute(ctx, path.Root(s.block), &set)...)
	var out []approval
	for _, e := range set.Elements() {
		o, ok := e.(types.Object)
		if !ok || o.IsUnknown() {
			continue
		}
		a := o.Attributes()
		h, _ := a["hash"].(types.String)
		v, _ := a[s.valueAttr].(types.String)
		out = append(out, approval{hash: h.ValueString(), value: v.ValueString()})
	}
	return out
}

// setOf is the block's set holding as, ordered by hash; an unknown value is
// null.
func (s approvalSpec) setOf(as []approval) types.Set {
	as = slices.Clone(as)
	slices.SortFunc(as, func(a, b approval) int { return cmp.Compare(a.hash, b.hash) })
	vs := make([]attr.Value, len(as))
	for i, a := range as {
		vs[i] = types.ObjectValueMust(s.elemType().AttrTypes, map[string]attr.Value{
			"hash": types.StringValue(a.hash), s.valueAttr: stringOrNull(a.value)})
	}
	return types.SetValueMust(s.elemType(), vs)
}

// setState writes the owner and its approvals into st.
func (s approvalSpec) setState(ctx context.Context, st *tfsdk.State, owner string, as []approval, diags *diag.Diagnostics) {
	diags.Append(st.SetAttribute(ctx, path.Root("id"), owner)...)
	diags.Append(st.SetAttribute(ctx, path.Root(s.ownerAttr), owner)...)
	diags.Append(st.SetAttribute(ctx, path.Root(s.block), s.setOf(as))...)
}

// listed reads the owner's approvals from Fivetran as hash → the value it
// shows (a fingerprint's public key; nothing for a certificate).
func (s approvalSpec) listed(ctx context.Context, c *fivetran.Client, owner string) (map[string]string, error) {
	out := map[string]string{}
	if s.block == "certificate" {
		certs, err := c.ListCertificates(ctx, s.owner, owner)
		for _, x := range certs {
			out[x.Hash] = ""
		}
		return out, err
	}
	fps, err := c.ListFingerprints(ctx, s.owner, owner)
	for _, x := range fps {
		out[x.Hash] = x.PublicKey
	}
	return out, err
}

// confirmed corrects listed by the approvals' own GETs where the list and
// the prior state disagree: a list lags writes, so it may miss one just
// approved, or still show one just revoked. An approval the prior state
// holds and the list lacks, or the list shows and the prior state lacks,
// counts as Fivetran's own GET says; a plain NotFound of that GET, on the
// base URL that answered the list, means it is not approved. Where they
// agree, nothing more is asked.
func (s approvalSpec) confirmed(ctx context.Context, c *fivetran.Client, owner string, prior []approval, listed map[string]string) error {
	had := map[string]bool{}
	var doubtful []string
	for _, p := range prior {
		had[p.hash] = true
		if _, ok := listed[p.hash]; !ok {
			doubtful = append(doubtful, p.hash)
		}
	}
	for hash := range listed {
		if !had[hash] {
			doubtful = append(doubtful, hash)
		}
	}
	for _, hash := range doubtful {
		var shown string
		var err error
		if s.block == "certificate" {
			_, err = c.GetCertificate(ctx, s.owner, owner, hash)
		} else {
			var f *fivetran.Fingerprint
			if f, err = c.GetFingerprint(ctx, s.owner, owner, hash); err == nil {
				shown = f.PublicKey
			}
		}
		switch {
		case err == nil:
			listed[hash] = shown
		case fivetran.IsNotFoundKind(err, fivetran.KindApproval):
			delete(listed, hash)
		default:
			return err
		}
	}
	return nil
}

// readApprovals is what a refresh stores: the listed approvals, each with
// the value the prior state holds for its hash when Fivetran does not show
// it (a certificate), else the one Fivetran shows.
func readApprovals(prior []approval, listed map[string]string) []approval {
	had := map[string]string{}
	for _, p := range prior {
		had[p.hash] = p.value
	}
	out := make([]approval, 0, len(listed))
	for hash, shown := range listed {
		out = append(out, approval{hash: hash, value: cmp.Or(shown, had[hash])})
	}
	return out
}

// approvalChanges is what takes the approvals from prior to plan: those to
// approve (new, or approved again with another value) and the hashes to
// revoke.
func approvalChanges(prior, plan []approval) (approve []approval, revoke []string) {
	had := map[string]string{}
	for _, p := range prior {
		had[p.hash] = p.value
	}
	want := map[string]bool{}
	for _, p := range plan {
		want[p.hash] = true
		if v, ok := had[p.hash]; !ok || v != p.value {
			approve = append(approve, p)
		}
	}
	for _, p := range prior {
		if !want[p.hash] {
			revoke = append(revoke, p.hash)
		}
	}
	return approve, revoke
}

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// networkRef is an object of private networking that a connection or a
// destination names in one of its attributes: a proxy agent, a private link
// or a hybrid deployment agent. Fivetran refuses a create or update that
// names one it does not have, after the rest of the apply has gone ahead,
// so the plan checks.
type networkRef struct {
	attr     string        // the attribute that names it, such as proxy_agent_id
	kind     fivetran.Kind // its NotFound's kind
	object   string        // its name in messages
	resource string        // the resource that manages it
	list     string        // the data source that lists it
	// read reads it; gone says whether read's error proves it is gone.
	read func(ctx context.Context, d *providerData, id string) error
	gone func(ctx context.Context, d *providerData, err error) bool
}

// networkRefs are every networking reference a connection or destination
// has, checked in this order.
var networkRefs = []networkRef{
	{attr: "proxy_agent_id", kind: fivetran.KindProxyAgent, object: "proxy agent", resource: "fivetran_proxy_agent", list: "fivetran_proxy_agents",
		read: func(ctx context.Context, d *providerData, id string) error {
			_, err := d.client.GetProxyAgent(ctx, id)
			return err
		},
		gone: func(ctx context.Context, d *providerData, err error) bool { return d.proxyAgentGone(ctx, err) }},
	{attr: "private_link_id", kind: fivetran.KindPrivateLink, object: "private link", resource: "fivetran_private_link", list: "fivetran_private_links",
		read: func(ctx context.Context, d *providerData, id string) error {
			_, err := d.client.GetPrivateLink(ctx, id)
			return err
		},
		gone: func(ctx context.Context, d *providerData, err error) bool { return d.privateLinkGone(ctx, err) }},
	{attr: "hybrid_deployment_agent_id", kind: fivetran.KindHybridAgent, object: "hybrid deployment agent",
		resource: "fivetran_hybrid_deployment_agent", list: "fivetran_hybrid_deployment_agents",
		read: func(ctx context.Context, d *providerData, id string) error {
			_, err := d.client.GetHybridAgent(ctx, id)
			return err
		},
		gone: func(_ context.Context, _ *providerData, err error) bool {
			return fivetran.IsNotFoundKind(err, fivetran.KindHybridAgent)
		}},
}

// checkNetworkRefs fails the plan of a connection or destination whose
// proxy_agent_id, private_link_id or hybrid_deployment_agent_id names
// nothing, at that attribute. Only
// an id known at plan and new to the resource (a create, or a change) is
// looked up, once per id and process, so a plan that changes no reference
// makes no request; a reference to an object created in the same apply is
// unknown at plan and is not checked.
func (d *providerData) checkNetworkRefs(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	if req.Plan.Raw.IsNull() {
		return
	}
	for _, ref := range networkRefs {
		d.checkNetworkRef(ctx, req, ref, diags)
	}
}

func (d *providerData) checkNetworkRef(ctx context.Context, req resource.ModifyPlanRequest, ref networkRef, diags *diag.Diagnostics) {
	at := path.Root(ref.attr)
	var planned, prior types.String
	diags.Append(req.Plan.GetAttribute(ctx, at, &planned)...)
	if planned.IsNull() || planned.IsUnknown() || planned.ValueString() == "" {
		return
	}
	if !req.State.Raw.IsNull() {
		diags.Append(req.State.GetAttribute(ctx, at, &prior)...)
		if prior.Equal(planned) {
			return
		}
	}
	id := planned.ValueString()
	gone, err := lookupOnce(&d.duplicates, ref.attr+"/"+id, func() (bool, error) {
		err := ref.read(ctx, d, id)
		if err != nil && ref.gone(ctx, d, err) {
			return true, nil
		}
		return false, err
	})
	switch {
	case gone:
		diags.AddAttributeError(at, "Unknown "+ref.object,
			fmt.Sprintf("%s %q does not exist in Fivetran, or the API key cannot see it: check the id, or reference a "+
				"%s resource's id (the %s data source lists them).", capitalize(ref.object), id, ref.resource, ref.list))
	case err != nil:
		addPlanCallError(diags, at, ref.kind, "read", ref.object, id, err)
	}
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
)

// fivetran_destination_test (Terraform >= 1.14): POST
// /destinations/{id}/test, each result reported, a failed test an error.

var _ action.ActionWithConfigure = (*destinationSetupTestsAction)(nil)

// NewDestinationSetupTestsAction returns the fivetran_destination_test action.
func NewDestinationSetupTestsAction() action.Action { return &destinationSetupTestsAction{} }

type destinationSetupTestsAction struct{ actionBase }

func (a *destinationSetupTestsAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_destination_test"
}

func (a *destinationSetupTestsAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = setupTestsActionSchema("destination", "POST /v1/destinations/{id}/test")
}

func (a *destinationSetupTestsAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m setupTestsActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !a.configured(&resp.Diagnostics) {
		return
	}
	id := m.ID.ValueString()
	d, err := a.data.client.TestDestination(ctx, id, optBool(m.TrustCertificates), optBool(m.TrustFingerprints))
	if err != nil {
		addAPIError(&resp.Diagnostics, "run the setup tests of", "destination", id, err)
		return
	}
	reportSetupTests(resp, "destination", id, d.SetupStatus, d.SetupTests)
}

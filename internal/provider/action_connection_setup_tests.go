package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// fivetran_connection_test (Terraform >= 1.14): POST /connections/{id}/test,
// each result reported, a failed test an error.

var _ action.ActionWithConfigure = (*connectionSetupTestsAction)(nil)

// NewConnectionSetupTestsAction returns the fivetran_connection_test action.
func NewConnectionSetupTestsAction() action.Action { return &connectionSetupTestsAction{} }

type connectionSetupTestsAction struct{ actionBase }

type setupTestsActionModel struct {
	ID                types.String `tfsdk:"id"`
	TrustCertificates types.Bool   `tfsdk:"trust_certificates"`
	TrustFingerprints types.Bool   `tfsdk:"trust_fingerprints"`
}

func setupTestsActionSchema(object, route string) schema.Schema {
	return schema.Schema{
		MarkdownDescription: fmt.Sprintf("Runs the setup tests of a %s (Fivetran's `%s`) and reports each result. A failed "+
			"test is an error quoting its title and Fivetran's message; a test that passed with a warning is a warning. "+
			"Nothing in Terraform's state changes (the %s's `setup_state` shows the outcome at the next refresh). "+
			"Needs Terraform 1.14 or later.", object, route, object),
		Attributes: map[string]schema.Attribute{
			"id": idAttribute(object),
			"trust_certificates": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("Trust the %s TLS certificate automatically during the tests. Default `false`.", map[string]string{"connection": "source's", "destination": "destination's"}[object]),
			},
			"trust_fingerprints": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Trust the SSH tunnel's host fingerprint automatically during the tests. Default `false`.",
			},
		},
	}
}

func idAttribute(object string) schema.StringAttribute {
	a := connectionIDAttribute("test")
	a.MarkdownDescription = fmt.Sprintf("The id of the %s to test (for example `fivetran_%s.x.id`).", object, object)
	if object == "destination" {
		a.Validators[1] = idValidator{what: "destination"}
	}
	return a
}

func (a *connectionSetupTestsAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_test"
}

func (a *connectionSetupTestsAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = setupTestsActionSchema("connection", "POST /v1/connections/{id}/test")
}

func (a *connectionSetupTestsAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m setupTestsActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !a.configured(&resp.Diagnostics) {
		return
	}
	id := m.ID.ValueString()
	conn, err := a.data.client.TestConnection(ctx, id, optBool(m.TrustCertificates), optBool(m.TrustFingerprints))
	if err != nil {
		addAPIError(&resp.Diagnostics, "run the setup tests of", "connection", id, err)
		return
	}
	reportSetupTests(resp, "connection", id, conn.Status.SetupState, conn.SetupTests)
}

// reportSetupTests sends each result as progress and turns failures into an
// error and warnings into a warning.
func reportSetupTests(resp *action.InvokeResponse, object, id, state string, tests []fivetran.SetupTest) {
	progress := progressFunc(resp)
	failed, warned := setupTestLines(tests, progress)
	if len(failed) > 0 {
		resp.Diagnostics.AddError(fmt.Sprintf("%s setup tests failed", capitalize(object)),
			fmt.Sprintf("%s %q: setup_state is now %q; the failed tests:\n  - %s",
				capitalize(object), id, state, strings.Join(failed, "\n  - ")))
		return
	}
	if len(warned) > 0 {
		resp.Diagnostics.AddWarning(fmt.Sprintf("%s setup tests passed with warnings", capitalize(object)),
			fmt.Sprintf("%s %q:\n  - %s", capitalize(object), id, strings.Join(warned, "\n  - ")))
	}
	progress(fmt.Sprintf("%s %s: %d setup test(s) run, setup_state %s.", capitalize(object), id, len(tests), state))
}

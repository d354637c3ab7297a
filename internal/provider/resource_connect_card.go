package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ resource.Resource              = (*connectCardResource)(nil)
	_ resource.ResourceWithConfigure = (*connectCardResource)(nil)
)

// NewConnectCardResource is the fivetran_connect_card resource: a Connect
// Card for an existing connection, the hosted page where the source's owner
// authorizes it. A card cannot be read back from the API, so the resource
// keeps what the create returned; it is not importable, and destroying it
// only forgets it.
func NewConnectCardResource() resource.Resource { return &connectCardResource{} }

type connectCardResource struct {
	data *providerData
}

type connectCardModel struct {
	ID             types.String   `tfsdk:"id"`
	ConnectionID   types.String   `tfsdk:"connection_id"`
	RedirectURI    types.String   `tfsdk:"redirect_uri"`
	HideSetupGuide types.Bool     `tfsdk:"hide_setup_guide"`
	URI            types.String   `tfsdk:"uri"`
	Token          types.String   `tfsdk:"token"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

func (r *connectCardResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connect_card"
}

func (r *connectCardResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Connect Card for an existing connection: a hosted Fivetran page where the source's owner signs in and " +
			"authorizes the connection, so that whoever runs Terraform never handles the source's credentials. " +
			"Give the owner the card's `uri`. Changing any argument asks Fivetran for a new card. " +
			"Destroying the resource only forgets the card: Fivetran has no call to delete one, and the connection is untouched. " +
			"A card cannot be read back, so it cannot be imported; a refresh only checks that the connection still exists " +
			"(one `GET` per card), and a card whose connection is gone is planned for re-creation. " +
			"The token Fivetran embeds in the link is short-lived: to hand out a fresh link, replace the card " +
			"(`terraform apply -replace=fivetran_connect_card.NAME`). " +
			"To get a card when the connection is created, use `connect_card_config` on `fivetran_connection` instead.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<connection_id>/<card>`, where `<card>` is the first 8 hex digits of the SHA-256 of the card's token: " +
					"each card gets its own id, and the id reveals nothing usable of the token.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection to authorize, such as `fivetran_connection.crm.id`. Changing it makes a new card.",
				Required:            true,
				Validators:          []validator.String{idValidator{what: "connection"}},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"redirect_uri": schema.StringAttribute{
				MarkdownDescription: "Where the card sends the owner when they are done, an absolute http(s) URL such as " +
					"`https://example.com/fivetran-done`. Changing it makes a new card.",
				Required:      true,
				Validators:    []validator.String{absoluteURLValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"hide_setup_guide": schema.BoolAttribute{
				MarkdownDescription: "Hide Fivetran's setup guide on the card. Changing it makes a new card.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"uri": schema.StringAttribute{
				MarkdownDescription: "The card's link, to give the source's owner. It embeds the token, the redirect URI and the setup-guide choice. " +
					"Sensitive, like the token it carries: output it with `sensitive = true` and read it with `terraform output -raw`.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The card's token (a short-lived JWT, already part of `uri`), for building your own link to " +
					"`https://fivetran.com/connect-card/setup`. Sensitive.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeoutsAttribute(ctx, ""),
		},
	}
}

func (r *connectCardResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *connectCardResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan connectCardModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	connID := plan.ConnectionID.ValueString()
	cfg := fivetran.ConnectCardConfig{RedirectURI: plan.RedirectURI.ValueString(), HideSetupGuide: optBool(plan.HideSetupGuide)}
	// Asking again only issues another card (the lost one is never handed
	// out): the client retries a lost answer itself, so there is nothing to
	// reconcile.
	card, err := r.data.client.CreateConnectCard(ctx, connID, cfg)
	if err != nil {
		addAPIError(&resp.Diagnostics, "create", "Connect Card for connection", connID, err)
		return
	}
	sum := sha256.Sum256([]byte(card.Token))
	plan.ID = types.StringValue(connID + "/" + hex.EncodeToString(sum[:4]))
	plan.URI = types.StringValue(card.URI)
	plan.Token = stringOrNull(card.Token)
	tflog.Debug(ctx, "Created Connect Card", map[string]any{"connection_id": connID, "id": plan.ID.ValueString()})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read cannot read the card back (the API has no such call); it only checks
// that the connection still exists, and forgets the card when it does not.
func (r *connectCardResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state connectCardModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.data.readOperation(ctx, state.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	connID := state.ConnectionID.ValueString()
	_, err := r.data.client.GetConnection(ctx, connID)
	if fivetran.IsNotFoundKind(err, fivetran.KindConnection) {
		tflog.Debug(ctx, "The card's connection is gone from Fivetran; removing the card from state", map[string]any{"connection_id": connID})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", "connection", connID, err)
		return
	}
}

// Update only happens for a change of timeouts: every other argument
// replaces the card.
func (r *connectCardResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state connectCardModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID, plan.URI, plan.Token = state.ID, state.URI, state.Token
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete only forgets the card: Fivetran has no call to delete one.
func (r *connectCardResource) Delete(ctx context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {
	tflog.Debug(ctx, "Forgetting the Connect Card; Fivetran has nothing to delete")
}

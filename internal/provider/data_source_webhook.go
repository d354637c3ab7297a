package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

var (
	_ datasource.DataSource              = (*webhookDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*webhookDataSource)(nil)
)

// NewWebhookDataSource is the fivetran_webhook data source: one existing
// webhook, by id.
func NewWebhookDataSource() datasource.DataSource { return &webhookDataSource{} }

type webhookDataSource struct {
	data *providerData
}

func (d *webhookDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

// webhookDataAttributes are the attributes every form of a webhook as data
// shows, but the id.
func webhookDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"group_id": computedString("The group whose events the webhook sends; null for an account webhook."),
		"type":     computedString("`account` or `group`."),
		"url":      computedString("Where Fivetran posts the events."),
		"events": schema.SetAttribute{
			MarkdownDescription: "The events the webhook sends.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"active":     schema.BoolAttribute{MarkdownDescription: "Whether Fivetran sends the events.", Computed: true},
		"has_secret": schema.BoolAttribute{MarkdownDescription: "Whether the webhook has a secret (Fivetran never shows it).", Computed: true},
		"created_at": computedString("When the webhook was created."),
		"created_by": computedString("The id of the user who created the webhook."),
	}
}

func (d *webhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := webhookDataAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The webhook's id.",
		Required:            true,
		Validators:          []validator.String{idValidator{what: "webhook"}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One existing Fivetran webhook, by id (one `GET /v1/webhooks/{id}`). Its secret is not shown: Fivetran never " +
			"shows it. A webhook that does not exist is an error.",
		Attributes: attrs,
	}
}

func (d *webhookDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *webhookDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhookDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	id := m.ID.ValueString()
	w, err := d.data.client.GetWebhook(ctx, id)
	if err != nil {
		if d.data.webhookGone(ctx, err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Webhook not found",
				fmt.Sprintf("Fivetran has no webhook with id %q. The fivetran_webhooks data source lists the webhooks this API key can see.", id))
			return
		}
		addAPIError(&resp.Diagnostics, "read", "webhook", id, err)
		return
	}
	m = webhookDataOf(w)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

var (
	_ datasource.DataSource              = (*webhooksDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*webhooksDataSource)(nil)
)

// NewWebhooksDataSource is the fivetran_webhooks data source: the
// account's webhooks, or one group's.
func NewWebhooksDataSource() datasource.DataSource { return &webhooksDataSource{} }

type webhooksDataSource struct {
	data *providerData
}

type webhooksDataModel struct {
	ID       types.String       `tfsdk:"id"`
	GroupID  types.String       `tfsdk:"group_id"`
	Webhooks []webhookDataModel `tfsdk:"webhooks"`
}

func (d *webhooksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhooks"
}

func (d *webhooksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := webhookDataAttributes()
	attrs["id"] = computedString("The webhook's id.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's webhooks, or one group's, read from `GET /v1/webhooks` (all pages). An empty result is not an error.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("A fixed id for this data source (`webhooks`)."),
			"group_id": schema.StringAttribute{
				MarkdownDescription: "Only the webhooks of this group.",
				Optional:            true,
				Validators:          []validator.String{idValidator{what: "group"}},
			},
			"webhooks": schema.ListNestedAttribute{
				MarkdownDescription: "The webhooks, ordered by URL, then id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *webhooksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *webhooksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhooksDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = d.data.logContext(ctx)
	hooks, err := d.data.client.ListWebhooks(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list", "webhooks", "", err)
		return
	}
	hooks = webhooksOfGroup(hooks, m.GroupID.ValueString())
	m.ID = types.StringValue("webhooks")
	m.Webhooks = make([]webhookDataModel, len(hooks))
	for i := range hooks {
		m.Webhooks[i] = webhookDataOf(&hooks[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// webhooksOfGroup keeps the webhooks of one group (all when groupID is ""),
// ordered by URL, then id: the data source's and the list resource's order.
func webhooksOfGroup(hooks []fivetran.Webhook, groupID string) []fivetran.Webhook {
	if groupID != "" {
		hooks = slices.DeleteFunc(hooks, func(w fivetran.Webhook) bool { return w.GroupID != groupID })
	}
	slices.SortFunc(hooks, func(a, b fivetran.Webhook) int { return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.ID, b.ID)) })
	return hooks
}

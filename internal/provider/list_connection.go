package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

type connectionList struct{ data *providerData }

type connectionListFilter struct {
	GroupID types.String `tfsdk:"group_id"`
	Service types.String `tfsdk:"service"`
	Name    types.String `tfsdk:"name"`
}

func (l *connectionList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (l *connectionList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (l *connectionList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's connections for `terraform query` (Terraform 1.14 and later), by group, connector type and name. " +
			"With `-generate-config-out` each becomes a `fivetran_connection` resource block, with every config key Fivetran returns except secrets " +
			"(add those, from sensitive variables or `config_wo`, before applying), and an import block by identity.",
		Attributes: map[string]schema.Attribute{
			"group_id": groupIDFilter("connections"),
			"service":  serviceFilter("connections"),
			"name": schema.StringAttribute{MarkdownDescription: "Only connections whose name (`fivetran_connection.name`: the destination schema, " +
				"such as `app_db` or `files.orders`) matches this glob. " + namePatternDescription, Optional: true},
		},
	}
}

func (l *connectionList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f connectionListFilter
	if !listSetup(ctx, l.data, req, &f, stream) {
		return
	}
	ctx = l.data.logContext(ctx)
	name := compileNamePattern(f.Name)
	opts := fivetran.ListConnectionsOptions{GroupID: f.GroupID.ValueString()}
	if name != nil {
		opts.Schema = name.literal // Fivetran filters by exact name only
	}
	conns, err := l.data.client.ListConnections(ctx, opts)
	if err != nil {
		var diags diag.Diagnostics
		addAPIError(&diags, "list", "connections", "", err)
		listFailed(stream, diags)
		return
	}
	conns = slices.DeleteFunc(conns, func(c fivetran.Connection) bool {
		return (!f.GroupID.IsNull() && c.GroupID != f.GroupID.ValueString()) ||
			(!f.Service.IsNull() && c.Service != f.Service.ValueString()) ||
			!name.matches(c.Schema)
	})
	slices.SortFunc(conns, func(a, b fivetran.Connection) int {
		return strings.Compare(a.GroupID+"\x00"+a.Schema+"\x00"+a.ID, b.GroupID+"\x00"+b.Schema+"\x00"+b.ID)
	})
	res := &connectionResource{data: l.data}
	stream.Results = listStream(ctx, req, conns, func(c fivetran.Connection, result *list.ListResult) {
		result.DisplayName = fmt.Sprintf("%s (%s, group %s)", c.Schema, c.Service, c.GroupID)
		setIdentity(ctx, result.Identity, types.StringValue(c.ID), &result.Diagnostics)
		if !req.IncludeResource {
			return
		}
		full, err := l.data.client.GetConnection(ctx, c.ID) // list items may leave config out
		if err != nil {
			addAPIError(&result.Diagnostics, "read", "connection", c.ID, err)
			return
		}
		m := connectionModel{Timeouts: nullTimeouts(ctx, req, &result.Diagnostics)}
		m.fromAPI(full)
		m.Config = importedConfig(ctx, full.Config, schemaConfigKeys, res.projectionOptions(ctx, full.Service),
			fmt.Sprintf("connection %q", c.ID), &result.Diagnostics)
		m.RunSetupTests, m.TrustCertificates, m.TrustFingerprints = types.BoolValue(true), types.BoolValue(false), types.BoolValue(false)
		m.Auth = types.DynamicNull()
		m.ConnectCardConfig = types.ObjectNull(map[string]attr.Type{"redirect_uri": types.StringType, "hide_setup_guide": types.BoolType})
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	})
}

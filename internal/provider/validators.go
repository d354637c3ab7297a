package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// notBlankValidator rejects strings made only of white space.
type notBlankValidator struct{}

func (notBlankValidator) Description(context.Context) string { return "must not be blank" }

func (v notBlankValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v notBlankValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Blank value", "The value must not be empty or only white space.")
	}
}

// idPattern is the shape of Fivetran ids (groups, destinations, connections,
// agents): lowercase words joined by underscores, or hex.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_\-]+$`)

type idValidator struct{ what string }

func (v idValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a Fivetran %s id such as decent_dropsy", v.what)
}

func (v idValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v idValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if !idPattern.MatchString(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid id",
			fmt.Sprintf("The value %s (letters, digits and underscores only).", v.Description(ctx)))
	}
}

// serviceIDValidator checks the shape of a service id (snowflake, google_ads,
// 15five). Whether the service exists is checked at plan time against the
// API's metadata, so that new Fivetran types need no provider release.
type serviceIDValidator struct{}

var serviceIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_]*$`)

func (serviceIDValidator) Description(context.Context) string {
	return "must be a Fivetran service id in lower case, such as snowflake or google_ads"
}

func (v serviceIDValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v serviceIDValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if !serviceIDPattern.MatchString(s) {
		hint := ""
		if l := strings.ToLower(strings.TrimSpace(s)); serviceIDPattern.MatchString(l) {
			hint = fmt.Sprintf(" Did you mean %q?", l)
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid service", fmt.Sprintf("%q %s.%s", s, v.Description(ctx), hint))
	}
}

// networkingValidator checks that the agent and link ids go with the
// networking method that uses them (destinations and connections alike).
type networkingValidator struct{}

func (networkingValidator) Description(context.Context) string {
	return "private_link_id needs networking_method = \"PrivateLink\"; proxy_agent_id needs networking_method = \"ProxyAgent\""
}

func (v networkingValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v networkingValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var method, link, proxy types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("networking_method"), &method)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("private_link_id"), &link)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("proxy_agent_id"), &proxy)...)
	if method.IsUnknown() || resp.Diagnostics.HasError() {
		return
	}
	m := method.ValueString()
	if m == "" {
		m = "Directly"
	}
	if !link.IsNull() && !link.IsUnknown() && m != "PrivateLink" {
		resp.Diagnostics.AddAttributeError(path.Root("private_link_id"), "Conflicting networking settings",
			fmt.Sprintf("private_link_id is set, but networking_method is %q: set networking_method = \"PrivateLink\", or remove private_link_id.", m))
	}
	if !proxy.IsNull() && !proxy.IsUnknown() && m != "ProxyAgent" {
		resp.Diagnostics.AddAttributeError(path.Root("proxy_agent_id"), "Conflicting networking settings",
			fmt.Sprintf("proxy_agent_id is set, but networking_method is %q: set networking_method = \"ProxyAgent\", or remove proxy_agent_id.", m))
	}
	if m == "PrivateLink" && link.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("private_link_id"), "Missing private_link_id",
			"networking_method = \"PrivateLink\" needs private_link_id: the id of the PrivateLink to use.")
	}
	if m == "ProxyAgent" && proxy.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("proxy_agent_id"), "Missing proxy_agent_id",
			"networking_method = \"ProxyAgent\" needs proxy_agent_id: the id of the proxy agent to use.")
	}
}

// objectValidator requires a Dynamic attribute (config, auth) to hold an
// object such as { key = "value" }, so that `terraform validate` reports a
// string or a list on the attribute itself.
type objectValidator struct{}

func (objectValidator) Description(context.Context) string {
	return `must be an object such as { host = "db.example.com", port = 5432 }`
}

func (v objectValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v objectValidator) ValidateDynamic(ctx context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.IsUnderlyingValueNull() ||
		req.ConfigValue.IsUnderlyingValueUnknown() {
		return
	}
	switch req.ConfigValue.UnderlyingValue().(type) {
	case basetypes.ObjectValue, basetypes.MapValue:
		return
	}
	g, _ := attrToGo(req.ConfigValue.UnderlyingValue())
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s %s, got %s.", req.Path.String(), v.Description(ctx), kindOf(g)))
}

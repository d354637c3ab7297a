package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/configproj"
)

// The config attribute of destinations and connections follows the rules of
// internal/configproj (see DESIGN.md): only the keys written in HCL are
// managed, equal-meaning values keep the configured form, masked secrets keep
// the configured value, and an import shows every non-secret key.

// importingKey marks, in private state, a Read that directly follows an
// import: that Read fills config with everything the API returns.
const importingKey = "importing"

// planConfig reads a config-like Dynamic attribute into a map, reporting a
// value that is not an object on the attribute.
func planConfig(v types.Dynamic, p path.Path, diags *diag.Diagnostics) (map[string]any, bool) {
	m, err := dynamicToMap(v)
	if err != nil {
		diags.AddAttributeError(p, "Invalid "+p.String(), fmt.Sprintf("%s must be an object: %s.", p.String(), err))
		return nil, false
	}
	return m, true
}

// readConfig builds the config value to store after a Read.
//   - importing: every non-secret key the API returns (minus drop), with a
//     warning that lists the secret keys to fill in;
//   - otherwise: the API's config projected onto the prior (configured) keys.
func readConfig(ctx context.Context, prior types.Dynamic, api map[string]any, importing bool, drop []string,
	opts configproj.Options, what string, diags *diag.Diagnostics) types.Dynamic {
	if importing {
		view, secrets := configproj.ImportView(api, drop)
		if len(secrets) > 0 {
			diags.AddWarning("Secret config values are not imported",
				fmt.Sprintf("Fivetran never returns secret values, so %s was imported without them: %s. "+
					"Add them to config (from a sensitive variable) before the next apply; until then they are not managed.",
					what, strings.Join(secrets, ", ")))
		}
		if len(view) == 0 {
			return types.DynamicNull()
		}
		v, err := mapToDynamic(ctx, view, types.DynamicNull())
		if err != nil {
			diags.AddError("Unable to read config", fmt.Sprintf("The config of %s could not be converted: %s.", what, err))
			return types.DynamicNull()
		}
		return v
	}
	if prior.IsNull() || prior.IsUnknown() {
		return types.DynamicNull()
	}
	configured, err := dynamicToMap(prior)
	if err != nil {
		// A prior value that is not an object cannot come from this provider;
		// keep it, so the plan shows the user's config replacing it.
		return prior
	}
	projected := configproj.Project(configured, api, opts)
	v, err := mapToDynamic(ctx, projected, prior)
	if err != nil {
		diags.AddError("Unable to read config", fmt.Sprintf("The config of %s could not be converted: %s.", what, err))
		return prior
	}
	return v
}

package provider

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

// planErrorFatal decides whether an API error met while planning fails the
// plan: credentials Fivetran refuses (401, 403), a not-found of the object
// the plan addresses (an id known at plan time that Fivetran does not have,
// such as a typo) and a 404 that names no object (api_url is not the API's
// root). Apply would fail on each of them too, only later, after other
// objects of the same apply were created. Anything else (a 5xx after the
// retries, a timeout) may pass: the check is left to apply.
func planErrorFatal(err error, kind fivetran.Kind) bool {
	var apiErr *fivetran.APIError
	switch {
	case fivetran.IsUnauthorized(err), fivetran.IsNotFoundKind(err, kind):
		return true
	case errors.As(err, &apiErr):
		return apiErr.StatusCode == http.StatusNotFound
	}
	return false
}

// addPlanCallError reports an error of an API call made while planning, at
// the attribute that addresses the object: an error when planErrorFatal says
// so (it returns true then), otherwise a warning that the check waits for
// apply. verb and object word the summary as addAPIError does.
func addPlanCallError(diags *diag.Diagnostics, at path.Path, kind fivetran.Kind, verb, object, id string, err error) bool {
	fatal := planErrorFatal(err, kind)
	if fatal && fivetran.IsNotFoundKind(err, kind) {
		diags.AddAttributeError(at, "Unknown "+object, fmt.Sprintf("%s %q does not exist in Fivetran, or the API key cannot see it: check the id.",
			capitalize(object), id))
		return true
	}
	var d diag.Diagnostics
	addAPIError(&d, verb, object, id, err)
	for _, e := range d {
		if fatal {
			diags.AddAttributeError(at, e.Summary(), e.Detail())
		} else {
			diags.AddAttributeWarning(at, e.Summary()+" at plan time", e.Detail()+" The plan is not checked against Fivetran; apply checks it.")
		}
	}
	return fatal
}

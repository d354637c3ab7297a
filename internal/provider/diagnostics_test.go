package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openpipes/terraform-provider-fivetran/internal/fivetran"
)

func TestExplainError(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"timed out after sending", &fivetran.OutcomeUnknownError{Method: "POST", Path: "/groups", Err: context.DeadlineExceeded},
			[]string{"timed out", "may or may not have acted", "import it"}},
		{"answer lost", &fivetran.OutcomeUnknownError{Method: "POST", Path: "/groups", Err: fmt.Errorf("EOF")},
			[]string{"no answer came back", "may or may not have acted", "Cause: EOF"}},
		{"timed out before sending", fmt.Errorf("GET /groups/x: %w", context.DeadlineExceeded), []string{"timed out", "timeouts"}},
		{"api error", &fivetran.APIError{StatusCode: 404, Code: "NotFound_Group", Message: "Group with id 'x' does not exist."},
			[]string{"NotFound_Group", "does not exist"}},
		{"html body", &fivetran.APIError{StatusCode: 502, Message: "Bad Gateway"}, []string{"HTTP 502", "Bad Gateway"}},
		{"credentials", &fivetran.APIError{StatusCode: 401, Code: "AuthFailed", Message: "no"}, []string{"refused the credentials", "FIVETRAN_APIKEY"}},
	}
	for _, c := range cases {
		got := explainError(c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", c.name, got, w)
			}
		}
	}
}

// TestIDValidatorDoesNotQuote: a rejected id is not quoted back; it may be a
// secret pasted into the wrong attribute (DESIGN.md, "What a diagnostic may
// quote").
func TestIDValidatorDoesNotQuote(t *testing.T) {
	const pasted = "ghp_Pasted Secret!"
	var resp validator.StringResponse
	idValidator{what: "group"}.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("group_id"), ConfigValue: types.StringValue(pasted),
	}, &resp)
	if resp.Diagnostics.ErrorsCount() != 1 {
		t.Fatalf("want one error, got %v", resp.Diagnostics)
	}
	d := resp.Diagnostics[0]
	if strings.Contains(d.Summary()+d.Detail(), "Pasted") {
		t.Errorf("the diagnostic quotes the value: %s: %s", d.Summary(), d.Detail())
	}
}

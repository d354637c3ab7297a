package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

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

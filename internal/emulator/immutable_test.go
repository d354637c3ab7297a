package emulator

import (
	"testing"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"
)

// TestImmutableConfigKeyPatch: in the built-in catalog, google_ads
// timeframe_months is set at creation only, as in Fivetran: the metadata
// marks it immutable, a PATCH changing it is refused with 400 InvalidInput
// and nothing is stored, and a PATCH sending the same value, or other keys,
// passes.
func TestImmutableConfigKeyPatch(t *testing.T) {
	_, c := emuStart(t, func(o *Options) { o.Catalog = catalog.Builtin() })
	gid := c.setup()

	meta := c.expect(c.do("GET", "/metadata/connector-types/google_ads", nil), 200, "Success").data()
	props := jsonAs[map[string]any](t, jsonAs[map[string]any](t, meta["config"])["properties"])
	if jsonAs[map[string]any](t, props["timeframe_months"])["immutable"] != true {
		t.Fatalf("timeframe_months is not marked immutable: %v", props["timeframe_months"])
	}

	conn := c.expect(c.do("POST", "/connections", map[string]any{"group_id": gid, "service": "google_ads",
		"config": map[string]any{"schema": "ads", "timeframe_months": "TWELVE", "customer_id": "123-456-7890"}}), 201, "Success").data()
	id := jsonAs[string](t, conn["id"])

	r := c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"config": map[string]any{"timeframe_months": "ALL_TIME"}}), 400, "InvalidInput")
	if msg, _ := r.Body["message"].(string); msg == "" {
		t.Errorf("no message in %s", r.Raw)
	}
	c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"config": map[string]any{"timeframe_months": nil}}), 400, "InvalidInput")
	got := c.expect(c.do("GET", "/connections/"+id, nil), 200, "Success").data()
	if tf := jsonAs[map[string]any](t, got["config"])["timeframe_months"]; tf != "TWELVE" {
		t.Fatalf("a refused PATCH changed timeframe_months to %v", tf)
	}
	c.expect(c.do("PATCH", "/connections/"+id, map[string]any{"config": map[string]any{"timeframe_months": "TWELVE", "customer_id": "999-456-7890"}}), 200, "Success")
}

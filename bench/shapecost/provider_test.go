package shapecost

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openpipes/terraform-provider-fivetran/internal/emulator"
	fivetran "github.com/openpipes/terraform-provider-fivetran/internal/provider"
)

// BenchmarkProvider is BenchmarkShipped with the resource's own code behind
// the schema: the Fivetran provider, configured against an in-process
// emulator whose connection has a synthetic source of sourceTables tables of
// 20 columns (the declared choices agree with it, as in a no-change plan).
// Its difference to BenchmarkShipped is ours: the GET of the schema config
// (with the emulator answering it in the same process), its decoding, the
// projection and the plan's comparison.
func BenchmarkProvider(b *testing.B) {
	for _, sourceTables := range []int{20, 200} {
		b.Run(fmt.Sprintf("tables=%d", sourceTables), func(b *testing.B) { benchProvider(b, sourceTables) })
	}
}

func benchProvider(b *testing.B, sourceTables int) {
	ctx := context.Background()
	em, err := emulator.Start(emulator.Options{Seed: 1, APIKey: "k", APISecret: "s", SyntheticSource: [3]int{1, sourceTables, 20}})
	if err != nil {
		b.Fatal(err)
	}
	defer em.Close()
	g := em.CreateGroup("bench")
	gid, _ := g["id"].(string)
	if _, err := em.CreateDestination(gid, map[string]any{"service": "postgres_warehouse", "time_zone_offset": "0",
		"config": map[string]any{"host": "warehouse.internal", "port": 5432, "database": "dw"}}); err != nil {
		b.Fatal(err)
	}
	c, err := em.CreateConnection(map[string]any{"group_id": gid, "service": "postgres",
		"config": map[string]any{"schema_prefix": "bench", "host": "db.internal", "port": 5432, "database": "app", "user": "fivetran"}})
	if err != nil {
		b.Fatal(err)
	}
	id, _ := c["id"].(string)

	srv, err := providerserver.NewProtocol6WithError(fivetran.New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	pt, ok := sch.Provider.ValueType().(tftypes.Object)
	if !ok {
		b.Fatal("the provider schema's type is not an object")
	}
	pvals := map[string]tftypes.Value{}
	for k, t := range pt.AttributeTypes {
		pvals[k] = tftypes.NewValue(t, nil)
	}
	pvals["api_key"] = tftypes.NewValue(tftypes.String, "k")
	pvals["api_secret"] = tftypes.NewValue(tftypes.String, "s")
	pvals["api_url"] = tftypes.NewValue(tftypes.String, em.URL)
	pcfg, err := tfprotov6.NewDynamicValue(pt, tftypes.NewValue(pt, pvals))
	if err != nil {
		b.Fatal(err)
	}
	cr, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &pcfg})
	if err != nil || len(cr.Diagnostics) > 0 {
		b.Fatal(err, cr.Diagnostics)
	}
	typ, ok := sch.ResourceSchemas["fivetran_connection_schema"].ValueType().(tftypes.Object)
	if !ok {
		b.Fatal("the resource schema's type is not an object")
	}
	value := func(withID bool) tfprotov6.DynamicValue {
		vals := map[string]tftypes.Value{}
		for k, t := range typ.AttributeTypes {
			vals[k] = tftypes.NewValue(t, nil)
		}
		vals["connection_id"] = tftypes.NewValue(tftypes.String, id)
		str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
		t, cols := map[string]tftypes.Value{}, map[string]tftypes.Value{}
		step := sourceTables / tables
		for i := 0; i < tables; i++ {
			table := fmt.Sprintf("schema_001.table_%04d", i*step+1)
			t[table] = str("included")
			for k := 1; k <= columns; k++ {
				cols[fmt.Sprintf("%s.col_%03d", table, k+1)] = str("included")
			}
		}
		m := tftypes.Map{ElementType: tftypes.String}
		vals["tables"], vals["columns"] = tftypes.NewValue(m, t), tftypes.NewValue(m, cols)
		if _, ok := vals["id"]; ok && withID {
			vals["id"] = str(id)
		}
		v, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
		if err != nil {
			b.Fatal(err)
		}
		return v
	}
	state, config := value(true), value(false)
	check := func(d []*tfprotov6.Diagnostic) {
		if len(d) > 0 {
			b.Fatal(d[0].Summary, ": ", d[0].Detail)
		}
	}
	const typeName = "fivetran_connection_schema"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, _ := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: &config})
		check(v.Diagnostics)
		r, _ := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: &state})
		check(r.Diagnostics)
		p, _ := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, Config: &config, PriorState: r.NewState, ProposedNewState: r.NewState})
		check(p.Diagnostics)
		if i == 0 {
			if eq, _ := r.NewState.Unmarshal(typ); eq.String() != func() string { s, _ := state.Unmarshal(typ); return s.String() }() {
				b.Fatalf("the refresh changed the state: the emulator's source does not agree with the choices")
			}
		}
	}
}

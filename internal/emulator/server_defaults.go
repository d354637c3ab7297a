package emulator

import "github.com/openpipes/terraform-provider-fivetran/internal/emulator/catalog"

// fillServerDefaults fills into a new connection's config the values Fivetran
// sets for keys the create left out (catalog.Field.Default, from the
// catalog's data). The spec records no such defaults, but live answers carry
// them (itunes_connect reads back timeframe_months "TWELVE" and
// app_sync_mode "AllApps" after a create that sent neither); the live
// answers win. Options.NoServerDefaults stores config as sent, for tests of
// a client that must not rely on them.
func (e *Emulator) fillServerDefaults(cfg map[string]any, ct *catalog.ConnectorType) {
	if e.opts.NoServerDefaults {
		return
	}
	for _, f := range ct.Config {
		if _, sent := cfg[f.Name]; !sent && f.Default != nil {
			cfg[f.Name] = deepCopy(f.Default)
		}
	}
}

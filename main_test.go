package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGCSettingLeavesTheUsersGOGCAlone(t *testing.T) {
	env := func(vars map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	}
	if p, ok := gcSetting(env(nil)); !ok || p != gcPercent {
		t.Errorf("GOGC unset: got (%d, %v), want (%d, true)", p, ok, gcPercent)
	}
	for _, v := range []string{"100", "off", ""} {
		if p, ok := gcSetting(env(map[string]string{"GOGC": v})); ok {
			t.Errorf("GOGC=%q: main would set %d over the user's setting", v, p)
		}
	}
}

// The benchmark's profiling build (bench/profprovider) and its same-shape
// floor (bench/floorprovider) must run the collector as the provider does, or
// they measure another program.
func TestBenchBuildsUseTheSameGCPercent(t *testing.T) {
	for file, name := range map[string]string{"profprovider": "profGCPercent", "floorprovider": "shapeGCPercent"} {
		src, err := os.ReadFile(filepath.Join("bench", file, "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("const %s = %d\n", name, gcPercent)
		if !strings.Contains(string(src), want) {
			t.Errorf("bench/%s/main.go does not say %q", file, strings.TrimSpace(want))
		}
	}
}

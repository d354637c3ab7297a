// Command profprovider is the Fivetran provider (the same provider.New as the
// repository's main.go) with profiling around it, for make bench only. When
// BENCH_PROFILE_DIR is set, every provider process Terraform starts writes a
// CPU profile (cpu-<pid>.pprof) for its whole life and an allocation profile
// (allocs-<pid>.pprof) when Terraform stops it. Terraform stops a provider by
// the go-plugin Shutdown call, after which providerserver.Serve returns, so
// both profiles are flushed before the process exits.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/openpipes/terraform-provider-fivetran/internal/provider"
	"github.com/openpipes/terraform-provider-fivetran/internal/sdklog"
)

func main() {
	sdklog.Quiet() // as the provider's own main.go does
	// As main.go does (gcPercent there): the profile shows the collector the
	// shipped provider runs with.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(profGCPercent)
	}
	dir := os.Getenv("BENCH_PROFILE_DIR")
	var stop func()
	if dir != "" {
		stop = startProfiles(dir)
	}
	err := providerserver.Serve(context.Background(), provider.New("bench"), providerserver.ServeOpts{
		Address:         "registry.terraform.io/openpipes/fivetran",
		ProtocolVersion: 6,
	})
	if stop != nil {
		stop()
	}
	if err != nil {
		log.Fatal(err.Error())
	}
}

// profGCPercent must equal gcPercent in the repository's main.go.
const profGCPercent = 200

func startProfiles(dir string) func() {
	pid := os.Getpid()
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", pid)))
	if err != nil {
		log.Printf("profprovider: %v", err)
		return nil
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Printf("profprovider: %v", err)
		_ = cpu.Close()
		return nil
	}
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		runtime.GC()
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("allocs-%d.pprof", pid)))
		if err != nil {
			return
		}
		_ = pprof.Lookup("allocs").WriteTo(f, 0)
		_ = f.Close()
	}
}

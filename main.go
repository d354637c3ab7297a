// Command terraform-provider-fivetran is the openpipes Terraform provider for Fivetran.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	rtdebug "runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/openpipes/terraform-provider-fivetran/internal/provider"
	"github.com/openpipes/terraform-provider-fivetran/internal/sdklog"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// gcPercent is the garbage collector's target (GOGC) unless the user sets
// GOGC. A plan allocates several GB of short-lived garbage, most of it in the
// framework, and Go's default (100) spends a large part of the provider's CPU
// collecting it; see BENCHMARKS.md, "Garbage collector setting", for the
// measurement this value was chosen from and its memory cost
// (go run ./bench -gogc 100,200,300,400,default repeats it).
const gcPercent = 200

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()
	sdklog.Quiet() // see internal/sdklog: the SDK's trace logs cost half a plan when nobody reads them
	if percent, ok := gcSetting(os.LookupEnv); ok {
		rtdebug.SetGCPercent(percent)
	}

	run := provider.NewRun(version)
	err := providerserver.Serve(context.Background(), run.Provider, providerserver.ServeOpts{
		Address:         "registry.terraform.io/openpipes/fivetran",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	// Terraform is done with this process: say what the run cost (see
	// provider.Run for why here).
	run.LogUsage()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// gcSetting is the GC percent main sets: gcPercent, unless the environment
// sets GOGC (the user's setting, which the Go runtime has already applied,
// wins, whatever its value).
func gcSetting(lookupEnv func(string) (string, bool)) (int, bool) {
	if _, set := lookupEnv("GOGC"); set {
		return 0, false
	}
	return gcPercent, true
}

// Command terraform-provider-fivetran is the openpipes Terraform provider for Fivetran.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/openpipes/terraform-provider-fivetran/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()
	quietSDKLogs()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/openpipes/fivetran",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// quietSDKLogs turns off the plugin SDK's own trace logs when the user asked
// for no logs at all. Terraform discards them in that case, but only after
// the provider has built and sent every line: at a thousand connections
// that was about half of a no-change plan's time (BENCHMARKS.md). With TF_LOG
// or TF_LOG_PROVIDER set, or any TF_LOG_SDK* variable, nothing changes.
func quietSDKLogs() {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		if _, set := os.LookupEnv(k); !set {
			_ = os.Setenv(k, "off")
		}
	}
}

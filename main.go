// Command terraform-provider-fivetran is the openpipes Terraform provider for Fivetran.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/openpipes/terraform-provider-fivetran/internal/provider"
	"github.com/openpipes/terraform-provider-fivetran/internal/sdklog"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()
	sdklog.Quiet() // see internal/sdklog: the SDK's trace logs cost half a plan when nobody reads them

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/openpipes/fivetran",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// Package sdklog quiets the plugin SDK's own trace logs when the user asked
// for no logs at all.
//
// terraform-plugin-log logs the SDK's trace lines unless TF_LOG_SDK* say
// otherwise. With no TF_LOG set, Terraform parses every line the provider
// sends and then discards it: at a thousand connections that was about half
// of a no-change plan's time (BENCHMARKS.md). Quiet changes nothing when
// TF_LOG or TF_LOG_PROVIDER is set, nor any TF_LOG_SDK* variable the user set.
package sdklog

import "os"

// Quiet sets TF_LOG_SDK, TF_LOG_SDK_FRAMEWORK and TF_LOG_SDK_PROTO to "off"
// in this process's environment, unless logging was asked for.
func Quiet() {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		if _, set := os.LookupEnv(k); !set {
			_ = os.Setenv(k, "off")
		}
	}
}

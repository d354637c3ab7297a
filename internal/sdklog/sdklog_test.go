package sdklog

import (
	"os"
	"testing"
)

func TestQuiet(t *testing.T) {
	keys := []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"}
	reset := func() {
		for _, k := range keys {
			t.Setenv(k, "")
			_ = os.Unsetenv(k)
		}
	}

	reset()
	Quiet()
	for _, k := range keys[2:] {
		if os.Getenv(k) != "off" {
			t.Errorf("with no TF_LOG, %s = %q, want off", k, os.Getenv(k))
		}
	}

	reset()
	t.Setenv("TF_LOG", "DEBUG")
	Quiet()
	if _, set := os.LookupEnv("TF_LOG_SDK"); set {
		t.Error("with TF_LOG set, the SDK logs must be left alone")
	}

	reset()
	t.Setenv("TF_LOG_SDK_PROTO", "TRACE")
	Quiet()
	if os.Getenv("TF_LOG_SDK_PROTO") != "TRACE" || os.Getenv("TF_LOG_SDK") != "off" {
		t.Error("a TF_LOG_SDK* the user set must be kept")
	}
}

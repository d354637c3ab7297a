package emulator

import (
	"testing"
	"time"
)

func TestLiveProfile(t *testing.T) {
	o := Options{ListLag: time.Millisecond}
	o.ApplyLiveProfile()
	live := LiveProfile()
	if o.ListLag != time.Millisecond || o.SetupTestDelay != live.SetupTestDelay || o.DeleteDelay != live.DeleteDelay ||
		o.MaxPageSize != live.MaxPageSize || len(o.SetupTestStatuses) != 3 || o.PlatformConnection ||
		o.PrivateLinkReadyAfter != 2*time.Second {
		t.Fatalf("%+v", o)
	}
}

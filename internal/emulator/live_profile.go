package emulator

import "time"

// The live profile: the switches that make the emulator answer the way the
// live API does when work takes time (Options.ListLag and DeleteDelay in
// lag.go, SetupTestDelay in setup_tests.go, PrivateLinkReadyAfter in
// private_links.go), the pages it cuts (MaxPageSize),
// the setup-test results it gives (SetupTestStatuses) and the connection
// Fivetran makes itself (PlatformConnection, platform_connection.go).
// LiveProfile turns the realistic ones on.

// LiveProfile returns the options of the "live" profile (-profile live): the
// API as a client meets it in production rather than the kindest reading of
// its documentation. Durations are the ones a person sees against Fivetran;
// tests shorten them with the same fields. Credentials, catalog and seed are
// left for the caller to fill in.
//
// The live data shapes (ports as strings, nulls for unset fields, server
// defaults in config, masking per Fivetran's field catalog, connections
// accepted in a group without a destination) are not set here: they are the
// emulator's default behaviour (NumericPorts, OmitNulls, RequireDestination
// and NoServerDefaults bring the older shapes back, and the profile leaves
// all four off). LIVE-PROFILE DATA SHAPES: should a
// data-shape switch ever be off by default, turn it on here.
//
// PlatformConnection is not part of the profile: Fivetran makes such a
// connection only for some destinations, and with it every destroy of a
// destination ends in the error that names it (by design, see DESIGN.md), so
// tests that want it ask for it.
func LiveProfile() Options {
	return Options{
		ListLag:           5 * time.Second,
		SetupTestDelay:    3 * time.Second,
		DeleteDelay:       2 * time.Second,
		MaxPageSize:       3,
		SetupTestStatuses: []string{"PASSED", "WARNING", "SKIPPED"},
		// Fivetran takes minutes or more to provision a private link; a
		// delay of the order of the others makes clients meet CREATING,
		// UPDATING and DESTROYING without slowing tests down much.
		PrivateLinkReadyAfter: 2 * time.Second,
	}
}

// ApplyLiveProfile turns on in o every switch of LiveProfile that o leaves
// at its zero value, keeping what o sets (credentials, catalog, shorter
// durations for tests).
func (o *Options) ApplyLiveProfile() {
	live := LiveProfile()
	if o.ListLag == 0 {
		o.ListLag = live.ListLag
	}
	if o.SetupTestDelay == 0 {
		o.SetupTestDelay = live.SetupTestDelay
	}
	if o.DeleteDelay == 0 {
		o.DeleteDelay = live.DeleteDelay
	}
	if o.MaxPageSize == 0 {
		o.MaxPageSize = live.MaxPageSize
	}
	if len(o.SetupTestStatuses) == 0 {
		o.SetupTestStatuses = live.SetupTestStatuses
	}
	if o.PrivateLinkReadyAfter == 0 {
		o.PrivateLinkReadyAfter = live.PrivateLinkReadyAfter
	}
}

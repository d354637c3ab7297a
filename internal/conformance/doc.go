// Package conformance validates HTTP exchanges with the Fivetran API
// emulator against Fivetran's published OpenAPI spec
// (../shared/fivetran-api/openapi.json): every request the client sends and
// every response the emulator returns.
//
// It is imported by tests only. Typical use, in the helper that starts an
// emulator for a test:
//
//	opts := emulator.Options{APIKey: "k", APISecret: "s"}
//	conformance.Attach(t, &opts) // before Start
//	emu, err := emulator.Start(opts)
//	...
//	t.Cleanup(emu.Close) // after Attach: cleanups run last-in first-out
//
// Attach registers a cleanup that fails the test when any exchange violated
// the spec. Register the emulator's Close with t.Cleanup after calling Attach
// (or close it before the test returns), so that every exchange has been
// observed when the violations are reported. When the spec file is absent
// (see SpecPath), Attach only logs that conformance checking is skipped.
//
// Every package whose tests validate exchanges calls Report from TestMain
// after m.Run: it prints how many exchanges were validated, or that none were
// and where the spec was looked for, and adds the count to the file
// $FIVETRAN_CONFORMANCE_TALLY names, which make test sums into its last line.
//
// # What is checked
//
// Requests are checked with openapi3filter.ValidateRequest (path, query and
// header parameters, body, and the basic-auth security requirement, which is
// satisfied by any "Authorization: Basic ..." header). Responses are checked
// with openapi3filter.ValidateResponse, including the status code.
//
// Exchanges with an injected fault (Exchange.Fault other than "latency" and
// "rate-limit") are skipped, since the fault is deliberately not what the API
// would send; the 429 of a rate limit is what the API sends, and is checked.
// Requests the spec has no route for are reported (Kind "route") unless the
// emulator answered them with the 401 or the plain 404 "NotFound" / 405 an
// unknown route gets (a test probing unknown routes on purpose). The client
// uses only the current route names, and the emulator serves only those.
//
// Where the spec and the recorded live answers disagree (API.md), the
// disagreement is excused narrowly (see excuses.go); each excuse names the
// operation, the field and the kind of value it allows. An operation whose
// 200 schema describes the object without the envelope every answer wraps
// it in (unenvelopedOps: GET /v1/proxy/{agentId}) would pass any body; its
// answer is checked as the envelope, with data against that schema. A
// schema with a discriminator but no oneOf or anyOf (the private link and
// log service schemas, whose service picks the config's schema) is also
// checked against the schema its mapping picks, which kin-openapi would not
// do.
//
// A request sent on purpose to violate the spec (to exercise the emulator's
// 400 answers) carries the header "X-Conformance-Expect: invalid-request";
// its request is not validated, its response is.
package conformance

#!/usr/bin/env bash
# Turns the tally lines the test binaries append (internal/conformance, Report) into one line for the end
# of `make test`: how many exchanges were validated against Fivetran's OpenAPI spec, or that none were and
# why. go test shows nothing a passing package prints, so this is the only place a run without the spec
# says so. Usage: conformance-summary.sh TALLY_FILE
set -euo pipefail
tally=${1:?usage: conformance-summary.sh TALLY_FILE}
[ -s "$tally" ] || { echo "==> OpenAPI conformance: no test binary reported a tally (did the tests build and run?)"; exit 0; }
awk '
{
	for (i = 1; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] == "spec") { spec = substr($0, index($0, "spec=") + 5); break }
		n[kv[1]] += (kv[1] == "present") ? 0 : kv[2]
		if (kv[1] == "present" && kv[2] == "true") present = 1
	}
	binaries++
}
END {
	if (n["validated"] > 0)
		printf "==> OpenAPI conformance: %d exchanges validated against %s in %d test binaries (%d known spec/live differences excused, %d injected faults skipped; a violation fails its test)\n", n["validated"], spec, binaries, n["excused"], n["skipped"]
	else if (!present)
		printf "==> OpenAPI conformance NOT CHECKED: 0 exchanges validated, because the spec is absent at %s (set FIVETRAN_OPENAPI_SPEC to Fivetran'"'"'s openapi.json); %d tests ran without it\n", spec, n["unchecked"]
	else
		printf "==> OpenAPI conformance: 0 exchanges validated: no test that records exchanges ran (the acceptance tests need TF_ACC=1)\n"
}' "$tally"

#!/usr/bin/env bash
# build-terraform.sh OUT_BINARY VERSION: builds a Terraform release from its Go module into OUT_BINARY.
#
# `go install github.com/hashicorp/terraform@vX` stops working after 1.8: later releases keep several
# remote-state backends (and internal/legacy) in nested modules wired in by local replace directives,
# which a downloaded module cannot resolve. The provider's tests use none of those backends, so a
# writable copy of the module drops them (their go.mod lines and their registrations in
# internal/backend/init/init.go) and builds the rest, as a release build does. About 10 minutes, once.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OUT_BINARY VERSION" >&2; exit 2; }
out=$1
version=${2#v}

work=$(mktemp -d "${TMPDIR:-/tmp}/terraform-$version.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

mod=$(cd "$work" && go mod download -json "github.com/hashicorp/terraform@v$version" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$mod" ] || [ ! -d "$mod" ]; then
  echo "go mod download gave no module folder for Terraform $version" >&2
  exit 1
fi
cp -r "$mod" "$work/terraform"
chmod -R u+w "$work/terraform"
cd "$work/terraform"

backends='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
sed -E -i "\#github.com/hashicorp/terraform/(internal/backend/remote-state/($backends)|internal/legacy)( |\$)#d" go.mod
sed -E -i -e '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3) /d' \
  -e '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)\.New\(\)/d' internal/backend/init/init.go

GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$work/terraform-bin" .
mkdir -p "$(dirname "$out")"
mv "$work/terraform-bin" "$out"
"$out" version

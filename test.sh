#!/usr/bin/env bash
# Runs every test of the solution: starts a throw-away PostgreSQL for the Hangfire tests (installing Debian's
# postgresql package when it is missing and this runs as root), makes sure Debian's python3-onnx (the ONNX checker)
# and chromium (the browser tests) are there the same way, installs the OpenAPI tests' pinned Redocly CLI (npm) and
# Kiota (a .NET local tool), runs the tests, and stops PostgreSQL again.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/ensure-python-onnx.sh
source scripts/install-test-chromium.sh
source scripts/install-openapi-tools.sh
source scripts/start-test-postgres.sh
log=$(mktemp)
status=0
dotnet test ResNetService.sln -c Release "$@" 2>&1 | tee "$log" || status=$?
# One closing line over all test projects, in the plain form CI tools read.
total() { grep -oE "^(Passed|Failed)! +- .*" "$log" | grep -oE "$1: +[0-9]+" | awk '{ sum += $2 } END { print sum + 0 }'; }
echo "$(total Passed) passed, $(total Failed) failed, $(total Skipped) skipped"
rm -f "$log"
exit "$status"

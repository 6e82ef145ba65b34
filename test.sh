#!/usr/bin/env bash
# Runs every test of the solution: starts a throw-away PostgreSQL for the Hangfire tests (installing Debian's
# postgresql package when it is missing and this runs as root), runs the tests, and stops it again.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/start-test-postgres.sh
dotnet test ResNetService.sln -c Release "$@"

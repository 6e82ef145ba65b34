#!/usr/bin/env bash
# Runs every test of the solution. Installs nothing that is already there; safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

dotnet test ResNetService.sln -c Release "$@"

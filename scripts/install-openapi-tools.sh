# Sourced by test.sh: the OpenAPI tests lint the service's description with Redocly CLI (from the npm registry, pinned,
# into .tools/openapi, which this script owns) and generate a client from it with Kiota (a .NET local tool, pinned
# in .config/dotnet-tools.json). Installs both when they are missing; needs Node.js 20.19 or later and npm.

REDOCLY_CLI_VERSION=2.77.0
openapi_tools="$(pwd)/.tools/openapi"
if [ "$(cat "$openapi_tools/.version" 2>/dev/null)" != "$REDOCLY_CLI_VERSION" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed by the OpenAPI lint test: install Node.js 20.19 or later with npm (e.g. apt-get install -y nodejs npm) and run again." >&2
    exit 1
  fi
  echo "Installing @redocly/cli $REDOCLY_CLI_VERSION into .tools/openapi..."
  rm -rf "$openapi_tools"
  npm install --prefix "$openapi_tools" --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_CLI_VERSION" >/dev/null
  echo "$REDOCLY_CLI_VERSION" > "$openapi_tools/.version"
fi
dotnet tool restore >/dev/null
echo "OpenAPI tools: redocly $REDOCLY_CLI_VERSION, kiota $(dotnet tool run kiota --version 2>/dev/null | head -1)"

# Sourced by test.sh: the browser tests (tests/ResNetService.Console.Tests) drive Debian's chromium through Playwright,
# whose own browser download is not used. Installs the chromium package when it is missing and we are root.

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is needed by the browser tests: install it (sudo apt-get install -y chromium) and run again." >&2
    exit 1
  fi
  echo "Installing Chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}
echo "Chromium for the browser tests: $CHROMIUM_PATH"

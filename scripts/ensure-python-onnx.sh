# Sourced by test.sh: the ONNX export tests run ONNX's own checker through Debian's python3-onnx. Installs it when
# it is missing and we are root; otherwise says what to install.

if ! /usr/bin/python3 -c "import onnx" >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "python3-onnx is needed by the tests: install it (sudo apt-get install -y python3-onnx) and run again." >&2
    exit 1
  fi
  echo "Installing python3-onnx for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-onnx >/dev/null
fi

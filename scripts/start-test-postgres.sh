# Sourced by test.sh: starts a throw-away PostgreSQL on 127.0.0.1 for the tests and stops it when the shell exits.
# Installs Debian's postgresql package first when it is missing and we are root. Exports RESNET_TEST_POSTGRES.

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is needed by the tests: install it (sudo apt-get install -y postgresql) and run again." >&2
    exit 1
  fi
  echo "Installing PostgreSQL for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(pg_bin)

# initdb refuses to run as root; use the package's postgres account then.
if [ "$(id -u)" -eq 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi

PG_DIR=$(mktemp -d /tmp/resnet-test-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
PG_PORT=${RESNET_TEST_POSTGRES_PORT:-$(( 20000 + RANDOM % 20000 ))}

stop_test_postgres() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_test_postgres EXIT

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=200 -c fsync=off" start >/dev/null
export RESNET_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
echo "PostgreSQL for the tests on 127.0.0.1:$PG_PORT"

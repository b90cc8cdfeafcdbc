#!/usr/bin/env bash
# The integration suite also runs against PostgreSQL (scripts/pg-test-cluster.mjs starts a
# throwaway cluster): use Debian's server binaries, installing them when missing.
set -euo pipefail

found() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/psql" ]
    return
  fi
  for bin in /usr/lib/postgresql/*/bin; do
    if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && [ -x "$bin/psql" ]; then return 0; fi
  done
  return 1
}

if found; then exit 0; fi
if [ -n "${PG_BIN:-}" ]; then
  echo "PG_BIN=$PG_BIN has no initdb, pg_ctl and psql. Point it at a PostgreSQL bin folder, or unset it." >&2
  exit 1
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install Debian's postgresql" >&2
  echo "package, set PG_BIN to a folder with initdb and pg_ctl, or set TEST_DATABASE_URL (docs/scale-out.md)." >&2
  exit 1
fi
echo "Installing Debian postgresql (no initdb/pg_ctl under /usr/lib/postgresql/*/bin)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
found || { echo "postgresql installed but no initdb/pg_ctl under /usr/lib/postgresql/*/bin; set PG_BIN" >&2; exit 1; }

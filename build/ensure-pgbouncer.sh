#!/usr/bin/env bash
# Makes sure PgBouncer is on this machine (the pooler tests start throwaway instances of it), installing Debian's
# package when it is missing and this is root. Never fails the build: without it the pooler tests are skipped,
# each saying why.
set -euo pipefail

if command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-pgbouncer: pgbouncer is missing and cannot be installed here (needs root and apt-get); the pooler tests will be skipped." >&2
  echo "  Install it (Debian/Ubuntu: sudo apt-get install pgbouncer) to run them." >&2
  exit 0
fi

echo "ensure-pgbouncer: installing the pgbouncer package (Debian)..."
export DEBIAN_FRONTEND=noninteractive
# The package's own service is not wanted: tests start instances of their own on free ports.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null; }; then
  echo "ensure-pgbouncer: installing pgbouncer failed; the pooler tests will be skipped." >&2
  exit 0
fi
# The package may start its own service (systemd machines): the tests need none.
systemctl disable --now pgbouncer >/dev/null 2>&1 || true
echo "ensure-pgbouncer: installed $(pgbouncer --version 2>/dev/null | head -1)"

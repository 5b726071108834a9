#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries (initdb, pg_ctl) are on this machine, installing Debian's
# package when they are missing. Starts nothing: tests start throwaway clusters of their own.
set -euo pipefail

have_binaries() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null 2>&1 && return 0
  [ -n "${EFSAFEMIGRATIONS_PG_BIN:-}" ] && [ -x "$EFSAFEMIGRATIONS_PG_BIN/initdb" ] && return 0
  return 1
}

if have_binaries; then
  exit 0
fi

if [ -n "${EFSAFEMIGRATIONS_TEST_CONNECTION_STRING:-}" ]; then
  echo "ensure-postgres: no local binaries, but EFSAFEMIGRATIONS_TEST_CONNECTION_STRING is set; using that server."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-postgres: the PostgreSQL server binaries are missing and this is not root, so they cannot be installed here." >&2
  echo "  Install them (Debian/Ubuntu: sudo apt-get install postgresql), or set EFSAFEMIGRATIONS_TEST_CONNECTION_STRING" >&2
  echo "  to a server whose role may create roles and databases." >&2
  exit 1
fi

echo "ensure-postgres: installing the PostgreSQL server package (Debian)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Install the cluster tooling first and tell it not to create (and start) a default cluster on 5432:
# the tests run throwaway clusters on free ports and need nothing else.
apt-get install -y -qq --no-install-recommends postgresql-common >/dev/null
mkdir -p /etc/postgresql-common
if ! grep -qs '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
  echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf
fi
apt-get install -y -qq --no-install-recommends postgresql >/dev/null

have_binaries || { echo "ensure-postgres: installed postgresql but found no initdb under /usr/lib/postgresql/*/bin" >&2; exit 1; }
echo "ensure-postgres: installed $(ls -d /usr/lib/postgresql/*/bin | tail -1)"

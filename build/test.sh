#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run). On a fresh Debian machine it installs what it needs
# (PostgreSQL server binaries, PgBouncer, the dotnet-ef local tool), builds everything, runs every test project
# against real PostgreSQL, and exits non-zero on any failure.
#
#   build/test.sh                 all tests
#   build/test.sh --filter EXPR   pass a dotnet test filter to every test project
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

configuration="${CONFIGURATION:-Release}"
filter=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then
  filter=(--filter "$2")
fi
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

step() { printf '\n==> %s\n' "$*"; }

step "PostgreSQL server binaries"
"$root/build/ensure-postgres.sh"

step "PgBouncer (pooler tests; skipped with a reason when it cannot be installed)"
"$root/build/ensure-pgbouncer.sh"

step "Local tools (dotnet-ef)"
dotnet tool restore

step "Build ($configuration)"
dotnet build EfSafeMigrations.sln -c "$configuration" -nologo -clp:ErrorsOnly

failed=0
run_tests() { # name project [extra dotnet test args...]
  local name="$1" project="$2"
  shift 2
  step "Tests: $name"
  if ! dotnet test "$project" -c "$configuration" --no-build -nologo \
       --logger "trx;LogFileName=$name.trx" --results-directory "$results" "${filter[@]}" "$@"; then
    failed=1
  fi
}

for project in tests/*Tests/*.csproj; do
  run_tests "$(basename "$project" .csproj)" "$project"
done

# The documented way to use an existing server: a second pass with the connection string variable set,
# against a server this script starts itself (the same helper the fixture uses, run as a process).
if [ ${#filter[@]} -eq 0 ] && [ -z "${EFSAFEMIGRATIONS_TEST_CONNECTION_STRING:-}" ]; then
  step "Tests through EFSAFEMIGRATIONS_TEST_CONNECTION_STRING (server started by this script)"
  connection_file="$results/connection-string"
  dotnet run --project tests/EfSafeMigrations.PostgresHost -c "$configuration" --no-build -- "$connection_file" &
  host_pid=$!
  trap 'kill -TERM "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    [ -s "$connection_file" ] && break
    kill -0 "$host_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -s "$connection_file" ]; then
    EFSAFEMIGRATIONS_TEST_CONNECTION_STRING="$(cat "$connection_file")" \
      dotnet test tests/EfSafeMigrations.IntegrationTests -c "$configuration" --no-build -nologo \
        --logger "trx;LogFileName=EnvironmentServer.trx" --results-directory "$results" \
        --filter "Category=EnvironmentServer|FullyQualifiedName~Foundation.PlainEfMigrationTests" || failed=1
  else
    echo "could not start the PostgreSQL host for the environment-variable pass" >&2
    failed=1
  fi
  kill -TERM "$host_pid" 2>/dev/null || true
  wait "$host_pid" 2>/dev/null || true
  trap - EXIT
fi

# One plain closing line over every run: "N passed, N failed, N skipped".
sum() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed); failures=$(sum failed); total=$(sum total); executed=$(sum executed)
skipped=$((total - executed))
echo
echo "tests: $passed passed, $failures failed, $skipped skipped"
if [ "$failed" -ne 0 ] || [ "$failures" -ne 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi

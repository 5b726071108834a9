#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run). On a fresh Debian machine it installs what it needs
# (PostgreSQL server binaries, PgBouncer, the dotnet-ef local tool), builds everything, runs every test project
# against real PostgreSQL, and exits non-zero on any failure.
#
#   build/test.sh                 all tests: every project on Debian's PostgreSQL, then the integration tests
#                                 on the other supported majors (see version_matrix_pass)
#   build/test.sh --filter EXPR   pass a dotnet test filter to every test project (no version matrix)
#
#   EFSAFEMIGRATIONS_PG_MATRIX="13 17"   the majors of the version matrix ("" for none; default: every major
#                                        build/ensure-postgres-versions.sh pins but the local server's, none with --filter)
#   EFSAFEMIGRATIONS_PG_MATRIX_JOBS=2    how many majors run at a time
#   EFSAFEMIGRATIONS_PG_MATRIX_FILTER=EXPR   a dotnet test filter for the matrix runs only (default: --filter's, or
#                                            every test but the OS-process topology ones: TestCategory!=Processes)
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

# The major of the server the test projects find first (EFSAFEMIGRATIONS_PG_BIN, PATH, Debian's newest).
local_server_major() {
  local initdb="${EFSAFEMIGRATIONS_PG_BIN:+$EFSAFEMIGRATIONS_PG_BIN/initdb}"
  [ -x "$initdb" ] || initdb="$(command -v initdb || true)"
  [ -x "$initdb" ] || initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)"
  [ -x "$initdb" ] && "$initdb" --version | sed -E 's/.*\) ([0-9]+).*/\1/'
}

# Every test project runs on the local server (Debian's PostgreSQL 15 in CI); the integration tests run once more
# on each other pinned major.
choose_matrix_majors() {
  if [ -n "${EFSAFEMIGRATIONS_PG_MATRIX+set}" ]; then
    read -r -a matrix_majors <<< "$EFSAFEMIGRATIONS_PG_MATRIX"
  elif [ ${#filter[@]} -gt 0 ]; then
    matrix_majors=()
  else
    local local_major major
    local_major="$(local_server_major || true)"
    matrix_majors=()
    for major in $("$root/build/ensure-postgres-versions.sh" --list); do
      [ "$major" = "$local_major" ] || matrix_majors+=("$major")
    done
  fi
}

step "PostgreSQL server binaries"
"$root/build/ensure-postgres.sh"
choose_matrix_majors
if [ ${#matrix_majors[@]} -gt 0 ]; then
  "$root/build/ensure-postgres-versions.sh" "${matrix_majors[@]}" >/dev/null
fi

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

# The integration tests on each other PostgreSQL major, from the binaries ensure-postgres-versions.sh caches:
# one `dotnet test` per major (its own cluster, trx and log), a few at a time; each log is printed when its
# run ends, whole when it failed.
# By default the matrix leaves out the OS-process topology tests (category Processes: migrator processes started,
# killed, pooled, and the fixture's own tests): they test processes and locks, not what differs between majors, and
# starting those processes is most of the suite's time. They run on the main server above.
run_integration_tests_on() { # major bin-folder
  local major="$1" bin="$2" matrix_filter=("${filter[@]}")
  [ ${#matrix_filter[@]} -gt 0 ] || matrix_filter=(--filter "TestCategory!=Processes")
  [ -z "${EFSAFEMIGRATIONS_PG_MATRIX_FILTER:-}" ] || matrix_filter=(--filter "$EFSAFEMIGRATIONS_PG_MATRIX_FILTER")
  EFSAFEMIGRATIONS_PG_BIN="$bin" EFSAFEMIGRATIONS_TEST_PG_MAJOR="$major" EFSAFEMIGRATIONS_TEST_DOCKER=0 \
    dotnet test tests/EfSafeMigrations.IntegrationTests -c "$configuration" --no-build -nologo \
      --logger "trx;LogFileName=IntegrationTests.pg$major.trx" --results-directory "$results" "${matrix_filter[@]}" \
      > "$results/IntegrationTests.pg$major.log" 2>&1
}

report_major() { # major exit-code
  local log="$results/IntegrationTests.pg$1.log"
  if [ "$2" -eq 0 ]; then
    echo "PostgreSQL $1: $(grep -E '(Passed|Failed)!' "$log" | tail -1)"
  else
    echo "PostgreSQL $1 FAILED (exit $2):"
    cat "$log"
    failed=1
  fi
}

version_matrix_pass() {
  [ ${#matrix_majors[@]} -gt 0 ] || return 0
  if [ -n "${EFSAFEMIGRATIONS_TEST_CONNECTION_STRING:-}" ]; then
    step "Version matrix skipped: EFSAFEMIGRATIONS_TEST_CONNECTION_STRING names one server for every run"
    return 0
  fi
  local jobs="${EFSAFEMIGRATIONS_PG_MATRIX_JOBS:-2}" started=0 major bin pid code
  local -A running=()
  step "Integration tests on PostgreSQL ${matrix_majors[*]} ($jobs at a time)"
  while read -r major bin; do
    while [ ${#running[@]} -ge "$jobs" ]; do
      code=0
      wait -n -p pid "${!running[@]}" || code=$?
      report_major "${running[$pid]}" "$code"
      unset "running[$pid]"
    done
    run_integration_tests_on "$major" "$bin" &
    running[$!]="$major"
    started=$((started + 1))
  done < <("$root/build/ensure-postgres-versions.sh" "${matrix_majors[@]}")
  for pid in "${!running[@]}"; do
    code=0
    wait "$pid" || code=$?
    report_major "${running[$pid]}" "$code"
  done
  if [ "$started" -ne ${#matrix_majors[@]} ]; then
    echo "version matrix: ran $started of ${#matrix_majors[@]} majors (${matrix_majors[*]}): fetching the binaries failed" >&2
    failed=1
  fi
}

version_matrix_pass

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

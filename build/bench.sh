#!/usr/bin/env bash
# Runs the benchmarks (not part of the test suite): prints Markdown tables and writes JSON.
#   build/bench.sh                       everything, 1,000,000-row table
#   build/bench.sh --rows 200000         a smaller table
#   build/bench.sh --repeat 5            runs per DDL scenario (default 3; the median run is shown)
#   build/bench.sh --only "create index" one DDL scenario (expand suite: --only trigger or --only stall)
#   build/bench.sh --suites noop,lint    only some suites (ddl, noop, lint, plan, push, tenants, backfill, expand; --tenants N: schemas, default 1000)
#   build/bench.sh --json path.json      where the JSON goes (default artifacts/bench/results.json)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/build/ensure-postgres.sh"
dotnet build tests/EfSafeMigrations.Benchmarks -c Release -nologo -clp:ErrorsOnly
exec dotnet run --project tests/EfSafeMigrations.Benchmarks -c Release --no-build -- "$@"

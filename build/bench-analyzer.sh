#!/usr/bin/env bash
# What the build-time analyzer costs: builds a throwaway project shaped like a long-lived application (many
# realistic migrations, each with its .Designer.cs carrying the model as it was then, and the model snapshot),
# referencing the packed EfSafeMigrations package, N times with the analyzer and N times without it (only
# EfSafeMigrations' analyzer is removed; the SDK's own analyzers stay on in both), alternating, and compares
# medians. Prints a table and writes JSON.
#
#   build/bench-analyzer.sh                     160 migrations, 7 builds each way
#   build/bench-analyzer.sh --migrations 500 --runs 5
#   build/bench-analyzer.sh --baseline 150      also set <EfSafeMigrationsBaseline> to the 150th migration (adopted project)
#   build/bench-analyzer.sh --json path.json    default: artifacts/bench/analyzer-build.json
#   build/bench-analyzer.sh --keep              keep the generated project (its path is printed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

migrations=160
runs=7
baseline=0
json="$root/artifacts/bench/analyzer-build.json"
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --migrations) migrations="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --json) json="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/esm-bench-analyzer.XXXXXX")"
cleanup() { [ "$keep" = 1 ] && echo "project kept in $work" || rm -rf "$work"; }
trap cleanup EXIT

# 1. The package, with a version of its own so no cache serves an older copy.
version="0.1.0-bench.$(date -u +%Y%m%d%H%M%S).$$"
feed="$work/feed"
echo "==> packing EfSafeMigrations $version"
dotnet pack src/EfSafeMigrations/EfSafeMigrations.csproj -c Release -o "$feed" "-p:Version=$version" -nologo -clp:ErrorsOnly >/dev/null

# 2. The project.
project="$work/BenchMigrations"
mkdir -p "$project/Migrations"
ef_version="$(sed -n 's:.*<EfCoreVersion>\(.*\)</EfCoreVersion>.*:\1:p' Directory.Packages.props)"
npgsql_version="$(sed -n 's:.*Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="\([^"]*\)".*:\1:p' Directory.Packages.props)"
migration_id() { printf '2026%010d_Step%04d' "$1" "$1"; }
baseline_xml=""
[ "$baseline" -gt 0 ] && baseline_xml="    <EfSafeMigrationsBaseline>$(migration_id "$baseline")</EfSafeMigrationsBaseline>"
cat > "$project/BenchMigrations.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <EfSafeMigrationsDesignTimeServices>false</EfSafeMigrationsDesignTimeServices>
$baseline_xml
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="EfSafeMigrations" Version="$version" />
    <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="$npgsql_version" />
  </ItemGroup>
  <!-- -p:EsmAnalyzer=off removes only EfSafeMigrations' analyzer and code fixes from the compilation. -->
  <Target Name="RemoveEfSafeMigrationsAnalyzer" AfterTargets="ResolveLockFileAnalyzers" Condition="'\$(EsmAnalyzer)' == 'off'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="\$([System.String]::Copy('%(Filename)').StartsWith('EfSafeMigrations.Analyzers'))" />
    </ItemGroup>
  </Target>
</Project>
EOF
cat > "$project/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="efsafemigrations-bench" value="$feed" />
  </packageSources>
</configuration>
EOF
cat > "$project/Program.cs" <<'EOF'
Console.WriteLine("bench");
EOF
cat > "$project/BenchDbContext.cs" <<'EOF'
using Microsoft.EntityFrameworkCore;

namespace BenchMigrations;

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options);
EOF

# The model a .Designer.cs carries (EF writes the whole model as it was after that migration into each one): 8
# entities from the start, plus one per table created so far (every tenth migration creates one), so later
# Designer files are larger, as in a real project. The model snapshot carries the final model.
designer_model() {
  local e count=$(( 8 + $1 / 10 ))
  for e in $(seq 1 "$count"); do
    cat <<EOF
            modelBuilder.Entity("BenchMigrations.Entity$e", b =>
                {
                    b.Property<long>("Id")
                        .ValueGeneratedOnAdd()
                        .HasColumnType("bigint");

                    NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));

                    b.Property<string>("Name")
                        .IsRequired()
                        .HasColumnType("text");

                    b.Property<DateTimeOffset>("CreatedAt")
                        .HasColumnType("timestamp with time zone");

                    b.Property<decimal>("Amount")
                        .HasColumnType("numeric(12,2)");

                    b.Property<long?>("ParentId")
                        .HasColumnType("bigint");

                    b.HasKey("Id");

                    b.HasIndex("ParentId");

                    b.ToTable("Entity$e");
                });

EOF
  done
}

# Up and Down of migration $1: a realistic mix (new tables, indexes, columns, keys, renames, drops, SQL, seed data).
migration_body() {
  local i="$1" table="Table$(( $1 - $1 % 10 ))"
  case $(( i % 10 )) in
    0) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "$table",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", nullable: false),
                    ParentId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_$table", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_${table}_ParentId",
                table: "$table",
                column: "ParentId");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "$table");
        }
EOF
    ;;
    1|9) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Note$i",
                table: "$table",
                type: "text",
                nullable: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Note$i",
                table: "$table");
        }
EOF
    ;;
    2) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_${table}_CreatedAt",
                table: "$table",
                column: "CreatedAt")
                .Annotation("Npgsql:CreatedConcurrently", true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_${table}_CreatedAt",
                table: "$table");
        }
EOF
    ;;
    3) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_${table}_${table}_ParentId",
                table: "$table",
                column: "ParentId",
                principalTable: "$table",
                principalColumn: "Id")
                .Annotation("EfSafeMigrations:NotValid", true);

            migrationBuilder.Sql("ALTER TABLE \"$table\" VALIDATE CONSTRAINT \"FK_${table}_${table}_ParentId\";", suppressTransaction: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_${table}_${table}_ParentId",
                table: "$table");
        }
EOF
    ;;
    4) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "$table",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "$table",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
EOF
    ;;
    5) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Amount",
                table: "$table",
                newName: "Total");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Total",
                table: "$table",
                newName: "Amount");
        }
EOF
    ;;
    6) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "$table",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "$table");
        }
EOF
    ;;
    7) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"$table\" SET \"Name\" = trim(\"Name\") WHERE \"Id\" < 1000;");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
EOF
    ;;
    8) cat <<EOF
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "$table",
                columns: new[] { "Id", "Name", "CreatedAt", "Amount" },
                values: new object[,]
                {
                    { 1L, "first", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 1m },
                    { 2L, "second", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), 2m }
                });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "$table",
                keyColumn: "Id",
                keyValues: new object[] { 1L, 2L });
        }
EOF
    ;;
  esac
}

# A .Designer.cs or the model snapshot: the class declaration $1 (attributes included), the method $2, and $model.
model_source() {
  cat <<EOF
// <auto-generated />
using System;
using BenchMigrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BenchMigrations.Migrations
{
    [DbContext(typeof(BenchDbContext))]
$1
    {
        /// <inheritdoc />
        protected override void $2(ModelBuilder modelBuilder)
        {
#pragma warning disable 612, 618
            modelBuilder
                .HasAnnotation("ProductVersion", "$ef_version")
                .HasAnnotation("Relational:MaxIdentifierLength", 63);

            NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

$model
#pragma warning restore 612, 618
        }
    }
}
EOF
}

echo "==> generating $migrations migrations"
model=""
for i in $(seq 1 "$migrations"); do
  if [ -z "$model" ] || [ $(( i % 10 )) -eq 0 ]; then model="$(designer_model "$i")"; fi
  id="$(migration_id "$i")"
  name="$(printf 'Step%04d' "$i")"
  {
    cat <<EOF
// <auto-generated />
using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BenchMigrations.Migrations
{
    /// <inheritdoc />
    public partial class $name : Migration
    {
EOF
    migration_body "$i"
    cat <<EOF
    }
}
EOF
  } > "$project/Migrations/${id}.cs"
  model_source "    [Migration(\"$id\")]
    partial class $name" BuildTargetModel > "$project/Migrations/${id}.Designer.cs"
done
model_source "    partial class BenchDbContextModelSnapshot : ModelSnapshot" BuildModel > "$project/Migrations/BenchDbContextModelSnapshot.cs"

echo "==> restore"
(cd "$project" && dotnet restore -nologo >/dev/null)

build_once() { # mode -> seconds (wall clock of a full, non-incremental build)
  local mode="$1" start end
  start=$(date +%s%N)
  (cd "$project" && dotnet build --no-restore --no-incremental -nologo -clp:ErrorsOnly "-p:EsmAnalyzer=$mode" >"$work/build-$mode.log" 2>&1) \
    || { cat "$work/build-$mode.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

# Sanity: with the analyzer the build reports EfSafeMigrations findings, without it none.
# Warm-up, and a check that the switch works: with the analyzer the build reports EfSafeMigrations findings (and,
# with ReportAnalyzer, the time the compiler spent in each analyzer), without it none.
echo "==> warm-up and check"
(cd "$project" && dotnet build --no-restore --no-incremental -nologo -v:d -p:EsmAnalyzer=on -p:ReportAnalyzer=true >"$work/report-on.log" 2>&1) \
  || { cat "$work/report-on.log" >&2; exit 1; }
grep -q "warning ESM" "$work/report-on.log" || { echo "the analyzer reported nothing: is it in the package?" >&2; exit 1; }
(cd "$project" && dotnet build --no-restore --no-incremental -nologo -p:EsmAnalyzer=off 2>&1) | grep -q "ESM0" \
  && { echo "the analyzer still ran with EsmAnalyzer=off" >&2; exit 1; }
# "Total analyzer execution time: 1.234 seconds." and the line of this analyzer's assembly, from the compiler.
analyzer_seconds="$(grep -E '^\s+<?[0-9.,]+\s+<?[0-9]+\s+EfSafeMigrations\.Analyzers,' "$work/report-on.log" | head -n 1 | awk '{ print $1 }' || true)"
all_analyzers_seconds="$(grep -oE 'Total analyzer execution time: [0-9.,]+' "$work/report-on.log" | head -n 1 | awk '{ print $5 }' || true)"

on=(); off=()
for run in $(seq 1 "$runs"); do
  # Alternate the order so that drift on a shared machine hits both sides alike.
  if [ $(( run % 2 )) -eq 1 ]; then
    on+=("$(build_once on)"); off+=("$(build_once off)")
  else
    off+=("$(build_once off)"); on+=("$(build_once on)")
  fi
  echo "    run $run/$runs: on ${on[-1]} s, off ${off[-1]} s"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
on_median="$(median "${on[@]}")"
off_median="$(median "${off[@]}")"
overhead="$(echo "scale=2; ($on_median - $off_median) * 100 / $off_median" | bc)"

baseline_note=""
[ "$baseline" -gt 0 ] && baseline_note=", baseline at migration $baseline"
printf '\n| build (%s migrations%s, %s runs each) | median | runs (s) |\n|---|---|---|\n' "$migrations" "$baseline_note" "$runs"
printf '| without the EfSafeMigrations analyzer | %s s | %s |\n' "$off_median" "${off[*]}"
printf '| with the EfSafeMigrations analyzer | %s s | %s |\n' "$on_median" "${on[*]}"
printf '\nanalyzer overhead: %s%% of the build time (difference of the medians)\n' "$overhead"
printf 'time the compiler spent in the EfSafeMigrations analyzer (ReportAnalyzer, one build): %s s (all analyzers: %s s)\n' \
  "${analyzer_seconds:-?}" "${all_analyzers_seconds:-?}"

mkdir -p "$(dirname "$json")"
join() { local IFS=,; echo "$*"; }
cat > "$json" <<EOF
{
  "benchmark": "analyzer-build",
  "migrations": $migrations,
  "baselineMigration": $baseline,
  "runs": $runs,
  "machine": { "cores": $(nproc), "dotnet": "$(dotnet --version)" },
  "withoutAnalyzerSeconds": [$(join "${off[@]}")],
  "withAnalyzerSeconds": [$(join "${on[@]}")],
  "withoutAnalyzerMedianSeconds": $off_median,
  "withAnalyzerMedianSeconds": $on_median,
  "overheadPercent": $overhead,
  "analyzerExecutionSeconds": "${analyzer_seconds:-}",
  "allAnalyzersExecutionSeconds": "${all_analyzers_seconds:-}"
}
EOF
echo "JSON: $json"

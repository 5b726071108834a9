using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>Linting 1,000 migrations of 10 realistic operations each (raw SQL included), no database.</summary>
public static class LintBenchmark
{
    private const int Runs = 5;

    public sealed record Result(int Migrations, int OperationsEach, int Findings, double MedianMs);

    public static Result Run(int migrationCount = 1000)
    {
        var migrations = Enumerable.Range(1, migrationCount)
            .Select(i => new KeyValuePair<string, IReadOnlyList<MigrationOperation>>($"2026{i:D10}_Change{i}", Operations(i)))
            .ToList();

        var findings = 0;
        var times = new List<double>();
        for (var run = 0; run <= Runs; run++) // the first run warms up the JIT
        {
            var start = Stopwatch.GetTimestamp();
            findings = SafeMigrationsLinter.Lint(migrations).Findings.Count;
            if (run > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        times.Sort();
        return new Result(migrationCount, 10, findings, times[times.Count / 2]);
    }

    // A mix like real migrations: new tables with their indexes, columns on existing tables,
    // constraints, a type change, a rename, a drop, and a data fix in raw SQL.
    private static IReadOnlyList<MigrationOperation> Operations(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var b = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        b.CreateTable($"orders_{n}", t => new
        {
            id = t.Column<long>(type: "bigint", nullable: false),
            customer_id = t.Column<long>(type: "bigint", nullable: false),
            total = t.Column<decimal>(type: "numeric(12,2)", nullable: false, defaultValue: 0m),
            created_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
        }, constraints: t => t.PrimaryKey($"pk_orders_{n}", x => x.id));
        b.CreateIndex($"ix_orders_{n}_customer", $"orders_{n}", "customer_id");
        b.AddColumn<string>("bio", "users", type: "text", nullable: true);
        b.AddColumn<bool>("is_active", "users", type: "boolean", nullable: false, defaultValue: true);
        b.CreateIndex($"ix_users_active_{n}", "users", "is_active");
        b.AddForeignKey($"fk_orders_{n}_customers", $"orders_{n}", "customer_id", "customers", principalColumn: "id");
        b.AlterColumn<string>("name", "users", type: "character varying(400)", nullable: false, oldClrType: typeof(string), oldType: "character varying(200)");
        b.RenameColumn("nickname", "users", "display_name");
        b.DropColumn("legacy_flag", "users");
        b.Sql($"UPDATE users SET bio = '' WHERE bio IS NULL AND id % 1000 = {n}; -- backfill in batches");
        return b.Operations;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>
/// One <c>Sql()</c> step of 10,000 statements that each give a finding (an unbatched UPDATE): linting time must grow
/// with the SQL's length, not with the square of its findings (goal: under 1 s).
/// </summary>
public static class LargeSqlStepLintBenchmark
{
    private const int Runs = 5;

    public sealed record Result(int Statements, int Findings, double MedianMs);

    public static Result Run(int statementCount = 10_000)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < statementCount; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"UPDATE users SET bio = '' WHERE id = {i};\n");
        }

        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        builder.Sql(sql.ToString());

        var findings = 0;
        var times = new List<double>();
        for (var run = 0; run <= Runs; run++) // the first run warms up the JIT
        {
            var start = Stopwatch.GetTimestamp();
            findings = SafeMigrationsLinter.Lint("20260101000000_Backfill", builder.Operations).Findings.Count;
            if (run > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        times.Sort();
        return new Result(statementCount, findings, times[times.Count / 2]);
    }
}

using System.Collections.Immutable;
using System.Linq;
using EfSafeMigrations.Analyzers.Migrations;
using EfSafeMigrations.Linting.RawSql;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// <c>migrationBuilder.Sql("...")</c> with a constant string: scanned statement by statement with the runtime
/// linter's raw-SQL scanner (compiled in from <c>src/EfSafeMigrations/Linting/RawSql/</c>), so the same SQL gets
/// the same findings at build time and at start-up.
/// </summary>
internal sealed class RawSqlChecks : MigrationCheck
{
    // SQL can do anything an operation can (DROP COLUMN is ESM0018 in SQL too), so any implemented rule may come out.
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.All.Where(rule => rule.AnalyzerSupport == AnalyzerSupport.Implemented).ToArray());

    public override void Analyze(MigrationMethod method)
    {
        // The runtime linter's defaults: MigrateSafelyAsync sets lock_timeout for every step, and the safe SQL
        // generator moves a lone concurrent index or VALIDATE step out of the transaction.
        var state = new RawSqlScanState();
        for (var i = 0; i < method.Calls.Count; i++)
        {
            // A foreign key dropped in SQL and added back by a later AddForeignKey is replaced, not lost (ESM0048).
            if (method.Calls[i].Name == "AddForeignKey" && method.Calls[i].String("name") is { } key)
            {
                state.ForeignKeyAddedAtStep[key] = i;
            }
        }

        for (var i = 0; i < method.Calls.Count; i++)
        {
            var call = method.Calls[i];
            if (call.Name == "CreateTable" && call.String("name") is { } table)
            {
                state.NewTables.Add(table);
                continue;
            }

            if (call.Name != "Sql" || call.String("sql") is not { } sql || string.IsNullOrWhiteSpace(sql))
            {
                continue;
            }

            state.SuppressTransaction = call.Bool("suppressTransaction") == true;
            state.MigrationHasOtherSteps = method.StepCount > 1;
            state.Step = i;
            foreach (var hit in Scan(sql, state))
            {
                // Version-dependent rules need the server: the runtime linter decides them.
                if (hit.Rule.AnalyzerSupport == AnalyzerSupport.Implemented)
                {
                    // The SQL generator rewrites operations, never raw SQL: no rule is "fixed automatically" here.
                    method.Report(hit.Rule, call.Location, escalate: true, hit.Arguments);
                }
            }
        }
    }

    // SQL the scanner cannot follow must not break the user's build (AD0001 is an error under warnings-as-errors);
    // the runtime linter still sees the same text at start-up.
    internal static System.Collections.Generic.List<RawSqlHit> Scan(string sql, RawSqlScanState state)
    {
        try
        {
            return RawSqlScanner.Scan(sql, state);
        }
#pragma warning disable CA1031 // see above
        catch (System.Exception)
#pragma warning restore CA1031
        {
            return new System.Collections.Generic.List<RawSqlHit>();
        }
    }
}

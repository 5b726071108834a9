using System.Collections.Generic;
using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using EfSafeMigrations.Linting.RawSql;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// ESM0051: an <c>Up</c> that drops a table, column or schema (by operation or in SQL) of a migration whose
/// <c>Down</c> is empty or missing. Reported once, at the first loss, as the runtime linter does.
/// </summary>
internal sealed class DestructiveUpChecks : MigrationCheck
{
    private static readonly HashSet<string> DestructiveSql = new()
    {
        RuleCatalog.DropTable.Id, RuleCatalog.DropColumn.Id, RuleCatalog.DropSchema.Id,
    };

    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(RuleCatalog.DestructiveUpWithoutDown);

    public override void Analyze(MigrationMethod method)
    {
        if (method.Kind != MigrationMethodKind.Up)
        {
            return;
        }

        var state = new RawSqlScanState();
        foreach (var call in method.Calls)
        {
            if (Loss(method, call, state) is { } loss)
            {
                if (method.DownIsEmpty())
                {
                    method.Report(RuleCatalog.DestructiveUpWithoutDown, call, escalate: false, loss);
                }

                return;
            }
        }
    }

    private static string? Loss(MigrationMethod method, MigrationBuilderCall call, RawSqlScanState state)
    {
        switch (call.Name)
        {
            case "CreateTable" when call.String("name") is { } created:
                state.NewTables.Add(created);
                return null;
            case "DropColumn" when !method.IsNewTable(call) && !method.IsRetired(call):
                return RuleCatalog.DropColumn.FormatMessage(call.String("name"), call.TableDisplay);
            case "DropTable" when call.String("name") is { } table && !state.NewTables.Contains(table):
                return RuleCatalog.DropTable.FormatMessage(MigrationBuilderCall.Display(call.String("schema"), table));
            case "DropSchema":
                return RuleCatalog.DropSchema.FormatMessage(call.String("name"));
            case "Sql" when call.String("sql") is { } sql:
                foreach (var hit in RawSqlChecks.Scan(sql, state))
                {
                    if (DestructiveSql.Contains(hit.Rule.Id))
                    {
                        return hit.Message;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}

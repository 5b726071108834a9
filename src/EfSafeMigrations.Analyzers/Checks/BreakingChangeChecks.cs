using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// ESM0015 to ESM0020: renames and drops, which break running code or lose data (assure them with [SafetyAssured]);
/// ESM0048: foreign keys dropped and not replaced in the same method.
/// </summary>
internal sealed class BreakingChangeChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.RenameColumn, RuleCatalog.RenameTable, RuleCatalog.DropColumn, RuleCatalog.DropTable, RuleCatalog.DropSchema,
        RuleCatalog.ForeignKeyDropped);

    public override void Analyze(MigrationMethod method)
    {
        for (var i = 0; i < method.Calls.Count; i++)
        {
            var call = method.Calls[i];
            switch (call.Name)
            {
                case "DropForeignKey" when !IsReplacedLater(method, i):
                    method.Report(RuleCatalog.ForeignKeyDropped, call, escalate: false, call.String("name"), call.TableDisplay);
                    break;
                case "RenameColumn":
                    method.Report(RuleCatalog.RenameColumn, call, escalate: false, call.String("name"), call.TableDisplay, call.String("newName"));
                    break;
                case "RenameTable":
                    method.Report(RuleCatalog.RenameTable, call, escalate: false,
                        MigrationBuilderCall.Display(call.String("schema"), call.String("name") ?? "?"),
                        MigrationBuilderCall.Display(call.String("newSchema") ?? call.String("schema"), call.String("newName") ?? call.String("name") ?? "?"));
                    break;
                case "DropColumn" when method.IsRetired(call):
                    // The planned end of an expand/contract retirement (RetireColumn in an earlier migration).
                    break;
                case "DropColumn":
                    method.Report(RuleCatalog.DropColumn, call, escalate: false, call.String("name"), call.TableDisplay);
                    break;
                case "DropTable":
                    method.Report(RuleCatalog.DropTable, call, escalate: false, MigrationBuilderCall.Display(call.String("schema"), call.String("name") ?? "?"));
                    break;
                case "DropSchema":
                    method.Report(RuleCatalog.DropSchema, call, escalate: false, call.String("name"));
                    break;
            }
        }
    }

    // As the runtime linter: EF drops and re-adds a foreign key it renames or retargets, or drops the table with it.
    private static bool IsReplacedLater(MigrationMethod method, int index)
    {
        var drop = method.Calls[index];
        var table = drop.String("table");
        var schema = drop.String("schema");
        var name = drop.String("name") ?? "?";
        for (var i = index + 1; i < method.Calls.Count; i++)
        {
            var later = method.Calls[i];
            if ((later.Name == "AddForeignKey" && later.String("table") == table && later.String("schema") == schema)
                || (later.Name == "DropTable" && later.String("name") == table && later.String("schema") == schema)
                || (later.Name == "Sql" && later.String("sql") is { } sql && sql.Contains(name)
                    && sql.IndexOf("FOREIGN KEY", System.StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return true;
            }
        }

        return false;
    }
}

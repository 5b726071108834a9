using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>ESM0015 to ESM0020: renames and drops, which break running code or lose data (assure them with [SafetyAssured]).</summary>
internal sealed class BreakingChangeChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.RenameColumn, RuleCatalog.RenameTable, RuleCatalog.DropColumn, RuleCatalog.DropTable, RuleCatalog.DropSchema);

    public override void Analyze(MigrationMethod method)
    {
        foreach (var call in method.Calls)
        {
            switch (call.Name)
            {
                case "RenameColumn":
                    method.Report(RuleCatalog.RenameColumn, call, escalate: false, call.String("name"), call.TableDisplay, call.String("newName"));
                    break;
                case "RenameTable":
                    method.Report(RuleCatalog.RenameTable, call, escalate: false,
                        MigrationBuilderCall.Display(call.String("schema"), call.String("name") ?? "?"),
                        MigrationBuilderCall.Display(call.String("newSchema") ?? call.String("schema"), call.String("newName") ?? call.String("name") ?? "?"));
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
}

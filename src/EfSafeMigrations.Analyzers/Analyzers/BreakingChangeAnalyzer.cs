using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EfSafeMigrations.Analyzers.Analyzers;

/// <summary>ESM0015 to ESM0020: renames and drops, which break running code or lose data (assure them with [SafetyAssured]).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class BreakingChangeAnalyzer : MigrationAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Supported(
        RuleCatalog.RenameColumn, RuleCatalog.RenameTable, RuleCatalog.DropColumn, RuleCatalog.DropTable, RuleCatalog.DropSchema);

    protected override void Analyze(MigrationMethod method)
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

using System.Collections.Immutable;
using EfSafeMigrations.Analyzers.Migrations;
using EfSafeMigrations.Linting.RawSql;
using Microsoft.CodeAnalysis;

namespace EfSafeMigrations.Analyzers.Checks;

/// <summary>
/// ESM0001, ESM0002, ESM0028: <c>CreateIndex</c> without the concurrent annotation, <c>DropIndex</c>, wide non-unique
/// indexes; ESM0046: unique indexes over existing rows.
/// </summary>
internal sealed class IndexChecks : MigrationCheck
{
    public override ImmutableArray<Rule> Rules { get; } = ImmutableArray.Create(
        RuleCatalog.NonConcurrentIndexCreation, RuleCatalog.NonConcurrentIndexDrop, RuleCatalog.WideNonUniqueIndex, RuleCatalog.UniqueIndexOnExistingData);

    public override void Analyze(MigrationMethod method)
    {
        foreach (var call in method.Calls)
        {
            switch (call.Name)
            {
                case "CreateIndex":
                    CheckCreate(method, call);
                    break;
                case "DropIndex":
                    method.Report(RuleCatalog.NonConcurrentIndexDrop, call, OptedOutOfRewrite(call), call.String("name"), call.String("table") ?? "?");
                    break;
            }
        }
    }

    private static void CheckCreate(MigrationMethod method, MigrationBuilderCall call)
    {
        var name = call.String("name");
        if (!call.HasTrueAnnotation(KnownNames.CreatedConcurrently))
        {
            var escalate = OptedOutOfRewrite(call) || call.HasFalseAnnotation(KnownNames.CreatedConcurrently);
            method.Report(RuleCatalog.NonConcurrentIndexCreation, call, escalate, name, call.TableDisplay);
        }

        if (call.Bool("unique") == true)
        {
            method.Report(RuleCatalog.UniqueIndexOnExistingData, call, escalate: false, "Unique index " + name, call.TableDisplay,
                call.HasTrueAnnotation(KnownNames.CreatedConcurrently) ? RawSqlIndexStatements.FailedConcurrentBuild : string.Empty);
        }

        var columns = Arguments.ArrayElements(call.Argument("columns")?.Value);
        if (columns is { Count: > 3 } && call.Bool("unique") != true)
        {
            method.Report(RuleCatalog.WideNonUniqueIndex, call, escalate: false, name, call.TableDisplay, columns.Count);
        }
    }

    private static bool OptedOutOfRewrite(MigrationBuilderCall call) => call.HasFalseAnnotation(KnownNames.SafeRewrite);
}

using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>
/// ESM0051: an Up that drops a table, column or schema (as the other rules found them, so tables created earlier are
/// already exempt) in a migration whose Down is empty: it cannot be rolled back. Reported once, at the first drop.
/// (A TRUNCATE or DELETE loses data no Down could restore: ESM0030 and ESM0031 say it.)
/// </summary>
internal static class DestructiveUpCheck
{
    private static readonly HashSet<string> Destructive = new(StringComparer.Ordinal)
    {
        RuleCatalog.DropTable.Id, RuleCatalog.DropColumn.Id, RuleCatalog.DropSchema.Id,
    };

    /// <param name="downOperations">The migration's Down; <see langword="null"/> when unknown (nothing is reported).</param>
    public static void CheckDown(LintContext context, IReadOnlyList<MigrationOperation>? downOperations)
    {
        if (downOperations is not { Count: 0 } || context.Findings.FirstOrDefault(f => Destructive.Contains(f.Rule.Id)) is not { } loss)
        {
            return;
        }

        context.OperationIndex = loss.OperationIndex;
        context.Report(RuleCatalog.DestructiveUpWithoutDown, loss.Message);
    }
}

using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Internal;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>
/// ESM0042: a value added to an existing PostgreSQL enum. Npgsql keeps enums as database annotations
/// (<c>Npgsql:Enum:[schema.]name</c> = comma-separated labels) and emits ALTER TYPE ... ADD VALUE inside the
/// migration's transaction.
/// </summary>
internal sealed class EnumValueCheck : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        if (operation is not AlterDatabaseOperation database)
        {
            return;
        }

        foreach (var annotation in database.GetAnnotations())
        {
            if (!annotation.Name.StartsWith(NpgsqlAnnotationNames.EnumPrefix, StringComparison.Ordinal)
                || database.OldDatabase[annotation.Name] is not string oldLabels
                || annotation.Value is not string newLabels)
            {
                continue;
            }

            var before = Labels(oldLabels);
            if (Labels(newLabels).Any(label => !before.Contains(label)))
            {
                context.Report(RuleCatalog.EnumValueInTransaction, annotation.Name[NpgsqlAnnotationNames.EnumPrefix.Length..]);
            }
        }
    }

    private static HashSet<string> Labels(string labels)
        => labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

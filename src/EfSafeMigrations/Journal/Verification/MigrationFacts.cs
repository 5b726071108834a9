using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>Facts about a migration the journal records besides its checksum.</summary>
internal static class MigrationFacts
{
    /// <summary>Whether any Up step runs outside a transaction (a concurrent index build, suppressed raw SQL, a backfill).</summary>
    public static bool IsNonTransactional(IEnumerable<MigrationOperation> operations)
        => operations.Any(o => o is SqlOperation { SuppressTransaction: true } or BackfillOperation
                               || ExpansionRunsOutsideTransaction(o)
                               || o.FindAnnotation("Npgsql:CreatedConcurrently")?.Value is true);

    /// <summary>An expand's backfill, and a contract's VALIDATE before NOT NULL, are steps of their own outside any transaction.</summary>
    private static bool ExpansionRunsOutsideTransaction(MigrationOperation operation) => operation switch
    {
        ExpandColumnOperation { Stage: ExpansionStage.Expand } or ExpandRequiredOperation { Stage: ExpansionStage.Expand or ExpansionStage.Contract } => true,
        ExpandColumnOperation { Stage: ExpansionStage.Contract, IsNullable: false } => true,
        _ => false,
    };

    /// <summary>Rule ids named by <c>[SafetyAssured(...)]</c> attributes on the migration class, sorted, without duplicates.</summary>
    public static IReadOnlyList<string> AssuredRules(Type migrationType)
        => [.. migrationType.GetCustomAttributes<SafetyAssuredAttribute>(inherit: false)
            .SelectMany(a => a.RuleIds)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}

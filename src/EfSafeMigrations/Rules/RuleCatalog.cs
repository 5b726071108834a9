using System.Collections.Generic;

namespace EfSafeMigrations;

/// <summary>
/// Every danger rule EfSafeMigrations knows, with permanent ids (<c>ESM0001</c>...). The one source of truth
/// for the linter, the <c>dotnet ef</c> reporter and the build-time analyzer. Rules are declared by family
/// in the other <c>RuleCatalog.*.cs</c> files; an id is never renumbered or reused.
/// </summary>
public static partial class RuleCatalog
{
    /// <summary>The prefix every rule id starts with.</summary>
    public const string IdPrefix = "ESM";

    private static readonly Dictionary<string, Rule> ById;

    // Runs after every field initializer of every part, so all rules exist when the list is built.
#pragma warning disable CA1810 // the list needs every partial file's fields, which only a static constructor guarantees
    static RuleCatalog()
#pragma warning restore CA1810
    {
        var all = new List<Rule>
        {
            NonConcurrentIndexCreation, NonConcurrentIndexDrop, ConcurrentIndexInTransaction,
            ForeignKeyWithoutNotValid, CheckWithoutNotValid, ValidateInSameTransaction, SetNotNull,
            NotNullColumnWithoutDefault, VolatileDefault, DefaultBeforePostgres11, StoredGeneratedColumn,
            IdentityColumnOnExistingTable, UniqueOrPrimaryKeyOnExistingTable, ColumnTypeChange,
            RenameColumn, RenameTable, RenameSchema, DropColumn, DropTable, DropSchema, DropNotNull,
            JsonInsteadOfJsonb, IntegerPrimaryKey, SerialInsteadOfIdentity, TimestampWithoutTimeZone,
            CharColumn, VarcharWithLength, WideNonUniqueIndex, IdentifierTooLong,
            UnbatchedDataChange, Truncate, LockTable, VacuumFull, Cluster, ReindexWithoutConcurrently,
            SeedDataDelete, SeedDataUpdate, MixedTransactionalSteps, RawSqlWithoutLockTimeout,
            TransactionControlInRawSql, DropDatabase, EnumValueInTransaction, DetachPartitionWithoutConcurrently,
            ExclusionConstraintOnExistingTable, EnumValueRenamed, UniqueIndexOnExistingData, NonIdempotentNonTransactionalStep,
            ForeignKeyDropped, DomainConstraintWithoutNotValid, RawSqlWithoutStatementTimeout, DestructiveUpWithoutDown, IntegerColumn,
        };
        all.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        ById = new Dictionary<string, Rule>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var rule in all)
        {
            ById.Add(rule.Id, rule);
        }

        All = all.AsReadOnly();
    }

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<Rule> All { get; }

    /// <summary>The rule with the given id (case-insensitive), or <see langword="null"/>.</summary>
    public static Rule? Find(string? id)
        => id is not null && ById.TryGetValue(id.Trim(), out var rule) ? rule : null;

    /// <summary>The rule with the given id (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No rule has that id; the message lists the valid range.</exception>
    public static Rule Get(string id)
        => Find(id) ?? throw new KeyNotFoundException(
            "'" + id + "' is not an EfSafeMigrations rule id. Valid ids are " + All[0].Id + " to " + All[All.Count - 1].Id +
            " (see docs/rules/ or RuleCatalog.All).");
}

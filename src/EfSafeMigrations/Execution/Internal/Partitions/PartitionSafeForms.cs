using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal.Partitions;

/// <summary>What runs instead of a statement PostgreSQL refuses on a partitioned table, and the finding that says so.</summary>
internal sealed record PartitionSubstitute(IReadOnlyList<PlannedStatement> Statements, PreflightProblem? Finding);

/// <summary>
/// The SQL generator cannot know that a table is partitioned; the executor can (<c>pg_class.relkind = 'p'</c>) and, just
/// before a statement runs, swaps the safe rewrite PostgreSQL refuses there for a form it accepts:
/// <list type="bullet">
/// <item><c>CREATE INDEX CONCURRENTLY</c> on a partitioned table: <see cref="PartitionedIndexBuild"/>, <c>CREATE INDEX ... ON ONLY parent</c> (instant, INVALID),
/// then per partition <c>CREATE INDEX CONCURRENTLY</c> and <c>ALTER INDEX parent ATTACH PARTITION</c>; the parent index
/// becomes valid once every partition's index is attached. Sub-partitioned partitions recurse. Re-running after a failure
/// picks up where it stopped (attached indexes are kept, an INVALID partition index is dropped and rebuilt).</item>
/// <item><c>DROP INDEX CONCURRENTLY</c> of a partitioned index has no concurrent form: plain <c>DROP INDEX</c> under the
/// lock timeout, with a warning.</item>
/// <item><c>ADD CONSTRAINT ... UNIQUE/PRIMARY KEY USING INDEX</c> on a partitioned table: the plain <c>ADD CONSTRAINT</c>,
/// with a warning.</item>
/// <item><c>ADD FOREIGN KEY ... NOT VALID</c> on a partitioned table before PostgreSQL 18: the plain form (validated at
/// once; the later <c>VALIDATE</c> is then a no-op), with a warning.</item>
/// </list>
/// Every other statement is left alone (null), so nothing changes where plain EF's form already works.
/// </summary>
internal sealed class PartitionSafeForms(ISqlGenerationHelper sql)
{
    public const string Check = "partitions";
    public const string IndexPerPartition = "partitioned-index-per-partition";
    public const string PlainDropIndex = "partitioned-index-plain-drop";
    public const string PlainForeignKey = "partitioned-table-plain-foreign-key";
    public const string PlainConstraint = "partitioned-table-plain-unique-constraint";

    /// <summary>PostgreSQL 18 accepts <c>NOT VALID</c> foreign keys on partitioned tables; 11-17 refuse them.</summary>
    private const int NotValidForeignKeyOnPartitionedSince = 18;

    /// <summary>
    /// The statements to run instead of <paramref name="statement"/>; null: run it as it is. An empty list: nothing to do
    /// (an earlier run of this migration built the index already).
    /// </summary>
    public async Task<PartitionSubstitute?> ResolveAsync(
        ExecutionSession session, PlannedStatement statement, NpgsqlTransaction? transaction, bool resuming, string label,
        CancellationToken cancellationToken)
    {
        var catalog = new PartitionCatalog(session.Connection, transaction);
        if (statement.Kind == PlannedStatementKind.ConcurrentIndex && transaction is null)
        {
            if (PartitionStatementSql.ParseBuild(statement.ExecutableSql) is { } build)
            {
                return await new PartitionedIndexBuild(sql, session, catalog, statement, build).ResolveAsync(resuming, cancellationToken).ConfigureAwait(false);
            }

            if (PartitionStatementSql.ParseDrop(statement.ExecutableSql) is { } drop)
            {
                return await PlainDropAsync(session, catalog, statement, drop, label, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (statement.Kind == PlannedStatementKind.Ddl && PartitionStatementSql.ParseConstraintUsingIndex(statement.ExecutableSql) is { } usingIndex)
        {
            return await PlainConstraintAsync(session, catalog, statement, usingIndex, label, cancellationToken).ConfigureAwait(false);
        }
        else if (statement.Kind == PlannedStatementKind.Ddl
                 && session.Connection.PostgreSqlVersion.Major < NotValidForeignKeyOnPartitionedSince
                 && PartitionStatementSql.ParseNotValidForeignKey(statement.ExecutableSql) is { } foreignKey
                 && await catalog.FindAsync(foreignKey.Table, cancellationToken).ConfigureAwait(false) is { Kind: Relation.PartitionedTable } table)
        {
            return new([Derived(session, statement, foreignKey.PlainSql, PlannedStatementKind.Ddl, PlainForeignKey)], new PreflightProblem(
                Check, PreflightSeverity.Warning, PlainForeignKey, label,
                $"PostgreSQL {session.Connection.PostgreSqlVersion.Major} refuses NOT VALID foreign keys on the partitioned table " +
                $"{Quote(table)}: the foreign key was added in its plain form, which checks every row at once while holding " +
                "SHARE ROW EXCLUSIVE locks on both tables (under the lock timeout).",
                "Expected on partitioned tables before PostgreSQL 18, which accepts the NOT VALID form; on a large table, deploy " +
                "this migration when traffic is low."));
        }

        return null;
    }

    private async Task<PartitionSubstitute?> PlainDropAsync(
        ExecutionSession session, PartitionCatalog catalog, PlannedStatement statement, ConcurrentIndexDrop drop, string label,
        CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(drop.Index, cancellationToken).ConfigureAwait(false) is not { Kind: Relation.PartitionedIndex } index)
        {
            return null;
        }

        var plain = $"DROP INDEX {(drop.IfExists ? "IF EXISTS " : string.Empty)}{Quote(index)}{drop.Rest}";
        return new([Derived(session, statement, plain, PlannedStatementKind.Ddl, PlainDropIndex)], new PreflightProblem(
            Check, PreflightSeverity.Warning, PlainDropIndex, label,
            $"{Quote(index)} is an index of a partitioned table, which PostgreSQL cannot drop CONCURRENTLY: it was dropped with a plain " +
            "DROP INDEX, which takes ACCESS EXCLUSIVE locks on the table and its partitions for a moment (under the lock timeout).",
            "Nothing to do; drop it when traffic is low if the lock timeout keeps expiring."));
    }

    /// <summary>
    /// PostgreSQL refuses <c>ADD CONSTRAINT ... USING INDEX</c> on partitioned tables, and a partitioned constraint cannot adopt
    /// partition indexes already attached to another index: the plain form, as EF without this package would run it.
    /// </summary>
    private async Task<PartitionSubstitute?> PlainConstraintAsync(
        ExecutionSession session, PartitionCatalog catalog, PlannedStatement statement, ConstraintUsingIndex usingIndex, string label,
        CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(usingIndex.Table, cancellationToken).ConfigureAwait(false) is not { Kind: Relation.PartitionedTable } table
            || await catalog.IndexAsync(table.Schema, Unquote(usingIndex.Index), cancellationToken).ConfigureAwait(false) is not { } index
            || await catalog.KeyColumnsAsync(index, cancellationToken).ConfigureAwait(false) is not { } columns)
        {
            return null;
        }

        return new(
            [
                Derived(session, statement, $"DROP INDEX {Quote(index.Schema, index.Name)};", PlannedStatementKind.Ddl, PlainConstraint),
                Derived(session, statement, $"ALTER TABLE {Quote(table)} ADD CONSTRAINT {usingIndex.Constraint} {usingIndex.ConstraintType} ({columns});",
                    PlannedStatementKind.Ddl, PlainConstraint),
            ],
            new PreflightProblem(Check, PreflightSeverity.Warning, PlainConstraint, label,
                $"PostgreSQL cannot add a {usingIndex.ConstraintType} constraint USING INDEX on the partitioned table {Quote(table)}: it was added " +
                "in its plain form, which builds the index of every partition while blocking writes to it (the concurrent build before it was dropped).",
                "On a large partitioned table, build a matching unique index on each partition concurrently first (not attached to any parent " +
                "index), then add the constraint with .WithoutSafeRewrite(): PostgreSQL adopts those indexes instead of building them."));
    }

    /// <summary>A statement of the substitute, with the timeouts its kind gets (none when the original had none).</summary>
    internal static PlannedStatement Derived(ExecutionSession session, PlannedStatement original, string sqlText, PlannedStatementKind kind, string rewrite)
    {
        var (lockTimeout, statementTimeout) = SafeMigrationsSqlGenerator.TimeoutsFor(
            kind == PlannedStatementKind.ConcurrentIndex ? StatementKind.ConcurrentIndex : StatementKind.Ddl, session.Options);
        var timed = original.LockTimeout is not null;
        return new PlannedStatement(sqlText, kind, timed ? lockTimeout : null, timed ? statementTimeout : null, [.. original.Rewrites, rewrite]);
    }

    internal static string Unquote(string identifier)
        => identifier.StartsWith('"')
            ? identifier[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : identifier.ToLowerInvariant();

    // CREATE INDEX takes an unqualified name (the index lives in its table's schema); ALTER and DROP take qualified ones.
    internal static string Quote(ISqlGenerationHelper sql, Relation relation) => sql.DelimitIdentifier(relation.Name, relation.Schema);

    private string Quote(Relation relation) => Quote(sql, relation);

    private string Quote(string schema, string name) => sql.DelimitIdentifier(name, schema);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.Execution.Internal.Partitions;

/// <summary>
/// The partition-safe form of <c>CREATE INDEX CONCURRENTLY</c> on a partitioned table, which PostgreSQL refuses:
/// <c>CREATE INDEX ix ON ONLY parent</c> (catalog only, INVALID), then per partition <c>CREATE INDEX CONCURRENTLY</c> and
/// <c>ALTER INDEX ix ATTACH PARTITION</c>; the parent index becomes valid once every partition's index is attached, and a
/// sub-partitioned partition gets the same treatment one level down. Built from the catalog's current state, so a run that
/// failed or was killed half-way is completed by the next: attached indexes are kept, an INVALID partition index is dropped
/// and rebuilt.
/// </summary>
internal sealed class PartitionedIndexBuild(
    ISqlGenerationHelper sql, ExecutionSession session, PartitionCatalog catalog, PlannedStatement statement, ConcurrentIndexBuild build)
{
    /// <summary>The statements still to run; null: the table is not partitioned; empty: a resumed run finds the index complete.</summary>
    public async Task<PartitionSubstitute?> ResolveAsync(bool resuming, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(build.Table, cancellationToken).ConfigureAwait(false) is not { Kind: Relation.PartitionedTable } table)
        {
            return null;
        }

        var name = PartitionSafeForms.Unquote(build.Name);
        var statements = new List<PlannedStatement>();
        var parent = await catalog.IndexAsync(table.Schema, name, cancellationToken).ConfigureAwait(false);
        if (parent is { Valid: true } && resuming)
        {
            return new([], null); // An earlier run of this migration finished it.
        }

        if (parent is null or { Valid: true })
        {
            // A valid index of that name that this migration did not build: the statement fails on the name, as the plain form would.
            statements.Add(Derived($"{build.Head} {sql.DelimitIdentifier(name)} ON ONLY {Quote(table)}{build.Rest}",
                PlannedStatementKind.Ddl));
        }

        await AddPartitionIndexesAsync(table, parent, Quote(table.Schema, name), name, statements, cancellationToken)
            .ConfigureAwait(false);
        return new(statements, null);
    }

    /// <summary>Per partition of <paramref name="table"/>: build its index concurrently (recursing into sub-partitioned ones) and attach it.</summary>
    private async Task AddPartitionIndexesAsync(
        Relation table, IndexState? parentIndex, string parentQuoted, string parentName, List<PlannedStatement> statements,
        CancellationToken cancellationToken)
    {
        foreach (var partition in await catalog.PartitionsAsync(table, cancellationToken).ConfigureAwait(false))
        {
            var attached = parentIndex is null ? null : await catalog.AttachedIndexAsync(parentIndex, partition, cancellationToken).ConfigureAwait(false);
            if (attached is { Valid: true })
            {
                continue;
            }

            if (partition.Kind == Relation.PartitionedTable)
            {
                var childName = attached?.Name ?? PartitionIndexName(parentName, partition.Name);
                var child = attached ?? await catalog.IndexAsync(partition.Schema, childName, cancellationToken).ConfigureAwait(false);
                if (child is null)
                {
                    statements.Add(Derived($"{build.Head} {sql.DelimitIdentifier(childName)} ON ONLY {Quote(partition)}{build.Rest}",
                        PlannedStatementKind.Ddl));
                }

                await AddPartitionIndexesAsync(partition, child, Quote(partition.Schema, childName), childName, statements, cancellationToken)
                    .ConfigureAwait(false);
                if (attached is null)
                {
                    statements.Add(Attach(parentQuoted, Quote(partition.Schema, childName)));
                }

                continue;
            }

            if (partition.Kind != Relation.Table)
            {
                continue; // A foreign table cannot be indexed; PostgreSQL's own CREATE INDEX skips it the same way.
            }

            var indexName = PartitionIndexName(parentName, partition.Name);
            var quoted = Quote(partition.Schema, indexName);
            var existing = await catalog.IndexAsync(partition.Schema, indexName, cancellationToken).ConfigureAwait(false);
            if (existing is { Valid: false })
            {
                // Left by a build that failed or was killed; a new build would fail on the name.
                statements.Add(Derived($"DROP INDEX CONCURRENTLY IF EXISTS {quoted};", PlannedStatementKind.ConcurrentIndex));
            }

            if (existing is not { Valid: true })
            {
                statements.Add(Derived($"{build.Head} CONCURRENTLY {sql.DelimitIdentifier(indexName)} ON {Quote(partition)}{build.Rest}",
                    PlannedStatementKind.ConcurrentIndex));
            }

            statements.Add(Attach(parentQuoted, quoted));
        }
    }

    private PlannedStatement Attach(string parentIndex, string partitionIndex)
        => Derived($"ALTER INDEX {parentIndex} ATTACH PARTITION {partitionIndex};", PlannedStatementKind.Ddl);

    private PlannedStatement Derived(string sqlText, PlannedStatementKind kind)
        => PartitionSafeForms.Derived(session, statement, sqlText, kind, PartitionSafeForms.IndexPerPartition);

    private string Quote(Relation relation) => PartitionSafeForms.Quote(sql, relation);

    private string Quote(string schema, string name) => sql.DelimitIdentifier(name, schema);

    /// <summary><c>{index}_{partition}</c>, shortened with a hash to PostgreSQL's 63-byte limit so that two partitions never share a name.</summary>
    internal static string PartitionIndexName(string index, string partition)
    {
        var name = $"{index}_{partition}";
        if (Encoding.UTF8.GetByteCount(name) <= 63)
        {
            return name;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8].ToLowerInvariant();
        var keep = name;
        while (Encoding.UTF8.GetByteCount(keep) > 63 - 9)
        {
            keep = keep[..^1];
        }

        return $"{keep}_{hash}";
    }
}

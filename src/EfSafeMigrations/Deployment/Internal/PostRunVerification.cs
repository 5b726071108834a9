using EfSafeMigrations.Execution.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations.Deployment.Internal;

/// <summary>
/// The summary read after a run that applied or reverted something: tables and indexes of the schemas its migrations named
/// (the current schema for unqualified names), and what PostgreSQL does not use yet there: INVALID indexes (a failed concurrent
/// build) and NOT VALID constraints. A catalog read that fails is logged, never a failure of the run that already completed.
/// </summary>
internal static class PostRunVerification
{
    private const string Sql = """
        WITH s AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY(@schemas) OR (@current AND nspname = current_schema()))
        SELECT
          (SELECT array_agg(nspname ORDER BY nspname) FROM s),
          (SELECT count(*) FROM pg_class c JOIN s ON s.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')),
          (SELECT count(*) FROM pg_class c JOIN s ON s.oid = c.relnamespace WHERE c.relkind IN ('i', 'I')),
          (SELECT array_agg(s.nspname || '.' || c.relname ORDER BY s.nspname, c.relname)
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN s ON s.oid = c.relnamespace WHERE NOT i.indisvalid),
          (SELECT array_agg(s.nspname || '.' || t.relname || '.' || k.conname ORDER BY s.nspname, t.relname, k.conname)
             FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN s ON s.oid = t.relnamespace WHERE NOT k.convalidated)
        """;

    public static async Task<VerificationSummary?> ReadAsync(
        NpgsqlConnection connection, IReadOnlyList<PlanItem> plan, ILogger logger, CancellationToken cancellationToken)
    {
        var named = plan
            .SelectMany(p => p.Planned.Direction == MigrationDirection.Up ? p.Migration.UpOperations : p.Migration.DownOperations)
            .Select(SchemaOf)
            .ToList();
        var schemas = named.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection);
            command.Parameters.AddWithValue("schemas", schemas);
            command.Parameters.AddWithValue("current", schemas.Length == 0 || named.Contains(null));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            string[] Names(int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<string[]>(ordinal);
            var summary = new VerificationSummary(Names(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), Names(3), Names(4));
            (summary.Clean ? DeploymentLog.Verified : DeploymentLog.InvalidObjectsLeft)(logger, summary.ToString(), null);
            return summary;
        }
        catch (NpgsqlException exception)
        {
            DeploymentLog.VerificationSkipped(logger, exception.Message, exception);
            return null;
        }
    }

    /// <summary>The schema an operation names; <see langword="null"/>: unqualified (the current schema).</summary>
    private static string? SchemaOf(MigrationOperation operation) => operation switch
    {
        EnsureSchemaOperation ensure => ensure.Name,
        ITableMigrationOperation table => table.Schema,
        CreateSequenceOperation sequence => sequence.Schema,
        AlterSequenceOperation sequence => sequence.Schema,
        _ => null,
    };
}

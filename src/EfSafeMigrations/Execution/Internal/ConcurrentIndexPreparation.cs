using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// What an earlier attempt left of the index a concurrent build is about to create, and what to do with it.
/// <list type="bullet">
/// <item>An INVALID index (a build that failed, was cancelled or whose backend was killed) is dropped: the rebuild
/// would fail on its name, and it slows every write meanwhile.</item>
/// <item>A valid one is kept and the build skipped when the migration is being resumed.</item>
/// <item>A build of it still running in the backend of an earlier migrator (its process was killed: the server
/// notices only when the build ends and it answers) is waited for rather than raced: dropping the index under it
/// would wait for its lock, and rebuilding would throw its work away.</item>
/// </list>
/// Every statement here runs through <see cref="MonitoredRun"/>, under the step's timeouts and retry policy.
/// </summary>
internal sealed class ConcurrentIndexPreparation(ISqlGenerationHelper sqlGenerationHelper)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(30);

    private const string StateQuery = """
        SELECT i.indisvalid AND i.indisready,
               p.pid, p.phase, p.blocks_done, p.blocks_total,
               COALESCE(a.application_name = current_setting('application_name') AND a.usename = current_user, false),
               a.state, a.query, a.application_name, now() - a.query_start
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_progress_create_index p ON p.index_relid = c.oid AND p.pid <> pg_backend_pid()
        LEFT JOIN pg_stat_activity a ON a.pid = p.pid
        WHERE c.relname = @name AND n.nspname = COALESCE(@schema, current_schema())
        LIMIT 1
        """;

    /// <summary>Before the build; returns true when the build is to be skipped (resumed, and the index is already valid).</summary>
    /// <param name="resuming">The journal shows an unfinished earlier run of this migration (so a build left running is its own).</param>
    public async Task<bool> PrepareAsync(
        ExecutionSession session, PlannedStatement statement, string label, int stepNumber, bool resuming, CancellationToken cancellationToken)
    {
        if (statement is not { Kind: PlannedStatementKind.ConcurrentIndex, IndexName: not null })
        {
            return false;
        }

        var quoted = Quoted(statement);
        var state = await ReadAsync(session, statement, cancellationToken).ConfigureAwait(false);
        Stopwatch? lastReport = null;
        while (resuming && state?.Builder is { EarlierMigrator: true } builder)
        {
            if (lastReport is null || lastReport.Elapsed >= ReportInterval)
            {
                lastReport = Stopwatch.StartNew();
                var message = $"Index {quoted} is still being built by {builder}, a backend an earlier migrator of this database left " +
                              "running (its process stopped; the server finishes the build regardless). Waiting for that build instead of " +
                              $"racing it; pg_cancel_backend({builder.Session.Pid}) makes this run drop the index and build it again.";
                MigrationLog.WaitingForOrphanedIndexBuild(session.Logger, label, stepNumber, message, null);
                session.Progress?.Report(new SafeMigrationProgress(SafeMigrationStage.WaitingForIndexBuild, label, stepNumber, null, message));
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            state = await ReadAsync(session, statement, cancellationToken).ConfigureAwait(false);
        }

        switch (state)
        {
            case { Valid: true } when resuming:
                MigrationLog.ValidIndexSkipped(session.Logger, quoted, null);
                return true;
            case { Valid: false }:
                // A build someone else runs holds a lock the drop waits for: it is named as the blocker and retried.
                await DropAsync(session, statement, quoted, cancellationToken).ConfigureAwait(false);
                break;
        }

        return false; // No index, or a valid one not ours to judge: the build fails on the name, as the plain form would.
    }

    /// <summary>
    /// After the build failed for good: drop the INVALID index it left, so that a failed run leaves nothing half-built.
    /// Best effort: a session that blocked the build may block the drop as well; then the next run drops it first.
    /// Returns a sentence about what was left behind, or null when nothing was.
    /// </summary>
    public async Task<string?> CleanUpAfterFailureAsync(ExecutionSession session, PlannedStatement statement, CancellationToken cancellationToken)
    {
        if (statement is not { Kind: PlannedStatementKind.ConcurrentIndex, IndexName: not null })
        {
            return null;
        }

        var quoted = Quoted(statement);
        if (session.Connection.State != System.Data.ConnectionState.Open)
        {
            return $"the connection broke, so an INVALID index {quoted} may remain; the next run drops it before building it again";
        }

        try
        {
            if (await ReadAsync(session, statement, cancellationToken).ConfigureAwait(false) is { Valid: false, Builder: null })
            {
                await DropAsync(session, statement, quoted, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (StatementFailedException failure)
        {
            MigrationLog.InvalidIndexLeft(session.Logger, quoted, BlockerMonitor.Describe(failure.Blockers), failure.InnerException);
            return $"the INVALID index {quoted} it left could not be dropped ({SecretRedactor.Redact(failure.Message)}); " +
                   "the next run drops it before building it again";
        }
    }

    private string Quoted(PlannedStatement statement) => sqlGenerationHelper.DelimitIdentifier(statement.IndexName!, statement.IndexSchema);

    private async Task DropAsync(ExecutionSession session, PlannedStatement statement, string quoted, CancellationToken cancellationToken)
    {
        await MonitoredRun.RunAsync(session, statement, null, $"dropping the INVALID index {quoted} an earlier build left", async (connection, _, ct) =>
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX CONCURRENTLY IF EXISTS {quoted}", connection) { CommandTimeout = 0 };
            return await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        MigrationLog.InvalidIndexDropped(session.Logger, quoted, null);
    }

    private static Task<IndexState?> ReadAsync(ExecutionSession session, PlannedStatement statement, CancellationToken cancellationToken)
        => MonitoredRun.RunAsync(session, statement, null, $"looking up the index {statement.IndexName}", async (connection, _, ct) =>
        {
            await using var command = new NpgsqlCommand(StateQuery, connection);
            command.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Name) { Value = statement.IndexName });
            command.Parameters.Add(new NpgsqlParameter("schema", NpgsqlDbType.Name) { Value = (object?)statement.IndexSchema ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            var builder = reader.IsDBNull(1)
                ? null
                : new IndexBuilder(
                    new BlockingSession(
                        reader.GetInt32(1),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.IsDBNull(7) ? null : SecretRedactor.Redact(reader.GetString(7)),
                        reader.IsDBNull(8) ? null : reader.GetString(8),
                        reader.IsDBNull(9) ? null : reader.GetFieldValue<TimeSpan>(9)), // the build's running time (it spans transactions)
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    reader.GetBoolean(5));
            return new IndexState(!reader.IsDBNull(0) && reader.GetBoolean(0), builder);
        }, cancellationToken);

    private sealed record IndexState(bool Valid, IndexBuilder? Builder);

    /// <param name="EarlierMigrator">Same database, role and application name as this migrator: the backend of an earlier run.</param>
    private sealed record IndexBuilder(BlockingSession Session, string? Phase, long? BlocksDone, long? BlocksTotal, bool EarlierMigrator)
    {
        public override string ToString()
            => $"pid {Session.Pid} (phase: {Phase ?? "unknown"}" +
               (BlocksTotal is > 0 ? $", {BlocksDone ?? 0} of {BlocksTotal} blocks" : string.Empty) +
               (Session.TransactionAge is { } age ? $", running {age.TotalSeconds:0.#} s" : string.Empty) + ")";
    }
}

using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace EfSafeMigrations.Push.Internal.Applying;

/// <summary>
/// Runs a plan in three phases: enum values (outside a transaction, so that later statements may use them),
/// everything else in one transaction (all or nothing), then concurrent index builds (outside a transaction,
/// an invalid index left by a failed build is dropped before the retry). Every statement runs under
/// <c>lock_timeout</c> and <c>statement_timeout</c>; a phase that hits a lock timeout or a deadlock is retried
/// with backoff.
/// </summary>
internal sealed class PushPlanApplier : IPushPlanApplier
{
    public async Task<int> ApplyAsync(DbConnection connection, PushPlan plan, PushOptions options, CancellationToken cancellationToken)
    {
        var before = plan.Steps.Where(s => s.Kind == PushStepKind.AddEnumValue).ToList();
        var inside = plan.Steps.Where(s => !s.RunsOutsideTransaction).ToList();
        var after = plan.Steps.Where(s => s.Kind == PushStepKind.CreateIndexConcurrently).ToList();

        await ExecuteAsync(connection, null, string.Create(CultureInfo.InvariantCulture,
            $"SET lock_timeout = {(long)options.LockTimeout.TotalMilliseconds}; SET statement_timeout = {(long)options.StatementTimeout.TotalMilliseconds}"),
            cancellationToken);
        try
        {
            foreach (var step in before)
            {
                await RetryAsync(options, () => ExecuteAsync(connection, null, step.Sql, cancellationToken), cancellationToken);
            }

            if (inside.Count > 0)
            {
                await RetryAsync(options, async () =>
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    foreach (var step in inside)
                    {
                        await ExecuteAsync(connection, transaction, step.Sql, cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                }, cancellationToken);
            }

            foreach (var step in after)
            {
                await RetryAsync(options, async () =>
                {
                    try
                    {
                        await ExecuteAsync(connection, null, step.Sql, cancellationToken);
                    }
                    catch (PostgresException) when (step.CleanupSql is not null)
                    {
                        await ExecuteAsync(connection, null, step.CleanupSql, CancellationToken.None);
                        throw;
                    }
                }, cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, "RESET lock_timeout; RESET statement_timeout", CancellationToken.None);
        }

        return before.Count + inside.Count + after.Count;
    }

    private static async Task RetryAsync(PushOptions options, Func<Task> attempt, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (PostgresException e) when (retry < options.MaxRetries
                                              && e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected)
            {
                var backoff = TimeSpan.FromMilliseconds((200 << retry) + Random.Shared.Next(0, 100));
                await Task.Delay(backoff, cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0; // statement_timeout bounds it server-side
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

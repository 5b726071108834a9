using System.Diagnostics;
using EfSafeMigrations.Execution.Internal;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Tenants.Internal;

/// <summary>
/// One target's run: the same <c>MigrateSafelyAsync</c> as a single database (its own lock, journal, gates and
/// resumable steps in the target's database and schema), turned into a result without credentials. A failure is the
/// target's result, never an exception that stops the other targets.
/// </summary>
internal static class TenantMigrationRun
{
    public static async Task<TenantResult> RunAsync<TContext>(
        TenantTarget target, bool canary, TargetContexts<TContext> contexts, TenantMigrationOptions options,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var location = TargetSet.Location(target);
        var clock = Stopwatch.StartNew();
        try
        {
            await EnsureSchemaAsync(target, cancellationToken).ConfigureAwait(false);
            return await contexts.UseAsync(target, async context =>
            {
                var report = await context.Database
                    .MigrateSafelyAsync(options.MigrateOptions?.Invoke(target) ?? new MigrateSafelyOptions(), cancellationToken)
                    .ConfigureAwait(false);
                List<string> changed = [.. report.AppliedMigrations, .. report.RevertedMigrations];
                return new TenantResult(
                    target.Name, location, changed.Count > 0 ? TenantOutcome.Applied : TenantOutcome.UpToDate, changed, clock.Elapsed,
                    Canary: canary)
                { Report = report };
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SafeMigrationException failure)
        {
            return new TenantResult(
                target.Name, location, TenantOutcome.Failed, [.. failure.Report.AppliedMigrations], clock.Elapsed,
                SecretRedactor.Redact(failure.Message), failure.MigrationId, ResumableState(failure), canary)
            { Report = failure.Report };
        }
        catch (Exception failure)
        {
            return new TenantResult(
                target.Name, location, TenantOutcome.Failed, [], clock.Elapsed,
                TargetSet.Describe(failure),
                ResumableState: "nothing was applied by this run; fix the cause and run again", Canary: canary);
        }
    }

    // The history table is created unqualified, in the search path's first schema that exists: the tenant's must exist
    // first, or its history and tables would land in the next schema on the path.
    private static async Task EnsureSchemaAsync(TenantTarget target, CancellationToken cancellationToken)
    {
        if (target.Schema is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Checked first: CREATE SCHEMA needs CREATE on the database even when the schema exists (a DBA may have made it).
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)", connection))
        {
            exists.Parameters.AddWithValue("schema", target.Schema);
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return;
            }
        }

        await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {target.QuotedSchema}", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException denied) when (denied.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"The schema {target.QuotedSchema} does not exist and the role cannot create it ({denied.MessageText}): create it beforehand, " +
                "or GRANT CREATE ON DATABASE to the migrating role.", denied);
        }
    }

    private static string ResumableState(SafeMigrationException failure)
        => failure.MigrationId is { } id
            ? $"stopped in {id}: the target's journal holds its completed steps and the next run resumes after them"
              + (failure.Report.AppliedMigrations.Count > 0 ? $" ({failure.Report.AppliedMigrations.Count} migration(s) before it were applied)" : "")
            : "stopped before applying anything (a gate or preflight refused): fix the cause and run again";
}

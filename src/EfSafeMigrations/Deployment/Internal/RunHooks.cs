using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EfSafeMigrations.Deployment.Internal;

/// <summary>
/// Calls the hooks of <see cref="MigrationHookOptions"/> at their points of a run and turns a hook's failure into a
/// <see cref="SafeMigrationException"/> that says what was applied and where the next run continues.
/// </summary>
internal sealed class RunHooks(
    MigrationHookOptions hooks, DbContext context, NpgsqlConnection connection, SafeMigrationReport report, ILogger logger,
    string toolConnectionString)
{
    /// <summary>The backup first (user hooks may change data), then the user's hooks. Nothing has been applied yet.</summary>
    public async Task BeforeRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (hooks.BackupPath is { } path && report.Plan.Migrations.Count > 0)
            {
                report.BackupFile = await PgDumpBackup.TakeAsync(hooks.PgDumpPath, path, toolConnectionString, logger, cancellationToken).ConfigureAwait(false);
            }

            await InvokeAsync(hooks.BeforeRunHooks, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsHookFailure(exception))
        {
            throw new SafeMigrationException($"The before-run hook failed: {exception.Message} Nothing was applied.", report, exception);
        }
    }

    public async Task BeforeMigrationAsync(PlannedMigration migration, CancellationToken cancellationToken)
    {
        try
        {
            await InvokeAsync(hooks.BeforeMigrationHooks, migration.Id, migration.Direction, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsHookFailure(exception))
        {
            throw new SafeMigrationException(
                $"The before-migration hook of {migration.Id} failed: {exception.Message} {migration.Id} was not started; " +
                $"{report.Migrations.Count} migration(s) before it completed, and the next run continues with {migration.Id}.",
                report, exception, migration.Id);
        }
    }

    public async Task AfterMigrationAsync(PlannedMigration migration, CancellationToken cancellationToken)
    {
        try
        {
            await InvokeAsync(hooks.AfterMigrationHooks, migration.Id, migration.Direction, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsHookFailure(exception))
        {
            throw new SafeMigrationException(
                $"The after-migration hook of {migration.Id} failed: {exception.Message} {migration.Id} is complete; the run stopped " +
                "after it and the next run continues with the migrations after it.",
                report, exception, migration.Id);
        }
    }

    public async Task AfterRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InvokeAsync(hooks.AfterRunHooks, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsHookFailure(exception))
        {
            throw new SafeMigrationException(
                $"The after-run hook failed: {exception.Message} Every migration of the run is complete.", report, exception);
        }
    }

    private async Task InvokeAsync(
        List<Func<MigrationHookContext, CancellationToken, Task>> list, string? migrationId, MigrationDirection? direction,
        CancellationToken cancellationToken)
    {
        foreach (var hook in list)
        {
            await hook(new MigrationHookContext(context, connection, report, logger, migrationId, direction), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static bool IsHookFailure(Exception exception) => exception is not OperationCanceledException and not SafeMigrationException;
}

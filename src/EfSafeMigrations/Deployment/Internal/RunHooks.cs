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
    public Task BeforeRunAsync(CancellationToken cancellationToken)
        => GuardAsync(async () =>
            {
                if (hooks.BackupPath is { } path && report.Plan.Migrations.Count > 0)
                {
                    report.BackupFile = await PgDumpBackup.TakeAsync(
                            hooks.PgDumpPath, connection.PostgreSqlVersion.Major, path, toolConnectionString, logger, cancellationToken)
                        .ConfigureAwait(false);
                }

                await InvokeAsync(hooks.BeforeRunHooks, null, cancellationToken).ConfigureAwait(false);
            },
            null,
            exception => $"The before-run hook failed: {exception.Message} Nothing was applied.");

    public Task BeforeMigrationAsync(PlannedMigration migration, CancellationToken cancellationToken)
        => GuardAsync(() => InvokeAsync(hooks.BeforeMigrationHooks, migration, cancellationToken), migration.Id,
            exception => $"The before-migration hook of {migration.Id} failed: {exception.Message} {migration.Id} was not started; " +
                         $"{report.Migrations.Count} migration(s) before it completed, and the next run continues with {migration.Id}.");

    public Task AfterMigrationAsync(PlannedMigration migration, CancellationToken cancellationToken)
        => GuardAsync(() => InvokeAsync(hooks.AfterMigrationHooks, migration, cancellationToken), migration.Id,
            exception => $"The after-migration hook of {migration.Id} failed: {exception.Message} {migration.Id} is complete; the run " +
                         "stopped after it and the next run continues with the migrations after it.");

    public Task AfterRunAsync(CancellationToken cancellationToken)
        => GuardAsync(() => InvokeAsync(hooks.AfterRunHooks, null, cancellationToken), null,
            exception => $"The after-run hook failed: {exception.Message} Every migration of the run is complete.");

    private async Task GuardAsync(Func<Task> hook, string? migrationId, Func<Exception, string> failure)
    {
        try
        {
            await hook().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not SafeMigrationException)
        {
            throw new SafeMigrationException(failure(exception), report, exception, migrationId);
        }
    }

    private async Task InvokeAsync(
        List<Func<MigrationHookContext, CancellationToken, Task>> list, PlannedMigration? migration, CancellationToken cancellationToken)
    {
        foreach (var hook in list)
        {
            await hook(new MigrationHookContext(context, connection, report, logger, migration?.Id, migration?.Direction), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}

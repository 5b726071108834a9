using System.Transactions;
using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.Deployment.Internal;

/// <summary>
/// Sends EF's <c>Migrate()</c>/<c>MigrateAsync()</c> (what <c>dotnet ef database update</c> and bundles call) through the safe
/// runner, unless the user opted out (<see cref="DeploymentOptions.RouteMigrate"/>). Parity with EF 10's migrator comes from
/// the runner: database creation, target migrations ("0" included), the pending-model-changes check, seeding after migrating.
/// </summary>
internal sealed class MigrateRouter(SafeMigrationRunner runner, IDbContextOptions contextOptions, IRelationalConnection connection)
{
    private bool _running;

    /// <summary>The router when this call should go through the safe runner; <see langword="null"/>: EF's migrator.</summary>
    public static MigrateRouter? For(DbContext context)
    {
        var router = context.GetService<MigrateRouter>();
        return router.Routes ? router : null;
    }

    private bool Routes
        => contextOptions.FindExtension<SafeMigrationsOptionsExtension>() is { } extension
            && extension.Options.Deployment.RouteMigrate;

    public void Migrate(string? targetMigration)
    {
        // EF's synchronous Migrate() runs UseSeeding and refuses a context with only UseAsyncSeeding, after migrating;
        // refusing before anything runs is kinder and ends the same way.
        var core = contextOptions.FindExtension<CoreOptionsExtension>();
        if (core?.Seeder is null && core?.AsyncSeeder is not null)
        {
            throw new InvalidOperationException(
                "Migrate() is synchronous and the context has UseAsyncSeeding but no UseSeeding (EF's migrator refuses this too). " +
                "Add a UseSeeding(...) delegate equivalent to the UseAsyncSeeding one, or call MigrateAsync(). Nothing was applied.");
        }

        // Off the caller's synchronization context: a UI or legacy ASP.NET caller would otherwise deadlock on the wait.
        Task.Run(() => RunAsync(new MigrateSafelyOptions { TargetMigration = targetMigration, Synchronous = true }, CancellationToken.None))
            .GetAwaiter().GetResult();
    }

    public Task MigrateAsync(string? targetMigration, CancellationToken cancellationToken)
        => RunAsync(new MigrateSafelyOptions { TargetMigration = targetMigration }, cancellationToken);

    private async Task RunAsync(MigrateSafelyOptions call, CancellationToken cancellationToken)
    {
        if (connection.CurrentTransaction is not null)
        {
            // EF only warns and runs the migrations inside the caller's transaction, where concurrent index builds and
            // VALIDATE steps cannot run: the transaction would abort half-way through.
            throw new InvalidOperationException(
                "Migrate() was called inside a transaction this context has open (BeginTransaction/UseTransaction). EfSafeMigrations " +
                "runs steps outside any transaction (concurrent index builds, validations), so it cannot migrate inside one. " +
                "Commit or dispose the transaction before migrating. Nothing was applied.");
        }

        if (_running)
        {
            // A hook or seeding callback calling Migrate() on the migrating context would wait for its own lock.
            throw new InvalidOperationException(
                "Migrate() was called on a context that is already migrating (from a hook or a seeding callback). " +
                "Use another context instance for further work inside hooks, and do not migrate from them.");
        }

        _running = true;
        try
        {
            // As EF's migrator: an ambient TransactionScope must not enlist the migration connections.
            using var noAmbient = new TransactionScope(TransactionScopeOption.Suppress, TransactionScopeAsyncFlowOption.Enabled);
            await runner.RunAsync(call, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _running = false;
        }
    }
}

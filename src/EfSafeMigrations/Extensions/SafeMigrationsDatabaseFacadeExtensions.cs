using EfSafeMigrations;
using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>Applies migrations safely: <c>await db.Database.MigrateSafelyAsync()</c>.</summary>
public static class SafeMigrationsDatabaseFacadeExtensions
{
    /// <summary>
    /// Applies all pending migrations safely: one migrator at a time across processes (advisory lock), preflight
    /// checks first, every statement under a lock timeout with retries, concurrent index builds and validations
    /// outside transactions, progress journaled step by step so a failed run resumes where it stopped.
    /// Needs <c>UseSafeMigrations()</c> on the context's options.
    /// </summary>
    /// <returns>What was applied, with timing, retries and the rewrites used.</returns>
    /// <exception cref="SafeMigrationException">A preflight error, the lock wait ran out, or a step failed after its retries.</exception>
    public static Task<SafeMigrationReport> MigrateSafelyAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
        => MigrateSafelyAsync(database, null, cancellationToken);

    /// <summary>
    /// Migrates safely to <see cref="MigrateSafelyOptions.TargetMigration"/> (applying or reverting), or, with
    /// <see cref="MigrateSafelyOptions.DryRun"/>, returns the full plan and executes nothing.
    /// </summary>
    /// <inheritdoc cref="MigrateSafelyAsync(DatabaseFacade, CancellationToken)" path="/exception"/>
    public static Task<SafeMigrationReport> MigrateSafelyAsync(
        this DatabaseFacade database, MigrateSafelyOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = ((IInfrastructure<IServiceProvider>)database).Instance;
        var contextOptions = (IDbContextOptions)services.GetService(typeof(IDbContextOptions))!;
        if (contextOptions.FindExtension<SafeMigrationsOptionsExtension>() is null)
        {
            throw new InvalidOperationException(
                "MigrateSafelyAsync needs EfSafeMigrations on this context: add .UseSafeMigrations() next to UseNpgsql(...) " +
                "where the context's options are built (OnConfiguring or AddDbContext).");
        }

        var runner = (SafeMigrationRunner)services.GetService(typeof(SafeMigrationRunner))!;
        return runner.RunAsync(options ?? new MigrateSafelyOptions(), cancellationToken);
    }
}

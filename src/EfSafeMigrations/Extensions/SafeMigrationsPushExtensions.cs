using EfSafeMigrations;
using EfSafeMigrations.Push.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Push-style sync for development databases: bring the database to the current model without migration
/// files. Never prompts, never truncates, refuses data loss that is not explicitly allowed.
/// </summary>
public static class SafeMigrationsPushExtensions
{
    /// <summary>
    /// Compares the model with the database and applies the difference: enum values first, then every other
    /// change in one transaction, then concurrent index builds, all under lock and statement timeouts with
    /// retries. Refuses (and executes nothing) when the plan loses data not named in
    /// <see cref="PushOptions.AllowDataLoss"/>, contains a change push cannot make, or the database has
    /// migration history. With <see cref="PushOptions.DryRun"/> it returns the plan and executes nothing.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="options">What push may do; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The plan and whether it was applied.</returns>
    /// <exception cref="PushRefusedException">The push was refused before anything ran; the exception carries the plan.</exception>
    /// <exception cref="SafeMigrationException">
    /// A statement failed (its PostgreSQL error is the inner exception; a lock it waited for names the blocking sessions).
    /// Enum values already added and concurrent indexes already built stay; the transaction's changes are rolled back.
    /// </exception>
    public static Task<PushResult> PushAsync(
        this DatabaseFacade database, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return PushEngine.Default.PushAsync(Context(database), options ?? new PushOptions(), cancellationToken);
    }

    /// <summary>
    /// Computes the push plan without applying it and without the migration-history guard: what
    /// <see cref="PushAsync"/> would run. Reads the database and builds a throwaway shadow database; writes nothing
    /// to the target.
    /// </summary>
    /// <param name="database">The context's database facade.</param>
    /// <param name="options">Allow-list and rename hints that shape the plan; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan; <see cref="PushPlan.IsEmpty"/> when the database matches the model.</returns>
    public static Task<PushPlan> PlanPushAsync(
        this DatabaseFacade database, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return PushEngine.Default.PlanAsync(Context(database), options ?? new PushOptions(), cancellationToken);
    }

    private static DbContext Context(DatabaseFacade database) => database.GetService<ICurrentDbContext>().Context;
}

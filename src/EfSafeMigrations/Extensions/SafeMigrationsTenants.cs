using EfSafeMigrations;
using EfSafeMigrations.Linting;
using EfSafeMigrations.Tenants;
using EfSafeMigrations.Tenants.Internal;
using Npgsql;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Migrates many databases (tenants, shards) or schemas of one database in one run: each target under its own lock,
/// journal and gates (the same <c>MigrateSafelyAsync</c>), with bounded parallelism overall and per server, a failure
/// policy (continue, stop after N failures, canaries first), and one report line per target. See docs/tenants.md.
/// </summary>
public static class SafeMigrationsTenants
{
    /// <summary>Migrates every target; a target's failure is its result, the others go on (unless the policy says otherwise).</summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="targets">The databases or schemas; names unique, no database (and schema) twice.</param>
    /// <param name="createContext">Creates the context for a target: its connection string, and for schema-per-tenant its schema.</param>
    /// <param name="options">Parallelism and failure policy (defaults: 4 at a time, 2 per server, continue).</param>
    /// <param name="cancellationToken">Stops starting targets and cancels the running statements (each target resumes on its next run).</param>
    public static Task<TenantMigrationReport> MigrateAsync<TContext>(
        IEnumerable<TenantTarget> targets, Func<TenantTarget, TContext> createContext, TenantMigrationOptions? options = null,
        CancellationToken cancellationToken = default)
        where TContext : DbContext
        => RunAsync(targets, new TargetContexts<TContext>(createContext), options, cancellationToken);

    /// <summary>
    /// As <see cref="MigrateAsync{TContext}(IEnumerable{TenantTarget}, Func{TenantTarget, TContext}, TenantMigrationOptions?, CancellationToken)"/>,
    /// with a data source per target (built from <see cref="TenantTarget.ScopedConnectionString"/>, disposed after the target's
    /// run): pass it to <c>UseNpgsql(dataSource)</c>. Memory stays flat over thousands of targets, where Npgsql otherwise
    /// keeps a pool per connection string for the life of the process.
    /// </summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="targets">The databases or schemas.</param>
    /// <param name="createContext">Creates the context for a target over the data source it is given.</param>
    /// <param name="options">Parallelism and failure policy.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<TenantMigrationReport> MigrateAsync<TContext>(
        IEnumerable<TenantTarget> targets, Func<TenantTarget, NpgsqlDataSource, TContext> createContext, TenantMigrationOptions? options = null,
        CancellationToken cancellationToken = default)
        where TContext : DbContext
        => RunAsync(targets, new TargetContexts<TContext>(createContext), options, cancellationToken);

    /// <summary>As <see cref="MigrateAsync{TContext}(IEnumerable{TenantTarget}, Func{TenantTarget, TContext}, TenantMigrationOptions?, CancellationToken)"/>, with the targets listed by a callback (a tenants table, a service).</summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="listTargets">Lists the targets of this run.</param>
    /// <param name="createContext">Creates the context for a target.</param>
    /// <param name="options">Parallelism and failure policy.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<TenantMigrationReport> MigrateAsync<TContext>(
        Func<CancellationToken, Task<IEnumerable<TenantTarget>>> listTargets, Func<TenantTarget, TContext> createContext,
        TenantMigrationOptions? options = null, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(listTargets);
        var targets = await listTargets(cancellationToken).ConfigureAwait(false);
        return await MigrateAsync(targets, createContext, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Where every target stands (applied, pending) and, with <paramref name="check"/>, whether it drifted (the same check as
    /// <c>CheckAsync</c>, per target). Read-only; an unreadable target is reported, the others are read.
    /// </summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="targets">The databases or schemas.</param>
    /// <param name="createContext">Creates the context for a target.</param>
    /// <param name="check">Runs the drift check per target with these options; null: status only.</param>
    /// <param name="options">Parallelism (the failure policy does not apply: every target is read).</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public static Task<TenantStatusReport> StatusAsync<TContext>(
        IEnumerable<TenantTarget> targets, Func<TenantTarget, TContext> createContext, Action<CheckOptions>? check = null,
        TenantMigrationOptions? options = null, CancellationToken cancellationToken = default)
        where TContext : DbContext
        => ReadAsync(targets, new TargetContexts<TContext>(createContext), check, options, cancellationToken);

    /// <summary>As <see cref="StatusAsync{TContext}(IEnumerable{TenantTarget}, Func{TenantTarget, TContext}, Action{CheckOptions}?, TenantMigrationOptions?, CancellationToken)"/>, with a data source per target, disposed after it is read.</summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="targets">The databases or schemas.</param>
    /// <param name="createContext">Creates the context for a target over the data source it is given.</param>
    /// <param name="check">Runs the drift check per target with these options; null: status only.</param>
    /// <param name="options">Parallelism.</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public static Task<TenantStatusReport> StatusAsync<TContext>(
        IEnumerable<TenantTarget> targets, Func<TenantTarget, NpgsqlDataSource, TContext> createContext, Action<CheckOptions>? check = null,
        TenantMigrationOptions? options = null, CancellationToken cancellationToken = default)
        where TContext : DbContext
        => ReadAsync(targets, new TargetContexts<TContext>(createContext), check, options, cancellationToken);

    internal static async Task<TenantMigrationReport> RunAsync<TContext>(
        IEnumerable<TenantTarget> targets, TargetContexts<TContext> contexts, TenantMigrationOptions? options, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        options ??= new TenantMigrationOptions();
        var list = TargetSet.Validate(targets, options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sharedLint = SharedLint.Begin(); // targets with the same pending migrations and starting tables lint once
        var scheduler = new TenantScheduler<TenantResult>(
            options,
            (target, canary, token) => TenantMigrationRun.RunAsync(target, canary, contexts, options, token),
            result => result.Outcome == TenantOutcome.Failed,
            target => new TenantResult(target.Name, TargetSet.Location(target), TenantOutcome.NotRun, [], TimeSpan.Zero));
        var results = await scheduler.RunAsync(list, cancellationToken).ConfigureAwait(false);
        return new TenantMigrationReport(results, clock.Elapsed, scheduler.StoppedBecause) { LintRuns = sharedLint.Lints, LintReuses = sharedLint.Reuses };
    }

    internal static async Task<TenantStatusReport> ReadAsync<TContext>(
        IEnumerable<TenantTarget> targets, TargetContexts<TContext> contexts, Action<CheckOptions>? check, TenantMigrationOptions? options,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var readAll = new TenantMigrationOptions
        {
            MaxParallelism = options?.MaxParallelism ?? 4,
            MaxParallelismPerServer = options?.MaxParallelismPerServer ?? 2,
        };
        var list = TargetSet.Validate(targets, readAll);
        var scheduler = new TenantScheduler<TenantStatus>(
            readAll,
            (target, _, token) => TenantStatusRead.ReadAsync(target, contexts, check, token),
            _ => false,
            target => new TenantStatus(target.Name, TargetSet.Location(target), 0, []));
        return new TenantStatusReport(await scheduler.RunAsync(list, cancellationToken).ConfigureAwait(false));
    }
}

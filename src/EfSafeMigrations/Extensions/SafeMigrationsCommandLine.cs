using EfSafeMigrations.CommandLine.Internal.Commands;
using EfSafeMigrations;
using EfSafeMigrations.CommandLine.Internal;
using EfSafeMigrations.CommandLine.Internal.Output;
using Microsoft.Extensions.DependencyInjection;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// The EfSafeMigrations commands (<c>migrate</c>, <c>script</c>, <c>status</c>, <c>lint</c>, <c>check</c>,
/// <c>push</c>, <c>journal repair</c>) run through the user's own app, against the context the app builds,
/// with one line in Program.cs:
/// <code>
/// if (await SafeMigrationsCommandLine.TryRunAsync(args, () =&gt; new AppDbContext(options)) is { } exitCode) return exitCode;
/// </code>
/// then <c>dotnet run -- migrate</c>, <c>dotnet run -- status --json</c>, ... Exit codes are
/// <see cref="SafeMigrationsExitCode"/>; see docs/commands.md.
/// </summary>
public static class SafeMigrationsCommandLine
{
    /// <summary>The command names the first argument is matched against.</summary>
    public static IReadOnlyList<string> CommandNames { get; } = CommandCatalog.Create().Select(c => c.Spec.Path[0]).Distinct().ToList();

    /// <summary>Whether <paramref name="args"/> starts with an EfSafeMigrations command (so <c>TryRunAsync</c> would handle it).</summary>
    /// <param name="args">The app's command-line arguments.</param>
    public static bool IsCommand(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && CommandNames.Contains(args[0], StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs the command named by <paramref name="args"/> and returns its exit code, or returns <see langword="null"/>
    /// when the first argument is not an EfSafeMigrations command, so the app goes on as usual.
    /// </summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="args">The app's command-line arguments.</param>
    /// <param name="createContext">Creates the context exactly as the app does (same options, same connection string).</param>
    /// <param name="cancellationToken">Cancels the command; Ctrl+C and SIGTERM also do.</param>
    /// <returns>The exit code (see <see cref="SafeMigrationsExitCode"/>), or <see langword="null"/>.</returns>
    public static async Task<int?> TryRunAsync<TContext>(string[] args, Func<TContext> createContext, CancellationToken cancellationToken = default)
        where TContext : DbContext
        => IsCommand(args) ? await RunAsync(args, createContext, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// As <see cref="TryRunAsync{TContext}(string[], Func{TContext}, CancellationToken)"/>, resolving the context from the
    /// app's services (<c>AddDbContext</c> or <c>AddDbContextFactory</c>), in a scope of its own.
    /// </summary>
    /// <typeparam name="TContext">The app's context type, as registered.</typeparam>
    /// <param name="args">The app's command-line arguments.</param>
    /// <param name="services">The app's root service provider (for example <c>app.Services</c>).</param>
    /// <param name="cancellationToken">Cancels the command; Ctrl+C and SIGTERM also do.</param>
    /// <returns>The exit code, or <see langword="null"/> when <paramref name="args"/> names no command.</returns>
    public static async Task<int?> TryRunAsync<TContext>(string[] args, IServiceProvider services, CancellationToken cancellationToken = default)
        where TContext : DbContext
        => IsCommand(args) ? await RunAsync<TContext>(args, services, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// Runs the command named by <paramref name="args"/> (for an app or tool that exists to run these commands).
    /// With no argument it prints the command list and returns <see cref="SafeMigrationsExitCode.UsageError"/>.
    /// </summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="args">The command line, starting with the command name.</param>
    /// <param name="createContext">Creates the context exactly as the app does.</param>
    /// <param name="cancellationToken">Cancels the command; Ctrl+C and SIGTERM also do.</param>
    /// <returns>The exit code (see <see cref="SafeMigrationsExitCode"/>).</returns>
    public static async Task<int> RunAsync<TContext>(string[] args, Func<TContext> createContext, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(createContext);
        // Ctrl+C and SIGTERM cancel the command cleanly (the running statement is cancelled on the server); a second one kills.
        using var interruption = Interruption.Listen(cancellationToken);
        return await new CommandHost(CommandCatalog.Create(), TerminalSettings.FromConsole())
            .RunAsync(args, () => createContext(), interruption).ConfigureAwait(false);
    }

    /// <summary>As <see cref="RunAsync{TContext}(string[], Func{TContext}, CancellationToken)"/>, resolving the context from the app's services.</summary>
    /// <typeparam name="TContext">The app's context type, as registered.</typeparam>
    /// <param name="args">The command line, starting with the command name.</param>
    /// <param name="services">The app's root service provider.</param>
    /// <param name="cancellationToken">Cancels the command; Ctrl+C and SIGTERM also do.</param>
    /// <returns>The exit code (see <see cref="SafeMigrationsExitCode"/>).</returns>
    public static async Task<int> RunAsync<TContext>(string[] args, IServiceProvider services, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await RunAsync(args, () => scope.ServiceProvider.GetService<IDbContextFactory<TContext>>()?.CreateDbContext()
                ?? scope.ServiceProvider.GetService<TContext>()
                ?? throw new InvalidOperationException(
                    $"No {typeof(TContext).Name} is registered in the app's services: register it with AddDbContext<{typeof(TContext).Name}>(...) " +
                    "or pass a factory delegate instead."),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <c>tenants migrate</c> or <c>tenants status</c> over the targets the app lists (see docs/tenants.md) and returns
    /// the exit code, or <see langword="null"/> when <paramref name="args"/> does not start with <c>tenants</c>.
    /// </summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="args">The app's command-line arguments.</param>
    /// <param name="listTargets">Lists the tenant databases or schemas (a tenants table, configuration).</param>
    /// <param name="createContext">Creates the context for a target (use <see cref="EfSafeMigrations.Tenants.TenantTarget.ScopedConnectionString"/>).</param>
    /// <param name="cancellationToken">Cancels the run; Ctrl+C and SIGTERM also do.</param>
    public static Task<int?> TryRunTenantsAsync<TContext>(
        string[] args, Func<CancellationToken, Task<IEnumerable<EfSafeMigrations.Tenants.TenantTarget>>> listTargets,
        Func<EfSafeMigrations.Tenants.TenantTarget, TContext> createContext, CancellationToken cancellationToken = default)
        where TContext : DbContext
        => RunTenantsAsync(args, listTargets, new EfSafeMigrations.Tenants.Internal.TargetContexts<TContext>(createContext), cancellationToken);

    /// <summary>
    /// As <see cref="TryRunTenantsAsync{TContext}(string[], Func{CancellationToken, Task{IEnumerable{EfSafeMigrations.Tenants.TenantTarget}}}, Func{EfSafeMigrations.Tenants.TenantTarget, TContext}, CancellationToken)"/>,
    /// with a data source per target, disposed after its run (memory stays flat over thousands of targets).
    /// </summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="args">The app's command-line arguments.</param>
    /// <param name="listTargets">Lists the tenant databases or schemas.</param>
    /// <param name="createContext">Creates the context for a target over the data source it is given.</param>
    /// <param name="cancellationToken">Cancels the run; Ctrl+C and SIGTERM also do.</param>
    public static Task<int?> TryRunTenantsAsync<TContext>(
        string[] args, Func<CancellationToken, Task<IEnumerable<EfSafeMigrations.Tenants.TenantTarget>>> listTargets,
        Func<EfSafeMigrations.Tenants.TenantTarget, Npgsql.NpgsqlDataSource, TContext> createContext, CancellationToken cancellationToken = default)
        where TContext : DbContext
        => RunTenantsAsync(args, listTargets, new EfSafeMigrations.Tenants.Internal.TargetContexts<TContext>(createContext), cancellationToken);

    private static async Task<int?> RunTenantsAsync<TContext>(
        string[] args, Func<CancellationToken, Task<IEnumerable<EfSafeMigrations.Tenants.TenantTarget>>> listTargets,
        EfSafeMigrations.Tenants.Internal.TargetContexts<TContext> contexts, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(listTargets);
        if (args.Length == 0 || args[0] != "tenants")
        {
            return null;
        }

        using var interruption = Interruption.Listen(cancellationToken);
        try
        {
            return await TenantCommands.RunAsync(args, listTargets, contexts, interruption.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("'tenants' was stopped; each target resumes after its last completed step on the next run.").ConfigureAwait(false);
            return interruption.Signal == System.Runtime.InteropServices.PosixSignal.SIGTERM
                ? (int)SafeMigrationsExitCode.Terminated
                : (int)SafeMigrationsExitCode.Error;
        }
    }
}

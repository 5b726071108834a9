using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Tenants.Internal;

/// <summary>
/// Creates a target's context, and what to release after its run. Npgsql keeps one pool per connection string for the
/// life of the process (its type catalog included, about 0.3 MB each), so a run over thousands of targets grows with
/// them; with a data source per target (the factory that takes one) the runner disposes it after the target's run and
/// memory stays flat. With a plain factory the target's pool is at least emptied of its idle connections.
/// </summary>
internal sealed class TargetContexts<TContext>
    where TContext : DbContext
{
    private readonly Func<TenantTarget, TContext>? _byTarget;
    private readonly Func<TenantTarget, NpgsqlDataSource, TContext>? _byDataSource;

    public TargetContexts(Func<TenantTarget, TContext> byTarget) => _byTarget = byTarget ?? throw new ArgumentNullException(nameof(byTarget));

    public TargetContexts(Func<TenantTarget, NpgsqlDataSource, TContext> byDataSource)
        => _byDataSource = byDataSource ?? throw new ArgumentNullException(nameof(byDataSource));

    /// <summary>Runs <paramref name="use"/> on the target's context, then disposes the context and releases the target's connections.</summary>
    public async Task<T> UseAsync<T>(TenantTarget target, Func<TContext, Task<T>> use)
    {
        var (context, release) = Create(target);
        await using (release.ConfigureAwait(false))
        await using (context.ConfigureAwait(false))
        {
            return await use(context).ConfigureAwait(false);
        }
    }

    private (TContext Context, IAsyncDisposable Release) Create(TenantTarget target)
    {
        if (_byDataSource is null)
        {
            var context = _byTarget!(target) ?? throw new InvalidOperationException("The context factory returned null.");
            return (context, new IdleConnections(context.Database.GetDbConnection() as NpgsqlConnection));
        }

        var dataSource = NpgsqlDataSource.Create(target.ScopedConnectionString);
        try
        {
            return (_byDataSource(target, dataSource) ?? throw new InvalidOperationException("The context factory returned null."), dataSource);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    // Each target's connection string has a pool of its own: its idle connections are closed once the run is done,
    // so a run over 1,000 tenants never holds 1,000 pools of idle connections (and the server's max_connections).
    private sealed class IdleConnections(NpgsqlConnection? connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                NpgsqlConnection.ClearPool(connection);
            }

            return ValueTask.CompletedTask;
        }
    }
}

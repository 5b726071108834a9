using System.Reflection;
using EfSafeMigrations.Benchmarks.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EfSafeMigrations.IntegrationTests.LongLived;

/// <summary>
/// The long-lived project's context. Its migrations are generated (<see cref="LongLivedHistory"/>) and emitted once per
/// process; the model is empty, so EF's pending-model-changes warning is ignored here as plain EF would need it too.
/// </summary>
public sealed class LongLivedDbContext(DbContextOptions<LongLivedDbContext> options) : DbContext(options)
{
    public const int Entities = 6;

    private static readonly Lazy<Assembly> MigrationsAssembly = new(() => DelegateMigration.Emit(typeof(LongLivedDbContext), LongLivedHistory.Migrations(Entities)));

    public static LongLivedDbContext Create(string connectionString, bool safe, Action<SafeMigrationsOptions>? configure = null)
    {
        var builder = new DbContextOptionsBuilder<LongLivedDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly.Value))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning, CoreEventId.ManyServiceProvidersCreatedWarning));
        if (safe)
        {
            builder.UseSafeMigrations(configure);
        }

        return new LongLivedDbContext(builder.Options);
    }
}

using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>
/// An empty model: the benchmark measures applying migrations, and its migrations come from an
/// emitted assembly (see <see cref="DelegateMigration"/>).
/// </summary>
public sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
{
    public static DbContextOptions<BenchContext> Options(
        string connectionString, Assembly migrations, bool safe, Action<SafeMigrationsOptions>? configureSafe = null)
        => Configure(new DbContextOptionsBuilder<BenchContext>().UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(migrations).CommandTimeout(0)),
            safe, configureSafe);

    /// <summary>As <see cref="Options(string, Assembly, bool, Action{SafeMigrationsOptions}?)"/>, over a data source.</summary>
    public static DbContextOptions<BenchContext> Options(Npgsql.NpgsqlDataSource dataSource, Assembly migrations)
        => Configure(new DbContextOptionsBuilder<BenchContext>().UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(migrations).CommandTimeout(0)),
            safe: true, configureSafe: null);

    private static DbContextOptions<BenchContext> Configure(
        DbContextOptionsBuilder<BenchContext> builder, bool safe, Action<SafeMigrationsOptions>? configureSafe)
    {
        builder = builder
            // The model is empty on purpose; the migrations are not meant to match it.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return safe ? SafeMigrator.Configure(builder, configureSafe).Options : builder.Options;
    }
}

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
    {
        var builder = new DbContextOptionsBuilder<BenchContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(migrations).CommandTimeout(0))
            // The model is empty on purpose; the migrations are not meant to match it.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return safe ? SafeMigrator.Configure(builder, configureSafe).Options : builder.Options;
    }
}

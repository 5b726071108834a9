using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>The two ways of applying migrations that the benchmark compares.</summary>
public static class SafeMigrator
{
    public static DbContextOptionsBuilder<BenchContext> Configure(DbContextOptionsBuilder<BenchContext> builder, Action<SafeMigrationsOptions>? configure = null)
        => builder.UseSafeMigrations(configure);

    public static Task MigrateAsync(DbContext context, bool safe, CancellationToken cancellationToken = default)
        => safe
            ? context.Database.MigrateSafelyAsync(cancellationToken)
            : context.Database.MigrateAsync(cancellationToken);
}

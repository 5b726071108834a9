using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Benchmarks.Scenarios;

/// <summary>One schema change measured under write load, applied by plain EF and by EfSafeMigrations.</summary>
/// <param name="Name">Short name for the table.</param>
/// <param name="Up">The migration's operations.</param>
/// <param name="BlockingReaderSeconds">When set, a reader holds the table in an open transaction for this long while the migration runs (the lock-queue case).</param>
/// <param name="ConfigureSafe">Options of the EfSafeMigrations run (default: the defaults).</param>
/// <param name="WritersThroughPgBouncer">
/// The writers (and the reader) go through a PgBouncer in transaction pooling, as production applications often do; the
/// migration connects directly, as docs/execution.md asks.
/// </param>
public sealed record DdlScenario(
    string Name, Action<MigrationBuilder> Up, double BlockingReaderSeconds = 0, Action<SafeMigrationsOptions>? ConfigureSafe = null,
    bool WritersThroughPgBouncer = false);

using EfSafeMigrations;
using EfSafeMigrations.Infrastructure.Internal;
using EfSafeMigrations.Linting;
using EfSafeMigrations.Linting.Baseline;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Lints a context's migrations against EfSafeMigrations' danger rules (for CI and tests).</summary>
public static class SafeMigrationsLintExtensions
{
    /// <summary>
    /// Lints every migration of the context without touching the database, except those at or before the adoption
    /// baseline (<c>&lt;EfSafeMigrationsBaseline&gt;</c>, docs/adopting.md), which the build-time analyzer skips too.
    /// Version-specific rules use <see cref="LintOptions.TargetPostgresVersion"/> or Npgsql's <c>SetPostgresVersion</c>,
    /// else assume a current server. Fail a CI build on <see cref="LintReport.IsBlocking"/>.
    /// </summary>
    public static LintReport LintMigrations(this DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var context = ((IDatabaseFacadeDependenciesAccessor)database).Context;
        var options = Options(context);
        var baseline = AssemblyBaseline.Of(context);
        var migrations = Migrations(context, context.GetService<IMigrationsAssembly>().Migrations.Keys.Where(id => baseline is null || !baseline.Covers(id)));
        var version = PostgresVersionSource.Configured(context, options?.Lint ?? new LintOptions());
        return MigrationLinter.Lint(migrations, LintSettings.ForContext(options, version) with { RetiredColumns = Retired(context, migrations) });
    }

    /// <summary>
    /// Lints the migrations not yet applied to the database, as <c>MigrateSafelyAsync</c>'s gate does (it connects to
    /// read the applied migrations and, unless configured, the server version).
    /// </summary>
    public static async Task<LintReport> LintPendingMigrationsAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var context = ((IDatabaseFacadeDependenciesAccessor)database).Context;
        var options = Options(context);
        var pending = await database.GetPendingMigrationsAsync(cancellationToken);
        var version = await PostgresVersionSource.ResolveAsync(context, options?.Lint ?? new LintOptions(), cancellationToken);

        // As the gate lints them: tables an earlier pending migration creates are new for the later ones.
        var migrations = Migrations(context, pending).ToList();
        var tablesBeforeRun = await TablesBeforeRun.ReadAsync(context, migrations.SelectMany(m => TablesBeforeRun.SchemasNamedBy(m.Operations)), cancellationToken);
        return MigrationLinter.Lint(migrations,
            LintSettings.ForContext(options, version, appliedByMigrateSafely: true) with { TablesBeforeRun = tablesBeforeRun, RetiredColumns = Retired(context, migrations) });
    }

    // Null when the context does not use EfSafeMigrations: plain EF applies its migrations as written.
    private static SafeMigrationsOptions? Options(DbContext context)
        => context.GetService<IDbContextOptions>().FindExtension<SafeMigrationsOptionsExtension>()?.Options;

    private static IReadOnlySet<string>? Retired(DbContext context, IEnumerable<MigrationToLint> linted)
        => EfSafeMigrations.ExpandContract.Internal.RetiredColumns.WhenDropping(
            linted.SelectMany(m => m.Operations), context.GetService<IMigrationsAssembly>(), context.Database.ProviderName);

    private static List<MigrationToLint> Migrations(DbContext context, IEnumerable<string> ids)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName!;
        return ids.Select(id =>
        {
            var migration = assembly.CreateMigration(assembly.Migrations[id], provider);
            return new MigrationToLint(id, migration.UpOperations, migration.GetType(), DownOperations.Of(migration));
        }).ToList();
    }
}

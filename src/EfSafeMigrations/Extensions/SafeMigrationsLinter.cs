using EfSafeMigrations;
using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Lints migration operations directly, with no context and no database: for tests, tools and benchmarks.
/// Version-specific rules use <see cref="LintOptions.TargetPostgresVersion"/> when set, else assume a current server.
/// </summary>
public static class SafeMigrationsLinter
{
    /// <summary>Lints one migration's Up operations.</summary>
    /// <param name="migrationId">The migration's id (used in findings).</param>
    /// <param name="operations">The operations, in order.</param>
    /// <param name="options">Severities and target version; the defaults when null.</param>
    /// <param name="migrationType">The migration class, to honour its <c>[SafetyAssured]</c> attributes.</param>
    public static LintReport Lint(string migrationId, IReadOnlyList<MigrationOperation> operations, LintOptions? options = null, Type? migrationType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(migrationId);
        ArgumentNullException.ThrowIfNull(operations);
        options ??= new LintOptions();
        return MigrationLinter.Lint([new MigrationToLint(migrationId, operations, migrationType)], Settings(options));
    }

    /// <summary>Lints several migrations (id and Up operations each), in order.</summary>
    public static LintReport Lint(IEnumerable<KeyValuePair<string, IReadOnlyList<MigrationOperation>>> migrations, LintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        options ??= new LintOptions();
        return MigrationLinter.Lint(migrations.Select(m => new MigrationToLint(m.Key, m.Value)), Settings(options));
    }

    private static LintSettings Settings(LintOptions options) => new(options, options.TargetPostgresVersion, RewritePolicy.None);
}

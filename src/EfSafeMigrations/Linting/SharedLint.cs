using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using EfSafeMigrations.Journal.Checksums;

namespace EfSafeMigrations.Linting;

/// <summary>
/// Lint results shared by the targets of one multi-target run (tenants): targets that lint the same pending migrations
/// with the same settings, server version and tables-before-run get one lint, not one each. Scoped to the run through
/// an async-local value, so a single-database <c>MigrateSafelyAsync</c> lints as always.
/// </summary>
/// <remarks>
/// The key holds everything a lint reads: the migration ids (a migration is compiled code, its Up operations depend on
/// nothing else, as the journal assumes), the effective settings and the tables the target had before the run (the
/// fresh-install exemptions). Keys are hashed, so a run over thousands of targets keeps one small entry per distinct key.
/// </remarks>
internal sealed class SharedLint
{
    private static readonly AsyncLocal<SharedLint?> Scope = new();
    private readonly ConcurrentDictionary<string, Lazy<LintReport>> _reports = new(StringComparer.Ordinal);
    private int _lints;
    private int _reuses;

    /// <summary>The run's shared results, or null outside a multi-target run.</summary>
    public static SharedLint? Current => Scope.Value;

    /// <summary>Lints actually run.</summary>
    public int Lints => _lints;

    /// <summary>Lints answered from an earlier target's result.</summary>
    public int Reuses => _reuses;

    /// <summary>Starts sharing for the calling async flow (and everything it starts) until it returns.</summary>
    public static SharedLint Begin() => Scope.Value = new SharedLint();

    public LintReport GetOrLint(IEnumerable<string> migrationIds, LintSettings settings, Func<LintReport> lint)
    {
        var created = false;
        var entry = _reports.GetOrAdd(Key(migrationIds, settings), _ =>
        {
            created = true;
            return new Lazy<LintReport>(() =>
            {
                Interlocked.Increment(ref _lints);
                return lint();
            });
        });
        if (!created)
        {
            Interlocked.Increment(ref _reuses);
        }

        return entry.Value;
    }

    private static string Key(IEnumerable<string> migrationIds, LintSettings settings)
    {
        var key = new StringBuilder();
        foreach (var id in migrationIds)
        {
            key.Append(id).Append('\n');
        }

        var options = settings.Options;
        key.Append(CultureInfo.InvariantCulture, $"|{settings.PostgresVersion}|{options.Enabled}|{options.TargetPostgresVersion}|");
        key.Append(CultureInfo.InvariantCulture, $"{settings.ExecutorSetsLockTimeout}{settings.ExecutorSetsStatementTimeout}{settings.SafeSqlGenerator}");
        key.Append(CultureInfo.InvariantCulture, $"{settings.ExecutorResumesConcurrentBuilds}{settings.Rewrites.DataChecked}|");
        foreach (var rule in RuleCatalog.All)
        {
            key.Append(settings.Rewrites.Rewrites(rule) ? 'r' : '-').Append(options.EffectiveSeverity(rule)?.ToString() ?? "off").Append(',');
        }

        key.Append('|');
        foreach (var table in settings.TablesBeforeRun?.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
        {
            key.Append(table).Append('\n');
        }

        return Sha256Hex.Of(key.ToString());
    }
}

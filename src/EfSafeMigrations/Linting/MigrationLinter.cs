using EfSafeMigrations.Linting.Rules;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting;

/// <summary>One migration to lint: its id, its Up operations and its class (for <c>[SafetyAssured]</c>).</summary>
/// <param name="DownOperations">Its Down operations, when known (an empty Down makes a destructive Up one-way: ESM0051).</param>
internal sealed record MigrationToLint(
    string Id, IReadOnlyList<MigrationOperation> Operations, Type? MigrationType = null, IReadOnlyList<MigrationOperation>? DownOperations = null);

/// <summary>How to lint: the options, the server version, what the generator rewrites, how migrations are applied.</summary>
/// <param name="ExecutorSetsLockTimeout">Whether every step runs under a lock_timeout set by whatever applies it.</param>
/// <param name="SafeSqlGenerator">Whether EfSafeMigrations' SQL generator turns the migration into SQL (it moves lone
/// concurrent index and VALIDATE steps out of the transaction); false for plain EF.</param>
internal sealed record LintSettings(LintOptions Options, int? PostgresVersion, IRewritePolicy Rewrites, bool ExecutorSetsLockTimeout = true, bool SafeSqlGenerator = true)
{
    /// <summary>Whether every step runs under a statement_timeout set by whatever applies it (as the lock timeout, unless said).</summary>
    public bool ExecutorSetsStatementTimeout { get; init; } = ExecutorSetsLockTimeout;

    /// <summary>
    /// Whether whatever applies the migration makes a repeated concurrent index build harmless (MigrateSafelyAsync drops
    /// the INVALID index a failed build left, and keeps a valid one when it resumes the migration): assumed for contexts
    /// that use EfSafeMigrations, whose way to apply migrations is MigrateSafelyAsync; plain EF does not.
    /// </summary>
    public bool ExecutorResumesConcurrentBuilds { get; init; } = true;

    /// <summary>
    /// The tables (by name, in any schema) the database had before the run, when the linted migrations are one run's
    /// pending migrations in order. A table an earlier migration of the run creates and that is not among them is as
    /// new (empty, unknown to running code) for the later migrations as for the rest of its own migration. Unknown
    /// (<see langword="null"/>): each migration is linted on its own, as at design time.
    /// </summary>
    public IReadOnlySet<string>? TablesBeforeRun { get; init; }

    /// <summary>
    /// Columns retired (<c>RetireColumn</c>) by the project's migrations (<see cref="ExpandContract.Internal.RetiredColumns"/>):
    /// dropping one later is planned, not ESM0018. Those the linted migrations retire count for the later ones anyway.
    /// </summary>
    public IReadOnlySet<string>? RetiredColumns { get; init; }

    public static LintSettings Default { get; } = new(new LintOptions(), null, RewritePolicy.None);

    /// <summary>
    /// Settings for a context's options. The safe SQL generator writes lock_timeout into the SQL of every step when
    /// its Timeouts rewrite is on; <paramref name="appliedByMigrateSafely"/> adds MigrateSafelyAsync's own lock timeout.
    /// </summary>
    public static LintSettings For(SafeMigrationsOptions options, int? postgresVersion, bool appliedByMigrateSafely = false)
        => new(options.Lint, postgresVersion, RewritePolicy.From(options),
            ExecutorSetsLockTimeout: options.Rewrites.Timeouts || (appliedByMigrateSafely && options.Execution.LockTimeout > TimeSpan.Zero))
        {
            // Both the generator's timeouts rewrite and MigrateSafelyAsync use Execution.StatementTimeout (zero: none).
            ExecutorSetsStatementTimeout = (options.Rewrites.Timeouts || appliedByMigrateSafely) && options.Execution.StatementTimeout > TimeSpan.Zero,
        };

    /// <summary>Settings for a context without UseSafeMigrations: plain EF applies the migrations as written.</summary>
    public static LintSettings ForPlainEf(int? postgresVersion)
        => new(new LintOptions(), postgresVersion, RewritePolicy.None, ExecutorSetsLockTimeout: false, SafeSqlGenerator: false)
        {
            ExecutorResumesConcurrentBuilds = false,
        };

    /// <summary>The settings for a context: <see cref="For"/> when it uses EfSafeMigrations, else <see cref="ForPlainEf"/>.</summary>
    public static LintSettings ForContext(SafeMigrationsOptions? options, int? postgresVersion, bool appliedByMigrateSafely = false)
        => options is null ? ForPlainEf(postgresVersion) : For(options, postgresVersion, appliedByMigrateSafely);
}

/// <summary>
/// Lints migration operations against the rule catalogue. Needs no database: the caller supplies the operations
/// (from compiled migrations, from the differ at design time, or built by hand) and the server version if known.
/// </summary>
internal static class MigrationLinter
{
    // Order matters only for CreateTableCheck, which marks the table new before later operations are checked.
    private static readonly IOperationCheck[] Checks =
    [
        new CreateTableCheck(), new IndexChecks(), new ConstraintChecks(), new AddColumnCheck(), new AlterColumnCheck(),
        new BreakingChangeChecks(), new SeedDataChecks(), new EnumValueCheck(), new IdentifierLengthCheck(), new RawSqlCheck(),
    ];

    public static LintReport Lint(IEnumerable<MigrationToLint> migrations, LintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(settings);
        var ids = new List<string>();
        var findings = new List<LintFinding>();
        var assuranceErrors = new List<string>();
        var createdInRun = new HashSet<string>(StringComparer.Ordinal);
        var retired = new HashSet<string>(settings.RetiredColumns ?? new HashSet<string>(), StringComparer.Ordinal);
        foreach (var migration in migrations)
        {
            ids.Add(migration.Id);
            var assurances = Assurances.Read(migration.Id, migration.MigrationType);
            assuranceErrors.AddRange(assurances.Errors);
            if (settings.Options.Enabled)
            {
                var created = LintOne(migration, settings, assurances, findings, createdInRun, retired);
                if (settings.TablesBeforeRun is { } before)
                {
                    createdInRun.UnionWith(created.Where(t => !before.Contains(t)));
                }

                retired.UnionWith(ExpandContract.Internal.RetiredColumns.In(migration.Operations));
            }
        }

        return new LintReport(ids, findings, assuranceErrors, settings.PostgresVersion);
    }

    /// <returns>The tables new at the end of the migration: <paramref name="createdInRun"/> and those it created.</returns>
    private static IReadOnlySet<string> LintOne(
        MigrationToLint migration, LintSettings settings, Assurances assurances, List<LintFinding> findings, IReadOnlySet<string> createdInRun,
        IReadOnlySet<string> retired)
    {
        var context = new LintContext(migration.Id, migration.Operations, settings) { RetiredColumns = retired };
        context.RawSql.NewTables.UnionWith(createdInRun);
        for (var i = 0; i < migration.Operations.Count; i++)
        {
            context.OperationIndex = i;
            foreach (var check in Checks)
            {
                check.Check(migration.Operations[i], context);
            }
        }

        DestructiveUpCheck.CheckDown(context, migration.DownOperations);

        // An unknown server version is taken to be a current one: rules for old versions only stay silent.
        var version = settings.PostgresVersion ?? int.MaxValue;
        foreach (var raw in context.Findings)
        {
            if (!raw.Rule.AppliesTo(version) || settings.Options.EffectiveSeverity(raw.Rule) is not { } severity)
            {
                continue;
            }

            if (raw.MostSevere is { } mostSevere && severity > mostSevere)
            {
                severity = mostSevere;
            }

            var status = FindingStatus.Open;
            var reason = assurances.ReasonFor(raw.Rule);
            if (raw.Rule.AutoFixedBySafeGenerator && raw.Rewritable && settings.Rewrites.Rewrites(raw.Rule))
            {
                status = FindingStatus.Rewritten;
                severity = RewritePolicy.CanFailOnData(raw.Rule) && !settings.Rewrites.DataChecked ? RuleSeverity.Warning : RuleSeverity.Info;
                reason = null;
            }
            else if (reason is not null)
            {
                status = FindingStatus.Assured;
            }
            else if (raw.CheckedByDataPreflight && settings.Rewrites.DataChecked && severity > RuleSeverity.Info)
            {
                // The data preflight finds the rows this step would fail on before anything runs (ESM0046).
                severity = RuleSeverity.Info;
            }

            findings.Add(new LintFinding(raw.Rule, severity, migration.Id, raw.OperationIndex, raw.Operation, raw.Message, status, reason));
        }

        return context.RawSql.NewTables;
    }
}

namespace EfSafeMigrations;

/// <summary>
/// Everything EfSafeMigrations can be told, grouped by concern. Configure it in
/// <c>UseSafeMigrations(o => ...)</c>; the defaults are the safe choice for a live production database.
/// </summary>
public sealed class SafeMigrationsOptions
{
    /// <summary>Which safe rewrites the SQL generator and model differ apply.</summary>
    public RewriteOptions Rewrites { get; } = new();

    /// <summary>How <c>MigrateSafelyAsync</c> applies migrations: locks, timeouts, retries.</summary>
    public ExecutionOptions Execution { get; } = new();

    /// <summary>Which danger rules are checked, and at what severity.</summary>
    public LintOptions Lint { get; } = new();

    /// <summary>The migration journal: its file and database table, and verification.</summary>
    public JournalOptions Journal { get; } = new();

    /// <summary>The data preflight: rows that would make a pending step fail, found before anything runs.</summary>
    public DataPreflightOptions DataPreflight { get; } = new();

    /// <summary>Whether <c>Migrate()</c>, <c>dotnet ef database update</c> and bundles go through the safe runner.</summary>
    public DeploymentOptions Deployment { get; } = new();

    /// <summary>Callbacks around a run and each migration, and the <c>pg_dump</c> backup before applying.</summary>
    public MigrationHookOptions Hooks { get; } = new();

    /// <summary>Expand/contract changes and the post-deployment phase: scaffolding, when contracts run.</summary>
    public ExpandContractOptions ExpandContract { get; } = new();
}

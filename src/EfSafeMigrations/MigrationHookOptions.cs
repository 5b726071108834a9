namespace EfSafeMigrations;

/// <summary>
/// Callbacks around a safe run and around each migration (like Flyway's callbacks), and a ready <c>pg_dump</c> backup
/// taken before anything is applied. They run under the migration lock, on every path that goes through the safe runner
/// (<c>MigrateSafelyAsync</c>, and <c>Migrate()</c>/<c>dotnet ef database update</c>/bundles unless
/// <see cref="DeploymentOptions.RouteMigrate"/> is off), never in a dry run. See docs/deployment.md#hooks.
/// </summary>
public sealed class MigrationHookOptions
{
    internal List<Func<MigrationHookContext, CancellationToken, Task>> BeforeRunHooks { get; } = [];

    internal List<Func<MigrationHookContext, CancellationToken, Task>> AfterRunHooks { get; } = [];

    internal List<Func<MigrationHookContext, CancellationToken, Task>> BeforeMigrationHooks { get; } = [];

    internal List<Func<MigrationHookContext, CancellationToken, Task>> AfterMigrationHooks { get; } = [];

    internal bool Any => BeforeRunHooks.Count + AfterRunHooks.Count + BeforeMigrationHooks.Count + AfterMigrationHooks.Count > 0
        || BackupPath is not null;

    /// <summary>
    /// Where <see cref="BackupBeforeApplying"/> writes the dump: a file path (a <c>.sql</c> file gets a plain SQL dump for
    /// <c>psql</c>, any other name pg_dump's custom format for <c>pg_restore</c>), or a folder (existing, or ending with a
    /// path separator), which gets
    /// <c>&lt;database&gt;-&lt;UTC time&gt;.dump</c>. <see langword="null"/>: no backup.
    /// </summary>
    public string? BackupPath { get; set; }

    /// <summary>
    /// The <c>pg_dump</c> executable. Default: found on <c>PATH</c>, then in the usual PostgreSQL install folders
    /// (<c>/usr/lib/postgresql/&lt;major&gt;/bin</c>, <c>/usr/pgsql-&lt;major&gt;/bin</c>, <c>/opt/homebrew/bin</c>).
    /// </summary>
    public string? PgDumpPath { get; set; }

    /// <summary>
    /// Takes a <c>pg_dump</c> backup of the database before the first migration of a run is applied (not when nothing is
    /// pending). A missing <c>pg_dump</c> or a failed dump stops the run before anything is applied.
    /// </summary>
    /// <param name="outputPath">See <see cref="BackupPath"/>.</param>
    public MigrationHookOptions BackupBeforeApplying(string outputPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        BackupPath = outputPath;
        return this;
    }

    /// <summary>Runs once per run, under the lock, after the preflight checks and before the first migration.</summary>
    /// <remarks>A failure stops the run with nothing applied.</remarks>
    public MigrationHookOptions BeforeRun(Action<MigrationHookContext> hook) => Add(BeforeRunHooks, hook);

    /// <inheritdoc cref="BeforeRun(Action{MigrationHookContext})"/>
    public MigrationHookOptions BeforeRun(Func<MigrationHookContext, CancellationToken, Task> hook) => Add(BeforeRunHooks, hook);

    /// <summary>Runs once per run, after the last migration, seeding and the verification summary.</summary>
    /// <remarks>A failure fails the run; the migrations stay applied.</remarks>
    public MigrationHookOptions AfterRun(Action<MigrationHookContext> hook) => Add(AfterRunHooks, hook);

    /// <inheritdoc cref="AfterRun(Action{MigrationHookContext})"/>
    public MigrationHookOptions AfterRun(Func<MigrationHookContext, CancellationToken, Task> hook) => Add(AfterRunHooks, hook);

    /// <summary>Runs before each migration is applied or reverted (outside any transaction).</summary>
    /// <remarks>A failure stops the run before that migration; earlier ones stay applied.</remarks>
    public MigrationHookOptions BeforeMigration(Action<MigrationHookContext> hook) => Add(BeforeMigrationHooks, hook);

    /// <inheritdoc cref="BeforeMigration(Action{MigrationHookContext})"/>
    public MigrationHookOptions BeforeMigration(Func<MigrationHookContext, CancellationToken, Task> hook) => Add(BeforeMigrationHooks, hook);

    /// <summary>Runs after each migration has been applied or reverted completely (its history row committed).</summary>
    /// <remarks>A failure stops the run; that migration stays applied.</remarks>
    public MigrationHookOptions AfterMigration(Action<MigrationHookContext> hook) => Add(AfterMigrationHooks, hook);

    /// <inheritdoc cref="AfterMigration(Action{MigrationHookContext})"/>
    public MigrationHookOptions AfterMigration(Func<MigrationHookContext, CancellationToken, Task> hook) => Add(AfterMigrationHooks, hook);

    private MigrationHookOptions Add(List<Func<MigrationHookContext, CancellationToken, Task>> hooks, Action<MigrationHookContext> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        hooks.Add((context, _) =>
        {
            hook(context);
            return Task.CompletedTask;
        });
        return this;
    }

    private MigrationHookOptions Add(List<Func<MigrationHookContext, CancellationToken, Task>> hooks, Func<MigrationHookContext, CancellationToken, Task> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        hooks.Add(hook);
        return this;
    }
}

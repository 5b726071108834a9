namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// One migration of a script: its steps exactly as <c>MigrateSafelyAsync</c> plans them (same numbers, same journal);
/// <c>PostDeployment</c>: applied only in a post-deployment run (<see cref="ScriptPostDeployment"/>).
/// </summary>
internal sealed record ScriptMigration(string Id, MigrationDirection Direction, string? Checksum, IReadOnlyList<PlanStep> Steps, bool PostDeployment = false);

/// <summary>
/// What a script holds: the migrations it applies or reverts, the checksum of every compiled migration (for the
/// journal check and adoption), the lint findings of those it applies, and how it was asked for.
/// </summary>
/// <param name="Idempotent">Guards every migration and step with psql's <c>\if</c>: runs on a database at any migration, twice.</param>
/// <param name="NoTransactions">EF's <c>--no-transactions</c>: no <c>START TRANSACTION</c>/<c>COMMIT</c> around the steps.</param>
/// <param name="CreatesHistoryTable">The script starts from an empty database (no <c>--from</c>) or is idempotent.</param>
internal sealed record ScriptPlan(
    string ContextName,
    IReadOnlyList<ScriptMigration> Migrations,
    IReadOnlyList<(string Id, string Checksum)> AllChecksums,
    LintReport Lint,
    bool Idempotent,
    bool NoTransactions,
    bool CreatesHistoryTable)
{
    public int StepCount => Migrations.Sum(m => m.Steps.Count);

    public int StepsOutsideTransaction => Migrations.Sum(m => m.Steps.Count(s => !s.Transactional));
}

namespace EfSafeMigrations;

/// <summary>Which way a migration runs.</summary>
public enum MigrationDirection
{
    /// <summary>Applied (its Up operations).</summary>
    Up,

    /// <summary>Reverted (its Down operations), when the target migration is older than the database.</summary>
    Down,
}

/// <summary>What a statement does, as far as timeouts and transactions care.</summary>
public enum PlannedStatementKind
{
    /// <summary>A schema change: short lock timeout and a statement timeout.</summary>
    Ddl,

    /// <summary>A concurrent index build or drop, outside a transaction, with no statement timeout.</summary>
    ConcurrentIndex,

    /// <summary><c>VALIDATE CONSTRAINT</c> in its own transaction, with no statement timeout.</summary>
    Validate,

    /// <summary>A batched data fill outside a transaction (each batch commits), with no statement timeout.</summary>
    Fill,

    /// <summary>
    /// A backfill (<c>migrationBuilder.Backfill</c>): a step of its own, each batch its own transaction under the lock and
    /// statement timeouts, checkpointed in the journal. The SQL shown is its script form.
    /// </summary>
    Backfill,
}

/// <summary>Everything a run would execute, in order: what a dry run returns, and what a real run follows.</summary>
public sealed class MigrationPlan
{
    internal MigrationPlan(IReadOnlyList<PlannedMigration> migrations) => Migrations = migrations;

    /// <summary>The migrations to apply or revert, in execution order.</summary>
    public IReadOnlyList<PlannedMigration> Migrations { get; }

    /// <summary>The plan as an annotated SQL script, for reading (passwords redacted). Not meant to be run by hand.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        foreach (var migration in Migrations)
        {
            text.Append("-- migration ").Append(migration.Id).Append(' ').Append(migration.Direction)
                .Append(migration.StepsAlreadyCompleted > 0 ? $" (resuming after step {migration.StepsAlreadyCompleted})" : string.Empty)
                .AppendLine();
            foreach (var step in migration.Steps)
            {
                text.Append("-- step ").Append(step.Number).Append(step.Transactional ? " (one transaction)" : " (outside a transaction)").AppendLine();
                foreach (var statement in step.Statements)
                {
                    text.Append("--   lock_timeout ").Append(statement.LockTimeout > TimeSpan.Zero ? "escalating up to " : string.Empty)
                        .Append(Describe(statement.LockTimeout))
                        .Append(", statement_timeout ").Append(Describe(statement.StatementTimeout))
                        .Append(statement.Rewrites.Count > 0 ? ", rewrites: " + string.Join(", ", statement.Rewrites) : string.Empty)
                        .AppendLine();
                    text.AppendLine(statement.Sql.TrimEnd());
                }
            }
        }

        return text.ToString();
    }

    private static string Describe(TimeSpan? timeout)
        => timeout is null ? "server default" : timeout == TimeSpan.Zero ? "none" : Text.DurationText.Setting(timeout.Value);
}

/// <summary>One migration of a plan.</summary>
public sealed class PlannedMigration
{
    internal PlannedMigration(string id, MigrationDirection direction, string? checksum, IReadOnlyList<PlanStep> steps, int stepsAlreadyCompleted)
    {
        Id = id;
        Direction = direction;
        Checksum = checksum;
        Steps = steps;
        StepsAlreadyCompleted = stepsAlreadyCompleted;
    }

    /// <summary>The migration id (for example <c>20260101000000_AddOrders</c>).</summary>
    public string Id { get; }

    /// <summary>Applied or reverted.</summary>
    public MigrationDirection Direction { get; }

    /// <summary>The migration's checksum as the journal records it (Up only).</summary>
    public string? Checksum { get; }

    /// <summary>
    /// The steps, in order. A step is either one transaction holding several statements or one statement
    /// outside any transaction; the journal records completion step by step, so a failed run resumes at the
    /// first step not completed.
    /// </summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>Steps an earlier, failed run already completed; this run starts after them.</summary>
    public int StepsAlreadyCompleted { get; }
}

/// <summary>One step: a transaction, or a single statement outside any transaction.</summary>
public sealed class PlanStep
{
    internal PlanStep(int number, bool transactional, IReadOnlyList<PlannedStatement> statements)
    {
        Number = number;
        Transactional = transactional;
        Statements = statements;
    }

    /// <summary>1-based position within its migration.</summary>
    public int Number { get; }

    /// <summary>Whether the statements run in one transaction (all or nothing) or one statement runs in autocommit.</summary>
    public bool Transactional { get; }

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<PlannedStatement> Statements { get; }
}

/// <summary>One SQL statement (or command) of a step, with the timeouts it runs under and the rewrites that shaped it.</summary>
public sealed class PlannedStatement
{
    internal PlannedStatement(
        string executableSql, PlannedStatementKind kind, TimeSpan? lockTimeout, TimeSpan? statementTimeout,
        IReadOnlyList<string> rewrites, string? indexSchema = null, string? indexName = null, BackfillOperation? backfill = null)
    {
        Backfill = backfill;
        ExecutableSql = executableSql;
        Sql = Execution.Internal.SecretRedactor.Redact(executableSql);
        Kind = kind;
        LockTimeout = lockTimeout;
        StatementTimeout = statementTimeout;
        Rewrites = rewrites;
        IndexSchema = indexSchema;
        IndexName = indexName;
    }

    /// <summary>The SQL, with any password literal redacted.</summary>
    public string Sql { get; }

    /// <summary>What it does.</summary>
    public PlannedStatementKind Kind { get; }

    /// <summary>
    /// The longest <c>lock_timeout</c> it runs under (<see cref="ExecutionOptions.LockTimeout"/>): its first attempt waits
    /// <see cref="ExecutionOptions.InitialLockTimeout"/>, each retry longer, up to this; <see langword="null"/>: the server's default.
    /// </summary>
    public TimeSpan? LockTimeout { get; }

    /// <summary><c>statement_timeout</c> it runs under; <see cref="TimeSpan.Zero"/>: none; <see langword="null"/>: the server's default.</summary>
    public TimeSpan? StatementTimeout { get; }

    /// <summary>The safe rewrites applied (for example <c>concurrent-index</c>, <c>not-valid-foreign-key</c>).</summary>
    public IReadOnlyList<string> Rewrites { get; }

    /// <summary>For a concurrent index build: the index's schema (<see langword="null"/>: the current schema).</summary>
    public string? IndexSchema { get; }

    /// <summary>For a concurrent index build: the index's name, so a retry can drop the INVALID index a failed build leaves.</summary>
    public string? IndexName { get; }

    internal string ExecutableSql { get; }

    /// <summary>For a backfill: the operation the executor runs batch by batch instead of <see cref="ExecutableSql"/>.</summary>
    internal BackfillOperation? Backfill { get; }
}

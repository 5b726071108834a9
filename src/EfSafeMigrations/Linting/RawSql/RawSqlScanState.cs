using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>
/// What the raw SQL scanner knows about the migration around the SQL it scans. One instance per migration,
/// shared by its SQL steps in order (the linter and the analyzer both drive it).
/// </summary>
internal sealed class RawSqlScanState
{
    /// <summary>Tables created earlier in this migration (by name, as PostgreSQL resolves it): empty, so exempt from lock rules.</summary>
    public HashSet<string> NewTables { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Schemas this migration created with a plain CREATE SCHEMA (not IF NOT EXISTS): dropping them loses nothing older.</summary>
    public HashSet<string> NewSchemas { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Columns added and NOT NULL checks validated earlier in this migration (raw SQL and operations alike).</summary>
    public MigrationSchemaFacts Schema { get; } = new();

    /// <summary>Constraints added NOT VALID in the transaction that is still open.</summary>
    public HashSet<string> NotValidInOpenTransaction { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Whether the step being scanned runs outside the migration's transaction (<c>suppressTransaction: true</c>).</summary>
    public bool SuppressTransaction { get; set; }

    /// <summary>
    /// Whether a step holding only a concurrent index statement or a VALIDATE CONSTRAINT runs outside the migration's
    /// transaction even without <c>suppressTransaction</c>, as EfSafeMigrations' SQL generator does. On by default;
    /// off for migrations applied by plain EF.
    /// </summary>
    public bool LoneConcurrentAndValidateRunOutsideTransaction { get; set; } = true;

    /// <summary>Whether the migration has steps other than the one being scanned.</summary>
    public bool MigrationHasOtherSteps { get; set; }

    /// <summary>
    /// Whether whatever applies the migration sets lock_timeout for each step (MigrateSafelyAsync does).
    /// When false, DDL in raw SQL must set it itself.
    /// </summary>
    public bool ExecutorSetsLockTimeout { get; set; } = true;

    /// <summary>
    /// Whether whatever applies the migration sets statement_timeout for each step (MigrateSafelyAsync and the safe
    /// SQL generator's timeouts do; plain EF does not). When false, DDL in raw SQL must set it itself (ESM0050).
    /// </summary>
    public bool ExecutorSetsStatementTimeout { get; set; } = true;

    /// <summary>
    /// Whether whatever applies the migration makes a repeated <c>CREATE INDEX CONCURRENTLY</c> harmless (MigrateSafelyAsync
    /// drops a failed build's INVALID index first and keeps a valid one when it resumes): then ESM0047 leaves it alone.
    /// </summary>
    public bool ExecutorResumesConcurrentBuilds { get; set; } = true;

    /// <summary>The server's PostgreSQL major version when known (the advice of ESM0033 and ESM0034 depends on it).</summary>
    public int? PostgresVersion { get; set; }

    /// <summary>
    /// The last step of the migration that adds each foreign key (by name), filled once by the caller: dropping a key a
    /// later step adds replaces it (ESM0048).
    /// </summary>
    public Dictionary<string, int> ForeignKeyAddedAtStep { get; } = new(System.StringComparer.Ordinal);

    /// <summary>The index of the step being scanned among the migration's steps.</summary>
    public int Step { get; set; }

    /// <summary>Whether a step after the current one adds a foreign key named <paramref name="name"/>.</summary>
    public bool ForeignKeyAddedAfterThisStep(string name) => ForeignKeyAddedAtStep.TryGetValue(name, out var step) && step > Step;

    /// <summary>Types and domains created earlier in this migration: no column or running code depends on them yet.</summary>
    public HashSet<string> NewTypes { get; } = new(System.StringComparer.Ordinal);

    public bool IsNewTable(SqlObjectName? table) => table is not null && NewTables.Contains(table.Name);
}

/// <summary>One rule hit in raw SQL.</summary>
internal sealed class RawSqlHit
{
    public RawSqlHit(Rule rule, SqlStatement statement, params string[] arguments)
    {
        Rule = rule;
        Statement = statement;
        Arguments = arguments;
    }

    public Rule Rule { get; }

    public SqlStatement Statement { get; }

    /// <summary>The values for the rule's <see cref="EfSafeMigrations.Rule.MessageFormat"/> placeholders.</summary>
    public string[] Arguments { get; }

    /// <summary>The most severe this hit may be reported, when less is known than the rule assumes (null: the rule's severity).</summary>
    public RuleSeverity? MostSevere { get; set; }

    public string Message => Rule.FormatMessage(Arguments);
}

namespace EfSafeMigrations;

/// <summary>
/// Which safe rewrites are applied. All are on by default. Each rewrite is applied twice: the model differ
/// writes it into scaffolded migrations (so a reviewer sees it), and the SQL generator applies it to
/// hand-written plain operations as a safety net. Tables created in the same migration are never rewritten:
/// they are empty and invisible to other sessions, so the plain form is safe and faster.
/// </summary>
public sealed class RewriteOptions
{
    /// <summary>
    /// <c>CREATE INDEX</c> and <c>DROP INDEX</c> on existing tables run <c>CONCURRENTLY</c>, outside a
    /// transaction (plain forms block writes for the whole build). Default: <see langword="true"/>.
    /// Turning it on or off never makes EF drop and recreate existing indexes.
    /// </summary>
    public bool ConcurrentIndexes { get; set; } = true;

    /// <summary>
    /// Foreign keys added to existing tables are added <c>NOT VALID</c> and validated in a separate step
    /// (the plain form scans the table under a lock that blocks writes on both tables). Default: <see langword="true"/>.
    /// </summary>
    public bool NotValidForeignKeys { get; set; } = true;

    /// <summary>
    /// Check constraints added to existing tables are added <c>NOT VALID</c> and validated in a separate step
    /// (the plain form scans the table under <c>ACCESS EXCLUSIVE</c>). Default: <see langword="true"/>.
    /// </summary>
    public bool NotValidCheckConstraints { get; set; } = true;

    /// <summary>
    /// <c>SET NOT NULL</c> on an existing column goes through <c>CHECK (c IS NOT NULL) NOT VALID</c>,
    /// <c>VALIDATE</c>, <c>SET NOT NULL</c> (which then skips the scan) and a drop of the helper check.
    /// Default: <see langword="true"/>.
    /// </summary>
    public bool SafeSetNotNull { get; set; } = true;

    /// <summary>
    /// Unique constraints and primary keys added to existing tables are built as a concurrent unique index
    /// and attached with <c>ADD CONSTRAINT ... USING INDEX</c>. Default: <see langword="true"/>.
    /// </summary>
    public bool ConstraintsUsingConcurrentIndex { get; set; } = true;

    /// <summary>
    /// Every generated DDL statement runs under <see cref="ExecutionOptions.LockTimeout"/> and
    /// <see cref="ExecutionOptions.StatementTimeout"/> (index builds and <c>VALIDATE</c> get no statement
    /// timeout). The generator writes the <c>SET</c> statements into the SQL, so scripts and plain
    /// <c>Migrate()</c> get them too. Default: <see langword="true"/>.
    /// </summary>
    public bool Timeouts { get; set; } = true;
}

namespace EfSafeMigrations.Journal.Database;

/// <summary>
/// The database journal, <c>__EfSafeMigrationsJournal</c>, in the schema of the migrations history table. It
/// sits beside <c>__EFMigrationsHistory</c> (which stays exactly as EF's tools expect) and records, per
/// migration, its checksum, its status and which of its steps completed, so that a failed run resumes at
/// the next step. Written by the safe migrator (see <see cref="JournalTableWriter"/>) and, the same way, by the SQL scripts
/// (<see cref="Scripts.Internal.ScriptJournal"/>); documented in
/// docs/execution.md. Status values: <see cref="Statuses"/>.
/// </summary>
internal static class JournalTable
{
    public const string Name = "__EfSafeMigrationsJournal";

    /// <summary>The status column's values.</summary>
    public static class Statuses
    {
        /// <summary>A run is applying it now (or crashed while applying it).</summary>
        public const string Running = "running";

        /// <summary>Applied completely.</summary>
        public const string Applied = "applied";

        /// <summary>Failed with no step completed: nothing of it is in the database.</summary>
        public const string Failed = "failed";

        /// <summary>Failed after some steps completed: those stay, the next run resumes after them.</summary>
        public const string Partial = "partial";

        /// <summary>Adopted as already applied without being run (written by journal verification, not by the migrator).</summary>
        public const string Baseline = "baseline";
    }

    /// <summary>The phase column's values (docs/expand-contract.md); rows written before the column existed, and baselines, have none.</summary>
    public static class Phases
    {
        /// <summary>Applied at deployment (start-up, <c>migrate</c>).</summary>
        public const string Pre = "pre";

        /// <summary>A post-deployment migration, applied after the rollout (<c>migrate --post-deployment</c>).</summary>
        public const string Post = "post";
    }

    /// <summary>The CREATE statement; <paramref name="table"/> is the quoted, schema-qualified name.</summary>
    public static string CreateSql(string table) => $"""
        CREATE TABLE IF NOT EXISTS {table} (
            migration_id text NOT NULL PRIMARY KEY,
            checksum text,
            status text NOT NULL,
            steps_total integer NOT NULL DEFAULT 0,
            steps_completed integer NOT NULL DEFAULT 0,
            last_completed_step integer,
            started_at timestamp with time zone,
            finished_at timestamp with time zone,
            duration_ms bigint,
            failed_statement text,
            error text,
            applied_by_host text,
            applied_by_application text,
            library_version text,
            phase text
        )
        """;

    /// <summary>
    /// Brings a journal table an earlier version created up to this shape: adds the columns added since (phase), reading the
    /// catalog first so that an up-to-date table is not locked by an ALTER on every run. <paramref name="tolerant"/> (the
    /// migrator): a role that may write the table but does not own it leaves it as it is, with a notice, and the migrator then
    /// writes no phase (<see cref="HasPhaseSql"/>); scripts stop at their start instead, before anything of them runs.
    /// </summary>
    public static string UpgradeSql(string table, bool tolerant) => $"""
        DO $esm_journal_upgrade$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {RegClass(table)} AND attname = 'phase' AND NOT attisdropped) THEN
                ALTER TABLE {table} ADD COLUMN phase text;
            END IF;{(tolerant ? """

        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'EfSafeMigrations: the journal table is owned by another role; migrations are journaled without their phase';
        """ : string.Empty)}
        END
        $esm_journal_upgrade$
        """;

    /// <summary>Whether the table has the phase column (one row, one boolean).</summary>
    public static string HasPhaseSql(string table)
        => $"SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {RegClass(table)} AND attname = 'phase' AND NOT attisdropped)";

    private static string RegClass(string table) => $"'{table.Replace("'", "''", StringComparison.Ordinal)}'::regclass";
}

/// <summary>One journal row, as the migrator reads it back.</summary>
internal sealed record JournalEntry(string MigrationId, string? Checksum, string Status, int StepsTotal, int StepsCompleted);

using System.Text;
using System.Text.Json;
using EfSafeMigrations.Infrastructure;
using EfSafeMigrations.Journal.Database;
using static EfSafeMigrations.Scripts.Internal.ScriptSql;

namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// The journal as the script keeps it: the same table, rows and step numbers as <c>MigrateSafelyAsync</c>
/// (<see cref="JournalTableWriter"/>), so a later <c>MigrateSafelyAsync</c>, <c>status</c> or <c>check</c> accepts the
/// database, and a run of either that stopped half-way is resumed by the other. Plus the check that runs first and
/// stops the script before anything of it runs when the database's journal disagrees with the migrations.
/// </summary>
internal sealed class ScriptJournal(ScriptSql sql)
{
    private const string Unfinished = $"('{JournalTable.Statuses.Running}', '{JournalTable.Statuses.Failed}', '{JournalTable.Statuses.Partial}')";

    // Who applied it: the script runs on a machine the generator never sees; the server knows the client.
    private const string AppliedByHost = "coalesce(host(inet_client_addr()), 'local socket')";
    private const string AppliedByApplication = "'SQL script (' || coalesce(nullif(current_setting('application_name'), ''), 'no application_name') || ')'";

    private string Table => sql.JournalTable;

    /// <summary>
    /// One <c>DO</c> block, before any migration: stops with <c>RAISE EXCEPTION</c> (naming the migration and the fix)
    /// when an applied migration's recorded checksum differs from this build's, when a migration to resume changed, and
    /// (plain scripts, which assume the database is at <c>--from</c>) when a migration to apply is applied already, one
    /// to revert is not, or one to apply was partly applied by an earlier run. Then adopts, as <c>MigrateSafelyAsync</c>
    /// does, migrations applied without EfSafeMigrations (a history row, no journal row) as a baseline.
    /// </summary>
    public void WriteCheck(StringBuilder text, ScriptPlan plan)
    {
        var actions = plan.Migrations.ToDictionary(m => m.Id, StringComparer.Ordinal);
        text.AppendLine("DO $esm_check$")
            .AppendLine("DECLARE")
            .AppendLine("    migrations CONSTANT jsonb := $esm_migrations$[");
        for (var i = 0; i < plan.AllChecksums.Count; i++)
        {
            var (id, checksum) = plan.AllChecksums[i];
            actions.TryGetValue(id, out var inScript);
            var entry = JsonSerializer.Serialize(new ScriptJournalEntry(
                id, checksum, inScript?.Steps.Count, inScript is null ? null : inScript.Direction == MigrationDirection.Up ? "apply" : "revert"));
            text.Append("        ").Append(entry).AppendLine(i < plan.AllChecksums.Count - 1 ? "," : string.Empty);
        }

        text.AppendLine("    ]$esm_migrations$;")
            .AppendLine("    problem record;")
            .AppendLine("BEGIN")
            .AppendLine("    FOR problem IN")
            .AppendLine("        WITH state AS (")
            .AppendLine("            SELECT s.id, s.checksum, s.steps, s.action, j.checksum AS recorded, j.status, j.steps_total, j.steps_completed,")
            .AppendLine($"                   EXISTS (SELECT 1 FROM {sql.HistoryTable} h WHERE h.\"MigrationId\" = s.id) AS applied")
            .AppendLine("            FROM jsonb_to_recordset(migrations) AS s(id text, checksum text, steps integer, action text)")
            .AppendLine($"            LEFT JOIN {Table} j ON j.migration_id = s.id)")
            .AppendLine("        SELECT * FROM (");
        var checks = new List<string>
        {
            Check(1, "applied AND recorded IS NOT NULL AND recorded <> checksum",
                "migration %s was edited after it was applied to this database (checksum %s applied, %s in this script)",
                "left(recorded, 12), left(checksum, 12)",
                "Revert the edit, put the change in a new migration and generate the script again; or, if the database already matches the " +
                "edited migration, accept the edit (dotnet run -- journal repair --accept %s, or RepairJournalAsync) and generate the script again."),
            Check(2, $"action = 'apply' AND NOT applied AND status IN {Unfinished} AND steps_completed > 0 AND (recorded IS DISTINCT FROM checksum OR steps_total <> steps)",
                "migration %s was partly applied by an earlier run (%s of %s steps) but has changed since (its checksum or step count differs), so it cannot be resumed",
                "steps_completed, steps_total",
                $"Restore the migration as it was and generate the script again, or repair the database by hand and delete the row of %s from {Table.Replace("%", "%%", StringComparison.Ordinal)}."),
        };
        if (!plan.Idempotent)
        {
            const string Regenerate = "Generate the script from the migration the database is at (dotnet ef migrations script <last applied> [<target>]), or with --idempotent.";
            checks.Add(Check(3, "action = 'apply' AND applied", "migration %s, which this script applies, is already applied to this database", null, Regenerate));
            checks.Add(Check(4, "action = 'revert' AND NOT applied", "migration %s, which this script reverts, is not applied to this database", null, Regenerate));
            checks.Add(Check(5, $"action = 'apply' AND NOT applied AND status IN {Unfinished} AND steps_completed > 0",
                "migration %s was partly applied by an earlier run (%s of %s steps completed); this script would run it again from its first step",
                "steps_completed, steps_total",
                "Generate the script with --idempotent (it resumes after the completed steps), or finish with MigrateSafelyAsync or the migrate command."));
        }

        text.AppendLine(string.Join("            UNION ALL\n", checks).TrimEnd())
            .AppendLine("        ) problems ORDER BY rank, id")
            .AppendLine("    LOOP")
            .AppendLine("        RAISE EXCEPTION USING MESSAGE = problem.message, HINT = problem.hint;")
            .AppendLine("    END LOOP;")
            .AppendLine($"    INSERT INTO {Table} (migration_id, checksum, status, started_at, finished_at, applied_by_host, applied_by_application, library_version)")
            .AppendLine($"    SELECT h.\"MigrationId\", s.checksum, '{JournalTable.Statuses.Baseline}', now(), now(), {AppliedByHost}, {AppliedByApplication}, {Literal(SafeMigrationsAssembly.Version)}")
            .AppendLine($"    FROM {sql.HistoryTable} h")
            .AppendLine("    LEFT JOIN jsonb_to_recordset(migrations) AS s(id text, checksum text) ON s.id = h.\"MigrationId\"")
            .AppendLine($"    WHERE NOT EXISTS (SELECT 1 FROM {Table} j WHERE j.migration_id = h.\"MigrationId\")")
            .AppendLine("    ON CONFLICT (migration_id) DO NOTHING;")
            .AppendLine("END")
            .AppendLine("$esm_check$;");
    }

    private static string Check(int rank, string condition, string message, string? arguments, string hint)
        => $"            SELECT {rank} AS rank, id,\n" +
           $"                   format({Literal("EfSafeMigrations: " + message + ". Nothing of this script was applied.")}, id{(arguments is null ? "" : ", " + arguments)}) AS message,\n" +
           $"                   format({Literal(hint)}, id) AS hint\n" +
           $"            FROM state WHERE {condition}\n";

    /// <summary>
    /// The migration is starting: a <c>running</c> row with its checksum and step count. An unfinished row of the same
    /// migration (same checksum and steps) keeps its completed steps: the run resumes after them, as <c>MigrateSafelyAsync</c> does.
    /// </summary>
    public string Start(ScriptMigration migration)
    {
        const string Resumes = $"j.status IN {Unfinished} AND j.checksum = EXCLUDED.checksum AND j.steps_total = EXCLUDED.steps_total";
        return $"""
            INSERT INTO {Table} AS j (migration_id, checksum, status, steps_total, steps_completed, last_completed_step, started_at,
                                       finished_at, duration_ms, failed_statement, error, applied_by_host, applied_by_application, library_version, phase)
            VALUES ({Literal(migration.Id)}, {Literal(migration.Checksum)}, '{JournalTable.Statuses.Running}', {migration.Steps.Count}, 0, NULL, now(),
                    NULL, NULL, NULL, NULL, {AppliedByHost}, {AppliedByApplication}, {Literal(SafeMigrationsAssembly.Version)},
                    '{(migration.PostDeployment ? JournalTable.Phases.Post : JournalTable.Phases.Pre)}')
            ON CONFLICT (migration_id) DO UPDATE SET
                checksum = EXCLUDED.checksum, status = EXCLUDED.status, steps_total = EXCLUDED.steps_total,
                steps_completed = CASE WHEN {Resumes} THEN j.steps_completed ELSE 0 END,
                last_completed_step = CASE WHEN {Resumes} THEN j.last_completed_step END,
                started_at = EXCLUDED.started_at, finished_at = NULL, duration_ms = NULL, failed_statement = NULL, error = NULL,
                applied_by_host = EXCLUDED.applied_by_host, applied_by_application = EXCLUDED.applied_by_application,
                library_version = EXCLUDED.library_version, phase = EXCLUDED.phase;
            """;
    }

    /// <summary>A step completed (inside its transaction when it has one); the last one also marks the migration applied.</summary>
    public string StepCompleted(string migrationId, int step, bool last)
        => $"UPDATE {Table} SET steps_completed = {step}, last_completed_step = {step}" +
           (last ? $", status = '{JournalTable.Statuses.Applied}', finished_at = now(), duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::bigint" : string.Empty) +
           $" WHERE migration_id = {Literal(migrationId)};";

    /// <summary>A reverted migration leaves the journal, in the transaction that deletes its history row.</summary>
    public string Delete(string migrationId) => $"DELETE FROM {Table} WHERE migration_id = {Literal(migrationId)};";
}

/// <summary>A line of the check's list: every compiled migration's checksum; steps and action for those the script runs.</summary>
internal sealed record ScriptJournalEntry(
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("checksum")] string Checksum,
    [property: System.Text.Json.Serialization.JsonPropertyName("steps")] int? Steps,
    [property: System.Text.Json.Serialization.JsonPropertyName("action")] string? Action);

using System.Text;
using System.Text.RegularExpressions;
using EfSafeMigrations.Migrations.Internal;
using static EfSafeMigrations.Scripts.Internal.ScriptSql;

namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// Writes a <see cref="ScriptPlan"/> as SQL that psql runs as written: header, history and journal tables, the journal
/// check, then each migration step by step. A transactional step is <c>START TRANSACTION; SET LOCAL ...; ...; COMMIT;</c>
/// with its journal update inside; a non-transactional step is <c>SET ...; statement; RESET ...;</c> and its journal update.
/// The idempotent form wraps each migration and each step in psql's <c>\if</c> on the history and journal tables
/// (EF's <c>DO</c> wrapper cannot hold <c>CONCURRENTLY</c> or a fill's <c>COMMIT</c>).
/// </summary>
internal sealed partial class ScriptWriter(ScriptPlan plan, ScriptSql sql, string historyCreateScript, SafeMigrationsOptions options)
{
    private readonly StringBuilder _text = new();
    private readonly ScriptJournal _journal = new(sql);

    public string Write()
    {
        ScriptHeader.Write(_text, plan, options);
        if (plan.Idempotent)
        {
            _text.AppendLine("\\set ON_ERROR_STOP on").AppendLine();
        }

        // EF's history script comes through the safe generator, with its SET LOCAL timeouts: it gets a transaction.
        _text.AppendLine("-- The history and journal tables, when missing.");
        AppendTransactionControl("START TRANSACTION;");
        if (plan.CreatesHistoryTable)
        {
            // Without transactions (--no-transactions) the generator's SET LOCAL would only warn: the table needs no timeouts.
            AppendStatement(plan.NoTransactions ? LocalTimeoutSetting().Replace(historyCreateScript, string.Empty) : historyCreateScript);
        }

        AppendStatement(sql.CreateJournalTable());
        AppendTransactionControl("COMMIT;");
        _text.AppendLine();
        ScriptPostDeployment.WriteDecision(_text, plan, sql);
        _text.AppendLine("-- The journal check: stops here, before anything runs, when the database's journal disagrees with these migrations.");
        _journal.WriteCheck(_text, plan);
        foreach (var migration in plan.Migrations)
        {
            _text.AppendLine();
            WriteMigration(migration);
        }

        return _text.ToString();
    }

    private void WriteMigration(ScriptMigration migration)
    {
        var up = migration.Direction == MigrationDirection.Up;
        _text.Append("-- Migration ").Append(migration.Id).Append(up ? migration.PostDeployment ? " (apply, post-deployment): " : " (apply): " : " (revert): ")
            .Append(migration.Steps.Count).Append(" step(s), ").Append(migration.Steps.Count(s => !s.Transactional)).AppendLine(" outside a transaction");
        ScriptPostDeployment.BeginMigration(_text, migration);
        if (plan.Idempotent)
        {
            BeginIf(_text, up ? "esm_pending" : "esm_applied", up ? $"NOT {sql.IsApplied(migration.Id)}" : sql.IsApplied(migration.Id));
        }

        if (up)
        {
            AppendStatement(_journal.Start(migration));
        }

        foreach (var step in migration.Steps)
        {
            WriteStep(migration, step, up);
        }

        if (plan.Idempotent)
        {
            EndIf(_text);
        }

        ScriptPostDeployment.EndMigration(_text, migration);
    }

    private void WriteStep(ScriptMigration migration, PlanStep step, bool up)
    {
        var last = step.Number == migration.Steps.Count;
        _text.Append("-- Step ").Append(step.Number).Append(" of ").Append(migration.Steps.Count)
            .AppendLine(step.Transactional ? " (one transaction)" : " (outside a transaction)");
        var guarded = plan.Idempotent && up;
        if (guarded)
        {
            BeginIf(_text, "esm_step", $"{sql.StepsCompleted(migration.Id)} < {step.Number}");
        }

        var transaction = step.Transactional && !plan.NoTransactions;
        if (transaction)
        {
            _text.AppendLine("START TRANSACTION;");
        }

        var timeouts = new StepTimeouts(_text, local: transaction);
        foreach (var statement in step.Statements)
        {
            timeouts.Set(statement);
            WriteStatement(statement);
        }

        timeouts.Reset();
        AppendStatement(up ? _journal.StepCompleted(migration.Id, step.Number, last) : last ? _journal.Delete(migration.Id) : string.Empty);
        if (transaction)
        {
            _text.AppendLine("COMMIT;");
        }

        if (guarded)
        {
            EndIf(_text);
        }
    }

    private void WriteStatement(PlannedStatement statement)
    {
        if (!plan.Idempotent || statement.Kind != PlannedStatementKind.ConcurrentIndex)
        {
            AppendStatement(statement.ExecutableSql);
            return;
        }

        // Idempotent: a drop that an earlier run completed must not fail; a build that an earlier run left INVALID is
        // dropped and built again, one it completed (valid) is kept.
        if (DropIndexConcurrently().IsMatch(statement.ExecutableSql))
        {
            AppendStatement(DropIndexConcurrently().Replace(statement.ExecutableSql, "${drop}IF EXISTS ", 1));
            return;
        }

        var index = statement.IndexName is { } name ? (statement.IndexSchema, name) : ConcurrentIndexSql.TryParse(statement.ExecutableSql);
        if (index is not var (schema, indexName))
        {
            AppendStatement(statement.ExecutableSql);
            return;
        }

        var found = $"FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
                    $"WHERE c.relname = {Literal(indexName)} AND n.nspname = coalesce({Literal(schema)}, current_schema())";
        BeginIf(_text, "esm_index_invalid", $"EXISTS (SELECT 1 {found} AND NOT (i.indisvalid AND i.indisready))");
        _text.Append("DROP INDEX CONCURRENTLY IF EXISTS ").Append(sql.Identifier(indexName, schema)).AppendLine(";");
        EndIf(_text);
        BeginIf(_text, "esm_index_missing", $"NOT EXISTS (SELECT 1 {found})");
        AppendStatement(statement.ExecutableSql);
        EndIf(_text);
    }

    private void AppendTransactionControl(string statement)
    {
        if (!plan.NoTransactions)
        {
            _text.AppendLine(statement);
        }
    }

    /// <summary>Appends a statement, ending it with a semicolon when it has none, so psql never runs it together with the next.</summary>
    private void AppendStatement(string statement)
    {
        var text = statement.TrimEnd();
        if (text.Length == 0)
        {
            return;
        }

        _text.AppendLine(text);
        if (!text.EndsWith(';'))
        {
            _text.AppendLine(";");
        }
    }

    [GeneratedRegex(@"^SET LOCAL (lock_timeout|statement_timeout) [^;\n]*;\r?\n", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LocalTimeoutSetting();

    [GeneratedRegex(@"^(?<drop>\s*DROP\s+INDEX\s+CONCURRENTLY\s+)(?!IF\s+EXISTS)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropIndexConcurrently();
}

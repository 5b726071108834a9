using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Turns a migration's commands into plan steps: consecutive transactional commands form one transaction
/// step, each non-transactional command is a step of its own. The generator's SET timeout commands are
/// dropped: the executor sets each statement's timeouts itself, also after a rollback or a reconnect.
/// </summary>
internal static class MigrationPlanner
{
    /// <param name="historyCommandLast">
    /// The last command is EF's history insert/delete: it always gets a transaction, so that it commits together
    /// with the journal row (EF runs it outside one when the command before it was).
    /// </param>
    public static IReadOnlyList<PlanStep> ToSteps(IReadOnlyList<MigrationCommand> commands, SafeMigrationsOptions options, bool historyCommandLast = false)
    {
        var steps = new List<PlanStep>();
        var transactional = new List<PlannedStatement>();

        void CloseTransaction()
        {
            if (transactional.Count > 0)
            {
                steps.Add(new PlanStep(steps.Count + 1, transactional: true, [.. transactional]));
                transactional.Clear();
            }
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var suppressed = command.TransactionSuppressed && !(historyCommandLast && i == commands.Count - 1);
            var info = SafeCommandInfo.Find(command) ?? new SafeCommandInfo(StatementClassifier.Classify(command.CommandText), []);
            if (info.Kind == StatementKind.TimeoutSetting)
            {
                continue;
            }

            var statement = ToStatement(command.CommandText, info, options);
            if (suppressed)
            {
                CloseTransaction();
                steps.Add(new PlanStep(steps.Count + 1, transactional: false, [statement]));
            }
            else
            {
                transactional.Add(statement);
            }
        }

        CloseTransaction();
        return steps;
    }

    public static PlannedStatement ToStatement(string sql, SafeCommandInfo info, SafeMigrationsOptions options)
    {
        TimeSpan? lockTimeout = null;
        TimeSpan? statementTimeout = null;
        if (options.Rewrites.Timeouts)
        {
            (lockTimeout, statementTimeout) = SafeMigrationsSqlGenerator.TimeoutsFor(info.Kind, options.Execution);
        }

        var kind = info.Kind switch
        {
            StatementKind.ConcurrentIndex => PlannedStatementKind.ConcurrentIndex,
            StatementKind.Validate => PlannedStatementKind.Validate,
            StatementKind.Fill => PlannedStatementKind.Fill,
            StatementKind.Backfill => PlannedStatementKind.Backfill,
            _ => PlannedStatementKind.Ddl,
        };
        var rewrites = options.Rewrites.Timeouts ? [.. info.Rewrites, RewriteNames.Timeouts] : info.Rewrites;
        return new PlannedStatement(sql, kind, lockTimeout, statementTimeout, rewrites, info.IndexSchema, info.IndexName, info.Backfill);
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Timeouts for plain <c>Migrate()</c> and scripts, written so that they never outlive the migration's own
/// statements (a pooler in transaction mode hands a server connection, and whatever was <c>SET</c> on it, to
/// the next client):
/// <list type="bullet">
/// <item>inside a transaction, <c>SET LOCAL</c> at the start of each transaction EF runs (the first one, and
/// the one EF opens again after each non-transactional command) and wherever the timeouts change: the commit
/// or rollback ends them;</item>
/// <item>around non-transactional commands (a concurrent index, <c>VALIDATE</c>, a batched fill), a session-level
/// <c>SET</c> right before the first of a run of them and <c>RESET</c> right after the last, both outside the
/// transaction too, so the next transaction starts from the session's own values.</item>
/// </list>
/// <c>MigrateSafelyAsync</c> drops these commands and sets each statement's timeouts itself.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    /// <summary>
    /// The timeouts a statement of <paramref name="kind"/> runs under when it runs once (null statement timeout: none):
    /// the lock timeout is <see cref="ExecutionOptions.LockTimeout"/>, the ceiling <c>MigrateSafelyAsync</c> escalates to.
    /// </summary>
    public static (TimeSpan LockTimeout, TimeSpan StatementTimeout) TimeoutsFor(StatementKind kind, ExecutionOptions execution)
        => (execution.LockTimeout,
            kind is StatementKind.ConcurrentIndex or StatementKind.Validate or StatementKind.Fill ? TimeSpan.Zero : execution.StatementTimeout);

    private List<MigrationCommand> WithTimeouts(IReadOnlyList<MigrationCommand> commands)
    {
        var result = new List<MigrationCommand>(commands.Count * 2);
        (TimeSpan, TimeSpan)? inTransaction = null; // What SET LOCAL set in the current transaction; null: a new one starts.
        (TimeSpan, TimeSpan)? onSession = null; // What a session-level SET set for non-transactional commands, until its RESET.
        foreach (var command in commands)
        {
            var info = SafeCommandInfo.Find(command)!;
            var wanted = info.Kind == StatementKind.Backfill
                ? (_options.Execution.LockTimeout, TimeSpan.Zero) // The script's DO block runs every batch in one statement.
                : TimeoutsFor(info.Kind, _options.Execution);
            if (command.TransactionSuppressed)
            {
                inTransaction = null;
                if (onSession != wanted)
                {
                    result.Add(TimeoutCommand(wanted, local: false));
                    onSession = wanted;
                }
            }
            else
            {
                if (onSession is not null)
                {
                    result.Add(ResetCommand());
                    onSession = null;
                }

                if (inTransaction != wanted)
                {
                    result.Add(TimeoutCommand(wanted, local: true));
                    inTransaction = wanted;
                }
            }

            result.Add(command);
        }

        if (onSession is not null)
        {
            result.Add(ResetCommand());
        }

        return result;
    }

    private MigrationCommand TimeoutCommand((TimeSpan Lock, TimeSpan Statement) timeouts, bool local)
        => SettingCommand(
            [SafeSql.SetTimeout("lock_timeout", timeouts.Lock, local), SafeSql.SetTimeout("statement_timeout", timeouts.Statement, local)],
            suppressTransaction: !local);

    private MigrationCommand ResetCommand()
        => SettingCommand(SafeSql.ResetTimeouts, suppressTransaction: true);

    private MigrationCommand SettingCommand(IReadOnlyList<string> lines, bool suppressTransaction)
    {
        var builder = new MigrationCommandListBuilder(Dependencies);
        foreach (var line in lines)
        {
            builder.AppendLine(line);
        }

        builder.EndCommand(suppressTransaction);
        var command = builder.GetCommandList()[0];
        SafeCommandInfo.Attach(command, new SafeCommandInfo(StatementKind.TimeoutSetting, [RewriteNames.Timeouts]));
        return command;
    }
}

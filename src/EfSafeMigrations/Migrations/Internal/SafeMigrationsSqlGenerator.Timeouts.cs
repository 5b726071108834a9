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
/// <item>around a non-transactional command (a concurrent index, <c>VALIDATE</c>), a session-level <c>SET</c>
/// right before it and <c>RESET</c> right after, both outside the transaction too, so the next transaction
/// starts from the session's own values.</item>
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
        foreach (var command in commands)
        {
            var info = SafeCommandInfo.Find(command)!;
            var wanted = TimeoutsFor(info.Kind, _options.Execution);
            if (command.TransactionSuppressed)
            {
                inTransaction = null;
                result.Add(TimeoutCommand(wanted, local: false));
                result.Add(command);
                result.Add(ResetCommand());
                continue;
            }

            if (inTransaction != wanted)
            {
                result.Add(TimeoutCommand(wanted, local: true));
                inTransaction = wanted;
            }

            result.Add(command);
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

using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Timeouts: a <c>SET lock_timeout</c> / <c>SET statement_timeout</c> command before each statement whose
/// timeouts differ from the previous one's. Session-level on purpose: <c>SET LOCAL</c> would vanish at the
/// commit EF makes before each non-transactional command.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    /// <summary>The timeouts a statement of <paramref name="kind"/> runs under (null statement timeout: none).</summary>
    public static (TimeSpan LockTimeout, TimeSpan StatementTimeout) TimeoutsFor(StatementKind kind, ExecutionOptions execution)
        => (execution.LockTimeout,
            kind is StatementKind.ConcurrentIndex or StatementKind.Validate or StatementKind.Fill ? TimeSpan.Zero : execution.StatementTimeout);

    private List<MigrationCommand> WithTimeouts(IReadOnlyList<MigrationCommand> commands)
    {
        var result = new List<MigrationCommand>(commands.Count * 2);
        (TimeSpan, TimeSpan)? current = null;
        foreach (var command in commands)
        {
            var info = SafeCommandInfo.Find(command)!;
            var wanted = TimeoutsFor(info.Kind, _options.Execution);
            if (current != wanted)
            {
                result.Add(TimeoutCommand(wanted.LockTimeout, wanted.StatementTimeout));
                current = wanted;
            }

            result.Add(command);
        }

        return result;
    }

    private MigrationCommand TimeoutCommand(TimeSpan lockTimeout, TimeSpan statementTimeout)
    {
        var builder = new MigrationCommandListBuilder(Dependencies);
        builder
            .AppendLine(SafeSql.SetTimeout("lock_timeout", lockTimeout))
            .AppendLine(SafeSql.SetTimeout("statement_timeout", statementTimeout))
            .EndCommand();
        var command = builder.GetCommandList()[0];
        SafeCommandInfo.Attach(command, new SafeCommandInfo(StatementKind.TimeoutSetting, [RewriteNames.Timeouts]));
        return command;
    }
}

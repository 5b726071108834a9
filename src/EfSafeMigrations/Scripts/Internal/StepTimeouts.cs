using System.Text;
using EfSafeMigrations.Migrations.Internal;

namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// The timeouts of one step's statements, as the script sets them: <c>SET LOCAL</c> inside a transaction (its end
/// undoes them), else a session-level <c>SET</c> and, after the step, <c>RESET</c> (the session's own values again).
/// Written again only when a statement needs other values; nothing when the timeouts rewrite is off.
/// </summary>
internal sealed class StepTimeouts(StringBuilder text, bool local)
{
    private (TimeSpan? Lock, TimeSpan? Statement)? _current;

    public void Set(PlannedStatement statement)
    {
        if (statement.LockTimeout is null && statement.StatementTimeout is null)
        {
            return;
        }

        var wanted = (statement.LockTimeout, statement.StatementTimeout);
        if (_current == wanted)
        {
            return;
        }

        text.AppendLine(SafeSql.SetTimeout("lock_timeout", wanted.LockTimeout, local))
            .AppendLine(SafeSql.SetTimeout("statement_timeout", wanted.StatementTimeout, local));
        _current = wanted;
    }

    public void Reset()
    {
        if (!local && _current is not null)
        {
            foreach (var line in SafeSql.ResetTimeouts)
            {
                text.AppendLine(line);
            }
        }

        _current = null;
    }
}

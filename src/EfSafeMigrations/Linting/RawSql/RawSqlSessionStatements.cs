namespace EfSafeMigrations.Linting.RawSql;

/// <summary>Transaction control and timeout settings in raw SQL.</summary>
internal static class RawSqlSessionStatements
{
    public static void Scan(StatementContext context, string keyword, SqlTokenCursor cursor)
    {
        switch (keyword)
        {
            case "set":
                ScanSet(context, cursor);
                break;
            case "reset":
                if (cursor.PeekIs("lock_timeout") || cursor.PeekIs("statement_timeout") || cursor.PeekIs("all"))
                {
                    context.LockTimeoutSet = context.LockTimeoutSet && cursor.PeekIs("statement_timeout");
                    context.StatementTimeoutSet = context.StatementTimeoutSet && cursor.PeekIs("lock_timeout");
                    context.Report(RuleCatalog.RawSqlWithoutLockTimeout, context.Statement.Summary, "it turns the timeout off for what follows");
                }

                break;
            case "rollback" when cursor.PeekIs("to") || cursor.PeekIs("prepared"):
            case "commit" when cursor.PeekIs("prepared"):
                break; // savepoints and two-phase commit of other transactions leave the migration's transaction alone
            default:
                // begin, start transaction, commit, end, rollback, abort
                context.Report(RuleCatalog.TransactionControlInRawSql, context.Statement.Summary);
                break;
        }
    }

    // SET [SESSION | LOCAL] lock_timeout { TO | = } value
    private static void ScanSet(StatementContext context, SqlTokenCursor cursor)
    {
        if (!cursor.Accept("session"))
        {
            cursor.Accept("local");
        }

        var setting = cursor.Peek();
        if (setting is not { } name || !(name.Is("lock_timeout") || name.Is("statement_timeout")))
        {
            return;
        }

        cursor.Position++;
        if (!cursor.Accept("to"))
        {
            cursor.AcceptKind(SqlTokenKind.Operator);
        }

        Apply(context, name.Value, cursor.Peek());
    }

    /// <summary>
    /// <c>SELECT set_config('lock_timeout', '1s', is_local)</c>: the function form of SET, which some teams use because it
    /// takes an expression. Each call with a constant setting name counts like the SET it stands for.
    /// </summary>
    public static void ScanSetConfig(StatementContext context)
    {
        var tokens = context.Statement.Tokens;
        for (var i = 0; i + 4 < tokens.Count; i++)
        {
            if (tokens[i].Is("set_config") && tokens[i + 2].Kind == SqlTokenKind.String
                && tokens[i + 2].Value.Trim().ToLowerInvariant() is "lock_timeout" or "statement_timeout" && tokens[i + 4].Kind == SqlTokenKind.String)
            {
                Apply(context, tokens[i + 2].Value.Trim().ToLowerInvariant(), tokens[i + 4]);
            }
        }
    }

    private static void Apply(StatementContext context, string setting, SqlToken? value)
    {
        var disables = value is null || value.Value.Is("default") || IsZero(value.Value);
        if (disables)
        {
            context.Report(RuleCatalog.RawSqlWithoutLockTimeout, context.Statement.Summary, "it turns the timeout off for what follows");
        }

        if (setting == "lock_timeout")
        {
            context.LockTimeoutSet = !disables;
        }
        else
        {
            context.StatementTimeoutSet = !disables;
        }
    }

    private static bool IsZero(SqlToken token)
    {
        var text = token.Value.Trim();
        var digits = 0;
        while (digits < text.Length && (char.IsDigit(text[digits]) || text[digits] == '.'))
        {
            digits++;
        }

        return token.Kind is SqlTokenKind.Number or SqlTokenKind.String
            && digits > 0
            && double.TryParse(text.Substring(0, digits), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number == 0;
    }
}

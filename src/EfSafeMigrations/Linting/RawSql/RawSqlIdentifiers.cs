using System.Text;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>Identifiers PostgreSQL would silently truncate (ESM0029).</summary>
internal static class RawSqlIdentifiers
{
    /// <summary>PostgreSQL's NAMEDATALEN - 1.</summary>
    public const int MaxIdentifierBytes = 63;

    public static int ByteLength(string identifier) => Encoding.UTF8.GetByteCount(identifier);

    public static bool IsTooLong(string? identifier) => identifier is not null && ByteLength(identifier) > MaxIdentifierBytes;

    public static void CheckLength(StatementContext context)
    {
        var first = context.Statement.Tokens[0];
        if (!(first.Is("create") || first.Is("alter")))
        {
            return; // only names being defined matter; a reference to a long name was reported where it was defined
        }

        foreach (var token in context.Statement.Tokens)
        {
            if (token.IsIdentifier && IsTooLong(token.Value))
            {
                context.Report(RuleCatalog.IdentifierTooLong, token.Value, ByteLength(token.Value).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}

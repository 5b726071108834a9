using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>How a column default behaves when ADD COLUMN fills existing rows with it.</summary>
internal enum DefaultVolatility
{
    /// <summary>Constants, casts and immutable or stable functions (<c>now()</c>): evaluated once, instant since PostgreSQL 11.</summary>
    NonVolatile,

    /// <summary>A function that returns a different value per row: the table is rewritten.</summary>
    Volatile,

    /// <summary>A function the linter does not know: treated as volatile, as PostgreSQL would have to if it were.</summary>
    Unknown,
}

/// <summary>Classifies a default expression (<c>defaultValueSql</c> or <c>DEFAULT ...</c> in raw SQL) by volatility.</summary>
internal static class SqlDefaultExpression
{
    // provolatile = 'v' in pg_proc (and the usual extension functions).
    private static readonly HashSet<string> VolatileFunctions = new(System.StringComparer.Ordinal)
    {
        "random", "random_normal", "setseed", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "gen_random_bytes", "gen_salt", "clock_timestamp", "timeofday", "nextval", "currval", "lastval",
        "setval", "txid_current", "txid_current_if_assigned", "pg_current_xact_id", "pg_current_xact_id_if_assigned",
        "pg_backend_pid", "inet_client_addr", "inet_client_port", "pg_sleep", "dblink", "lo_create", "lo_import",
    };

    // Immutable or stable functions common in defaults: evaluated once for ADD COLUMN.
    private static readonly HashSet<string> NonVolatileFunctions = new(System.StringComparer.Ordinal)
    {
        "now", "transaction_timestamp", "statement_timestamp", "current_setting", "timezone", "date_trunc", "to_timestamp",
        "to_date", "to_char", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval",
        "lower", "upper", "length", "concat", "concat_ws", "format", "replace", "substring", "substr", "trim", "btrim",
        "left", "right", "md5", "abs", "round", "floor", "ceil", "ceiling", "greatest", "least", "coalesce", "nullif",
        "jsonb_build_object", "jsonb_build_array", "json_build_object", "json_build_array", "to_jsonb", "to_json",
        "array", "array_fill", "uuid_nil", "uuid_ns_dns", "uuid_ns_url", "uuid_generate_v3", "uuid_generate_v5",
        "inet", "int4range", "int8range", "tstzrange", "tsrange", "daterange", "numrange", "point", "interval",
        "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
        "session_user", "current_schema", "current_database", "version", "cast", "row", "exists", "hstore",
        "char_length", "character_length", "octet_length", "position", "overlay", "extract", "date_part",
    };

    /// <summary>The volatility of the expression, and the function that makes it volatile (or unknown).</summary>
    public static DefaultVolatility Classify(string expression, out string? function)
    {
        function = null;
        var tokens = SqlTokenizer.Tokenize(expression);
        var result = DefaultVolatility.NonVolatile;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != SqlTokenKind.Word || tokens[i + 1].Kind != SqlTokenKind.OpenParen || IsTypeModifier(tokens, i))
            {
                continue;
            }

            var name = token.Value;
            if (VolatileFunctions.Contains(name))
            {
                function = name + "()";
                return DefaultVolatility.Volatile;
            }

            if (!NonVolatileFunctions.Contains(name) && result == DefaultVolatility.NonVolatile)
            {
                function = name + "()";
                result = DefaultVolatility.Unknown;
            }
        }

        return result;
    }

    // '1'::numeric(10,2), CAST(x AS varchar(20)): a type name followed by its modifiers, not a call.
    private static bool IsTypeModifier(List<SqlToken> tokens, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            var previous = tokens[j];
            if (previous.Kind == SqlTokenKind.Word && previous.Value is "character" or "double" or "bit" or "timestamp" or "time" or "with" or "without" or "zone" or "varying")
            {
                continue;
            }

            return previous.Is("as") || (previous.Kind == SqlTokenKind.Operator && previous.Value == ":" && j > 0 && tokens[j - 1].Value == ":");
        }

        return false;
    }
}

using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>
/// A PostgreSQL column type as written in a migration (<c>character varying(100)</c>, <c>int4</c>,
/// <c>timestamp(3) with time zone</c>, <c>text[]</c>), reduced to a canonical base name, its modifiers
/// and whether it is an array, so that spellings of the same type compare equal.
/// </summary>
internal sealed class SqlColumnType
{
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["int"] = "integer", ["int4"] = "integer", ["int8"] = "bigint", ["int2"] = "smallint",
        ["serial4"] = "serial", ["serial8"] = "bigserial", ["serial2"] = "smallserial",
        ["varchar"] = "character varying", ["char"] = "character", ["bpchar"] = "character",
        ["decimal"] = "numeric", ["bool"] = "boolean", ["float8"] = "double precision", ["float4"] = "real",
        ["timestamp"] = "timestamp without time zone", ["timestamptz"] = "timestamp with time zone",
        ["time"] = "time without time zone", ["timetz"] = "time with time zone", ["varbit"] = "bit varying",
    };

    private SqlColumnType(string baseName, IReadOnlyList<int> modifiers, bool isArray, string original)
    {
        BaseName = baseName;
        Modifiers = modifiers;
        IsArray = isArray;
        Original = original;
    }

    /// <summary>Canonical base name: <c>character varying</c>, <c>integer</c>, <c>timestamp with time zone</c>...</summary>
    public string BaseName { get; }

    /// <summary>The numbers in parentheses (length, precision and scale), if any.</summary>
    public IReadOnlyList<int> Modifiers { get; }

    public bool IsArray { get; }

    /// <summary>The type as written.</summary>
    public string Original { get; }

    public static SqlColumnType Parse(string storeType)
    {
        var text = SqlTokenizer.FoldCase(storeType.Trim());
        var isArray = false;
        while (text.EndsWith("[]", System.StringComparison.Ordinal))
        {
            isArray = true;
            text = text.Substring(0, text.Length - 2).TrimEnd();
        }

        if (text.StartsWith("_", System.StringComparison.Ordinal))
        {
            isArray = true;
            text = text.Substring(1);
        }

        var modifiers = new List<int>();
        var open = text.IndexOf('(');
        if (open >= 0)
        {
            var close = text.IndexOf(')', open);
            var inner = close > open ? text.Substring(open + 1, close - open - 1) : text.Substring(open + 1);
            foreach (var part in inner.Split(','))
            {
                if (int.TryParse(part.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    modifiers.Add(value);
                }
            }

            // "timestamp(3) with time zone": the modifier sits in the middle of the name.
            text = (text.Substring(0, open) + " " + (close > open ? text.Substring(close + 1) : string.Empty)).Trim();
        }

        var name = string.Join(" ", text.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries));
        if (name.StartsWith("pg_catalog.", System.StringComparison.Ordinal))
        {
            name = name.Substring("pg_catalog.".Length);
        }

        name = name switch
        {
            "timestamp without time zone" or "timestamp with time zone" or "time without time zone" or "time with time zone" => name,
            "character varying" or "double precision" or "bit varying" => name,
            _ => Aliases.TryGetValue(name, out var canonical) ? canonical : name,
        };
        return new SqlColumnType(name, modifiers, isArray, storeType);
    }

    public bool IsJson => BaseName == "json" && !IsArray;

    public bool IsTimestampWithoutTimeZone => BaseName == "timestamp without time zone";

    public bool IsFixedLengthCharacter => BaseName == "character";

    public bool IsVarcharWithLength => BaseName == "character varying" && Modifiers.Count > 0;

    public bool IsSerial => !IsArray && BaseName is "serial" or "bigserial" or "smallserial";

    /// <summary>A 32-bit or 16-bit integer: too small for a growing table's key.</summary>
    public bool IsSmallInteger => !IsArray && BaseName is "integer" or "smallint" or "serial" or "smallserial";

    /// <summary>Whether both spellings name the same type.</summary>
    public bool SameAs(SqlColumnType other)
        => BaseName == other.BaseName && IsArray == other.IsArray && SameModifiers(Modifiers, other.Modifiers);

    /// <summary>
    /// Whether ALTER COLUMN ... TYPE from <paramref name="oldType"/> to this type is binary-compatible
    /// (catalog-only, no table rewrite, no index rebuild). The same allow-list as strong_migrations,
    /// minus the changes that depend on the session time zone or on indexes.
    /// </summary>
    public bool IsSafeChangeFrom(SqlColumnType oldType)
    {
        if (SameAs(oldType))
        {
            return true;
        }

        if (IsArray != oldType.IsArray || IsArray)
        {
            return false;
        }

        switch (BaseName)
        {
            case "character varying":
                return oldType.BaseName is "text" or "citext"
                    ? Modifiers.Count == 0
                    : oldType.BaseName == "character varying" && WidensLength(oldType);
            case "text":
                return oldType.BaseName is "character varying" or "text" or "citext";
            case "citext":
                // citext declares binary casts from and to text and varchar: no rewrite (indexes on the column are rebuilt).
                return oldType.BaseName is "text" or "character varying";
            case "bit varying":
                return oldType.BaseName == "bit varying" && WidensLength(oldType);
            case "numeric":
                return oldType.BaseName == "numeric"
                    && (Modifiers.Count == 0
                        || (oldType.Modifiers.Count > 0 && Modifiers[0] >= oldType.Modifiers[0] && Scale(this) == Scale(oldType)));
            case "timestamp without time zone" or "timestamp with time zone" or "time without time zone" or "interval":
                return oldType.BaseName == BaseName && Precision(this) >= Precision(oldType);
            case "inet":
                return oldType.BaseName == "cidr";
            default:
                return false;
        }
    }

    /// <summary>
    /// What the type-change message adds about a change outside the allow-list: <c>timestamp</c> to <c>timestamptz</c>
    /// keeps the stored values (no rewrite) only when the session time zone is UTC, on PostgreSQL 12+.
    /// </summary>
    public string DescribeChangeFrom(SqlColumnType oldType)
        => BaseName == "timestamp with time zone" && oldType.BaseName == "timestamp without time zone" && !IsArray && !oldType.IsArray
            ? Original + " (this rewrites the table unless the session time zone is UTC, on PostgreSQL 12+)"
            : Original;

    public override string ToString() => Original;

    // A missing limit means unlimited; a limit may only grow.
    private bool WidensLength(SqlColumnType oldType)
        => Modifiers.Count == 0 || (oldType.Modifiers.Count > 0 && Modifiers[0] >= oldType.Modifiers[0]);

    private static int Scale(SqlColumnType type) => type.Modifiers.Count > 1 ? type.Modifiers[1] : 0;

    private static int Precision(SqlColumnType type) => type.Modifiers.Count > 0 ? type.Modifiers[0] : 6;

    private static bool SameModifiers(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}

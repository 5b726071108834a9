using System.Text.RegularExpressions;

namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// What the analyzers need to know about PostgreSQL store type names as written in migrations
/// (<c>character varying(100)</c>, <c>varchar(100)</c>, <c>timestamp(3) without time zone</c>...).
/// </summary>
internal static class StoreTypes
{
    private static readonly Regex Sized = new(@"^(?<base>[a-z ]+?)\s*(\((?<args>[0-9 ,]+)\))?(?<suffix>\s+with(out)?\s+time\s+zone)?$", RegexOptions.CultureInvariant);

    public static bool IsJson(string type) => type == "json";

    public static bool IsSerial(string type) => type is "serial" or "bigserial" or "smallserial" or "serial2" or "serial4" or "serial8";

    public static bool IsTimestampWithoutTimeZone(string type) => Parse(type) is { Base: "timestamp" } t && t.Suffix != "with time zone";

    public static bool IsChar(string type) => Parse(type) is { } t && t.Base is "character" or "char" or "bpchar";

    public static bool IsVarcharWithLength(string type) => Parse(type) is { } t && t.Base is "character varying" or "varchar" && t.Arguments.Length == 1;

    public static bool IsInt32OrSmaller(string type) => type is "integer" or "int" or "int4" or "smallint" or "int2" or "serial" or "serial4" or "smallserial" or "serial2";

    /// <summary>
    /// Whether changing a column from <paramref name="from"/> to <paramref name="to"/> keeps the stored bytes (no rewrite):
    /// varchar widening or to text, numeric precision increase at the same scale or to unconstrained numeric,
    /// larger timestamp/time/interval precision, cidr to inet.
    /// </summary>
    public static bool IsBinaryCompatibleChange(string from, string to)
    {
        if (Parse(from) is not { } a || Parse(to) is not { } b)
        {
            return false;
        }

        if (a.Base is "character varying" or "varchar" or "text")
        {
            return b.Base == "text" || (b.Base is "character varying" or "varchar" && (b.Arguments.Length == 0 || (a.Arguments.Length == 1 && b.Arguments[0] >= a.Arguments[0])));
        }

        if (a.Base is "numeric" or "decimal" && b.Base is "numeric" or "decimal")
        {
            return b.Arguments.Length == 0 || (a.Arguments.Length == 2 && b.Arguments.Length == 2 && b.Arguments[0] >= a.Arguments[0] && b.Arguments[1] == a.Arguments[1]);
        }

        if (a.Base is "timestamp" or "time" or "interval" && a.Base == b.Base && a.Suffix == b.Suffix)
        {
            return b.Arguments.Length == 0 || (a.Arguments.Length == 1 && b.Arguments[0] >= a.Arguments[0]);
        }

        return a.Base == "cidr" && b.Base == "inet";
    }

    private static Parsed? Parse(string type)
    {
        var match = Sized.Match(type.Trim().ToLowerInvariant());
        if (!match.Success)
        {
            return null;
        }

        var args = match.Groups["args"].Success
            ? System.Array.ConvertAll(match.Groups["args"].Value.Split(','), part => int.Parse(part.Trim(), System.Globalization.CultureInfo.InvariantCulture))
            : new int[0];
        var suffix = System.Text.RegularExpressions.Regex.Replace(match.Groups["suffix"].Value.Trim(), @"\s+", " ");
        var baseName = match.Groups["base"].Value.Trim();
        if (baseName == "timestamptz")
        {
            (baseName, suffix) = ("timestamp", "with time zone");
        }

        return new Parsed(baseName, args, suffix);
    }

    private sealed class Parsed
    {
        public Parsed(string baseName, int[] arguments, string suffix)
        {
            Base = baseName;
            Arguments = arguments;
            Suffix = suffix;
        }

        public string Base { get; }

        public int[] Arguments { get; }

        public string Suffix { get; }
    }
}

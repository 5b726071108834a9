using System.Globalization;
using System.Text.RegularExpressions;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// Which column type changes keep every value. Anything not on this short list counts as possibly losing
/// data (narrowing, or a conversion that can fail or change values) and needs the allow-list.
/// </summary>
internal static partial class TypeChanges
{
    private static readonly string[] IntegerWidth = ["smallint", "integer", "bigint"];

    public static bool KeepsEveryValue(string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        var (fromBase, fromArgs) = Split(from);
        var (toBase, toArgs) = Split(to);
        var fromInteger = Array.IndexOf(IntegerWidth, from);
        var toInteger = Array.IndexOf(IntegerWidth, to);
        if (fromInteger >= 0 && (toInteger >= fromInteger || to == "numeric"))
        {
            return true;
        }

        return (fromBase, toBase) switch
        {
            ("character varying" or "character" or "text", "text") => true,
            ("character varying" or "character" or "text", "character varying") => toArgs.Length == 0
                || (fromArgs.Length == 1 && fromBase != "text" && toArgs[0] >= fromArgs[0]),
            ("numeric", "numeric") => toArgs.Length == 0
                || (fromArgs.Length == 2 && toArgs.Length == 2 && toArgs[1] == fromArgs[1] && toArgs[0] >= fromArgs[0]),
            ("real", "double precision") => true,
            ("timestamp without time zone" or "timestamp with time zone", _) when fromBase == toBase
                => fromArgs.Length == 0 ? toArgs.Length == 0 : toArgs.Length == 0 || toArgs[0] >= fromArgs[0],
            _ => false,
        };
    }

    // "character varying(20)" -> ("character varying", [20]); "timestamp(3) with time zone" -> ("timestamp with time zone", [3]).
    private static (string Base, int[] Args) Split(string type)
    {
        var match = TypeArguments().Match(type);
        if (!match.Success)
        {
            return (type, []);
        }

        var args = match.Groups[1].Value.Split(',').Select(a => int.Parse(a.Trim(), CultureInfo.InvariantCulture)).ToArray();
        return (type.Remove(match.Index, match.Length), args);
    }

    [GeneratedRegex(@"\(([0-9, ]+)\)")]
    private static partial Regex TypeArguments();
}

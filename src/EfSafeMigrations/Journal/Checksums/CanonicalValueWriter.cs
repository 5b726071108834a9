using System.Collections;
using System.Globalization;
using System.Text;

namespace EfSafeMigrations.Journal.Checksums;

/// <summary>
/// Writes a CLR value (a default value, a seed-data cell, an annotation value) as canonical text.
/// The value's type is not written: C# code generation turns an <c>int</c> default into a literal that
/// compiles back to an <c>int</c>, but a few types (nullable wrappers, provider-specific enums) do not
/// survive the trip under the same name, and a type's full name carries its assembly version.
/// </summary>
internal static class CanonicalValueWriter
{
    public static void Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                WriteString(text, s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case char c:
                WriteString(text, c.ToString());
                break;
            case Enum e:
                // By name: numeric values of provider enums are an implementation detail.
                text.Append('#').Append(e.ToString());
                break;
            case float f:
                text.Append(f.ToString("R", CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                text.Append("datetime:").Append(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dto:
                text.Append("datetimeoffset:").Append(dto.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                text.Append("date:").Append(date.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                text.Append("time:").Append(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                text.Append("timespan:").Append(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid guid:
                text.Append("guid:").Append(guid.ToString("D"));
                break;
            case byte[] bytes:
                text.Append("bytes:").Append(Convert.ToHexString(bytes).ToLowerInvariant());
                break;
            case IFormattable number when IsNumber(number):
                text.Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case Array { Rank: > 1 } matrix:
                WriteMatrix(text, matrix);
                break;
            case IEnumerable sequence:
                text.Append('[');
                var first = true;
                foreach (var item in sequence)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    Write(text, item);
                }

                text.Append(']');
                break;
            case IFormattable formattable:
                text.Append(formattable.GetType().Name).Append(':').Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value.GetType().Name).Append(':');
                WriteString(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }

    /// <summary>A quoted string with line endings normalised, so a checkout with CRLF hashes the same.</summary>
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in NormalizeLineEndings(value))
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }

    public static string NormalizeLineEndings(string value)
        => value.Contains('\r', StringComparison.Ordinal)
            ? value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : value;

    private static bool IsNumber(IFormattable value)
        => value is sbyte or byte or short or ushort or int or uint or long or ulong or decimal or System.Numerics.BigInteger
            or Half or Int128 or UInt128;

    private static void WriteMatrix(StringBuilder text, Array matrix)
    {
        // Seed data (InsertData values) is a [rows, columns] array.
        text.Append('[');
        for (var row = 0; row < matrix.GetLength(0); row++)
        {
            if (row > 0)
            {
                text.Append(',');
            }

            text.Append('[');
            for (var column = 0; column < matrix.GetLength(1); column++)
            {
                if (column > 0)
                {
                    text.Append(',');
                }

                Write(text, matrix.GetValue(row, column));
            }

            text.Append(']');
        }

        text.Append(']');
    }
}

using System.Globalization;
using System.Text.Json;

namespace EfSafeMigrations.Journal.File;

/// <summary>
/// The 1-based line of every JSON path in a document (<c>$.entries[2].checksum</c>), so that errors
/// about content, not only syntax, can point at a line. Call only on syntactically valid JSON.
/// </summary>
internal static class JsonLineMap
{
    public static IReadOnlyDictionary<string, int> Build(ReadOnlySpan<byte> utf8)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8);
        var path = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? pendingProperty = null;
        var lineStarts = LineStarts(utf8);

        while (reader.Read())
        {
            var line = LineOf(lineStarts, reader.TokenStartIndex);
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = path.Peek().Path + "." + reader.GetString();
                lines[pendingProperty] = line;
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                path.Pop();
                continue;
            }

            var current = CurrentValuePath(path, ref pendingProperty);
            lines.TryAdd(current, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                path.Push((current, 0, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return lines;
    }

    private static string CurrentValuePath(Stack<(string Path, int NextIndex, bool IsArray)> path, ref string? pendingProperty)
    {
        if (path.Count == 0)
        {
            return "$";
        }

        var parent = path.Pop();
        string current;
        if (parent.IsArray)
        {
            current = parent.Path + "[" + parent.NextIndex.ToString(CultureInfo.InvariantCulture) + "]";
            parent = parent with { NextIndex = parent.NextIndex + 1 };
        }
        else
        {
            current = pendingProperty ?? parent.Path;
            pendingProperty = null;
        }

        path.Push(parent);
        return current;
    }

    private static List<long> LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}

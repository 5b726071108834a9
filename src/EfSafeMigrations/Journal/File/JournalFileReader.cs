using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EfSafeMigrations.Journal.File;

/// <summary>
/// Reads a journal file. Anything malformed (bad JSON, merge-conflict markers, a missing or mistyped
/// field, a newer format) throws <see cref="MigrationJournalException"/> naming the file, the line and
/// JSON path, the problem and the fix. Hash and chain checks are the verification's job, not the reader's.
/// </summary>
internal static partial class JournalFileReader
{
    private const string RegenerateFix =
        "Restore the file from version control, or rebuild it from the compiled migrations with RepairJournalFile (see docs/journal.md#repair)";

    public static MigrationJournal ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MigrationJournalException(path, null, null, "the journal file cannot be read: " + e.Message, "Check the path and the file's permissions");
        }

        return Read(path, bytes);
    }

    public static MigrationJournal Read(string source, byte[] utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var conflict = ConflictMarker().Match(text);
        if (conflict.Success)
        {
            throw new MigrationJournalException(source, LineOf(text, conflict.Index), null,
                "unresolved git merge conflict: two branches both added migrations",
                "Keep one side's migrations, remove the other branch's with 'dotnet ef migrations remove', and add them again on top; "
                + "or, when both sides' migrations are independent, take either side of the file and run RepairJournalFile to re-chain it");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.AsMemory().TrimStart(Encoding.UTF8.Preamble.ToArray()));
        }
        catch (JsonException e)
        {
            throw new MigrationJournalException(source, (int?)e.LineNumber + 1, e.Path, "not valid JSON: " + FirstSentence(e.Message), RegenerateFix);
        }

        using (document)
        {
            var lines = JsonLineMap.Build(utf8.AsSpan().TrimStart(Encoding.UTF8.Preamble));
            return new Parser(source, lines).Journal(document.RootElement);
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    [GeneratedRegex("^(<<<<<<<|=======|>>>>>>>)( |$)", RegexOptions.Multiline)]
    private static partial Regex ConflictMarker();

    private sealed class Parser(string source, IReadOnlyDictionary<string, int> lines)
    {
        public MigrationJournal Journal(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "$", "an object");
            var version = Int(root, "$", "formatVersion");
            if (version > MigrationJournal.FormatVersion)
            {
                throw Error("$.formatVersion", $"written in journal format {version}, newer than this EfSafeMigrations understands ({MigrationJournal.FormatVersion})",
                    "Upgrade the EfSafeMigrations package to the version that wrote the file");
            }

            if (version < 1)
            {
                throw Error("$.formatVersion", $"unknown journal format {version}", RegenerateFix);
            }

            var hash = String(root, "$", "hash");
            var context = String(root, "$", "context");
            var algorithm = String(root, "$", "checksumAlgorithm");
            var entriesElement = Property(root, "$", "entries");
            Expect(entriesElement, JsonValueKind.Array, "$.entries", "an array");

            var entries = new List<JournalEntry>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var position = 0;
            foreach (var element in entriesElement.EnumerateArray())
            {
                var entry = Entry(element, $"$.entries[{position.ToString(CultureInfo.InvariantCulture)}]");
                if (seen.TryGetValue(entry.Id, out var earlier))
                {
                    throw Error($"$.entries[{position}].id", $"migration '{entry.Id}' is listed twice (also at entries[{earlier}])",
                        "Remove the duplicate entry, then run RepairJournalFile to re-chain the file");
                }

                seen[entry.Id] = position;
                entries.Add(entry);
                position++;
            }

            return new MigrationJournal(context, algorithm, entries, hash);
        }

        private JournalEntry Entry(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Object, path, "an object");
            var createdText = String(element, path, "created");
            if (!DateTimeOffset.TryParseExact(createdText, JournalEntry.CreatedFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
            {
                throw Error(path + ".created", $"'{createdText}' is not a UTC time like 2026-01-31T12:00:00Z", RegenerateFix);
            }

            var rulesElement = Property(element, path, "assuredRules");
            Expect(rulesElement, JsonValueKind.Array, path + ".assuredRules", "an array of rule ids");
            var rules = new List<string>();
            foreach (var rule in rulesElement.EnumerateArray())
            {
                Expect(rule, JsonValueKind.String, path + ".assuredRules", "an array of rule ids");
                rules.Add(rule.GetString()!);
            }

            return new JournalEntry(
                Int(element, path, "index"),
                String(element, path, "id"),
                String(element, path, "name"),
                created,
                Bool(element, path, "nonTransactional"),
                rules,
                String(element, path, "checksum"),
                String(element, path, "chain"),
                lines.GetValueOrDefault(path));
        }

        private JsonElement Property(JsonElement parent, string path, string name)
            => parent.TryGetProperty(name, out var value)
                ? value
                : throw Error(path, $"the field '{name}' is missing", RegenerateFix);

        private string String(JsonElement parent, string path, string name)
        {
            var value = Property(parent, path, name);
            Expect(value, JsonValueKind.String, path + "." + name, "a string");
            var text = value.GetString()!;
            return text.Length > 0 ? text : throw Error(path + "." + name, $"the field '{name}' is empty", RegenerateFix);
        }

        private int Int(JsonElement parent, string path, string name)
        {
            var value = Property(parent, path, name);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
                ? number
                : throw Error(path + "." + name, $"the field '{name}' must be an integer", RegenerateFix);
        }

        private bool Bool(JsonElement parent, string path, string name)
        {
            var value = Property(parent, path, name);
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : throw Error(path + "." + name, $"the field '{name}' must be true or false", RegenerateFix);
        }

        private void Expect(JsonElement element, JsonValueKind kind, string path, string what)
        {
            if (element.ValueKind != kind)
            {
                throw Error(path, $"expected {what}, found {element.ValueKind.ToString().ToLowerInvariant()}", RegenerateFix);
            }
        }

        private MigrationJournalException Error(string path, string problem, string fix)
            => new(source, lines.TryGetValue(path, out var line) ? line : null, path, problem, fix);
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EfSafeMigrations.Journal.File;

/// <summary>
/// Writes the journal file: deterministic (same content, same bytes), two-space indents, LF line
/// endings and a trailing newline, the whole-file hash near the top so that two branches that both
/// add a migration conflict in git on that line.
/// </summary>
internal static class JournalFileWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(MigrationJournal journal)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", MigrationJournal.FormatVersion);
            json.WriteString("hash", journal.ComputeHash());
            json.WriteString("context", journal.Context);
            json.WriteString("checksumAlgorithm", journal.ChecksumAlgorithm);
            json.WriteStartArray("entries");
            foreach (var entry in journal.Entries)
            {
                json.WriteStartObject();
                json.WriteNumber("index", entry.Index);
                json.WriteString("id", entry.Id);
                json.WriteString("name", entry.Name);
                json.WriteString("created", entry.CreatedText);
                json.WriteBoolean("nonTransactional", entry.NonTransactional);
                json.WriteStartArray("assuredRules");
                foreach (var rule in entry.AssuredRules)
                {
                    json.WriteStringValue(rule);
                }

                json.WriteEndArray();
                json.WriteString("checksum", entry.Checksum);
                json.WriteString("chain", entry.Chain);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the file through a temporary file, so a crash never leaves half a journal.</summary>
    public static void Save(string path, MigrationJournal journal)
    {
        var temporary = path + ".tmp";
        System.IO.File.WriteAllText(temporary, Write(journal), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        System.IO.File.Move(temporary, path, overwrite: true);
    }
}

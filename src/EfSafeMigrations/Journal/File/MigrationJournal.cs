using System.Globalization;
using System.Text;
using EfSafeMigrations.Journal.Checksums;

namespace EfSafeMigrations.Journal.File;

/// <summary>One migration in the journal file.</summary>
/// <param name="Index">0-based position; equals the entry's place in the list.</param>
/// <param name="Id">The migration id (timestamp_Name).</param>
/// <param name="Name">The migration name.</param>
/// <param name="Created">When the entry was written (UTC, whole seconds).</param>
/// <param name="NonTransactional">Whether the migration has steps that run outside a transaction.</param>
/// <param name="AssuredRules">Rule ids the migration declares safe with <c>[SafetyAssured]</c>.</param>
/// <param name="Checksum">The migration's own checksum (<see cref="MigrationChecksum"/>).</param>
/// <param name="Chain">Hash of this entry chained over every earlier entry.</param>
/// <param name="Line">Line of the entry in the file it was read from (0 when built in memory).</param>
internal sealed record JournalEntry(
    int Index,
    string Id,
    string Name,
    DateTimeOffset Created,
    bool NonTransactional,
    IReadOnlyList<string> AssuredRules,
    string Checksum,
    string Chain,
    int Line = 0)
{
    public const string CreatedFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public string CreatedText => Created.UtcDateTime.ToString(CreatedFormat, CultureInfo.InvariantCulture);
}

/// <summary>
/// The journal file's content: every migration of one context in id order, each chained over the
/// ones before, and a hash over the whole at the top (see docs/journal.md). Immutable.
/// </summary>
internal sealed record MigrationJournal(string Context, string ChecksumAlgorithm, IReadOnlyList<JournalEntry> Entries, string? StoredHash = null)
{
    public const int FormatVersion = 1;

    public static MigrationJournal Empty(string context) => new(context, CanonicalOperationWriter.Version, []);

    /// <summary>The chain value of an entry, given the chain value of the entry before it ("" for the first).</summary>
    public static string ChainOf(string previousChain, int index, string id, string checksum)
        => Sha256Hex.Of($"efsafe-chain-v1\n{previousChain}\n{index.ToString(CultureInfo.InvariantCulture)}\n{id}\n{checksum}");

    /// <summary>The whole-file hash: every field of every entry, independent of JSON formatting.</summary>
    public string ComputeHash()
    {
        var text = new StringBuilder("efsafe-journal-v1\n")
            .Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Context).Append('\n')
            .Append(ChecksumAlgorithm).Append('\n');
        foreach (var e in Entries)
        {
            text.Append(e.Index.ToString(CultureInfo.InvariantCulture)).Append('|').Append(e.Id).Append('|').Append(e.Name).Append('|')
                .Append(e.CreatedText).Append('|').Append(e.NonTransactional ? "1" : "0").Append('|')
                .Append(string.Join(',', e.AssuredRules)).Append('|').Append(e.Checksum).Append('|').Append(e.Chain).Append('\n');
        }

        return Sha256Hex.Of(text.ToString());
    }

    /// <summary>A copy with one more entry at the end, chained onto the last.</summary>
    public MigrationJournal Append(string id, string name, DateTimeOffset created, bool nonTransactional, IEnumerable<string> assuredRules, string checksum)
    {
        var index = Entries.Count;
        var previous = index == 0 ? "" : Entries[^1].Chain;
        var entry = new JournalEntry(index, id, name, TruncateToSeconds(created), nonTransactional,
            assuredRules.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), checksum, ChainOf(previous, index, id, checksum));
        return this with { Entries = [.. Entries, entry], StoredHash = null };
    }

    /// <summary>A copy with every index and chain value recomputed from the entries' order and checksums.</summary>
    public MigrationJournal Rechained()
    {
        var rebuilt = Empty(Context);
        foreach (var e in Entries)
        {
            rebuilt = rebuilt.Append(e.Id, e.Name, e.Created, e.NonTransactional, e.AssuredRules, e.Checksum);
        }

        return rebuilt with { ChecksumAlgorithm = CanonicalOperationWriter.Version };
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}

using System.Collections.Concurrent;
using EfSafeMigrations.IntegrationTests.Models.ExpandContract;

namespace EfSafeMigrations.IntegrationTests.ExpandContract;

/// <summary>
/// Release 1 and release 2 of the application writing the same tables at once, each through its own DbContext model: inserts,
/// updates of rows either version inserted (each version takes over rows the other one inserted), and a few rows every writer
/// updates at once. It records the value each written row must hold now, so that both versions' reads can be checked
/// against it: a row is written by one writer at a time (the rows are handed over, never shared), except the contested ones.
/// </summary>
internal sealed class TwoReleasesWorkload(string connectionString, IReadOnlyDictionary<ReleaseChange, Dictionary<long, string?>> before)
{
    /// <summary>Rows of each table (the first ones) that every writer updates at once: no expected value, only agreement.</summary>
    public const int ContestedRows = 2;

    private static readonly ReleaseChange[] Changes = Enum.GetValues<ReleaseChange>();
    private readonly ConcurrentDictionary<(ReleaseChange Change, long Id), string?> _expected = new(
        before.SelectMany(c => c.Value.Where(r => r.Key > ContestedRows).Select(r => KeyValuePair.Create((c.Key, r.Key), Normalize(c.Key, r.Value)))));

    private readonly ConcurrentDictionary<(ApplicationVersion Version, ReleaseChange Change), ConcurrentQueue<long>> _handedOver = new();
    private readonly ConcurrentDictionary<ReleaseChange, int> _inserted = new();
    private int _operations;

    /// <summary>Writes performed so far, by every writer.</summary>
    public int Operations => Volatile.Read(ref _operations);

    /// <summary>What each row that had a single writer at a time must read as now (NULL countries read as the fill).</summary>
    public IReadOnlyDictionary<long, string?> Expected(ReleaseChange change)
        => _expected.Where(e => e.Key.Change == change).ToDictionary(e => e.Key.Id, e => e.Value);

    /// <summary>Rows inserted so far, by either version.</summary>
    public int Inserted(ReleaseChange change) => _inserted.GetValueOrDefault(change);

    /// <summary>The normalised value: a NULL country is filled by the expand's trigger.</summary>
    public static string? Normalize(ReleaseChange change, string? value)
        => change == ReleaseChange.Required ? value ?? ReleaseIds.UnknownCountry : value;

    /// <summary>
    /// Starts <paramref name="writers"/> writers of <paramref name="version"/>; each owns every <paramref name="writers"/>-th row
    /// of <paramref name="share"/> (its slice of the rows that existed before) and runs until <paramref name="until"/> says so.
    /// </summary>
    public Task[] Start(ApplicationVersion version, ApplicationVersion other, int writers, int share, int shares, Func<int, bool> until)
        => Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(version, other, $"{version.Name[^1]}w{w}", share + w, shares, until))).ToArray();

    private async Task WriteAsync(ApplicationVersion version, ApplicationVersion other, string writer, int share, int shares, Func<int, bool> until)
    {
        var random = new Random(share);
        var owned = Changes.ToDictionary(c => c, c => before[c].Keys.Where(id => id > ContestedRows && id % shares == share).ToList());
        for (var i = 0; !until(i); i++)
        {
            var change = Changes[i % Changes.Length];
            var map = version.Rows[change];
            var value = Value(change, version, writer, i);
            await using var db = version.Open(connectionString);
            var roll = random.Next(10);
            if (roll < 3)
            {
                var id = await map.InsertAsync(db, value);
                _expected[(change, id)] = Normalize(change, value);
                _inserted.AddOrUpdate(change, 1, (_, n) => n + 1);
                _handedOver.GetOrAdd((other, change), _ => new()).Enqueue(id);
            }
            else if (roll < 5 && _handedOver.GetOrAdd((version, change), _ => new()).TryDequeue(out var theirs))
            {
                owned[change].Add(theirs);
                await map.UpdateAsync(db, theirs, value);
                _expected[(change, theirs)] = Normalize(change, value);
            }
            else if (roll < 6)
            {
                await map.UpdateAsync(db, 1 + random.Next(ContestedRows), value);
            }
            else if (owned[change] is { Count: > 0 } mine)
            {
                var id = mine[random.Next(mine.Count)];
                await map.UpdateAsync(db, id, value);
                _expected[(change, id)] = Normalize(change, value);
            }

            Interlocked.Increment(ref _operations);
        }
    }

    // Distinct values, with NULLs and duplicates among them; release 2 writes no NULL country (it maps the column as required).
    private static string? Value(ReleaseChange change, ApplicationVersion version, string writer, int i)
    {
        var release2 = version == Release2Context.Version;
        return change switch
        {
            ReleaseChange.ColumnRename => i % 7 == 0 ? null : i % 5 == 0 ? "same@example.com" : $"{writer}-{i}@example.com",
            ReleaseChange.TypeChange => i % 7 == 0 ? null : i % 5 == 0 ? "999" : ((release2 ? 500_000 : 100_000) + (i * 100) + (writer[^1] - '0')).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReleaseChange.Required => !release2 && i % 3 == 0 ? null : i % 5 == 0 ? "NL" : $"country {writer}-{i}",
            _ => i % 5 == 0 ? "Same Name" : $"customer {writer}-{i}",
        };
    }
}

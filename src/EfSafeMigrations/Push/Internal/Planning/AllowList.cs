using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary>
/// The parsed <see cref="PushOptions.AllowDataLoss"/> entries, normalized to <c>table schema.name</c> and
/// <c>column schema.table.column</c> so that entries may leave out the default schema.
/// </summary>
internal sealed class AllowList
{
    private readonly HashSet<string> _entries = new(StringComparer.Ordinal);

    public AllowList(IEnumerable<string> entries, string defaultSchema)
    {
        foreach (var entry in entries)
        {
            _entries.Add(Normalize(entry, defaultSchema));
        }
    }

    public static string TableEntry(QualifiedName table) => $"table {table}";

    public static string ColumnEntry(QualifiedName table, string column) => $"column {table}.{column}";

    public bool Allows(string entry) => _entries.Contains(entry);

    private static string Normalize(string entry, string defaultSchema)
    {
        var trimmed = entry.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var kind = space < 0 ? "" : trimmed[..space];
        var name = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        var parts = name.Split('.');
        return (kind, parts.Length) switch
        {
            ("table", 1) => TableEntry(new QualifiedName(defaultSchema, parts[0])),
            ("table", 2) => TableEntry(new QualifiedName(parts[0], parts[1])),
            ("column", 2) => ColumnEntry(new QualifiedName(defaultSchema, parts[0]), parts[1]),
            ("column", 3) => ColumnEntry(new QualifiedName(parts[0], parts[1]), parts[2]),
            _ => throw new ArgumentException(
                $"PushOptions.AllowDataLoss entry \"{entry}\" is not understood. Write \"table schema.table\" or " +
                "\"column schema.table.column\" (the schema may be left out), exactly as the refusal message names the object.",
                "AllowDataLoss"),
        };
    }
}

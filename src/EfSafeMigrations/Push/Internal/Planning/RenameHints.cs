using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

internal sealed record TableRename(QualifiedName From, QualifiedName To);

internal sealed record ColumnRename(QualifiedName Table, string From, string To);

/// <summary>Parses <see cref="PushOptions.Renames"/>: <c>table [schema.]old -> [schema.]new</c>, <c>column [schema.]table.old -> new</c>.</summary>
internal static class RenameHints
{
    public static (IReadOnlyList<TableRename> Tables, IReadOnlyList<ColumnRename> Columns) Parse(IEnumerable<string> hints, string defaultSchema)
    {
        var tables = new List<TableRename>();
        var columns = new List<ColumnRename>();
        foreach (var hint in hints)
        {
            var arrow = hint.IndexOf("->", StringComparison.Ordinal);
            var left = arrow < 0 ? "" : hint[..arrow].Trim();
            var right = arrow < 0 ? "" : hint[(arrow + 2)..].Trim();
            var space = left.IndexOf(' ', StringComparison.Ordinal);
            var kind = space < 0 ? "" : left[..space];
            var from = space < 0 ? [] : left[(space + 1)..].Trim().Split('.');
            var to = right.Split('.');
            switch (kind, from.Length, to.Length)
            {
                case ("table", 1 or 2, 1 or 2) when right.Length > 0:
                    var fromTable = from.Length == 2 ? new QualifiedName(from[0], from[1]) : new QualifiedName(defaultSchema, from[0]);
                    // "-> new" without a schema keeps the table in its schema.
                    var toTable = to.Length == 2 ? new QualifiedName(to[0], to[1]) : fromTable with { Name = to[0] };
                    tables.Add(new TableRename(fromTable, toTable));
                    break;
                case ("column", 2 or 3, 1) when right.Length > 0:
                    var table = from.Length == 3 ? new QualifiedName(from[0], from[1]) : new QualifiedName(defaultSchema, from[0]);
                    columns.Add(new ColumnRename(table, from[^1], to[0]));
                    break;
                default:
                    throw new ArgumentException(
                        $"PushOptions.Renames entry \"{hint}\" is not understood. Write \"table [schema.]old -> [schema.]new\" " +
                        "or \"column [schema.]table.old -> new\".", "Renames");
            }
        }

        return (tables, columns);
    }
}

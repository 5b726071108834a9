using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// The indexes and constraints of the old column that the new column lacks. A contract drops the old column and, with it, its
/// indexes (a unique one included) and constraints: without copies on the new column the new version would silently lose
/// uniqueness, a foreign key or a check. A copy is what PostgreSQL prints for the old one with the old column's name replaced
/// by the new one (any index name).
/// </summary>
internal static partial class OldColumnDefinitions
{
    public static async Task<IReadOnlyList<string>> MissingAsync(
        NpgsqlConnection connection, string table, ExpandColumnOperation operation, CancellationToken cancellationToken)
    {
        var onOld = await ExpansionCatalog.DefinitionsAsync(connection, table, operation.Name, cancellationToken).ConfigureAwait(false);
        if (onOld.Count == 0)
        {
            return [];
        }

        var present = (await ExpansionCatalog.DefinitionsAsync(connection, table, null, cancellationToken).ConfigureAwait(false))
            .Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var (old, @new) = await ExpansionCatalog.QuotedAsync(connection, operation.Name, operation.NewName, cancellationToken).ConfigureAwait(false);
        return [.. onOld.Select(d => Replace(d, old, @new)).Where(d => !present.Contains(Normalize(d)))];
    }

    /// <summary>Whether a later operation of the run creates a copy on the new column (a loose match: the contract checks exactly).</summary>
    public static bool CopiedLater(string missing, ExpandColumnOperation operation, IEnumerable<MigrationOperation> later)
        => later.Any(o => o switch
        {
            CreateIndexOperation index => Same(index.Table, index.Schema, operation) && index.Columns.Contains(operation.NewName)
                                          && missing.StartsWith("index:", StringComparison.Ordinal),
            AddForeignKeyOperation key => Same(key.Table, key.Schema, operation) && key.Columns.Contains(operation.NewName)
                                          && missing.Contains("FOREIGN KEY", StringComparison.Ordinal),
            AddCheckConstraintOperation check => Same(check.Table, check.Schema, operation) && check.Sql.Contains(operation.NewName, StringComparison.Ordinal)
                                                 && missing.Contains("CHECK", StringComparison.Ordinal),
            SqlOperation sql => sql.Sql.Contains(operation.NewName, StringComparison.Ordinal),
            _ => false,
        });

    private static bool Same(string table, string? schema, ExpansionOperation operation) => table == operation.Table && schema == operation.Schema;

    /// <summary>The definition with the old column replaced: after <c>USING</c> for an index, before <c>REFERENCES</c> for a foreign key.</summary>
    private static string Replace(string definition, string old, string @new)
    {
        var identifier = new Regex($"(?<![\\w\"$]){Regex.Escape(old)}(?![\\w\"$])", RegexOptions.CultureInvariant);
        var (start, end) = definition.StartsWith("index:", StringComparison.Ordinal)
            ? (Math.Max(0, definition.IndexOf(" USING ", StringComparison.Ordinal)), definition.Length)
            : (0, definition.IndexOf(" REFERENCES ", StringComparison.Ordinal) is var references and >= 0 ? references : definition.Length);
        return definition[..start] + identifier.Replace(definition[start..end], @new) + definition[end..];
    }

    /// <summary>Without what may differ between an original and its copy: the index's name, NOT VALID.</summary>
    private static string Normalize(string definition)
        => IndexName().Replace(definition, "index: CREATE $1INDEX ON ").Replace(" NOT VALID", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex("^index: CREATE (UNIQUE )?INDEX (\"(?:[^\"]|\"\")+\"|\\S+) ON ", RegexOptions.CultureInvariant)]
    private static partial Regex IndexName();
}

using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// The columns migrations retired (<c>RetireColumn</c>): their drop in a later migration, EF's <c>DropColumn</c> included, is the
/// planned end of the retirement, not a column dropped under running code (no ESM0018).
/// </summary>
internal static class RetiredColumns
{
    public static IReadOnlySet<string> Of(IMigrationsAssembly assembly, string? activeProvider)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return In(assembly.Migrations.Values.SelectMany(m => assembly.CreateMigration(m, activeProvider ?? string.Empty).UpOperations));
    }

    public static HashSet<string> In(IEnumerable<MigrationOperation> operations)
        => operations.OfType<RetireColumnOperation>().Where(o => o.Stage == ExpansionStage.Expand).Select(o => Key(o.Table, o.Name)).ToHashSet(StringComparer.Ordinal);

    public static string Key(string table, string column) => table + "\u0000" + column;
}

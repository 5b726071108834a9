using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// The columns migrations retired (<c>RetireColumn</c>): their drop in a later migration, EF's <c>DropColumn</c> included, is the
/// planned end of the retirement, not a column dropped under running code (no ESM0018).
/// </summary>
internal static class RetiredColumns
{
    /// <summary>
    /// The retired columns of the assembly's migrations, when <paramref name="linted"/> drops a column at all (else none: each
    /// migration of the assembly is only instantiated when it can matter).
    /// </summary>
    public static IReadOnlySet<string>? WhenDropping(IEnumerable<MigrationOperation> linted, IMigrationsAssembly assembly, string? activeProvider)
        => linted.Any(o => o is DropColumnOperation) ? Of(assembly, activeProvider) : null;

    public static IReadOnlySet<string> Of(IMigrationsAssembly assembly, string? activeProvider)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return In(assembly.Migrations.Values.SelectMany(m => assembly.CreateMigration(m, activeProvider ?? string.Empty).UpOperations));
    }

    public static HashSet<string> In(IEnumerable<MigrationOperation> operations)
        => operations.OfType<RetireColumnOperation>().Where(o => o.Stage == ExpansionStage.Expand).Select(o => Key(o.Table, o.Name)).ToHashSet(StringComparer.Ordinal);

    public static string Key(string table, string column) => table + "\u0000" + column;
}

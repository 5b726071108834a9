using EfSafeMigrations.Journal.Checksums;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Journal;

/// <summary>
/// The checksum of a migration, stored in the journal file and the database journal table: SHA-256
/// (lowercase hex) of a canonical text of the migration's Up operations. The same whether computed
/// by <c>dotnet ef migrations add</c> from the operations it generated code for, or at run time from
/// the compiled migration; insensitive to code formatting and line endings; independent of the SQL
/// the provider would generate. See docs/journal.md.
/// </summary>
public static class MigrationChecksum
{
    /// <summary>Computes the checksum of <paramref name="migration"/>'s Up operations, as lowercase hex.</summary>
    public static string Compute(Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return Compute(migration.UpOperations);
    }

    /// <summary>Computes the checksum of a list of Up operations, as lowercase hex.</summary>
    public static string Compute(IEnumerable<MigrationOperation> upOperations)
        => Sha256Hex.Of(CanonicalOperationWriter.Write(upOperations));

    /// <summary>The canonical text the checksum hashes (for diagnostics and tests).</summary>
    internal static string CanonicalText(IEnumerable<MigrationOperation> upOperations) => CanonicalOperationWriter.Write(upOperations);
}

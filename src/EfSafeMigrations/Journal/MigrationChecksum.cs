using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Journal;

/// <summary>
/// The checksum of a migration, stored in the journal file and the database journal table.
/// Placeholder until the canonical form lands (issue 6): a hash of each Up operation's type and
/// <c>ToString()</c>. Callers depend only on <see cref="Compute"/>.
/// </summary>
public static class MigrationChecksum
{
    /// <summary>Computes the checksum of <paramref name="migration"/>'s Up operations, as lowercase hex.</summary>
    public static string Compute(Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var text = new StringBuilder();
        foreach (var operation in migration.UpOperations)
        {
            text.Append(operation.GetType().Name).Append('|').Append(operation).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}

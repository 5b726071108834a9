using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting;

/// <summary>A compiled migration's Down operations, for ESM0051, read without ever failing the lint.</summary>
internal static class DownOperations
{
    /// <summary>
    /// The operations of <paramref name="migration"/>'s Down: empty when Down is not overridden (EF's base Down throws
    /// NotSupportedException, "the 'Down' method ... has not been implemented"), <see langword="null"/> (unknown) when the
    /// user's Down throws anything else.
    /// </summary>
    public static IReadOnlyList<MigrationOperation>? Of(Migration migration)
    {
        try
        {
            return migration.DownOperations;
        }
        catch (NotSupportedException)
        {
            return [];
        }
#pragma warning disable CA1031 // a Down that cannot be built must not stop linting (or start-up); ESM0051 just stays silent
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}

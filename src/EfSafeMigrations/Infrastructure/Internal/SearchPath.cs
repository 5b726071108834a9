using Npgsql;

namespace EfSafeMigrations.Infrastructure.Internal;

/// <summary>
/// The schema a connection string's <c>Search Path</c> names first: where unqualified names (the history table, the
/// journal, a migration's tables) land. Schema-per-tenant setups give each tenant's connection its own search path.
/// </summary>
internal static class SearchPath
{
    /// <summary>The first schema of <c>Search Path</c> (not <c>$user</c>), or null when the connection string sets none.</summary>
    public static string? FirstSchema(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        var searchPath = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        return searchPath?.Split(',')
            .Select(s => s.Trim().Trim('"'))
            .FirstOrDefault(s => s.Length > 0 && s != "$user");
    }
}

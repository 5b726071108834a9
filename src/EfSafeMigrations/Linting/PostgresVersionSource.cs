using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;

namespace EfSafeMigrations.Linting;

/// <summary>
/// The PostgreSQL major version version-specific rules are checked for: <see cref="LintOptions.TargetPostgresVersion"/>,
/// else Npgsql's <c>SetPostgresVersion</c>, else (when connecting is allowed) the server's.
/// </summary>
internal static class PostgresVersionSource
{
    /// <summary>The configured version, without connecting.</summary>
    public static int? Configured(DbContext context, LintOptions options)
    {
        if (options.TargetPostgresVersion is { } target)
        {
            return target;
        }

        var npgsql = context.GetInfrastructure().GetService(typeof(INpgsqlSingletonOptions)) as INpgsqlSingletonOptions;
        return npgsql is { IsPostgresVersionSet: true } ? npgsql.PostgresVersion.Major : null;
    }

    /// <summary>The configured version, else the server's (opening the context's connection if it is closed).</summary>
    public static async Task<int?> ResolveAsync(DbContext context, LintOptions options, CancellationToken cancellationToken)
    {
        if (Configured(context, options) is { } configured)
        {
            return configured;
        }

        if (context.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return null;
        }

        if (connection.State == System.Data.ConnectionState.Open)
        {
            return connection.PostgreSqlVersion.Major;
        }

        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return connection.PostgreSqlVersion.Major;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}

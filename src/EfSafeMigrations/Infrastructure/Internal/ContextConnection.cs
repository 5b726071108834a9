using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Infrastructure.Internal;

/// <summary>
/// Work on the context's own connection, opened (and closed again) only when it was closed, so a caller that holds it
/// open (the migrator, a user transaction) keeps it as it was.
/// </summary>
internal static class ContextConnection
{
    public static async Task<T> UseAsync<T>(DbContext context, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var opened = false;
        try
        {
            if (connection.State != ConnectionState.Open)
            {
                await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                opened = true;
            }

            return await work(connection).ConfigureAwait(false);
        }
        finally
        {
            if (opened)
            {
                await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }
}

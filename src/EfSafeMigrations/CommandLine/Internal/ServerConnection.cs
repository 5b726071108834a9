using EfSafeMigrations.Execution.Internal;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.CommandLine.Internal;

/// <summary>What a probe of the context's server found.</summary>
internal enum ServerState
{
    Reachable,
    DatabaseMissing,
}

/// <summary>
/// Reaching the context's server, and explaining why not: the host, port, database and user are named, the
/// password never is, and the message says what to fix. Commands probe first so that an unreachable server
/// is a clear, distinct outcome instead of a stack trace from deep inside EF.
/// </summary>
internal static class ServerConnection
{
    /// <summary>Opens and closes the context's connection.</summary>
    /// <exception cref="ServerUnreachableException">The server cannot be reached or refused the login.</exception>
    public static async Task<ServerState> ProbeAsync(DbContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            return ServerState.Reachable;
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return ServerState.DatabaseMissing;
        }
        catch (Exception exception) when (Describe(exception, context) is { } unreachable)
        {
            throw unreachable;
        }
    }

    /// <summary>Where the context connects, for messages: <c>host:port, database d, user u</c> (never the password).</summary>
    public static string Target(DbContext context)
        => context.Database.GetDbConnection() is NpgsqlConnection connection
            ? DatabaseAccessErrors.SettingsOf(connection) is { } settings
                ? DatabaseAccessErrors.Target(settings)
                : "the context's database (its connection string could not be read)"
            : "the context's database";

    /// <summary>A <see cref="ServerUnreachableException"/> when <paramref name="exception"/> means the server cannot be used at all.</summary>
    public static ServerUnreachableException? Describe(Exception exception, DbContext context)
        => DatabaseAccessErrors.Describe(exception, context.Database.GetDbConnection() as NpgsqlConnection) is { IsUnreachable: true } failure
            ? new ServerUnreachableException(failure.Message, failure.Fix, exception)
            : null;
}

/// <summary>The server cannot be used; the message names where it was looked for and <see cref="Fix"/> says what to do.</summary>
internal sealed class ServerUnreachableException(string message, string fix, Exception inner) : Exception(message, inner)
{
    public string Fix { get; } = fix;
}

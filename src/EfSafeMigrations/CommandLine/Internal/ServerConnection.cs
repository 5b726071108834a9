using System.Net.Sockets;
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
    {
        if (context.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return "the context's database";
        }

        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        }
        catch (ArgumentException)
        {
            return "the context's database (its connection string could not be read)";
        }

        // Only these four settings are named: the password (and anything else) never is.
        return $"{(string.IsNullOrEmpty(settings.Host) ? "(no host)" : settings.Host)}:{settings.Port}" +
               (string.IsNullOrEmpty(settings.Database) ? string.Empty : $", database {settings.Database}") +
               (string.IsNullOrEmpty(settings.Username) ? string.Empty : $", user {settings.Username}");
    }

    /// <summary>A <see cref="ServerUnreachableException"/> when <paramref name="exception"/> means the server cannot be used at all.</summary>
    public static ServerUnreachableException? Describe(Exception exception, DbContext context)
    {
        var chain = Chain(exception).ToList();
        var target = Target(context);
        if (chain.OfType<PostgresException>().FirstOrDefault() is { } postgres)
        {
            return postgres.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new ServerUnreachableException(
                    $"The PostgreSQL server at {target} refused the login: {postgres.MessageText}.",
                    "Check the user name and password of the connection string, and pg_hba.conf on the server.", exception),
                PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections => new ServerUnreachableException(
                    $"The PostgreSQL server at {target} does not accept connections now: {postgres.MessageText}.",
                    "Wait until it has started (or connections are free) and run the command again.", exception),
                _ => null,
            };
        }

        if (chain.OfType<SocketException>().FirstOrDefault() is { } socket)
        {
            var why = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused: nothing listens on that port",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve",
                SocketError.TimedOut => "the connection timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network or host is unreachable",
                _ => socket.Message,
            };
            return new ServerUnreachableException(
                $"Cannot reach the PostgreSQL server at {target} ({why}).",
                "Start the server, or fix Host and Port in the connection string your app gives this context.", exception);
        }

        if (chain.Any(e => e is NpgsqlException) && chain.Any(e => e is TimeoutException))
        {
            return new ServerUnreachableException(
                $"Cannot reach the PostgreSQL server at {target} (the connection timed out).",
                "Check that the server runs and that a firewall lets this machine reach Host and Port.", exception);
        }

        return null;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>The server cannot be used; the message names where it was looked for and <see cref="Fix"/> says what to do.</summary>
internal sealed class ServerUnreachableException(string message, string fix, Exception inner) : Exception(message, inner)
{
    public string Fix { get; } = fix;
}

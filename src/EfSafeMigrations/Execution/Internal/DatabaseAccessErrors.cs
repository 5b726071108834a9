using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>A classified access failure: what went wrong, a message naming where, and the fix.</summary>
internal sealed record DatabaseAccessFailure(DatabaseAccessProblem Problem, string Message, string Fix)
{
    /// <summary>The server could not be used at all (the command line's exit code 5).</summary>
    public bool IsUnreachable => Problem is DatabaseAccessProblem.ServerUnreachable or DatabaseAccessProblem.LoginRefused;
}

/// <summary>
/// Turns the errors that mean "this database cannot be used as configured" (unreachable server, refused login,
/// missing <c>CREATEDB</c>, missing grants) into a message that names the host, port, database and role (never the
/// password) and a fix. Shared by <c>MigrateSafelyAsync</c> and the commands, so both say the same thing.
/// </summary>
internal static partial class DatabaseAccessErrors
{
    /// <summary>The failure <paramref name="exception"/> stands for, or <see langword="null"/> when it is another error.</summary>
    public static DatabaseAccessFailure? Describe(Exception exception, NpgsqlConnection? connection)
    {
        var chain = Chain(exception).ToList();
        var settings = SettingsOf(connection);
        var target = Target(settings);
        if (chain.OfType<PostgresException>().FirstOrDefault() is { } postgres)
        {
            return DescribeServerError(postgres, settings, target);
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
            return new(DatabaseAccessProblem.ServerUnreachable, $"Cannot reach the PostgreSQL server at {target} ({why}).",
                "Start the server, or fix Host and Port in the connection string your app gives this context.");
        }

        if (chain.Any(e => e is NpgsqlException) && chain.Any(e => e is TimeoutException))
        {
            return new(DatabaseAccessProblem.ServerUnreachable, $"Cannot reach the PostgreSQL server at {target} (the connection timed out).",
                "Check that the server runs and that a firewall lets this machine reach Host and Port.");
        }

        return null;
    }

    /// <summary>Where a connection points, for messages: <c>host:port, database d, user u</c> (never the password).</summary>
    public static string Target(NpgsqlConnectionStringBuilder? settings)
        => settings is null
            ? "the context's database"
            : $"{(string.IsNullOrEmpty(settings.Host) ? "(no host)" : settings.Host)}:{settings.Port}" +
              (string.IsNullOrEmpty(settings.Database) ? string.Empty : $", database {settings.Database}") +
              (string.IsNullOrEmpty(settings.Username) ? string.Empty : $", user {settings.Username}");

    public static NpgsqlConnectionStringBuilder? SettingsOf(NpgsqlConnection? connection)
    {
        try
        {
            return connection is null ? null : new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static DatabaseAccessFailure? DescribeServerError(PostgresException postgres, NpgsqlConnectionStringBuilder? settings, string target)
    {
        var role = Quote(string.IsNullOrEmpty(settings?.Username) ? "<migration role>" : settings.Username);
        var database = Quote(string.IsNullOrEmpty(settings?.Database) ? "<database>" : settings.Database);
        switch (postgres.SqlState)
        {
            case PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification:
                return new(DatabaseAccessProblem.LoginRefused, $"The PostgreSQL server at {target} refused the login: {postgres.MessageText}.",
                    "Check the user name and password of the connection string, and pg_hba.conf on the server.");
            case PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections:
                return new(DatabaseAccessProblem.ServerUnreachable,
                    $"The PostgreSQL server at {target} does not accept connections now: {postgres.MessageText}.",
                    "Wait until it has started (or connections are free) and run the command again.");
            case PostgresErrorCodes.InsufficientPrivilege:
                break;
            default:
                return null;
        }

        if (postgres.MessageText.Contains("permission denied to create database", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseAccessProblem.CannotCreateDatabase,
                $"The database does not exist and the role may not create it ({target}): the role lacks CREATEDB.",
                $"Create the database once as an administrator (CREATE DATABASE {database} OWNER {role};), " +
                $"or let the role create it: ALTER ROLE {role} CREATEDB;");
        }

        if (SchemaDenied().Match(postgres.MessageText) is { Success: true } schema)
        {
            var name = Quote(schema.Groups["schema"].Value);
            return new(DatabaseAccessProblem.MissingPrivilege,
                $"The role may not create objects in schema {name} ({target}): {postgres.MessageText}.",
                $"As the schema's owner or a superuser: GRANT CREATE ON SCHEMA {name} TO {role}; (and GRANT USAGE ON SCHEMA {name} TO {role}; " +
                "if it lacks that too), or migrate as the schema's owner. Since PostgreSQL 15 only the database owner may create in " +
                "schema public by default.");
        }

        if (DatabaseDenied().IsMatch(postgres.MessageText))
        {
            return new(DatabaseAccessProblem.MissingPrivilege,
                $"The role may not create schemas in the database ({target}): {postgres.MessageText}.",
                $"As the database's owner or a superuser: GRANT CREATE ON DATABASE {database} TO {role};, or migrate as the database's owner.");
        }

        return new(DatabaseAccessProblem.MissingPrivilege, $"The role lacks a privilege the migration needs ({target}): {postgres.MessageText}.",
            "Migrate as the owner of the objects the migration changes (or a role that is a member of it), or grant the privilege named above.");
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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

    [GeneratedRegex(@"permission denied for schema (?<schema>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaDenied();

    [GeneratedRegex(@"^permission denied for database ", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseDenied();
}

using System.Diagnostics;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.Sample;

/// <summary>
/// Where the sample's data lives: the server named by <c>--connection "..."</c> or
/// <see cref="ConnectionStringVariable"/>, used as it is; otherwise a throwaway PostgreSQL started for this
/// run (local server binaries, or Docker when a daemon answers) with a fresh database, both gone at exit.
/// A real app has its connection string already and needs none of this.
/// </summary>
public sealed class SampleDatabase : IAsyncDisposable
{
    public const string ConnectionStringVariable = "EFSAFEMIGRATIONS_SAMPLE_CONNECTION_STRING";

    private readonly IPostgresServer? _server;
    private readonly ThrowawayDatabase? _database;

    private SampleDatabase(string connectionString, string[] arguments, string description, IPostgresServer? server, ThrowawayDatabase? database)
    {
        ConnectionString = connectionString;
        Arguments = arguments;
        Description = description;
        _server = server;
        _database = database;
    }

    /// <summary>The connection string the app's context uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The command line without <c>--connection</c>.</summary>
    public string[] Arguments { get; }

    /// <summary>Where the database is, for people (no password).</summary>
    public string Description { get; }

    /// <summary>
    /// The throwaway server's admin connection (a role with CREATEDB), for push's and check's shadow database;
    /// null for a server the user named.
    /// </summary>
    public string? ShadowConnectionString => _server?.AdminConnectionString;

    /// <summary>Whether the database was created for this run (so the demo may fill it with sample rows).</summary>
    public bool IsThrowaway => _database is not null;

    public static async Task<SampleDatabase> OpenAsync(string[] args)
    {
        var (given, rest) = TakeConnectionOption(args);
        given ??= Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var builder = new NpgsqlConnectionStringBuilder(given);
            return new SampleDatabase(given, rest, $"your server at {builder.Host}:{builder.Port}, database {builder.Database}", null, null);
        }

        if (rest.Any(a => a is "help" or "--help" or "-h"))
        {
            return new SampleDatabase("Host=localhost", rest, "none (help only)", null, null); // help needs no server
        }

        var clock = Stopwatch.StartNew();
        Console.Error.WriteLine($"No connection string ({ConnectionStringVariable} or --connection): starting a throwaway PostgreSQL for this run...");
        var server = await PostgresServerLocator.StartOrConnectAsync();
        try
        {
            var database = await ThrowawayDatabase.CreateAsync(server, "sample");
            Console.Error.WriteLine($"Started in {clock.Elapsed.TotalSeconds:0.0} s: {server.Description}; database {database.Name} (deleted at exit).");
            return new SampleDatabase(database.ConnectionString, rest, $"a throwaway server ({server.Description}), database {database.Name}", server, database);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static (string? ConnectionString, string[] Remaining) TakeConnectionOption(string[] args)
    {
        string? connectionString = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--connection" && i + 1 < args.Length)
            {
                connectionString = args[++i];
            }
            else if (args[i].StartsWith("--connection=", StringComparison.Ordinal))
            {
                connectionString = args[i]["--connection=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return (connectionString, rest.ToArray());
    }
}

using System.Globalization;
using Npgsql;

namespace EfSafeMigrations.ThrowawayPostgres.LocalCluster;

/// <summary>
/// A throwaway PostgreSQL cluster started from the local server binaries: <c>initdb</c> into a
/// temporary folder, <c>pg_ctl start</c> on a free loopback port, durability off (fsync, full page
/// writes) because the data is thrown away, trust authentication on loopback only. Disposing it stops
/// the server and deletes the folder; a cluster whose owning process died is reaped on the next start.
/// </summary>
public sealed class LocalPostgresCluster : IPostgresServer
{
    internal const string FolderPrefix = "efsafe-pg-";
    internal const string OwnerFileName = "owner.pid";
    private const string SuperuserName = "postgres";
    private const int StartAttempts = 5;

    private readonly PostgresBinaries _binaries;
    private readonly ServerAccount _account;
    private readonly string _root;
    private int _stopped;

    private LocalPostgresCluster(PostgresBinaries binaries, ServerAccount account, string root)
    {
        _binaries = binaries;
        _account = account;
        _root = root;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The server's version as it reports it (<c>SHOW server_version</c>), e.g. <c>15.18</c>.</summary>
    public string ServerVersion { get; private set; } = "";

    /// <summary>The folder holding the cluster (data directory and server log).</summary>
    public string Folder => _root;

    /// <summary>The folder of the server binaries it runs (pg_dump and psql sit next to them).</summary>
    public string BinDirectory => _binaries.Directory;

    /// <inheritdoc />
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperuserName,
        Database = "postgres",
        // Admin connections create and drop databases; pooled ones would keep sessions open in them.
        Pooling = false,
    }.ConnectionString;

    /// <inheritdoc />
    public PostgresServerSource Source => PostgresServerSource.LocalBinaries;

    /// <inheritdoc />
    public string Description => $"throwaway PostgreSQL {ServerVersion} cluster from {_binaries.Directory} on 127.0.0.1:{Port}" +
                                 (_account.UserName is null ? "" : $", running as OS user '{_account.UserName}'");

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    /// <summary>Starts a new cluster.</summary>
    /// <param name="getVariable">Reads settings (defaults to the process environment).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="PostgresServerUnavailableException">No binaries were found or the server did not start.</exception>
    public static Task<LocalPostgresCluster> StartAsync(
        Func<string, string?>? getVariable = null, CancellationToken cancellationToken = default)
        => StartAsync(getVariable ?? Environment.GetEnvironmentVariable, "/usr/lib/postgresql", cancellationToken);

    internal static async Task<LocalPostgresCluster> StartAsync(
        Func<string, string?> getVariable, string debianRoot, CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find(getVariable, debianRoot) ?? throw new PostgresServerUnavailableException(
            "No PostgreSQL server could be found. Any one of these fixes it:\n" +
            $"  - set ${PostgresServerLocator.ConnectionStringVariable} to a connection string for an existing server " +
            "(a superuser, or a role with CREATEROLE and CREATEDB);\n" +
            "  - start a Docker daemon (Testcontainers is used when one answers);\n" +
            "  - install the PostgreSQL server binaries (Debian/Ubuntu: 'apt-get install postgresql', or run build/test.sh, " +
            $"which installs them), or point ${PostgresBinaries.BinDirectoryVariable} at the folder holding initdb and pg_ctl.");

        var account = ServerAccount.Current;
        await StaleClusterReaper.ReapAsync(binaries, account, cancellationToken);

        var root = Path.Combine(Path.GetTempPath(), FolderPrefix + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var cluster = new LocalPostgresCluster(binaries, account, root);
        try
        {
            await account.TakeOwnershipAsync(root, cancellationToken);
            await cluster.InitAsync(cancellationToken);
            await cluster.StartOnFreePortAsync(cancellationToken);
            cluster.ServerVersion = await cluster.ReadServerVersionAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        await RunAsServerAsync(_binaries.InitDb,
            ["-D", DataDirectory, "-U", SuperuserName, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            TimeSpan.FromMinutes(2), cancellationToken);

        // Appended as root is fine: the file keeps its owner. Loopback only; sockets in our own folder.
        await File.AppendAllLinesAsync(Path.Combine(DataDirectory, "postgresql.conf"),
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{_root}'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 300",
            "shared_buffers = 128MB",
            "max_locks_per_transaction = 256",
            "log_min_messages = warning",
        ], cancellationToken);
    }

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPort.Free();
            try
            {
                await RunAsServerAsync(_binaries.PgCtl,
                    ["-D", DataDirectory, "-l", LogFile, "-o", $"-p {Port}", "-w", "-t", "60", "start"],
                    TimeSpan.FromSeconds(90), cancellationToken);
                return;
            }
            catch (PostgresServerUnavailableException) when (attempt < StartAttempts)
            {
                // Most often another process took the port between our probe and the bind: try another.
            }
            catch (PostgresServerUnavailableException ex)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "(no server log)";
                throw new PostgresServerUnavailableException($"{ex.Message}\nServer log:\n{log}", ex);
            }
        }
    }

    // Logged in Description: a run against several majors (build/test.sh's version matrix) shows which one it got.
    private async Task<string> ReadServerVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private Task<string> RunAsServerAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (wrappedFile, wrappedArguments) = _account.Wrap(fileName, arguments);
        return ProcessRunner.RunAsync(wrappedFile, wrappedArguments, timeout, cancellationToken);
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await StopAndDeleteAsync(_binaries, _account, _root, "fast", CancellationToken.None);
    }

    // Last resort when the test host exits without disposing (an unhandled exception, Ctrl+C).
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            StopAndDeleteAsync(_binaries, _account, _root, "immediate", CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    internal static async Task StopAndDeleteAsync(
        PostgresBinaries binaries, ServerAccount account, string root, string mode, CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                var (file, arguments) = account.Wrap(binaries.PgCtl, ["-D", data, "-m", mode, "-w", "-t", "30", "stop"]);
                await ProcessRunner.RunAsync(file, arguments, TimeSpan.FromSeconds(45), cancellationToken);
            }
            catch (PostgresServerUnavailableException)
            {
                // Already stopped, or stop failed: deleting the folder below still frees the disk.
            }
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the reaper of the next run.
        }
    }
}

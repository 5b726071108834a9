using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using EfSafeMigrations.ThrowawayPostgres.LocalCluster;
using Npgsql;

namespace EfSafeMigrations.ThrowawayPostgres.Pooler;

/// <summary>
/// A throwaway PgBouncer (Debian package <c>pgbouncer</c>) in front of a test server, the way production puts one:
/// listening on a free loopback port, as the unprivileged server account when this process is root (PgBouncer refuses
/// to run as root), trusting the listed roles (the server behind trusts loopback), in session or transaction pooling.
/// Disposing it stops the process and deletes its folder.
/// </summary>
public sealed class LocalPgBouncer : IAsyncDisposable
{
    private const int StartAttempts = 5;

    private readonly string _root;
    private Process? _process;
    private int _stopped;

    private LocalPgBouncer(string root, PgBouncerPoolMode mode)
    {
        _root = root;
        PoolMode = mode;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port PgBouncer listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The pool mode it runs in.</summary>
    public PgBouncerPoolMode PoolMode { get; }

    private string LogFile => Path.Combine(_root, "pgbouncer.log");

    /// <summary>The pgbouncer executable, or null when it is not installed (Debian: <c>apt-get install pgbouncer</c>).</summary>
    public static string? FindBinary()
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "pgbouncer"))
            .FirstOrDefault(File.Exists);

    /// <summary>Starts PgBouncer in front of the server <paramref name="connectionString"/> points at, for its role.</summary>
    /// <param name="connectionString">
    /// A direct connection string: its host and port name the server; its role (and password, which PgBouncer also uses to
    /// log in to the server) may connect through PgBouncer.
    /// </param>
    /// <param name="mode">Session or transaction pooling.</param>
    /// <param name="poolSize">Server connections per database and role (<c>default_pool_size</c>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="PostgresServerUnavailableException">pgbouncer is not installed or did not start.</exception>
    public static async Task<LocalPgBouncer> StartAsync(
        string connectionString, PgBouncerPoolMode mode, int poolSize = 5, CancellationToken cancellationToken = default)
    {
        var binary = FindBinary() ?? throw new PostgresServerUnavailableException(
            "pgbouncer is not installed (Debian/Ubuntu: apt-get install pgbouncer; build/test.sh installs it when run as root).");
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var root = Path.Combine(Path.GetTempPath(), "efsafe-pgbouncer-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        Directory.CreateDirectory(root);
        var bouncer = new LocalPgBouncer(root, mode);
        try
        {
            // auth_file lines: "role" "password"; clients are trusted, the password is for the server login.
            await File.WriteAllTextAsync(Path.Combine(root, "users.txt"),
                $"{Quoted(server.Username ?? Environment.UserName)} {Quoted(server.Password ?? "")}\n", cancellationToken);
            await ServerAccount.Current.TakeOwnershipAsync(root, cancellationToken);
            await bouncer.StartOnFreePortAsync(binary, server.Host ?? "127.0.0.1", server.Port, poolSize, cancellationToken);
            return bouncer;
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }
    }

    /// <summary><paramref name="directConnectionString"/> with host and port changed to go through this PgBouncer.</summary>
    public string ConnectionStringFor(string directConnectionString)
        => new NpgsqlConnectionStringBuilder(directConnectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    private async Task StartOnFreePortAsync(string binary, string serverHost, int serverPort, int poolSize, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPort.Free();
            var config = Path.Combine(_root, "pgbouncer.ini");
            await File.WriteAllTextAsync(config, Config(serverHost, serverPort, poolSize), cancellationToken);
            await ServerAccount.Current.TakeOwnershipAsync(config, cancellationToken);
            var (file, arguments) = ServerAccount.Current.Wrap(binary, [config]);
            var start = new ProcessStartInfo(file)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            if (await ListensAsync(cancellationToken))
            {
                return;
            }

            await StopProcessAsync();
            if (attempt >= StartAttempts)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "(no log)";
                throw new PostgresServerUnavailableException($"pgbouncer did not start on 127.0.0.1:{Port}. Log:\n{log}");
            }
        }
    }

    private string Config(string serverHost, int serverPort, int poolSize)
    {
        var text = new StringBuilder();
        text.AppendLine("[databases]");
        text.AppendLine($"* = host={serverHost} port={serverPort}");
        text.AppendLine("[pgbouncer]");
        text.AppendLine("listen_addr = 127.0.0.1");
        text.AppendLine($"listen_port = {Port}");
        text.AppendLine("unix_socket_dir =");
        text.AppendLine("auth_type = trust");
        text.AppendLine($"auth_file = {Path.Combine(_root, "users.txt")}");
        text.AppendLine($"pool_mode = {(PoolMode == PgBouncerPoolMode.Transaction ? "transaction" : "session")}");
        text.AppendLine($"default_pool_size = {poolSize}");
        text.AppendLine("max_client_conn = 500");
        text.AppendLine($"logfile = {LogFile}");
        text.AppendLine($"pidfile = {Path.Combine(_root, "pgbouncer.pid")}");
        text.AppendLine("ignore_startup_parameters = extra_float_digits");
        return text.ToString();
    }

    private static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<bool> ListensAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && _process is { HasExited: false })
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return false;
    }

    private async Task StopProcessAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
            finally
            {
                process.Dispose();
            }
        }
    }

    /// <summary>Stops PgBouncer (dropping its client and server connections) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await StopProcessAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary folder: harmless if left.
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

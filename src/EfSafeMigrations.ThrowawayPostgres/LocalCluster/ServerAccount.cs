using System.Runtime.InteropServices;

namespace EfSafeMigrations.ThrowawayPostgres.LocalCluster;

/// <summary>
/// The OS account the server runs as. PostgreSQL refuses to run as root, so when this process is
/// root the server runs as an unprivileged account (<c>postgres</c> when Debian's package created it,
/// else <c>nobody</c>) through <c>runuser</c>.
/// </summary>
internal sealed class ServerAccount
{
    private ServerAccount(string? userName) => UserName = userName;

    /// <summary>The account to switch to, or null to run as the current user.</summary>
    public string? UserName { get; }

    public static ServerAccount Current { get; } = Detect();

    /// <summary>Wraps a command so that it runs as <see cref="UserName"/>.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Wrap(string fileName, IReadOnlyList<string> arguments)
        => UserName is null
            ? (fileName, arguments)
            : ("runuser", ["-u", UserName, "--", fileName, .. arguments]);

    /// <summary>Gives a directory to the server account (no-op when not switching).</summary>
    public async Task TakeOwnershipAsync(string directory, CancellationToken cancellationToken)
    {
        if (UserName is not null)
        {
            await ProcessRunner.RunAsync("chown", ["-R", UserName, directory], TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    private static ServerAccount Detect()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() || NativeMethods.geteuid() != 0)
        {
            return new ServerAccount(null);
        }

        var passwd = File.Exists("/etc/passwd") ? File.ReadAllLines("/etc/passwd") : [];
        var known = passwd.Select(line => line.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        return new ServerAccount(known.Contains("postgres") ? "postgres" : "nobody");
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        public static extern uint geteuid();
    }
}

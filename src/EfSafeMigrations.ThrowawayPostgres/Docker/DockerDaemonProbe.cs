using System.Net.Sockets;
using System.Text;

namespace EfSafeMigrations.ThrowawayPostgres.Docker;

/// <summary>
/// Asks the Docker daemon for <c>/_ping</c> with a short timeout. The docker CLI being installed
/// proves nothing (CI machines ship the client without a daemon), so only an answer counts.
/// </summary>
internal static class DockerDaemonProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static async Task<bool> AnswersAsync(Func<string, string?> getVariable, CancellationToken cancellationToken)
    {
        var endpoint = getVariable("DOCKER_HOST");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var socket = await ConnectAsync(endpoint, timeout.Token);
            if (socket is null)
            {
                return false;
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token);
            var buffer = new byte[512];
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("HTTP/1.", StringComparison.Ordinal) && answer.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException or UriFormatException)
        {
            return false;
        }
    }

    private static async Task<Socket?> ConnectAsync(string? dockerHost, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(dockerHost))
        {
            dockerHost = "unix:///var/run/docker.sock";
        }

        var uri = new Uri(dockerHost);
        if (uri.Scheme == "unix")
        {
            if (!File.Exists(uri.AbsolutePath))
            {
                return null;
            }

            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await unix.ConnectAsync(new UnixDomainSocketEndPoint(uri.AbsolutePath), cancellationToken);
            return unix;
        }

        if (uri.Scheme == "tcp")
        {
            var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await tcp.ConnectAsync(uri.Host, uri.Port, cancellationToken);
            return tcp;
        }

        return null;
    }
}

using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// The test assembly started as a separate OS process in one of <see cref="MigratorProcess"/>'s modes, with its
/// stdout readable line by line while it runs (to act at the moment it reports something), stdin open (closing it
/// tells a holder to let go) and a SIGKILL at hand.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static ChildProcess Start(string mode, string connectionString)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(MigratorProcess).Assembly.Location);
        start.ArgumentList.Add(mode);
        start.Environment[MigratorProcess.ConnectionVariable] = connectionString;
        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._lines.Writer.TryComplete();
                return;
            }

            lock (child._output)
            {
                child._output.AppendLine(e.Data);
            }

            child._lines.Writer.TryWrite(e.Data);
        };
        child._process.ErrorDataReceived += (_, e) =>
        {
            lock (child._errors)
            {
                child._errors.AppendLine(e.Data);
            }
        };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first line (from now on) that matches; fails when the process ends without printing one.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        await foreach (var line in _lines.Reader.ReadAllAsync(cancellationToken))
        {
            if (match(line))
            {
                return line;
            }
        }

        await _process.WaitForExitAsync(cancellationToken);
        throw new AssertionException($"The child process exited ({_process.ExitCode}) without the expected line.\n{Output}\n{Errors}");
    }

    /// <summary>Closes its stdin: a holder takes that as the signal to end its transaction and exit.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>SIGKILL, as an OOM killer or a forced pod deletion does: no cleanup runs in the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<(int ExitCode, string Output, string Errors)> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit(); // drains the redirected streams
        return (_process.ExitCode, Output, Errors);
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

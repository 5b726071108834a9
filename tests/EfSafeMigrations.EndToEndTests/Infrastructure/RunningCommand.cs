using System.Diagnostics;
using System.Text;

namespace EfSafeMigrations.EndToEndTests.Infrastructure;

/// <summary>
/// A command started in the background (the sample app as a process), for what happens to it while it runs: a signal
/// sent the way Kubernetes or systemd send it. <see cref="CommandRunner"/> runs a command to completion instead.
/// </summary>
public sealed class RunningCommand : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _command;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private RunningCommand(Process process, string command) => (_process, _command) = (process, command);

    /// <summary>Starts <c>dotnet &lt;dll&gt; &lt;arguments&gt;</c> with the sample's connection string.</summary>
    public static RunningCommand StartSample(string dll, string connectionString, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        start.Environment[SampleApp.ConnectionStringVariable] = connectionString;
        var running = new RunningCommand(new Process { StartInfo = start }, $"dotnet {string.Join(' ', start.ArgumentList)}");
        running._process.OutputDataReceived += (_, e) => Append(running._stdout, e.Data);
        running._process.ErrorDataReceived += (_, e) => Append(running._stderr, e.Data);
        running._process.Start();
        running._process.StandardInput.Close();
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Sends <paramref name="signal"/> (for example <c>TERM</c>) with kill(1), as an orchestrator does.</summary>
    public async Task SignalAsync(string signal)
        => (await CommandRunner.RunAsync(Path.GetTempPath(), "kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            .ShouldSucceed();

    public async Task<CommandResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"'{_command}' did not exit within {timeout}.\n{Text(_stdout)}\n{Text(_stderr)}");
        }

        _process.WaitForExit(); // drains the redirected streams
        return new CommandResult(_command, _process.ExitCode, Text(_stdout), Text(_stderr));
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

    private static void Append(StringBuilder target, string? line)
    {
        if (line is not null)
        {
            lock (target)
            {
                target.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder source)
    {
        lock (source)
        {
            return source.ToString();
        }
    }
}

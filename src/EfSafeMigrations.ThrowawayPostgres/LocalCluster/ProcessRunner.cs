using System.Diagnostics;
using System.Text;

namespace EfSafeMigrations.ThrowawayPostgres.LocalCluster;

/// <summary>Runs a short-lived command, capturing its output, and fails with that output when it fails.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server inherits the working directory; a root-only cwd would make runuser'd commands fail.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A locale the server account may not have installed would make initdb fail.
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";

        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PostgresServerUnavailableException($"Cannot run '{fileName}': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new PostgresServerUnavailableException(
                $"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s. Output:\n{output}");
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        if (process.ExitCode != 0)
        {
            throw new PostgresServerUnavailableException(
                $"'{fileName} {string.Join(' ', arguments)}' exited with code {process.ExitCode}. Output:\n{output}");
        }

        lock (output)
        {
            return output.ToString();
        }
    }
}

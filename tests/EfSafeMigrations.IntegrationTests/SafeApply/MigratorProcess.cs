using System.Diagnostics;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// The test assembly doubles as a migrator process: <c>dotnet EfSafeMigrations.IntegrationTests.dll migrate-shop</c>
/// migrates the shop database named by <see cref="ConnectionVariable"/> and prints the applied ids, one per line.
/// The test runner ignores this entry point.
/// </summary>
public static class MigratorProcess
{
    public const string ConnectionVariable = "EFSAFEMIGRATIONS_MIGRATOR_CONNECTION";
    public const string AppliedPrefix = "applied ";

    public static async Task<int> Main(string[] args)
    {
        if (args is not ["migrate-shop"])
        {
            await Console.Error.WriteLineAsync("usage: migrate-shop (connection string in " + ConnectionVariable + ")");
            return 2;
        }

        var options = ShopOptions.For<ShopDbContext>(Environment.GetEnvironmentVariable(ConnectionVariable)!, configure: o =>
            o.Execution.LockPollInterval = TimeSpan.FromMilliseconds(50));
        await using var context = new ShopDbContext(options);
        var report = await context.Database.MigrateSafelyAsync();
        foreach (var id in report.AppliedMigrations)
        {
            Console.WriteLine(AppliedPrefix + id);
        }

        return 0;
    }

    /// <summary>Starts one migrator process on <paramref name="connectionString"/>; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        var assembly = typeof(MigratorProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("migrate-shop");
        start.Environment[ConnectionVariable] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }
}

using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// The test assembly doubles as a separate OS process (the test runner ignores this entry point), in one of these modes,
/// with the connection string in <see cref="ConnectionVariable"/>:
/// <list type="bullet">
/// <item><c>migrate-shop</c>: migrates the shop database and prints the applied ids, one per line;</item>
/// <item><c>migrate-gated</c>: migrates <see cref="GatedShopDbContext"/>, printing each progress report as
/// <c>progress &lt;stage&gt; &lt;message&gt;</c> and then the applied ids;</item>
/// <item><c>migrate-counters</c>: migrates <see cref="Models.Backfills.CounterDbContext"/> (a backfill), printing progress like <c>migrate-gated</c>;</item>
/// <item><c>hold-snapshot</c>: opens a REPEATABLE READ transaction that reads <c>customers</c> (so it holds a snapshot),
/// prints <c>holding &lt;pid&gt;</c>, and keeps it open until its stdin is closed.</item>
/// </list>
/// </summary>
public static class MigratorProcess
{
    public const string ConnectionVariable = "EFSAFEMIGRATIONS_MIGRATOR_CONNECTION";
    public const string AppliedPrefix = "applied ";
    public const string ProgressPrefix = "progress ";
    public const string HoldingPrefix = "holding ";

    public static async Task<int> Main(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable)!;
        switch (args)
        {
            case ["migrate-shop"]:
                return await MigrateAsync(new ShopDbContext(ShopOptions.For<ShopDbContext>(connectionString, configure: FastPolling)), null);
            case ["migrate-gated"]:
                return await MigrateAsync(new GatedShopDbContext(ShopOptions.For<GatedShopDbContext>(connectionString, configure: FastPolling)),
                    new ConsoleProgress());
            case ["migrate-counters"]:
                return await MigrateAsync(Models.Backfills.BackfillContexts.Create<Models.Backfills.CounterDbContext>(connectionString, configure: FastPolling),
                    new ConsoleProgress());
            case ["hold-snapshot"]:
                return await HoldSnapshotAsync(connectionString);
            default:
                await Console.Error.WriteLineAsync("usage: migrate-shop | migrate-gated | migrate-counters | hold-snapshot (connection string in " + ConnectionVariable + ")");
                return 2;
        }
    }

    private static void FastPolling(SafeMigrationsOptions options) => options.Execution.LockPollInterval = TimeSpan.FromMilliseconds(50);

    private static async Task<int> MigrateAsync(DbContext context, IProgress<SafeMigrationProgress>? progress)
    {
        await using (context)
        {
            var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { Progress = progress });
            foreach (var id in report.AppliedMigrations)
            {
                Console.WriteLine(AppliedPrefix + id);
            }
        }

        return 0;
    }

    private static async Task<int> HoldSnapshotAsync(string connectionString)
    {
        await using var holder = await HeldReader.StartAsync(
            connectionString, "SELECT count(*) FROM customers /* held snapshot */", System.Data.IsolationLevel.RepeatableRead);
        Console.WriteLine(HoldingPrefix + holder.Pid);
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await holder.EndAsync();
        return 0;
    }

    /// <summary>Synchronous (Progress&lt;T&gt; would post to the thread pool): a line is out before the run goes on.</summary>
    private sealed class ConsoleProgress : IProgress<SafeMigrationProgress>
    {
        public void Report(SafeMigrationProgress value) => Console.WriteLine($"{ProgressPrefix}{value.Stage} {value.Message}");
    }

    /// <summary>Starts one migrator process on <paramref name="connectionString"/>; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var process = ChildProcess.Start("migrate-shop", connectionString);
        return await process.WaitForExitAsync(cancellationToken);
    }
}

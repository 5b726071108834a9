using EfSafeMigrations;
using Microsoft.EntityFrameworkCore;
using SampleSafeShop;

// The app's start-up migration, the safe way. The connection string comes from the test.
var connectionString = Environment.GetEnvironmentVariable("SAMPLE_CONNECTION_STRING")
    ?? throw new InvalidOperationException("SAMPLE_CONNECTION_STRING is not set.");
await using var context = new ShopDbContext(ShopDbContext.Options(connectionString));
var report = await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions
{
    DryRun = args.Contains("--dry-run"),
    TargetMigration = Environment.GetEnvironmentVariable("SAMPLE_TARGET_MIGRATION"),
});
Console.WriteLine($"applied: {string.Join(", ", report.AppliedMigrations)}");
Console.WriteLine($"rewrites: {string.Join(", ", report.Rewrites.Keys.Order())}");
Console.WriteLine(report.Plan);

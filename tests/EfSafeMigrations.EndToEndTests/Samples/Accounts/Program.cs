using EfSafeMigrations;
using Microsoft.EntityFrameworkCore;
using SampleAccounts;

// The app's start-up: MigrateSafelyAsync refuses dangerous migrations that are not assured.
var connectionString = Environment.GetEnvironmentVariable("SAMPLE_CONNECTION_STRING")
    ?? throw new InvalidOperationException("SAMPLE_CONNECTION_STRING is not set.");
await using var context = new AccountsDbContext(AccountsDbContext.Options(connectionString));
try
{
    var report = await context.Database.MigrateSafelyAsync();
    foreach (var problem in report.Problems)
    {
        Console.WriteLine($"{problem.Severity} {problem.Code}: {problem.Message}");
    }

    Console.WriteLine($"migrated: {string.Join(", ", await context.Database.GetAppliedMigrationsAsync())}");
    return 0;
}
catch (SafeMigrationException e)
{
    Console.WriteLine("refused: " + e.Message);
    return 2;
}

using Microsoft.EntityFrameworkCore;
using SampleAccounts;

// The app's start-up: refuse dangerous migrations that are not assured, then migrate.
var connectionString = Environment.GetEnvironmentVariable("SAMPLE_CONNECTION_STRING")
    ?? throw new InvalidOperationException("SAMPLE_CONNECTION_STRING is not set.");
await using var context = new AccountsDbContext(AccountsDbContext.Options(connectionString));
var report = await context.Database.LintPendingMigrationsAsync();
Console.WriteLine(report);
if (report.IsBlocking)
{
    Console.WriteLine("refused: dangerous migrations are not assured");
    return 2;
}

await context.Database.MigrateAsync();
Console.WriteLine($"migrated: {string.Join(", ", await context.Database.GetAppliedMigrationsAsync())}");
return 0;

using Microsoft.EntityFrameworkCore;
using SampleJournal;

// migrate | check | repair <migration id>
var connectionString = Environment.GetEnvironmentVariable("SAMPLE_CONNECTION_STRING")
    ?? throw new InvalidOperationException("SAMPLE_CONNECTION_STRING is not set.");
await using var context = new ShopDbContext(ShopDbContext.Options(connectionString));
switch (args.FirstOrDefault())
{
    case "migrate":
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
        catch (EfSafeMigrations.SafeMigrationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }
    case "check":
        var result = await context.Database.CheckAsync();
        Console.WriteLine(result.ToJson());
        return result.ExitCode;
    case "repair":
        var repaired = await context.Database.RepairJournalAsync(o =>
        {
            o.JournalFilePath = "Migrations";
            o.AcceptedMigrationIds.Add(args[1]);
        });
        Console.WriteLine(string.Join(Environment.NewLine, repaired.Changes));
        return 0;
    default:
        Console.Error.WriteLine("usage: migrate | check | repair <migration id>");
        return 2;
}

using Microsoft.EntityFrameworkCore;
using SampleUsers;

// The app's start-up migration. The connection string comes from the test.
var connectionString = Environment.GetEnvironmentVariable("SAMPLE_CONNECTION_STRING")
    ?? throw new InvalidOperationException("SAMPLE_CONNECTION_STRING is not set.");
await using var context = new UsersDbContext(UsersDbContext.Options(connectionString));
await context.Database.MigrateAsync();
Console.WriteLine($"migrated: {string.Join(", ", await context.Database.GetAppliedMigrationsAsync())}");

using Microsoft.EntityFrameworkCore;
using SampleExpandContract;

// Applies the migrations the safe way. The connection string comes from the test.
var connectionString = Environment.GetEnvironmentVariable("SAMPLE_CONNECTION_STRING")
    ?? throw new InvalidOperationException("SAMPLE_CONNECTION_STRING is not set.");
await using var context = new MembersDbContext(MembersDbContext.Options(connectionString));
var report = await context.Database.MigrateSafelyAsync();
Console.WriteLine($"applied: {string.Join(", ", report.AppliedMigrations)}");

using EfSafeMigrations.Sample;
using Microsoft.EntityFrameworkCore;

// Sample-only: a connection string (--connection or EFSAFEMIGRATIONS_SAMPLE_CONNECTION_STRING), or a throwaway server.
await using var database = await SampleDatabase.OpenAsync(args);

// The one line a real app adds: 'dotnet run -- migrate', 'dotnet run -- status --json', ... run the
// EfSafeMigrations commands against the context the app builds; any other arguments fall through to the app.
if (await SafeMigrationsCommandLine.TryRunAsync(database.Arguments, () => UsersDbContext.Create(database.ConnectionString)) is { } exitCode)
{
    return exitCode;
}

// The rest of "the app": the quickstart tour, or the command list.
return database.Arguments switch
{
    [] or ["demo"] => await Demo.RunAsync(database),
    _ => await SafeMigrationsCommandLine.RunAsync(database.Arguments, () => UsersDbContext.Create(database.ConnectionString)),
};

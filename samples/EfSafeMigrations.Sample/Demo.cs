using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Sample;

/// <summary>
/// The quickstart tour: the app's first two releases are applied, 20,000 users sign up, then the four
/// later migrations (a name split with a batched data migration, and email renamed to email_address with
/// expand/contract across two releases) are linted, planned and applied safely: the expand at the new
/// release's start-up while the old version still writes, the contract after the rollout. Every command step
/// is one a user runs from a terminal or CI (<c>dotnet run -- &lt;command&gt;</c>).
/// </summary>
public static class Demo
{
    private const int SampleUsers = 20_000;

    public static async Task<int> RunAsync(SampleDatabase database)
    {
        var colour = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        Console.WriteLine(Bold("EfSafeMigrations sample: the Solo Kit users table, six migrations", colour));
        Console.WriteLine($"Database: {database.Description}");
        if (database.ShadowConnectionString is { } shadow && Environment.GetEnvironmentVariable("EFSAFEMIGRATIONS_SHADOW_CONNECTION_STRING") is null)
        {
            // The throwaway server's admin may create the shadow database that check's full drift comparison needs
            // (the app's own role may not, as in production).
            Environment.SetEnvironmentVariable("EFSAFEMIGRATIONS_SHADOW_CONNECTION_STRING", shadow);
        }

        TourStep[] steps =
        [
            new("The app's first two releases: users, then bio + is_active with an index", ["migrate", "AddBioAndIsActive"]),
            new($"{SampleUsers:N0} users sign up; four migrations are waiting", ["status"], Before: () => SeedAsync(database)),
            new("Lint the pending migrations (errors stop 'migrate'; assured operations are listed)", ["lint"]),
            new("The safe plan: what runs, in which transaction, under which timeouts", ["script"]),
            new("The new release starts: MigrateSafelyAsync applies the expand with the rest, the contract waits",
                Run: () => RenameRollout.StartNewReleaseAsync(database.ConnectionString)),
            new("During the rollout, the old and the new version write side by side",
                Run: () => RenameRollout.WriteWithBothVersionsAsync(database.ConnectionString)),
            new("What waits for the end of the rollout", ["status"]),
            new("The rollout has finished: the post-deployment contract drops email", ["migrate", "--post-deployment"]),
            new("Where the database stands now (from the journal)", ["status"]),
            new("No drift between migrations, model and database", ["check"]),
        ];

        var failures = 0;
        var number = 0;
        foreach (var step in steps)
        {
            number++;
            Console.WriteLine();
            Console.WriteLine(Bold($"── {number}/{steps.Length}  {step.Title}", colour));
            if (!await step.RunAsync(database, colour))
            {
                failures++;
            }
        }

        Console.WriteLine();
        Console.WriteLine(failures == 0
            ? "Done. Run 'dotnet run --project samples/EfSafeMigrations.Sample -- help' for every command."
            : $"{failures} step(s) did not go as expected.");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Users written by the early releases (name and email only), so the data migrations have rows to move.</summary>
    private static async Task SeedAsync(SampleDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var columns = new NpgsqlCommand(
            "SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name')", connection))
        {
            if (await columns.ExecuteScalarAsync() is not true)
            {
                return; // Not at the first releases' schema (not migrated yet, or already past them): left as it is.
            }
        }

        await using (var count = new NpgsqlCommand("SELECT EXISTS (SELECT FROM users)", connection))
        {
            if (await count.ExecuteScalarAsync() is true)
            {
                return; // It has users already.
            }
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO users (email, name) " +
            "SELECT 'user' || g || '@example.com', (ARRAY['Ada', 'Grace', 'Alan', 'Edsger'])[1 + g % 4] || ' ' || " +
            "(ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra'])[1 + g % 4] || ' ' || g FROM generate_series(1, @count) AS g", connection);
        insert.Parameters.AddWithValue("count", SampleUsers);
        await insert.ExecuteNonQueryAsync();
    }

    private static string Bold(string text, bool colour) => colour ? $"\u001b[1m{text}\u001b[0m" : text;

    /// <summary>One step of the tour: a command as a user types it, or what the app itself does (<paramref name="Run"/>).</summary>
    private sealed record TourStep(string Title, string[]? Command = null, Func<Task>? Before = null, Func<Task<bool>>? Run = null)
    {
        public async Task<bool> RunAsync(SampleDatabase database, bool colour)
        {
            if (Before is not null)
            {
                await Before();
            }

            if (Run is not null)
            {
                return await Run();
            }

            Console.WriteLine(Dim($"$ dotnet run -- {string.Join(' ', Command!)}", colour));
            var exitCode = await SafeMigrationsCommandLine.RunAsync(Command!, () => UsersDbContext.Create(database.ConnectionString));
            if (exitCode == 0)
            {
                return true;
            }

            Console.WriteLine($"   '{string.Join(' ', Command!)}' exited with {exitCode}.");
            return false;
        }

        private static string Dim(string text, bool colour) => colour ? $"\u001b[2m{text}\u001b[0m" : text;
    }
}

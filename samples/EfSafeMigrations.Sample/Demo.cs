using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Sample;

/// <summary>
/// The quickstart tour: the app's first two releases are applied, 20,000 users sign up, then the four
/// later migrations (a name split with a batched data migration, and email moved to a new column in two
/// releases) are linted, planned and applied safely, with timings. Every step is one of the commands a
/// user runs from a terminal or CI (<c>dotnet run -- &lt;command&gt;</c>).
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

        (string Title, string[] Command, int[] Accepted, Func<Task>? Before)[] steps =
        [
            ("The app's first two releases: users, then bio + is_active with an index", ["migrate", "AddBioAndIsActive"], [0], null),
            ($"{SampleUsers:N0} users sign up; four migrations are waiting", ["status"], [0], () => SeedAsync(database)),
            ("Lint the pending migrations (errors stop 'migrate'; assured operations are listed)", ["lint"], [0], null),
            ("The safe plan: what runs, in which transaction, under which timeouts", ["script"], [0], null),
            ("Apply safely, with timings", ["migrate"], [0], null),
            ("Where the database stands now (from the journal)", ["status"], [0], null),
            ("No drift between migrations, model and database", ["check"], [0], null),
        ];

        var failures = 0;
        var number = 0;
        foreach (var (title, command, accepted, before) in steps)
        {
            number++;
            Console.WriteLine();
            Console.WriteLine(Bold($"── {number}/{steps.Length}  {title}", colour));
            if (!SafeMigrationsCommandLine.IsCommand(command))
            {
                Console.WriteLine($"   ('{command[0]}' is not available in this version of EfSafeMigrations yet: skipped)");
                continue;
            }

            if (before is not null)
            {
                await before();
            }

            Console.WriteLine(Dim($"$ dotnet run -- {string.Join(' ', command)}", colour));
            var exitCode = await SafeMigrationsCommandLine.RunAsync(command, () => UsersDbContext.Create(database.ConnectionString));
            if (!accepted.Contains(exitCode))
            {
                Console.WriteLine($"   '{string.Join(' ', command)}' exited with {exitCode}.");
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

    private static string Dim(string text, bool colour) => colour ? $"\u001b[2m{text}\u001b[0m" : text;
}

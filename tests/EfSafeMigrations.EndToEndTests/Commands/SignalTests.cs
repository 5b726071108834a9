using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.Commands;

/// <summary>
/// SIGTERM is how Kubernetes, systemd and <c>docker stop</c> stop a migration job. The <c>migrate</c> command must treat
/// it like Ctrl+C: cancel the statement on the server, leave a state the next run resumes from, say so, and exit 143.
/// </summary>
public class SignalTests
{
    private const string MigratorApplicationName = "EfSafeMigrations migrator";

    [Test]
    public async Task Sigterm_during_migrate_cancels_the_statement_on_the_server_prints_how_to_resume_and_exits_143()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_sigterm");
        (await SampleApp.RunAsync(database.ConnectionString, "migrate", "CreateUsers")).ShouldSucceed();

        // A reader keeps the next migration's ALTER TABLE waiting for its lock: the migrator is mid-statement on the server.
        await using var reader = new NpgsqlConnection(database.ConnectionString);
        await reader.OpenAsync();
        await using var transaction = await reader.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM users", reader, transaction))
        {
            await read.ExecuteScalarAsync();
        }

        await using var admin = new NpgsqlConnection(database.AdminConnectionString);
        await admin.OpenAsync();
        await using var migrate = RunningCommand.StartSample(await SampleApp.BuildAsync(), database.ConnectionString, "migrate");
        (await WaitingMigratorsAsync(admin, TimeSpan.FromMinutes(1))).Should().Be(1, "the migrator's ALTER TABLE waits for the reader");

        await migrate.SignalAsync("TERM");
        var result = await migrate.WaitForExitAsync(TimeSpan.FromMinutes(1));

        result.ExitCode.Should().Be(143, result.ToString());
        (await WaitingMigratorsAsync(admin, TimeSpan.Zero)).Should().Be(0, "the statement was cancelled on the server before the exit");
        result.StandardError.Should().Contain("error: 'migrate' was stopped by SIGTERM").And.Contain("fix: Run it again");
        result.StandardOutput.Should().Contain("Stopped: 0 migration(s) completed before the stop")
            .And.MatchRegex(@"stopped  \d+_AddBioAndIsActive  no step completed \(journal: failed\); the next 'migrate' starts it again")
            .And.Contain("Run 'migrate' again to resume.");

        await transaction.CommitAsync();
        (await SampleApp.RunAsync(database.ConnectionString, "migrate")).ShouldSucceed().StandardOutput.Should().Contain("Done: 4 applied", "the rest but the post-deployment contract, which waits for the rollout");
    }

    /// <summary>Backends of the migrator waiting for a lock; waits up to <paramref name="patience"/> for one to appear.</summary>
    private static async Task<long> WaitingMigratorsAsync(NpgsqlConnection admin, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            await using var count = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = @name AND state = 'active' AND wait_event_type = 'Lock'
                """, admin);
            count.Parameters.AddWithValue("name", MigratorApplicationName);
            var waiting = (long)(await count.ExecuteScalarAsync())!;
            if (waiting > 0 || DateTime.UtcNow >= deadline)
            {
                return waiting;
            }

            await Task.Delay(20);
        }
    }
}

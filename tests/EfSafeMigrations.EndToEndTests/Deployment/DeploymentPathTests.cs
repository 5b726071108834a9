using System.Text.RegularExpressions;
using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.Deployment;

/// <summary>
/// The deployment paths that call EF's Migrate(): <c>dotnet ef database update</c> and a migration bundle, run as a user's
/// pipeline runs them. One sample project and one bundle (built once, about a minute) serve every test.
/// </summary>
[NonParallelizable]
public partial class DeploymentPathTests
{
    private const string CreateOrders = "20260101000001_CreateOrders";
    private const string IndexOrders = "20260101000002_IndexOrdersByCustomer";
    private const string AddOrderNote = "20260101000003_AddOrderNote";

    private SampleProject _sample = null!;
    private string _bundle = null!;

    [OneTimeSetUp]
    public async Task BuildTheBundleOnceAsync()
    {
        _sample = await SampleProject.CreateAsync("Deploy");
        _bundle = Path.Combine(_sample.Directory, "bundle", OperatingSystem.IsWindows() ? "efbundle.exe" : "efbundle");
        (await _sample.EfAsync("migrations", "bundle", "--output", _bundle, "--force")).ShouldSucceed();
    }

    [OneTimeTearDown]
    public void Delete() => _sample?.Dispose();

    [Test]
    public async Task Dotnet_ef_database_update_applies_through_the_safe_runner()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_db_update");

        var update = (await _sample.EfAsync("database", "update", "--no-build", "--verbose", "--connection", database.ConnectionString))
            .ShouldSucceed();

        update.Output.Should().Contain("Migration lock acquired").And.Contain("CREATE INDEX CONCURRENTLY \"IX_orders_customer\"");
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateOrders, IndexOrders, AddOrderNote);
        (await JournalAsync(database.ConnectionString)).Should().Equal($"{CreateOrders} applied", $"{IndexOrders} applied", $"{AddOrderNote} applied");
        (await ScalarAsync(database.ConnectionString, "SELECT indisvalid FROM pg_index WHERE indexrelid = '\"IX_orders_customer\"'::regclass"))
            .Should().Be(true);
    }

    [Test]
    public async Task Eight_bundle_processes_at_once_apply_each_migration_exactly_once()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_bundle_8");

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RunBundleAsync(database.ConnectionString)));

        runs.Should().OnlyContain(r => r.ExitCode == 0, string.Join("\n---\n", runs.Select(r => r.ToString())));
        runs.Sum(r => AppliedCount().Matches(r.Output).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Should().Be(3, "one process applied the three migrations, the seven others found nothing left");
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateOrders, IndexOrders, AddOrderNote);
        (await JournalAsync(database.ConnectionString)).Should().Equal($"{CreateOrders} applied", $"{IndexOrders} applied", $"{AddOrderNote} applied");
        (await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM orders")).Should().Be(100L, "the data migration ran once");
    }

    [Test]
    public async Task A_bundle_of_a_context_without_UseSafeMigrations_behaves_like_plain_EF()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_bundle_plain");

        var run = (await RunBundleAsync(database.ConnectionString, plain: true)).ShouldSucceed();

        run.Output.Should().NotContain("Migration lock acquired");
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateOrders, IndexOrders, AddOrderNote);
        (await ScalarAsync(database.ConnectionString, "SELECT to_regclass('\"__EfSafeMigrationsJournal\"')::text")).Should().BeNull();
    }

    [Test]
    public async Task A_bundle_on_a_database_whose_journal_disagrees_stops_with_the_journals_error_and_nothing_applied()
    {
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_bundle_journal");
        (await RunBundleAsync(database.ConnectionString, target: CreateOrders)).ShouldSucceed();
        await ScalarAsync(database.AdminConnectionString,
            $"UPDATE \"__EfSafeMigrationsJournal\" SET checksum = 'edited' WHERE migration_id = '{CreateOrders}'");

        var refused = await RunBundleAsync(database.ConnectionString);

        refused.ExitCode.Should().NotBe(0);
        refused.Output.Should().Contain(CreateOrders).And.Contain("journal");
        (await HistoryAsync(database.ConnectionString)).Should().Equal(CreateOrders);
    }

    private Task<CommandResult> RunBundleAsync(string connectionString, bool plain = false, string? target = null)
        => CommandRunner.RunAsync(_sample.Directory, _bundle,
            [.. target is null ? Array.Empty<string>() : [target], "--connection", connectionString],
            new Dictionary<string, string?> { ["DEPLOY_PLAIN"] = plain ? "1" : "0" });

    [GeneratedRegex(@"Applied (\d+) and reverted \d+ migration\(s\)")]
    private static partial Regex AppliedCount();

    private static async Task<IReadOnlyList<string>> HistoryAsync(string connectionString)
        => await ReadAsync(connectionString, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1");

    private static async Task<IReadOnlyList<string>> JournalAsync(string connectionString)
        => await ReadAsync(connectionString, "SELECT migration_id || ' ' || status FROM \"__EfSafeMigrationsJournal\" ORDER BY 1");

    private static async Task<IReadOnlyList<string>> ReadAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}

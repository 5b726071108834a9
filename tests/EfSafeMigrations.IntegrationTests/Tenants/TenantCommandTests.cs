using System.Text.Json;
using EfSafeMigrations.IntegrationTests.Models.Users;
using EfSafeMigrations.Tenants;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Tenants;

/// <summary><c>tenants migrate</c> and <c>tenants status</c> through the app's own entry point. Owns the console while it runs.</summary>
[NonParallelizable]
public class TenantCommandTests
{
    [Test]
    public async Task Tenants_migrate_and_status_print_per_target_results_and_exit_with_the_report_code()
    {
        await using var first = await PostgresTestServer.CreateDatabaseAsync();
        await using var second = await PostgresTestServer.CreateDatabaseAsync();
        var unreachable = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = 1, Database = "t", Password = "hidden-pw", Timeout = 2 }.ConnectionString;
        List<TenantTarget> targets = [new("a", first.ConnectionString), new("b", second.ConnectionString, "tenant_b"), new("down", unreachable)];
        Task<IEnumerable<TenantTarget>> List(CancellationToken _) => Task.FromResult<IEnumerable<TenantTarget>>(targets);
        // A context whose model matches its migrations: the drift check is clean on a database and on a tenant schema.
        static UsersDbContext Create(TenantTarget t)
            => new(new DbContextOptionsBuilder<UsersDbContext>().UseNpgsql(t.ScopedConnectionString).UseSafeMigrations().Options);

        var (migrateCode, migrateJson) = await RunAsync(["tenants", "migrate", "--parallel", "2", "--json"], List, Create);
        migrateCode.Should().Be((int)SafeMigrationsExitCode.TargetsFailed);
        migrateJson.Should().NotContain("hidden-pw");
        using (var document = JsonDocument.Parse(migrateJson))
        {
            document.RootElement.GetProperty("counts").GetProperty("applied").GetInt32().Should().Be(2, migrateJson);
            document.RootElement.GetProperty("counts").GetProperty("failed").GetInt32().Should().Be(1);
        }

        targets.RemoveAt(2);
        var (statusCode, statusTable) = await RunAsync(["tenants", "status", "--check"], List, Create);
        statusCode.Should().Be((int)SafeMigrationsExitCode.Success, statusTable);
        statusTable.Should().Contain("2 targets: 0 behind, 0 drifted, 0 unreadable.");

        (await RunAsync(["tenants", "migrate", "--parallel", "many"], List, Create)).Code.Should().Be((int)SafeMigrationsExitCode.UsageError);
        (await SafeMigrationsCommandLine.TryRunTenantsAsync(["migrate"], List, Create)).Should().BeNull("not a tenants command");
    }

    private static async Task<(int? Code, string Output)> RunAsync(
        string[] args, Func<CancellationToken, Task<IEnumerable<TenantTarget>>> list, Func<TenantTarget, UsersDbContext> create)
    {
        var original = Console.Out;
        await using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            return (await SafeMigrationsCommandLine.TryRunTenantsAsync(args, list, create), output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}

using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Shop;
using EfSafeMigrations.IntegrationTests.SafeApply;
using EfSafeMigrations.ThrowawayPostgres.Pooler;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.Pooling;

/// <summary>
/// Migrating through a real PgBouncer: in transaction pooling each transaction may run on another server connection,
/// so nothing session-level may be left on one, and the session-level migration lock cannot work there.
/// </summary>
[Category(TestCategories.Processes)]
public class PgBouncerTests
{
    private const int PoolSize = 3;

    [Test]
    public async Task Plain_Migrate_through_transaction_pooling_leaves_no_timeout_on_the_pooled_server_connections()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var bouncer = await TestPgBouncer.StartAsync(database, PgBouncerPoolMode.Transaction, PoolSize);
        var pooled = bouncer.ConnectionStringFor(database.ConnectionString);

        // The shop's migrations build indexes concurrently and validate constraints outside the transaction. EF's own
        // migrator (the safe runner refuses transaction pooling, see below).
        await using (var context = ShopOptions.Shop(pooled, configure: o => o.Deployment.RouteMigrate = false))
        {
            await context.Database.MigrateAsync();
        }

        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);

        // Every server connection of the pool at once (each client holds a transaction, so each gets its own)...
        var clients = new List<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)>();
        try
        {
            for (var i = 0; i < PoolSize; i++)
            {
                var connection = new NpgsqlConnection(pooled);
                await connection.OpenAsync();
                clients.Add((connection, await connection.BeginTransactionAsync()));
            }

            var held = new List<Settings>();
            foreach (var (connection, transaction) in clients)
            {
                held.Add(await SettingsAsync(connection, transaction));
            }

            held.Select(s => s.Pid).Should().OnlyHaveUniqueItems();
            held.Should().OnlyContain(s => s.LockTimeout == "0" && s.StatementTimeout == "0");
        }
        finally
        {
            foreach (var (connection, transaction) in clients)
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }

        // ...then 20 fresh application connections, served by those same server connections.
        var seen = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(pooled);
            await connection.OpenAsync();
            return await SettingsAsync(connection, null);
        }));
        seen.Should().OnlyContain(s => s.LockTimeout == "0" && s.StatementTimeout == "0", "the migration's timeouts must not reach other clients");
        seen.Select(s => s.Pid).Distinct().Should().HaveCountLessThanOrEqualTo(PoolSize, "they went through the pool");
    }

    [Test]
    public async Task Migrator_processes_through_transaction_pooling_are_refused_at_once_with_the_fix_and_leave_nothing_behind()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var bouncer = await TestPgBouncer.StartAsync(database, PgBouncerPoolMode.Transaction, PoolSize);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3)
            .Select(_ => MigratorProcess.RunAsync(bouncer.ConnectionStringFor(database.ConnectionString), timeout.Token)));

        runs.Should().OnlyContain(r => r.ExitCode != 0, "a migrator must not run through transaction pooling");
        runs.Should().OnlyContain(r => r.Errors.Contains("transaction pooling") && r.Errors.Contains("Nothing was locked or applied")
                                       && r.Errors.Contains("SetConnectionString") && r.Errors.Contains("pool_mode = session"),
            string.Join("\n", runs.Select(r => r.Errors)));
        runs.Should().OnlyContain(r => !r.Output.Contains(MigratorProcess.AppliedPrefix));
        (await AdvisoryLocksAsync(database.AdminConnectionString)).Should().Be(0, "no lock may stay held on a pooled server connection");
        (await CatalogSnapshot.ReadAsync(database.ConnectionString, includeBookkeeping: true)).Tables.Should().BeEmpty();

        // The fix the message names: the same migration through a direct connection.
        await using var direct = ShopOptions.Shop(database.ConnectionString);
        (await direct.Database.MigrateSafelyAsync()).AppliedMigrations.Should().Equal(CreateShop.Id, SafeChanges.Id);
    }

    [Test]
    public async Task Migrator_processes_through_session_pooling_apply_every_migration_exactly_once()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        // Session pooling keeps a server connection per client: room for each process's lock and migration connections.
        await using var bouncer = await TestPgBouncer.StartAsync(database, PgBouncerPoolMode.Session, poolSize: 20);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3)
            .Select(_ => MigratorProcess.RunAsync(bouncer.ConnectionStringFor(database.ConnectionString), timeout.Token)));

        runs.Should().OnlyContain(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.Errors)));
        runs.SelectMany(r => r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(line => line.StartsWith(MigratorProcess.AppliedPrefix, StringComparison.Ordinal))
            .Should().Equal($"{MigratorProcess.AppliedPrefix}{CreateShop.Id}", $"{MigratorProcess.AppliedPrefix}{SafeChanges.Id}");
        (await SafeApply.Journal.HistoryAsync(database.ConnectionString)).Should().Equal(CreateShop.Id, SafeChanges.Id);
        (await SafeApply.Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
        (await AdvisoryLocksAsync(database.AdminConnectionString)).Should().Be(0);
    }

    [Test]
    public async Task Through_session_pooling_a_lock_timeout_names_the_real_blocking_backend()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var bouncer = await TestPgBouncer.StartAsync(database, PgBouncerPoolMode.Session, poolSize: 10);
        var options = ShopOptions.For<LockedShopDbContext>(bouncer.ConnectionStringFor(database.ConnectionString), configure: o =>
        {
            o.Execution.MaxAttempts = 2;
            o.Execution.InitialRetryDelay = TimeSpan.FromMilliseconds(20);
        });
        await using (var context = new LockedShopDbContext(options))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateShop.Id });
        }

        // The pooler gives its clients keys of its own: the migrating backend must be found by pg_backend_pid().
        await using var blocker = await HeldReader.StartAsync(database.ConnectionString, "SELECT count(*) FROM orders /* report through the pool */");

        var failure = await FluentActions.Awaiting(async () =>
        {
            await using var context = new LockedShopDbContext(options);
            await context.Database.MigrateSafelyAsync();
        }).Should().ThrowAsync<SafeMigrationException>();

        failure.Which.Blockers.Should().Contain(b => b.Pid == blocker.Pid && b.Query!.Contains("report through the pool"));
        (await AdvisoryLocksAsync(database.AdminConnectionString)).Should().Be(0);
    }

    private sealed record Settings(int Pid, string LockTimeout, string StatementTimeout);

    private static async Task<Settings> SettingsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_backend_pid(), current_setting('lock_timeout'), current_setting('statement_timeout')", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Settings(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
    }

    private static async Task<long> AdvisoryLocksAsync(string adminConnectionString)
    {
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, admin);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

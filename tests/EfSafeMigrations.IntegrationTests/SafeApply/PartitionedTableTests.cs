using EfSafeMigrations.Execution.Internal.Partitions;
using EfSafeMigrations.IntegrationTests.Models.Partitioned;
using EfSafeMigrations.IntegrationTests.Push;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// Scaffolded index, foreign key and index drop on a partitioned table with data: PostgreSQL refuses their concurrent and
/// NOT VALID forms there, so the runner applies the partition-safe form instead, and nothing fails where plain EF works.
/// </summary>
public class PartitionedTableTests
{
    [Test]
    public async Task Index_foreign_key_unique_constraint_and_index_drop_on_a_partitioned_table_apply_in_a_form_PostgreSQL_accepts()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await CreateOrdersWithDataAsync(database.ConnectionString);

        SafeMigrationReport report;
        await using (var add = new PartitionedDbContext(PartitionedDbContext.Options(database.ConnectionString)))
        {
            report = await add.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = AddOrdersCustomerIndexAndForeignKey.Id });
        }

        report.AppliedMigrations.Should().Equal(AddOrdersCustomerIndexAndForeignKey.Id);
        var statements = report.Migrations.Single().Statements.Select(s => s.Sql).ToList();
        statements.Should().Contain(s => s.Contains("ON ONLY public.orders (", StringComparison.Ordinal))
            .And.Contain(s => s.Contains("ATTACH PARTITION", StringComparison.Ordinal))
            .And.NotContain(s => s.Contains("CONCURRENTLY \"IX_orders_customer_id\" ON orders", StringComparison.Ordinal));
        var indexes = await IndexesAsync(database.ConnectionString);
        indexes.Should().Contain("orders IX_orders_customer_id valid");
        indexes.Should().Contain(i => i.StartsWith("orders_2027 ", StringComparison.Ordinal) && i.EndsWith(" valid attached", StringComparison.Ordinal));
        foreach (var leaf in new[] { "orders_2025", "orders_2026", "orders_2027_a", "orders_2027_b" })
        {
            indexes.Should().ContainSingle(i => i.StartsWith(leaf + " ", StringComparison.Ordinal) && i.EndsWith(" valid attached", StringComparison.Ordinal),
                $"every partition gets its index, attached to the parent's ({string.Join("; ", indexes)})");
        }

        indexes.Should().NotContain(i => i.Contains(" invalid", StringComparison.Ordinal));
        (await Journal.ScalarAsync<bool>(database.ConnectionString,
            "SELECT convalidated FROM pg_constraint WHERE conname = 'FK_orders_customers_customer_id' AND conrelid = 'orders'::regclass"))
            .Should().BeTrue();
        var major = await Journal.ScalarAsync<int>(database.ConnectionString, "SELECT current_setting('server_version_num')::int / 10000");
        if (major < 18)
        {
            report.Problems.Should().ContainSingle(p => p.Code == PartitionSafeForms.PlainForeignKey && p.Severity == Execution.PreflightSeverity.Warning);
        }

        await using (var drop = new PartitionedDbContext(PartitionedDbContext.Options(database.ConnectionString)))
        {
            report = await drop.Database.MigrateSafelyAsync();
        }

        report.AppliedMigrations.Should().Equal(AddOrdersUniqueKey.Id, DropOrdersCustomerIndex.Id);
        report.Problems.Should().ContainSingle(p => p.Code == PartitionSafeForms.PlainDropIndex);
        report.Problems.Should().ContainSingle(p => p.Code == PartitionSafeForms.PlainConstraint);
        (await Journal.ScalarAsync<string>(database.ConnectionString,
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'AK_orders_id_created' AND conrelid = 'orders'::regclass"))
            .Should().Be("UNIQUE (id, created)");
        indexes = await IndexesAsync(database.ConnectionString);
        indexes.Should().NotContain(i => i.Contains("IX_orders_customer_id", StringComparison.Ordinal), "the drop removed the parent's and the partitions' indexes");
        indexes.Should().Contain("orders AK_orders_id_created valid").And.NotContain(i => i.Contains(" invalid", StringComparison.Ordinal));
        (await Journal.ReadAsync(database.ConnectionString)).Should().OnlyContain(j => j.Status == "applied");
        (await Journal.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM orders")).Should().Be(3000);
    }

    [Test]
    public async Task A_partition_safe_index_build_interrupted_half_way_is_completed_by_the_next_run()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await CreateOrdersWithDataAsync(database.ConnectionString);

        // What a run killed during the second partition's build leaves: the parent index (ON ONLY, INVALID), the first
        // partition's index attached, and an INVALID index on the second partition (here: a unique build failing on duplicates).
        await PushTestSupport.ExecuteAsync(database.ConnectionString, """
            CREATE INDEX "IX_orders_customer_id" ON ONLY orders (customer_id);
            CREATE INDEX "IX_orders_customer_id_orders_2025" ON orders_2025 (customer_id);
            ALTER INDEX "IX_orders_customer_id" ATTACH PARTITION "IX_orders_customer_id_orders_2025";
            """);
        await FluentActions.Awaiting(() => PushTestSupport.ExecuteAsync(database.ConnectionString,
                "CREATE UNIQUE INDEX CONCURRENTLY \"IX_orders_customer_id_orders_2026\" ON orders_2026 (customer_id);"))
            .Should().ThrowAsync<PostgresException>();
        (await IndexesAsync(database.ConnectionString)).Should().Contain("orders_2026 IX_orders_customer_id_orders_2026 invalid");

        SafeMigrationReport report;
        await using (var add = new PartitionedDbContext(PartitionedDbContext.Options(database.ConnectionString)))
        {
            report = await add.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = AddOrdersCustomerIndexAndForeignKey.Id });
        }

        var statements = report.Migrations.Single().Statements.Select(s => s.Sql).ToList();
        statements.Should().Contain("DROP INDEX CONCURRENTLY IF EXISTS public.\"IX_orders_customer_id_orders_2026\";")
            .And.NotContain(s => s.Contains("ON ONLY public.orders (", StringComparison.Ordinal), "the parent index is kept")
            .And.NotContain(s => s.Contains("ON public.orders_2025 (", StringComparison.Ordinal), "the attached index is kept");
        var indexes = await IndexesAsync(database.ConnectionString);
        indexes.Should().Contain("orders IX_orders_customer_id valid");
        indexes.Should().Contain("orders_2025 IX_orders_customer_id_orders_2025 valid attached");
        indexes.Should().Contain("orders_2026 IX_orders_customer_id_orders_2026 valid attached");
        indexes.Should().NotContain(i => i.Contains(" invalid", StringComparison.Ordinal));
    }

    private static async Task CreateOrdersWithDataAsync(string connectionString)
    {
        await using (var create = new PartitionedDbContext(PartitionedDbContext.Options(connectionString)))
        {
            await create.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreatePartitionedOrders.Id });
        }

        // NULLs and duplicates in the indexed column, rows in every partition.
        await PushTestSupport.ExecuteAsync(connectionString, """
            INSERT INTO customers SELECT g FROM generate_series(1, 50) g;
            INSERT INTO orders SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 50 + 1 END, date '2025-01-01' + (g % 1000), NULL
            FROM generate_series(1, 3000) g;
            """);
    }

    /// <summary>Every index on the orders tree as <c>table index valid|invalid [attached]</c>.</summary>
    private static async Task<List<string>> IndexesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT t.relname || ' ' || c.relname || ' ' || CASE WHEN i.indisvalid THEN 'valid' ELSE 'invalid' END
                   || CASE WHEN h.inhparent IS NULL THEN '' ELSE ' attached' END
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            LEFT JOIN pg_inherits h ON h.inhrelid = c.oid
            WHERE t.relname LIKE 'orders%'
            ORDER BY 1
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}

using EfSafeMigrations.Execution.Internal.Partitions;

namespace EfSafeMigrations.Tests.SafeApply;

/// <summary>The statements PostgreSQL refuses on partitioned tables are recognised in Npgsql's and hand-written shapes.</summary>
public class PartitionStatementSqlTests
{
    [Test]
    public void A_concurrent_index_build_is_split_into_head_name_table_and_the_rest()
    {
        PartitionStatementSql.ParseBuild("CREATE UNIQUE INDEX CONCURRENTLY \"IX_orders_id\" ON public.\"Orders\" USING btree (id, created) WHERE note IS NULL;")
            .Should().Be(new ConcurrentIndexBuild("CREATE UNIQUE INDEX", "\"IX_orders_id\"", "public.\"Orders\"", " USING btree (id, created) WHERE note IS NULL;"));
        PartitionStatementSql.ParseBuild("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON orders (customer_id);")!.Name.Should().Be("ix");
        PartitionStatementSql.ParseBuild("CREATE INDEX ix ON orders (customer_id);").Should().BeNull();
    }

    [Test]
    public void A_concurrent_index_drop_keeps_if_exists_and_cascade()
    {
        PartitionStatementSql.ParseDrop("DROP INDEX CONCURRENTLY IF EXISTS public.\"IX_orders\" CASCADE;")
            .Should().Be(new ConcurrentIndexDrop(true, "public.\"IX_orders\"", " CASCADE;"));
        PartitionStatementSql.ParseDrop("DROP INDEX CONCURRENTLY \"IX_orders\";").Should().Be(new ConcurrentIndexDrop(false, "\"IX_orders\"", ";"));
        PartitionStatementSql.ParseDrop("DROP INDEX \"IX_orders\";").Should().BeNull();
    }

    [Test]
    public void A_not_valid_foreign_key_yields_its_plain_form()
    {
        PartitionStatementSql.ParseNotValidForeignKey(
                "ALTER TABLE orders ADD CONSTRAINT \"FK_orders_customers\" FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;")
            .Should().Be(new NotValidForeignKey("orders",
                "ALTER TABLE orders ADD CONSTRAINT \"FK_orders_customers\" FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;"));
        PartitionStatementSql.ParseNotValidForeignKey("ALTER TABLE orders ADD CONSTRAINT ck CHECK (id > 0) NOT VALID;").Should().BeNull();
        PartitionStatementSql.ParseNotValidForeignKey("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES t (id);").Should().BeNull();
    }

    [Test]
    public void Partition_index_names_stay_unique_within_63_bytes()
    {
        PartitionedIndexBuild.PartitionIndexName("IX_orders_customer_id", "orders_2025").Should().Be("IX_orders_customer_id_orders_2025");
        var a = PartitionedIndexBuild.PartitionIndexName(new string('i', 50), "orders_2025_01");
        var b = PartitionedIndexBuild.PartitionIndexName(new string('i', 50), "orders_2025_02");
        a.Length.Should().BeLessThanOrEqualTo(63);
        a.Should().NotBe(b);
    }
}

using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.SafeApply;

/// <summary>SQL baselines for each safe rewrite (no database).</summary>
public class SafeSqlGeneratorTests
{
    // Inside EF's transaction: SET LOCAL, gone at its commit. Around a non-transactional command: SET before, RESET after.
    private const string DdlTimeouts = "[tx] SET LOCAL lock_timeout = '2000ms'; SET LOCAL statement_timeout = '900000ms';";
    private const string NoStatementTimeout = "[no tx] SET lock_timeout = '2000ms'; SET statement_timeout = '0ms';";
    private const string Reset = "[no tx] RESET lock_timeout; RESET statement_timeout;";

    private static CreateIndexOperation Index(string table = "orders") => new()
    {
        Name = "ix_orders_customer_id", Table = table, Columns = ["customer_id"],
    };

    private static CreateTableOperation Table(string name)
    {
        var table = new CreateTableOperation { Name = name };
        table.Columns.Add(new AddColumnOperation { Name = "id", Table = name, ClrType = typeof(long), ColumnType = "bigint" });
        table.Columns.Add(new AddColumnOperation { Name = "customer_id", Table = name, ClrType = typeof(long), ColumnType = "bigint" });
        return table;
    }

    [Test]
    public void Index_on_an_existing_table_is_built_concurrently_outside_the_transaction_with_no_statement_timeout()
    {
        using var context = HarnessContext.Create();
        context.Sql(Index()).Should().Equal(
            NoStatementTimeout,
            "[no tx] CREATE INDEX CONCURRENTLY ix_orders_customer_id ON orders (customer_id);",
            Reset);
    }

    [Test]
    public void Index_on_a_table_created_in_the_same_migration_stays_plain()
    {
        using var context = HarnessContext.Create();
        var sql = context.Sql(Table("orders"), Index());
        sql.Should().HaveCount(3);
        sql[2].Should().Be("[tx] CREATE INDEX ix_orders_customer_id ON orders (customer_id);");
    }

    [Test]
    public void Explicit_annotation_false_keeps_the_plain_index()
    {
        using var context = HarnessContext.Create();
        var index = Index();
        index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently] = false;
        context.Sql(index).Should().Equal(DdlTimeouts, "[tx] CREATE INDEX ix_orders_customer_id ON orders (customer_id);");
    }

    [Test]
    public void The_migration_operation_itself_is_not_mutated()
    {
        using var context = HarnessContext.Create();
        var index = Index();
        context.Sql(index);
        index.FindAnnotation(SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently).Should().BeNull();
    }

    [Test]
    public void Drop_index_runs_concurrently_outside_the_transaction()
    {
        using var context = HarnessContext.Create();
        context.Sql(new DropIndexOperation { Name = "ix_orders_customer_id", Table = "orders" }).Should().Equal(
            NoStatementTimeout,
            "[no tx] DROP INDEX CONCURRENTLY ix_orders_customer_id;",
            Reset);
    }

    [Test]
    public void Foreign_key_on_an_existing_table_is_added_not_valid_then_validated_in_its_own_transaction()
    {
        using var context = HarnessContext.Create();
        context.Sql(ForeignKey()).Should().Equal(
            DdlTimeouts,
            "[tx] ALTER TABLE orders ADD CONSTRAINT fk_orders_customers FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;",
            NoStatementTimeout,
            "[no tx] ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customers;",
            Reset);
    }

    [Test]
    public void Foreign_key_marked_not_valid_by_the_scaffolder_is_not_validated_twice()
    {
        using var context = HarnessContext.Create();
        var fk = ForeignKey();
        fk[SafeMigrationsAnnotationNames.NotValid] = true;
        context.Sql(fk).Should().Equal(
            DdlTimeouts,
            "[tx] ALTER TABLE orders ADD CONSTRAINT fk_orders_customers FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;");
    }

    [Test]
    public void Check_constraint_on_an_existing_table_is_added_not_valid_then_validated()
    {
        using var context = HarnessContext.Create();
        context.Sql(new AddCheckConstraintOperation { Name = "ck_orders_total", Table = "orders", Sql = "total >= 0" }).Should().Equal(
            DdlTimeouts,
            "[tx] ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0) NOT VALID;",
            NoStatementTimeout,
            "[no tx] ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total;",
            Reset);
    }

    [Test]
    public void Set_not_null_on_an_existing_column_goes_through_a_validated_check()
    {
        using var context = HarnessContext.Create();
        var check = SafeSql.NotNullCheckName(null, "orders", "note");
        var sql = context.Sql(new AlterColumnOperation
        {
            Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = "text", IsNullable = false,
            OldColumn = new AddColumnOperation { Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = "text", IsNullable = true },
        });
        sql.Should().Equal(
            DdlTimeouts,
            $"[tx] ALTER TABLE orders ADD CONSTRAINT {check} CHECK (note IS NOT NULL) NOT VALID;",
            NoStatementTimeout,
            $"[no tx] ALTER TABLE orders VALIDATE CONSTRAINT {check};",
            Reset,
            DdlTimeouts,
            "[tx] ALTER TABLE orders ALTER COLUMN note TYPE text; ALTER TABLE orders ALTER COLUMN note SET NOT NULL;",
            $"[tx] ALTER TABLE orders DROP CONSTRAINT {check};");
    }

    [Test]
    public void Unique_constraint_on_an_existing_table_is_built_as_a_concurrent_index_then_attached()
    {
        using var context = HarnessContext.Create();
        context.Sql(new AddUniqueConstraintOperation { Name = "ak_orders_number", Table = "orders", Columns = ["number"] }).Should().Equal(
            NoStatementTimeout,
            "[no tx] CREATE UNIQUE INDEX CONCURRENTLY ak_orders_number ON orders (number);",
            Reset,
            DdlTimeouts,
            "[tx] ALTER TABLE orders ADD CONSTRAINT ak_orders_number UNIQUE USING INDEX ak_orders_number;");
    }

    [Test]
    public void Primary_key_on_an_existing_table_is_built_as_a_concurrent_index_then_attached()
    {
        using var context = HarnessContext.Create();
        context.Sql(new AddPrimaryKeyOperation { Name = "pk_orders", Table = "orders", Columns = ["id"] }).Should().Equal(
            NoStatementTimeout,
            "[no tx] CREATE UNIQUE INDEX CONCURRENTLY pk_orders ON orders (id);",
            Reset,
            DdlTimeouts,
            "[tx] ALTER TABLE orders ADD CONSTRAINT pk_orders PRIMARY KEY USING INDEX pk_orders;");
    }

    [Test]
    public void A_scaffolded_validate_step_runs_outside_the_transaction_even_without_suppressTransaction()
    {
        using var context = HarnessContext.Create();
        context.Sql(new SqlOperation { Sql = "ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customers;" }).Should().Equal(
            NoStatementTimeout,
            "[no tx] ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customers;",
            Reset);
        context.Sql(new SqlOperation { Sql = "UPDATE orders SET total = 0;" }).Should().Equal(DdlTimeouts, "[tx] UPDATE orders SET total = 0;");
    }

    [Test]
    public void Scaffolded_set_not_null_with_its_helper_check_steps_is_not_rewritten_again()
    {
        using var context = HarnessContext.Create();
        var alter = new AlterColumnOperation
        {
            Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = "text", IsNullable = false,
            OldColumn = new AddColumnOperation { Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = "text", IsNullable = true },
        };
        alter[SafeMigrationsAnnotationNames.NotNullCheck] = "esm_nn_x";
        context.Sql(alter).Should().Equal(
            DdlTimeouts, "[tx] ALTER TABLE orders ALTER COLUMN note TYPE text; ALTER TABLE orders ALTER COLUMN note SET NOT NULL;");
    }

    [Test]
    public void Unique_constraint_marked_using_index_is_only_attached()
    {
        using var context = HarnessContext.Create();
        var unique = new AddUniqueConstraintOperation { Name = "ak_orders_number", Table = "orders", Columns = ["number"] };
        unique[SafeMigrationsAnnotationNames.UsingIndex] = true;
        context.Sql(unique).Should().Equal(
            DdlTimeouts, "[tx] ALTER TABLE orders ADD CONSTRAINT ak_orders_number UNIQUE USING INDEX ak_orders_number;");
    }

    [TestCase("CREATE INDEX CONCURRENTLY ix_a ON orders (a);", null, "ix_a")]
    [TestCase("create unique index concurrently if not exists IX_A on Shop.Orders (a)", "shop", "ix_a")]
    [TestCase("CREATE INDEX CONCURRENTLY \"Idx \"\"Größe\"\"\" ON \"Ünï Schema\".\"Order Items\" (a);", "Ünï Schema", "Idx \"Größe\"")]
    public void A_hand_written_concurrent_build_runs_outside_the_transaction_and_knows_its_index(string sql, string? schema, string name)
    {
        using var context = HarnessContext.Create();
        var step = context.Plan(new SqlOperation { Sql = sql }).Should().ContainSingle().Subject;
        step.Transactional.Should().BeFalse();
        step.Statements[0].Kind.Should().Be(PlannedStatementKind.ConcurrentIndex);
        step.Statements[0].IndexSchema.Should().Be(schema);
        step.Statements[0].IndexName.Should().Be(name);
    }

    [Test]
    public void Every_rewrite_can_be_switched_off()
    {
        using var context = HarnessContext.Create(o =>
        {
            o.Rewrites.ConcurrentIndexes = false;
            o.Rewrites.NotValidForeignKeys = false;
            o.Rewrites.NotValidCheckConstraints = false;
            o.Rewrites.SafeSetNotNull = false;
            o.Rewrites.ConstraintsUsingConcurrentIndex = false;
            o.Rewrites.Timeouts = false;
        });
        context.Sql(Index(), ForeignKey(), new AddUniqueConstraintOperation { Name = "ak", Table = "orders", Columns = ["number"] })
            .Should().Equal(
                "[tx] CREATE INDEX ix_orders_customer_id ON orders (customer_id);",
                "[tx] ALTER TABLE orders ADD CONSTRAINT fk_orders_customers FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;",
                "[tx] ALTER TABLE orders ADD CONSTRAINT ak UNIQUE (number);");
    }

    [Test]
    public void Timeouts_follow_the_options()
    {
        using var context = HarnessContext.Create(o =>
        {
            o.Execution.LockTimeout = TimeSpan.FromMilliseconds(1500);
            o.Execution.StatementTimeout = TimeSpan.FromMinutes(2);
        });
        context.Sql(new AddColumnOperation { Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = "text", IsNullable = true })
            .Should().Equal(
                "[tx] SET LOCAL lock_timeout = '1500ms'; SET LOCAL statement_timeout = '120000ms';",
                "[tx] ALTER TABLE orders ADD note text;");
    }

    [Test]
    public void Identifiers_with_quotes_spaces_upper_case_reserved_words_and_non_ascii_are_quoted()
    {
        using var context = HarnessContext.Create();
        var sql = context.Sql(
            new DropIndexOperation { Name = "Select", Schema = "Ünï Schema", Table = "Order \"Items\"" },
            new AddCheckConstraintOperation { Name = "ck größe", Schema = "Ünï Schema", Table = "Order \"Items\"", Sql = "1 = 1" });
        sql.Should().Contain("[no tx] DROP INDEX CONCURRENTLY \"Ünï Schema\".\"Select\";");
        sql.Should().Contain("[no tx] ALTER TABLE \"Ünï Schema\".\"Order \"\"Items\"\"\" VALIDATE CONSTRAINT \"ck größe\";");
    }

    [Test]
    public void UseSafeMigrations_before_UseNpgsql_still_replaces_the_generator()
    {
        using var context = HarnessContext.Create(safeFirst: true);
        context.GetService<IMigrationsSqlGenerator>().Should().BeOfType<SafeMigrationsSqlGenerator>();
        context.GetService<IMigrationsModelDiffer>().Should().BeOfType<SafeMigrationsModelDiffer>();
    }

    [Test]
    public void The_plan_groups_transactional_statements_and_isolates_non_transactional_ones()
    {
        using var context = HarnessContext.Create();
        var steps = context.Plan(
            new AddColumnOperation { Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = "text", IsNullable = true },
            ForeignKey(),
            Index());

        steps.Select(s => (s.Number, s.Transactional, s.Statements.Count)).Should().Equal((1, true, 2), (2, false, 1), (3, false, 1));
        steps[1].Statements[0].Kind.Should().Be(PlannedStatementKind.Validate);
        steps[1].Statements[0].StatementTimeout.Should().Be(TimeSpan.Zero);
        steps[2].Statements[0].Kind.Should().Be(PlannedStatementKind.ConcurrentIndex);
        steps[2].Statements[0].IndexName.Should().Be("ix_orders_customer_id");
        steps[2].Statements[0].Rewrites.Should().Contain("concurrent-index");
        steps[0].Statements[0].LockTimeout.Should().Be(TimeSpan.FromSeconds(2));
        steps[0].Statements[0].StatementTimeout.Should().Be(TimeSpan.FromMinutes(15));
        steps.SelectMany(s => s.Statements).Should().NotContain(s => s.Sql.StartsWith("SET ", StringComparison.Ordinal));
    }

    private static AddForeignKeyOperation ForeignKey() => new()
    {
        Name = "fk_orders_customers", Table = "orders", Columns = ["customer_id"],
        PrincipalTable = "customers", PrincipalColumns = ["id"], OnDelete = ReferentialAction.Cascade,
    };
}

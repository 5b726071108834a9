using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Journal.Checksums;
using EfSafeMigrations.Tests.SafeApply;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>The steps each expansion stage plans into (no database): what commits together, what runs on its own.</summary>
public class ExpansionSqlTests
{
    [Test]
    public void A_rename_expands_in_one_transaction_then_backfills_on_its_own()
    {
        using var context = HarnessContext.Create();
        var steps = context.Plan(Rename(b => b.ExpandRenameColumn("users", "Email", "EmailAddress", "text", nullable: false)));

        steps.Select(Describe).Should().Equal(
            "tx: DO $esm_counter$ | CREATE FUNCTION | DO $esm_add$ | CREATE TRIGGER",
            "no tx: backfill");
        steps[0].Statements[2].Sql.Should().Contain("'ALTER TABLE users ADD COLUMN \"EmailAddress\" text' || COALESCE(esm_collation, '')");
        var function = steps[0].Statements[1].Sql;
        function.Should().Contain("\"Email\" text := NEW.\"Email\";").And.Contain("\"EmailAddress\" text := NEW.\"EmailAddress\";")
            .And.Contain("NEW.\"EmailAddress\" := (\"Email\");").And.Contain("NEW.\"Email\" := (\"EmailAddress\");")
            .And.Contain("ELSIF (ROW(NEW.\"EmailAddress\")::record *<> ROW(OLD.\"EmailAddress\")::record) THEN");
        steps[0].Statements[3].Sql.Should().Contain("BEFORE INSERT OR UPDATE OF \"Email\", \"EmailAddress\" ON users FOR EACH ROW");
        steps[1].Statements[0].Backfill.Should().BeEquivalentTo(new
        {
            Table = "users", Set = "\"EmailAddress\" = (\"Email\")", Where = "(ROW(\"EmailAddress\")::record *<> ROW(\"Email\")::record)",
        });
    }

    [Test]
    public void A_contract_to_NOT_NULL_validates_outside_the_transaction_that_drops_the_old_column()
    {
        using var context = HarnessContext.Create();
        var steps = context.Plan(Rename(b => b.ContractRenameColumn("users", "Email", "EmailAddress", "text", nullable: false, defaultValueSql: "''")));

        steps.Select(Describe).Should().Equal(
            "tx: ALTER TABLE users ADD CONSTRAINT",
            "no tx: ALTER TABLE users VALIDATE CONSTRAINT",
            "tx: DROP TRIGGER IF EXISTS | DROP FUNCTION IF EXISTS | DO $esm_counter$ | ALTER TABLE users DROP COLUMN \"Email\"; | " +
            "ALTER TABLE users ALTER COLUMN \"EmailAddress\" SET NOT NULL; | ALTER TABLE users DROP CONSTRAINT | " +
            "ALTER TABLE users ALTER COLUMN \"EmailAddress\" SET DEFAULT '';");
    }

    [Test]
    public void The_undo_is_one_transaction_and_each_stage_of_one_change_names_the_same_objects()
    {
        using var context = HarnessContext.Create();
        var expand = context.Plan(Rename(b => b.ExpandRenameColumn("users", "Email", "EmailAddress", "text", nullable: true)));
        var undo = context.Plan(Rename(b => b.UndoExpandRenameColumn("users", "Email", "EmailAddress", "text", nullable: true)));

        undo.Select(Describe).Should().Equal(
            "tx: DO $esm_guard$ | DROP TRIGGER IF EXISTS | DROP FUNCTION IF EXISTS | DO $esm_counter$ | ALTER TABLE users DROP COLUMN IF EXISTS \"EmailAddress\";");
        var names = ExpansionNames.Of(new ExpandColumnOperation { Table = "users", Name = "Email", NewName = "EmailAddress", StoreType = "text" });
        expand[0].Statements[1].Sql.Should().Contain(names.Function);
        undo[0].Statements[1].Sql.Should().Contain(names.Function);
        undo[0].Statements[3].Sql.Should().Contain(names.Counter);
        ExpansionNames.Of(new ExpandColumnOperation { Table = "users", Name = "Email", NewName = "EmailAddress", StoreType = "varchar(100)", OldStoreType = "text" })
            .Should().Be(names, "a contract spelling the types differently still finds what its expand created");
    }

    [Test]
    public void A_type_change_casts_by_default_and_uses_the_given_conversions()
    {
        using var context = HarnessContext.Create();
        var cast = context.Plan(Rename(b => b.ExpandColumnType("orders", "total", "total_big", "bigint", "integer", nullable: true)));
        cast[0].Statements[1].Sql.Should().Contain("NEW.total_big := (CAST(total AS bigint));").And.Contain("NEW.total := (CAST(total_big AS integer));");

        var custom = context.Plan(Rename(b => b.ExpandColumnType("orders", "price", "price_cents", "bigint", "numeric(10,2)", nullable: true,
            up: "round(price * 100)::bigint", down: "price_cents / 100.0")));
        custom[0].Statements[1].Sql.Should().Contain("price numeric(10,2) := NEW.price;").And.Contain("NEW.price_cents := (round(price * 100)::bigint);");
    }

    [Test]
    public void Required_table_rename_and_retire_plan_their_stages()
    {
        using var context = HarnessContext.Create();
        context.Plan(Rename(b => b.ExpandRequired("users", "country", "'NL'"))).Select(Describe)
            .Should().Equal("tx: DO $esm_counter$ | CREATE FUNCTION | CREATE TRIGGER", "no tx: backfill");
        context.Plan(Rename(b => b.ContractRequired("users", "country", "'NL'"))).Select(Describe).Should().Equal(
            "tx: ALTER TABLE users ADD CONSTRAINT", "no tx: ALTER TABLE users VALIDATE CONSTRAINT",
            "tx: ALTER TABLE users ALTER COLUMN country SET NOT NULL; | ALTER TABLE users DROP CONSTRAINT | DROP TRIGGER IF EXISTS | DROP FUNCTION IF EXISTS | DO $esm_counter$");
        context.Plan(Rename(b => b.ExpandRenameTable("customers", "clients", "crm"))).Select(Describe)
            .Should().Equal("tx: ALTER TABLE crm.customers RENAME TO clients; | CREATE VIEW crm.customers AS SELECT * FROM crm.clients; | DO $esm_grants$");
        context.Plan(Rename(b => b.UndoExpandRenameTable("customers", "clients", "crm"))).Select(Describe)
            .Should().Equal("tx: DROP VIEW IF EXISTS crm.customers; | ALTER TABLE crm.clients RENAME TO customers;");
        context.Plan(Rename(b => b.RetireColumn("users", "legacy"))).Should().BeEmpty("a nullable column or one with a default keeps working as it is");
        context.Plan(Rename(b => b.DropRetiredColumn("users", "legacy"))).Select(Describe).Should().Equal("tx: ALTER TABLE users DROP COLUMN IF EXISTS legacy;");
    }

    [Test]
    public void Contracts_make_a_migration_post_deployment_and_the_checksum_tells_the_stages_apart()
    {
        var expand = Rename(b => b.ExpandRenameColumn("users", "email", "email_address", "text", nullable: false));
        var contract = Rename(b => b.ContractRenameColumn("users", "email", "email_address", "text", nullable: false));
        CanonicalOperationWriter.Write(expand).Should().NotBe(CanonicalOperationWriter.Write(contract));
        CanonicalOperationWriter.Write(contract).Should().Contain("Stage=").And.Contain("NewName=\"email_address\"");
        ((ExpansionOperation)expand[0]).SameChangeAs((ExpansionOperation)contract[0]).Should().BeTrue();

        PostDeployment.Is(new Holding(contract)).Should().BeTrue();
        PostDeployment.Is(new Holding(expand)).Should().BeFalse();
        PostDeployment.Is(new MarkedPostDeployment()).Should().BeTrue();
    }

    [Test]
    public void Another_stage_of_a_change_copies_every_argument_and_its_annotations_without_sharing_them()
    {
        var expand = new ExpandColumnOperation
        {
            Table = "orders", Schema = "shop", Name = "price", NewName = "price_cents", StoreType = "bigint", OldStoreType = "numeric(10,2)",
            IsNullable = false, DefaultValueSql = "0", Up = "round(price * 100)::bigint", Down = "price_cents / 100.0", BatchSize = 77,
        };
        expand["Note"] = "kept";

        var contract = (ExpandColumnOperation)expand.AsStage(ExpansionStage.Contract);
        contract["Note"] = "changed";

        contract.Should().BeEquivalentTo(expand, o => o.Excluding(e => e.Stage));
        contract.Stage.Should().Be(ExpansionStage.Contract);
        expand["Note"].Should().Be("kept");
    }

    [TestCase("email", "the new column must have another name")]
    [TestCase("", "'newName' is required")]
    public void Bad_arguments_are_refused_where_the_migration_is_written(string newName, string message)
        => FluentActions.Invoking(() => Rename(b => b.ExpandRenameColumn("users", "email", newName, "text", nullable: true)))
            .Should().Throw<ArgumentException>().WithMessage($"*{message}*");

    private static MigrationOperation[] Rename(Action<MigrationBuilder> build)
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        build(builder);
        return [.. builder.Operations];
    }

    /// <summary>"tx: first words | ..." per step: enough to see what commits together.</summary>
    private static string Describe(PlanStep step)
        => (step.Transactional ? "tx: " : "no tx: ") + string.Join(" | ", step.Statements.Select(s => s.Backfill is not null ? "backfill" : Head(s.Sql)));

    private static string Head(string sql)
    {
        var line = sql.Trim().Split('\n')[0].Trim();
        foreach (var keyword in new[] { "CREATE FUNCTION", "CREATE TRIGGER", "DROP TRIGGER IF EXISTS", "DROP FUNCTION IF EXISTS", "ALTER TABLE users ADD CONSTRAINT",
                     "ALTER TABLE users VALIDATE CONSTRAINT", "ALTER TABLE users DROP CONSTRAINT" })
        {
            if (line.StartsWith(keyword, StringComparison.Ordinal))
            {
                return keyword;
            }
        }

        return line.StartsWith("DO ", StringComparison.Ordinal) ? line.Split(' ')[0] + " " + line.Split(' ')[1] : line;
    }

    private sealed class Holding(MigrationOperation[] operations) : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Operations.AddRange(operations);
    }

    [PostDeployment]
    private sealed class MarkedPostDeployment : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("SELECT 1;");
    }
}

using EfSafeMigrations.Journal;
using EfSafeMigrations.Migrations.Internal;
using EfSafeMigrations.Tests.Journal.Checksums;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>
/// The exact operations and code <c>dotnet ef migrations add</c> scaffolds for opted-in changes (in process: the context's
/// differ asked for Up then Down, EF's C# generator with EfSafeMigrations' design-time services, Roslyn).
/// </summary>
public class ExpansionScaffoldingTests
{
    [Test]
    public void Opted_in_changes_are_scaffolded_as_expansions_and_their_down_as_the_undo_forms()
    {
        var (up, down, _) = Scaffold(OptIn.Annotations);

        var rename = up.OfType<ExpandColumnOperation>().Single(o => o.Name == "Email");
        rename.Should().BeEquivalentTo(new { Table = "members", NewName = "EmailAddress", StoreType = "text", IsNullable = false, OldStoreType = (string?)null, Stage = ExpansionStage.Expand });
        var retype = up.OfType<ExpandColumnOperation>().Single(o => o.Name == "Price");
        retype.Should().BeEquivalentTo(new
        {
            NewName = "PriceCents", StoreType = "bigint", OldStoreType = "numeric(10,2)", Up = "round(\"Price\" * 100)::bigint", Down = "\"PriceCents\" / 100.0",
        });
        up.OfType<ExpandRequiredOperation>().Single().Should().BeEquivalentTo(new { Table = "members", Name = "Nickname", Fill = "'anonymous'" });
        up.OfType<RetireColumnOperation>().Single().Should().BeEquivalentTo(new { Table = "members", Name = "Legacy", DefaultValueSql = "0" },
            "a NOT NULL column without a default gets its type's default, or the new version's inserts fail");
        up.OfType<ExpandTableRenameOperation>().Single().Should().BeEquivalentTo(new { Table = "purchases", NewName = "orders" });

        up.Should().NotContain(o => o is RenameColumnOperation || o is RenameTableOperation || o is DropColumnOperation || o is AlterColumnOperation);
        up.Should().NotContain(o => o is DropPrimaryKeyOperation || o is AddPrimaryKeyOperation || o is DropForeignKeyOperation,
            "the old column keeps its index and foreign key until the contract; a table rename only renames its constraints");
        Sql(up).Should().Contain([
            "ALTER TABLE orders RENAME CONSTRAINT \"PK_purchases\" TO \"PK_orders\";",
            "ALTER TABLE orders RENAME CONSTRAINT \"FK_purchases_members_MemberId\" TO \"FK_orders_members_MemberId\";",
        ]);

        // Indexes and foreign keys of a renamed column are built on the new column, after it (concurrently, NOT VALID).
        var index = up.OfType<CreateIndexOperation>().Single(o => o.Name == "IX_members_EmailAddress");
        index.Columns.Should().Equal("EmailAddress");
        index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently].Should().Be(true);
        IndexOf(up, index).Should().BeGreaterThan(IndexOf(up, rename));
        up.OfType<RenameIndexOperation>().Should().NotContain(o => o.Name == "IX_members_Email" || o.Name == "IX_notes_MemberId");
        var key = up.OfType<AddForeignKeyOperation>().Single();
        key.Should().BeEquivalentTo(new { Name = "FK_notes_members_AuthorMemberId", Columns = new[] { "AuthorMemberId" } });
        key[SafeMigrationsAnnotationNames.NotValid].Should().Be(true);

        down.OfType<ExpansionOperation>().Should().OnlyContain(o => o.Stage == ExpansionStage.UndoExpand).And.HaveCount(6);
        foreach (var expansion in up.OfType<ExpansionOperation>())
        {
            down.OfType<ExpansionOperation>().Should().ContainSingle(o => o.SameChangeAs(expansion)).Which.Should()
                .BeEquivalentTo(expansion.AsStage(ExpansionStage.UndoExpand), "the undo takes the expand's arguments");
        }

        down.Should().NotContain(o => o is RenameColumnOperation || o is RenameTableOperation || o is AddColumnOperation || o is AlterColumnOperation
                                      || o is AddForeignKeyOperation || o is DropForeignKeyOperation || o is AddPrimaryKeyOperation);
        down.OfType<RenameIndexOperation>().Select(o => o.Name).Should().BeEquivalentTo("IX_orders_Code", "IX_orders_MemberId");
        Sql(down).Should().Contain("ALTER TABLE purchases RENAME CONSTRAINT \"PK_orders\" TO \"PK_purchases\";");
        IndexOf(down, down.OfType<ExpandTableRenameOperation>().Single()).Should().BeLessThan(IndexOf(down, down.OfType<SqlOperation>().First()));
    }

    [Test]
    public void Scaffolded_expansions_are_written_as_builder_calls_that_compile_back_with_the_same_checksum()
    {
        var (up, down, harness) = Scaffold(OptIn.Annotations);
        using (harness)
        {
            var code = harness.Code(up, down);

            code.Should().Contain("using Microsoft.EntityFrameworkCore;").And.Contain("migrationBuilder.ExpandRenameColumn(")
                .And.Contain("migrationBuilder.ExpandColumnType(").And.Contain("migrationBuilder.ExpandRequired(")
                .And.Contain("migrationBuilder.ExpandRenameTable(").And.Contain("migrationBuilder.RetireColumn(")
                .And.Contain("migrationBuilder.UndoExpandRenameColumn(").And.Contain("migrationBuilder.UndoRetireColumn(");
            var compiled = MigrationRoundTrip.Compile(code);
            MigrationChecksum.CanonicalText(compiled.UpOperations).Should().Be(MigrationChecksum.CanonicalText(up), code);
            MigrationChecksum.Compute(compiled).Should().Be(MigrationChecksum.Compute(up));
            MigrationChecksum.CanonicalText(compiled.DownOperations).Should().Be(MigrationChecksum.CanonicalText(down), code);
        }
    }

    [Test]
    public void Contract_forms_with_every_argument_compile_back_with_the_same_checksum()
    {
        using var context = new ExpandContractContext(2);
        using var harness = new ScaffoldingHarness(context);
        List<MigrationOperation> contracts =
        [
            new ExpandColumnOperation
            {
                Table = "t", Schema = "s", Name = "a", NewName = "b", StoreType = "bigint", OldStoreType = "integer", IsNullable = true,
                DefaultValueSql = "0", Up = "a::bigint", Down = "b::integer", BatchSize = 500, Stage = ExpansionStage.Contract,
            },
            new ExpandColumnOperation { Table = "t", Name = "c", NewName = "d", StoreType = "text", Stage = ExpansionStage.Contract },
            new ExpandRequiredOperation { Table = "t", Schema = "s", Name = "e", Fill = "'it''s'", BatchSize = 10, Stage = ExpansionStage.Contract },
            new ExpandTableRenameOperation { Table = "t", Schema = "s", NewName = "u", Stage = ExpansionStage.Contract },
            new RetireColumnOperation { Table = "t", Name = "f", DefaultValueSql = "''", OldDefaultValueSql = "'x'", Stage = ExpansionStage.Contract },
        ];

        var code = harness.Code(contracts, []);

        code.Should().Contain("migrationBuilder.ContractColumnType(").And.Contain("migrationBuilder.ContractRenameColumn(")
            .And.Contain("migrationBuilder.ContractRequired(").And.Contain("migrationBuilder.ContractRenameTable(")
            .And.Contain("migrationBuilder.DropRetiredColumn(");
        MigrationChecksum.CanonicalText(MigrationRoundTrip.Compile(code).UpOperations).Should().Be(MigrationChecksum.CanonicalText(contracts), code);
    }

    [Test]
    public void The_option_expands_every_change_and_a_required_column_without_a_fill_stays_efs_step_with_a_note()
    {
        var (up, _, harness) = Scaffold(OptIn.Option);
        using (harness)
        {
            up.OfType<ExpandColumnOperation>().Single(o => o.Name == "Price").Should().BeEquivalentTo(new { OldStoreType = "numeric(10,2)", Up = (string?)null, Down = (string?)null },
                "without HasExpandConversion the trigger casts");
            up.OfType<ExpandTableRenameOperation>().Should().ContainSingle();
            up.OfType<RetireColumnOperation>().Should().ContainSingle();
            up.OfType<ExpandRequiredOperation>().Should().BeEmpty();
            up.OfType<AlterColumnOperation>().Should().ContainSingle(o => o.Name == "Nickname" && !o.IsNullable);
            ((SafeMigrationsModelDiffer)harness.Differ).ExpansionNotes.Should().ContainSingle()
                .Which.Should().Contain("members.Nickname").And.Contain(".HasExpandFill(");
        }
    }

    [Test]
    public void Without_opt_in_efs_operations_stay()
    {
        var (up, down, harness) = Scaffold(OptIn.None);
        harness.Dispose();

        up.Should().NotContain(o => o is ExpansionOperation);
        down.Should().NotContain(o => o is ExpansionOperation);
        up.Should().Contain(o => o is RenameColumnOperation).And.Contain(o => o is RenameTableOperation).And.Contain(o => o is DropColumnOperation);
    }

    private static (IReadOnlyList<MigrationOperation> Up, IReadOnlyList<MigrationOperation> Down, ScaffoldingHarness Harness) Scaffold(OptIn optIn)
    {
        using var before = new ExpandContractContext(1, optIn);
        var after = new ExpandContractContext(2, optIn);
        var harness = new ScaffoldingHarness(after);
        var (up, down) = harness.Scaffold(before);
        return (up, down, harness);
    }

    private static IEnumerable<string> Sql(IEnumerable<MigrationOperation> operations) => operations.OfType<SqlOperation>().Select(o => o.Sql);

    private static int IndexOf(IReadOnlyList<MigrationOperation> operations, MigrationOperation operation)
        => operations.ToList().FindIndex(o => ReferenceEquals(o, operation));
}

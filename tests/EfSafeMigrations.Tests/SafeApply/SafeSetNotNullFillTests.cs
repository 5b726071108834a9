using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.SafeApply;

/// <summary>
/// SQL baselines for EF's own "nullable column made required" shape, <c>AlterColumn(nullable: false, defaultValue: X,
/// oldNullable: true)</c>: the NULLs are filled (batched, outside the transaction) before the helper check is validated.
/// </summary>
public class SafeSetNotNullFillTests
{
    private const string DdlTimeouts = "[tx] SET LOCAL lock_timeout = '2000ms'; SET LOCAL statement_timeout = '900000ms';";
    private const string NoStatementTimeout = "[no tx] SET lock_timeout = '2000ms'; SET statement_timeout = '0ms';";
    private const string Reset = "[no tx] RESET lock_timeout; RESET statement_timeout;";

    private static AlterColumnOperation RequiredWithDefault(string oldType = "text", string type = "text") => new()
    {
        Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = type, IsNullable = false, DefaultValue = "",
        OldColumn = new AddColumnOperation { Name = "note", Table = "orders", ClrType = typeof(string), ColumnType = oldType, IsNullable = true },
    };

    private static string Fill => NullFillSql.Batched("orders", "note", "''").Trim().ReplaceLineEndings(" ");

    [Test]
    public void EF_shape_fills_nulls_in_batches_before_the_check_and_again_after_it_then_alters_without_its_own_update()
    {
        using var context = HarnessContext.Create();
        var check = SafeSql.NotNullCheckName(null, "orders", "note");
        context.Sql(RequiredWithDefault()).Should().Equal(
            NoStatementTimeout,
            "[no tx] " + Fill,
            Reset,
            DdlTimeouts,
            $"[tx] ALTER TABLE orders ADD CONSTRAINT {check} CHECK (note IS NOT NULL) NOT VALID;",
            NoStatementTimeout,
            "[no tx] " + Fill,
            $"[no tx] ALTER TABLE orders VALIDATE CONSTRAINT {check};",
            Reset,
            DdlTimeouts,
            "[tx] ALTER TABLE orders ALTER COLUMN note TYPE text; ALTER TABLE orders ALTER COLUMN note SET NOT NULL; ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';",
            $"[tx] ALTER TABLE orders DROP CONSTRAINT {check};");
    }

    [Test]
    public void The_fill_value_is_the_literal_EFs_own_update_would_have_written()
    {
        using var context = HarnessContext.Create();
        var alter = new AlterColumnOperation
        {
            Name = "At", Table = "Orders", ClrType = typeof(DateTime), ColumnType = "timestamp with time zone", IsNullable = false,
            DefaultValue = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            OldColumn = new AddColumnOperation { Name = "At", Table = "Orders", ClrType = typeof(DateTime), ColumnType = "timestamp with time zone", IsNullable = true },
        };
        var plain = HarnessContext.Create(o => o.Rewrites.SafeSetNotNull = false).Sql(alter);
        var efUpdate = plain.Single(s => s.Contains("UPDATE", StringComparison.Ordinal));
        var literal = efUpdate[(efUpdate.IndexOf("= ", StringComparison.Ordinal) + 2)..efUpdate.IndexOf(" WHERE", StringComparison.Ordinal)];

        var fills = context.Sql(alter).Where(s => s.StartsWith("[no tx] DO", StringComparison.Ordinal)).ToList();
        fills.Should().HaveCount(2).And.OnlyContain(s => s.Contains($"SET \"At\" = {literal} WHERE ctid", StringComparison.Ordinal));
    }

    [Test]
    public void A_type_change_with_a_fill_keeps_the_plain_form_whose_fill_runs_after_the_type_change()
    {
        using var context = HarnessContext.Create();
        context.Sql(RequiredWithDefault(oldType: "integer", type: "text")).Should().Equal(
            DdlTimeouts,
            "[tx] ALTER TABLE orders ALTER COLUMN note TYPE text; UPDATE orders SET note = '' WHERE note IS NULL; ALTER TABLE orders ALTER COLUMN note SET NOT NULL; ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';");
    }

    [Test]
    public void A_scaffolded_fill_step_runs_batched_outside_the_transaction()
    {
        using var context = HarnessContext.Create();
        var scaffolded = NullFillSql.Scaffolded(new Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.NpgsqlSqlGenerationHelper(
            new Microsoft.EntityFrameworkCore.Storage.RelationalSqlGenerationHelperDependencies()), null, "orders", "note", "''");
        context.Sql(new SqlOperation { Sql = scaffolded }).Should().Equal(NoStatementTimeout, "[no tx] " + Fill, Reset);
    }

    [Test]
    public void A_scaffolded_fill_reads_back_quoted_names_with_spaces_and_schemas()
    {
        var fill = NullFillSql.TryParse(NullFillSql.Marker + "\nUPDATE app.\"My \"\"Orders\"\"\" SET \"Due At\" = 'a WHERE b' WHERE \"Due At\" IS NULL;");
        fill.Should().Be(new ScaffoldedFill("app.\"My \"\"Orders\"\"\"", "\"Due At\"", "'a WHERE b'"));
        NullFillSql.TryParse("UPDATE orders SET note = '' WHERE note IS NULL;").Should().BeNull("only the marked step is the library's own");
    }

    [Test]
    public void An_older_scaffolded_safe_set_not_null_without_a_fill_gets_one_before_its_helper_check()
    {
        using var context = HarnessContext.Create();
        var check = SafeSql.NotNullCheckName(null, "orders", "note");
        var alter = RequiredWithDefault();
        alter[SafeMigrationsAnnotationNames.NotNullCheck] = check;
        context.Sql(
            new SqlOperation { Sql = $"ALTER TABLE orders ADD CONSTRAINT {check} CHECK (note IS NOT NULL) NOT VALID;" },
            new SqlOperation { Sql = $"ALTER TABLE orders VALIDATE CONSTRAINT {check};" },
            alter,
            new SqlOperation { Sql = $"ALTER TABLE orders DROP CONSTRAINT {check};" }).Should().Equal(
            NoStatementTimeout,
            "[no tx] " + Fill,
            Reset,
            DdlTimeouts,
            $"[tx] ALTER TABLE orders ADD CONSTRAINT {check} CHECK (note IS NOT NULL) NOT VALID;",
            NoStatementTimeout,
            $"[no tx] ALTER TABLE orders VALIDATE CONSTRAINT {check};",
            Reset,
            DdlTimeouts,
            "[tx] ALTER TABLE orders ALTER COLUMN note TYPE text; ALTER TABLE orders ALTER COLUMN note SET NOT NULL; ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';",
            $"[tx] ALTER TABLE orders DROP CONSTRAINT {check};");
    }

    [Test]
    public void Without_the_rewrite_the_plain_EF_form_is_kept()
    {
        using var context = HarnessContext.Create(o => o.Rewrites.SafeSetNotNull = false);
        context.Sql(RequiredWithDefault()).Should().Equal(
            DdlTimeouts,
            "[tx] ALTER TABLE orders ALTER COLUMN note TYPE text; UPDATE orders SET note = '' WHERE note IS NULL; ALTER TABLE orders ALTER COLUMN note SET NOT NULL; ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';");
    }
}

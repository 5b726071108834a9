using EfSafeMigrations.Push.Internal.Catalog;
using EfSafeMigrations.Push.Internal.Planning;

namespace EfSafeMigrations.Tests.Push;

/// <summary>The parts of push that need no database: type-change safety, rename hints, the allow-list.</summary>
public class PushInputTests
{
    [TestCase("character varying(50)", "character varying(100)")]
    [TestCase("character varying(50)", "character varying")]
    [TestCase("character varying(50)", "text")]
    [TestCase("character(2)", "text")]
    [TestCase("smallint", "integer")]
    [TestCase("integer", "bigint")]
    [TestCase("integer", "numeric")]
    [TestCase("numeric(10,2)", "numeric(12,2)")]
    [TestCase("numeric(10,2)", "numeric")]
    [TestCase("real", "double precision")]
    [TestCase("timestamp(3) with time zone", "timestamp with time zone")]
    public void Widening_type_changes_keep_every_value(string from, string to)
        => TypeChanges.KeepsEveryValue(from, to).Should().BeTrue();

    [TestCase("character varying(100)", "character varying(50)")]
    [TestCase("text", "character varying(50)")]
    [TestCase("bigint", "integer")]
    [TestCase("numeric(12,2)", "numeric(12,1)")]
    [TestCase("numeric", "numeric(12,2)")]
    [TestCase("text", "integer")]
    [TestCase("timestamp without time zone", "timestamp with time zone")]
    [TestCase("double precision", "real")]
    [TestCase("json", "jsonb")]
    public void Other_type_changes_count_as_possible_data_loss(string from, string to)
        => TypeChanges.KeepsEveryValue(from, to).Should().BeFalse();

    [Test]
    public void Rename_hints_default_to_the_default_schema_and_keep_a_table_in_its_schema()
    {
        var (tables, columns) = RenameHints.Parse(
            ["table pets -> animals", "table sales.old -> archive.new", "table crm.a -> b", "column people.Name -> full_name", "column crm.people.x -> y"],
            "public");

        tables.Should().Equal(
            new TableRename(new QualifiedName("public", "pets"), new QualifiedName("public", "animals")),
            new TableRename(new QualifiedName("sales", "old"), new QualifiedName("archive", "new")),
            new TableRename(new QualifiedName("crm", "a"), new QualifiedName("crm", "b")));
        columns.Should().Equal(
            new ColumnRename(new QualifiedName("public", "people"), "Name", "full_name"),
            new ColumnRename(new QualifiedName("crm", "people"), "x", "y"));
    }

    [TestCase("pets -> animals")]
    [TestCase("table pets")]
    [TestCase("column people.Name -> a.b")]
    [TestCase("index ix -> iy")]
    public void Malformed_rename_hints_are_rejected(string hint)
    {
        var parse = () => RenameHints.Parse([hint], "public");
        parse.Should().Throw<ArgumentException>().WithMessage($"*\"{hint}\"*");
    }

    [Test]
    public void Allow_list_entries_may_leave_out_the_default_schema_but_must_name_the_kind()
    {
        var allow = new AllowList(["table legacy", "column public.users.nickname", "column crm.people.age"], "public");

        allow.Allows(AllowList.TableEntry(new QualifiedName("public", "legacy"))).Should().BeTrue();
        allow.Allows(AllowList.ColumnEntry(new QualifiedName("public", "users"), "nickname")).Should().BeTrue();
        allow.Allows(AllowList.ColumnEntry(new QualifiedName("crm", "people"), "age")).Should().BeTrue();
        allow.Allows(AllowList.TableEntry(new QualifiedName("crm", "legacy"))).Should().BeFalse();
        allow.Allows(AllowList.ColumnEntry(new QualifiedName("public", "users"), "email")).Should().BeFalse();

        var bad = () => new AllowList(["users.nickname"], "public");
        bad.Should().Throw<ArgumentException>().WithMessage("*\"users.nickname\"*");
    }
}

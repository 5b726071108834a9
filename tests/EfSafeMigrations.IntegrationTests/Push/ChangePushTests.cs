using EfSafeMigrations.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EfSafeMigrations.IntegrationTests.Push.ShopContext;

namespace EfSafeMigrations.IntegrationTests.Push;

/// <summary>
/// Each kind of change, pushed: the resulting catalog equals the one EF's migration between the same two models
/// produces, and the model then plans empty against both databases.
/// </summary>
// Every test has its own databases: the cases run side by side.
[Parallelizable(ParallelScope.Children)]
public class ChangePushTests
{
    public static IEnumerable<TestCaseData> Changes()
    {
        TestCaseData Model(string name, Action<ModelBuilder> model, Action<PushOptions>? options = null)
            => new TestCaseData(name, model, options).SetName("Push_equals_migration: " + name);
        TestCaseData Case(string name, Action<ModelBuilder> change, Action<PushOptions>? options = null)
            => Model(name, BaselineAnd(change), options);

        yield return Case("add nullable column", b => b.Entity<Person>().Property(x => x.Nickname));
        yield return Case("add NOT NULL column with a default", b => b.Entity<Person>().Property(x => x.Nickname).IsRequired().HasDefaultValue("n/a"));
        yield return Case("drop column", b => b.Entity<Person>().Ignore(x => x.Age), o => o.AllowDataLoss.Add("column public.people.Age"));
        yield return Case("widen column type", b => b.Entity<Person>().Property(x => x.Name).HasMaxLength(200));
        // EF's migration gives a column made required the CLR default as DEFAULT; with the default in the model both agree.
        yield return Case("make column NOT NULL", b => b.Entity<Person>().Property(x => x.Email).IsRequired().HasDefaultValue(""));
        yield return Case("add a default", b => b.Entity<Person>().Property(x => x.Age).HasDefaultValue(18));
        yield return Case("change a default to SQL", b => b.Entity<Person>().Property(x => x.Name).HasDefaultValueSql("current_user"));
        yield return Case("add index", b => b.Entity<Person>().HasIndex(x => x.Name));
        yield return Case("drop index", b => b.Entity<Person>(e => e.Metadata.RemoveIndex(e.Metadata.GetIndexes().Single())));
        yield return Case("filter an index", b => b.Entity<Person>().HasIndex(x => x.Email).HasFilter("\"Email\" IS NOT NULL"));
        yield return Case("index with INCLUDE", b => b.Entity<Person>().HasIndex(x => x.Email).IncludeProperties(x => x.Name));
        yield return Case("add unique constraint", b => b.Entity<Person>().HasAlternateKey(x => x.Age));
        yield return Case("add check constraint", b => b.Entity<Person>().ToTable(t => t.HasCheckConstraint("ck_people_age", "\"Age\" >= 0")));
        yield return Case("change foreign key delete behaviour", b => b.Entity<Pet>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict));
        yield return Case("add table with foreign key", b => b.Entity<Toy>().HasOne<Pet>().WithMany().HasForeignKey(x => x.PetId));
        yield return Case("drop table", b => b.Ignore<Pet>(), o => o.AllowDataLoss.Add("table public.pets"));
        yield return Case("add schema", b => b.Entity<Toy>().ToTable("toys", "extra"));
        yield return Model("add enum values", b => Baseline(b, ["content", "happy", "meh", "sad", "ecstatic"]));
        yield return Case("add enum", b => b.HasPostgresEnum("size", ["small", "large"]));
        yield return Case("add extension and a column of its type", b =>
        {
            b.HasPostgresExtension("citext");
            b.Entity<Person>().Property(x => x.Nickname).HasColumnType("citext");
        });
        yield return Case("add sequence", b => b.HasSequence<int>("tickets").StartsAt(100).IncrementsBy(10));
        yield return Case("move table to another schema with hint", b => b.Entity<Pet>().ToTable("pets", "zoo"), o => o.RenameTable("public.pets", "zoo.pets"));
        yield return Case("table and column comments", b => b.Entity<Person>(e =>
        {
            e.ToTable(t => t.HasComment("People's details"));
            e.Property(x => x.Email).HasComment("Primary address");
        }));
        yield return Case("rename table with hint", b => b.Entity<Pet>().ToTable("animals"), o => o.RenameTable("pets", "animals"));
        yield return Case("rename column with hint", b => b.Entity<Person>().Property(x => x.Name).HasColumnName("full_name"),
            o => o.RenameColumn("people", "Name", "full_name"));
    }

    [TestCaseSource(nameof(Changes))]
    public async Task Push_equals_migration(string change, Action<Microsoft.EntityFrameworkCore.ModelBuilder> after, Action<PushOptions>? configure)
    {
        await using var migrated = await PostgresTestServer.CreateDatabaseAsync("change_migrated");
        await using var pushed = await PostgresTestServer.CreateDatabaseAsync("change_pushed");
        var variant = change;

        await using (var before = Create(migrated.ConnectionString, "baseline", Baseline))
        await using (var target = Create(migrated.ConnectionString, variant, after))
        {
            await PushTestSupport.MigrateAsync(null, before);
            await PushTestSupport.MigrateAsync(before, target);
        }

        await using (var before = Create(pushed.ConnectionString, "baseline", Baseline))
        {
            await before.Database.PushAsync(PushTestSupport.Options());
        }

        await using (var target = Create(pushed.ConnectionString, variant, after))
        {
            var result = await target.Database.PushAsync(PushTestSupport.Options(configure));
            result.Plan.Steps.Should().NotBeEmpty();
            (await target.Database.PlanPushAsync(PushTestSupport.Options(configure))).IsEmpty.Should().BeTrue("the change was just pushed");
        }

        await using (var target = Create(migrated.ConnectionString, variant, after))
        {
            var plan = await target.Database.PlanPushAsync(PushTestSupport.Options(configure));
            plan.IsEmpty.Should().BeTrue(because: "the migrated database matches the model; the plan was:\n{0}", plan);
        }

        var expected = await CatalogSnapshot.ReadAsync(migrated.ConnectionString);
        var actual = await CatalogSnapshot.ReadAsync(pushed.ConnectionString);
        actual.ToString().Should().Be(expected.ToString());
    }
}

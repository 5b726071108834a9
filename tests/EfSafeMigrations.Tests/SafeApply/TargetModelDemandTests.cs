using EfSafeMigrations.Execution.Internal;
using EfSafeMigrations.Tests.Journal.Checksums;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.SafeApply;

/// <summary>
/// Planning builds a migration's target model only where the SQL generators read it (TargetModelDemand). The
/// proof: every operation of migrations scaffolded the way <c>dotnet ef migrations add</c> writes them (with
/// their Designer file) generates exactly the same SQL with the model it is given as with its full target model.
/// </summary>
public class TargetModelDemandTests
{
    [TestCase(0, 1, false)]
    [TestCase(0, 1, true)]
    [TestCase(1, 2, false)]
    [TestCase(1, 2, true)]
    [TestCase(2, 1, false)]
    [TestCase(2, 1, true)]
    public void Scaffolded_operations_generate_the_same_sql_without_the_full_target_model(int from, int to, bool safeDiffer)
    {
        using var before = from == 0 ? null : new ChecksumContext(from, safeDiffer);
        using var after = new ChecksumContext(to, safeDiffer);
        var migration = MigrationRoundTrip.CompileWithDesigner(after, MigrationRoundTrip.Diff(before, after));
        using var library = new ChecksumContext(to, safe: true);
        var migrator = (SafeMigrator)library.GetService<IMigrator>();
        var generator = library.GetService<IMigrationsSqlGenerator>();
        var fullModel = library.GetService<IModelRuntimeInitializer>().Initialize(migration.TargetModel);

        var lighter = 0;
        foreach (var operation in migration.UpOperations)
        {
            IReadOnlyList<MigrationOperation> single = [operation];
            if (TargetModelDemand.Of(single) == TargetModelNeed.Full)
            {
                continue;
            }

            lighter++;
            Outcome(() => generator.Generate(single, migrator.ModelFor(single, migration))).Should().Be(
                Outcome(() => generator.Generate(single, fullModel)), $"{operation.GetType().Name} must not depend on what the full model adds");
        }

        lighter.Should().BeGreaterThan(migration.UpOperations.Count / 2, "most scaffolded operations need no model");
        Outcome(() => migrator.UpCommands(migration).SkipLast(1)).Should().Be(Outcome(() => generator.Generate(migration.UpOperations, fullModel)));
    }

    [Test]
    public void Database_objects_take_the_default_schema_from_the_unfinalized_model()
    {
        using var context = new DefaultSchemaContext();
        var migration = MigrationRoundTrip.CompileWithDesigner(context, MigrationRoundTrip.Diff(null, context));
        var migrator = (SafeMigrator)context.GetService<IMigrator>();
        var generator = context.GetService<IMigrationsSqlGenerator>();
        var fullModel = context.GetService<IModelRuntimeInitializer>().Initialize(migration.TargetModel);

        IReadOnlyList<MigrationOperation> database = [migration.UpOperations.OfType<AlterDatabaseOperation>().Single()];
        TargetModelDemand.Of(database).Should().Be(TargetModelNeed.DefaultSchema);
        var sql = Sql(generator.Generate(database, migrator.ModelFor(database, migration)));
        sql.Should().Be(Sql(generator.Generate(database, fullModel))).And.Contain("app.mood");
        Outcome(() => migrator.UpCommands(migration).SkipLast(1)).Should().Be(Outcome(() => generator.Generate(migration.UpOperations, fullModel)));
    }

    [Test]
    public void Scaffolded_alter_column_needs_only_the_version_and_anything_unknown_the_full_model()
    {
        var alter = new AlterColumnOperation { Table = "t", Name = "c", ColumnType = "text", OldColumn = { ColumnType = "varchar(50)" } };
        TargetModelDemand.Of([alter]).Should().Be(TargetModelNeed.ProductVersion);

        var handWritten = new AlterColumnOperation { Table = "t", Name = "c", ClrType = typeof(string) };
        TargetModelDemand.Of([handWritten]).Should().Be(TargetModelNeed.Full, "without store types the generator looks the column up");

        var computedChanged = new AlterColumnOperation
        {
            Table = "t", Name = "c", ColumnType = "int", ComputedColumnSql = "a * 2", OldColumn = { ColumnType = "int" },
        };
        TargetModelDemand.Of([computedChanged]).Should().Be(TargetModelNeed.Full, "the drop and re-add recreates the column's indexes");

        TargetModelDemand.Of([new InsertDataOperation { Table = "t", Columns = ["id"], Values = new object[,] { { 1 } } }])
            .Should().Be(TargetModelNeed.Full);
        TargetModelDemand.Of([new UnknownOperation()]).Should().Be(TargetModelNeed.Full);
        TargetModelDemand.Of([new SqlOperation { Sql = "SELECT 1;" }, new DropColumnOperation { Table = "t", Name = "c" }])
            .Should().Be(TargetModelNeed.None);
    }

    // The SQL, or the error: some shapes (removing an enum label) are refused by the generator either way.
    private static string Outcome(Func<IEnumerable<MigrationCommand>> generate)
    {
        try
        {
            return Sql(generate());
        }
        catch (NotSupportedException e)
        {
            return "refused: " + e.Message;
        }
    }

    private static string Sql(IEnumerable<MigrationCommand> commands)
        => string.Join("\n--\n", commands.Select(c => $"{c.TransactionSuppressed}: {c.CommandText}"));

    private sealed class UnknownOperation : MigrationOperation;

    public sealed class DefaultSchemaContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            => optionsBuilder.UseNpgsql("Host=localhost;Database=never_connects").UseSafeMigrations();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.HasDefaultSchema("app").HasPostgresEnum("mood", ["sad", "happy"]).HasPostgresExtension("citext")
                .HasCollation("case_insensitive", "und-u-ks-level2", "icu", deterministic: false);
            modelBuilder.Entity<Author>().ToTable("authors").Property(a => a.Name).UseCollation("case_insensitive");
        }
    }
}

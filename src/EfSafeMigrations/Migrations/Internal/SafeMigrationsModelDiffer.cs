using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.EntityFrameworkCore.Update.Internal;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// EF's model differ, plus the safe form written into the operations it returns, so that a scaffolded
/// migration shows a reviewer what will run: new indexes on existing tables carry
/// <c>Npgsql:CreatedConcurrently</c>, and new foreign keys / checks on existing tables carry
/// <c>EfSafeMigrations:NotValid</c> followed by a <c>Sql("... VALIDATE CONSTRAINT ...")</c> step (which the safe SQL
/// generator always runs outside the transaction: EF's C# generator does not write <c>suppressTransaction</c>).
/// <c>SET NOT NULL</c> on existing columns and unique constraints / primary keys on existing tables become visible
/// <c>Sql</c> steps (helper CHECK; concurrent unique index then <c>ADD CONSTRAINT ... USING INDEX</c>).
/// The concurrency annotation is ignored when comparing indexes, so toggling it never drops and recreates one.
/// Opted-in renames, type changes, required columns and drops are scaffolded as expand operations first
/// (<see cref="ExpansionDiffer"/>), so the steps they leave to EF (an index on the new column) are made safe as well.
/// </summary>
internal sealed class SafeMigrationsModelDiffer(
    IRelationalTypeMappingSource typeMappingSource,
    IMigrationsAnnotationProvider migrationsAnnotationProvider,
    IRelationalAnnotationProvider relationalAnnotationProvider,
    IRowIdentityMapFactory rowIdentityMapFactory,
    CommandBatchPreparerDependencies commandBatchPreparerDependencies,
    ISqlGenerationHelper sqlGenerationHelper,
    IDbContextOptions contextOptions)
    : MigrationsModelDiffer(typeMappingSource, migrationsAnnotationProvider, relationalAnnotationProvider, rowIdentityMapFactory, commandBatchPreparerDependencies)
{
    private readonly RewriteOptions _rewrites = SafeMigrationsOptionsExtension.OptionsOf(contextOptions).Rewrites;

    private readonly ExpansionDiffer _expansions = new(
        new ExpansionOptIn(SafeMigrationsOptionsExtension.OptionsOf(contextOptions).ExpandContract.Scaffold), typeMappingSource, sqlGenerationHelper);

    /// <summary>Why opted-in changes of the last diff stayed EF's operations (printed by <c>migrations add</c>).</summary>
    public IReadOnlyList<string> ExpansionNotes => _expansions.Notes;

    public override IReadOnlyList<MigrationOperation> GetDifferences(IRelationalModel? source, IRelationalModel? target)
        => MakeSafe(_expansions.Translate(base.GetDifferences(source, target), source, target));

    protected override bool HasDifferences(IEnumerable<IAnnotation> source, IEnumerable<IAnnotation> target)
        => base.HasDifferences(WithoutConcurrency(source), WithoutConcurrency(target));

    // Whether an index is built concurrently is how it is built, not what it is.
    private static IEnumerable<IAnnotation> WithoutConcurrency(IEnumerable<IAnnotation> annotations)
        => annotations.Where(a => a.Name != SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently);

    private List<MigrationOperation> MakeSafe(IReadOnlyList<MigrationOperation> operations)
    {
        var created = operations.OfType<CreateTableOperation>().Select(t => (t.Schema ?? string.Empty, t.Name)).ToHashSet();
        bool IsNew(string? schema, string table) => created.Contains((schema ?? string.Empty, table));

        var result = new List<MigrationOperation>(operations.Count);
        foreach (var operation in operations)
        {
            result.Add(operation);
            switch (operation)
            {
                case CreateIndexOperation index when _rewrites.ConcurrentIndexes && !IsNew(index.Schema, index.Table)
                                                     && index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently] is null:
                    index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently] = true;
                    break;
                case AddForeignKeyOperation fk when _rewrites.NotValidForeignKeys && !IsNew(fk.Schema, fk.Table):
                    fk[SafeMigrationsAnnotationNames.NotValid] = true;
                    result.Add(ValidateStep(fk.Schema, fk.Table, fk.Name));
                    break;
                case AddCheckConstraintOperation check when _rewrites.NotValidCheckConstraints && !IsNew(check.Schema, check.Table):
                    check[SafeMigrationsAnnotationNames.NotValid] = true;
                    result.Add(ValidateStep(check.Schema, check.Table, check.Name));
                    break;
                case AlterColumnOperation column when _rewrites.SafeSetNotNull && column.OldColumn.IsNullable && !column.IsNullable
                                                      && column.ComputedColumnSql is null && !IsNew(column.Schema, column.Table)
                                                      && (!NullFillSql.NeedsFill(column) || NullFillSql.KeepsType(column)):
                    result.RemoveAt(result.Count - 1);
                    SafeSetNotNull(result, column);
                    break;
                case AddUniqueConstraintOperation unique when _rewrites.ConstraintsUsingConcurrentIndex && !IsNew(unique.Schema, unique.Table):
                    result[^1] = UniqueIndexStep(unique.Schema, unique.Table, unique.Name, unique.Columns);
                    result.Add(Sql(SafeSql.AddConstraintUsingIndex(sqlGenerationHelper, unique.Schema, unique.Table, unique.Name, "UNIQUE")));
                    break;
                case AddPrimaryKeyOperation key when _rewrites.ConstraintsUsingConcurrentIndex && !IsNew(key.Schema, key.Table):
                    result[^1] = UniqueIndexStep(key.Schema, key.Table, key.Name, key.Columns);
                    result.Add(Sql(SafeSql.AddConstraintUsingIndex(sqlGenerationHelper, key.Schema, key.Table, key.Name, "PRIMARY KEY")));
                    break;
            }
        }

        return result;
    }

    /// <summary>
    /// Helper CHECK added NOT VALID, validated, SET NOT NULL (which then skips its scan), helper dropped: four
    /// visible steps that plain EF tools run correctly too (they ignore the annotation). EF's shape for a column made
    /// required carries <c>defaultValue</c> to fill the NULLs with: that fill comes first, as a step of its own
    /// (batched by the safe migrator), or the validation would fail on exactly those rows.
    /// </summary>
    private void SafeSetNotNull(List<MigrationOperation> result, AlterColumnOperation column)
    {
        var check = SafeSql.NotNullCheckName(column.Schema, column.Table, column.Name);
        if (NullFillSql.NeedsFill(column))
        {
            var value = NullFillSql.ValueSql(column, TypeMappingSource);
            result.Add(Sql(NullFillSql.Scaffolded(sqlGenerationHelper, column.Schema, column.Table, column.Name, value)));
        }

        result.Add(Sql(SafeSql.AddNotNullCheck(sqlGenerationHelper, column.Schema, column.Table, column.Name, check)));
        result.Add(ValidateStep(column.Schema, column.Table, check));
        column[SafeMigrationsAnnotationNames.NotNullCheck] = check;
        result.Add(column);
        result.Add(Sql(SafeSql.DropConstraint(sqlGenerationHelper, column.Schema, column.Table, check)));
    }

    /// <summary>
    /// The constraint's index, built concurrently: a unique CreateIndex with Npgsql's concurrent annotation (which
    /// plain EF tools also run outside the transaction), attached by the next step. Not an annotated
    /// AddUniqueConstraint: plain EF tools would add the constraint with an index of its own.
    /// </summary>
    private static CreateIndexOperation UniqueIndexStep(string? schema, string table, string name, string[] columns)
    {
        var index = new CreateIndexOperation { Name = name, Schema = schema, Table = table, Columns = columns, IsUnique = true };
        index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently] = true;
        return index;
    }

    private SqlOperation ValidateStep(string? schema, string table, string constraint)
        => new() { Sql = SafeSql.ValidateConstraint(sqlGenerationHelper, schema, table, constraint), SuppressTransaction = true };

    private static SqlOperation Sql(string sql) => new() { Sql = sql };
}

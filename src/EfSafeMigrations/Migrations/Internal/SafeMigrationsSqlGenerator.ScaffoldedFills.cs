using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Migrations scaffolded before the fill step existed carry the safe <c>SET NOT NULL</c> as
/// <c>Sql(ADD CONSTRAINT esm_nn_… NOT VALID)</c>, <c>Sql(VALIDATE)</c>, <c>AlterColumn(defaultValue: X)</c>: the
/// validation fails on every NULL that the ALTER was about to fill. Such a migration gets the missing fill in front
/// of its helper check at generation time. The operations themselves are untouched, so journal checksums hold.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    private IReadOnlyList<MigrationOperation> WithFillsBeforeHelperChecks(IReadOnlyList<MigrationOperation> operations, IModel? model)
    {
        var helper = Dependencies.SqlGenerationHelper;
        var filled = operations.OfType<SqlOperation>().Select(o => NullFillSql.TryParse(o.Sql)).OfType<ScaffoldedFill>()
            .Select(f => (f.QuotedTable, f.QuotedColumn)).ToHashSet();
        Dictionary<string, SqlOperation>? fillByCheckSql = null;
        foreach (var alter in operations.OfType<AlterColumnOperation>())
        {
            if (alter[SafeMigrationsAnnotationNames.NotNullCheck] is not string check || !NullFillSql.NeedsFill(alter)
                || !NullFillSql.KeepsType(alter) || filled.Contains((Quote(alter.Table, alter.Schema), Quote(alter.Name))))
            {
                continue;
            }

            var value = SplitEfAlter(alter, model).Fill!;
            fillByCheckSql ??= new(StringComparer.Ordinal);
            fillByCheckSql[SafeSql.AddNotNullCheck(helper, alter.Schema, alter.Table, alter.Name, check)] =
                new SqlOperation { Sql = NullFillSql.Scaffolded(helper, alter.Schema, alter.Table, alter.Name, value) };
        }

        if (fillByCheckSql is null)
        {
            return operations;
        }

        var result = new List<MigrationOperation>(operations.Count + fillByCheckSql.Count);
        foreach (var operation in operations)
        {
            if (operation is SqlOperation sql && fillByCheckSql.TryGetValue(sql.Sql.Trim(), out var fill))
            {
                result.Add(fill);
            }

            result.Add(operation);
        }

        return result;
    }
}

using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// DropColumn on an opted-in entity's table into RetireColumn: the column stays until the contract, so the old version of the
/// application keeps reading and writing it. A NOT NULL column without a default gets its type's CLR default as default,
/// or the new version's inserts (which no longer write it) would fail. Indexes and foreign keys on it go in the expand as EF
/// scaffolded (a unique index or a foreign key would refuse the new version's rows with that default).
/// </summary>
internal sealed class RetireExpansions(ExpansionOptIn optIn, ColumnValues values, List<string> notes)
{
    public void Apply(OperationList work, IRelationalModel source, IRelationalModel target, ExpansionPlan plan)
    {
        foreach (var drop in work.OfType<DropColumnOperation>())
        {
            if (target.FindTable(drop.Table, drop.Schema) is not { } table || !optIn.Table(table)
                || source.FindTable(drop.Table, drop.Schema)?.FindColumn(drop.Name) is not { } column)
            {
                continue;
            }

            var qualified = Qualified.Column(drop.Schema, drop.Table, drop.Name);
            if (column.Table.PrimaryKey?.Columns.Contains(column) == true)
            {
                notes.Add($"column {qualified} is in the primary key: scaffolded as EF's DropColumn.");
                continue;
            }

            var oldDefault = values.DefaultSql(column);
            string? retiredDefault = null;
            if (!column.IsNullable && oldDefault is null && !ColumnValues.IsGenerated(column))
            {
                retiredDefault = values.ClrDefaultSql(column);
                if (retiredDefault is null)
                {
                    notes.Add($"column {qualified} is NOT NULL without a default and its type has no default value: the new version's inserts " +
                              "fail until the contract drops it; edit RetireColumn's defaultValueSql.");
                }
            }

            var expansion = new RetireColumnOperation
            {
                // The default is only set where there was none: nothing to put back on undo.
                Table = drop.Table, Schema = drop.Schema, Name = drop.Name, DefaultValueSql = retiredDefault, Stage = ExpansionStage.Expand,
            };
            work.Replace(drop, expansion);
            plan.Add(expansion);
        }
    }
}

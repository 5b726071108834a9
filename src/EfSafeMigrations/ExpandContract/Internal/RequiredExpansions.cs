using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// AlterColumn of an opted-in property from nullable to required (same type) into ExpandRequired, filled with
/// <c>HasExpandFill</c>'s SQL, else the column's default. Without either there is nothing the old version's NULLs could
/// become: EF's operation stays (made safe by the differ) and a note says how to opt in. A new default in the same change
/// stays as EF's AlterColumn, which then only sets the default (the contract sets NOT NULL).
/// </summary>
internal sealed class RequiredExpansions(ExpansionOptIn optIn, ColumnValues values, List<string> notes)
{
    public void Apply(OperationList work, IRelationalModel source, IRelationalModel target, ExpansionPlan plan)
    {
        foreach (var alter in work.OfType<AlterColumnOperation>().Where(a => a.OldColumn.IsNullable && !a.IsNullable))
        {
            if (target.FindTable(alter.Table, alter.Schema)?.FindColumn(alter.Name) is not { } column || !optIn.Column(column)
                || source.FindTable(alter.Table, alter.Schema)?.FindColumn(alter.Name) is not { } oldColumn)
            {
                continue;
            }

            var qualified = Qualified.Column(alter.Schema, alter.Table, alter.Name);
            if (!Migrations.Internal.NullFillSql.KeepsType(alter))
            {
                notes.Add($"column {qualified} changes type and becomes required in place: scaffolded as EF's AlterColumn; map the property to a new column name to expand it.");
                continue;
            }

            var fill = ExpansionOptIn.PropertyValue(column, SafeMigrationsAnnotationNames.ExpandFill) ?? values.DefaultSql(column);
            if (fill is null)
            {
                notes.Add($"column {qualified} becomes required without a fill: scaffolded as EF's AlterColumn (the old version's NULL writes fail " +
                          "once it runs); add .HasExpandFill(\"<SQL value>\") or a default to the property and scaffold again to expand it.");
                continue;
            }

            var expansion = new ExpandRequiredOperation { Table = alter.Table, Schema = alter.Schema, Name = alter.Name, Fill = fill, Stage = ExpansionStage.Expand };
            if (column.DefaultValueSql == oldColumn.DefaultValueSql && Equals(column.DefaultValue, oldColumn.DefaultValue))
            {
                work.Replace(alter, expansion);
                plan.Add(expansion);
                continue;
            }

            // EF's step stays for the new default only: still nullable, no CLR fill value of EF's own.
            alter.IsNullable = true;
            alter.DefaultValue = column.DefaultValue;
            alter.DefaultValueSql = column.DefaultValueSql;
            work.InsertBefore(alter, expansion);
            plan.Add(expansion, keptAlter: alter);
        }
    }
}

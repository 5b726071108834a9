using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>RenameTable of an opted-in entity's table into ExpandRenameTable (the old name stays, as an updatable view).</summary>
internal sealed class TableRenameExpansions(ExpansionOptIn optIn, ISqlGenerationHelper sql, List<string> notes)
{
    public void Apply(OperationList work, IRelationalModel source, IRelationalModel target, ExpansionPlan plan)
    {
        foreach (var rename in work.OfType<RenameTableOperation>())
        {
            if (rename.NewName is null || rename.NewName == rename.Name
                || target.FindTable(rename.NewName, rename.NewSchema ?? rename.Schema) is not { } table || !optIn.Table(table))
            {
                continue;
            }

            if ((rename.NewSchema ?? rename.Schema) != rename.Schema)
            {
                notes.Add($"table {rename.Name} moves to schema {rename.NewSchema}: scaffolded as EF's one-step rename (expand/contract renames within a schema).");
                continue;
            }

            var expansion = new ExpandTableRenameOperation { Table = rename.Name, NewName = rename.NewName, Schema = rename.Schema, Stage = ExpansionStage.Expand };
            work.Replace(rename, expansion);
            ConstraintRenames.Apply(work, source, sql, rename.Schema, rename.Name, rename.NewName);
            plan.Add(expansion);
        }
    }
}

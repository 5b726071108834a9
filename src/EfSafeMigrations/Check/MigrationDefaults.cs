using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Check;

/// <summary>
/// The columns EF's own migrations leave with a default: read from the operations, in order, when the migrations
/// cannot be replayed in a shadow database. EF scaffolds <c>defaultValue:</c> on <c>AddColumn</c> of a required
/// column and on <c>AlterColumn</c> making a column required; a later operation that sets no default, a drop or a
/// rename is followed. Columns are named <c>schema.table.column</c>, as push steps name them.
/// </summary>
internal sealed class MigrationDefaults
{
    private readonly HashSet<string> _columns = new(StringComparer.Ordinal);
    private readonly string _defaultSchema;

    private MigrationDefaults(string defaultSchema) => _defaultSchema = defaultSchema;

    public static MigrationDefaults Read(IEnumerable<MigrationOperation> operations, string? defaultSchema)
    {
        var defaults = new MigrationDefaults(defaultSchema ?? "public");
        foreach (var operation in operations)
        {
            defaults.Apply(operation);
        }

        return defaults;
    }

    /// <summary>Reads the Up operations of the context's migrations, in order.</summary>
    public static MigrationDefaults Read(DbContext context)
    {
        var migrations = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName!;
        return Read(
            migrations.Migrations.Values.SelectMany(type => migrations.CreateMigration(type, provider).UpOperations),
            context.GetService<IDesignTimeModel>().Model.GetDefaultSchema());
    }

    /// <summary>Whether <paramref name="step"/> only drops a default that the migrations gave the column.</summary>
    public bool LeftBy(PushStep step)
        => step.Kind == PushStepKind.AlterColumn && step.Sql.EndsWith("DROP DEFAULT", StringComparison.Ordinal) && _columns.Contains(step.Target);

    private void Apply(MigrationOperation operation)
    {
        switch (operation)
        {
            case AddColumnOperation add:
                Set(Column(add.Schema, add.Table, add.Name), add.DefaultValue is not null || add.DefaultValueSql is not null);
                break;
            case AlterColumnOperation alter:
                Set(Column(alter.Schema, alter.Table, alter.Name), alter.DefaultValue is not null || alter.DefaultValueSql is not null);
                break;
            case DropColumnOperation drop:
                _columns.Remove(Column(drop.Schema, drop.Table, drop.Name));
                break;
            case RenameColumnOperation rename when _columns.Remove(Column(rename.Schema, rename.Table, rename.Name)):
                _columns.Add(Column(rename.Schema, rename.Table, rename.NewName));
                break;
            case RenameTableOperation rename:
                var from = $"{rename.Schema ?? _defaultSchema}.{rename.Name}.";
                var to = $"{rename.NewSchema ?? rename.Schema ?? _defaultSchema}.{rename.NewName ?? rename.Name}.";
                foreach (var column in _columns.Where(c => c.StartsWith(from, StringComparison.Ordinal)).ToList())
                {
                    _columns.Remove(column);
                    _columns.Add(to + column[from.Length..]);
                }

                break;
            case DropTableOperation drop:
                _columns.RemoveWhere(c => c.StartsWith($"{drop.Schema ?? _defaultSchema}.{drop.Name}.", StringComparison.Ordinal));
                break;
        }
    }

    private string Column(string? schema, string table, string column) => $"{schema ?? _defaultSchema}.{table}.{column}";

    private void Set(string column, bool hasDefault)
    {
        if (hasDefault)
        {
            _columns.Add(column);
        }
        else
        {
            _columns.Remove(column);
        }
    }
}

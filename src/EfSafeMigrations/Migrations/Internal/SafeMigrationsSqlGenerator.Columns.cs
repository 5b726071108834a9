using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Columns: <c>SET NOT NULL</c> on an existing column via a validated helper CHECK, so that the final
/// <c>SET NOT NULL</c> (PostgreSQL 12+) skips its full scan under <c>ACCESS EXCLUSIVE</c>. EF's own shape for a
/// nullable column made required carries a default (<c>defaultValue: X</c>), for which Npgsql fills the NULLs
/// inside the ALTER: that fill moves first (batched, see <see cref="NullFillSql"/>), or the validation would fail
/// on the very rows the migration was about to fill.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator
{
    protected override void Generate(AlterColumnOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        var settingNotNull = operation.OldColumn.IsNullable && !operation.IsNullable;
        var rewrite = new SafeCommandInfo(StatementKind.Ddl, [RewriteNames.SafeSetNotNull]);
        if (settingNotNull && operation[SafeMigrationsAnnotationNames.NotNullCheck] is string)
        {
            // Scaffolded form: the fill and the helper check are steps of their own (the pre-pass in Generate adds
            // a fill that an older scaffolded migration lacks); EF's UPDATE in the ALTER would only scan again.
            if (NullFillSql.KeepsType(operation))
            {
                Append(builder, SplitEfAlter(operation, model).Alter, rewrite);
            }
            else
            {
                Tagged(rewrite, () => base.Generate(operation, model, builder));
            }

            return;
        }

        if (!settingNotNull || !Rewrites.SafeSetNotNull || OptedOut(operation) || IsNewTable(operation.Schema, operation.Table)
            || operation.ComputedColumnSql is not null || (NullFillSql.NeedsFill(operation) && !NullFillSql.KeepsType(operation)))
        {
            base.Generate(operation, model, builder);
            return;
        }

        var helper = Dependencies.SqlGenerationHelper;
        var check = SafeSql.NotNullCheckName(operation.Schema, operation.Table, operation.Name);
        var (fill, alter) = SplitEfAlter(operation, model);

        if (fill is not null)
        {
            AppendBatchedFill(builder, operation.Schema, operation.Table, operation.Name, fill);
        }

        builder.AppendLine(SafeSql.AddNotNullCheck(helper, operation.Schema, operation.Table, operation.Name, check));
        EndTagged(builder, suppressTransaction: false, rewrite);

        if (fill is not null)
        {
            // Rows written with NULL between the first fill and the check (the check rejects new ones from now on).
            AppendBatchedFill(builder, operation.Schema, operation.Table, operation.Name, fill);
        }

        builder.AppendLine(SafeSql.ValidateConstraint(helper, operation.Schema, operation.Table, check));
        EndTagged(builder, suppressTransaction: true,
            new SafeCommandInfo(StatementKind.Validate, [RewriteNames.SafeSetNotNull, RewriteNames.ValidateConstraint]));

        Append(builder, alter, rewrite);

        builder.AppendLine(SafeSql.DropConstraint(helper, operation.Schema, operation.Table, check));
        EndTagged(builder, suppressTransaction: false, rewrite);
    }

    private void AppendBatchedFill(MigrationCommandListBuilder builder, string? schema, string table, string column, string value)
    {
        builder.AppendLine(NullFillSql.Batched(Quote(table, schema), Quote(column), value));
        EndTagged(builder, suppressTransaction: true, new SafeCommandInfo(StatementKind.Fill, [RewriteNames.SafeSetNotNull, RewriteNames.BatchedFill]));
    }

    private void Append(MigrationCommandListBuilder builder, IReadOnlyList<MigrationCommand> commands, SafeCommandInfo info)
    {
        foreach (var command in commands)
        {
            builder.Append(command.CommandText);
            EndTagged(builder, command.TransactionSuppressed, info);
        }
    }

    /// <summary>
    /// EF's own ALTER for the column, generated once and split: the value its in-lock UPDATE fills NULLs with (null when
    /// the change needs no fill; read from EF's own SQL, so literals match to the byte) and the ALTER commands without
    /// that UPDATE (the fill runs as steps of its own before the helper check).
    /// </summary>
    private (string? Fill, IReadOnlyList<MigrationCommand> Alter) SplitEfAlter(AlterColumnOperation operation, IModel? model)
    {
        var commands = GenerateDetached(b => base.Generate(operation, model, b));
        if (!NullFillSql.NeedsFill(operation))
        {
            return (null, commands);
        }

        var pattern = EfFillPattern(operation);
        var match = pattern.Match(string.Concat(commands.Select(c => c.CommandText)));
        var fill = match.Success ? match.Groups["value"].Value : NullFillSql.ValueSql(operation, Dependencies.TypeMappingSource);
        var scratch = new MigrationCommandListBuilder(Dependencies);
        foreach (var command in commands)
        {
            scratch.Append(pattern.Replace(command.CommandText, string.Empty, 1)).EndCommand(command.TransactionSuppressed);
        }

        return (fill, scratch.GetCommandList());
    }

    // UPDATE <table> SET <column> = <value> WHERE <column> IS NULL; as Npgsql writes it inside the ALTER.
    private Regex EfFillPattern(AlterColumnOperation operation)
    {
        var table = Regex.Escape(Quote(operation.Table, operation.Schema));
        var column = Regex.Escape(Quote(operation.Name));
        return new Regex($@"UPDATE {table} SET {column} = (?<value>.*?) WHERE {column} IS NULL;\s*", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    /// <summary>Runs part of the base generator into a scratch builder, so its statements can be reshaped.</summary>
    private IReadOnlyList<MigrationCommand> GenerateDetached(Action<MigrationCommandListBuilder> generate)
    {
        var scratch = new MigrationCommandListBuilder(Dependencies);
        var previous = _pendingInfo;
        _pendingInfo = null; // Tags index the real builder's commands, not the scratch one's.
        try
        {
            generate(scratch);
        }
        finally
        {
            _pendingInfo = previous;
        }

        return scratch.GetCommandList();
    }
}

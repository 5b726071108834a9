using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// EF's C# operation generator, plus the expand/contract operations, written as the builder calls that compile back to the
/// same operations (<c>migrationBuilder.ExpandRenameColumn(...)</c> and the other forms; same checksum): EF's generator
/// throws on operations it does not know. Arguments at their default are left out, as EF does.
/// </summary>
internal sealed class ExpansionCodeGenerator(CSharpMigrationOperationGeneratorDependencies dependencies)
    : CSharpMigrationOperationGenerator(dependencies)
{
    protected override void Generate(MigrationOperation operation, IndentedStringBuilder builder)
    {
        if (operation is not ExpansionOperation expansion)
        {
            base.Generate(operation, builder);
            return;
        }

        var call = new Call(Dependencies.CSharpHelper, builder);
        switch (expansion)
        {
            case ExpandColumnOperation column:
                var typeChange = column.OldStoreType is not null || column.Up is not null || column.Down is not null;
                call.Start(Method(expansion.Stage, typeChange ? "ColumnType" : "RenameColumn"))
                    .Arg("table", column.Table).Arg("name", column.Name).Arg("newName", column.NewName).Arg("type", column.StoreType);
                if (typeChange)
                {
                    call.Arg("oldType", column.OldStoreType ?? column.StoreType);
                }

                call.Arg("nullable", column.IsNullable);
                if (typeChange)
                {
                    call.Optional("up", column.Up).Optional("down", column.Down);
                }

                call.Optional("defaultValueSql", column.DefaultValueSql).Optional("schema", column.Schema).BatchSize(column.BatchSize);
                break;
            case ExpandRequiredOperation required:
                call.Start(Method(expansion.Stage, "Required"))
                    .Arg("table", required.Table).Arg("name", required.Name).Arg("fill", required.Fill)
                    .Optional("schema", required.Schema).BatchSize(required.BatchSize);
                break;
            case ExpandTableRenameOperation table:
                call.Start(Method(expansion.Stage, "RenameTable")).Arg("name", table.Table).Arg("newName", table.NewName).Optional("schema", table.Schema);
                break;
            case RetireColumnOperation retire:
                call.Start(expansion.Stage switch
                    {
                        ExpansionStage.Expand => "RetireColumn",
                        ExpansionStage.Contract => "DropRetiredColumn",
                        _ => "UndoRetireColumn",
                    })
                    .Arg("table", retire.Table).Arg("name", retire.Name)
                    .Optional("defaultValueSql", retire.DefaultValueSql).Optional("oldDefaultValueSql", retire.OldDefaultValueSql).Optional("schema", retire.Schema);
                break;
            default:
                base.Generate(operation, builder);
                return;
        }

        call.End();
        Annotations(operation.GetAnnotations(), builder);
    }

    private static string Method(ExpansionStage stage, string change)
        => stage switch
        {
            ExpansionStage.Expand => "Expand",
            ExpansionStage.Contract => "Contract",
            _ => "UndoExpand",
        } + change;

    /// <summary>One builder call with named arguments, one a line, as EF writes its own.</summary>
    private sealed class Call(ICSharpHelper code, IndentedStringBuilder builder)
    {
        private IDisposable? _indent;
        private bool _first = true;

        public Call Start(string method)
        {
            builder.Append('.').Append(method).AppendLine("(");
            _indent = builder.Indent();
            return this;
        }

        public Call Arg(string name, string value) => Write(name, code.Literal(value));

        public Call Arg(string name, bool value) => Write(name, code.Literal(value));

        public Call Optional(string name, string? value) => value is null ? this : Arg(name, value);

        public Call BatchSize(int batchSize) => batchSize == BackfillDefaults.BatchSize ? this : Write("batchSize", code.Literal(batchSize));

        public void End()
        {
            builder.Append(")");
            _indent?.Dispose();
        }

        private Call Write(string name, string literal)
        {
            if (!_first)
            {
                builder.AppendLine(",");
            }

            _first = false;
            builder.Append(name).Append(": ").Append(literal);
            return this;
        }
    }
}

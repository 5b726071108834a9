using System.Globalization;
using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting.Rules;

/// <summary>ESM0029: names of tables, columns, indexes and constraints that PostgreSQL would truncate to 63 bytes.</summary>
internal sealed class IdentifierLengthCheck : IOperationCheck
{
    public void Check(MigrationOperation operation, LintContext context)
    {
        foreach (var name in DefinedNames(operation))
        {
            if (RawSqlIdentifiers.IsTooLong(name))
            {
                context.Report(RuleCatalog.IdentifierTooLong, name!, RawSqlIdentifiers.ByteLength(name!).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static IEnumerable<string?> DefinedNames(MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateTableOperation create:
                yield return create.Name;
                foreach (var column in create.Columns)
                {
                    yield return column.Name;
                }

                yield return create.PrimaryKey?.Name;
                foreach (var key in create.ForeignKeys)
                {
                    yield return key.Name;
                }

                foreach (var key in create.UniqueConstraints)
                {
                    yield return key.Name;
                }

                foreach (var check in create.CheckConstraints)
                {
                    yield return check.Name;
                }

                break;
            case AddColumnOperation column:
                yield return column.Name;
                break;
            case CreateIndexOperation index:
                yield return index.Name;
                break;
            case AddForeignKeyOperation key:
                yield return key.Name;
                break;
            case AddPrimaryKeyOperation key:
                yield return key.Name;
                break;
            case AddUniqueConstraintOperation key:
                yield return key.Name;
                break;
            case AddCheckConstraintOperation check:
                yield return check.Name;
                break;
            case RenameColumnOperation rename:
                yield return rename.NewName;
                break;
            case RenameTableOperation rename:
                yield return rename.NewName;
                break;
            case RenameIndexOperation rename:
                yield return rename.NewName;
                break;
        }
    }
}

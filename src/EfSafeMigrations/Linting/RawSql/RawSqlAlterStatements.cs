using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>ALTER TABLE (each action), ALTER SCHEMA ... RENAME, ALTER TYPE ... ADD / RENAME VALUE and ALTER DOMAIN in raw SQL.</summary>
internal static class RawSqlAlterStatements
{
    public static void Scan(StatementContext context, SqlTokenCursor cursor)
    {
        if (cursor.Accept("table"))
        {
            ScanAlterTable(context, cursor);
        }
        else if (cursor.Accept("schema"))
        {
            var schema = cursor.ReadName();
            if (cursor.Accept("rename", "to") && cursor.ReadName() is { } newName)
            {
                context.Report(RuleCatalog.RenameSchema, schema?.ToString() ?? "(unknown)", newName.ToString());
            }
        }
        else if (cursor.Accept("type"))
        {
            var type = cursor.ReadName();
            if (cursor.Accept("add", "value") && !context.RunsOutsideTransaction)
            {
                context.Report(RuleCatalog.EnumValueInTransaction, type?.ToString() ?? "(unknown)");
            }
            else if (cursor.Accept("rename", "value") && type is not null && !context.State.NewTypes.Contains(type.Name))
            {
                var oldValue = cursor.Next().Value;
                cursor.Accept("to");
                context.Report(RuleCatalog.EnumValueRenamed, type.ToString(), "'" + oldValue + "'", cursor.AtEnd ? "?" : "'" + cursor.Next().Value + "'");
            }
        }
        else if (cursor.Accept("domain"))
        {
            RawSqlDomainStatements.ScanAlterDomain(context, cursor);
        }
    }

    /// <summary>Splits the rest of the statement (or of a parenthesised list) at top-level commas.</summary>
    public static List<List<SqlToken>> SplitTopLevel(SqlTokenCursor cursor, bool untilCloseParen)
    {
        var parts = new List<List<SqlToken>>();
        var current = new List<SqlToken>();
        var depth = 0;
        while (!cursor.AtEnd)
        {
            var token = cursor.Next();
            if (token.Kind == SqlTokenKind.CloseParen && depth == 0 && untilCloseParen)
            {
                break;
            }

            if (token.Kind == SqlTokenKind.Comma && depth == 0)
            {
                parts.Add(current);
                current = new List<SqlToken>();
                continue;
            }

            depth += token.Kind == SqlTokenKind.OpenParen ? 1 : token.Kind == SqlTokenKind.CloseParen ? -1 : 0;
            current.Add(token);
        }

        if (current.Count > 0)
        {
            parts.Add(current);
        }

        return parts;
    }

    private static void ScanAlterTable(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Accept("if", "exists");
        cursor.Accept("only");
        var table = cursor.ReadName();
        if (table is null)
        {
            return;
        }

        var tableIsNew = context.State.IsNewTable(table);
        if (!tableIsNew)
        {
            context.TakesLock();
        }

        foreach (var action in SplitTopLevel(cursor, untilCloseParen: false))
        {
            var actionCursor = new SqlTokenCursor(action);
            if (actionCursor.Accept("add"))
            {
                ScanAdd(context, actionCursor, table, tableIsNew);
            }
            else if (actionCursor.Accept("alter"))
            {
                ScanAlterColumn(context, actionCursor, table, tableIsNew);
            }
            else if (actionCursor.Accept("drop"))
            {
                ScanDrop(context, actionCursor, table, tableIsNew);
            }
            else if (actionCursor.Accept("rename"))
            {
                ScanRename(context, actionCursor, table, tableIsNew);
            }
            else if ((actionCursor.Accept("set", "logged") || actionCursor.Accept("set", "unlogged")) && !tableIsNew)
            {
                // Switching WAL logging copies the whole table under ACCESS EXCLUSIVE, as VACUUM FULL does (ESM0033).
                RawSqlDataStatements.ReportRewrite(context, RuleCatalog.VacuumFull);
            }
            else if (actionCursor.Accept("set", "schema") && !tableIsNew)
            {
                context.Report(RuleCatalog.RenameTable, table.ToString(), (actionCursor.ReadName()?.Name ?? "?") + "." + table.Name);
            }
            else if (actionCursor.Accept("detach", "partition") && !tableIsNew)
            {
                // CONCURRENTLY takes SHARE UPDATE EXCLUSIVE; FINALIZE completes an interrupted concurrent detach.
                var partition = actionCursor.ReadName();
                if (!actionCursor.Accept("concurrently") && !actionCursor.Accept("finalize"))
                {
                    context.Report(RuleCatalog.DetachPartitionWithoutConcurrently, (partition?.ToString() ?? "?") + " of " + table);
                }
            }
            else if (actionCursor.Accept("validate", "constraint") && actionCursor.ReadName() is { } constraint)
            {
                context.State.Schema.ConstraintValidated(constraint.Name);
                if (context.State.NotValidInOpenTransaction.Contains(constraint.Name))
                {
                    context.Report(RuleCatalog.ValidateInSameTransaction, constraint.Name, table.ToString());
                }
            }
        }
    }

    private static void ScanAdd(StatementContext context, SqlTokenCursor cursor, SqlObjectName table, bool tableIsNew)
    {
        string? constraintName = null;
        if (cursor.Accept("constraint"))
        {
            constraintName = cursor.ReadName()?.Name;
        }

        if (cursor.Peek() is { Kind: SqlTokenKind.Word } next && next.Value is "primary" or "unique" or "foreign" or "check" or "exclude")
        {
            RawSqlConstraintDefinition.ScanTableConstraint(context, cursor, table, tableIsNew, constraintName ?? "(unnamed)");
            return;
        }

        cursor.Accept("column");
        cursor.Accept("if", "not", "exists");
        RawSqlColumnDefinition.Scan(context, cursor, table, tableIsNew);
    }

    private static void ScanAlterColumn(StatementContext context, SqlTokenCursor cursor, SqlObjectName table, bool tableIsNew)
    {
        cursor.Accept("column");
        var column = cursor.ReadName()?.Name ?? "(unknown)";
        if (cursor.Accept("set", "not", "null"))
        {
            // After a validated CHECK (column IS NOT NULL) this is the safe sequence's own step: no scan (PostgreSQL 12+).
            if (!tableIsNew && !context.State.Schema.ProvesNotNull(table.Name, column))
            {
                context.Report(RuleCatalog.SetNotNull, column, table.ToString());
            }
        }
        else if (cursor.Accept("drop", "not", "null"))
        {
            if (!tableIsNew && !context.State.Schema.IsAddedColumn(table.Name, column))
            {
                context.Report(RuleCatalog.DropNotNull, column, table.ToString());
            }
        }
        else if (cursor.Accept("set", "data", "type") || cursor.Accept("type"))
        {
            var newType = RawSqlColumnDefinition.ReadType(cursor);
            var type = SqlColumnType.Parse(newType);
            var schema = context.State.Schema;
            var oldType = schema.AddedColumnType(table.Name, column);
            RawSqlTypeChoices.Check(context, column, table.ToString(), type, primaryKey: false, oldType: oldType);
            if (tableIsNew)
            {
                return;
            }

            if (oldType is not null)
            {
                // Added earlier in this migration with a known type: judged like an EF AlterColumn with its oldType.
                if (!type.IsSafeChangeFrom(oldType))
                {
                    context.Report(RuleCatalog.ColumnTypeChange, column, table.ToString(), oldType.Original, type.DescribeChangeFrom(oldType));
                }

                schema.ColumnAdded(table.Name, column, type);
            }
            else
            {
                // The old type is not in the SQL: the change may well be binary-compatible, so this warns, never blocks.
                context.ReportAtMost(RuleSeverity.Warning, RuleCatalog.ColumnTypeChange, column, table.ToString(), "its current type (unknown here)", newType);
            }
        }
    }

    private static void ScanDrop(StatementContext context, SqlTokenCursor cursor, SqlObjectName table, bool tableIsNew)
    {
        if (cursor.Accept("constraint"))
        {
            cursor.Accept("if", "exists");
            if (cursor.ReadName() is { } constraint)
            {
                context.State.Schema.ConstraintDropped(constraint.Name);
                if (!tableIsNew)
                {
                    RawSqlConstraintDefinition.CheckDroppedConstraint(context, table, constraint.Name);
                }
            }

            return;
        }

        if (tableIsNew)
        {
            return;
        }

        cursor.Accept("column");
        cursor.Accept("if", "exists");
        if (cursor.ReadName() is { } column)
        {
            if (!context.State.Schema.IsAddedColumn(table.Name, column.Name))
            {
                context.Report(RuleCatalog.DropColumn, column.Name, table.ToString());
            }

            context.State.Schema.ColumnDropped(table.Name, column.Name);
        }
    }

    private static void ScanRename(StatementContext context, SqlTokenCursor cursor, SqlObjectName table, bool tableIsNew)
    {
        if (cursor.PeekIs("constraint") || tableIsNew)
        {
            return;
        }

        if (cursor.Accept("to"))
        {
            context.Report(RuleCatalog.RenameTable, table.ToString(), cursor.ReadName()?.ToString() ?? "(unknown)");
            return;
        }

        cursor.Accept("column");
        var column = cursor.ReadName();
        if (column is not null && cursor.Accept("to"))
        {
            var newName = cursor.ReadName()?.Name ?? "(unknown)";
            var schema = context.State.Schema;
            if (schema.IsAddedColumn(table.Name, column.Name))
            {
                schema.ColumnDropped(table.Name, column.Name);
                schema.ColumnAdded(table.Name, newName);
                return;
            }

            context.Report(RuleCatalog.RenameColumn, column.Name, table.ToString(), newName);
        }
    }
}

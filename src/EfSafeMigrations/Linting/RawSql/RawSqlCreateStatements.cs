using System.Collections.Generic;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>CREATE INDEX, CREATE TABLE and CREATE SCHEMA in raw SQL (other CREATE statements are harmless to running code).</summary>
internal static class RawSqlCreateStatements
{
    public static void Scan(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Accept("or", "replace");
        var unique = cursor.Accept("unique");
        if (cursor.Accept("index"))
        {
            RawSqlIndexStatements.ScanCreateIndex(context, cursor, unique);
            return;
        }

        while (cursor.Accept("global") || cursor.Accept("local") || cursor.Accept("temporary") || cursor.Accept("temp") || cursor.Accept("unlogged"))
        {
        }

        if (cursor.Accept("table"))
        {
            ScanCreateTable(context, cursor);
        }
        else if (cursor.Accept("schema") && !cursor.PeekIs("if") && !cursor.PeekIs("authorization") && cursor.ReadName() is { } schema)
        {
            context.State.NewSchemas.Add(schema.Name);
        }
        else if ((cursor.Accept("type") || cursor.Accept("domain")) && cursor.ReadName() is { } type)
        {
            context.State.NewTypes.Add(type.Name);
        }
    }

    private static void ScanCreateTable(StatementContext context, SqlTokenCursor cursor)
    {
        cursor.Accept("if", "not", "exists");
        var table = cursor.ReadName();
        if (table is null)
        {
            return;
        }

        context.State.NewTables.Add(table.Name);
        if (!cursor.AcceptKind(SqlTokenKind.OpenParen))
        {
            return; // CREATE TABLE ... AS / PARTITION OF
        }

        var elements = RawSqlAlterStatements.SplitTopLevel(cursor, untilCloseParen: true);
        var keyColumns = PrimaryKeyColumns(elements);
        foreach (var element in elements)
        {
            if (IsTableConstraint(element))
            {
                continue; // table constraints on a new, empty table are harmless
            }

            RawSqlColumnDefinition.Scan(context, new SqlTokenCursor(element), table, tableIsNew: true, keyColumns);
        }
    }

    private static bool IsTableConstraint(List<SqlToken> element)
        => element.Count > 0 && element[0].Kind == SqlTokenKind.Word
           && element[0].Value is "constraint" or "primary" or "unique" or "foreign" or "check" or "exclude" or "like";

    // The columns of a [CONSTRAINT name] PRIMARY KEY (a, b) table constraint: keys, not ESM0052's plain integer columns.
    private static List<string> PrimaryKeyColumns(List<List<SqlToken>> elements)
    {
        var columns = new List<string>();
        foreach (var element in elements)
        {
            var cursor = new SqlTokenCursor(element);
            if (cursor.Accept("constraint"))
            {
                cursor.ReadName();
            }

            if (cursor.Accept("primary", "key") && cursor.AcceptKind(SqlTokenKind.OpenParen))
            {
                while (cursor.ReadName() is { } column)
                {
                    columns.Add(column.Name);
                    if (!cursor.AcceptKind(SqlTokenKind.Comma))
                    {
                        break;
                    }
                }
            }
        }

        return columns;
    }
}

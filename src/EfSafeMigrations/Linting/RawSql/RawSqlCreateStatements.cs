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
        var key = SingleColumnPrimaryKey(elements);
        foreach (var element in elements)
        {
            var elementCursor = new SqlTokenCursor(element);
            if (IsTableConstraint(elementCursor))
            {
                continue; // table constraints on a new, empty table are harmless
            }

            var isKey = key is not null && elementCursor.Peek() is { IsIdentifier: true } name && name.Value == key;
            RawSqlColumnDefinition.Scan(context, elementCursor, table, tableIsNew: true, primaryKey: isKey);
        }
    }

    private static bool IsTableConstraint(SqlTokenCursor element)
        => element.Peek() is { Kind: SqlTokenKind.Word } first
           && first.Value is "constraint" or "primary" or "unique" or "foreign" or "check" or "exclude" or "like";

    // [CONSTRAINT name] PRIMARY KEY (column): the key column of a table-level constraint, for ESM0023.
    private static string? SingleColumnPrimaryKey(List<List<SqlToken>> elements)
    {
        foreach (var element in elements)
        {
            var cursor = new SqlTokenCursor(element);
            if (cursor.Accept("constraint"))
            {
                cursor.ReadName();
            }

            if (cursor.Accept("primary", "key") && cursor.AcceptKind(SqlTokenKind.OpenParen)
                && cursor.Next() is { IsIdentifier: true } column && cursor.AcceptKind(SqlTokenKind.CloseParen))
            {
                return column.Value;
            }
        }

        return null;
    }
}

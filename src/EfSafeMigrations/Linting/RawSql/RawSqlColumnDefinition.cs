using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EfSafeMigrations.Linting.RawSql;

/// <summary>A column definition in CREATE TABLE or ALTER TABLE ... ADD COLUMN: its type and its clauses.</summary>
internal static class RawSqlColumnDefinition
{
    /// <param name="keyColumns">The columns of the table's PRIMARY KEY table constraint (CREATE TABLE), if any.</param>
    public static void Scan(StatementContext context, SqlTokenCursor cursor, SqlObjectName table, bool tableIsNew, IReadOnlyCollection<string>? keyColumns = null)
    {
        var column = cursor.ReadName()?.Name;
        if (column is null)
        {
            return;
        }

        var typeText = ReadType(cursor);
        var type = SqlColumnType.Parse(typeText);
        var clauses = ReadClauses(cursor);
        var tableName = table.ToString();

        var inKey = keyColumns is not null && keyColumns.Contains(column);
        RawSqlTypeChoices.Check(context, column, tableName, type, clauses.PrimaryKey || (inKey && keyColumns!.Count == 1), inKey);
        if (tableIsNew)
        {
            return;
        }

        context.State.Schema.ColumnAdded(table.Name, column, type);

        var autoIncrement = type.IsSerial || clauses.Identity;
        if (autoIncrement)
        {
            context.Report(RuleCatalog.IdentityColumnOnExistingTable, column, tableName);
        }

        if (clauses.StoredGenerated)
        {
            context.Report(RuleCatalog.StoredGeneratedColumn, column, tableName);
        }

        if (clauses.NotNull && clauses.Default is null && !autoIncrement && !clauses.StoredGenerated)
        {
            context.Report(RuleCatalog.NotNullColumnWithoutDefault, column, tableName);
        }

        if (clauses.Default is { } defaultSql && !IsNull(defaultSql))
        {
            var volatility = SqlDefaultExpression.Classify(defaultSql, out var function);
            if (volatility != DefaultVolatility.NonVolatile)
            {
                context.Report(RuleCatalog.VolatileDefault, column, tableName, volatility == DefaultVolatility.Volatile ? function! : function + " (not known to be non-volatile)");
            }
            else
            {
                context.Report(RuleCatalog.DefaultBeforePostgres11, column, tableName);
            }
        }

        if (clauses.References)
        {
            // A column constraint has no NOT VALID form: the new foreign key is checked against every row at once.
            context.Report(RuleCatalog.ForeignKeyWithoutNotValid, "(inline REFERENCES of column " + column + ")", tableName);
        }

        if (clauses.Check)
        {
            // Like REFERENCES: a column constraint has no NOT VALID form, so every existing row is checked under the lock.
            context.Report(RuleCatalog.CheckWithoutNotValid, "(inline CHECK of column " + column + ")", tableName);
        }

        if (clauses.PrimaryKey || clauses.Unique)
        {
            context.Report(RuleCatalog.UniqueOrPrimaryKeyOnExistingTable, column, tableName, clauses.PrimaryKey ? "PRIMARY KEY" : "UNIQUE");
        }
    }

    /// <summary>Reads a type name with its modifiers and array brackets, up to the first column clause.</summary>
    public static string ReadType(SqlTokenCursor cursor)
    {
        var text = new StringBuilder();
        var depth = 0;
        while (cursor.Peek() is { } token)
        {
            if (depth == 0 && (token.Kind == SqlTokenKind.Comma || (token.Kind == SqlTokenKind.Word && IsClauseStart(token.Value))))
            {
                break;
            }

            depth += token.Kind == SqlTokenKind.OpenParen ? 1 : token.Kind == SqlTokenKind.CloseParen ? -1 : 0;
            var separate = text.Length > 0 && token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier
                && text[text.Length - 1] != '(' && text[text.Length - 1] != '.';
            text.Append(separate ? " " : string.Empty).Append(token.Value);
            cursor.Position++;
        }

        return text.ToString();
    }

    private static bool IsClauseStart(string word)
        => word is "not" or "null" or "default" or "constraint" or "primary" or "unique" or "references" or "check"
            or "generated" or "collate" or "using" or "compression" or "storage";

    private static bool IsNull(string sql) => SqlTokenizer.FoldCase(sql.Trim()) == "null";

    private static ColumnClauses ReadClauses(SqlTokenCursor cursor)
    {
        var clauses = new ColumnClauses();
        while (!cursor.AtEnd)
        {
            if (cursor.Accept("not", "null"))
            {
                clauses.NotNull = true;
            }
            else if (cursor.Accept("primary", "key"))
            {
                clauses.PrimaryKey = true;
                clauses.NotNull = true;
            }
            else if (cursor.Accept("unique"))
            {
                clauses.Unique = true;
            }
            else if (cursor.Accept("references"))
            {
                clauses.References = true;
            }
            else if (cursor.Accept("check"))
            {
                clauses.Check = true;
                cursor.SkipParens();
            }
            else if (cursor.Accept("default"))
            {
                clauses.Default = ReadExpression(cursor);
            }
            else if (cursor.Accept("generated"))
            {
                ReadGenerated(cursor, clauses);
            }
            else if (cursor.Peek() is { Kind: SqlTokenKind.OpenParen })
            {
                cursor.SkipParens();
            }
            else
            {
                cursor.Position++;
            }
        }

        return clauses;
    }

    // GENERATED ALWAYS AS (expr) [STORED | VIRTUAL]  or  GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]
    private static void ReadGenerated(SqlTokenCursor cursor, ColumnClauses clauses)
    {
        if (!cursor.Accept("always"))
        {
            cursor.Accept("by", "default");
        }

        cursor.Accept("as");
        if (cursor.Accept("identity"))
        {
            clauses.Identity = true;
            return;
        }

        cursor.SkipParens();
        clauses.StoredGenerated = !cursor.Accept("virtual");
        cursor.Accept("stored");
    }

    private static string ReadExpression(SqlTokenCursor cursor)
    {
        var text = new StringBuilder();
        var depth = 0;
        while (cursor.Peek() is { } token)
        {
            if (depth == 0 && token.Kind == SqlTokenKind.Word && IsClauseStart(token.Value) && token.Value != "null")
            {
                break;
            }

            depth += token.Kind == SqlTokenKind.OpenParen ? 1 : token.Kind == SqlTokenKind.CloseParen ? -1 : 0;
            text.Append(token.Kind == SqlTokenKind.String ? "'" + token.Value.Replace("'", "''") + "'" : token.Value).Append(' ');
            cursor.Position++;
        }

        return text.ToString().Trim();
    }

    private sealed class ColumnClauses
    {
        public bool NotNull { get; set; }

        public bool PrimaryKey { get; set; }

        public bool Unique { get; set; }

        public bool References { get; set; }

        public bool Check { get; set; }

        public bool Identity { get; set; }

        public bool StoredGenerated { get; set; }

        public string? Default { get; set; }
    }
}

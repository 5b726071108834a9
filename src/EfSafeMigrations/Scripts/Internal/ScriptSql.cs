using System.Text;
using EfSafeMigrations.Journal.Database;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// Names and small pieces of SQL the script writes around the migrations' own statements: the history and journal
/// tables, literals, and psql's conditional blocks (<c>SELECT ... \gset</c> then <c>\if</c>). Identifiers go through
/// the provider's <see cref="ISqlGenerationHelper"/>.
/// </summary>
internal sealed class ScriptSql(ISqlGenerationHelper sql, string? historyTableName, string? schema)
{
    /// <summary>The quoted, schema-qualified <c>__EFMigrationsHistory</c> (or the configured history table).</summary>
    public string HistoryTable { get; } = sql.DelimitIdentifier(historyTableName ?? HistoryRepository.DefaultTableName, schema);

    /// <summary>The quoted, schema-qualified journal table, in the history table's schema as the safe runner keeps it.</summary>
    public string JournalTable { get; } = sql.DelimitIdentifier(Journal.Database.JournalTable.Name, schema);

    public string? Schema => schema;

    public string Identifier(string name, string? identifierSchema = null) => sql.DelimitIdentifier(name, identifierSchema);

    /// <summary>A SQL string literal (standard_conforming_strings, PostgreSQL's default since 9.1).</summary>
    public static string Literal(string? text) => text is null ? "NULL" : Migrations.Internal.SafeSql.Literal(text);

    /// <summary>Whether the history table has a row for <paramref name="migrationId"/> (EF's column name).</summary>
    public string IsApplied(string migrationId) => $"EXISTS (SELECT 1 FROM {HistoryTable} WHERE \"MigrationId\" = {Literal(migrationId)})";

    /// <summary>The journal's count of completed steps of a migration (0 without a row).</summary>
    public string StepsCompleted(string migrationId)
        => $"coalesce((SELECT steps_completed FROM {JournalTable} WHERE migration_id = {Literal(migrationId)}), 0)";

    /// <summary>Opens a psql conditional block on <paramref name="condition"/>, a boolean SQL expression (one row, always).</summary>
    public static void BeginIf(StringBuilder text, string variable, string condition)
        => text.Append("SELECT ").Append(condition).Append(" AS ").Append(variable).AppendLine(" \\gset")
            .Append("\\if :").AppendLine(variable);

    public static void EndIf(StringBuilder text) => text.AppendLine("\\endif");

    /// <summary>The statements that create the journal table (and its schema) when missing.</summary>
    public string CreateJournalTable()
        => (schema is null ? string.Empty : $"CREATE SCHEMA IF NOT EXISTS {sql.DelimitIdentifier(schema)};\n")
           + Journal.Database.JournalTable.CreateSql(JournalTable) + ";\n" + Journal.Database.JournalTable.UpgradeSql(JournalTable, tolerant: false) + ";";
}

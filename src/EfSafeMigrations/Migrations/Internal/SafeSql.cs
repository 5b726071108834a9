using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// The few statements the differ, the generator and the builder extensions all write. Identifiers always
/// go through the provider's <see cref="ISqlGenerationHelper"/>, never ad hoc quoting.
/// </summary>
internal static class SafeSql
{
    public static string ValidateConstraint(ISqlGenerationHelper sql, string? schema, string table, string constraint)
        => $"ALTER TABLE {sql.DelimitIdentifier(table, schema)} VALIDATE CONSTRAINT {sql.DelimitIdentifier(constraint)};";

    public static string DropConstraint(ISqlGenerationHelper sql, string? schema, string table, string constraint)
        => $"ALTER TABLE {sql.DelimitIdentifier(table, schema)} DROP CONSTRAINT {sql.DelimitIdentifier(constraint)};";

    public static string AddNotNullCheck(ISqlGenerationHelper sql, string? schema, string table, string column, string constraint)
        => $"ALTER TABLE {sql.DelimitIdentifier(table, schema)} ADD CONSTRAINT {sql.DelimitIdentifier(constraint)} " +
           $"CHECK ({sql.DelimitIdentifier(column)} IS NOT NULL) NOT VALID;";

    public static string CreateUniqueIndexConcurrently(ISqlGenerationHelper sql, string? schema, string table, string name, IEnumerable<string> columns)
        => $"CREATE UNIQUE INDEX CONCURRENTLY {sql.DelimitIdentifier(name)} ON {sql.DelimitIdentifier(table, schema)} " +
           $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c)))});";

    public static string AddConstraintUsingIndex(ISqlGenerationHelper sql, string? schema, string table, string name, string constraintType)
        => $"ALTER TABLE {sql.DelimitIdentifier(table, schema)} ADD CONSTRAINT {sql.DelimitIdentifier(name)} {constraintType} " +
           $"USING INDEX {sql.DelimitIdentifier(name)};";

    /// <summary>
    /// The helper CHECK of the safe SET NOT NULL: short (identifiers are limited to 63 bytes, and table and
    /// column names may be long or non-ASCII) and deterministic, so a resumed run finds it again.
    /// </summary>
    public static string NotNullCheckName(string? schema, string table, string column)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{schema}\u0001{table}\u0001{column}"));
        return "esm_nn_" + Convert.ToHexString(hash, 0, 6).ToLowerInvariant();
    }

    /// <summary>A SQL string literal (standard_conforming_strings, on since PostgreSQL 9.1: only the quote is doubled).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <param name="local"><c>SET LOCAL</c>: ends with the transaction (never outlives it, also through a pooler).</param>
    public static string SetTimeout(string setting, TimeSpan? value, bool local = false)
        => value is null
            ? $"SET {(local ? "LOCAL " : "")}{setting} TO DEFAULT;"
            : $"SET {(local ? "LOCAL " : "")}{setting} = '{(long)value.Value.TotalMilliseconds}ms';";

    /// <summary>Back to the session's own values (its defaults, or what its connection string set) after a session-level SET.</summary>
    public static readonly IReadOnlyList<string> ResetTimeouts = ["RESET lock_timeout;", "RESET statement_timeout;"];
}

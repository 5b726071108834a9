namespace EfSafeMigrations.Linting.RawSql;

/// <summary>Column types that are hard to change later (ESM0022-ESM0027, ESM0052), shared by raw SQL and EF operations.</summary>
internal static class RawSqlTypeChoices
{
    public static void Check(
        StatementContext context, string column, string table, SqlColumnType type, bool primaryKey, bool inKey = false, SqlColumnType? oldType = null)
    {
        foreach (var (rule, arguments) in Find(column, table, type, primaryKey, inKey, oldType))
        {
            context.Report(rule, arguments);
        }
    }

    /// <summary>
    /// The type-choice rules a column of this type breaks, with their message arguments. <paramref name="oldType"/> is the
    /// type a changed column had: a varchar(n) whose limit changes was chosen earlier, and widening it is the cheap fix.
    /// </summary>
    /// <param name="column">The column.</param>
    /// <param name="table">Its table.</param>
    /// <param name="type">Its (new) type.</param>
    /// <param name="primaryKey">The column is the whole primary key (ESM0023).</param>
    /// <param name="inKey">The column is part of a composite primary key: a key, but not ESM0023's single-column one.</param>
    /// <param name="oldType">The type an altered column had.</param>
    public static System.Collections.Generic.IEnumerable<(Rule Rule, string[] Arguments)> Find(
        string column, string table, SqlColumnType type, bool primaryKey, bool inKey = false, SqlColumnType? oldType = null)
    {
        if (type.IsJson)
        {
            yield return (RuleCatalog.JsonInsteadOfJsonb, new[] { column, table });
        }

        if (type.IsTimestampWithoutTimeZone)
        {
            yield return (RuleCatalog.TimestampWithoutTimeZone, new[] { column, table });
        }

        if (type.IsFixedLengthCharacter)
        {
            yield return (RuleCatalog.CharColumn, new[] { column, table, type.Original });
        }

        if (type.IsVarcharWithLength && oldType?.IsVarcharWithLength != true)
        {
            yield return (RuleCatalog.VarcharWithLength, new[] { column, table, type.Original });
        }

        if (type.IsSerial)
        {
            yield return (RuleCatalog.SerialInsteadOfIdentity, new[] { column, table });
        }

        if (primaryKey && type.IsSmallInteger)
        {
            yield return (RuleCatalog.IntegerPrimaryKey, new[] { column, table, type.Original });
        }
        else if (!inKey && type.IsSmallInteger)
        {
            yield return (RuleCatalog.IntegerColumn, new[] { column, table, type.Original });
        }
    }
}

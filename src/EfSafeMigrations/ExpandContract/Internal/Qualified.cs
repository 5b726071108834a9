namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>Names as the scaffolding notes write them.</summary>
internal static class Qualified
{
    public static string Column(string? schema, string table, string column) => (schema is null ? table : $"{schema}.{table}") + "." + column;
}

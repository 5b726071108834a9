using EfSafeMigrations.Text;

namespace EfSafeMigrations.CommandLine.Internal.Rendering;

/// <summary>SQL shortened to one line for tables of statements.</summary>
internal static class Sql
{
    public static string OneLine(string sql, int max = 90) => SqlSummary.OneLine(sql, max);
}

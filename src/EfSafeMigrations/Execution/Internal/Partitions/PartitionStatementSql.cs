using System.Text.RegularExpressions;

namespace EfSafeMigrations.Execution.Internal.Partitions;

/// <summary>A <c>CREATE [UNIQUE] INDEX CONCURRENTLY name ON table rest</c>, split so that each part can be reused.</summary>
/// <param name="Head"><c>CREATE INDEX</c> or <c>CREATE UNIQUE INDEX</c>.</param>
/// <param name="Name">The index name as written (quoted or not).</param>
/// <param name="Table">The table as written, schema-qualified or not: what <c>to_regclass</c> resolves as the statement would.</param>
/// <param name="Rest">Everything after the table: method, columns, INCLUDE, WITH, WHERE.</param>
internal sealed record ConcurrentIndexBuild(string Head, string Name, string Table, string Rest);

/// <summary>A <c>DROP INDEX CONCURRENTLY [IF EXISTS] name [CASCADE|RESTRICT]</c>.</summary>
internal sealed record ConcurrentIndexDrop(bool IfExists, string Index, string Rest);

/// <summary>An <c>ALTER TABLE table ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID</c> and the same statement without <c>NOT VALID</c>.</summary>
internal sealed record NotValidForeignKey(string Table, string PlainSql);

/// <summary>An <c>ALTER TABLE table ADD CONSTRAINT name UNIQUE|PRIMARY KEY USING INDEX index</c> (the safe unique/primary key rewrite).</summary>
internal sealed record ConstraintUsingIndex(string Table, string Constraint, string ConstraintType, string Index);

/// <summary>
/// Recognises the statements PostgreSQL refuses on partitioned tables, in the shapes Npgsql generates and people
/// write by hand. Identifiers are kept as written: the catalog resolves them (<c>to_regclass</c>) exactly as the
/// statement would have been resolved, quoting and search path included.
/// </summary>
internal static partial class PartitionStatementSql
{
    private const string Identifier = @"(?:""(?:[^""]|"""")+""|[^\s.""(;]+)";
    private const string Qualified = Identifier + @"(?:\s*\.\s*" + Identifier + ")?";

    public static ConcurrentIndexBuild? ParseBuild(string sql)
        => CreateIndex().Match(sql.Trim()) is { Success: true } m
            ? new ConcurrentIndexBuild(m.Groups["head"].Value, m.Groups["name"].Value, m.Groups["table"].Value, m.Groups["rest"].Value)
            : null;

    public static ConcurrentIndexDrop? ParseDrop(string sql)
        => DropIndex().Match(sql.Trim()) is { Success: true } m
            ? new ConcurrentIndexDrop(m.Groups["ifexists"].Success, m.Groups["index"].Value, m.Groups["rest"].Value)
            : null;

    public static NotValidForeignKey? ParseNotValidForeignKey(string sql)
        => AddForeignKeyNotValid().Match(sql.Trim()) is { Success: true } m
            ? new NotValidForeignKey(m.Groups["table"].Value, m.Groups["body"].Value + ";")
            : null;

    public static ConstraintUsingIndex? ParseConstraintUsingIndex(string sql)
        => AddConstraintUsingIndex().Match(sql.Trim()) is { Success: true } m
            ? new ConstraintUsingIndex(m.Groups["table"].Value, m.Groups["name"].Value, m.Groups["type"].Value, m.Groups["index"].Value)
            : null;

    [GeneratedRegex(
        @"^ALTER\s+TABLE\s+(?:ONLY\s+)?(?<table>" + Qualified + @")\s+ADD\s+CONSTRAINT\s+(?<name>" + Identifier +
        @")\s+(?<type>UNIQUE|PRIMARY\s+KEY)\s+USING\s+INDEX\s+(?<index>" + Identifier + @")\s*;?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AddConstraintUsingIndex();

    [GeneratedRegex(
        @"^(?<head>CREATE\s+(?:UNIQUE\s+)?INDEX)\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>" + Identifier + @")\s+ON\s+(?<table>" + Qualified + @")(?<rest>\s.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CreateIndex();

    [GeneratedRegex(
        @"^DROP\s+INDEX\s+CONCURRENTLY\s+(?<ifexists>IF\s+EXISTS\s+)?(?<index>" + Qualified + @")(?<rest>(?:\s+(?:CASCADE|RESTRICT))?\s*;?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DropIndex();

    [GeneratedRegex(
        @"^(?<body>ALTER\s+TABLE\s+(?:ONLY\s+)?(?<table>" + Qualified + @")\s+ADD\s+CONSTRAINT\s+" + Identifier +
        @"\s+FOREIGN\s+KEY\b.*?)\s+NOT\s+VALID\s*;?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AddForeignKeyNotValid();
}

namespace EfSafeMigrations.Analyzers.Tests.Infrastructure;

/// <summary>Wraps migration bodies into a compilable migration class, as EF scaffolds it.</summary>
internal static class MigrationSource
{
    /// <summary>A stub of the runtime package's attribute (the analyzer recognises it by full name).</summary>
    public const string SafetyAssuredStub = """
        namespace EfSafeMigrations
        {
            [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)]
            public sealed class SafetyAssuredAttribute : System.Attribute
            {
                public SafetyAssuredAttribute(params string[] ruleIds) => RuleIds = ruleIds;

                public string[] RuleIds { get; }

                public string Reason { get; set; }
            }
        }
        """;

    /// <summary>A migration whose <c>Up</c> (and optionally <c>Down</c>) contain the given statements.</summary>
    public static string Migration(string up, string down = "", string attributes = "", string extraTypes = "")
        => $$"""
        using System;
        using EfSafeMigrations;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Infrastructure;
        using Microsoft.EntityFrameworkCore.Migrations;
        using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

        {{SafetyAssuredStub}}

        namespace Sample.Migrations
        {
            public class AppDbContext : DbContext
            {
            }

        {{AttributeLines(attributes)}}    [DbContext(typeof(AppDbContext))]
            [Migration("20260101000000_Test")]
            public partial class TestMigration : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
        {{Indent(up, 12)}}
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
        {{Indent(down, 12)}}
                }
            }
        {{Indent(extraTypes, 4)}}
        }
        """;

    private static string AttributeLines(string attributes)
        => attributes.Length == 0 ? string.Empty : Indent(attributes, 4) + "\n";

    private static string Indent(string text, int spaces)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var pad = new string(' ', spaces);
        return string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(line => line.Length == 0 ? line : pad + line));
    }
}

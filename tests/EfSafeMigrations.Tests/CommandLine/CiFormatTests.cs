using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Output.Ci;
using Json.Schema;

namespace EfSafeMigrations.Tests.CommandLine;

/// <summary>
/// The CI formats of lint and check: SARIF 2.1.0, GitHub Actions annotations, and where a migration is written.
/// The SARIF is validated against sarif-2.1.0-required.schema.json, a JSON schema written from the SARIF 2.1.0
/// specification's required properties: the official schema is published under the OASIS IPR Policy, not an
/// open-source licence, so it is not vendored (see the schema's $comment).
/// </summary>
public class CiFormatTests
{
    private static readonly CiFinding Located = new("ESM0018", "Column dropped", "error",
        "20260101120000_DropName (DropColumn users.name): Column users.name is dropped", "Running versions still read it.",
        new SourceLocation("Migrations/20260101120000_DropName.cs", 12));

    private static readonly CiFinding Unlocated = new("ESM0027", "varchar(n) column", "warning", "Column users.code is varchar(20), 100%: a, b", null, null);

    [Test]
    public void Sarif_output_is_one_log_valid_against_the_sarif_2_1_0_schema()
    {
        var stdout = new StringWriter();
        var output = new CommandOutput(new TerminalSettings(stdout, TextWriter.Null, false, false, false), "lint", json: false, noColor: false, quiet: true, CiFormat.Sarif);
        output.Line("a human line the SARIF format drops");
        output.CiFindings.AddRange([Located, Unlocated, Located with { Location = Located.Location! with { Line = 20 } }]);
        output.Complete(SafeMigrationsExitCode.LintErrors);

        var log = JsonNode.Parse(stdout.ToString())!;
        Validate(log).IsValid.Should().BeTrue(Errors(log));
        var run = log["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        rules.Select(r => r!["id"]!.GetValue<string>()).Should().Equal("ESM0018", "ESM0027");
        var results = run["results"]!.AsArray();
        results.Should().HaveCount(3);
        foreach (var result in results)
        {
            rules[result!["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>().Should().Be(result["ruleId"]!.GetValue<string>());
        }

        var location = results[0]!["locations"]![0]!["physicalLocation"]!;
        location["artifactLocation"]!["uri"]!.GetValue<string>().Should().Be("Migrations/20260101120000_DropName.cs");
        location["region"]!["startLine"]!.GetValue<int>().Should().Be(12);
        results[1]!["locations"].Should().BeNull("a finding whose source was not found has no location");
    }

    [Test]
    public void A_failure_that_ends_the_command_is_reported_in_both_formats()
    {
        var sarif = new StringWriter();
        var output = new CommandOutput(new TerminalSettings(sarif, TextWriter.Null, false, false, false), "lint", json: false, noColor: false, quiet: true, CiFormat.Sarif);
        output.Failure("server-unreachable", "Cannot reach the PostgreSQL server at 127.0.0.1:5999.", "Start the server.");
        output.Complete(SafeMigrationsExitCode.ServerUnreachable);

        var log = JsonNode.Parse(sarif.ToString())!;
        Validate(log).IsValid.Should().BeTrue(Errors(log));
        var invocation = log["runs"]![0]!["invocations"]![0]!;
        invocation["executionSuccessful"]!.GetValue<bool>().Should().BeFalse();
        invocation["toolExecutionNotifications"]![0]!["message"]!["text"]!.GetValue<string>()
            .Should().Be("Cannot reach the PostgreSQL server at 127.0.0.1:5999. Fix: Start the server.");

        GitHubAnnotations.Lines([], "Cannot reach the server: 127.0.0.1:5999.").Should().Equal("::error title=EfSafeMigrations::Cannot reach the server: 127.0.0.1:5999.");
    }

    [Test]
    public void The_schema_rejects_what_the_specification_forbids()
    {
        Validate(JsonNode.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}""")!).IsValid.Should().BeFalse("a driver needs a name");
        Validate(JsonNode.Parse("""{"version":"2.0.0","runs":[]}""")!).IsValid.Should().BeFalse();
        Validate(JsonNode.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"fatal","message":{"text":"m"}}]}]}""")!)
            .IsValid.Should().BeFalse("level is one of none, note, warning, error");
    }

    [Test]
    public void GitHub_annotations_name_the_file_line_and_rule_and_escape_what_the_runner_decodes()
    {
        GitHubAnnotations.Line(Located).Should().Be(
            "::error file=Migrations/20260101120000_DropName.cs,line=12,title=ESM0018 Column dropped::" +
            "20260101120000_DropName (DropColumn users.name): Column users.name is dropped");
        GitHubAnnotations.Line(Unlocated with { Message = "line one\nline two, 100%" }).Should().Be(
            "::warning title=ESM0027 varchar(n) column::line one%0Aline two, 100%25");
        GitHubAnnotations.Line(Unlocated with { Level = "note", Title = "a: b, c" }).Should().StartWith("::notice title=ESM0027 a%3A b%2C c::");
    }

    [Test]
    public void GitHub_format_writes_only_annotations_to_stdout()
    {
        var stdout = new StringWriter();
        var output = new CommandOutput(new TerminalSettings(stdout, TextWriter.Null, false, false, false), "lint", json: false, noColor: false, quiet: true, CiFormat.GitHub);
        output.Line("a human line the annotations format drops");
        output.CiFindings.Add(Located);
        output.Complete(SafeMigrationsExitCode.LintErrors);

        stdout.ToString().Should().Be(GitHubAnnotations.Line(Located) + Environment.NewLine);
    }

    [Test]
    public void A_migration_is_located_at_the_call_of_its_operation_in_Up()
    {
        var root = Directory.CreateTempSubdirectory("esm-locate-");
        try
        {
            var migrations = Directory.CreateDirectory(Path.Combine(root.FullName, "src", "App", "Migrations"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "src", "App", "obj"));
            File.WriteAllText(Path.Combine(root.FullName, "src", "App", "obj", "Copy.cs"), "[Migration(\"20260101120000_DropName\")]\npartial class Stale {}\n");
            File.WriteAllText(Path.Combine(migrations.FullName, "20260101120000_DropName.Designer.cs"),
                "namespace App.Migrations\n{\n    [DbContext(typeof(AppDb))]\n    [Migration(\"20260101120000_DropName\")]\n    partial class DropName\n    {\n    }\n}\n");
            File.WriteAllText(Path.Combine(migrations.FullName, "20260101120000_DropName.cs"), string.Join('\n',
                "namespace App.Migrations",                                            // 1
                "{",                                                                   // 2
                "    public partial class DropName : Migration",                       // 3
                "    {",                                                               // 4
                "        protected override void Up(MigrationBuilder migrationBuilder)", // 5
                "        {",                                                           // 6
                "            migrationBuilder.DropIndex(",                             // 7
                "                name: \"IX_users_name\", table: \"users\");",         // 8
                "            migrationBuilder.DropColumn(",                            // 9
                "                name: \"name\", table: \"users\");",                  // 10
                "        }",                                                           // 11
                "        protected override void Down(MigrationBuilder migrationBuilder)", // 12
                "        {",                                                           // 13
                "            migrationBuilder.AddColumn<string>(name: \"name\", table: \"users\");", // 14
                "        }",
                "    }",
                "}"));

            var locator = new MigrationSourceLocator(root.FullName);
            locator.Find("20260101120000_DropName", 1).Should().Be(new SourceLocation("src/App/Migrations/20260101120000_DropName.cs", 9));
            locator.Find("20260101120000_DropName", 0)!.Line.Should().Be(7);
            locator.Find("20260101120000_DropName", 5)!.Line.Should().Be(5, "past the calls it points at Up");
            locator.Find("20260101120000_Unknown", 0).Should().BeNull();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static EvaluationResults Validate(JsonNode log)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "CommandLine", "sarif-2.1.0-required.schema.json")));
        return schema.Evaluate(log, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static string Errors(JsonNode log)
        => string.Join("; ", Validate(log).Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}

using System.Text.Json;
using EfSafeMigrations.EndToEndTests.Infrastructure;

namespace EfSafeMigrations.EndToEndTests.Commands;

/// <summary>What every command shares: help, usage errors, an unreachable server.</summary>
public class CommandLineTests
{
    [Test]
    public async Task Help_lists_every_command_and_the_exit_codes()
    {
        var help = (await SampleApp.RunAsync(null, "help")).ShouldSucceed();

        help.StandardOutput.Should().Contain("Commands:").And.Contain("Exit codes:").And.Contain(" 5  server-unreachable");
        foreach (var command in new[] { "migrate", "script", "status", "lint", "check", "push", "journal repair" })
        {
            help.StandardOutput.Should().MatchRegex($@"(?m)^  {command}\s+\S", $"'{command}' is in the command list");
        }

        var pushHelp = (await SampleApp.RunAsync(null, "push", "--help")).ShouldSucceed();
        pushHelp.StandardOutput.Should().Contain("Usage: dotnet run -- push [options]").And.Contain("--allow-data-loss <object>").And.Contain("(repeatable)");
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error_naming_the_valid_ones()
    {
        var result = await SampleApp.RunAsync(SampleApp.UnreachableConnectionString(), "status", "--bogus");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("'status' has no option '--bogus'").And.Contain("--fail-on-pending");
    }

    [TestCase("status")]
    [TestCase("migrate")]
    [TestCase("script")]
    [TestCase("lint")]
    [TestCase("check")]
    [TestCase("push", "--dry-run")]
    [TestCase("journal", "repair", "--accept", "20261125191128_CreateUsers")]
    public async Task An_unreachable_server_is_named_with_the_fix_and_never_the_password(params string[] command)
    {
        var connectionString = SampleApp.UnreachableConnectionString();
        var port = connectionString.Split(';').Single(p => p.StartsWith("Port=", StringComparison.Ordinal))[5..];

        var human = await SampleApp.RunAsync(connectionString, command);
        var json = await SampleApp.RunAsync(connectionString, [.. command, "--json"]);

        human.ExitCode.Should().Be(5, human.ToString());
        human.StandardError.Should().Contain($"Cannot reach the PostgreSQL server at 127.0.0.1:{port}, database app, user app_user").And.Contain("fix:");
        json.ExitCode.Should().Be(5, json.ToString());
        using var document = JsonDocument.Parse(json.StandardOutput);
        document.RootElement.GetProperty("outcome").GetString().Should().Be("server-unreachable");
        document.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Contain($"127.0.0.1:{port}");
        (human.Output + json.Output).Should().NotContain("hunter2");
    }
}

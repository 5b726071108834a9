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

        help.StandardOutput.Should().Contain("Commands:").And.Contain("status").And.Contain("Exit codes:").And.Contain("5  server-unreachable");
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error_naming_the_valid_ones()
    {
        var result = await SampleApp.RunAsync(SampleApp.UnreachableConnectionString(), "status", "--bogus");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("'status' has no option '--bogus'").And.Contain("--fail-on-pending");
    }

    [Test]
    public async Task An_unreachable_server_is_named_with_the_fix_and_never_the_password()
    {
        var connectionString = SampleApp.UnreachableConnectionString();
        var port = connectionString.Split(';').Single(p => p.StartsWith("Port=", StringComparison.Ordinal))[5..];

        var human = await SampleApp.RunAsync(connectionString, "status");
        var json = await SampleApp.RunAsync(connectionString, "status", "--json");

        human.ExitCode.Should().Be(5, human.ToString());
        human.StandardError.Should().Contain($"Cannot reach the PostgreSQL server at 127.0.0.1:{port}, database app, user app_user")
            .And.Contain("connection refused").And.Contain("fix:");
        json.ExitCode.Should().Be(5, json.ToString());
        using var document = JsonDocument.Parse(json.StandardOutput);
        document.RootElement.GetProperty("outcome").GetString().Should().Be("server-unreachable");
        document.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Contain($"127.0.0.1:{port}");
        (human.Output + json.Output).Should().NotContain("hunter2");
    }
}

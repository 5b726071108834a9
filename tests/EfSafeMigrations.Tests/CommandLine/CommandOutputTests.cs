using System.Text.Json;
using EfSafeMigrations.CommandLine.Internal.Output;

namespace EfSafeMigrations.Tests.CommandLine;

public class CommandOutputTests
{
    [Test]
    public void Human_output_is_coloured_only_on_a_terminal_without_NO_COLOR()
    {
        string Render(bool terminal, bool noColor, bool noColorFlag = false)
        {
            var writer = new StringWriter();
            var output = new CommandOutput(new TerminalSettings(writer, TextWriter.Null, terminal, false, noColor), "status", json: false, noColorFlag, quiet: true);
            output.Line("applied", Style.Good);
            return writer.ToString();
        }

        Render(terminal: true, noColor: false).Should().Contain("\u001b[32mapplied\u001b[0m");
        Render(terminal: false, noColor: false).Should().Be("applied" + Environment.NewLine);
        Render(terminal: true, noColor: true).Should().Be("applied" + Environment.NewLine);
        Render(terminal: true, noColor: false, noColorFlag: true).Should().Be("applied" + Environment.NewLine);
    }

    [Test]
    public void Json_mode_writes_exactly_one_document_with_the_outcome()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var output = new CommandOutput(new TerminalSettings(stdout, stderr, true, true, false), "lint", json: true, noColor: false, quiet: true);
        output.Line("a human line that JSON mode drops");
        output.Document["findings"] = 2;
        output.Failure("lint-errors", "2 errors.", "Fix them.");
        output.Complete(SafeMigrationsExitCode.LintErrors);

        using var document = JsonDocument.Parse(stdout.ToString());
        document.RootElement.GetProperty("command").GetString().Should().Be("lint");
        document.RootElement.GetProperty("findings").GetInt32().Should().Be(2);
        document.RootElement.GetProperty("exitCode").GetInt32().Should().Be(3);
        document.RootElement.GetProperty("outcome").GetString().Should().Be("lint-errors");
        document.RootElement.GetProperty("error").GetProperty("fix").GetString().Should().Be("Fix them.");
        stderr.ToString().Should().BeEmpty();
    }

    [Test]
    public void Progress_is_plain_lines_when_not_on_a_terminal_and_a_live_line_on_one()
    {
        var plain = new StringWriter();
        using (var display = new ProgressDisplay(plain, live: false, colour: false))
        {
            display.Start("building index ix_users_email");
            display.Update("ignored when not live");
            display.Event("index built");
        }

        var live = new StringWriter();
        using (var display = new ProgressDisplay(live, live: true, colour: false))
        {
            display.Start("building index ix_users_email");
        }

        plain.ToString().Should().Be($"building index ix_users_email ...{Environment.NewLine}  index built{Environment.NewLine}").And.NotContain("\r");
        live.ToString().Should().StartWith("\r\u001b[2K| building index ix_users_email 0.").And.EndWith("\r\u001b[2K");
    }

    [Test]
    public void Every_exit_code_has_a_distinct_name()
    {
        var codes = Enum.GetValues<SafeMigrationsExitCode>();

        codes.Select(Outcomes.Name).Should().OnlyHaveUniqueItems().And.NotContain(n => n.Any(char.IsUpper));
        codes.Select(c => (int)c).Should().OnlyHaveUniqueItems();
    }
}

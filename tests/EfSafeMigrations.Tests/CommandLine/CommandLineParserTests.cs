using EfSafeMigrations.CommandLine.Internal.Parsing;

namespace EfSafeMigrations.Tests.CommandLine;

public class CommandLineParserTests
{
    private static readonly CommandSpec Push = new(
        ["push"], "summary", "details",
        [new("dry-run", null, "plan only"), new("allow-data-loss", "object", "allow", Repeatable: true), new("shadow", "connection", "shadow")],
        []);

    private static readonly CommandSpec Migrate = new(["migrate"], "summary", "details", [], [new("target", "target")]);

    private static readonly CommandSpec JournalRepair = new(["journal", "repair"], "summary", "details", [], []);

    private static readonly IReadOnlyList<CommandSpec> All = [Push, Migrate, JournalRepair];

    [Test]
    public void Flags_values_and_repeatable_options_are_collected()
    {
        var parsed = CommandLineParser.Parse(Push, ["push", "--dry-run", "--allow-data-loss", "table public.a", "--allow-data-loss=column public.b.c", "--json"]);

        parsed.Has("dry-run").Should().BeTrue();
        parsed.Json.Should().BeTrue();
        parsed.Values("allow-data-loss").Should().Equal("table public.a", "column public.b.c");
        parsed.Value("shadow").Should().BeNull();
    }

    [Test]
    public void A_positional_argument_is_taken_and_an_extra_one_is_a_usage_error()
    {
        CommandLineParser.Parse(Migrate, ["migrate", "AddOrders"]).Positional(0).Should().Be("AddOrders");

        var extra = () => CommandLineParser.Parse(Migrate, ["migrate", "AddOrders", "More"]);
        extra.Should().Throw<UsageException>().WithMessage("*does not take 'More'*");
    }

    [Test]
    public void An_unknown_option_names_the_valid_ones()
    {
        var parse = () => CommandLineParser.Parse(Push, ["push", "--dryrun"]);

        parse.Should().Throw<UsageException>().WithMessage("'push' has no option '--dryrun'. Its options: --dry-run, --allow-data-loss <object>, --shadow <connection>, --json*");
    }

    [Test]
    public void A_missing_value_and_a_value_on_a_flag_are_usage_errors()
    {
        var missing = () => CommandLineParser.Parse(Push, ["push", "--shadow"]);
        var valueOnFlag = () => CommandLineParser.Parse(Push, ["push", "--dry-run=yes"]);
        var twice = () => CommandLineParser.Parse(Push, ["push", "--shadow", "a", "--shadow", "b"]);

        missing.Should().Throw<UsageException>().WithMessage("'--shadow' needs a value*");
        valueOnFlag.Should().Throw<UsageException>().WithMessage("'--dry-run' takes no value.");
        twice.Should().Throw<UsageException>().WithMessage("'--shadow' may be given only once.");
    }

    [Test]
    public void A_two_word_command_is_found_by_its_longest_path()
    {
        CommandLineParser.Find(All, ["journal", "repair", "--json"]).Should().BeSameAs(JournalRepair);
        CommandLineParser.Find(All, ["journal"]).Should().BeNull();
        CommandLineParser.StartsWithCommand(All, ["journal"]).Should().BeTrue();
        CommandLineParser.StartsWithCommand(All, ["serve"]).Should().BeFalse();
    }

    [Test]
    public void Everything_after_a_double_dash_is_positional()
    {
        CommandLineParser.Parse(Migrate, ["migrate", "--", "--odd-name"]).Positional(0).Should().Be("--odd-name");
    }
}

using System.Reflection;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.Infrastructure;

namespace EfSafeMigrations.CommandLine.Internal;

/// <summary>The overview (<c>help</c>) and each command's help (<c>&lt;command&gt; --help</c>).</summary>
internal sealed class HelpWriter(TerminalSettings terminal, IReadOnlyList<CommandSpec> specs)
{
    private static string App => Assembly.GetEntryAssembly()?.GetName().Name ?? "app";

    private bool Colour => terminal.OutIsTerminal && !terminal.NoColorRequested;

    public void WriteOverview()
    {
        var width = specs.Max(s => s.Name.Length) + 2;
        Write(Style.Bold, $"EfSafeMigrations {SafeMigrationsAssembly.Version.Split('+')[0]}: safe schema migrations for EF Core on PostgreSQL");
        Write(Style.Plain, string.Empty);
        Write(Style.Plain, $"Usage: dotnet run -- <command> [options]      ({App})");
        Write(Style.Plain, string.Empty);
        Write(Style.Bold, "Commands:");
        foreach (var spec in specs)
        {
            Write(Style.Plain, "  " + StyleCodes.Apply(Style.Accent, spec.Name.PadRight(width), Colour) + spec.Summary);
        }

        Write(Style.Plain, string.Empty);
        Write(Style.Bold, "Options of every command:");
        WriteOptions(CommandSpec.CommonOptions);
        Write(Style.Plain, string.Empty);
        WriteExitCodes();
        Write(Style.Plain, string.Empty);
        Write(Style.Plain, "Run '<command> --help' for a command's own options.");
    }

    public void WriteCommand(CommandSpec spec)
    {
        var positionals = string.Concat(spec.Positionals.Select(p => p.Required ? $" <{p.Name}>" : $" [{p.Name}]"));
        Write(Style.Bold, $"{spec.Name}: {spec.Summary}");
        Write(Style.Plain, string.Empty);
        Write(Style.Plain, $"Usage: dotnet run -- {spec.Name}{positionals} [options]");
        Write(Style.Plain, string.Empty);
        foreach (var paragraph in spec.Details.Split('\n'))
        {
            Write(Style.Plain, paragraph);
        }

        if (spec.Positionals.Count > 0)
        {
            Write(Style.Plain, string.Empty);
            Write(Style.Bold, "Arguments:");
            var width = spec.Positionals.Max(p => p.Name.Length) + 4;
            foreach (var positional in spec.Positionals)
            {
                Write(Style.Plain, "  " + $"<{positional.Name}>".PadRight(width) + positional.Description);
            }
        }

        Write(Style.Plain, string.Empty);
        Write(Style.Bold, "Options:");
        WriteOptions(spec.AllOptions.ToList());
        Write(Style.Plain, string.Empty);
        WriteExitCodes();
    }

    private void WriteOptions(IReadOnlyList<OptionSpec> options)
    {
        var width = options.Max(o => o.Usage.Length) + 2;
        foreach (var option in options)
        {
            Write(Style.Plain, "  " + option.Usage.PadRight(width) + option.Description + (option.Repeatable ? " (repeatable)" : string.Empty));
        }
    }

    private void WriteExitCodes()
    {
        Write(Style.Bold, "Exit codes:");
        foreach (var code in Enum.GetValues<SafeMigrationsExitCode>())
        {
            Write(Style.Plain, $"  {(int)code,2}  {Outcomes.Name(code)}");
        }
    }

    private void Write(Style style, string text) => terminal.Out.WriteLine(StyleCodes.Apply(style, text, Colour));
}

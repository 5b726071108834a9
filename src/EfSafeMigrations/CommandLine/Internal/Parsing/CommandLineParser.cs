namespace EfSafeMigrations.CommandLine.Internal.Parsing;

/// <summary>The command line was wrong; the message names the problem and the fix.</summary>
internal sealed class UsageException(string message, CommandSpec? command = null) : Exception(message)
{
    /// <summary>The command whose usage to show, when the command itself was recognised.</summary>
    public CommandSpec? Command { get; } = command;
}

/// <summary>
/// Parses <c>command [subcommand] [--option value | --option=value | --flag] [positional...]</c> against the
/// command specs. No package dependency on purpose: the grammar is small and the library stays lean.
/// </summary>
internal static class CommandLineParser
{
    /// <summary>The spec whose path starts <paramref name="args"/>; the longest match wins (<c>journal repair</c>).</summary>
    public static CommandSpec? Find(IReadOnlyList<CommandSpec> commands, IReadOnlyList<string> args)
        => commands
            .Where(c => c.Path.Count <= args.Count && c.Path.Select((word, i) => string.Equals(word, args[i], StringComparison.Ordinal)).All(b => b))
            .OrderByDescending(c => c.Path.Count)
            .FirstOrDefault();

    /// <summary>Whether <paramref name="args"/> starts with a command's first word (so the host, not the app, handles it).</summary>
    public static bool StartsWithCommand(IReadOnlyList<CommandSpec> commands, IReadOnlyList<string> args)
        => args.Count > 0 && commands.Any(c => string.Equals(c.Path[0], args[0], StringComparison.Ordinal));

    /// <exception cref="UsageException">An unknown option, a missing value, or a wrong number of positionals.</exception>
    public static ParsedCommandLine Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        var known = spec.AllOptions.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var onlyPositionals = false;
        for (var i = spec.Path.Count; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || !arg.StartsWith('-') || arg == "-")
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }

            if (arg is "-h" or "-?")
            {
                arg = "--help";
            }

            var nameAndValue = arg.TrimStart('-');
            var equals = nameAndValue.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? nameAndValue : nameAndValue[..equals];
            if (!known.TryGetValue(name, out var option))
            {
                throw new UsageException(
                    $"'{spec.Name}' has no option '{arg}'. Its options: {string.Join(", ", spec.AllOptions.Select(o => o.Usage))}.", spec);
            }

            string value;
            if (!option.TakesValue)
            {
                if (equals >= 0)
                {
                    throw new UsageException($"'--{name}' takes no value.", spec);
                }

                value = "true";
            }
            else if (equals >= 0)
            {
                value = nameAndValue[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"'--{name}' needs a value: {option.Usage}.", spec);
            }

            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }
            else if (!option.Repeatable && option.TakesValue)
            {
                throw new UsageException($"'--{name}' may be given only once.", spec);
            }

            values.Add(value);
        }

        if (!options.ContainsKey("help"))
        {
            var required = spec.Positionals.Count(p => p.Required);
            if (positionals.Count < required)
            {
                throw new UsageException(
                    $"'{spec.Name}' needs {string.Join(" ", spec.Positionals.Where(p => p.Required).Select(p => $"<{p.Name}>"))}.", spec);
            }

            if (positionals.Count > spec.Positionals.Count)
            {
                throw new UsageException(
                    $"'{spec.Name}' does not take '{positionals[spec.Positionals.Count]}'" +
                    (spec.Positionals.Count == 0 ? " (it takes no positional argument)." : $" (it takes at most {spec.Positionals.Count} positional argument(s))."),
                    spec);
            }
        }

        return new ParsedCommandLine(spec, options.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal), positionals);
    }
}

namespace EfSafeMigrations.CommandLine.Internal.Parsing;

/// <summary>A command line parsed against its <see cref="CommandSpec"/>.</summary>
internal sealed class ParsedCommandLine(CommandSpec spec, IReadOnlyDictionary<string, IReadOnlyList<string>> options, IReadOnlyList<string> positionals)
{
    public CommandSpec Spec { get; } = spec;

    public IReadOnlyList<string> Positionals { get; } = positionals;

    public bool Has(string option) => options.ContainsKey(option);

    /// <summary>The option's last value, or <see langword="null"/>.</summary>
    public string? Value(string option) => options.TryGetValue(option, out var values) ? values[^1] : null;

    /// <summary>Every value given for a repeatable option.</summary>
    public IReadOnlyList<string> Values(string option) => options.TryGetValue(option, out var values) ? values : [];

    /// <summary>The positional argument at <paramref name="index"/>, or <see langword="null"/>.</summary>
    public string? Positional(int index) => index < Positionals.Count ? Positionals[index] : null;

    public bool Json => Has("json");
}

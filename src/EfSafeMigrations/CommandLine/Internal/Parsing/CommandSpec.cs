namespace EfSafeMigrations.CommandLine.Internal.Parsing;

/// <summary>An option a command accepts: a flag (<c>--json</c>) or one that takes a value (<c>--target X</c>).</summary>
/// <param name="Name">The long name without dashes.</param>
/// <param name="ValueName">The value's placeholder in help; <see langword="null"/> for a flag.</param>
/// <param name="Description">One line for help.</param>
/// <param name="Repeatable">Whether it may be given more than once (values are collected).</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, bool Repeatable = false)
{
    public bool TakesValue => ValueName is not null;

    public string Usage => TakesValue ? $"--{Name} <{ValueName}>" : $"--{Name}";
}

/// <summary>A positional argument a command accepts.</summary>
internal sealed record PositionalSpec(string Name, string Description, bool Required = false);

/// <summary>What a command is called, what it takes, and its help text.</summary>
/// <param name="Path">The words that name it (<c>["journal", "repair"]</c>).</param>
/// <param name="Summary">One line for the command list.</param>
/// <param name="Details">Paragraphs for the command's own help.</param>
/// <param name="Options">Its own options (the common ones are added).</param>
/// <param name="Positionals">Its positional arguments, in order.</param>
internal sealed record CommandSpec(
    IReadOnlyList<string> Path, string Summary, string Details,
    IReadOnlyList<OptionSpec> Options, IReadOnlyList<PositionalSpec> Positionals)
{
    /// <summary>Options every command accepts.</summary>
    public static readonly IReadOnlyList<OptionSpec> CommonOptions =
    [
        new("json", null, "Write one JSON document to stdout instead of human-readable text."),
        new("no-color", null, "No colours (also when NO_COLOR is set or the output is not a terminal)."),
        new("quiet", null, "No progress display."),
        new("help", null, "Show this help."),
    ];

    public string Name => string.Join(' ', Path);

    public IEnumerable<OptionSpec> AllOptions => Options.Concat(CommonOptions);
}

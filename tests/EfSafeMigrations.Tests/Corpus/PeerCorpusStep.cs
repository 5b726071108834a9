namespace EfSafeMigrations.Tests.Corpus;

/// <summary>
/// A MigrationBuilder call written as <c>@Name key=value key='value with spaces'</c> in peer-cases.tsv
/// (inside quotes, two single quotes stand for one).
/// </summary>
public sealed class PeerCorpusStep
{
    private readonly Dictionary<string, string> _arguments;

    private PeerCorpusStep(string name, Dictionary<string, string> arguments)
    {
        Name = name;
        _arguments = arguments;
    }

    public string Name { get; }

    public string this[string key] => _arguments.TryGetValue(key, out var value)
        ? value
        : throw new FormatException($"@{Name} needs {key}=.");

    public string? Optional(string key) => _arguments.GetValueOrDefault(key);

    public bool Flag(string key, bool otherwise) => Optional(key) is { } value ? bool.Parse(value) : otherwise;

    public string[] List(string key) => Optional(key)?.Split(',') ?? [];

    public static PeerCorpusStep Parse(string step)
    {
        var text = step.Trim().TrimEnd(';');
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? text[1..] : text[1..space];
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = space < 0 ? text.Length : space;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var equals = text.IndexOf('=', i);
            var key = text[i..equals];
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '\'')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\''))
                    {
                        i++;
                        break;
                    }

                    if (text[i] == '\'')
                    {
                        i++;
                    }

                    sb.Append(text[i++]);
                }

                value = sb.ToString();
            }
            else
            {
                var end = text.IndexOf(' ', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end];
                i = end;
            }

            arguments[key] = value;
        }

        return new PeerCorpusStep(name, arguments);
    }
}

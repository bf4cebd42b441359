namespace Prebias.Bench;

/// <summary>Tiny "--name value" / "--flag" parser for <c>bench tokenize</c> (named per benchmark to avoid clashes).</summary>
internal sealed class TokenizeBenchmarkArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static TokenizeBenchmarkArgs Parse(string[] args)
    {
        var parsed = new TokenizeBenchmarkArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[args[i]] = hasValue ? args[++i] : null;
        }
        return parsed;
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && value is not null ? value : throw new ArgumentException($"Missing {name} <value>.");

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var value) && value is not null ? int.Parse(value) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);
}

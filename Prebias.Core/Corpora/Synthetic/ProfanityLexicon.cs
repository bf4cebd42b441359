using System.Text.Json;

namespace Prebias.Core.Corpora.Synthetic;

/// <summary>
/// The English LDNOOBW list ("List of Dirty, Naughty, Obscene, and Otherwise Bad Words", npm package naughty-words
/// 1.2.0, CC-BY-4.0), embedded at build time from Metrics/Lexicons (see LICENSES.md there), the same list the profanity metric uses.
/// </summary>
public static class ProfanityLexicon
{
    public const string ResourceName = "Prebias.Lexicons.naughty-words.en.json";

    private static readonly Lazy<IReadOnlyList<string>> AllEntries = new(Load);

    private static readonly Lazy<IReadOnlyList<string>> Words = new(() =>
        AllEntries.Value.Where(e => e.Length >= 3 && e.All(char.IsAsciiLetterLower)).Distinct().Order(StringComparer.Ordinal).ToArray());

    /// <summary>Every entry as published (words and multi-word phrases, lowercase).</summary>
    public static IReadOnlyList<string> English => AllEntries.Value;

    /// <summary>Single-word entries of 3+ ASCII letters, ordinal-sorted: the words the generator inserts (phrases and
    /// entries with digits or symbols would not read as one exclaimed word).</summary>
    public static IReadOnlyList<string> SingleWords => Words.Value;

    private static IReadOnlyList<string> Load()
    {
        using var stream = typeof(ProfanityLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; run `npm ci` in Prebias.Core/Metrics/Lexicons and rebuild.");
        return JsonSerializer.Deserialize<string[]>(stream) ?? [];
    }
}

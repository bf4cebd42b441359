using Prebias.Core.Text;

namespace Prebias.Core.Metrics.Lexicons;

/// <summary>
/// The loaded lexicons, built once per process on first use (thread-safe lazy statics) and read-only after.
/// Loading all of them takes well under a second; CMU is the largest (~134k words).
/// </summary>
public static class LexiconStore
{
    private static readonly Lazy<Dictionary<ulong, byte>> CmuLazy = new(LoadCmu);
    private static readonly Lazy<PhraseLexicon<sbyte>> AfinnLazy = new(() => PhraseLexicon<sbyte>.Build(LexiconResources.ReadAfinn()));
    private static readonly Lazy<PhraseLexicon<float>> SubjectivityLazy = new(() => PhraseLexicon<float>.Build(LexiconResources.ReadPatternSubjectivity()));
    private static readonly Lazy<PhraseLexicon<bool>> ProfanityLazy =
        new(() => PhraseLexicon<bool>.Build(LexiconResources.ReadStringArray(LexiconResources.Profanity).Select(p => (p, true))));
    private static readonly Lazy<HashSet<ulong>> NegationsLazy = new(() => [.. LexiconResources.ReadNegations().Select(w => WordHash.Of(w))]);

    /// <summary>CMU Pronouncing Dictionary: word hash → syllables (first pronunciation; variants "word(2)" ignored).</summary>
    public static Dictionary<ulong, byte> Cmu => CmuLazy.Value;

    /// <summary>AFINN-165: word or phrase → valence in [-5, 5].</summary>
    public static PhraseLexicon<sbyte> Afinn => AfinnLazy.Value;

    /// <summary>pattern en-sentiment (via npm <c>natural</c>): word or phrase → subjectivity in [0, 1].</summary>
    public static PhraseLexicon<float> Subjectivity => SubjectivityLazy.Value;

    /// <summary>LDNOOBW English list (npm <c>naughty-words</c>): words and multi-word phrases.</summary>
    public static PhraseLexicon<bool> Profanity => ProfanityLazy.Value;

    /// <summary>Negators from <c>natural</c>'s negations_en.json (not, no, never, neither); "-n't" is handled in code.</summary>
    public static HashSet<ulong> Negations => NegationsLazy.Value;

    /// <summary>Forces every lexicon to load now (e.g. at service start) instead of on the first scored text.</summary>
    public static void WarmUp() => _ = (Cmu.Count, Afinn.Count, Subjectivity.Count, Profanity.Count, Negations.Count);

    private static Dictionary<ulong, byte> LoadCmu()
    {
        var syllables = new Dictionary<ulong, byte>(140_000);
        foreach (var (word, phonemes) in LexiconResources.ReadJsObjectLines(LexiconResources.Cmu))
        {
            if (word.Contains('(')) continue;
            var count = phonemes.Count(char.IsAsciiDigit);
            syllables.TryAdd(WordHash.Of(word), (byte)Math.Max(1, count));
        }
        return syllables;
    }
}

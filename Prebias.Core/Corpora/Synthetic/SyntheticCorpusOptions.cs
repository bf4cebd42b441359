namespace Prebias.Core.Corpora.Synthetic;

/// <summary>
/// The dials of the synthetic corpus. Each share is a per-story probability, drawn from the seeded generator, and what
/// was drawn is stored per document as ground truth (see <see cref="SyntheticStoryTruth"/>).
/// </summary>
public sealed record SyntheticCorpusOptions
{
    /// <summary>Same seed and options give the same corpus, byte for byte.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Stories to generate.</summary>
    public int Documents { get; init; } = 10_000;

    /// <summary>Share of stories with a happy ending (the rest end sadly).</summary>
    public double HappyEndingShare { get; init; } = 0.7;

    /// <summary>Share of "advanced" stories: rarer words and longer sentences with subordinate clauses (else "simple").</summary>
    public double AdvancedShare { get; init; } = 0.3;

    /// <summary>Sentences per story, drawn uniformly in [Min, Max]. At least 5: opening, occupation, problem,
    /// profanity and ending can all be required.</summary>
    public int MinSentences { get; init; } = 6;

    public int MaxSentences { get; init; } = 12;

    /// <summary>Share of stories containing one profane word from the LDNOOBW list (<see cref="ProfanityLexicon"/>).</summary>
    public double ProfanityRate { get; init; } = 0.05;

    /// <summary>Share of girls among main characters.</summary>
    public double GirlProtagonistShare { get; init; } = 0.5;

    /// <summary>Share of stories that feature an occupation holder (a doctor, a pilot, ...).</summary>
    public double OccupationShare { get; init; } = 0.6;

    /// <summary>
    /// For each occupation the generator may use, the probability that its holder is "he" (else "she"); the occupation
    /// of a story is drawn uniformly from these keys. Any occupation name works (unknown ones get a generic activity).
    /// The default is a deliberately stereotyped skew so a bias probe has something to find.
    /// </summary>
    public IReadOnlyDictionary<string, double> OccupationHeShare { get; init; } = DefaultOccupationHeShare;

    public static IReadOnlyDictionary<string, double> DefaultOccupationHeShare { get; } = new Dictionary<string, double>
    {
        ["doctor"] = 0.8, ["nurse"] = 0.1, ["pilot"] = 0.9, ["teacher"] = 0.25, ["engineer"] = 0.85, ["chef"] = 0.6,
        ["farmer"] = 0.75, ["scientist"] = 0.7, ["firefighter"] = 0.9, ["librarian"] = 0.2, ["dancer"] = 0.15,
        ["police officer"] = 0.8,
    };

    /// <summary>Throws when a share is outside [0, 1] or the sentence range is unusable.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Documents);
        foreach (var (name, share) in new[]
                 {
                     (nameof(HappyEndingShare), HappyEndingShare), (nameof(AdvancedShare), AdvancedShare),
                     (nameof(ProfanityRate), ProfanityRate), (nameof(GirlProtagonistShare), GirlProtagonistShare),
                     (nameof(OccupationShare), OccupationShare),
                 }.Concat(OccupationHeShare.Select(kv => ($"OccupationHeShare[{kv.Key}]", kv.Value))))
            if (share is < 0 or > 1 || double.IsNaN(share))
                throw new ArgumentOutOfRangeException(name, share, "a share must be in [0, 1]");
        if (MinSentences < 5 || MaxSentences < MinSentences)
            throw new ArgumentOutOfRangeException(nameof(MinSentences), $"need 5 <= MinSentences <= MaxSentences, got {MinSentences}..{MaxSentences}");
        if (OccupationShare > 0 && OccupationHeShare.Count == 0)
            throw new ArgumentException("OccupationShare > 0 needs at least one occupation in OccupationHeShare");
        if (OccupationHeShare.Keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Any(c => !char.IsAsciiLetterLower(c) && c != ' ')))
            throw new ArgumentException("occupation names must be lowercase ASCII letters and spaces");
    }
}

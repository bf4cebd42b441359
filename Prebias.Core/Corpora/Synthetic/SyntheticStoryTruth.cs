namespace Prebias.Core.Corpora.Synthetic;

/// <summary>
/// What a synthetic story was generated with. <see cref="ToAttributes"/> gives the per-document attributes stored in
/// the corpus: ending, level, sentences, profane, profane_words, protagonist_gender, occupation, occupation_gender.
/// </summary>
public sealed record SyntheticStoryTruth(
    string Ending,               // "happy" | "sad"
    string Level,                // "simple" | "advanced"
    int Sentences,
    string ProtagonistGender,    // "he" | "she"
    bool Profane,
    IReadOnlyList<string> ProfaneWords,
    string? Occupation,          // null when the story has no occupation holder
    string? OccupationGender)    // "he" | "she" | null
{
    public IReadOnlyDictionary<string, string> ToAttributes()
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ending"] = Ending,
            ["level"] = Level,
            ["sentences"] = Sentences.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["protagonist_gender"] = ProtagonistGender,
            ["profane"] = Profane ? "true" : "false",
        };
        if (Profane) attributes["profane_words"] = string.Join(',', ProfaneWords);
        if (Occupation is not null)
        {
            attributes["occupation"] = Occupation;
            attributes["occupation_gender"] = OccupationGender!;
        }
        return attributes;
    }
}

namespace Prebias.Core.Metrics;

/// <summary>
/// Counts and partial results from one pass over a text (<see cref="TextAnalyzer"/>); every text metric is a
/// function of these (<see cref="TextMetricFormulas"/>).
/// </summary>
public struct TextFeatures
{
    public int Words { get; set; }
    public int Sentences { get; set; }
    public int Syllables { get; set; }
    /// <summary>Words of three or more syllables (Gunning's "complex words").</summary>
    public int ComplexWords { get; set; }
    /// <summary>Characters inside words (letters, digits, inner apostrophes).</summary>
    public int WordCharacters { get; set; }
    public int Utf8Bytes { get; set; }
    /// <summary>Model tokenizer token count supplied by the caller, if any.</summary>
    public int? TokenizerTokens { get; set; }
    /// <summary>Distinct lower-cased words.</summary>
    public int Types { get; set; }
    public double Mtld { get; set; }
    public double Bleu { get; set; }
    /// <summary>Sum of AFINN-165 valences after negation, and how many lexicon entries matched.</summary>
    public int AfinnSum { get; set; }
    public int AfinnMatches { get; set; }
    public double SubjectivitySum { get; set; }
    public int SubjectivityMatches { get; set; }
    public int ProfanityMatches { get; set; }
    public int MaleWords { get; set; }
    public int FemaleWords { get; set; }
    /// <summary>Sentences with an occupation and a male (resp. female) pronoun.</summary>
    public int OccupationMaleSentences { get; set; }
    public int OccupationFemaleSentences { get; set; }
    /// <summary>Sentences that mention any occupation.</summary>
    public int OccupationSentences { get; set; }
    /// <summary>Distinct 4-grams and bigrams of lower-cased words (their totals are W − 3 and W − 1).</summary>
    public int Distinct4Grams { get; set; }
    public int DistinctBigrams { get; set; }
    /// <summary>Words outside the reference vocabulary; null without a reference model.</summary>
    public int? OutOfVocabularyWords { get; set; }
    /// <summary>Natural-log probability of the words and the end of text under the reference 3-gram model; null without one.</summary>
    public double? NgramLogProbability { get; set; }
}

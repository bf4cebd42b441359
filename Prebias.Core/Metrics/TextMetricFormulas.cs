namespace Prebias.Core.Metrics;

/// <summary>
/// Each text metric as a function of <see cref="TextFeatures"/>, one method per metric, named after it and referenced
/// by its <see cref="MetricCatalog"/> entry. Undefined values are NaN (e.g. readability of an empty text,
/// gender_ratio without gendered words); aggregates skip NaN (<see cref="MetricAggregates"/>).
/// W = words, S = sentences, Syl = syllables. Formulas and sources are in METRICS.md.
/// </summary>
internal static class TextMetricFormulas
{
    public static double TokenCount(in TextFeatures f) => W(f);

    public static double SentenceCount(in TextFeatures f) => S(f);

    public static double MeanSentenceLength(in TextFeatures f) => Ratio(W(f), S(f));

    public static double MeanWordLength(in TextFeatures f) => Ratio(f.WordCharacters, W(f));

    public static double CompressionRatio(in TextFeatures f) => Ratio(f.Utf8Bytes, f.TokenizerTokens ?? f.Words);

    // Kincaid et al. (1975)
    public static double FleschKincaidGrade(in TextFeatures f) =>
        Readable(f) ? 0.39 * (W(f) / S(f)) + 11.8 * (f.Syllables / W(f)) - 15.59 : double.NaN;

    // Flesch (1948)
    public static double FleschReadingEase(in TextFeatures f) =>
        Readable(f) ? 206.835 - 1.015 * (W(f) / S(f)) - 84.6 * (f.Syllables / W(f)) : double.NaN;

    // Gunning (1952): complex words = 3+ syllables
    public static double GunningFog(in TextFeatures f) =>
        Readable(f) ? 0.4 * (W(f) / S(f) + 100 * (f.ComplexWords / W(f))) : double.NaN;

    public static double VocabularyDiversity(in TextFeatures f) => Ratio(f.Types, W(f));

    public static double Mtld(in TextFeatures f) => f.Mtld;

    public static double Bleu(in TextFeatures f) => f.Bleu;

    // AFINN valences are in [-5, 5]; the mean over matched entries / 5 is in [-1, 1]
    public static double Sentiment(in TextFeatures f) =>
        f.AfinnMatches == 0 ? 0 : Math.Clamp(f.AfinnSum / (5.0 * f.AfinnMatches), -1, 1);

    public static double Subjectivity(in TextFeatures f) =>
        f.SubjectivityMatches == 0 ? 0 : f.SubjectivitySum / f.SubjectivityMatches;

    public static double ProfanityRate(in TextFeatures f) => f.Words == 0 ? 0 : f.ProfanityMatches / W(f);

    public static double MaleWordRate(in TextFeatures f) => f.Words == 0 ? 0 : 100 * f.MaleWords / W(f);

    public static double FemaleWordRate(in TextFeatures f) => f.Words == 0 ? 0 : 100 * f.FemaleWords / W(f);

    public static double GenderRatio(in TextFeatures f) => Ratio(f.MaleWords, f.MaleWords + f.FemaleWords);

    public static double OccupationMaleCooccurrence(in TextFeatures f) => f.OccupationMaleSentences;

    public static double OccupationFemaleCooccurrence(in TextFeatures f) => f.OccupationFemaleSentences;

    public static double OccupationSentenceCount(in TextFeatures f) => f.OccupationSentences;

    // Welleck et al. (2019), seq-rep-4
    public static double RepetitionRate(in TextFeatures f) =>
        f.Words < 4 ? double.NaN : 1 - (double)f.Distinct4Grams / (f.Words - 3);

    public static double DistinctBigrams(in TextFeatures f) => Ratio(f.DistinctBigrams, f.Words - 1);

    public static double OovRate(in TextFeatures f) =>
        f.OutOfVocabularyWords is { } oov ? Ratio(oov, W(f)) : double.NaN;

    // W words plus the end of text are predicted
    public static double NgramPerplexity(in TextFeatures f) =>
        f.NgramLogProbability is { } lp && f.Words > 0 ? Math.Exp(-lp / (W(f) + 1)) : double.NaN;

    private static double W(in TextFeatures f) => f.Words;

    private static double S(in TextFeatures f) => f.Sentences;

    private static bool Readable(in TextFeatures f) => f.Words > 0 && f.Sentences > 0;

    private static double Ratio(double numerator, double denominator) =>
        denominator <= 0 ? double.NaN : numerator / denominator;
}

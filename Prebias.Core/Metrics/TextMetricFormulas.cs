namespace Prebias.Core.Metrics;

/// <summary>
/// Each text metric as a function of <see cref="TextFeatures"/>. Undefined values are NaN (e.g. readability of
/// an empty text, gender_ratio without gendered words); aggregates skip NaN (<see cref="MetricAggregates"/>).
/// W = words, S = sentences, Syl = syllables. Formulas and sources are in METRICS.md.
/// </summary>
internal static class TextMetricFormulas
{
    public static double Compute(TextMetricId id, in TextFeatures f)
    {
        double w = f.Words, s = f.Sentences;
        return id switch
        {
            TextMetricId.TokenCount => w,
            TextMetricId.SentenceCount => s,
            TextMetricId.MeanSentenceLength => Ratio(w, s),
            TextMetricId.MeanWordLength => Ratio(f.WordCharacters, w),
            TextMetricId.CompressionRatio => Ratio(f.Utf8Bytes, f.TokenizerTokens ?? f.Words),
            // Kincaid et al. (1975)
            TextMetricId.FleschKincaidGrade => Readable(f) ? 0.39 * (w / s) + 11.8 * (f.Syllables / w) - 15.59 : double.NaN,
            // Flesch (1948)
            TextMetricId.FleschReadingEase => Readable(f) ? 206.835 - 1.015 * (w / s) - 84.6 * (f.Syllables / w) : double.NaN,
            // Gunning (1952): complex words = 3+ syllables
            TextMetricId.GunningFog => Readable(f) ? 0.4 * (w / s + 100 * (f.ComplexWords / w)) : double.NaN,
            TextMetricId.VocabularyDiversity => Ratio(f.Types, w),
            TextMetricId.Mtld => f.Mtld,
            TextMetricId.Bleu => f.Bleu,
            // AFINN valences are in [-5, 5]; the mean over matched entries / 5 is in [-1, 1]
            TextMetricId.Sentiment => f.AfinnMatches == 0 ? 0 : Math.Clamp(f.AfinnSum / (5.0 * f.AfinnMatches), -1, 1),
            TextMetricId.Subjectivity => f.SubjectivityMatches == 0 ? 0 : f.SubjectivitySum / f.SubjectivityMatches,
            TextMetricId.ProfanityRate => f.Words == 0 ? 0 : f.ProfanityMatches / w,
            TextMetricId.MaleWordRate => f.Words == 0 ? 0 : 100 * f.MaleWords / w,
            TextMetricId.FemaleWordRate => f.Words == 0 ? 0 : 100 * f.FemaleWords / w,
            TextMetricId.GenderRatio => Ratio(f.MaleWords, f.MaleWords + f.FemaleWords),
            TextMetricId.OccupationMaleCooccurrence => f.OccupationMaleSentences,
            TextMetricId.OccupationFemaleCooccurrence => f.OccupationFemaleSentences,
            TextMetricId.OccupationSentenceCount => f.OccupationSentences,
            // Welleck et al. (2019), seq-rep-4
            TextMetricId.RepetitionRate => f.Words < 4 ? double.NaN : 1 - (double)f.Distinct4Grams / (f.Words - 3),
            TextMetricId.DistinctBigrams => Ratio(f.DistinctBigrams, f.Words - 1),
            TextMetricId.OovRate => f.OutOfVocabularyWords is { } oov ? Ratio(oov, w) : double.NaN,
            // W words plus the end of text are predicted
            TextMetricId.NgramPerplexity => f.NgramLogProbability is { } lp && f.Words > 0 ? Math.Exp(-lp / (w + 1)) : double.NaN,
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
        };
    }

    private static bool Readable(in TextFeatures f) => f.Words > 0 && f.Sentences > 0;

    private static double Ratio(double numerator, double denominator) => denominator <= 0 ? double.NaN : numerator / denominator;
}

namespace Prebias.Core.Metrics;

/// <summary>Internal switch key for <see cref="TextMetricFormulas"/>; names are the public snake_case ones.</summary>
internal enum TextMetricId
{
    TokenCount, SentenceCount, MeanSentenceLength, MeanWordLength, CompressionRatio,
    FleschKincaidGrade, FleschReadingEase, GunningFog,
    VocabularyDiversity, Mtld, Bleu,
    Sentiment, Subjectivity, ProfanityRate,
    MaleWordRate, FemaleWordRate, GenderRatio,
    OccupationMaleCooccurrence, OccupationFemaleCooccurrence, OccupationSentenceCount,
    RepetitionRate, DistinctBigrams, OovRate, NgramPerplexity,
}

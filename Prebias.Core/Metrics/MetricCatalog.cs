namespace Prebias.Core.Metrics;

/// <summary>The metric definitions in registry order (the column order of score vectors). See METRICS.md.</summary>
internal static class MetricCatalog
{
    private static readonly MetricRange Unit = MetricRange.UnitInterval, NonNeg = MetricRange.NonNegative;

    public static IEnumerable<MetricDefinition> Definitions()
    {
        yield return Text(TextMetricId.TokenCount, "token_count", "Number of words (letters/digits; contractions are one word).", NonNeg, "longer text");
        yield return Text(TextMetricId.SentenceCount, "sentence_count", "Number of sentences (dialogue-aware splitter).", NonNeg, "more sentences");
        yield return Text(TextMetricId.MeanSentenceLength, "mean_sentence_length", "Words per sentence.", NonNeg, "longer sentences");
        yield return Text(TextMetricId.MeanWordLength, "mean_word_length", "Characters per word.", NonNeg, "longer words");
        yield return Text(TextMetricId.CompressionRatio, "compression_ratio", "UTF-8 bytes per tokenizer token (bytes per word when no token count is given).", NonNeg, "more bytes per token: rarer, harder text for the tokenizer");
        yield return Text(TextMetricId.FleschKincaidGrade, "flesch_kincaid_grade", "Flesch-Kincaid grade level: 0.39 W/S + 11.8 Syl/W - 15.59.", MetricRange.Unbounded, "harder to read (US school grade)");
        yield return Text(TextMetricId.FleschReadingEase, "flesch_reading_ease", "Flesch reading ease: 206.835 - 1.015 W/S - 84.6 Syl/W.", MetricRange.Unbounded, "easier to read");
        yield return Text(TextMetricId.GunningFog, "gunning_fog", "Gunning fog index: 0.4 (W/S + 100 complex/W), complex = 3+ syllables.", NonNeg, "harder to read");
        yield return Text(TextMetricId.VocabularyDiversity, "vocabulary_diversity", "Type/token ratio: distinct lower-cased words / words.", Unit, "more varied vocabulary (length-dependent)");
        yield return Text(TextMetricId.Mtld, "mtld", "MTLD lexical diversity (McCarthy & Jarvis 2010), bidirectional, threshold 0.72.", NonNeg, "more varied vocabulary (length-independent)");
        yield return Text(TextMetricId.Bleu, "bleu", "Sentence BLEU-4 against the reference text (smoothing method 1).", Unit, "closer to the reference text");
        yield return Text(TextMetricId.Sentiment, "sentiment", "Mean AFINN-165 valence of matched words / 5, with simple negation.", new MetricRange(-1, 1), "more positive");
        yield return Text(TextMetricId.Subjectivity, "subjectivity", "Mean subjectivity of words in pattern's en-sentiment lexicon.", Unit, "more subjective");
        yield return Text(TextMetricId.ProfanityRate, "profanity_rate", "LDNOOBW entries (words or phrases) matched per word.", Unit, "more profanity");
        yield return Text(TextMetricId.MaleWordRate, "male_word_rate", "Male gendered words per 100 words.", new MetricRange(0, 100), "more male references");
        yield return Text(TextMetricId.FemaleWordRate, "female_word_rate", "Female gendered words per 100 words.", new MetricRange(0, 100), "more female references");
        yield return Text(TextMetricId.GenderRatio, "gender_ratio", "male / (male + female) gendered words; NaN when there are none.", Unit, "more male than female references");
        yield return Text(TextMetricId.OccupationMaleCooccurrence, "occupation_male_cooccurrence", "Sentences with an occupation and a male pronoun (he/him/his/himself).", NonNeg, "more occupation-male pairings");
        yield return Text(TextMetricId.OccupationFemaleCooccurrence, "occupation_female_cooccurrence", "Sentences with an occupation and a female pronoun (she/her/hers/herself).", NonNeg, "more occupation-female pairings");
        yield return Text(TextMetricId.OccupationSentenceCount, "occupation_sentence_count", "Sentences that mention an occupation (WinoBias list + 7).", NonNeg, "more occupations mentioned");
        yield return Text(TextMetricId.RepetitionRate, "repetition_rate", "seq-rep-4 (Welleck et al. 2019): 1 - distinct 4-grams / 4-grams of lower-cased words; NaN under 4 words.", Unit, "more repeated 4-grams: degenerate, looping text");
        yield return Text(TextMetricId.DistinctBigrams, "distinct_2", "distinct-2 (Li et al. 2016): distinct bigrams / bigrams of lower-cased words; NaN under 2 words.", Unit, "more varied word pairs");
        yield return Reference(TextMetricId.OovRate, "oov_rate", "Share of words not in the vocabulary of the dataset's train split (0 for train samples by construction).", Unit, "more words the training data never had");
        yield return Reference(TextMetricId.NgramPerplexity, "ngram_perplexity", "Perplexity per word (and end of text) under an interpolated modified Kneser-Ney 3-gram model of the dataset's train split (Chen & Goodman 1998).", new MetricRange(1, null), "less like the training text");
        yield return new MetricDefinition("perplexity", "Perplexity under a reference language model (computed by evaluation, not the text scorer).", new MetricRange(1, null), "less expected by the model", MetricKind.Model);
    }

    /// <summary>A text metric that needs the dataset's reference 3-gram model (NaN when the scorer has none).</summary>
    private static MetricDefinition Reference(TextMetricId id, string name, string description, MetricRange range, string higherMeans) =>
        Text(id, name, description, range, higherMeans) with { NeedsReference = true };

    private static MetricDefinition Text(TextMetricId id, string name, string description, MetricRange range, string higherMeans) =>
        new(name, description, range, higherMeans, MetricKind.Text) { TextId = id };
}

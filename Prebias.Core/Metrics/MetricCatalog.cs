namespace Prebias.Core.Metrics;

/// <summary>The metric definitions in registry order (the column order of score vectors). See METRICS.md.</summary>
internal static class MetricCatalog
{
    private static readonly MetricRange Unit = MetricRange.UnitInterval, NonNeg = MetricRange.NonNegative;

    public static IEnumerable<MetricDefinition> Definitions()
    {
        yield return Text("token_count", TextMetricFormulas.TokenCount, "Number of words (letters/digits; contractions are one word).", NonNeg, "longer text");
        yield return Text("sentence_count", TextMetricFormulas.SentenceCount, "Number of sentences (dialogue-aware splitter).", NonNeg, "more sentences");
        yield return Text("mean_sentence_length", TextMetricFormulas.MeanSentenceLength, "Words per sentence.", NonNeg, "longer sentences");
        yield return Text("mean_word_length", TextMetricFormulas.MeanWordLength, "Characters per word.", NonNeg, "longer words");
        yield return Text("compression_ratio", TextMetricFormulas.CompressionRatio, "UTF-8 bytes per tokenizer token (bytes per word when no token count is given).", NonNeg, "more bytes per token: rarer, harder text for the tokenizer");
        yield return Text("flesch_kincaid_grade", TextMetricFormulas.FleschKincaidGrade, "Flesch-Kincaid grade level: 0.39 W/S + 11.8 Syl/W - 15.59.", MetricRange.Unbounded, "harder to read (US school grade)");
        yield return Text("flesch_reading_ease", TextMetricFormulas.FleschReadingEase, "Flesch reading ease: 206.835 - 1.015 W/S - 84.6 Syl/W.", MetricRange.Unbounded, "easier to read");
        yield return Text("gunning_fog", TextMetricFormulas.GunningFog, "Gunning fog index: 0.4 (W/S + 100 complex/W), complex = 3+ syllables.", NonNeg, "harder to read");
        yield return Text("vocabulary_diversity", TextMetricFormulas.VocabularyDiversity, "Type/token ratio: distinct lower-cased words / words.", Unit, "more varied vocabulary (length-dependent)");
        yield return Text("mtld", TextMetricFormulas.Mtld, "MTLD lexical diversity (McCarthy & Jarvis 2010), bidirectional, threshold 0.72.", NonNeg, "more varied vocabulary (length-independent)");
        yield return Text("bleu", TextMetricFormulas.Bleu, "Sentence BLEU-4 against the reference text (smoothing method 1).", Unit, "closer to the reference text");
        yield return Text("sentiment", TextMetricFormulas.Sentiment, "Mean AFINN-165 valence of matched words / 5, with simple negation.", new MetricRange(-1, 1), "more positive");
        yield return Text("subjectivity", TextMetricFormulas.Subjectivity, "Mean subjectivity of words in pattern's en-sentiment lexicon.", Unit, "more subjective");
        yield return Text("profanity_rate", TextMetricFormulas.ProfanityRate, "LDNOOBW entries (words or phrases) matched per word.", Unit, "more profanity");
        yield return Text("male_word_rate", TextMetricFormulas.MaleWordRate, "Male gendered words per 100 words.", new MetricRange(0, 100), "more male references");
        yield return Text("female_word_rate", TextMetricFormulas.FemaleWordRate, "Female gendered words per 100 words.", new MetricRange(0, 100), "more female references");
        yield return Text("gender_ratio", TextMetricFormulas.GenderRatio, "male / (male + female) gendered words; NaN when there are none.", Unit, "more male than female references");
        yield return Text("occupation_male_cooccurrence", TextMetricFormulas.OccupationMaleCooccurrence, "Sentences with an occupation and a male pronoun (he/him/his/himself).", NonNeg, "more occupation-male pairings");
        yield return Text("occupation_female_cooccurrence", TextMetricFormulas.OccupationFemaleCooccurrence, "Sentences with an occupation and a female pronoun (she/her/hers/herself).", NonNeg, "more occupation-female pairings");
        yield return Text("occupation_sentence_count", TextMetricFormulas.OccupationSentenceCount, "Sentences that mention an occupation (WinoBias list + 7).", NonNeg, "more occupations mentioned");
        yield return Text("repetition_rate", TextMetricFormulas.RepetitionRate, "seq-rep-4 (Welleck et al. 2019): 1 - distinct 4-grams / 4-grams of lower-cased words; NaN under 4 words.", Unit, "more repeated 4-grams: degenerate, looping text");
        yield return Text("distinct_2", TextMetricFormulas.DistinctBigrams, "distinct-2 (Li et al. 2016): distinct bigrams / bigrams of lower-cased words; NaN under 2 words.", Unit, "more varied word pairs");
        yield return Reference("oov_rate", TextMetricFormulas.OovRate, "Share of words not in the vocabulary of the dataset's train split (0 for train samples by construction).", Unit, "more words the training data never had");
        yield return Reference("ngram_perplexity", TextMetricFormulas.NgramPerplexity, "Perplexity per word (and end of text) under an interpolated modified Kneser-Ney 3-gram model of the dataset's train split (Chen & Goodman 1998).", new MetricRange(1, null), "less like the training text");
        yield return new MetricDefinition("perplexity", "Perplexity under a reference language model (computed by evaluation, not the text scorer).", new MetricRange(1, null), "less expected by the model", MetricKind.Model);
    }

    /// <summary>A text metric that needs the dataset's reference 3-gram model (NaN when the scorer has none).</summary>
    private static MetricDefinition Reference(string name, TextFormula formula, string description, MetricRange range, string higherMeans) =>
        Text(name, formula, description, range, higherMeans) with { NeedsReference = true };

    private static MetricDefinition Text(string name, TextFormula formula, string description, MetricRange range, string higherMeans) =>
        new(name, description, range, higherMeans, MetricKind.Text) { Formula = formula };
}

using static Prebias.Tests.Metrics.MetricTestText;

namespace Prebias.Tests.Metrics;

/// <summary>
/// rep-4 and distinct-2 on hand examples; the same values come out of a plain Python count over lower-cased
/// word n-grams (<c>len(set(g)) / len(g)</c> with <c>g = list(zip(*[w[i:] for i in range(n)]))</c>).
/// </summary>
public class RepetitionMetricsTests
{
    // 10 words; 4-grams: the-cat-sat-on, cat-sat-on-the, sat-on-the-cat, on-the-cat-sat, the-cat-sat-on (again),
    // cat-sat-on-the (again), sat-on-the-mat → 5 distinct of 7. Bigrams: the-cat, cat-sat, sat-on, on-the twice each,
    // the-mat once → 5 distinct of 9.
    [Fact]
    public void RepetitionAndDistinct_MatchHandCounts_WhenAPhraseRepeats()
    {
        const string text = "The cat sat on the cat sat on the mat.";
        Assert.Equal(1 - 5.0 / 7, Metric(text, "repetition_rate"), 12);
        Assert.Equal(5.0 / 9, Metric(text, "distinct_2"), 12);
    }

    [Fact]
    public void Repetition_IsHigh_WhenTheTextLoops()
    {
        // Six times one word: three 4-grams, one distinct; five bigrams, one distinct.
        const string text = "less less less less less less";
        Assert.Equal(2.0 / 3, Metric(text, "repetition_rate"), 12);
        Assert.Equal(1.0 / 5, Metric(text, "distinct_2"), 12);
    }

    [Fact]
    public void NgramsAreLowerCasedAndCrossSentences()
    {
        // the-dog, dog-the, the-dog: "The dog. the DOG" has two distinct bigrams of three.
        Assert.Equal(2.0 / 3, Metric("The dog. the DOG", "distinct_2"), 12);
        Assert.Equal(0.0, Metric("Once upon a time there was a fox.", "repetition_rate"));
        Assert.Equal(1.0, Metric("Once upon a time there was a fox.", "distinct_2"));
    }

    [Fact]
    public void RepetitionAndDistinct_AreNaN_WhenTooFewWords()
    {
        Assert.True(double.IsNaN(Metric("Go home now.", "repetition_rate")));
        Assert.True(double.IsNaN(Metric("Hello!", "distinct_2")));
        Assert.True(double.IsNaN(Metric("", "distinct_2")));
    }

    [Fact]
    public void ReferenceMetrics_AreNaN_WhenTheScorerHasNoReferenceModel()
    {
        Assert.True(double.IsNaN(Metric("The cat sat.", "oov_rate")));
        Assert.True(double.IsNaN(Metric("The cat sat.", "ngram_perplexity")));
    }
}

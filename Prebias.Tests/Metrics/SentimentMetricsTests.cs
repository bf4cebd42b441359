using static Prebias.Tests.Metrics.MetricTestText;

namespace Prebias.Tests.Metrics;

public class SentimentMetricsTests
{
    [Fact]
    public void Sentiment_IsMeanAfinnOverFive_WhenPositiveWords()
    {
        // AFINN-165: good +3, love +3 → (3 + 3) / (5 × 2) = 0.6
        Assert.Equal(0.6, Metric("The cake is good. I love it.", "sentiment"), 10);
    }

    [Fact]
    public void Sentiment_FlipsSign_WhenNegatedWithinThreeWords()
    {
        // "not" precedes "happy" (+3) → −3 / 5 = −0.6; "didn't ... like" (+2) → −2 / 5
        Assert.Equal(-0.6, Metric("I am not happy.", "sentiment"), 10);
        Assert.Equal(-0.4, Metric("She didn't like it.", "sentiment"), 10);
    }

    [Fact]
    public void Sentiment_RanksHappyAboveZeroAboveSad_WhenStories()
    {
        var happy = Metric("Lily was happy. She played with her friends and they had fun. It was a beautiful day.", "sentiment");
        var sad = Metric("Tom lost his dog. He cried and cried. He was sad and alone.", "sentiment");
        Assert.True(happy > 0, $"happy {happy}");
        Assert.True(sad < 0, $"sad {sad}");
        Assert.Equal(0, Metric("The cat sat on the mat.", "sentiment")); // no AFINN word
    }

    [Fact]
    public void Subjectivity_IsMeanPatternSubjectivity_WhenLexiconWords()
    {
        // pattern en-sentiment: little 0.5, happy 1.0 → (0.5 + 1.0) / 2 = 0.75
        Assert.Equal(0.75, Metric("The little dog was happy.", "subjectivity"), 6);
        Assert.Equal(0, Metric("The dog ran to the tree.", "subjectivity"));
    }

    [Fact]
    public void ProfanityRate_CountsPhraseOnce_WhenMultiWordEntry()
    {
        // LDNOOBW has the phrase "alabama hot pocket" (none of its words alone); 7 words, 1 match → 1/7
        Assert.Equal(1.0 / 7, Metric("We ate an alabama hot pocket today.", "profanity_rate"), 10);
        Assert.Equal(0, Metric("We ate a hot pocket in Alabama today.", "profanity_rate"));
    }
}

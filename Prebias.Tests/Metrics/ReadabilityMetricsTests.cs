using static Prebias.Tests.Metrics.MetricTestText;

namespace Prebias.Tests.Metrics;

public class ReadabilityMetricsTests
{
    // Sentences: "The cat sat on the mat." (6 words) and "A happy dog ran to the beautiful tree." (8 words).
    // W = 14, S = 2. Syllables: 6 × 1 + (a 1, happy 2, dog 1, ran 1, to 1, the 1, beautiful 3, tree 1 = 11) = 17.
    // Complex (3+ syllables): beautiful → 1. Characters in words: 3+3+3+2+3+3 = 17 and 1+5+3+3+2+3+9+4 = 30 → 47.
    // Types (lower-cased): the ×3 counts once → 12 distinct of 14 tokens. UTF-8 bytes = 23 + 1 + 38 = 62.
    private const string Text = "The cat sat on the mat. A happy dog ran to the beautiful tree.";

    [Fact]
    public void Counts_MatchHandCount_WhenTwoSimpleSentences()
    {
        Assert.Equal(62, Text.Length);
        Assert.Equal(14, Metric(Text, "token_count"));
        Assert.Equal(2, Metric(Text, "sentence_count"));
        Assert.Equal(7, Metric(Text, "mean_sentence_length"), 10);   // 14 / 2
        Assert.Equal(47.0 / 14, Metric(Text, "mean_word_length"), 10); // 3.3571
    }

    [Fact]
    public void FleschKincaidGrade_MatchesFormula_WhenHandCounted()
    {
        // 0.39 × 14/2 + 11.8 × 17/14 − 15.59 = 2.73 + 14.328571 − 15.59 = 1.468571
        Assert.Equal(1.468571428571, Metric(Text, "flesch_kincaid_grade"), 9);
    }

    [Fact]
    public void FleschReadingEase_MatchesFormula_WhenHandCounted()
    {
        // 206.835 − 1.015 × 7 − 84.6 × 17/14 = 206.835 − 7.105 − 102.728571 = 97.001429
        Assert.Equal(97.001428571429, Metric(Text, "flesch_reading_ease"), 9);
    }

    [Fact]
    public void GunningFog_MatchesFormula_WhenOneComplexWord()
    {
        // 0.4 × (14/2 + 100 × 1/14) = 0.4 × (7 + 7.142857) = 5.657143
        Assert.Equal(5.657142857143, Metric(Text, "gunning_fog"), 9);
    }

    [Fact]
    public void VocabularyDiversity_IsTypesOverTokens_WhenRepeatedWord()
    {
        Assert.Equal(12.0 / 14, Metric(Text, "vocabulary_diversity"), 10); // 0.857143
    }

    [Fact]
    public void CompressionRatio_UsesTokenCount_WhenGivenElseWords()
    {
        Assert.Equal(62.0 / 14, Metric(Text, "compression_ratio"), 10);   // bytes per word
        Assert.Equal(62.0 / 20, Metric(Text, "compression_ratio", tokenizerTokens: 20), 10);
        // UTF-8: h e(2) l l o = 6 bytes, space 1, ü 2 → 9 bytes over 2 words
        Assert.Equal(9.0 / 2, Metric("héllo ü", "compression_ratio"), 10);
    }

    [Fact]
    public void Readability_IsNaN_WhenTextEmpty()
    {
        Assert.True(double.IsNaN(Metric("", "flesch_kincaid_grade")));
        Assert.True(double.IsNaN(Metric("  ...  ", "mean_sentence_length")));
        Assert.Equal(0, Metric("", "token_count"));
    }
}

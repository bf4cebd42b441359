using Prebias.Core.Metrics;
using Prebias.Core.Text;
using static Prebias.Tests.Metrics.MetricTestText;

namespace Prebias.Tests.Metrics;

public class LexicalMetricsTests
{
    private static ulong[] Hashes(string text) => [.. WordTokenizer.Words(text).Select(w => WordHash.Of(w))];

    // "a b a c d", threshold 0.72.
    // Forward: a (1/1), b (2/2), a (2/3 = .667 ≤ .72) → factor 1, reset; c (1/1), d (2/2) → partial (1 − 1)/.28 = 0.
    //   factors = 1 → 5 / 1 = 5.
    // Backward: d, c, a, b (4/4), a (4/5 = .8 > .72) → partial (1 − .8)/.28 = 0.714286 → 5 / 0.714286 = 7.
    // MTLD = (5 + 7) / 2 = 6.
    [Fact]
    public void Mtld_MatchesHandWorkedExample_WhenDirectionsDiffer()
    {
        var types = new HashSet<ulong>();
        Assert.Equal(1.0, Mtld.Factors(Hashes("a b a c d"), reverse: false, types), 10);
        Assert.Equal(0.2 / 0.28, Mtld.Factors(Hashes("a b a c d"), reverse: true, types), 10);
        Assert.Equal(6.0, Metric("a b a c d", "mtld"), 10);
    }

    [Fact]
    public void Mtld_IsNaN_WhenEveryWordDistinct()
    {
        Assert.True(double.IsNaN(Metric("one two three", "mtld")));
    }

    [Fact]
    public void Bleu_IsOne_WhenTextEqualsReference()
    {
        Assert.Equal(1.0, Metric(new TextMetricsOptions().BleuReference, "bleu"), 10);
    }

    [Fact]
    public void Bleu_IsZero_WhenNoWordShared()
    {
        Assert.Equal(0.0, Metric("Dogs bark loudly.", "bleu"));
    }

    [Fact]
    public void Bleu_MatchesHandWorkedValue_WhenShortPartialMatch()
    {
        // Reference "the cat sat on the mat" (r = 6); candidate "the cat" (c = 2).
        // p1 = 2/2, p2 = 1/1, p3 and p4 have no n-grams → smoothed 0.1 / 1.
        // geometric mean = exp((0 + 0 + ln 0.1 + ln 0.1) / 4) = 0.1^0.5 = 0.316228; BP = exp(1 − 6/2) = 0.135335.
        // BLEU = 0.316228 × 0.135335 = 0.042797
        var bleu = new SentenceBleu("the cat sat on the mat");
        Assert.Equal(Math.Sqrt(0.1) * Math.Exp(-2), bleu.Score(Hashes("The cat!"), []), 12);
        Assert.Equal(0.0427967, bleu.Score(Hashes("the cat"), []), 6);
    }
}

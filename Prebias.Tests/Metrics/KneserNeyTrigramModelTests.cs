using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Metrics;
using Prebias.Core.Metrics.Ngrams;
using Prebias.Core.Text;

namespace Prebias.Tests.Metrics;

public class KneserNeyTrigramModelTests
{
    // Chosen so that every order has n1..n4 > 0 and Chen & Goodman's three discounts are all defined.
    private static readonly string[] Corpus = ["c c a", "c", "a a a c a", "a a c", "a a c c", "b c c", "a a a"];

    private static KneserNeyTrigramModel Train(IEnumerable<string> texts)
    {
        var builder = new KneserNeyTrigramBuilder();
        foreach (var text in texts) builder.AddText(text);
        return builder.Build();
    }

    private static ulong[] Hashes(string text) => [.. WordTokenizer.Words(text).Select(w => WordHash.Of(w))];

    private static double Perplexity(KneserNeyTrigramModel model, string text)
    {
        var hashes = Hashes(text);
        return Math.Exp(-model.LogProbability(hashes, out _) / (hashes.Length + 1));
    }

    [Fact]
    public void Discounts_MatchChenGoodmanEstimates_WhenCountedByHand()
    {
        var d = Train(Corpus).Discounts;
        // Unigram continuation counts: c 4 (after c, a, b, <s>), a 3 (c, a, <s>), </s> 2 (a, c), b 1 (<s>):
        // n1..n4 = 1, 1, 1, 1 → Y = 1/3, D = 1 − 2/3, 2 − 1, 3 − 4/3.
        AssertDiscounts(d[0], 1.0 / 3, 1, 5.0 / 3);
        // Bigrams (continuation counts; raw for <s> x): cc 3, ca 2, a</s> 2, c</s> 3, aa 2, ac 1, bc 1, <s>c 2, <s>a 4,
        // <s>b 1: n1..n4 = 3, 4, 2, 1 → Y = 3/11, D1 = 1 − 8/11, D2 = 2 − 9/22, D3+ = 3 − 6/11.
        AssertDiscounts(d[1], 3.0 / 11, 35.0 / 22, 27.0 / 11);
        // Trigrams (raw): nine seen once, three twice (ca</s>, aaa, cc</s>), aac 3 times, <s>aa 4 times:
        // Y = 9/15, D1 = 1 − 0.4, D2 = 2 − 0.6, D3+ = 3 − 2.4.
        AssertDiscounts(d[2], 0.6, 1.4, 0.6);
    }

    [Fact]
    public void Perplexity_MatchesHandComputedExample_WhenAllOrdersInterpolate()
    {
        var model = Train(Corpus);
        // Unigrams: total continuation count 10, back-off mass γ1 = (1/3 + 1 + 5/3 + 5/3) = 14/3, uniform 1/|V| = 1/5
        // (a, b, c, </s>, <unk>).
        double P1(double count, double discount) => (count - discount + 14.0 / 3 / 5) / 10;
        var p1A = P1(3, 5.0 / 3);
        var p1C = P1(4, 5.0 / 3);
        var p1End = P1(2, 1);
        // p(a | <s>): history <s> has a 4, c 2, b 1 (total 7; one each of N1, N2, N3+) → γ = 3/11 + 35/22 + 27/11 = 95/22.
        var pA = (4 - 27.0 / 11 + 95.0 / 22 * p1A) / 7;
        // p(c | <s> a): history <s> a was followed only by a (4 times) → γ = D3+ = 0.6; c(<s> a c) = 0, so all back-off,
        // to p2(c | a): history a has a</s> 2, aa 2, ac 1 (total 5) → γ = 3/11 + 2 · 35/22 = 38/11.
        var p2CGivenA = (1 - 3.0 / 11 + 38.0 / 11 * p1C) / 5;
        var pC = 0.6 * p2CGivenA / 4;
        // p(</s> | a c): history a c has aca, ac</s>, acc once each (total 3) → γ = 3 · 0.6;
        // p2(</s> | c): history c has cc 3, ca 2, c</s> 3 (total 8) → γ = 35/22 + 2 · 27/11 = 143/22.
        var p2EndGivenC = (3 - 27.0 / 11 + 143.0 / 22 * p1End) / 8;
        var pEnd = (1 - 0.6 + 1.8 * p2EndGivenC) / 3;
        var expected = Math.Exp(-(Math.Log(pA) + Math.Log(pC) + Math.Log(pEnd)) / 3);

        Assert.Equal(5.703360390355488, expected, 12); // the same example in an independent Python implementation
        Assert.Equal(expected, Perplexity(model, "a c"), 12);
    }

    [Fact]
    public void UnknownWord_GetsTheUniformShareOfTheUnigramBackOffMass_WhenNoHistoryIsKnown()
    {
        var model = Train(Corpus);
        Assert.Equal(KneserNeyTrigramModel.Unknown, model.IdOf(WordHash.Of("dragon")));
        // Neither history is known, so p = p1(<unk>) = (0 + γ1/|V|) / 10 with γ1 = 14/3.
        Assert.Equal(14.0 / 3 / 5 / 10, model.Probability(KneserNeyTrigramModel.Unknown, KneserNeyTrigramModel.Unknown, KneserNeyTrigramModel.Unknown), 12);
        model.LogProbability(Hashes("a dragon and a c"), out var oov);
        Assert.Equal(2, oov);
    }

    [Fact]
    public void EveryConditionalDistribution_SumsToOne_OverTheVocabulary()
    {
        var model = Train(Corpus);
        int[] words = [.. new[] { "a", "b", "c" }.Select(w => model.IdOf(WordHash.Of(w)))];
        int[] predicted = [KneserNeyTrigramModel.Unknown, KneserNeyTrigramModel.EndOfText, .. words];
        int[] histories = [KneserNeyTrigramModel.Unknown, KneserNeyTrigramModel.StartOfText, .. words];
        foreach (var v in histories)
        {
            Assert.Equal(1.0, predicted.Sum(w => model.Probability(-1, v, w)), 12);
            foreach (var u in histories) Assert.Equal(1.0, predicted.Sum(w => model.Probability(u, v, w)), 12);
        }
    }

    [Fact]
    public void WriteThenRead_GivesTheSameModel()
    {
        var model = Train(Corpus);
        using var stream = new MemoryStream();
        model.Write(stream);
        var bytes = stream.ToArray();
        stream.Position = 0;
        var copy = KneserNeyTrigramModel.Read(stream);
        Assert.Equal(model.Discounts, copy.Discounts);
        Assert.Equal(Perplexity(model, "b c a dragon a"), Perplexity(copy, "b c a dragon a"));
        using var again = new MemoryStream();
        copy.Write(again);
        Assert.Equal(bytes, again.ToArray());
    }

    [Fact]
    public void Stories_ScoreFarLowerThanTheirWordsShuffled_WhenHeldOut()
    {
        var generator = new SyntheticStoryGenerator(new SyntheticCorpusOptions { Seed = 11, Documents = 700 });
        var stories = generator.GenerateAll().Select(s => s.Text).ToList();
        var model = Train(stories.Take(600));
        var heldOut = stories.Skip(600).ToList();
        var random = new Random(3);
        var shuffled = heldOut.Select(s => string.Join(' ', WordTokenizer.Words(s).OrderBy(_ => random.Next()))).ToList();

        // Same words, so the same out-of-vocabulary share: only the order differs.
        var real = heldOut.Average(s => Perplexity(model, s));
        var scrambled = shuffled.Average(s => Perplexity(model, s));
        Assert.True(real > 1 && scrambled > 20 * real, $"stories {real:F1}, shuffled {scrambled:F1}");
    }

    [Fact]
    public void Scorer_ReportsOovShareAndPerplexity_WhenGivenTheReference()
    {
        var model = Train(Corpus);
        var scorer = new TextMetricsScorer(metrics: ["oov_rate", "ngram_perplexity"], reference: model);
        var row = scorer.Score("A c, dragon!");
        Assert.Equal(1.0 / 3, row[0], 12);
        Assert.Equal(Perplexity(model, "a c dragon"), row[1], 12);
        Assert.True(double.IsNaN(scorer.Score("")[1]));
    }

    private static void AssertDiscounts(KneserNeyDiscounts d, double one, double two, double threePlus)
    {
        Assert.Equal(one, d.One, 12);
        Assert.Equal(two, d.Two, 12);
        Assert.Equal(threePlus, d.ThreePlus, 12);
    }
}

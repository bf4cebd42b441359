using Prebias.Core.Metrics;

namespace Prebias.Tests.Metrics;

public class TextMetricsScorerTests
{
    private static readonly string[] Texts =
    [
        "The cat sat on the mat. A happy dog ran to the beautiful tree.",
        "\"Why are you sad?\" asked Tom. Lily cried.",
        "",
        "He and his dad met a girl. She waved.",
    ];

    [Fact]
    public void Score_WritesSelectedColumnsInRegistryOrder_WhenSubsetRequested()
    {
        var scorer = new TextMetricsScorer(metrics: ["sentence_count", "token_count"]);
        Assert.Equal(["token_count", "sentence_count"], scorer.Columns.Select(c => c.Name));
        Assert.Equal([14.0, 2.0], scorer.Score(Texts[0])); // 14 words, 2 sentences (see ReadabilityMetricsTests)
    }

    [Fact]
    public void ScoreBatch_EqualsSingleScores_WhenParallel()
    {
        var scorer = new TextMetricsScorer(new TextMetricsOptions { BatchChunkSize = 1 });
        var texts = Enumerable.Range(0, 50).Select(i => Texts[i % Texts.Length]).ToList();
        var progress = new List<int>();
        var matrix = scorer.ScoreBatch(texts, onProgress: done => { lock (progress) progress.Add(done); });
        Assert.Equal(texts.Count * scorer.ColumnCount, matrix.Length);
        for (var i = 0; i < texts.Count; i++)
            Assert.Equal(scorer.Score(texts[i]), matrix.AsSpan(i * scorer.ColumnCount, scorer.ColumnCount).ToArray());
        Assert.Equal(50, progress.Max());
        Assert.Equal(50, progress.Count);
    }

    [Fact]
    public void ScoreBatch_Throws_WhenCancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new TextMetricsScorer().ScoreBatch(Texts, cancellationToken: cancel.Token));
    }

    [Fact]
    public void ScoreBatch_Throws_WhenTokenCountsMisaligned()
    {
        Assert.Throws<ArgumentException>(() => new TextMetricsScorer().ScoreBatch(Texts, tokenizerTokens: [1, 2]));
    }
}

using Prebias.Core.Plots;

namespace Prebias.Bench;

/// <summary>
/// Synthetic inputs for <see cref="PlotsBenchmark"/> at the size of a small TinyStories run: 21 checkpoints,
/// 6 metrics, a 6-layer 6-head model on a 32-token probe, a 4096-token vocabulary, 40 occupations, and a
/// durability comparison of 3 orderings × 3 seeds over 4 metrics. Shapes, not values, drive rendering time.
/// </summary>
internal static class PlotsBenchmarkData
{
    private static readonly double[] Steps = Enumerable.Range(0, 21).Select(i => i * 250.0).ToArray();
    private static readonly string[] Metrics = ["sentiment", "subjectivity", "flesch_reading_ease", "type_token_ratio", "female_share", "profanity_rate"];

    private static double[] Curve(double offset, double scale, double wiggle) =>
        Steps.Select(x => offset + scale * (1 - Math.Exp(-x / 1500)) + 0.02 * Math.Sin(x / 300 + wiggle)).ToArray();

    public static SaturationPlotData Saturation() => new(Steps,
        Metrics.Select((m, i) => new NamedSeries(m, Curve(i, 0.5, i))).ToArray(),
        Metrics.Select((m, i) => new NamedSeries(m, Curve(i, 0.8, -i))).ToArray());

    public static LossPlotData Loss()
    {
        var train = Enumerable.Range(0, 500).Select(i => new StepValue(i * 10, 10.4 * Math.Exp(-i / 80.0) + 1.6)).ToArray();
        var val = Steps.Select(s => new StepValue(s, 10.4 * Math.Exp(-s / 800) + 1.7)).ToArray();
        var lr = train.Select(p => new StepValue(p.Step, 5e-4 * Math.Min(1, p.Step / 500) * (0.5 + 0.5 * Math.Cos(Math.PI * p.Step / 5000)))).ToArray();
        return new LossPlotData(train, val, lr);
    }

    public static AttentionWeights Attention()
    {
        const int layers = 6, heads = 6, tokens = 32;
        var values = new float[layers * heads * tokens * tokens];
        for (var map = 0; map < layers * heads; map++)
        for (var q = 0; q < tokens; q++)
        for (var k = 0; k <= q; k++)
            values[(map * tokens + q) * tokens + k] = 1f / (q + 1);
        return new AttentionWeights(values, layers, heads, tokens, Enumerable.Range(0, tokens).Select(i => $"▁w{i}").ToArray());
    }

    public static double[,] LayerSimilarity()
    {
        var similarity = new double[6, 6];
        for (var i = 0; i < 6; i++)
        for (var j = 0; j < 6; j++)
            similarity[i, j] = Math.Exp(-Math.Abs(i - j) / 2.5);
        return similarity;
    }

    public static EmbeddingPlotData Embedding()
    {
        var random = new Random(7);
        const int vocabulary = 4096;
        var pc1 = Enumerable.Range(0, vocabulary).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var pc2 = Enumerable.Range(0, vocabulary).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var tokens = Enumerable.Range(0, vocabulary).Select(i => $"▁tok{i}").ToArray();
        var frequencies = Enumerable.Range(0, vocabulary).Select(i => 1_000_000L / (i + 1)).ToArray();
        return new EmbeddingPlotData(pc1, pc2, 0.12, 0.08, tokens, frequencies);
    }

    public static BiasPlotData Bias() =>
        new(Steps, Enumerable.Range(0, 40).Select(i => new NamedSeries($"occupation {i}", Curve(0, (i - 20) * 0.02, i))).ToArray());

    public static ComparisonPlotData Comparison() => new(
        Metrics.Take(4).Select((metric, m) => new ComparisonPanel(metric, Steps,
            new[] { "shuffle", "ascending", "descending" }.Select((ordering, o) => new OrderingSeeds(ordering,
                Enumerable.Range(0, 3).Select(seed => (IReadOnlyList<double>)Curve(m, 0.2 + 0.1 * o, seed)).ToArray())).ToArray())).ToArray(),
        "shuffle");
}

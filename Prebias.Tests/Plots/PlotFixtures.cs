using Prebias.Core.Plots;

namespace Prebias.Tests.Plots;

/// <summary>Small hand-made inputs for every plot.</summary>
internal static class PlotFixtures
{
    public static readonly double[] Steps = [0, 100, 200, 300];

    public static SaturationPlotData Saturation() => new(Steps,
        [new NamedSeries("sentiment", [0.1, 0.2, 0.25, 0.3]), new NamedSeries("flesch", [80, 82, 81, 83])],
        [new NamedSeries("sentiment", [0.0, 0.1, 0.2, 0.22]), new NamedSeries("flesch", [40, 60, 70, 75])]);

    public static LossPlotData Loss() => new(
        [new(0, 10.4), new(100, 5.2), new(200, 3.1), new(300, 2.5)],
        [new(0, 10.5), new(300, 2.7)],
        [new(0, 0), new(100, 5e-4), new(200, 3e-4), new(300, 1e-4)]);

    // (L=2, H=2, T=3) causal maps: row q spreads 1 evenly over keys 0..q.
    public static AttentionWeights Attention()
    {
        const int layers = 2, heads = 2, tokens = 3;
        var values = new float[layers * heads * tokens * tokens];
        for (var map = 0; map < layers * heads; map++)
        for (var q = 0; q < tokens; q++)
        for (var k = 0; k <= q; k++)
            values[(map * tokens + q) * tokens + k] = 1f / (q + 1);
        return new AttentionWeights(values, layers, heads, tokens, ["<s>", "▁Once", "▁upon"]);
    }

    public static double[,] LayerSimilarity() => new double[,] { { 1, 0.5, 0.2 }, { 0.5, 1, 0.6 }, { 0.2, 0.6, 1 } };

    public static EmbeddingPlotData Embedding() => new(
        [0.5, -1.0, 2.0, 0.1], [1.0, 0.0, -0.5, 0.3], 0.42, 0.17, ["▁the", "▁she", "▁he", "."], [900, 40, 50, 1000]);

    public static BiasPlotData Bias() => new(Steps,
        [new NamedSeries("doctor", [0, -0.1, -0.3, -0.4]), new NamedSeries("nurse", [0, 0.2, 0.4, 0.5])]);

    public static ComparisonPlotData Comparison() => new(
        [new ComparisonPanel("sentiment", Steps,
        [
            new OrderingSeeds("shuffle", [[0.1, 0.2, 0.3, 0.3], [0.12, 0.18, 0.28, 0.31]]),
            new OrderingSeeds("ascending", [[0.0, 0.25, 0.35, 0.4], [0.02, 0.22, 0.33, 0.42]]),
        ])],
        "shuffle");
}

using Prebias.Core.Metrics;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Generations of one checkpoint and their text metrics. <see cref="Scores"/> is row-major (generations ×
/// metrics): row i holds generation i's values of <see cref="Metrics"/> (the registry's text metrics, scored on the
/// continuation). <see cref="Mean"/>: NaN-aware mean per metric over all generations; <see cref="MeanByMode"/>: the
/// same per mode ("greedy", "sample").
/// </summary>
public sealed record GenerationResult(
    IReadOnlyList<GeneratedText> Generations,
    IReadOnlyList<MetricDefinition> Metrics,
    double[] Scores,
    double[] Mean,
    IReadOnlyDictionary<string, double[]> MeanByMode)
{
    /// <summary>Metric values of generation <paramref name="index"/>, in <see cref="Metrics"/> order.</summary>
    public ReadOnlySpan<double> ScoresOf(int index) => Scores.AsSpan(index * Metrics.Count, Metrics.Count);

    /// <summary>Mean of one metric over all generations, by name (e.g. "sentiment").</summary>
    public double MeanOf(string metric)
    {
        for (var c = 0; c < Metrics.Count; c++)
            if (string.Equals(Metrics[c].Name, metric, StringComparison.OrdinalIgnoreCase)) return Mean[c];
        throw new KeyNotFoundException($"metric \"{metric}\" was not scored");
    }
}

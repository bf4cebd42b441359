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
    IReadOnlyDictionary<string, double[]> MeanByMode);

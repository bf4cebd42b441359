namespace Prebias.Core.SampleMetrics;

/// <summary>A chunk of metric rows: sample ids and their values, row-major (ids × metrics).</summary>
public sealed record MetricRows(IReadOnlyList<int> SampleIds, ReadOnlyMemory<double> Values);

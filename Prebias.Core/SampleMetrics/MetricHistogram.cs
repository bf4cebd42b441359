namespace Prebias.Core.SampleMetrics;

/// <summary>
/// One metric's distribution over a dataset: <c>Bins</c> equal-width bins from <c>Lower</c> to <c>Upper</c> (the
/// metric's min and max over both splits, so train and val share their bins and can be overlaid), counted per split.
/// </summary>
public sealed record MetricHistogram(string Metric, double Lower, double Upper, int Bins, long[] Train, long[] Val);

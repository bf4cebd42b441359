namespace Prebias.Core.Plots;

/// <summary>A durability experiment's comparison: one panel per metric; <paramref name="BaselineOrdering"/> names the
/// ordering every other is compared with (drawn in black).</summary>
public sealed record ComparisonPlotData(IReadOnlyList<ComparisonPanel> Metrics, string BaselineOrdering);

namespace Prebias.Core.Plots;

/// <summary>One metric of a comparison: its checkpoints and every ordering's per-seed output values over them.</summary>
public sealed record ComparisonPanel(string Metric, IReadOnlyList<double> Checkpoints, IReadOnlyList<OrderingSeeds> Orderings);

namespace Prebias.Core.Plots;

/// <summary>A named line: one value per x value of the plot it belongs to (NaN marks a missing value).</summary>
public sealed record NamedSeries(string Name, IReadOnlyList<double> Values);

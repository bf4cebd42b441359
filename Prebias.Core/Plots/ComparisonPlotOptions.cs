namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="ComparisonPlot"/>.</summary>
public sealed record ComparisonPlotOptions : PlotOptions
{
    /// <summary>Band drawn around each ordering's mean across seeds (default min–max).</summary>
    public SeedBand Band { get; init; } = SeedBand.MinMax;

    /// <summary>Panels per row (default 2; fewer when there are fewer metrics).</summary>
    public int Columns { get; init; } = 2;

    /// <summary>Label of the x axis (default "step").</summary>
    public string XLabel { get; init; } = "step";
}

namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="InContextPlot"/> and <see cref="HeadHeatmapPlot"/>.</summary>
public sealed record InContextPlotOptions : PlotOptions
{
    /// <summary>Label of the step axis (default "step").</summary>
    public string XLabel { get; init; } = "step";
}

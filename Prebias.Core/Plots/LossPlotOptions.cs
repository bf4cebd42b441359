namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="LossPlot"/>.</summary>
public sealed record LossPlotOptions : PlotOptions
{
    /// <summary>Label of the x axis (default "step").</summary>
    public string XLabel { get; init; } = "step";
}

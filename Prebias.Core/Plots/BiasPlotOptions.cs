namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="BiasPlot"/>.</summary>
public sealed record BiasPlotOptions : PlotOptions
{
    /// <summary>Label of the x axis (default "step").</summary>
    public string XLabel { get; init; } = "step";

    /// <summary>Label of the y axis (default: the pronoun probe, log P(she) − log P(he)).</summary>
    public string YLabel { get; init; } = "log P(she) − log P(he)";

    /// <summary>Draw a dashed line at y = 0, the no-preference level of a log-probability difference (default true).</summary>
    public bool ZeroLine { get; init; } = true;
}

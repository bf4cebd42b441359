namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="BiasPlot"/>.</summary>
public sealed record BiasPlotOptions : PlotOptions
{
    /// <summary>Label of the x axis (default "step").</summary>
    public string XLabel { get; init; } = "step";

    /// <summary>Label of the y axis (default: the pronoun probe, log P(she) − log P(he)).</summary>
    public string YLabel { get; init; } = "log P(she) − log P(he)";

    /// <summary>A dashed line at the no-preference level: 0 for a log-probability difference (default), 0.5 for
    /// the share of minimal pairs; null for none.</summary>
    public double? ReferenceLine { get; init; } = 0;

    /// <summary>What the reference line means, shown in the legend (e.g. "no preference (0.5), 96 pairs").</summary>
    public string? ReferenceLabel { get; init; }
}

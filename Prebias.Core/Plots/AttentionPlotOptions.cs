namespace Prebias.Core.Plots;

/// <summary>
/// Options of <see cref="AttentionGridPlot"/>. With neither Layer nor Head the plot is the full grid (rows layers,
/// columns heads); with one of them, that row or column of the grid; with both, one heatmap with token labels.
/// </summary>
public sealed record AttentionPlotOptions : PlotOptions
{
    /// <summary>Only this layer (0-based); null for all.</summary>
    public int? Layer { get; init; }

    /// <summary>Only this head (0-based); null for all.</summary>
    public int? Head { get; init; }

    /// <summary>A single heatmap labels its axes with the tokens when there are at most this many (default 32).</summary>
    public int MaxLabelledTokens { get; init; } = 32;
}

namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="EmbeddingPlot"/>.</summary>
public sealed record EmbeddingPlotOptions : PlotOptions
{
    /// <summary>How many tokens get a text label (default 30; 0 for none). Needs <see cref="EmbeddingPlotData.Tokens"/>.</summary>
    public int LabelTopN { get; init; } = 30;
}

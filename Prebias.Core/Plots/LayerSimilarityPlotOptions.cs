namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="LayerSimilarityPlot"/>.</summary>
public sealed record LayerSimilarityPlotOptions : PlotOptions
{
    /// <summary>Write each cell's value in it, when there are at most <see cref="MaxAnnotatedLayers"/> layers (default true).</summary>
    public bool Annotate { get; init; } = true;

    /// <summary>Largest L for which values are written in the cells (default 16; beyond that they no longer fit).</summary>
    public int MaxAnnotatedLayers { get; init; } = 16;

    /// <summary>Number format of the annotations (default "0.00").</summary>
    public string ValueFormat { get; init; } = "0.00";

    /// <summary>Label of the colorbar (default "cosine similarity").</summary>
    public string ValueLabel { get; init; } = "cosine similarity";
}

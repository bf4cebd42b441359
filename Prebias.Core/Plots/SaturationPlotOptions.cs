namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="SaturationPlot"/>.</summary>
public sealed record SaturationPlotOptions : PlotOptions
{
    /// <summary>Min–max normalise each series to [0, 1] before drawing (default false: values as given).</summary>
    public bool Normalize { get; init; }

    /// <summary>Label of the shared x axis (default "step").</summary>
    public string XLabel { get; init; } = "step";

    /// <summary>Title of the left panel (default "Input: training data").</summary>
    public string InputTitle { get; init; } = "Input: training data";

    /// <summary>Title of the right panel (default "Output: generations").</summary>
    public string OutputTitle { get; init; } = "Output: generations";
}

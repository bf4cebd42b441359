namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="SaturationPlot"/>.</summary>
public sealed record SaturationPlotOptions : PlotOptions
{
    /// <summary>Small multiples, one panel per metric (default), or input and output panels.</summary>
    public SaturationLayout Layout { get; init; } = SaturationLayout.PerMetric;

    /// <summary>Panels per row of the per-metric layout (default 3).</summary>
    public int Columns { get; init; } = 3;

    /// <summary>Min–max normalise each series to [0, 1] before drawing (default false: values as given).</summary>
    public bool Normalize { get; init; }

    /// <summary>Label of the shared x axis (default "step").</summary>
    public string XLabel { get; init; } = "step";

    /// <summary>Name of the input side: the left panel, or the input line of a metric panel.</summary>
    public string InputTitle { get; init; } = "input: training data";

    /// <summary>Name of the output side: the right panel, or the output line of a metric panel.</summary>
    public string OutputTitle { get; init; } = "output: generations";
}

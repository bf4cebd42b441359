namespace Prebias.Core.Plots;

/// <summary>How <see cref="SaturationPlot"/> arranges its curves.</summary>
public enum SaturationLayout
{
    /// <summary>One panel per metric with its input and output line, each on its own scale (the default).</summary>
    PerMetric,

    /// <summary>Two panels: all input metrics left, all output metrics right (best normalised).</summary>
    InputOutput,
}

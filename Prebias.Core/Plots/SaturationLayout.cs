namespace Prebias.Core.Plots;

/// <summary>How <see cref="SaturationPlot"/> arranges its curves.</summary>
public enum SaturationLayout
{
    /// <summary>One panel per metric with its input and output line, each on its own scale (the default).</summary>
    PerMetric,

    /// <summary>Two panels: every input metric on the left, every output metric on the right (best normalised).</summary>
    InputOutput,
}

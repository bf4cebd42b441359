namespace Prebias.Core.Plots;

/// <summary>
/// Saturation curves of one run: x positions of the checkpoints (step or samples seen) and, per metric, its value at
/// each checkpoint in the training data seen (input) and in the model's generations (output).
/// </summary>
/// <param name="Checkpoints">x value of each checkpoint, in order (e.g. step).</param>
/// <param name="InputMetrics">One series per metric over the checkpoints (e.g. window or cumulative input mean).</param>
/// <param name="OutputMetrics">One series per metric over the checkpoints (mean over generations).</param>
public sealed record SaturationPlotData(
    IReadOnlyList<double> Checkpoints,
    IReadOnlyList<NamedSeries> InputMetrics,
    IReadOnlyList<NamedSeries> OutputMetrics);

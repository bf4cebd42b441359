namespace Prebias.Core.Evaluation.Results;

/// <summary>
/// One row of a run's saturation table: a checkpoint × metric with the input means (window since the previous
/// checkpoint, cumulative) and the output mean (generated text), raw and min–max normalised per metric and series
/// over the run's checkpoints, so input and output metrics share one [0, 1] axis.
/// </summary>
public sealed record SaturationRow(
    long Step, long SamplesSeen, string Metric,
    double? InputWindow, double? InputCumulative, double? Output,
    double? InputWindowNorm, double? InputCumulativeNorm, double? OutputNorm);

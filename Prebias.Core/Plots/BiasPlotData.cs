namespace Prebias.Core.Plots;

/// <summary>Bias probe scores over checkpoints: one series per occupation (or per ordering), one value per checkpoint.</summary>
/// <param name="Checkpoints">x value of each checkpoint (e.g. step).</param>
/// <param name="Series">One line per occupation or ordering; NaN marks an unevaluated checkpoint.</param>
public sealed record BiasPlotData(IReadOnlyList<double> Checkpoints, IReadOnlyList<NamedSeries> Series);

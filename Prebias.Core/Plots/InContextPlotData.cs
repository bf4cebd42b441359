namespace Prebias.Core.Plots;

/// <summary>
/// The in-context measures of a run's checkpoints: <see cref="Steps"/> ascending; <see cref="IclScore"/> aligned with
/// them (NaN = not measured); <see cref="PrefixMatching"/>[head][checkpoint] with <see cref="HeadLabels"/> such as
/// "L1H2".
/// </summary>
public sealed record InContextPlotData(IReadOnlyList<double> Steps, IReadOnlyList<double> IclScore,
    IReadOnlyList<string> HeadLabels, IReadOnlyList<IReadOnlyList<double>> PrefixMatching, string IclLabel);

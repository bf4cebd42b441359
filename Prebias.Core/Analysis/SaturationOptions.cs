namespace Prebias.Core.Analysis;

/// <summary>Tolerance band of <see cref="SaturationDetector"/>: half-width max(RelativeTolerance·|final|, AbsoluteTolerance).</summary>
public sealed record SaturationOptions
{
    /// <summary>Band half-width as a fraction of |final value| (0.05 = within 5% of where the curve ends).</summary>
    public double RelativeTolerance { get; init; } = 0.05;

    /// <summary>Floor of the band half-width, in the metric's own units; needed for metrics that end near 0, where a
    /// relative band collapses. 0 = relative band only.</summary>
    public double AbsoluteTolerance { get; init; } = 0.0;

    public static SaturationOptions Default { get; } = new();
}
